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
    /// What the readers of the returned files passed over.
    public var warnings: [ExchangeWarning] = []
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
        var warnings: [ExchangeWarning] = []
        for path in request.returned {
            let format: ExchangeFormat
            do {
                guard let f = try ExchangeFormat.detect(path: path) else {
                    throw JobError.usage("\(path): not a bilingual file Bitext reads (\(ExchangeFormat.allCases.map { "." + $0.fileExtension }.joined(separator: ", ")))")
                }
                format = f
            } catch let error as ExchangeError {
                throw .exchange(error)
            } catch let error as JobError {
                throw error
            } catch {
                throw .usage("\(error)")
            }
            do {
                let reader = try format.makeReader(path: path, sourceLanguage: manifest.sourceLanguage)
                var header = DocumentHeader(sourceLanguage: manifest.sourceLanguage)
                var files: [(FileInfo, [TranslationUnit])] = []
                while let event = try reader.next() {
                    switch event {
                    case let .startDocument(h): header = h
                    case let .startFile(f): files.append((f, []))
                    case let .unit(u):
                        // Readers open a file before its units; a reader that did not is refused, not trusted.
                        guard !files.isEmpty else {
                            throw ExchangeError("unit \(u.id) stands outside any file", location: SourceLocation(file: path), unit: u.id)
                        }
                        files[files.count - 1].1.append(u)
                    default: break
                    }
                }
                warnings += reader.warnings
                let language = try jobLanguage(of: path, recorded: header.targetLanguage, line: header.line, manifest: manifest)
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
            let original: [UInt8]
            do { original = try FileBytes.read(Prepare.Layout.source(request.job, r.document.name)) } catch {
                throw .exchange(ExchangeError("the job's copy of the document cannot be read (\(error.reason))",
                                              location: SourceLocation(file: error.path), kind: .unreadable))
            }
            let expected = Dictionary(skeleton.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var byID: [String: TranslationUnit] = [:]
            for unit in r.units {
                let place = r.path + (unit.line.map { ":\($0)" } ?? "")
                guard let e = expected[unit.id] else {
                    problems.append("\(place): unit \(unit.id) is not in \(r.document.name)")
                    continue
                }
                if unit.source.flattened != e.source.flattened {
                    problems.append("\(place): unit \(unit.id): the source text was changed (was \"\(e.source.flattened.prefix(60))\", now \"\(unit.source.flattened.prefix(60))\")")
                }
                if let first = byID[unit.id] {
                    problems.append("\(place): unit \(unit.id) occurs twice\(first.line.map { " (first on line \($0))" } ?? "")")
                }
                byID[unit.id] = unit
            }
            let missing = skeleton.filter { $0.translate && (byID[$0.id]?.target.isEmpty ?? true) }.map(\.id)
            if !missing.isEmpty && !request.allowPartial {
                let shown = missing.prefix(20).joined(separator: ", ")
                // The first untranslated unit that the file has (a missing one has no place in it).
                let place = r.path + (missing.lazy.compactMap { byID[$0]?.line }.first.map { ":\($0)" } ?? "")
                problems.append("\(place): \(missing.count) unit\(missing.count == 1 ? " is" : "s are") not translated: \(shown)\(missing.count > 20 ? ", …" : "") (--allow-partial keeps their source text)")
            }
            plans.append((r, skeleton, original, byID, missing))
        }
        guard problems.isEmpty else { throw .refused(problems) }

        // Rebuild every document in memory, then check every destination, then write: a merge of
        // several files writes all of them or none (short of the disk failing half way).
        let outRoot = request.output ?? request.job + "/merged"
        var outputs: [(path: String, bytes: [UInt8], merged: MergedDocument)] = []
        var entries: [TMEntry] = []
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
            if outputs.contains(where: { $0.path == path }) {
                throw .refused(["\(r.path): \(r.document.name) (\(r.language)) is merged from another returned file too"])
            }
            outputs.append((path, out, MergedDocument(document: r.document.name, language: r.language, path: path, translatedUnits: translated,
                                                      untranslatedUnits: missing.count)))
            let translatable = skeleton.filter(\.translate)
            for (k, unit) in translatable.enumerated() {
                guard let back = byID[unit.id], !back.target.isEmpty, back.state == .translated || back.state == .final else { continue }
                entries.append(TMEntry(source: unit.source.text, target: back.target.text, sourceLanguage: manifest.sourceLanguage,
                                       targetLanguage: r.language, previous: k > 0 ? translatable[k - 1].source.text : nil,
                                       next: k + 1 < translatable.count ? translatable[k + 1].source.text : nil,
                                       origin: manifest.job + "/" + r.document.name))
            }
        }
        if !request.overwrite {
            let existing = outputs.filter { FileManager.default.fileExists(atPath: $0.path) }.map(\.path)
            if let first = existing.first {
                let others = (existing.count > 1 ? " (and \(existing.count - 1) more merged document\(existing.count == 2 ? "" : "s"))" : "") + "; nothing was written"
                throw .exchange(ExchangeError("the file exists; pass --force to overwrite it\(others)", location: SourceLocation(file: first), kind: .unwritable))
            }
        }
        var merged: [MergedDocument] = []
        for output in outputs {
            do {
                try FileManager.default.createDirectory(atPath: (output.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Prepare.writeData(output.bytes, path: output.path)
            } catch let error as ExchangeError {
                throw .exchange(error)
            } catch {
                throw .exchange(ExchangeError("cannot write: \(error)", location: SourceLocation(file: output.path), kind: .unwritable))
            }
            merged.append(output.merged)
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
        return MergeResult(documents: merged, findings: findings, storedInMemory: stored, warnings: warnings)
    }

    /// The translation memory a job was prepared with, if any.
    public static func jobMemory(_ job: String) -> String? {
        (try? loadManifest(job))?.translationMemory?.path
    }

    /// The job language a returned file is in: the one it records, or else the language folder it
    /// sits in. A language the job does not have is refused, so that no folder name ever comes from
    /// the file's content.
    /// - Parameter line: Where the file records its target language.
    static func jobLanguage(of path: String, recorded: String?, line: Int? = nil, manifest: JobManifest) throws(JobError) -> String {
        if let recorded, !recorded.isEmpty {
            if let language = manifest.targetLanguages.first(where: { $0.lowercased() == recorded.lowercased() }) { return language }
            // Bad data, not a usage error: the file says something the job cannot take.
            throw .exchange(ExchangeError("the file's target language \"\(recorded.prefix(80))\" is not one of the job's (\(manifest.targetLanguages.joined(separator: ", ")))",
                                          location: SourceLocation(file: path, line: line)))
        }
        let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        guard let language = manifest.targetLanguages.first(where: { $0 == folder }) else {
            throw .usage("\(path): the target language is not recorded in the file; keep it in the job's language folder")
        }
        return language
    }

    static func loadManifest(_ job: String) throws(JobError) -> JobManifest {
        let path = job + "/job.json"
        let data: [UInt8]
        do { data = try FileBytes.read(path) } catch {
            let reason = error.missing ? "no job here (job.json is missing); give the folder that bitext prepare wrote" : error.reason
            throw .exchange(ExchangeError(reason, location: SourceLocation(file: path), kind: .unreadable))
        }
        let manifest: JobManifest
        do { manifest = try JSONDecoder().decode(JobManifest.self, from: Data(data)) } catch {
            throw .exchange(ExchangeError("not a Bitext job manifest: \(error)", location: SourceLocation(file: path)))
        }
        // Names and languages become paths: refuse a manifest whose values would lead outside the job.
        for language in manifest.targetLanguages where !LanguageTag.isWellFormed(language) {
            throw .exchange(ExchangeError("the target language \"\(language.prefix(80))\" is not a BCP 47 tag", location: SourceLocation(file: path)))
        }
        for document in manifest.documents where !PathName.isPlain(document.name) {
            throw .exchange(ExchangeError("the document name \"\(document.name.prefix(80))\" is not a plain file name", location: SourceLocation(file: path)))
        }
        return manifest
    }

    static func loadSkeleton(_ job: String, _ name: String) throws(JobError) -> [TranslationUnit] {
        let path = Prepare.Layout.skeleton(job, name)
        do { return try JSONLines.Reader(path: path, sourceLanguage: "").readAll().units } catch { throw .exchange(error) }
    }
}
