import BitextCore
import Exchange
import Foundation
import Glossary
import TranslationMemory

/// What `bitext merge` does: returned bilingual files in, translated documents out.
public struct MergeRequest: Sendable {
    public var returned: [String]
    public var job: String
    /// The folder for merged documents (default: JOB/merged); each goes to OUT/LANG/NAME.
    public var output: String?
    public var allowPartial: Bool
    public var overwrite: Bool
    public var localesPath: String
    /// Where confirmed translations (translated or final, with a target) are stored; nil: nowhere.
    public var translationMemory: String?

    public init(returned: [String], job: String, output: String?, allowPartial: Bool, overwrite: Bool, localesPath: String,
                translationMemory: String? = nil) {
        self.translationMemory = translationMemory
        self.returned = returned
        self.job = job
        self.output = output
        self.allowPartial = allowPartial
        self.overwrite = overwrite
        self.localesPath = localesPath
    }
}

/// One merged document.
public struct MergedDocument: Sendable {
    public var document: String
    public var language: String
    public var path: String
    public var translatedUnits: Int
    /// Translatable units left in the source language (only with `allowPartial`).
    public var untranslatedUnits: Int
}

public struct MergeResult: Sendable {
    public var documents: [MergedDocument]
    public var findings: [Finding]
    /// Translations stored in the translation memory.
    public var storedInMemory: Int
}

/// Rebuilds translated documents from returned bilingual files and the job's skeleton.
public enum Merge {
    /// Runs a merge.
    /// - Throws: `JobError.refused` with the list of problems (unknown or missing units, changed
    ///   sources) before anything is written; other `JobError`s for unreadable or bad files.
    public static func run(_ request: MergeRequest) throws(JobError) -> MergeResult {
        let manifest = try loadManifest(request.job)
        struct Returned {
            var document: JobManifest.Document
            var language: String
            var units: [TranslationUnit]
            var path: String
            /// Whether the file kept inline codes as codes (XML formats) or as markup text.
            var keepsCodes: Bool
        }
        var returned: [Returned] = []
        for path in request.returned {
            guard let format = ExchangeFormat(inputPath: path) else {
                throw .usage("\(path): not a bilingual file Bitext reads (\(ExchangeFormat.allCases.map { "." + $0.fileExtension }.joined(separator: ", ")))")
            }
            do {
                let reader = try format.makeReader(path: path, sourceLanguage: manifest.sourceLanguage)
                var header = DocumentHeader(sourceLanguage: manifest.sourceLanguage)
                var files: [(FileInfo, [TranslationUnit])] = []
                while let event = try reader.next() {
                    switch event {
                    case let .startDocument(h): header = h
                    case let .startFile(f): files.append((f, []))
                    case let .unit(u): files[files.count - 1].1.append(u)
                    default: break
                    }
                }
                let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
                guard let language = header.targetLanguage.flatMap({ l in manifest.targetLanguages.first { $0.lowercased() == l.lowercased() } ?? l })
                        ?? manifest.targetLanguages.first(where: { $0 == folder }) else {
                    throw JobError.usage("\(path): the target language is not recorded in the file; keep it in the job's language folder")
                }
                for (file, units) in files {
                    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.split(separator: ".").first.map(String.init) ?? ""
                    let document = manifest.documents.first { $0.error == nil && $0.name == file.original }
                        ?? manifest.documents.first { $0.error == nil && ($0.name as NSString).deletingPathExtension == stem }
                        ?? (manifest.documents.count == 1 ? manifest.documents[0] : nil)
                    guard let document else {
                        throw JobError.usage("\(path): cannot tell which document of the job this is (file \"\(file.original ?? file.id)\")")
                    }
                    returned.append(Returned(document: document, language: language, units: units, path: path, keepsCodes: format.keepsInlineCodes))
                }
            } catch let error as JobError {
                throw error
            } catch let error as ExchangeError {
                throw .exchange(error)
            } catch {
                throw .usage("\(error)")
            }
        }

        // Check everything before writing anything.
        var problems: [String] = []
        var plans: [(Returned, [TranslationUnit], [UInt8], [String: TranslationUnit], missing: [String])] = []
        for r in returned {
            let skeleton = try loadSkeleton(request.job, r.document.name)
            guard let original = FileManager.default.contents(atPath: Prepare.Layout.source(request.job, r.document.name)) else {
                throw .exchange(ExchangeError("the job's copy of the document is missing", location: SourceLocation(file: Prepare.Layout.source(request.job, r.document.name)), kind: .unreadable))
            }
            let expected = Dictionary(skeleton.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var byID: [String: TranslationUnit] = [:]
            for unit in r.units {
                guard let e = expected[unit.id] else {
                    problems.append("\(r.path): unit \(unit.id) is not in \(r.document.name)")
                    continue
                }
                if unit.source.flattened != e.source.flattened {
                    problems.append("\(r.path): unit \(unit.id): the source text was changed (was \"\(e.source.flattened.prefix(60))\", now \"\(unit.source.flattened.prefix(60))\")")
                }
                if byID[unit.id] != nil { problems.append("\(r.path): unit \(unit.id) occurs twice") }
                byID[unit.id] = unit
            }
            let missing = skeleton.filter { $0.translate && (byID[$0.id]?.target.isEmpty ?? true) }.map(\.id)
            if !missing.isEmpty && !request.allowPartial {
                let shown = missing.prefix(20).joined(separator: ", ")
                problems.append("\(r.path): \(missing.count) unit\(missing.count == 1 ? " is" : "s are") not translated: \(shown)\(missing.count > 20 ? ", …" : "") (--allow-partial keeps their source text)")
            }
            plans.append((r, skeleton, [UInt8](original), byID, missing))
        }
        guard problems.isEmpty else { throw .refused(problems) }

        var merged: [MergedDocument] = []
        var entries: [TMEntry] = []
        let outRoot = request.output ?? request.job + "/merged"
        for (r, skeleton, original, byID, missing) in plans {
            var out: [UInt8] = []
            out.reserveCapacity(original.count + original.count / 2)
            var cursor = 0
            var translated = 0
            for unit in skeleton.sorted(by: { ($0.originalRange?.lowerBound ?? 0) < ($1.originalRange?.lowerBound ?? 0) }) {
                guard let range = unit.originalRange, range.lowerBound >= cursor, range.upperBound <= original.count else {
                    throw .exchange(ExchangeError("the job's skeleton does not fit the document (unit \(unit.id))",
                                                  location: SourceLocation(file: Prepare.Layout.skeleton(request.job, r.document.name))))
                }
                out.append(contentsOf: original[cursor..<range.lowerBound])
                if unit.translate, let target = byID[unit.id]?.target, !target.isEmpty {
                    if target.flattened == unit.source.flattened {
                        // Unchanged: the original bytes, entities and escapes as they were.
                        out.append(contentsOf: original[range])
                    } else {
                        out.append(contentsOf: DocumentKind(name: r.document.name).render(target, codesKept: r.keepsCodes).utf8)
                    }
                    translated += 1
                } else {
                    out.append(contentsOf: original[range])
                }
                cursor = range.upperBound
            }
            out.append(contentsOf: original[cursor...])
            let path = outRoot + "/" + r.language + "/" + r.document.name
            do {
                try FileManager.default.createDirectory(atPath: outRoot + "/" + r.language, withIntermediateDirectories: true)
                if !request.overwrite && FileManager.default.fileExists(atPath: path) {
                    throw ExchangeError("the file exists; pass --force to overwrite it", location: SourceLocation(file: path), kind: .unwritable)
                }
                try Prepare.writeData(Data(out), path: path)
            } catch let error as ExchangeError {
                throw .exchange(error)
            } catch {
                throw .exchange(ExchangeError("\(error)", location: SourceLocation(file: path), kind: .unwritable))
            }
            merged.append(MergedDocument(document: r.document.name, language: r.language, path: path, translatedUnits: translated,
                                         untranslatedUnits: missing.count))
            let translatable = skeleton.filter(\.translate)
            for (k, unit) in translatable.enumerated() {
                guard let back = byID[unit.id], !back.target.isEmpty, back.state == .translated || back.state == .final else { continue }
                entries.append(TMEntry(source: unit.source.text, target: back.target.text, sourceLanguage: manifest.sourceLanguage,
                                       targetLanguage: r.language, previous: k > 0 ? translatable[k - 1].source.text : nil,
                                       next: k + 1 < translatable.count ? translatable[k + 1].source.text : nil,
                                       origin: manifest.job + "/" + r.document.name))
            }
        }

        // Check the returned translations against the job's glossaries.
        var findings: [Finding] = []
        var base = TermBase(source: manifest.glossaries.map(\.path).joined(separator: ", "))
        for g in manifest.glossaries {
            if let b = try? TermBaseFile.read(path: g.path) { base.concepts += b.concepts }
        }
        if !base.concepts.isEmpty {
            for language in Set(returned.map(\.language)).sorted() {
                guard let checker = try? TermChecker(termBase: base, sourceLanguage: manifest.sourceLanguage, targetLanguage: language,
                                                     localesPath: request.localesPath) else { continue }
                let units = returned.filter { $0.language == language }.flatMap { r in
                    r.units.filter { $0.translate && !$0.target.isEmpty }.map {
                        CheckUnit(file: r.path, id: $0.id, source: $0.source.text, target: $0.target.text)
                    }
                }
                findings += checker.check(units)
            }
        }
        var stored = 0
        if let path = request.translationMemory, !entries.isEmpty {
            do { stored = try TranslationMemory(path: path).add(entries) } catch {
                throw .exchange(ExchangeError("the documents were merged, but the translation memory could not be updated: \(error)",
                                              location: SourceLocation(file: path), kind: .unwritable))
            }
        }
        return MergeResult(documents: merged, findings: findings, storedInMemory: stored)
    }

    /// The translation memory a job was prepared with, if any.
    public static func jobMemory(_ job: String) -> String? {
        (try? loadManifest(job))?.translationMemory?.path
    }

    static func loadManifest(_ job: String) throws(JobError) -> JobManifest {
        let path = job + "/job.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .exchange(ExchangeError("no job here (job.json is missing); give the folder that bitext prepare wrote", location: SourceLocation(file: path), kind: .unreadable))
        }
        do { return try JSONDecoder().decode(JobManifest.self, from: data) } catch {
            throw .exchange(ExchangeError("not a Bitext job manifest: \(error)", location: SourceLocation(file: path)))
        }
    }

    static func loadSkeleton(_ job: String, _ name: String) throws(JobError) -> [TranslationUnit] {
        let path = Prepare.Layout.skeleton(job, name)
        do { return try JSONLines.Reader(path: path, sourceLanguage: "").readAll().units } catch { throw .exchange(error) }
    }
}
