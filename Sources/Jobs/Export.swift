import BitextCore
import Exchange
import Foundation
import Glossary
import Segmentation

/// What `bitext export` does: documents or bilingual files in, one bilingual file out.
public struct ExportRequest: Sendable {
    public var inputs: [String]
    public var format: ExchangeFormat
    /// The output path, or "-" for standard output.
    public var output: String
    public var sourceLanguage: String?
    public var targetLanguage: String?
    /// Term bases whose matches go into the units (XLIFF 2 glossary module, review page).
    public var glossaries: [String]
    public var prefillTarget: Bool
    public var overwrite: Bool
    public var localesPath: String

    public init(inputs: [String], format: ExchangeFormat, output: String, sourceLanguage: String?, targetLanguage: String?,
                glossaries: [String], prefillTarget: Bool, overwrite: Bool, localesPath: String) {
        self.inputs = inputs
        self.format = format
        self.output = output
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.glossaries = glossaries
        self.prefillTarget = prefillTarget
        self.overwrite = overwrite
        self.localesPath = localesPath
    }
}

/// What an export wrote.
public struct ExportSummary: Sendable {
    public var files = 0
    public var units = 0
    public var terms = 0
    public var findings = 0
}

/// A failure of a job, with the error of the layer where it happened.
public enum JobError: Error, CustomStringConvertible {
    case exchange(ExchangeError)
    case segmentation(SegmentationError)
    case glossary(GlossaryError)
    case usage(String)
    /// The merge was refused; nothing was written.
    case refused([String])

    public var description: String {
        switch self {
        case let .exchange(e): return e.description
        case let .segmentation(e): return e.description
        case let .glossary(e): return e.description
        case let .usage(message): return message
        case let .refused(problems): return "refused:\n" + problems.map { "  " + $0 }.joined(separator: "\n")
        }
    }
}

/// Converts documents and bilingual files into one bilingual file.
///
/// Units stream from the readers through the glossary to the writer, so converting a large file takes memory that
/// does not grow with it. Two outputs collect every unit first: the review page, whose checks compare units with
/// each other, and standard output, which gets nothing unless everything succeeds (a file is written to a
/// temporary file and renamed at the end).
public enum Export {
    enum Input {
        case document(String, DocumentKind)
        case bilingual(String, ExchangeFormat)
    }

    /// What the inputs give, in order.
    enum Event {
        case file(FileInfo)
        case unit(TranslationUnit)
        case endFile
    }

    /// Runs an export.
    /// - Parameter warn: Receives warnings (a language without rules, a dropped setting).
    /// - Throws: `JobError`; nothing is written unless everything succeeds.
    public static func run(_ request: ExportRequest, warn: (String) -> Void) throws(JobError) -> ExportSummary {
        let inputs = try resolve(request.inputs)
        var (source, targetLanguage) = try languages(of: inputs, request)
        // gettext's msgids are English by convention: a PO file that does not say takes English, with a note.
        if source?.isEmpty ?? true, !inputs.isEmpty, inputs.allSatisfy({ if case .bilingual(_, .po) = $0 { return true } else { return false } }) {
            source = "en"
            warn("the PO header names no source language (X-Source-Language); English is taken, as gettext's msgid is by convention (give --source-lang otherwise)")
        }
        guard let sourceLanguage = source, !sourceLanguage.isEmpty else {
            throw .usage("the source language is not known; give --source-lang")
        }
        var termBase: TermBase?
        var annotator: GlossaryAnnotator?
        if !request.glossaries.isEmpty {
            do {
                let base = try TermBaseFile.read(paths: request.glossaries)
                termBase = base
                annotator = try GlossaryAnnotator(termBase: base, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                                  localesPath: request.localesPath)
            } catch { throw .glossary(error) }
        }
        let header = DocumentHeader(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, tool: "Bitext")
        let options = WriteOptions(prefillTarget: request.prefillTarget)
        var summary = ExportSummary()
        var ids = UniqueIDs(format: request.format, needed: !request.format.keepsFiles && mayHaveSeveralFiles(inputs))
        /// Checks ids and attaches glossary terms on the way to the output.
        func prepare(_ event: Event) throws(JobError) -> Event {
            switch event {
            case let .file(info):
                try ids.startFile(info)
                return event
            case var .unit(unit):
                try ids.check(unit)
                annotate(&unit, annotator, &summary)
                return .unit(unit)
            case .endFile:
                return event
            }
        }

        guard request.format != .html && request.output != "-" else {
            var events: [Event] = []
            try forEachEvent(of: inputs, request, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, warn: warn) { event throws(JobError) in
                events.append(try prepare(event))
            }
            var findings: [String: [ReviewPage.Finding]] = [:]
            if request.format == .html, let termBase, let targetLanguage {
                do {
                    let checker = try TermChecker(termBase: termBase, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, localesPath: request.localesPath)
                    var checkUnits: [CheckUnit] = []
                    var file = ""
                    for event in events {
                        switch event {
                        case let .file(info): file = info.original ?? info.id
                        case let .unit(u) where u.translate && !u.target.isEmpty:
                            checkUnits.append(CheckUnit(file: file, id: u.id, source: u.source.text, target: u.target.text))
                        default: break
                        }
                    }
                    for f in checker.check(checkUnits) {
                        findings[f.unit, default: []].append(ReviewPage.Finding(severity: f.severity.rawValue, rule: f.rule.rawValue, message: f.message))
                        summary.findings += 1
                    }
                } catch { throw .glossary(error) }
            }
            let output = try Output(request, header: header, options: options, findings: findings)
            for event in events { try output.write(event) }
            try output.finish(&summary)
            return summary
        }

        let output = try Output(request, header: header, options: options, findings: [:])
        try forEachEvent(of: inputs, request, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, warn: warn) { event throws(JobError) in
            try output.write(try prepare(event))
        }
        try output.finish(&summary)
        return summary
    }

    /// The file (or standard output) being written: a temporary file renamed by `finish`, which also counts.
    final class Output {
        private let file: AtomicFile?
        private let writer: any ExchangeWriter
        private var units = 0
        private var files = 0

        init(_ request: ExportRequest, header: DocumentHeader, options: WriteOptions,
             findings: [String: [ReviewPage.Finding]]) throws(JobError) {
            do {
                file = request.output == "-" ? nil : try AtomicFile(path: request.output, overwrite: request.overwrite)
                writer = request.format.makeWriter(sink: file?.sink ?? ByteSink(fileDescriptor: 1, name: "<stdout>"),
                                                   options: options, findings: findings)
                try writer.write(.startDocument(header))
            } catch { throw .exchange(error) }
        }

        func write(_ event: Event) throws(JobError) {
            do {
                switch event {
                case let .file(info): try writer.write(.startFile(info))
                case let .unit(unit):
                    try writer.write(.unit(unit))
                    units += 1
                case .endFile:
                    try writer.write(.endFile)
                    files += 1
                }
            } catch { throw .exchange(error) }
        }

        /// Ends the document, renames the temporary file into place and adds the counts to `summary`.
        func finish(_ summary: inout ExportSummary) throws(JobError) {
            do {
                try writer.write(.endDocument)
                try file?.commit()
            } catch { throw .exchange(error) }
            summary.units += units
            summary.files += files
        }
    }

    /// Each input with what it is: a document by its extension, or a bilingual file.
    static func resolve(_ paths: [String]) throws(JobError) -> [Input] {
        var inputs: [Input] = []
        for path in paths {
            do { _ = try FileBytes.head(path, count: 1) } catch {
                throw .exchange(ExchangeError(error.reason, location: SourceLocation(file: path), kind: .unreadable))
            }
            let ext = path.split(separator: "/").last.flatMap { $0.contains(".") ? $0.split(separator: ".").last : nil }.map { $0.lowercased() } ?? ""
            let detected: ExchangeFormat?
            do { detected = try ExchangeFormat.detect(path: path) } catch { throw .exchange(error) }
            // A Bitext review page is read back as a bilingual file; any other HTML is an article.
            if let format = detected, format != .html || isReviewPage(path) {
                inputs.append(.bilingual(path, format))
            } else if let kind = DocumentKind(path: path) {
                inputs.append(.document(path, kind))
            } else {
                throw .usage("\(path): unknown input format '.\(ext)'; expected .txt or a bilingual file (\(ExchangeFormat.allCases.map { "." + $0.fileExtension }.joined(separator: ", ")))")
            }
        }
        return inputs
    }

    /// The languages: given, or from the first bilingual file that records them, read from the files' headers in
    /// order before any unit is read, so that each reader is opened with what the ones before it told.
    static func languages(of inputs: [Input], _ request: ExportRequest) throws(JobError) -> (String?, String?) {
        var sourceLanguage = request.sourceLanguage
        var targetLanguage = request.targetLanguage
        for input in inputs {
            switch input {
            case let .document(path, _):
                guard sourceLanguage != nil else { throw .usage("give --source-lang for the text document \(path)") }
            case let .bilingual(path, format):
                if sourceLanguage != nil && targetLanguage != nil { continue }
                do {
                    let reader = try format.makeReader(path: path, sourceLanguage: sourceLanguage ?? "", targetLanguage: targetLanguage)
                    if case let .startDocument(h)? = try reader.next() {
                        if sourceLanguage == nil && !h.sourceLanguage.isEmpty { sourceLanguage = h.sourceLanguage }
                        if targetLanguage == nil { targetLanguage = h.targetLanguage }
                    }
                } catch { throw .exchange(error) }
            }
        }
        return (sourceLanguage, targetLanguage)
    }

    /// Whether the inputs may give more than one file (only XLIFF and review pages hold several).
    static func mayHaveSeveralFiles(_ inputs: [Input]) -> Bool {
        if inputs.count != 1 { return inputs.count > 1 }
        if case let .bilingual(_, format) = inputs[0] { return format.keepsFiles }
        return false
    }

    /// Feeds the files and units of every input, in order, to `body`; documents are segmented.
    static func forEachEvent(of inputs: [Input], _ request: ExportRequest, sourceLanguage: String, targetLanguage: String?,
                             warn: (String) -> Void, _ body: (Event) throws(JobError) -> Void) throws(JobError) {
        var segmenter: Segmenter?
        let multiple = inputs.count > 1
        for (index, input) in inputs.enumerated() {
            switch input {
            case let .document(path, kind):
                if segmenter == nil {
                    do {
                        segmenter = try Segmenter(language: sourceLanguage, locales: try LocaleData(path: request.localesPath))
                    } catch { throw .segmentation(error) }
                    if segmenter!.rules.isFallback { warn("no segmentation rules for '\(sourceLanguage)'; using ICU's generic rules") }
                }
                let units: [TranslationUnit]
                do { units = try DocumentSource.units(path: path, kind: kind, segmenter: segmenter!, idPrefix: multiple ? "\(index + 1)." : "") } catch {
                    if let e = error as? SegmentationError { throw .segmentation(e) }
                    if let e = error as? ExchangeError { throw .exchange(e) }
                    throw .usage("\(path): \(error)")
                }
                try body(.file(FileInfo(id: "f\(index + 1)", original: (path as NSString).lastPathComponent)))
                for unit in units { try body(.unit(unit)) }
                try body(.endFile)
            case let .bilingual(path, format):
                let reader: any ExchangeReader
                do {
                    reader = try format.makeReader(path: path, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
                } catch { throw .exchange(error) }
                var open = false
                while true {
                    let next: ExchangeEvent?
                    do { next = try reader.next() } catch { throw .exchange(error) }
                    guard let event = next else { break }
                    switch event {
                    case .startDocument:
                        break
                    case let .startFile(f):
                        var file = f
                        if multiple { file.id = "f\(index + 1)-\(f.id)" }
                        if file.original == nil { file.original = (path as NSString).lastPathComponent }
                        try body(.file(file))
                        open = true
                    case let .unit(u):
                        if !open {
                            try body(.file(FileInfo(id: "f\(index + 1)", original: (path as NSString).lastPathComponent)))
                            open = true
                        }
                        try body(.unit(u))
                    case .endFile:
                        if open { try body(.endFile) }
                        open = false
                    case .endDocument:
                        break
                    }
                }
                if open { try body(.endFile) }
                for warning in reader.warnings { warn("\(warning)") }
            }
        }
    }

    /// Attaches glossary terms to a translatable unit and counts them.
    static func annotate(_ unit: inout TranslationUnit, _ annotator: GlossaryAnnotator?, _ summary: inout ExportSummary) {
        guard let annotator, unit.translate else { return }
        annotator.annotate(&unit)
        summary.terms += unit.terms.count
    }
}

/// Ids must be unique in the output when several files go into one flat file. A duplicate within the first file is
/// only an error once a second file turns up; the error names the first duplicate, as a check over all units would.
struct UniqueIDs {
    let format: ExchangeFormat
    /// False when the inputs cannot give two files (then no id is kept).
    let needed: Bool
    private var seen: [String: String] = [:]
    private var files = 0
    private var current = ""
    private var pending: JobError?

    init(format: ExchangeFormat, needed: Bool) {
        self.format = format
        self.needed = needed
    }

    mutating func startFile(_ file: FileInfo) throws(JobError) {
        guard needed else { return }
        files += 1
        current = file.original ?? file.id
        if files == 2, let pending { throw pending }
    }

    mutating func check(_ unit: TranslationUnit) throws(JobError) {
        guard needed else { return }
        if let other = seen[unit.id] {
            let error = JobError.exchange(ExchangeError("the id \"\(unit.id)\" occurs in \(other) and \(current); \(format.displayName) has one list of units",
                                                        unit: unit.id))
            if files > 1 { throw error }
            if pending == nil { pending = error }
        } else {
            seen[unit.id] = current
        }
    }
}

/// Whether an HTML file is a review page that Bitext wrote (its generator tag says so).
func isReviewPage(_ path: String) -> Bool {
    guard let head = try? FileBytes.head(path, count: 2048) else { return false }
    return String(decoding: head, as: UTF8.self).contains("<meta name=\"generator\" content=\"Bitext")
}

extension ExchangeFormat {
    /// Whether the format keeps several files apart (XLIFF `<file>`, review page sections).
    var keepsFiles: Bool { self == .xliff2 || self == .xliff12 || self == .html }
}
