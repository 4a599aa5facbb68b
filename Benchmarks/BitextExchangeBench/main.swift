import Exchange
import Foundation

// bitext-exchange-bench write|read FORMAT FILE [--units N] [--corpus TSV ...] [--workers N]
//
// write: builds N units by cycling through the sentence pairs of the corpus TSV files (source TAB
// target) and streams them to FILE; read: streams FILE back, counting units and characters. --workers sets
// the threads that read a large TMX or XLIFF 2 file (default: one per processor, at most 4; 1 reads in order).
// Prints one JSON line: {"tool","op","format","units","seconds","peak_rss_mib"}.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bitext-exchange-bench: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, let format = ExchangeFormat(rawValue: arguments[1]) else {
    fail("usage: bitext-exchange-bench write|read FORMAT FILE [--units N] [--corpus TSV ...]")
}
let op = arguments[0], path = arguments[2]
var count = 1_000_000
var corpora: [String] = []
var workers: Int?
var i = 3
while i < arguments.count {
    switch arguments[i] {
    case "--units": count = Int(arguments[i + 1]) ?? count; i += 2
    case "--workers": workers = Int(arguments[i + 1]); i += 2
    case "--corpus":
        i += 1
        while i < arguments.count && !arguments[i].hasPrefix("--") { corpora.append(arguments[i]); i += 1 }
    default: fail("unknown argument \(arguments[i])")
    }
}

func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var seconds = 0.0
var units = 0
do {
    switch op {
    case "write":
        var pairs: [(String, String)] = []
        for corpus in corpora {
            guard let text = try? String(contentsOfFile: corpus, encoding: .utf8) else { fail("cannot read \(corpus)") }
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                // XLIFF 1.2, TMX and PO cannot carry C0 control characters (the UI corpora have a few);
                // such pairs are left out so that every format writes the same units.
                guard parts.count == 2, !line.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) else { continue }
                pairs.append((String(parts[0]), String(parts[1])))
            }
        }
        guard !pairs.isEmpty else { fail("no sentence pairs; give --corpus FILE.tsv") }
        let start = now()
        let file = try AtomicFile(path: path, overwrite: true)
        let writer = format.makeWriter(sink: file.sink)
        try writer.write(.startDocument(DocumentHeader(sourceLanguage: "en", targetLanguage: "ru")))
        try writer.write(.startFile(FileInfo(id: "f1", original: "corpus.txt")))
        for n in 0..<count {
            let pair = pairs[n % pairs.count]
            // Units are built as they are written: nothing accumulates.
            try writer.write(.unit(TranslationUnit(id: "u\(n + 1)", source: Content(pair.0), target: Content(pair.1), state: .translated)))
        }
        try writer.write(.endFile)
        try writer.write(.endDocument)
        try file.commit()
        seconds = now() - start
        units = count
    case "read":
        let start = now()
        let reader: any ExchangeReader
        switch format {
        case .tmx: reader = try TMX.Reader(path: path, targetLanguage: "ru", workers: workers)
        case .xliff2: reader = try XLIFF2.Reader(path: path, workers: workers)
        default: reader = try format.makeReader(path: path, sourceLanguage: "en", targetLanguage: "ru")
        }
        var characters = 0
        while let event = try reader.next() {
            if case let .unit(u) = event {
                units += 1
                characters += u.source.text.utf8.count + u.target.text.utf8.count
            }
        }
        seconds = now() - start
        if characters == 0 { fail("read no text") }
    default:
        fail("the first argument is write or read")
    }
} catch {
    fail("\(error)")
}
print("{\"tool\":\"bitext\",\"op\":\"\(op)\",\"format\":\"\(format.rawValue)\",\"units\":\(units),\"seconds\":\(String(format: "%.3f", seconds)),\"peak_rss_mib\":\(String(format: "%.1f", peakRSSMiB()))}")
