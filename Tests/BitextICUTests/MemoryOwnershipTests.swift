import Testing
import BitextICU

/// Handles own their ICU objects and keep their buffers alive; dropping them in bulk must not crash or leak
/// buffers through retain cycles.
@Suite("Memory ownership")
struct MemoryOwnershipTests {
    static let iterations = 10_000

    @Test func manyBreakIterators() throws {
        let buffer = UTF16Buffer("One. Two three. Four!")
        let kinds: [BreakIterator.Kind] = [.character, .word, .line, .sentence]
        var total = 0
        for i in 0..<Self.iterations {
            let iterator = try BreakIterator(kinds[i % kinds.count], locale: i.isMultiple(of: 2) ? "en" : "tr")
            iterator.attach(buffer)
            total += iterator.boundaries().count
        }
        // character 22, word 11, line 5, sentence 4 boundaries, 2,500 times each.
        #expect(total == (22 + 11 + 5 + 4) * Self.iterations / 4)
    }

    @Test func manyRegularExpressions() throws {
        let buffer = UTF16Buffer("a1 b22 c333")
        var total = 0
        for i in 0..<Self.iterations {
            let re = try RegularExpression("\\d{\(1 + i % 3),}")
            re.attach(buffer)
            total += re.allMatches().count
        }
        // {1,} finds 3, {2,} finds 2, {3,} finds 1.
        #expect(total == 3334 * 3 + 3333 * 2 + 3333 * 1)
    }

    @Test func manyCollationSearches() throws {
        var total = 0
        for i in 0..<Self.iterations {
            let search = try CollationSearch(pattern: "resume", in: "Résumé \(i) resume", locale: "en", strength: .primary)
            total += try search.matches().count
        }
        #expect(total == 2 * Self.iterations)
    }

    @Test func manyFailedOpensDoNotCrash() {
        var failures = 0
        for _ in 0..<1_000 {
            if (try? RegularExpression("(unclosed")) == nil { failures += 1 }
            if (try? CollationSearch(pattern: "", in: "x", locale: "en", strength: .primary)) == nil { failures += 1 }
        }
        #expect(failures == 2_000)
    }

    @Test func bufferOutlivesItsIterator() throws {
        let buffer = UTF16Buffer("One. Two.")
        do {
            let iterator = try BreakIterator(.sentence, locale: "en")
            iterator.attach(buffer)
            #expect(iterator.boundaries() == [0, 5, 9])
            let re = try RegularExpression("T\\w+")
            re.attach(buffer)
            #expect(re.allMatches() == [5..<8])
        }
        // The handles are gone; the buffer is still ours to use and grow.
        #expect(buffer.string() == "One. Two.")
        buffer.replace(with: String(repeating: "x", count: 10_000))
        #expect(buffer.count == 10_000)
        #expect(buffer.string(0..<3) == "xxx")
        let again = try BreakIterator(.sentence, locale: "en")
        again.attach(buffer)
        #expect(again.boundaries() == [0, 10_000])
    }

    @Test func iteratorKeepsItsBufferAliveAndReleasesIt() throws {
        weak var weakBuffer: UTF16Buffer?
        var iterator: BreakIterator? = try BreakIterator(.word, locale: "en")
        do {
            let buffer = UTF16Buffer("alpha beta")
            weakBuffer = buffer
            iterator!.attach(buffer)
        }
        #expect(weakBuffer != nil)
        #expect(iterator!.boundaries() == [0, 5, 6, 10])
        iterator = nil
        #expect(weakBuffer == nil)
    }

    @Test func expressionKeepsItsBufferAliveAndReleasesIt() throws {
        weak var weakBuffer: UTF16Buffer?
        var re: RegularExpression? = try RegularExpression("[a-z]+")
        do {
            let buffer = UTF16Buffer("alpha beta")
            weakBuffer = buffer
            re!.attach(buffer)
        }
        #expect(weakBuffer != nil)
        #expect(re!.allMatches() == [0..<5, 6..<10])
        re = nil
        #expect(weakBuffer == nil)
    }

    @Test func reattachingReleasesThePreviousBuffer() throws {
        weak var weakFirst: UTF16Buffer?
        let iterator = try BreakIterator(.word, locale: "en")
        do {
            let first = UTF16Buffer("first")
            weakFirst = first
            iterator.attach(first)
            _ = iterator.first()
        }
        #expect(weakFirst != nil)
        let second = UTF16Buffer("second one")
        iterator.attach(second)
        #expect(weakFirst == nil)
        #expect(iterator.boundaries() == [0, 6, 7, 10])
    }

    @Test func searchOwnsCopiesOfPatternAndText() throws {
        var search: CollationSearch?
        do {
            var text = "Résumé and resume"
            let pattern = String("resume".reversed().reversed())
            search = try CollationSearch(pattern: pattern, in: text, locale: "en", strength: .primary)
            text = String(repeating: "z", count: 100)
            #expect(text.count == 100)
        }
        #expect(try search!.matches() == [0..<6, 11..<17])
    }

    @Test func manyHandlesFollowOneBufferThroughReallocations() throws {
        let buffer = UTF16Buffer(minimumCapacity: 16)
        buffer.replace(with: "A. B.")
        let iterators = try (0..<100).map { _ in try BreakIterator(.sentence, locale: "en") }
        let expressions = try (0..<100).map { _ in try RegularExpression("[A-Z]") }
        iterators.forEach { $0.attach(buffer) }
        expressions.forEach { $0.attach(buffer) }
        #expect(iterators.allSatisfy { $0.boundaries() == [0, 3, 5] })
        for n in [10, 100, 1000, 10_000] {
            buffer.replace(with: String(repeating: "A. ", count: n))
            #expect(iterators.allSatisfy { $0.boundaries().count == n + 1 })
            #expect(expressions.allSatisfy { $0.allMatches().count == n })
        }
    }

    @Test func separateHandlesOnParallelTasks() async throws {
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for t in 0..<8 {
                group.addTask {
                    let text = String(repeating: "Word \(t). ", count: 200)
                    let buffer = UTF16Buffer(text)
                    let iterator = try BreakIterator(.sentence, locale: "en")
                    let re = try RegularExpression("\\d")
                    iterator.attach(buffer)
                    re.attach(buffer)
                    var n = 0
                    for _ in 0..<50 { n += iterator.boundaries().count - 1 + re.allMatches().count }
                    return n
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 50 * 400, count: 8))
    }
}
