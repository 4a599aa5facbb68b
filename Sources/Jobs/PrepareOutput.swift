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

    /// Creates the job folder with its language and source folders.
    static func makeFolders(_ request: PrepareRequest) throws {
        let job = request.outputDirectory
        let fm = FileManager.default
        for language in request.targetLanguages {
            try fm.createDirectory(atPath: job + "/" + language, withIntermediateDirectories: true)
        }
        try fm.createDirectory(atPath: job + "/source", withIntermediateDirectories: true)
    }

    /// Writes each document's files on the job's workers; returns each document's error, if any.
    static func writeDocuments(_ prepared: [Prepared], request: PrepareRequest) -> [(any Error)?] {
        let options = WriteOptions(prefillTarget: request.prefillTarget)
        let written = ParallelResults<(any Error)?>(count: prepared.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(request.parallelism, prepared.count))) { _ in
            while let index = written.claim() {
                do {
                    try writeDocument(prepared[index], request: request, options: options)
                    written.store(index, nil)
                } catch {
                    written.store(index, DocumentWriteError(error, document: prepared[index]))
                }
            }
        }
        return written.all.map { $0 ?? nil }
    }

    /// Removes what was written for a document that failed, so that the job holds no half document.
    static func removeDocumentFiles(_ name: String, request: PrepareRequest) {
        let job = request.outputDirectory
        var paths = [Layout.source(job, name), Layout.skeleton(job, name)]
        for language in request.targetLanguages {
            for format in request.formats + [.html] { paths.append(Layout.bilingual(job, language, name, format)) }
        }
        for path in paths { unlink(path) }
    }

    /// The job-wide files, after every document's own files.
    static func write(_ prepared: [Prepared], manifest: JobManifest, analysis: Analysis, request: PrepareRequest) throws {
        let job = request.outputDirectory
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
        let data: [UInt8]
        do { data = try FileBytes.read(p.entry.path) } catch {
            throw ExchangeError(error.reason, location: SourceLocation(file: p.entry.path), kind: .unreadable)
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
        try writeData(Array(text.utf8), path: path)
    }

    /// Writes atomically (a temporary file, then a rename that replaces a symbolic link instead of following it).
    static func writeData(_ bytes: [UInt8], path: String) throws(ExchangeError) {
        try AtomicFile.write(bytes, to: path)
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

/// A document's files could not be written: which unit, which character, and where it stands in the article.
struct DocumentWriteError: Error, CustomStringConvertible {
    var description: String

    init(_ error: any Error, document p: Prepare.Prepared) {
        guard let e = error as? ExchangeError, let id = e.unit, let unit = p.units.first(where: { $0.id == id }) else {
            description = "\(error)"
            return
        }
        var where_ = "unit \(id)"
        if let start = unit.originalRange?.lowerBound {
            // The first character XML 1.0 cannot carry, if that is the trouble.
            var offset = 0
            for scalar in unit.source.text.unicodeScalars {
                let v = scalar.value
                if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D || v == 0xFFFE || v == 0xFFFF {
                    where_ += ", byte \(start + offset) of \(p.entry.path)"
                    break
                }
                offset += String(scalar).utf8.count
            }
        }
        description = "\(e.message) (\(where_)); the other documents were prepared"
    }
}
