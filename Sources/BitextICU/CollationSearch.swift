@_implementationOnly import CICU

/// Collation-based string search: finds a pattern in a text at a chosen comparison strength.
///
/// At `.primary` strength "resume" finds "Résumé" (accents and case ignored); at `.tertiary`
/// only exact matches count. Owns its collator and search handles, and the text it reads.
public final class CollationSearch {
    /// Collation strength.
    public enum Strength: Sendable {
        /// Base letters only: ignores accents and case.
        case primary
        /// Base letters and accents: ignores case.
        case secondary
        /// Base letters, accents and case.
        case tertiary
    }

    private let collator: OpaquePointer
    /// Nil for an empty text, which ICU's search refuses and which has no matches anyway.
    private let search: OpaquePointer?
    private let pattern: UTF16Buffer
    private let text: UTF16Buffer

    /// Opens a search for `pattern` in `text`.
    /// - Throws: `ICUError` when the collator or search cannot be opened (an empty pattern, say).
    public init(pattern: String, in text: String, locale: String, strength: Strength) throws(ICUError) {
        var status = U_ZERO_ERROR
        guard let c = bx_ucol_open(locale, &status), bx_success(status) != 0 else {
            throw ICUError(status, "opening collator for '\(locale)'")
        }
        switch strength {
        case .primary: bx_ucol_setStrength(c, UCOL_PRIMARY)
        case .secondary: bx_ucol_setStrength(c, UCOL_SECONDARY)
        case .tertiary: bx_ucol_setStrength(c, UCOL_TERTIARY)
        }
        // ICU keeps pointers to both the pattern and the text, so both live in owned buffers.
        let patternUnits = UTF16Buffer(pattern)
        let textBuffer = UTF16Buffer(text)
        if textBuffer.count == 0 && patternUnits.count > 0 {
            collator = c
            search = nil
            self.pattern = patternUnits
            self.text = textBuffer
            return
        }
        let s = bx_usearch_openFromCollator(
            patternUnits.base, Int32(patternUnits.count), textBuffer.base, Int32(textBuffer.count), c, &status)
        guard let s, bx_success(status) != 0 else {
            if let s { bx_usearch_close(s) }
            bx_ucol_close(c)
            throw ICUError(status, "opening string search for '\(pattern)'")
        }
        // Whole matches only: a match may not end inside a combining sequence.
        bx_usearch_setAttribute(s, USEARCH_ELEMENT_COMPARISON, USEARCH_STANDARD_ELEMENT_COMPARISON, &status)
        collator = c
        search = s
        self.pattern = patternUnits
        self.text = textBuffer
    }

    deinit {
        if let search { bx_usearch_close(search) }
        bx_ucol_close(collator)
    }

    /// All matches as UTF-16 ranges into the text.
    public func matches() throws(ICUError) -> [Range<Int>] {
        guard let search else { return [] }
        var status = U_ZERO_ERROR
        var result: [Range<Int>] = []
        var pos = bx_usearch_first(search, &status)
        while pos != bx_usearch_done() && bx_success(status) != 0 {
            result.append(Int(pos)..<Int(pos + bx_usearch_getMatchedLength(search)))
            pos = bx_usearch_next(search, &status)
        }
        try ICUError.check(status, "searching")
        return result
    }

    /// All matches as ranges of `String.Index` into `text`.
    public static func ranges(of pattern: String, in text: String, locale: String, strength: Strength) throws(ICUError) -> [Range<String.Index>] {
        let s = try CollationSearch(pattern: pattern, in: text, locale: locale, strength: strength)
        return try s.matches().map { r in
            let u = text.utf16
            return u.index(u.startIndex, offsetBy: r.lowerBound)..<u.index(u.startIndex, offsetBy: r.upperBound)
        }
    }
}

/// BCP 47 language tags through ICU.
public enum LanguageTags {
    /// The ICU locale id for a BCP 47 tag ("az-Latn-AZ" gives "az_Latn_AZ"), or nil when ICU cannot parse it.
    public static func icuLocale(forTag tag: String) -> String? {
        var capacity = 157
        while true {
            var status = U_ZERO_ERROR
            var out = [CChar](repeating: 0, count: capacity)
            var parsed: Int32 = 0
            let n = bx_uloc_forLanguageTag(tag, &out, Int32(out.count), &parsed, &status)
            if status == U_BUFFER_OVERFLOW_ERROR || (bx_success(status) != 0 && Int(n) >= capacity) {
                capacity = Int(n) + 1
                continue
            }
            guard bx_success(status) != 0, n > 0, Int(parsed) == tag.utf8.count else { return nil }
            return String(decoding: out[0..<Int(n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The language subtag of a BCP 47 tag, lower-cased ("az-Latn-AZ" gives "az").
    public static func language(ofTag tag: String) -> String? {
        guard let locale = icuLocale(forTag: tag) else { return nil }
        var status = U_ZERO_ERROR
        var out = [CChar](repeating: 0, count: 16)
        let n = bx_uloc_getLanguage(locale, &out, Int32(out.count), &status)
        guard bx_success(status) != 0, n > 0 else { return nil }
        return String(decoding: out[0..<Int(n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
