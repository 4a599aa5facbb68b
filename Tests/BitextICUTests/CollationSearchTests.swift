import Testing
import BitextICU

@Suite("CollationSearch")
struct CollationSearchTests {
    static let resumeText = "My Résumé, your resume, RESUME"

    @Test(arguments: [
        (CollationSearch.Strength.primary, ["Résumé", "resume", "RESUME"]),
        (.secondary, ["resume", "RESUME"]),
        (.tertiary, ["resume"]),
    ])
    func strengthDecidesWhatCounts(strength: CollationSearch.Strength, expected: [String]) throws {
        let ranges = try CollationSearch.ranges(of: "resume", in: Self.resumeText, locale: "en", strength: strength)
        #expect(substrings(Self.resumeText, ranges) == expected)
    }

    @Test func resumeFindsAccentedResumeAtPrimaryButNotTertiary() throws {
        let text = "Send your Résumé"
        let primary = try CollationSearch.ranges(of: "resume", in: text, locale: "en", strength: .primary)
        #expect(substrings(text, primary) == ["Résumé"])
        #expect(try CollationSearch.ranges(of: "resume", in: text, locale: "en", strength: .tertiary).isEmpty)
    }

    @Test func matchesAreUTF16Ranges() throws {
        let search = try CollationSearch(pattern: "cafe", in: "😀 café, CAFE", locale: "en", strength: .primary)
        #expect(try search.matches() == [3..<7, 9..<13])
        // Asking again starts over.
        #expect(try search.matches() == [3..<7, 9..<13])
    }

    @Test func rangesAreStringIndicesIntoTheText() throws {
        let text = "😀 café, CAFE"
        let ranges = try CollationSearch.ranges(of: "cafe", in: text, locale: "en", strength: .primary)
        #expect(ranges.count == 2)
        #expect(substrings(text, ranges) == ["café", "CAFE"])
        #expect(ranges.first?.lowerBound == text.index(text.startIndex, offsetBy: 2))
        #expect(ranges.last?.upperBound == text.endIndex)
        #expect(text.distance(from: text.startIndex, to: ranges[1].lowerBound) == 8)
    }

    @Test func matchIncludesTrailingCombiningMarks() throws {
        let text = "resume\u{301} x"  // decomposed é at the end of the word
        let ranges = try CollationSearch.ranges(of: "resume", in: text, locale: "en", strength: .primary)
        #expect(ranges.count == 1)
        #expect(ranges.first.map { scalars(String(text[$0])) } == scalars("resume\u{301}"))
    }

    @Test func searchIsNonOverlapping() throws {
        let search = try CollationSearch(pattern: "aa", in: "aaaa", locale: "en", strength: .tertiary)
        #expect(try search.matches() == [0..<2, 2..<4])
    }

    @Test func noMatchGivesEmptyResult() throws {
        #expect(try CollationSearch.ranges(of: "xyz", in: Self.resumeText, locale: "en", strength: .primary).isEmpty)
    }

    @Test func findsCharactersOutsideTheBMP() throws {
        let search = try CollationSearch(pattern: "😀", in: "a😀b😀", locale: "en", strength: .primary)
        #expect(try search.matches() == [1..<3, 4..<6])
    }

    // MARK: Locales

    @Test func turkishDottedAndDotlessIAreDifferentLetters() throws {
        let text = "ISTANBUL İSTANBUL Istanbul"
        // In Turkish, I is the capital of ı, so only İSTANBUL matches "istanbul" even at primary strength.
        let turkish = try CollationSearch.ranges(of: "istanbul", in: text, locale: "tr", strength: .primary)
        #expect(substrings(text, turkish) == ["İSTANBUL"])
        let english = try CollationSearch.ranges(of: "istanbul", in: text, locale: "en", strength: .primary)
        #expect(substrings(text, english) == ["ISTANBUL", "İSTANBUL", "Istanbul"])
    }

    @Test func turkishDotlessIMatchesCapitalI() throws {
        let text = "I İ i ı"
        #expect(substrings(text, try CollationSearch.ranges(of: "ı", in: text, locale: "tr", strength: .primary)) == ["I", "ı"])
        #expect(substrings(text, try CollationSearch.ranges(of: "ı", in: text, locale: "en", strength: .primary)) == ["ı"])
    }

    @Test func germanSharpSMatchesDoubleS() throws {
        let text = "Straße STRASSE Strasse"
        let ranges = try CollationSearch.ranges(of: "strasse", in: text, locale: "de", strength: .primary)
        #expect(substrings(text, ranges) == ["Straße", "STRASSE", "Strasse"])
    }

    @Test func unknownLocaleFallsBackToRoot() throws {
        let search = try CollationSearch(pattern: "a", in: "bab", locale: "xx-invalid!!", strength: .tertiary)
        #expect(try search.matches() == [1..<2])
    }

    // MARK: Errors

    @Test func emptyPatternThrows() throws {
        let error = try #require(throws: ICUError.self) {
            try CollationSearch(pattern: "", in: "abc", locale: "en", strength: .primary)
        }
        #expect(error.name == "U_ILLEGAL_ARGUMENT_ERROR")
        #expect(error.operation.contains("string search"))
        #expect(throws: ICUError.self) { try CollationSearch.ranges(of: "", in: "abc", locale: "en", strength: .tertiary) }
    }

    /// ICU's search refuses a zero-length text; searching an empty segment finds nothing instead
    /// of throwing U_ILLEGAL_ARGUMENT_ERROR.
    @Test func emptyTextHasNoMatches() throws {
        let ranges = try CollationSearch.ranges(of: "x", in: "", locale: "en", strength: .primary)
        #expect(ranges.isEmpty)
    }
}
