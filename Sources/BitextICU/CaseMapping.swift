@_implementationOnly import CICU

/// Locale-aware case mapping and case folding.
public enum CaseMapping {
    /// Case folding variants.
    public enum Folding: Sendable {
        /// Unicode default folding (İ folds to i̇, I to i).
        case standard
        /// Turkic folding for tr and az: I folds to ı and İ to i.
        case turkic

        /// The folding a language needs: Turkic for Turkish, Azerbaijani, Tatar, Kazakh and Bashkir.
        public init(language: String) {
            switch language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "@" }).first.map(String.init) ?? "" {
            case "tr", "az", "tt", "kk", "ba", "crh": self = .turkic
            default: self = .standard
            }
        }
    }

    /// Upper-cases `text` by the rules of `locale` (German ß becomes SS, Turkish i becomes İ).
    public static func uppercased(_ text: String, locale: String) throws(ICUError) -> String {
        try map(text, "upper-casing") { d, c, s, l, st in bx_strToUpper(d, c, s, l, locale, st) }
    }

    /// Lower-cases `text` by the rules of `locale` (Turkish I becomes ı).
    public static func lowercased(_ text: String, locale: String) throws(ICUError) -> String {
        try map(text, "lower-casing") { d, c, s, l, st in bx_strToLower(d, c, s, l, locale, st) }
    }

    /// Case-folds `text` for caseless matching (ß folds to ss).
    public static func folded(_ text: String, _ folding: Folding = .standard) throws(ICUError) -> String {
        let options = folding == .turkic ? bx_foldCaseExcludeSpecialI() : bx_foldCaseDefault()
        return try map(text, "case folding") { d, c, s, l, st in bx_strFoldCase(d, c, s, l, options, st) }
    }

    /// Case-folds one scalar; Turkic folding maps I to ı and İ to i, which ICU's folding leaves to the caller.
    public static func folded(_ scalar: Unicode.Scalar, _ folding: Folding = .standard) -> String {
        if folding == .turkic {
            if scalar == "I" { return "ı" }
            if scalar == "\u{130}" { return "i" }
        }
        return (try? folded(String(scalar), folding)) ?? String(scalar)
    }

    typealias Mapper = (
        UnsafeMutablePointer<UInt16>?, Int32, UnsafePointer<UInt16>, Int32, UnsafeMutablePointer<UErrorCode>
    ) -> Int32

    static func map(_ text: String, _ operation: String, _ mapper: Mapper) throws(ICUError) -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return "" }
        var capacity = source.count + source.count / 2 + 8
        while true {
            var status = U_ZERO_ERROR
            var out = [UInt16](repeating: 0, count: capacity)
            let n = source.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    mapper(dst.baseAddress, Int32(capacity), src.baseAddress!, Int32(src.count), &status)
                }
            }
            if status == U_BUFFER_OVERFLOW_ERROR {
                capacity = Int(n) + 1
                continue
            }
            try ICUError.check(status, operation)
            return String(decoding: out[0..<Int(n)], as: UTF16.self)
        }
    }
}
