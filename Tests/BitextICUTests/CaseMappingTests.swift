import Testing
import BitextICU

@Suite("CaseMapping")
struct CaseMappingTests {
    // MARK: Upper-casing

    @Test(arguments: [
        ("istanbul", "tr", "\u{130}STANBUL"),
        ("istanbul", "az", "\u{130}STANBUL"),
        ("istanbul", "en", "ISTANBUL"),
        ("i", "az", "\u{130}"),
        ("ıi", "tr", "I\u{130}"),
        ("straße", "de", "STRASSE"),
        ("straße", "en", "STRASSE"),
        ("\u{149}", "en", "\u{2BC}N"),  // ŉ expands to two characters
        ("ἀρχή", "el", "ΑΡΧΗ"),  // Greek upper-casing drops the accents
        ("", "tr", ""),
    ])
    func uppercased(text: String, locale: String, expected: String) throws {
        #expect(scalars(try CaseMapping.uppercased(text, locale: locale)) == scalars(expected))
    }

    // MARK: Lower-casing

    @Test(arguments: [
        ("ISPARTA", "tr", "ısparta"),
        ("ISPARTA", "en", "isparta"),
        ("\u{130}", "az", "i"),
        ("\u{130}", "tr", "i"),
        ("\u{130}", "en", "i\u{307}"),  // default: i + combining dot above
        ("\u{130}STANBUL", "tr", "istanbul"),
        ("I\u{307}", "tr", "i"),  // decomposed İ also lower-cases to plain i in Turkish
        ("ΟΔΟΣ ΟΔΟΣ.", "el", "οδος οδος."),  // final sigma U+03C2 at word ends
        ("Ì", "lt", "i\u{307}\u{300}"),  // Lithuanian keeps the dot
        ("Ì", "en", "ì"),
    ])
    func lowercased(text: String, locale: String, expected: String) throws {
        #expect(scalars(try CaseMapping.lowercased(text, locale: locale)) == scalars(expected))
    }

    @Test func finalSigmaIsContextual() throws {
        let lower = try CaseMapping.lowercased("ΣΟΦΟΣ", locale: "el")
        #expect(scalars(lower) == [0x3C3, 0x3BF, 0x3C6, 0x3BF, 0x3C2])
    }

    @Test func expansionsBeyondTheFirstGuessUseTheOverflowPath() throws {
        // The first output buffer is 1.5 × input + 8 units; these need 2× and more.
        let ns = String(repeating: "\u{149}", count: 200)
        #expect(scalars(try CaseMapping.uppercased(ns, locale: "en")) == scalars(String(repeating: "\u{2BC}N", count: 200)))
        let sharpS = String(repeating: "ß", count: 500)
        let upper = try CaseMapping.uppercased(sharpS, locale: "de")
        #expect(upper.utf16.count == 1000)
        #expect(upper == String(repeating: "SS", count: 500))
        let iota = String(repeating: "\u{390}", count: 100)  // ΐ → Ι + ̈ + ́ (3 units each)
        let upperIota = try CaseMapping.uppercased(iota, locale: "en")
        #expect(scalars(upperIota) == Array(repeating: [0x399, 0x308, 0x301], count: 100).flatMap { $0 })
    }

    // MARK: Folding

    @Test(arguments: [
        ("Straße", CaseMapping.Folding.standard, "strasse"),
        ("Straße", .turkic, "strasse"),
        ("ISPARTA", .turkic, "ısparta"),
        ("ISPARTA", .standard, "isparta"),
        ("\u{130}stanbul", .turkic, "istanbul"),
        ("\u{130}stanbul", .standard, "i\u{307}stanbul"),
        ("ΟΔΟΣ", .standard, "οδοσ"),  // folding, unlike lower-casing, maps final sigma to σ
        ("ﬁ", .standard, "fi"),
        ("𐐀", .standard, "𐐨"),  // Deseret, outside the BMP
        ("", .turkic, ""),
    ])
    func folded(text: String, folding: CaseMapping.Folding, expected: String) throws {
        #expect(scalars(try CaseMapping.folded(text, folding)) == scalars(expected))
    }

    @Test func foldingDefaultsToStandard() throws {
        #expect(scalars(try CaseMapping.folded("\u{130}")) == [0x69, 0x307])
        #expect(try CaseMapping.folded("Straße") == "strasse")
    }

    @Test(arguments: [
        ("I" as Unicode.Scalar, CaseMapping.Folding.standard, "i"),
        ("I", .turkic, "ı"),
        ("\u{130}", .standard, "i\u{307}"),
        ("\u{130}", .turkic, "i"),
        ("ß", .standard, "ss"),
        ("ß", .turkic, "ss"),
        ("A", .turkic, "a"),
        ("ı", .standard, "ı"),
        ("ﬁ", .standard, "fi"),
        ("Σ", .standard, "σ"),
        ("ς", .standard, "σ"),
        ("𐐀", .standard, "𐐨"),
        ("7", .turkic, "7"),
    ])
    func foldedScalar(scalar: Unicode.Scalar, folding: CaseMapping.Folding, expected: String) {
        #expect(scalars(CaseMapping.folded(scalar, folding)) == scalars(expected))
    }

    @Test(arguments: [CaseMapping.Folding.standard, .turkic])
    func scalarAndStringFoldingAgree(folding: CaseMapping.Folding) throws {
        for scalar in "AIİiıßΣςﬁÉ𐐀".unicodeScalars {
            #expect(scalars(CaseMapping.folded(scalar, folding)) == scalars(try CaseMapping.folded(String(scalar), folding)),
                    "U+\(String(scalar.value, radix: 16))")
        }
    }

    // MARK: Folding(language:)

    @Test(arguments: ["tr", "az", "az-Latn-AZ", "TR", "tr-TR", "Az-latn", "tt", "kk", "ba", "crh"])
    func turkicLanguages(language: String) {
        #expect(CaseMapping.Folding(language: language) == .turkic)
    }

    @Test(arguments: ["en", "de", "fr-CA", "lt", "", "-", "tur", "t", "en-TR"])
    func standardLanguages(language: String) {
        #expect(CaseMapping.Folding(language: language) == .standard)
    }

    /// `Folding(language:)` also takes the ICU locale ids that `LanguageTags.icuLocale` and the
    /// break iterators use ("az_Latn_AZ", "tr_TR").
    @Test(arguments: ["az_Latn_AZ", "tr_TR"])
    func turkicICULocaleIds(locale: String) {
        #expect(CaseMapping.Folding(language: locale) == .turkic)
    }
}
