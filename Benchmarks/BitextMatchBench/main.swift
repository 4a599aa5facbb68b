// In-process glossary term matching throughput, measured like ../shared's bench_matching.py:
// reads a corpus (one paragraph per line) and a glossary (one term per line), builds one
// TermMatcher for all terms (timed: build_s), then matches every line of the corpus, best of N
// runs. The baselines match the whole corpus as one string; we match line by line (no term spans
// a line, so the matches are the same), which is how `bitext terms` feeds a matcher too.
// Matching is case-insensitive on ICU word boundaries with Unicode case folding.
//
// usage: bitext-match-bench CORPUS GLOSSARY_TXT [--repeat N] [--inflection] [--locales DIR] [--lang TAG] [--ceiling] [--dump FILE]
// --ceiling: instead of TermMatcher, time only what any ICU-based matcher must do (profiling aid):
//   UTF-8 -> UTF-16, ICU word iteration, an ASCII-lower-cased key per word token (no allocation
//   for keys up to 15 bytes) and a Set<String> lookup of the glossary's words. Not a matcher.
// --dump FILE: instead of timing, write every occurrence to FILE (line, concept, term, byte range,
//   text; tab-separated), to check that two builds of the matcher find exactly the same.
// prints one JSON line:
//   {"tool":"bitext","terms":N,"bytes":…,"matches":…,"build_s":…,"best_s":…,"MB_per_s":…,"peak_rss_mb":…, …}
// bytes = UTF-8 bytes of the whole file (newlines included), as bench_matching.py counts them.
import Foundation
import Glossary
import Segmentation
import BitextICU
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String, _ code: Int32) -> Never {
    FileHandle.standardError.write("bitext-match-bench: \(message)\n".data(using: .utf8)!)
    exit(code)
}

/// Peak resident set size so far, in MiB (ru_maxrss is KiB on Linux, bytes on macOS).
func peakRSSMiB() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576
    #endif
}

/// Current resident set size in MiB (Linux /proc/self/statm), or nil.
func currentRSSMiB() -> Double? {
    guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
    let fields = s.split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func fmt(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", x) }

let args = CommandLine.arguments
guard args.count >= 3 else {
    fail("usage: bitext-match-bench CORPUS GLOSSARY_TXT [--repeat N] [--inflection] [--locales DIR] [--lang TAG]", 64)
}
let corpusPath = args[1], glossaryPath = args[2]
var repeats = 3
var useInflection = false
var ceiling = false
var localesPath: String?
var lang = "en"
var dumpPath: String?
var k = 3
while k < args.count {
    switch args[k] {
    case "--repeat" where k + 1 < args.count:
        guard let n = Int(args[k + 1]), n > 0 else { fail("--repeat needs a positive integer", 64) }
        repeats = n; k += 2
    case "--locales" where k + 1 < args.count: localesPath = args[k + 1]; k += 2
    case "--lang" where k + 1 < args.count: lang = args[k + 1]; k += 2
    case "--inflection": useInflection = true; k += 1
    case "--ceiling": ceiling = true; k += 1
    case "--dump" where k + 1 < args.count: dumpPath = args[k + 1]; k += 2
    default: fail("unknown argument '\(args[k])'", 64)
    }
}

// ---- glossary and matcher (built before the corpus is read, so the RSS after the build is
// the runtime plus the automaton)
guard let glossaryData = FileManager.default.contents(atPath: glossaryPath) else { fail("cannot read \(glossaryPath)", 66) }
let terms = String(decoding: glossaryData, as: UTF8.self)
    .split(separator: "\n", omittingEmptySubsequences: true)
    .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
    .filter { !$0.allSatisfy(\.isWhitespace) }
let termBase = TermBase(concepts: terms.enumerated().map {
    Concept(id: "c\($0.offset)", terms: [Term(text: $0.element, language: lang)])
}, source: glossaryPath)

let matcher: TermMatcher
let buildSeconds: Double
let rssBeforeBuild = currentRSSMiB()
do {
    let inflection: Inflection
    if useInflection {
        let path = try LocaleData.locate(explicit: localesPath).path
        inflection = try Inflection.load(language: lang, localesPath: path)
        if inflection.mode == .none { fail("no inflection rules for '\(lang)' under \(path)", 66) }
    } else {
        inflection = Inflection()
    }
    let t0 = now()
    matcher = try TermMatcher(termBase: termBase, language: lang, inflection: inflection)
    buildSeconds = now() - t0
} catch {
    fail("\(error)", 65)
}
let rssAfterBuild = currentRSSMiB()
let peakAfterBuild = peakRSSMiB()

// ---- corpus, split into lines outside the timed region (the baselines get the text as a str)
guard let corpusData = FileManager.default.contents(atPath: corpusPath) else { fail("cannot read \(corpusPath)", 66) }
let totalBytes = corpusData.count
let lines: [String] = String(decoding: corpusData, as: UTF8.self)
    .split(separator: "\n", omittingEmptySubsequences: true)
    .map(String.init)

/// The --ceiling loop: ICU word tokens, ASCII fold, vocabulary lookup; returns vocabulary hits.
func ceilingPass(_ lines: [String], _ vocabulary: Set<String>, _ words: BreakIterator, _ buffer: UTF16Buffer) -> Int {
    var hits = 0
    var key: [UInt8] = []
    for line in lines {
        buffer.replace(with: line)
        words.attach(buffer)
        var start = words.first()
        while let end = words.next() {
            if words.wordStatus != .none {
                key.removeAll(keepingCapacity: true)
                buffer.withUnits { u in
                    for i in start..<end { let c = u[i]; key.append(UInt8(truncatingIfNeeded: (c >= 65 && c <= 90) ? c + 32 : c)) }
                }
                if vocabulary.contains(String(decoding: key, as: UTF8.self)) { hits += 1 }
            }
            start = end
        }
    }
    return hits
}

var best = Double.infinity
var matches = 0
if ceiling {
    let vocabulary = Set(terms.flatMap { $0.lowercased().split(separator: " ").map(String.init) })
    let buffer = UTF16Buffer(minimumCapacity: 4096)
    let words = try! BreakIterator(.word, locale: "en")
    words.attach(buffer)
    for _ in 0..<repeats {
        let t0 = now()
        matches = ceilingPass(lines, vocabulary, words, buffer)
        best = min(best, now() - t0)
    }
    print("{\"tool\":\"bitext-ceiling\",\"terms\":\(terms.count),\"bytes\":\(totalBytes),\"vocabulary_hits\":\(matches),\"best_s\":\(fmt(best)),\"MB_per_s\":\(fmt(Double(totalBytes) / 1e6 / best, 3))}")
    exit(0)
}
if let dumpPath {
    // Every occurrence, one per line (line number, concept, term, byte range, text), to compare
    // two builds of the matcher; nothing is timed.
    var out = ""
    for (n, line) in lines.enumerated() {
        for o in matcher.occurrences(in: line) { out += "\(n)\t\(o.concept)\t\(o.term)\t\(o.range.lowerBound)\t\(o.range.upperBound)\t\(o.text)\n" }
    }
    guard (try? out.write(toFile: dumpPath, atomically: false, encoding: .utf8)) != nil else { fail("cannot write \(dumpPath)", 73) }
    exit(0)
}
for _ in 0..<repeats {
    var count = 0
    let t0 = now()
    for line in lines {
        count += matcher.occurrences(in: line).count
    }
    best = min(best, now() - t0)
    matches = count
}

var json = "{\"tool\":\"bitext\",\"inflection\":\(useInflection ? "\"\(lang)\"" : "null"),\"terms\":\(terms.count),"
json += "\"bytes\":\(totalBytes),\"lines\":\(lines.count),\"matches\":\(matches),\"build_s\":\(fmt(buildSeconds)),"
json += "\"best_s\":\(fmt(best)),\"MB_per_s\":\(fmt(Double(totalBytes) / 1e6 / best, 3)),\"repeat\":\(repeats),"
json += "\"peak_rss_mb\":\(fmt(peakRSSMiB(), 1)),\"peak_rss_after_build_mb\":\(fmt(peakAfterBuild, 1))"
if let a = rssBeforeBuild, let b = rssAfterBuild { json += ",\"automaton_rss_mb\":\(fmt(b - a, 1))" }
json += "}"
print(json)
