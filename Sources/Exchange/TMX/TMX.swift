/// TMX 1.4b translation memory exchange: `tu`/`tuv` with `xml:lang`, metadata in `prop`.
public enum TMX {
    static let formatName = "TMX 1.4b"
    /// `prop` types Bitext writes; other `prop`s are ignored on reading.
    static let stateProp = "x-bitext-state"
    static let translateProp = "x-bitext-translate"
    static let rangeProp = "x-bitext-range"
    static let fileProp = "x-bitext-file"
}
