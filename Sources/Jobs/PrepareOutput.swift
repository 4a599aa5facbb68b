import BitextCore
import Exchange
import Foundation

extension Prepare {
    /// The layout of a job folder.
    public enum Layout {
        /// The original of a document, kept for `merge`.
        public static func source(_ job: String, _ name: String) -> String { job + "/source/" + name }
        /// The document's units (ids, ranges, translate flags, sources), the skeleton `merge` rebuilds from.
        public static func skeleton(_ job: String, _ name: String) -> String { job + "/source/" + name + ".units.jsonl" }
        /// A bilingual file of a document for one target language.
        public static func bilingual(_ job: String, _ language: String, _ name: String, _ format: ExchangeFormat) -> String {
            let stem = (name as NSString).deletingPathExtension
            let ext = format == .xliff12 ? "xlf12.xlf" : format.fileExtension
            return job + "/" + language + "/" + stem + "." + ext
        }
    }

    static func write(_ prepared: [Prepared], manifest: JobManifest, analysis: Analysis, request: PrepareRequest) throws {
        let job = request.outputDirectory
        let fm = FileManager.default
        for language in request.targetLanguages {
            try fm.createDirectory(atPath: job + "/" + language, withIntermediateDirectories: true)
        }
        try fm.createDirectory(atPath: job + "/source", withIntermediateDirectories: true)
        let options = WriteOptions(prefillTarget: request.prefillTarget)
        // Each document's files are independent: write them on the job's workers too.
        let written = ParallelResults<(any Error)?>(count: prepared.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(request.parallelism, prepared.count))) { _ in
            while let index = written.claim() {
                do {
                    try writeDocument(prepared[index], request: request, options: options)
                    written.store(index, nil)
                } catch {
                    written.store(index, error)
                }
            }
        }
        // The first failure in document order, whichever worker hit it first.
        if let error = written.all.lazy.compactMap({ $0 ?? nil }).first { throw error }
        try writeText(termList(prepared, languages: request.targetLanguages), path: job + "/terms.csv")
        try writeText(analysis.text(), path: job + "/analysis.txt")
        try writeText(analysis.json(), path: job + "/analysis.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try writeText(String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n", path: job + "/job.json")
    }

    static func writeDocument(_ p: Prepared, request: PrepareRequest, options: WriteOptions) throws {
        let job = request.outputDirectory
        let name = p.entry.name
        guard let data = FileManager.default.contents(atPath: p.entry.path) else {
            throw ExchangeError("cannot read", location: SourceLocation(file: p.entry.path), kind: .unreadable)
        }
        try writeData(data, path: Layout.source(job, name))
        try writeUnits(p.units, format: .jsonl, path: Layout.skeleton(job, name), header: DocumentHeader(sourceLanguage: request.sourceLanguage),
                       file: FileInfo(id: "f1", original: name), options: options)
        for language in request.targetLanguages {
            let header = DocumentHeader(sourceLanguage: request.sourceLanguage, targetLanguage: language, tool: Bitext.name)
            let units = p.annotated[language] ?? p.units
            // The review page is always part of the package.
            for format in request.formats.contains(.html) ? request.formats : request.formats + [.html] {
                try writeUnits(units, format: format, path: Layout.bilingual(job, language, name, format), header: header,
                               file: FileInfo(id: "f1", original: name), options: options)
            }
        }
    }

    static func writeUnits(_ units: [TranslationUnit], format: ExchangeFormat, path: String, header: DocumentHeader, file: FileInfo, options: WriteOptions) throws {
        let out = try AtomicFile(path: path, overwrite: true, durable: false)
        try format.makeWriter(sink: out.sink, options: options).writeDocument(header, file: file, units: units)
        try out.commit()
    }

    static func writeText(_ text: String, path: String) throws {
        try writeData(Data(text.utf8), path: path)
    }

    /// Writes atomically (a temporary file, then a rename).
    static func writeData(_ data: Data, path: String) throws {
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw ExchangeError("cannot write: \(error.localizedDescription)", location: SourceLocation(file: path), kind: .unwritable)
        }
    }

    /// `terms.csv`: each glossary term found, per document, with its approved renderings per target language.
    static func termList(_ prepared: [Prepared], languages: [String]) -> String {
        var rows = [["document", "concept", "term", "occurrences"] + languages]
        for p in prepared {
            var counts: [String: Int] = [:]
            var order: [String] = []
            var byKey: [String: TermUse] = [:]
            for use in p.occurrences {
                let key = use.concept + "\u{0}" + use.term
                if counts[key] == nil {
                    order.append(key)
                    byKey[key] = use
                }
                counts[key, default: 0] += 1
            }
            for key in order {
                let use = byKey[key]!
                rows.append([p.entry.name, use.concept, use.term, String(counts[key]!)] + languages.map { (use.renderings[$0] ?? []).joined(separator: " | ") })
            }
        }
        return rows.map { DelimitedText.encodeRow($0, dialect: .csv) }.joined()
    }
}
