// Clash guard: BitextICU wraps the system ICU (libicu 72) while Foundation on Linux links its own
// bundled ICU. This file must compile with both modules imported and unqualified BitextICU names,
// and both must work side by side in one process.
import Foundation
import BitextICU
import Testing

@Suite("Foundation coexistence")
struct FoundationCoexistenceTests {
    @Test func formatWithFoundationMapWithBitextICU() throws {
        let text = String(format: "%@ costs %.2f%%", "Straße", 3.5)
        #expect(text == "Straße costs 3.50%")
        let data = Data(text.utf8)
        #expect(data.count == text.utf8.count)
        let decoded = try #require(String(data: data, encoding: .utf8))
        #expect(try CaseMapping.uppercased(decoded, locale: "de") == "STRASSE COSTS 3.50%")
        #expect(ICUInfo.version.hasPrefix("72"))
    }

    @Test func foundationAndBitextICURegexesAgree() throws {
        let text = String(format: "%d items at %.1f%% of %@", 12, 7.5, "Bakı")
        let pattern = "\\d+(?:\\.\\d+)?"
        let ns = try NSRegularExpression(pattern: pattern)
        let nsRanges = ns.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length))
            .map { $0.range.location..<($0.range.location + $0.range.length) }
        let re = try RegularExpression(pattern)
        re.attach(UTF16Buffer(text))
        #expect(re.allMatches() == nsRanges)
        #expect(nsRanges == [0..<2, 12..<15])
    }

    @Test func foundationAndBitextICUNormalizeAlike() throws {
        let text = "Tiếng Việt, 한국어, e\u{301}"
        let form: NormalizationForm = .nfd
        #expect(scalars(try form.normalize(text)) == scalars(text.decomposedStringWithCanonicalMapping))
        #expect(scalars(try NormalizationForm.nfc.normalize(text)) == scalars(text.precomposedStringWithCanonicalMapping))
        #expect(scalars(try NormalizationForm.nfkc.normalize("ﬁ１")) == scalars("ﬁ１".precomposedStringWithCompatibilityMapping))
    }

    @Test func foundationLocaleAndLanguageTagsAgree() throws {
        let tag = "az-Latn-AZ"
        let locale = Locale(identifier: tag)
        #expect(locale.language.languageCode?.identifier == LanguageTags.language(ofTag: tag))
        #expect(LanguageTags.icuLocale(forTag: tag) == "az_Latn_AZ")
        #expect(CaseMapping.Folding(language: tag) == .turkic)
    }

    @Test func unqualifiedBitextICUTypesResolve() throws {
        let iterator = try BreakIterator(.word, locale: "en")
        let buffer = UTF16Buffer(String(format: "%@ %@", "Hello", "world"))
        iterator.attach(buffer)
        #expect(iterator.boundaries() == [0, 5, 6, 11])
        let search = try CollationSearch(pattern: "WORLD", in: buffer.string(), locale: "en", strength: .secondary)
        #expect(try search.matches() == [6..<11])
        let error: ICUError = ICUError(name: "U_ZERO_ERROR", code: 0, operation: "nothing")
        #expect((error as any Error) is ICUError)
    }
}
