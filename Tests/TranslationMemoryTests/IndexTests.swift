import Foundation
import Testing
@testable import TranslationMemory

@Suite("Fuzzy index")
struct IndexTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/corpora/parallel/en-ru.tsv").standardized.path

    @Test func noSharedTokenReturnsNothingQuickly() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var entries: [TMEntry] = []
        for i in 0..<5000 {
            entries.append(entry("The quick brown fox number \(i) jumps over the lazy dog \(i % 7).", "Лиса \(i)"))
        }
        try tm.add(entries)
        let start = Date()
        for _ in 0..<20 {
            #expect(try tm.lookup("Zebras graze peacefully beside rivers", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru").isEmpty)
        }
        #expect(Date().timeIntervalSince(start) < 0.5)  // 20 lookups; a scan of 5,000 units each would not fit
        // A query made of frequent tokens only still finds its neighbour.
        let r = try tm.lookup("The quick brown fox number 4321 jumps over the lazy dog 2!", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru")
        #expect(r.first?.target == "Лиса 4321")
        #expect(r.first?.kind == .fuzzy)
        #expect(r.first?.similarity == 92)  // 13 tokens, one differs
        #expect(r.dropFirst().allSatisfy { $0.similarity == 84 })
        #expect(r.count == 5)
    }

    /// ~20k units from the WMT en-ru corpus (originals plus sentences mixed from two halves);
    /// edited originals must be found, and the index must return what a full scan returns.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: IndexTests.corpus)))
    func nearDuplicatesInCorpus() throws {
        let pairs = try String(contentsOfFile: Self.corpus, encoding: .utf8).split(separator: "\n").compactMap { line -> (String, String)? in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            return cols.count == 2 ? (String(cols[0]), String(cols[1])) : nil
        }
        var entries = pairs.map { entry($0.0, $0.1) }
        let L = pairs.count
        for j in 0..<(20_000 - L) {
            let a = pairs[j % L], b = pairs[(j % L + 1 + j / L * 101) % L]
            let aw = a.0.split(separator: " "), bw = b.0.split(separator: " ")
            let s = (aw.prefix(aw.count / 2) + bw.suffix(bw.count - bw.count / 2)).joined(separator: " ")
            entries.append(entry(s, a.1))
        }
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tm.add(entries)
        #expect(try tm.statistics().units > 19_000)

        let tokenizer = TokenizerPool()
        let all = try entries.map { try tokenizer.tokens($0.source, language: "en") }
        var found = 0, tried = 0
        for k in stride(from: 3, to: L, by: L / 30) {
            var words = pairs[k].0.split(separator: " ")
            guard words.count >= 12 else { continue }
            tried += 1
            words.remove(at: words.count / 2)
            let query = words.joined(separator: " ")
            let r = try tm.lookup(query, previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru")
            if r.contains(where: { $0.source == pairs[k].0 }) { found += 1 }
            // Full scan: the best similarity must be the index's best.
            let q = try tokenizer.tokens(query, language: "en")
            var best = 0
            for t in all {
                let l = max(q.count, t.count), limit = TMSimilarity.maxDistance(l, threshold: 75)
                let d = TMSimilarity.distance(q, t, limit: limit)
                if d <= limit { best = max(best, TMSimilarity.score(distance: d, q.count, t.count)) }
            }
            #expect((r.first?.similarity ?? 0) == min(99, best), "\(query)")
        }
        #expect(tried > 15)
        #expect(found == tried)
    }
}
