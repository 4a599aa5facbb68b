import Foundation
import TranslationMemory

// Translation-memory lookup benchmark (see Benchmarks/tm-lookup.sh).
//
//   BitextTMBench build DB TM.tsv N
//       Builds a TM of N en→ru units from TM.tsv (source<TAB>target). The first lines are taken as
//       they are; past the end of the file, unit j is a mix: the first half of the words of
//       sentence a = j mod L and the second half of sentence (a + 1 + ⌊j / L⌋) mod L (targets mixed
//       the same way), so that each (a, b) pair is used once and the units differ. Previous and
//       next segments are the neighbouring lines, as in a document.
//   BitextTMBench query DB QUERIES.txt [THREADS]
//       Looks up every line (top 5, threshold 75), best of 3 runs; prints JSON.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("BitextTMBench: \(message)\n".utf8))
    exit(2)
}

func readLines(_ path: String) -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
    return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

func build(db: String, tsv: String, count: Int) throws {
    let pairs = readLines(tsv).compactMap { line -> (String, String)? in
        let c = line.split(separator: "\t", omittingEmptySubsequences: false)
        return c.count == 2 ? (String(c[0]), String(c[1])) : nil
    }
    let L = pairs.count
    func halves(_ a: String, _ b: String) -> String {
        let aw = a.split(separator: " "), bw = b.split(separator: " ")
        return (aw.prefix(aw.count / 2) + bw.suffix(bw.count - bw.count / 2)).joined(separator: " ")
    }
    func unit(_ i: Int) -> (String, String) {
        if i < L { return pairs[i] }
        let j = i - L, a = j % L, b = (a + 1 + j / L) % L
        return (halves(pairs[a].0, pairs[b].0), halves(pairs[a].1, pairs[b].1))
    }
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
    let tm = try TranslationMemory(path: db)
    let start = Date()
    let batch = 100_000
    var i = 0
    while i < count {
        var entries: [TMEntry] = []
        for k in i..<min(count, i + batch) {
            let (s, t) = unit(k)
            entries.append(TMEntry(source: s, target: t, sourceLanguage: "en", targetLanguage: "ru",
                                   previous: k > 0 ? unit(k - 1).0 : nil, next: k + 1 < count ? unit(k + 1).0 : nil, origin: "bench-\(k / 1000)"))
        }
        try tm.add(entries)
        i += batch
        if i % 100_000 == 0 && i <= count { FileHandle.standardError.write(Data("  \(i) units, \(Int(Date().timeIntervalSince(start))) s\n".utf8)) }
    }
    let seconds = Date().timeIntervalSince(start)
    let stats = try tm.statistics()
    print("{\"build\": {\"requested\": \(count), \"units\": \(stats.units), \"seconds\": \(String(format: "%.1f", seconds)), \"bytes\": \(stats.bytes), \"indexed_tokens\": \(stats.indexedTokens)}}")
}

func query(db: String, queriesPath: String, threads: Int) throws {
    let tm = try TranslationMemory(path: db)
    let queries = readLines(queriesPath)
    let units = try tm.statistics().units
    // Warm up the page cache and the tokenizers.
    for q in queries.prefix(50) { _ = try tm.lookup(q, previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru") }
    var best = Double.infinity
    nonisolated(unsafe) var withMatch = 0
    nonisolated(unsafe) var matches = 0
    for _ in 0..<3 {
        let lock = NSLock()
        withMatch = 0
        matches = 0
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var hit = 0, found = 0
            for q in stride(from: worker, to: queries.count, by: threads) {
                let r = (try? tm.lookup(queries[q], previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru")) ?? []
                if !r.isEmpty { hit += 1 }
                found += r.count
            }
            lock.lock(); withMatch += hit; matches += found; lock.unlock()
        }
        best = min(best, Date().timeIntervalSince(start))
    }
    let name = (queriesPath as NSString).lastPathComponent
    print("{\"queries\": \"\(name)\", \"method\": \"bitext\", \"N\": \(units), \"threads\": \(threads), \"best_s\": \(String(format: "%.3f", best)), \"q_per_s\": \(String(format: "%.1f", Double(queries.count) / best)), \"queries_with_match\": \(withMatch), \"matches\": \(matches)}")
}

let args = CommandLine.arguments
do {
    switch args.count > 1 ? args[1] : "" {
    case "build" where args.count == 5:
        guard let n = Int(args[4]) else { fail("N must be a number") }
        try build(db: args[2], tsv: args[3], count: n)
    case "query" where args.count == 4 || args.count == 5:
        try query(db: args[2], queriesPath: args[3], threads: args.count == 5 ? Int(args[4]) ?? 1 : 1)
    default:
        fail("usage: BitextTMBench build DB TM.tsv N | query DB QUERIES.txt [THREADS]")
    }
} catch {
    fail("\(error)")
}
