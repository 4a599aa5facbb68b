import BitextCore
import BitextICU

/// Everything the segmenter knows about one language, read from `Locales/`.
public struct LanguageRules: Sendable {
    /// The BCP 47 tag asked for, such as "az-Latn-AZ".
    public let tag: String
    /// The lower-case primary language subtag, such as "az".
    public let language: String
    /// The ICU locale used for ICU's sentence iterator.
    public let icuLocale: String
    /// SRX rules in cascade order (language-specific first).
    public let srxRules: [SRXDocument.Rule]
    /// Names of the SRX language rules that apply, in order.
    public let srxRuleSets: [String]
    public let abbreviations: AbbreviationList
    /// Words that commonly begin a sentence, as written sentence-initially.
    public let sentenceStarters: Set<String>
    /// ICU regular expressions for whole boilerplate lines (case-insensitive).
    public let boilerplate: [String]
    /// True when no rules exist for this language and generic rules are used.
    public let isFallback: Bool

    /// Loads the rules for `tag` from `locales`.
    /// - Throws: `SegmentationError` for a malformed tag or malformed data files.
    public init(tag: String, locales: LocaleData) throws(SegmentationError) {
        guard let icuLocale = LanguageTags.icuLocale(forTag: tag),
              let language = LanguageTags.language(ofTag: tag) else {
            throw .badLanguageTag(tag)
        }
        self.tag = tag
        self.language = language
        self.icuLocale = icuLocale

        // SRX language maps are matched against the lower-cased tag.
        let lowered = tag.lowercased()
        var names: [String] = []
        var specific = false
        for map in locales.srx.maps {
            let regex: RegularExpression
            do { regex = try RegularExpression(map.pattern, options: [.caseInsensitive]) } catch {
                throw .badLocaleData(SourceLocation(file: locales.path + "/segmentation.srx"),
                                     "languagemap pattern '\(map.pattern)': \(error)")
            }
            guard RegularExpression.wholeMatch(regex, lowered) else { continue }
            names.append(map.ruleName)
            if map.pattern != ".*" && map.pattern != ".+" { specific = true }
            if !locales.srx.cascade { break }
        }
        srxRuleSets = names
        srxRules = names.flatMap { locales.srx.languageRules[$0] ?? [] }

        if let (text, path) = try locales.file(language, "abbreviations.txt") {
            abbreviations = try AbbreviationList(parsing: text, file: path)
        } else {
            abbreviations = AbbreviationList()
        }
        sentenceStarters = Set((try locales.listLines(language, "sentence-starters.txt")?.lines ?? []).map { $0.1 })
        let boilerplateLines = try locales.listLines(language, "boilerplate.txt")
        var patterns: [String] = []
        for (line, pattern) in boilerplateLines?.lines ?? [] {
            do { _ = try RegularExpression(pattern, options: [.caseInsensitive]) } catch {
                throw .badLocaleData(SourceLocation(file: boilerplateLines!.path, line: line, column: 1),
                                     "bad regular expression: \(error)")
            }
            patterns.append(pattern)
        }
        boilerplate = patterns
        isFallback = !specific && abbreviations.count == 0 && sentenceStarters.isEmpty
    }
}
