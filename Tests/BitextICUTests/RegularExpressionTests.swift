import Testing
import BitextICU

@Suite("RegularExpression")
struct RegularExpressionTests {
    /// A compiled expression attached to a fresh buffer holding `text`.
    private func attached(_ pattern: String, _ text: String, options: RegularExpression.Options = []) throws -> (RegularExpression, UTF16Buffer) {
        let re = try RegularExpression(pattern, options: options)
        let buffer = UTF16Buffer(text)
        re.attach(buffer)
        return (re, buffer)
    }

    // MARK: Compiling

    @Test(arguments: [
        ("(abc", "U_REGEX_MISMATCHED_PAREN", "at offset 4"),
        ("a{2,1}", "U_REGEX_MAX_LT_MIN", "at offset 6"),
        ("[z-a]", "U_REGEX_INVALID_RANGE", "at offset 4"),
        ("\\p{Bogus}", "U_REGEX_PROPERTY_SYNTAX", "at offset 9"),
    ])
    func compileErrorNamesTheICUErrorAndThePattern(pattern: String, name: String, detail: String) throws {
        let error = try #require(throws: ICUError.self) { try RegularExpression(pattern) }
        #expect(error.name == name)
        #expect(error.name.hasPrefix("U_REGEX_"))
        #expect((0x10300..<0x10400).contains(error.code))  // U_REGEX_ERROR_START ..< U_REGEX_ERROR_LIMIT
        #expect(error.detail == detail)
        #expect(error.operation.contains(pattern))
        #expect(error.description.contains("/\(pattern)/"))
        #expect(error.description.contains(name))
    }

    @Test(arguments: ["*a", "a)", "(?<=a+)b", "\\"])
    func otherSyntaxErrorsAreRegexErrors(pattern: String) throws {
        let error = try #require(throws: ICUError.self) { try RegularExpression(pattern) }
        #expect(error.name.hasPrefix("U_REGEX_"))
        #expect(error.description.contains(pattern))
    }

    /// ICU's C API rejects zero-length patterns with U_ILLEGAL_ARGUMENT_ERROR rather than compiling an
    /// expression that matches the empty string.
    @Test func emptyPatternIsRejectedByICU() throws {
        let error = try #require(throws: ICUError.self) { try RegularExpression("") }
        #expect(error.name == "U_ILLEGAL_ARGUMENT_ERROR")
    }

    @Test func keepsPatternAndOptions() throws {
        let re = try RegularExpression("a b", options: [.caseInsensitive, .allowCommentsAndWhitespace])
        #expect(re.pattern == "a b")
        #expect(re.options == [.caseInsensitive, .allowCommentsAndWhitespace])
    }

    // MARK: matches(at:)

    @Test func matchesAtSeesTextBeforeTheOffsetForLookBehind() throws {
        let (re, _) = try attached("(?<=Mr\\. )[A-Z]\\w+", "Ask Mr. Smith now")
        #expect(re.matches(at: 8))
        #expect(re.start(ofGroup: 0) == 8)
        #expect(re.end(ofGroup: 0) == 13)
        #expect(!re.matches(at: 0))  // "Ask": no "Mr. " before it
        #expect(!re.matches(at: 4))  // "Mr": no "Mr. " before it
    }

    @Test func matchesAtIsAnchoredAtTheOffset() throws {
        let (re, _) = try attached("\\d+", "ab12")
        #expect(!re.matches(at: 0))  // no search forward
        #expect(re.matches(at: 2))
        #expect(re.end(ofGroup: 0) == 4)
        #expect(re.matches(at: 3))
    }

    @Test func matchesAtIgnoresARegionLeftByAnEarlierCall() throws {
        let (re, _) = try attached("(?<=Mr\\. )[A-Z]\\w+", "Ask Mr. Smith now")
        #expect(re.firstMatch(in: 0..<4, transparent: false) == nil)
        #expect(re.matches(at: 8))
    }

    @Test func matchesAtOutOfRangeIsFalse() throws {
        let (re, _) = try attached("x?", "abc")
        #expect(re.matches(at: 3))  // the empty match at the end
        #expect(!re.matches(at: 4))
        #expect(!re.matches(at: -2))
    }

    /// `uregex_lookingAt` would treat a start index of -1 as "the start of the current region";
    /// `matches(at: -1)` is false instead of depending on what the previous call left behind.
    @Test func matchesAtMinusOneIsFalse() throws {
        let (re, _) = try attached("b", "ab")
        #expect(re.firstMatch(in: 1..<2) == 1..<2)
        #expect(!re.matches(at: -1))
    }

    // MARK: matchesWhole

    @Test func matchesWholeNeedsTheWholeRange() throws {
        let (re, _) = try attached("\\d+", "a123b")
        #expect(re.matchesWhole(1..<4))
        #expect(!re.matchesWhole(1..<5))
        #expect(!re.matchesWhole(0..<4))
        #expect(re.matchesWhole(2..<3))
    }

    @Test func matchesWholeLookAheadSeesPastTheRangeOnlyWhenTransparent() throws {
        let (re, _) = try attached("\\d+(?=%)", "50%")
        #expect(re.matchesWhole(0..<2, transparent: true))
        #expect(!re.matchesWhole(0..<2, transparent: false))
        #expect(re.matchesWhole(0..<2))  // transparent by default
    }

    @Test func matchesWholeWordBoundarySeesOutsideOnlyWhenTransparent() throws {
        let (re, _) = try attached("\\ba", "xa")
        #expect(!re.matchesWhole(1..<2, transparent: true))  // "x" before: no word boundary
        #expect(re.matchesWhole(1..<2, transparent: false))  // range start acts as text start
    }

    /// ICU's look-behind does not honour opaque bounds: it still reads text before the region.
    /// (ICU behaviour, not Bitext's; `matchesWhole`'s documentation suggests otherwise.)
    @Test func lookBehindIgnoresOpaqueBoundsInICU() throws {
        let (re, _) = try attached("(?<=x)a", "xa")
        #expect(re.matchesWhole(1..<2, transparent: true))
        #expect(re.matchesWhole(1..<2, transparent: false))
        #expect(re.firstMatch(in: 1..<2, transparent: false) == 1..<2)
    }

    /// `matchesWhole` anchors `^`/`$` at the range's ends whatever `allMatches` or
    /// `firstMatch(anchoring:)` set before.
    @Test func matchesWholeDoesNotDependOnEarlierCalls() throws {
        let (re, _) = try attached("^\\d+$", "ab 123 cd")
        #expect(re.matchesWhole(3..<6))  // ICU's default anchoring bounds
        #expect(re.allMatches().isEmpty)
        #expect(re.matchesWhole(3..<6))
        _ = re.firstMatch(in: 3..<6, anchoring: true)
        #expect(re.matchesWhole(3..<6))
    }

    @Test func wholeMatchConvenience() throws {
        let re = try RegularExpression("\\p{L}+")
        #expect(RegularExpression.wholeMatch(re, "Ölkə"))
        #expect(!RegularExpression.wholeMatch(re, "Ölkə 2"))
        #expect(!RegularExpression.wholeMatch(re, ""))
    }

    // MARK: firstMatch

    @Test func firstMatchWithBackslashZHonoursAnchoring() throws {
        let (re, _) = try attached("e\\.g\\.\\z", "e.g. foo")
        #expect(re.firstMatch(in: 0..<4, anchoring: true) == 0..<4)
        #expect(re.firstMatch(in: 0..<4, anchoring: false) == nil)
        #expect(re.firstMatch(in: 0..<8, anchoring: true) == nil)
        #expect(re.firstMatch(in: 0..<4) == nil)  // not anchoring by default
    }

    @Test func firstMatchWithCaretHonoursAnchoring() throws {
        let (re, _) = try attached("^foo", "a foo")
        #expect(re.firstMatch(in: 2..<5, anchoring: true) == 2..<5)
        #expect(re.firstMatch(in: 2..<5, anchoring: false) == nil)
    }

    @Test func firstMatchStaysInsideTheRange() throws {
        let (re, _) = try attached("\\d", "1 a2 b3")
        #expect(re.firstMatch(in: 0..<7) == 0..<1)
        #expect(re.firstMatch(in: 2..<7) == 3..<4)
        #expect(re.firstMatch(in: 5..<6) == nil)
    }

    // MARK: allMatches and forEachMatch

    @Test func allMatches() throws {
        let (re, _) = try attached("\\d+", "a 12 b 345 c 6")
        #expect(re.allMatches() == [2..<4, 7..<10, 13..<14])
        #expect(re.allMatches(in: 3..<12) == [3..<4, 7..<10])
        #expect(re.allMatches(in: 0..<2) == [])
    }

    @Test func allMatchesUsesUTF16Offsets() throws {
        let (re, _) = try attached("a", "😀a😀a")
        #expect(re.allMatches() == [2..<3, 5..<6])
    }

    @Test func allMatchesTerminatesOnEmptyMatches() throws {
        let (re, _) = try attached("x*", "abc")
        #expect(re.allMatches() == [0..<0, 1..<1, 2..<2, 3..<3])
    }

    @Test func forEachMatchExposesGroups() throws {
        let (re, _) = try attached("(\\d+)-(\\d+)", "1-2, 30-40")
        var seen: [[Range<Int>?]] = []
        re.forEachMatch(in: 0..<10) { m in
            seen.append((0...2).map { g in m.start(ofGroup: g).flatMap { s in m.end(ofGroup: g).map { s..<$0 } } })
        }
        #expect(seen == [[0..<3, 0..<1, 2..<3], [5..<10, 5..<7, 8..<10]])
    }

    // MARK: Groups

    @Test(arguments: [("abc", 0), ("(a)(b(c))?(?:d)", 3), ("(?<name>x)(y)", 2), ("(?=(a))", 1)])
    func groupCount(pattern: String, expected: Int) throws {
        #expect(try RegularExpression(pattern).groupCount == expected)
    }

    @Test func startAndEndOfGroups() throws {
        let (re, _) = try attached("(\\w+)@(\\w+)(!)?", "mail: bob@example")
        #expect(re.firstMatch(in: 0..<17) == 6..<17)
        #expect(re.start(ofGroup: 0) == 6)
        #expect(re.end(ofGroup: 0) == 17)
        #expect(re.start(ofGroup: 1) == 6)
        #expect(re.end(ofGroup: 1) == 9)
        #expect(re.start(ofGroup: 2) == 10)
        #expect(re.end(ofGroup: 2) == 17)
        #expect(re.start(ofGroup: 3) == nil)  // did not take part
        #expect(re.end(ofGroup: 3) == nil)
        #expect(re.start(ofGroup: 4) == nil)  // no such group
        #expect(re.start() == 6)
    }

    @Test func groupsBeforeAnyMatchAreNil() throws {
        let re = try RegularExpression("(a)")
        #expect(re.start(ofGroup: 0) == nil)
        #expect(re.end(ofGroup: 1) == nil)
    }

    // MARK: Options

    @Test func caseInsensitive() throws {
        let plain = try RegularExpression("hello")
        let insensitive = try RegularExpression("hello", options: .caseInsensitive)
        #expect(!RegularExpression.wholeMatch(plain, "HeLLo"))
        #expect(RegularExpression.wholeMatch(insensitive, "HeLLo"))
        // ICU matches literal strings with full case folding.
        #expect(RegularExpression.wholeMatch(try RegularExpression("STRASSE", options: .caseInsensitive), "straße"))
        #expect(RegularExpression.wholeMatch(try RegularExpression("ə", options: .caseInsensitive), "Ə"))
        #expect(!RegularExpression.wholeMatch(try RegularExpression("ə"), "Ə"))
    }

    @Test func dotMatchesLineSeparators() throws {
        #expect(!RegularExpression.wholeMatch(try RegularExpression("a.b"), "a\nb"))
        #expect(RegularExpression.wholeMatch(try RegularExpression("a.b", options: .dotMatchesLineSeparators), "a\nb"))
    }

    @Test func anchorsMatchLines() throws {
        let (plain, _) = try attached("^b", "a\nb")
        #expect(plain.allMatches() == [])
        let (multiline, _) = try attached("^b", "a\nb", options: .anchorsMatchLines)
        #expect(multiline.allMatches() == [2..<3])
    }

    @Test func allowCommentsAndWhitespace() throws {
        let re = try RegularExpression("a b  # letters", options: .allowCommentsAndWhitespace)
        #expect(RegularExpression.wholeMatch(re, "ab"))
        #expect(!RegularExpression.wholeMatch(try RegularExpression("a b"), "ab"))
    }

    @Test func unicodeWordBoundaries() throws {
        // Simple \b treats the apostrophe as a non-word character; Unicode word rules keep "don't" whole.
        let (simple, _) = try attached("\\bdon\\b", "don't")
        #expect(simple.allMatches() == [0..<3])
        let (unicode, _) = try attached("\\bdon\\b", "don't", options: .unicodeWordBoundaries)
        #expect(unicode.allMatches() == [])
    }

    // MARK: Unicode properties

    @Test func uppercaseLettersInCyrillic() throws {
        let (re, _) = try attached("\\p{Lu}", "Привет, Мир")
        #expect(re.allMatches() == [0..<1, 8..<9])
    }

    @Test func uppercaseLettersInAzerbaijani() throws {
        let (re, buffer) = try attached("\\p{Lu}\\p{Ll}*", "Əli və Ölkə")
        let found = re.allMatches().map { buffer.string($0) }
        #expect(found == ["Əli", "Ölkə"])
        let upper = try RegularExpression("\\p{Lu}")
        #expect(RegularExpression.wholeMatch(upper, "Ə"))  // U+018F
        #expect(!RegularExpression.wholeMatch(upper, "ə"))  // U+0259
    }

    // MARK: Buffers

    @Test func reattachesAfterReplace() throws {
        let re = try RegularExpression("\\d+")
        let buffer = UTF16Buffer(minimumCapacity: 16)
        buffer.replace(with: "a1")
        re.attach(buffer)
        #expect(re.allMatches() == [1..<2])
        buffer.replace(with: String(repeating: "x", count: 5000) + "42")  // reallocates
        #expect(re.allMatches() == [5000..<5002])
        #expect(re.matches(at: 5000))
        buffer.replace(with: "7 up")  // same storage, different text
        #expect(re.firstMatch(in: 0..<4) == 0..<1)
        buffer[2] = UInt16(UInt8(ascii: "9"))  // "7 9p"
        #expect(re.allMatches() == [0..<1, 2..<3])
    }

    @Test func attachSwitchesBuffers() throws {
        let re = try RegularExpression("[a-z]+")
        let a = UTF16Buffer("one two")
        let b = UTF16Buffer("THREE four")
        re.attach(a)
        #expect(re.allMatches() == [0..<3, 4..<7])
        re.attach(b)
        #expect(re.allMatches() == [6..<10])
        re.attach(a)
        #expect(re.allMatches() == [0..<3, 4..<7])
    }

    @Test func copyIsIndependent() throws {
        var original: RegularExpression? = try RegularExpression("[a-z]+", options: .caseInsensitive)
        let copy = try original!.copy()
        #expect(copy !== original!)
        #expect(copy.pattern == original!.pattern)
        #expect(copy.options == original!.options)

        let a = UTF16Buffer("Hello World")
        let b = UTF16Buffer("Ça va")
        original!.attach(a)
        copy.attach(b)
        #expect(original!.firstMatch(in: 0..<11) == 0..<5)
        #expect(copy.firstMatch(in: 0..<5) == 1..<2)
        // Each keeps its own text and match state.
        #expect(original!.start(ofGroup: 0) == 0)
        #expect(original!.allMatches() == [0..<5, 6..<11])
        #expect(copy.start(ofGroup: 0) == 1)
        #expect(copy.allMatches() == [1..<2, 3..<5])

        original = nil
        #expect(copy.allMatches() == [1..<2, 3..<5])
    }

    @Test func usingAnExpressionBeforeAttachTraps() async {
        await #expect(processExitsWith: .failure) {
            let re = try! RegularExpression("a")
            _ = re.allMatches()
        }
    }
}

@Suite("RegularExpression limits")
struct RegularExpressionLimitTests {
    @Test("a catastrophic pattern stops at ICU's time limit, then matches nothing; a sane one is untouched")
    func catastrophicBacktracking() throws {
        // (\p{L}+\s?)+\d backtracks exponentially on letters without a digit.
        let bad = try RegularExpression("(\\p{L}+\\s?)+\\d")
        bad.label = "test rule"
        let text = String(repeating: "abcdefghij", count: 8) + "!"
        let buffer = UTF16Buffer(text)
        bad.attach(buffer)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(bad.firstMatch(in: 0..<buffer.count) == nil)
        }
        #expect(bad.limitExceeded)
        #expect(elapsed < .seconds(20))
        // From then on: no match at once, even where the pattern would match.
        let digits = UTF16Buffer("abc 1")
        bad.attach(digits)
        #expect(bad.firstMatch(in: 0..<digits.count) == nil)
        #expect(bad.allMatches().isEmpty)

        let good = try RegularExpression("(\\p{L}+\\s?)+\\d")
        good.attach(digits)
        #expect(good.firstMatch(in: 0..<digits.count) == 0..<5)
        #expect(!good.limitExceeded)
    }
}
