import Testing
import BitextICU

@Suite("BreakIterator")
struct BreakIteratorTests {
    static let english = "Hello world. How are you? I am fine!"

    // MARK: Sentences

    @Test func sentenceBoundariesOfShortEnglishText() throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        let buffer = UTF16Buffer(Self.english)
        iterator.attach(buffer)
        let boundaries = iterator.boundaries()
        #expect(boundaries == [0, 13, 26, 36])
        #expect(pieces(buffer, boundaries) == ["Hello world. ", "How are you? ", "I am fine!"])
        #expect(iterator.kind == .sentence)
        #expect(iterator.locale == "en")
    }

    @Test func sentenceSuppressionsFollowTheLocaleKeyword() throws {
        let text = "Mr. Smith is here. He left."
        let plain = try BreakIterator(.sentence, locale: "en")
        let suppressing = try BreakIterator(.sentence, locale: "en@ss=standard")
        let buffer = UTF16Buffer(text)
        plain.attach(buffer)
        suppressing.attach(buffer)
        #expect(plain.boundaries() == [0, 4, 19, 27])
        #expect(suppressing.boundaries() == [0, 19, 27])
    }

    @Test func firstIsZeroAndNextWalksForward() throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        iterator.attach(UTF16Buffer(Self.english))
        #expect(iterator.first() == 0)
        #expect(iterator.next() == 13)
        #expect(iterator.next() == 26)
        #expect(iterator.next() == 36)
        #expect(iterator.next() == nil)
        #expect(iterator.first() == 0)
        #expect(iterator.next() == 13)
    }

    @Test(arguments: [(0, 13), (5, 13), (12, 13), (13, 26), (35, 36)])
    func following(offset: Int, expected: Int) throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        iterator.attach(UTF16Buffer(Self.english))
        #expect(iterator.following(offset) == expected)
    }

    @Test(arguments: [(36, 26), (26, 13), (14, 13), (13, 0), (1, 0)])
    func preceding(offset: Int, expected: Int) throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        iterator.attach(UTF16Buffer(Self.english))
        #expect(iterator.preceding(offset) == expected)
    }

    @Test func followingTheEndAndPrecedingTheStartAreNil() throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        iterator.attach(UTF16Buffer(Self.english))
        #expect(iterator.following(36) == nil)
        #expect(iterator.preceding(0) == nil)
    }

    @Test func nextContinuesFromFollowing() throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        iterator.attach(UTF16Buffer(Self.english))
        #expect(iterator.following(14) == 26)
        #expect(iterator.next() == 36)
        #expect(iterator.preceding(26) == 13)
        #expect(iterator.next() == 26)
    }

    // MARK: Words

    @Test func wordTokensCarryRuleStatus() throws {
        let iterator = try BreakIterator(.word, locale: "en")
        let buffer = UTF16Buffer("NATO's 2025 plan, approx. 3.5%")
        iterator.attach(buffer)
        let tokens = iterator.tokens()
        let described = tokens.map { (buffer.string($0.range), $0.status) }
        let expected: [(String, BreakIterator.WordStatus)] = [
            ("NATO's", .letter), (" ", .none), ("2025", .number), (" ", .none), ("plan", .letter),
            (",", .none), (" ", .none), ("approx", .letter), (".", .none), (" ", .none),
            ("3.5", .number), ("%", .none),
        ]
        #expect(described.map(\.0) == expected.map(\.0))
        #expect(described.map(\.1) == expected.map(\.1))

        func status(of word: String) -> BreakIterator.WordStatus? {
            tokens.first { buffer.string($0.range) == word }?.status
        }
        #expect(status(of: "2025") == .number)
        #expect(status(of: "plan") == .letter)
        #expect(status(of: ",") == BreakIterator.WordStatus.none)
        // Tokens tile the text without gaps.
        #expect(tokens.first?.range.lowerBound == 0)
        #expect(tokens.last?.range.upperBound == buffer.count)
        #expect(zip(tokens, tokens.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound })
    }

    @Test func ruleStatusFallsInICUsRanges() throws {
        let iterator = try BreakIterator(.word, locale: "en")
        iterator.attach(UTF16Buffer("2025 plan ,"))
        iterator.first()
        #expect(iterator.next() == 4)
        #expect((100..<200).contains(iterator.ruleStatus))  // UBRK_WORD_NUMBER
        #expect(iterator.next() == 5)
        #expect((0..<100).contains(iterator.ruleStatus))  // UBRK_WORD_NONE
        #expect(iterator.next() == 9)
        #expect((200..<300).contains(iterator.ruleStatus))  // UBRK_WORD_LETTER
        #expect(iterator.wordStatus == .letter)
    }

    @Test func ideographicWordsFromTheDictionary() throws {
        let iterator = try BreakIterator(.word, locale: "ja")
        let buffer = UTF16Buffer("日本語のテキストです。")
        iterator.attach(buffer)
        let tokens = iterator.tokens()
        #expect(tokens.first.map { buffer.string($0.range) } == "日本語")
        #expect(tokens.first?.status == .ideographic)
        #expect(tokens.last.map { buffer.string($0.range) } == "。")
        #expect(tokens.last?.status == BreakIterator.WordStatus.none)
    }

    @Test func lineBreakOpportunities() throws {
        let iterator = try BreakIterator(.line, locale: "en")
        let buffer = UTF16Buffer("Hello world, how")
        iterator.attach(buffer)
        #expect(pieces(buffer, iterator.boundaries()) == ["Hello ", "world, ", "how"])
    }

    @Test(arguments: [BreakIterator.Kind.character, .word, .line, .sentence])
    func emptyTextHasOnlyTheZeroBoundary(kind: BreakIterator.Kind) throws {
        let iterator = try BreakIterator(kind, locale: "en")
        iterator.attach(UTF16Buffer(""))
        #expect(iterator.boundaries() == [0])
        #expect(iterator.tokens().isEmpty)
        #expect(iterator.following(0) == nil)
    }

    // MARK: Re-attaching

    @Test func reattachesAfterReplaceThatReallocates() throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        let buffer = UTF16Buffer(minimumCapacity: 16)
        buffer.replace(with: "One. Two.")
        iterator.attach(buffer)
        #expect(iterator.boundaries() == [0, 5, 9])

        // Far beyond the capacity: the old storage is freed and the iterator must not read it.
        let long = String(repeating: "Sentence number one is here. ", count: 200)
        buffer.replace(with: long)
        let boundaries = iterator.boundaries()
        #expect(boundaries.count == 201)
        #expect(boundaries.last == long.utf16.count)
        #expect(pieces(buffer, boundaries).allSatisfy { $0 == "Sentence number one is here. " })
    }

    @Test func reattachesAfterReplaceWithShorterText() throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        let buffer = UTF16Buffer(Self.english)
        iterator.attach(buffer)
        #expect(iterator.boundaries() == [0, 13, 26, 36])
        buffer.replace(with: "Yes. No.")
        #expect(iterator.boundaries() == [0, 5, 8])
        buffer.replace(withUnits: Array("Hi. Bye. Ok.".utf16))
        #expect(iterator.following(0) == 4)
        #expect(iterator.boundaries() == [0, 4, 9, 12])
    }

    @Test func reattachesAfterSubscriptEdit() throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        let buffer = UTF16Buffer("One. Two.")
        iterator.attach(buffer)
        #expect(iterator.boundaries() == [0, 5, 9])
        buffer[3] = UInt16(UInt8(ascii: ","))  // "One, Two."
        #expect(iterator.boundaries() == [0, 9])
    }

    @Test func attachSwitchesBetweenBuffers() throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        let a = UTF16Buffer("A. B.")
        let b = UTF16Buffer("Only one sentence")
        iterator.attach(a)
        #expect(iterator.boundaries() == [0, 3, 5])
        iterator.attach(b)
        #expect(iterator.boundaries() == [0, 17])
        iterator.attach(a)
        #expect(iterator.boundaries() == [0, 3, 5])
    }

    @Test func iteratorsSharingABufferAreIndependent() throws {
        let words = try BreakIterator(.word, locale: "en")
        let sentences = try BreakIterator(.sentence, locale: "en")
        let buffer = UTF16Buffer("Go. Stop.")
        words.attach(buffer)
        sentences.attach(buffer)
        #expect(words.first() == 0)
        #expect(sentences.first() == 0)
        #expect(words.next() == 2)
        #expect(sentences.next() == 4)
        #expect(words.next() == 3)
        #expect(sentences.next() == 9)
    }

    /// After the buffer changes, `next()` re-attaches and walks the new text, never ICU's view of
    /// the old one (which, after a longer replacement, would be freed memory).
    @Test func nextAfterReplaceDoesNotWalkTheOldText() throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        let buffer = UTF16Buffer("Hello world. This is a long sentence. And another one here.")
        iterator.attach(buffer)
        #expect(iterator.first() == 0)
        buffer.replace(with: "Hi.")
        let boundary = iterator.next()
        #expect((boundary ?? 0) <= buffer.count)
        buffer.replace(with: String(repeating: "A much longer text follows. ", count: 2000))
        var last = 0
        while let b = iterator.next() { #expect(b > last && b <= buffer.count); last = b }
        #expect(last == buffer.count)
    }

    // MARK: Characters

    static let graphemeSamples = [
        "a😀b",
        "👍🏽",
        "🇦🇿🇹🇷",
        "👨‍👩‍👧x",
        "e\u{301}\u{323}",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "a\r\nb",
        "a👍🏽b🇦🇿c👨‍👩‍👧e\u{301}",
    ]

    @Test(arguments: graphemeSamples)
    func characterIteratorNeverSplitsSurrogatesOrClusters(text: String) throws {
        let iterator = try BreakIterator(.character, locale: "en")
        let buffer = UTF16Buffer(text)
        iterator.attach(buffer)
        let boundaries = iterator.boundaries()
        let units = Array(text.utf16)
        for b in boundaries where b > 0 && b < units.count {
            #expect(!UTF16.isTrailSurrogate(units[b]), "boundary \(b) splits a surrogate pair")
        }
        #expect(pieces(buffer, boundaries) == text.map(String.init))
    }

    @Test func characterFollowingAndPrecedingSkipSurrogatePairs() throws {
        let iterator = try BreakIterator(.character, locale: "en")
        iterator.attach(UTF16Buffer("a😀b"))  // units: a, D83D, DE00, b
        #expect(iterator.boundaries() == [0, 1, 3, 4])
        #expect(iterator.following(1) == 3)
        #expect(iterator.following(2) == 3)
        #expect(iterator.preceding(3) == 1)
        // An offset inside the pair counts as the pair's start, so the boundary before it is 0, never 2.
        #expect(iterator.preceding(2) == 0)
        #expect(iterator.next() == 1)
        #expect(iterator.next() == 3)
    }

    // MARK: Locales

    @Test(arguments: ["xx-invalid!!", "", "zz_ZZ", "@@@###"])
    func invalidLocaleFallsBackToRootRules(locale: String) throws {
        // ICU does not reject unknown locale ids: it opens the root rules (U_USING_DEFAULT_WARNING).
        let iterator = try BreakIterator(.sentence, locale: locale)
        #expect(iterator.locale == locale)
        let buffer = UTF16Buffer("Hi there. Bye now.")
        iterator.attach(buffer)
        #expect(iterator.boundaries() == [0, 10, 18])

        let words = try BreakIterator(.word, locale: locale)
        words.attach(buffer)
        #expect(words.tokens().filter { $0.status == .letter }.map { buffer.string($0.range) } == ["Hi", "there", "Bye", "now"])
    }

    @Test func usingAnIteratorBeforeAttachTraps() async {
        await #expect(processExitsWith: .failure) {
            let iterator = try! BreakIterator(.word, locale: "en")
            _ = iterator.first()
        }
    }
}
