/// GNU gettext PO: `msgctxt` carries the unit id, `#.` the notes and glossary terms, `#, fuzzy`
/// marks units that need review.
public enum PO {
    static let formatName = "PO"
    /// Flags for states and settings that PO has no word for.
    static let finalFlag = "bitext-final"
    static let needsTranslationFlag = "bitext-needs-translation"
    static let newFlag = "bitext-new"
    static let translatedFlag = "bitext-translated"
    static let noTranslateFlag = "bitext-no-translate"
    /// Prefix of the extracted comments that carry glossary matches.
    static let glossaryPrefix = "glossary: "

    /// gettext's Plural-Forms for a language (the table of the gettext manual, by primary subtag).
    static func pluralForms(_ language: String) -> String {
        let primary = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        switch primary {
        case "ja", "ko", "zh", "vi", "th", "id", "ms", "lo", "my":
            return "nplurals=1; plural=0;"
        case "fr", "pt", "hy", "fa", "hi", "kab":
            return "nplurals=2; plural=(n > 1);"
        case "ru", "uk", "be", "sr", "hr", "bs":
            return "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        case "pl":
            return "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        case "cs", "sk":
            return "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"
        case "lt":
            return "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"
        case "lv":
            return "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
        case "ro":
            return "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);"
        case "sl":
            return "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);"
        case "ga":
            return "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4);"
        case "ar":
            return "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
        default:
            // Germanic, Romance (but French and Portuguese), Greek, Turkish, Azerbaijani and most others.
            return "nplurals=2; plural=(n != 1);"
        }
    }
}

extension PO {
    /// The charset of a catalogue that is not UTF-8, and the length of its byte order mark: UTF-16
    /// by its mark, another charset by `charset=` in the header's Content-Type. Nil for UTF-8, for
    /// ASCII, and for the template placeholder `CHARSET`.
    static func declaredCharset(_ head: [UInt8]) -> (charset: String, byteOrderMark: Int)? {
        if head.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
        if head.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
        let key = Array("charset=".utf8)
        guard head.count > key.count,
              let at = (0...(head.count - key.count)).first(where: { head[$0] == 0x63 && head[$0...].starts(with: key) }) else { return nil }
        let value = head[(at + key.count)...].drop { $0 == 0x20 }.prefix { b in
            !(b == 0x5C || b == 0x22 || b == 0x20 || b == 0x3B || b == 0x0A || b == 0x0D || b == 0x09)
        }
        let name = String(decoding: value, as: UTF8.self)
        switch name.lowercased() {
        case "", "utf-8", "utf8", "charset", "us-ascii", "ascii": return nil
        default: return (name, 0)
        }
    }
}
