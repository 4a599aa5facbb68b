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
public enum Export {
    /// Runs an export.
    /// - Parameter warn: Receives warnings (a language without rules, a dropped setting).
    /// - Throws: `JobError`; nothing is written unless everything succeeds.
    public static func run(_ request: ExportRequest, warn: (String) -> Void) throws(JobError) -> ExportSummary {
        enum Input {
            case document(String, DocumentKind)
            case bilingual(String, ExchangeFormat)
        }
        var inputs: [Input] = []
        for path in request.inputs {
            guard FileManager.default.fileExists(atPath: path) else {
                throw .exchange(ExchangeError("no such file", location: SourceLocation(file: path), kind: .unreadable))
            }
            let ext = path.split(separator: "/").last.flatMap { $0.contains(".") ? $0.split(separator: ".").last : nil }.map { $0.lowercased() } ?? ""
            // A Bitext review page is read back as a bilingual file; any other HTML is an article.
            if let format = ExchangeFormat(inputPath: path), format != .html || isReviewPage(path) {
                inputs.append(.bilingual(path, format))
            } else if let kind = DocumentKind(path: path) {
                inputs.append(.document(path, kind))
            } else {
                throw .usage("\(path): unknown input format '.\(ext)'; expected .txt or a bilingual file (\(ExchangeFormat.allCases.map { "." + $0.fileExtension }.joined(separator: ", ")))")
            }
        }

        // Languages: given, or from the first bilingual file that records them.
        var sourceLanguage = request.sourceLanguage
        var targetLanguage = request.targetLanguage
        var documents: [(file: FileInfo, units: [TranslationUnit])] = []
        var segmenter: Segmenter?
        let multiple = request.inputs.count > 1
        for (index, input) in inputs.enumerated() {
            switch input {
            case let .document(path, kind):
                guard let language = sourceLanguage else { throw .usage("give --source-lang for the text document \(path)") }
                if segmenter == nil {
                    do {
                        segmenter = try Segmenter(language: language, locales: try LocaleData(path: request.localesPath))
                    } catch { throw .segmentation(error) }
                    if segmenter!.rules.isFallback { warn("no segmentation rules for '\(language)'; using ICU's generic rules") }
                }
                let units: [TranslationUnit]
                do { units = try DocumentSource.units(path: path, kind: kind, segmenter: segmenter!, idPrefix: multiple ? "\(index + 1)." : "") } catch {
                    if let e = error as? SegmentationError { throw .segmentation(e) }
                    if let e = error as? ExchangeError { throw .exchange(e) }
                    throw .usage("\(path): \(error)")
                }
                documents.append((FileInfo(id: "f\(index + 1)", original: (path as NSString).lastPathComponent), units))
            case let .bilingual(path, format):
                do {
                    let reader = try format.makeReader(path: path, sourceLanguage: sourceLanguage ?? "", targetLanguage: targetLanguage)
                    var files: [(FileInfo, [TranslationUnit])] = []
                    while let event = try reader.next() {
                        switch event {
                        case let .startDocument(h):
                            if sourceLanguage == nil && !h.sourceLanguage.isEmpty { sourceLanguage = h.sourceLanguage }
                            if targetLanguage == nil { targetLanguage = h.targetLanguage }
                        case let .startFile(f):
                            var file = f
                            if inputs.count > 1 { file.id = "f\(index + 1)-\(f.id)" }
                            if file.original == nil { file.original = (path as NSString).lastPathComponent }
                            files.append((file, []))
                        case let .unit(u):
                            files[files.count - 1].1.append(u)
                        case .endFile, .endDocument:
                            break
                        }
                    }
                    documents += files.map { (file: $0.0, units: $0.1) }
                } catch { throw .exchange(error) }
            }
        }
        guard let sourceLanguage, !sourceLanguage.isEmpty else { throw .usage("the source language is not known; give --source-lang") }

        // Ids must be unique in the output when several inputs go into one flat file.
        if documents.count > 1 && !request.format.keepsFiles {
            var seen: [String: String] = [:]
            for document in documents {
                for unit in document.units {
                    if let other = seen[unit.id] {
                        throw .exchange(ExchangeError("the id \"\(unit.id)\" occurs in \(other) and \(document.file.original ?? document.file.id); \(request.format.displayName) has one list of units",
                                                      unit: unit.id))
                    }
                    seen[unit.id] = document.file.original ?? document.file.id
                }
            }
        }

        var summary = ExportSummary()
        var findings: [String: [ReviewPage.Finding]] = [:]
        if !request.glossaries.isEmpty {
            let base: TermBase
            do { base = try TermBaseFile.read(paths: request.glossaries) } catch { throw .glossary(error) }
            let annotator: GlossaryAnnotator
            do {
                annotator = try GlossaryAnnotator(termBase: base, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, localesPath: request.localesPath)
            } catch { throw .glossary(error) }
            for d in documents.indices {
                for u in documents[d].units.indices where documents[d].units[u].translate {
                    annotator.annotate(&documents[d].units[u])
                    summary.terms += documents[d].units[u].terms.count
                }
            }
            if request.format == .html, let targetLanguage {
                do {
                    let checker = try TermChecker(termBase: base, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, localesPath: request.localesPath)
                    let checkUnits = documents.flatMap { d in
                        d.units.filter { $0.translate && !$0.target.isEmpty }.map {
                            CheckUnit(file: d.file.original ?? d.file.id, id: $0.id, source: $0.source.text, target: $0.target.text)
                        }
                    }
                    for f in checker.check(checkUnits) {
                        findings[f.unit, default: []].append(ReviewPage.Finding(severity: f.severity.rawValue, rule: f.rule.rawValue, message: f.message))
                        summary.findings += 1
                    }
                } catch { throw .glossary(error) }
            }
        }

        let header = DocumentHeader(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, tool: "Bitext")
        let options = WriteOptions(prefillTarget: request.prefillTarget)
        do {
            let file: AtomicFile? = request.output == "-" ? nil : try AtomicFile(path: request.output, overwrite: request.overwrite)
            let sink = file?.sink ?? ByteSink(fileDescriptor: 1, name: "<stdout>")
            let writer = request.format.makeWriter(sink: sink, options: options, findings: findings)
            try writer.write(.startDocument(header))
            for document in documents {
                try writer.write(.startFile(document.file))
                for unit in document.units {
                    try writer.write(.unit(unit))
                    summary.units += 1
                }
                try writer.write(.endFile)
                summary.files += 1
            }
            try writer.write(.endDocument)
            try file?.commit()
        } catch { throw .exchange(error) }
        return summary
    }
}

/// Whether an HTML file is a review page that Bitext wrote (its generator tag says so).
func isReviewPage(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    return String(decoding: handle.readData(ofLength: 2048), as: UTF8.self).contains("<meta name=\"generator\" content=\"Bitext")
}

extension ExchangeFormat {
    /// Whether the format keeps several files apart (XLIFF `<file>`, review page sections).
    var keepsFiles: Bool { self == .xliff2 || self == .xliff12 || self == .html }
}
