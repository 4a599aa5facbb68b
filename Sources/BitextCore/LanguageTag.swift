/// The syntax of BCP 47 language tags (RFC 5646): what may name a language folder or be written
/// as `xml:lang`, `srcLang` or `trgLang`.
public enum LanguageTag {
    /// Whether `tag` is a well-formed BCP 47 tag: a 2–8 letter language (or `x-` private use), then
    /// subtags of 1–8 ASCII letters and digits separated by hyphens. Such a tag never holds a path
    /// separator, a dot or white space.
    public static func isWellFormed(_ tag: String) -> Bool {
        let subtags = tag.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard let first = subtags.first, tag.utf8.count <= 64 else { return false }
        let isLetter = { (b: UInt8) in (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        let isAlphanumeric = { (b: UInt8) in isLetter(b) || (b >= 0x30 && b <= 0x39) }
        let privateUse = first.count == 1 && (first.first! | 0x20) == UInt8(ascii: "x")
        guard privateUse || ((2...8).contains(first.count) && first.allSatisfy(isLetter)) else { return false }
        if privateUse && subtags.count < 2 { return false }
        return subtags.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy(isAlphanumeric) }
    }

    /// Why `tag` is refused, with a suggestion where one is obvious (`ru_RU` → `ru-RU`), or nil when it is well-formed.
    public static func problem(_ tag: String) -> String? {
        if isWellFormed(tag) { return nil }
        let hyphenated = String(tag.map { $0 == "_" ? "-" : $0 })
        if hyphenated != tag && isWellFormed(hyphenated) {
            return "'\(tag)' is not a BCP 47 language tag; did you mean \(hyphenated)?"
        }
        return "'\(tag)' is not a BCP 47 language tag (such as en, ru, pt-BR, az-Latn)"
    }

    /// Checks a source language and a list of target languages: each well-formed, none twice, no
    /// target equal to the source (compared without case). Returns the first problem, or nil.
    public static func problem(source: String, targets: [String]) -> String? {
        if let p = problem(source) { return "--source-lang: \(p)" }
        var seen: Set<String> = []
        for target in targets {
            if let p = problem(target) { return "--target-lang: \(p)" }
            let key = target.lowercased()
            if key == source.lowercased() { return "--target-lang: \(target) is also the source language" }
            if !seen.insert(key).inserted { return "--target-lang: \(target) is given twice" }
        }
        return nil
    }
}
