import BitextCore
import Exchange
import Foundation
import Glossary
import Jobs
import Segmentation
import TranslationMemory

/// One reader (or command) under test: which seeds it starts from, the name its input is saved
/// under, and what it does with one input file.
struct FuzzTarget: Sendable {
    let name: String
    /// File name of the input in the sandbox (its extension is what the reader goes by).
    let inputName: String
    let summary: String
    /// Whether a seed file (name, bytes) suits this target.
    let accepts: @Sendable (String, [UInt8]) -> Bool

    static let all: [FuzzTarget] = [
        exchange("xliff2", "input.xlf", "XLIFF 2 reader", .xliff2) { n, b in xml(n, b) && contains(b, "urn:oasis:names:tc:xliff:document:2") },
        exchange("xliff12", "input.xlf", "XLIFF 1.2 reader", .xliff12) { n, b in
            xml(n, b) && (contains(b, "urn:oasis:names:tc:xliff:document:1.2") || contains(b, "version=\"1.2\"") || n.hasSuffix(".sdlxliff"))
        },
        exchange("tmx", "input.tmx", "TMX reader", .tmx) { n, _ in n.hasSuffix(".tmx") },
        exchange("po", "input.po", "PO reader", .po) { n, _ in n.hasSuffix(".po") || n.hasSuffix(".pot") },
        exchange("csv", "input.csv", "CSV units reader", .csv) { n, _ in n.hasSuffix(".csv") && !n.contains("glossary") },
        exchange("tsv", "input.tsv", "TSV units reader", .tsv) { n, _ in n.hasSuffix(".tsv") && !n.contains("glossary") },
        exchange("jsonl", "input.jsonl", "JSON Lines reader", .jsonl) { n, _ in n.hasSuffix(".jsonl") },
        exchange("review", "input.html", "review page reader", .html) { n, b in n.hasSuffix(".html") && contains(b, "content=\"Bitext") },
        FuzzTarget(name: "tbx3", inputName: "input.tbx", summary: "TBX v3 term base, then a check", accepts: { n, b in
            n.hasSuffix(".tbx") && contains(b, "urn:iso:std:iso:30042") }),
        FuzzTarget(name: "tbx2008", inputName: "input.tbx", summary: "TBX 2008 (martif) term base, then a check", accepts: { n, b in
            n.hasSuffix(".tbx") && contains(b, "<martif") }),
        FuzzTarget(name: "glossary-csv", inputName: "input.csv", summary: "CSV term base, then a check", accepts: { n, _ in
            n.hasSuffix(".csv") && n.contains("glossary") }),
        FuzzTarget(name: "glossary-tsv", inputName: "input.tsv", summary: "TSV term base, then a check", accepts: { n, _ in
            n.hasSuffix(".tsv") && n.contains("glossary") }),
        FuzzTarget(name: "srx", inputName: "segmentation.srx", summary: "SRX rules, then segmenting a text", accepts: { n, _ in n.hasSuffix(".srx") }),
        FuzzTarget(name: "html", inputName: "input.html", summary: "HTML article, segmented and written as XLIFF 2", accepts: { n, b in
            n.hasSuffix(".html") && !contains(b, "content=\"Bitext") }),
        FuzzTarget(name: "markdown", inputName: "input.md", summary: "Markdown article, segmented and written as XLIFF 2",
                   accepts: { n, _ in n.hasSuffix(".md") }),
        FuzzTarget(name: "text", inputName: "input.txt", summary: "plain-text article, segmented and written as XLIFF 2",
                   accepts: { n, _ in n.hasSuffix(".txt") }),
        FuzzTarget(name: "merge", inputName: "", summary: "a returned file (any format) merged into a prepared job",
                   accepts: { n, _ in n.hasPrefix("returned-") }),
        FuzzTarget(name: "tm-import", inputName: "input.tmx", summary: "TMX imported into a translation memory",
                   accepts: { n, _ in n.hasSuffix(".tmx") }),
    ]

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    private static func exchange(_ name: String, _ input: String, _ summary: String, _ format: ExchangeFormat,
                                 _ accepts: @escaping @Sendable (String, [UInt8]) -> Bool) -> FuzzTarget {
        FuzzTarget(name: name, inputName: input, summary: summary, accepts: accepts)
    }

    private static func xml(_ name: String, _ bytes: [UInt8]) -> Bool {
        name.hasSuffix(".xlf") || name.hasSuffix(".xliff") || name.hasSuffix(".sdlxliff") || name.hasSuffix(".mqxliff")
    }

    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard n.count <= bytes.count, let first = n.first else { return false }
        var i = 0
        let end = min(bytes.count, 1 << 16) - n.count
        while i <= end {
            if bytes[i] == first && Array(bytes[i..<(i + n.count)]) == n { return true }
            i += 1
        }
        return false
    }
}

/// What one input did.
enum Outcome {
    case accepted(units: Int)
    case refused(message: String)
}

/// Runs inputs of one target inside a sandbox folder: everything the target writes goes there,
/// and nothing may appear beside it.
final class Runner {
    let target: FuzzTarget
    let sandbox: String
    let locales: String
    let segmenter: Segmenter
    private var memory: TranslationMemory?
    private var memoryUses = 0
    private var job = ""
    private let sample = """
        Azerbaijan joined NATO's Partnership for Peace in 1994. The Individual Partnership Action Plan \
        followed in 2005, with 12 goals. Mr. Aliyev met the Secretary General on 3 May!
        """

    init(target: FuzzTarget, sandbox: String, locales: String, seedJob: String) throws {
        self.target = target
        self.sandbox = sandbox
        self.locales = locales
        segmenter = try Segmenter(language: "en", locales: LocaleData(path: locales))
        if target.name == "srx" {
            // A Locales folder whose SRX file is the input and whose language lists are the real ones.
            let dir = sandbox + "/Locales"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for entry in try FileManager.default.contentsOfDirectory(atPath: locales) where entry != "segmentation.srx" {
                try FileManager.default.createSymbolicLink(atPath: dir + "/" + entry, withDestinationPath: locales + "/" + entry)
            }
        }
        if target.name == "merge" {
            job = sandbox + "/job"
            try FileManager.default.copyItem(atPath: seedJob, toPath: job)
        }
    }

    /// Where the input is written: the SRX file of the sandbox's Locales, a returned file in the
    /// job's language folder (named as prepare names it), or a plain file.
    func inputPath(seedName: String) -> String {
        switch target.name {
        case "srx": return sandbox + "/Locales/segmentation.srx"
        case "merge":
            // "returned-azerbaijan-nato.xlf12.xlf" → job/ru/azerbaijan-nato.xlf12.xlf
            return job + "/ru/" + String(seedName.dropFirst("returned-".count))
        default: return sandbox + "/" + target.inputName
        }
    }

    func run(path: String) throws -> Int {
        switch target.name {
        case "xliff2", "xliff12", "tmx", "po", "csv", "tsv", "jsonl", "review":
            guard let format = try ExchangeFormat.detect(path: path) else { throw FuzzFailure("no format for \(path)") }
            let reader = try format.makeReader(path: path, sourceLanguage: "en", targetLanguage: requestedTarget(path))
            let all = try reader.readAll()
            _ = reader.warnings
            writeBack(all.header, all.units)
            return all.units.count
        case "tbx3", "tbx2008", "glossary-csv", "glossary-tsv":
            let base = try TermBaseFile.read(path: path)
            _ = base.lint()
            let checker = try TermChecker(termBase: base, sourceLanguage: "en", targetLanguage: "ru", localesPath: locales)
            let units = base.concepts.prefix(50).enumerated().map { k, c in
                CheckUnit(file: "sample", id: "\(k)", source: c.terms(in: "en").map(\.text).joined(separator: " ") + " " + sample,
                          target: c.terms(in: "ru").map(\.text).joined(separator: " "))
            }
            _ = checker.check(units + [CheckUnit(file: "sample", id: "s", source: sample, target: "Азербайджан в 1994 году.")])
            return base.concepts.count
        case "srx":
            let data = try LocaleData(path: sandbox + "/Locales")
            var count = 0
            for language in ["en", "ru"] {
                let s = try Segmenter(language: language, locales: data)
                count += s.segments(of: sample + "\n\n" + sample).count
            }
            return count
        case "html", "markdown", "text":
            let kind: DocumentKind = target.name == "html" ? .html : target.name == "markdown" ? .markdown : .text
            let units = try DocumentSource.units(path: path, kind: kind, segmenter: segmenter)
            writeBack(DocumentHeader(sourceLanguage: "en", targetLanguage: "ru"), units)
            return units.count
        case "merge":
            let out = sandbox + "/out"
            let result = try Merge.run(MergeRequest(returned: [path], job: job, output: out, allowPartial: true, overwrite: true,
                                                    localesPath: locales))
            return result.documents.reduce(0) { $0 + $1.translatedUnits }
        case "tm-import":
            if memory == nil || memoryUses >= 500 {
                memory = nil
                try? FileManager.default.removeItem(atPath: sandbox + "/tm.sqlite")
                memory = try TranslationMemory(path: sandbox + "/tm.sqlite")
                memoryUses = 0
            }
            memoryUses += 1
            return try memory!.importTMX(path: path, sourceLanguage: requestedTarget(path) == nil ? nil : "en",
                                         targetLanguage: requestedTarget(path))
        default:
            throw FuzzFailure("unknown target \(target.name)")
        }
    }

    /// Half the inputs (by the parity of their size, so that a replay does the same) ask for `ru`,
    /// the others for no language: most seeds have other languages, and asking for one they lack
    /// is refused at the end of the file, which would leave the rest of the reader unexercised.
    private func requestedTarget(_ path: String) -> String? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return size % 2 == 0 ? "ru" : nil
    }

    /// Writes what was read as XLIFF 2 to memory: content the format cannot carry must be an error.
    private func writeBack(_ header: DocumentHeader, _ units: [TranslationUnit]) {
        let writer = ExchangeFormat.xliff2.makeWriter(sink: ByteSink())
        var h = header
        if h.sourceLanguage.isEmpty { h.sourceLanguage = "en" }
        try? writer.writeDocument(h, units: units)
    }
}

struct FuzzFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
