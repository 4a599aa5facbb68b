import BitextCore
import Exchange
import Foundation
import Glossary
import Segmentation
import TranslationMemory

/// What `bitext prepare` does: articles in, one package per job out.
public struct PrepareRequest: Sendable {
    public var inputs: [String]
    public var sourceLanguage: String
    public var targetLanguages: [String]
    public var glossaries: [String]
    /// Bilingual formats per target language; a review page is always written.
    public var formats: [ExchangeFormat]
    public var outputDirectory: String
    public var overwrite: Bool
    public var prefillTarget: Bool
    public var localesPath: String
    /// Documents processed at once (default: the number of cores).
    public var parallelism: Int
    /// The translation memory to pre-translate from, if any.
    public var translationMemory: String?
    /// Fuzzy matches at or above this similarity go into the bilingual files as candidates.
    public var fuzzyThreshold: Int

    public init(inputs: [String], sourceLanguage: String, targetLanguages: [String], glossaries: [String], formats: [ExchangeFormat],
                outputDirectory: String, overwrite: Bool, prefillTarget: Bool, localesPath: String,
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, translationMemory: String? = nil, fuzzyThreshold: Int = 75) {
        self.translationMemory = translationMemory
        self.fuzzyThreshold = fuzzyThreshold
        self.inputs = inputs
        self.sourceLanguage = sourceLanguage
        self.targetLanguages = targetLanguages
        self.glossaries = glossaries
        self.formats = formats
        self.outputDirectory = outputDirectory
        self.overwrite = overwrite
        self.prefillTarget = prefillTarget
        self.localesPath = localesPath
        self.parallelism = max(1, parallelism)
    }
}

/// The outcome of a prepare run.
public struct PrepareResult: Sendable {
    public var manifest: JobManifest
    public var analysis: Analysis
    /// Documents that failed, with the reason; the others were prepared.
    public var failures: [(document: String, message: String)]
}

/// Prepares translation jobs from plain-text articles: segments them, marks boilerplate and
/// glossary terms, analyses them and writes one package per job.
public enum Prepare {
    /// One prepared document, before it is written.
    struct Prepared: Sendable {
        var entry: JobManifest.Document
        var units: [TranslationUnit]
        /// Per target language, the units with that language's approved renderings.
        var annotated: [String: [TranslationUnit]]
        var findings: [Finding]
        var occurrences: [TermUse]
        /// Per unit: its text, translate flag and word count, for the analysis.
        var measured: [TranslationUnitLike]
        /// Per target language, per unit: its translation memory match band (nil: not translatable).
        var bands: [String: [String?]]
    }

    struct TermUse: Sendable {
        var concept: String
        var term: String
        var renderings: [String: [String]]
    }

    /// Runs a job. Documents are prepared in parallel; everything written is deterministic
    /// whatever the order in which they finish.
    /// - Parameter progress: Called after each document with (done, total), from any thread.
    /// - Throws: `JobError` for problems with the whole job (usage, glossary, an existing job); a
    ///   failing document is reported in the result instead.
    public static func run(_ request: PrepareRequest, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws(JobError) -> PrepareResult {
        guard !request.inputs.isEmpty else { throw .usage("give at least one article") }
        guard !request.targetLanguages.isEmpty else { throw .usage("give at least one --target-lang") }
        if let problem = LanguageTag.problem(source: request.sourceLanguage, targets: request.targetLanguages) { throw .usage(problem) }
        let out = request.outputDirectory
        try checkOutputFolder(out, overwrite: request.overwrite)
        // A missing or unreadable article is found before any folder is made.
        for path in request.inputs {
            do { _ = try FileBytes.head(path, count: 1) } catch {
                throw .exchange(ExchangeError(error.reason, location: SourceLocation(file: path), kind: .unreadable))
            }
        }
        var base = TermBase(source: request.glossaries.joined(separator: ", "))
        var glossaryPrints: [JobManifest.Fingerprint] = []
        for path in request.glossaries {
            let file: TermBase
            do { file = try TermBaseFile.read(path: path) } catch { throw .glossary(error) }
            base.concepts += file.concepts
            glossaryPrints.append(JobManifest.Fingerprint(path: path, sha256: fileHash(path) ?? "", concepts: file.concepts.count, terms: file.termCount))
        }
        // Fail early on bad settings (an unknown language, an unusable glossary), once.
        let locales: LocaleData
        do {
            locales = try LocaleData(path: request.localesPath)
            _ = try Segmenter(language: request.sourceLanguage, locales: locales)
        } catch { throw .segmentation(error) }
        if !base.concepts.isEmpty {
            do { _ = try GlossaryAnnotator(termBase: base, sourceLanguage: request.sourceLanguage, targetLanguage: nil, localesPath: request.localesPath) } catch {
                throw .glossary(error)
            }
        }

        var memory: TranslationMemory?
        var memoryPrint: JobManifest.Fingerprint?
        if let path = request.translationMemory {
            do {
                let tm = try TranslationMemory(path: path)
                memory = tm
                memoryPrint = JobManifest.Fingerprint(path: path, sha256: (try? tm.fingerprint) ?? "", concepts: nil,
                                                      terms: (try? tm.statistics().units))
            } catch {
                throw .usage("\(path): cannot open the translation memory: \(error)")
            }
        }
        let sharedMemory = memory
        let names = documentNames(request.inputs)
        let total = request.inputs.count
        let results = ParallelResults<Result<Prepared, PrepareFailure>>(count: total)
        let workers = min(request.parallelism, total)
        let frozenBase = base
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var worker: Worker?
            while let index = results.claim() {
                let path = request.inputs[index]
                do {
                    if worker == nil { worker = try Worker(request: request, base: frozenBase, locales: locales, memory: sharedMemory) }
                    results.store(index, .success(try worker!.prepare(path: path, name: names[index])))
                } catch {
                    results.store(index, .failure(PrepareFailure(message: "\(error)")))
                }
                progress(results.finished, total)
            }
        }

        // Each document's files are written now: one that a format cannot carry fails alone.
        var outcomes = results.all
        do { try makeFolders(request) } catch {
            throw .exchange(ExchangeError("cannot create the folder: \(error.localizedDescription)", location: SourceLocation(file: out), kind: .unwritable))
        }
        let documents = outcomes.compactMap { outcome -> Prepared? in if case let .success(p)? = outcome { return p } else { return nil } }
        let writeErrors = writeDocuments(documents, request: request)
        var k = 0
        for index in outcomes.indices {
            guard case let .success(p)? = outcomes[index] else { continue }
            if let error = writeErrors[k] {
                removeDocumentFiles(p.entry.name, request: request)
                outcomes[index] = .failure(PrepareFailure(message: "\(error)"))
            }
            k += 1
        }

        // Everything below runs in document order.
        var prepared: [Prepared] = []
        var failures: [(String, String)] = []
        var entries: [JobManifest.Document] = []
        for (index, result) in outcomes.enumerated() {
            switch result {
            case let .success(p)?:
                prepared.append(p)
                entries.append(p.entry)
            case let .failure(f)?:
                failures.append((request.inputs[index], f.message))
                entries.append(JobManifest.Document(name: names[index], path: request.inputs[index], sha256: fileHash(request.inputs[index]) ?? "",
                                                    bytes: 0, segments: 0, translatableSegments: 0, words: 0, characters: 0, error: f.message))
            case nil:
                failures.append((request.inputs[index], "not processed"))
            }
        }
        let analysis = Analysis(documents: prepared.map { ($0.entry, $0.measured, $0.bands) }, findings: prepared.flatMap(\.findings),
                                sourceLanguage: request.sourceLanguage, targetLanguages: request.targetLanguages,
                                translationMemory: request.translationMemory)
        let manifest = JobManifest(
            job: jobID(out: out, documents: entries),
            created: ISO8601DateFormatter().string(from: Date()),
            tool: .init(name: Bitext.name, version: Bitext.version),
            sourceLanguage: request.sourceLanguage, targetLanguages: request.targetLanguages,
            documents: entries, glossaries: glossaryPrints, translationMemory: memoryPrint,
            settings: .init(formats: request.formats.map(\.rawValue), prefillTarget: request.prefillTarget, reviewPage: true,
                            localesSHA256: localesHash(request.localesPath)))
        do {
            try write(prepared, manifest: manifest, analysis: analysis, request: request)
        } catch let error as JobError {
            throw error
        } catch let error as ExchangeError {
            throw .exchange(error)
        } catch {
            throw .exchange(ExchangeError("\(error)", location: SourceLocation(file: out), kind: .unwritable))
        }
        return PrepareResult(manifest: manifest, analysis: analysis, failures: failures)
    }

    /// Unique names inside the job: the file name, with a number when two inputs share a name
    /// without its extension (the bilingual files are named by that stem).
    static func documentNames(_ inputs: [String]) -> [String] {
        var used: Set<String> = []
        return inputs.map { path in
            var base = (path as NSString).lastPathComponent
            if !PathName.isPlain(base) { base = "document" }
            let stem = (base as NSString).deletingPathExtension, ext = (base as NSString).pathExtension
            var candidate = stem
            var n = 2
            while used.contains(candidate.lowercased()) {
                candidate = "\(stem)-\(n)"
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate + (ext.isEmpty ? "" : "." + ext)
        }
    }

    static func fileHash(_ path: String) -> String? {
        (try? FileBytes.read(path)).map { SHA256.hex($0) }
    }

    /// The job folder may be new, empty, or a job (replaced with `overwrite`); any other folder or
    /// file is refused without `overwrite`, so that prepare never writes over files that are not its own.
    static func checkOutputFolder(_ out: String, overwrite: Bool) throws(JobError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: out, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw .exchange(ExchangeError("exists and is not a folder; give a folder for the job", location: SourceLocation(file: out), kind: .unwritable))
        }
        if fm.fileExists(atPath: out + "/job.json") {
            if !overwrite { throw .exchange(ExchangeError("a job exists here; pass --force to replace it", location: SourceLocation(file: out), kind: .unwritable)) }
            return
        }
        let contents = (try? fm.contentsOfDirectory(atPath: out)) ?? []
        if !contents.isEmpty && !overwrite {
            throw .exchange(ExchangeError("the folder is not empty and holds no job (no job.json); give a new folder, or pass --force to write into it",
                                          location: SourceLocation(file: out), kind: .unwritable))
        }
    }

    /// A fingerprint of the locale data, so that a merge can tell when segmentation rules changed.
    static func localesHash(_ path: String) -> String {
        var hash = SHA256()
        let files = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
        for file in files where file.hasSuffix(".txt") || file.hasSuffix(".srx") {
            hash.update(Array(file.utf8))
            if let data = FileManager.default.contents(atPath: path + "/" + file) { hash.update(data) }
        }
        return hash.hexDigest()
    }

    static func jobID(out: String, documents: [JobManifest.Document]) -> String {
        let name = (out as NSString).lastPathComponent
        let digest = SHA256.hex(Array(documents.map { $0.name + ":" + $0.sha256 }.joined(separator: "\n").utf8))
        return name + "-" + digest.prefix(12)
    }

    /// Per-thread tools: ICU-backed objects are not thread-safe, so each worker has its own.
    final class Worker {
        let request: PrepareRequest
        let base: TermBase
        let segmenter: Segmenter
        let words: WordCounter
        let annotators: [String: GlossaryAnnotator]
        let checker: TermChecker?
        let memory: TranslationMemory?

        init(request: PrepareRequest, base: TermBase, locales: LocaleData, memory: TranslationMemory?) throws {
            self.request = request
            self.memory = memory
            self.base = base
            segmenter = try Segmenter(language: request.sourceLanguage, locales: locales)
            words = try WordCounter(language: request.sourceLanguage)
            var annotators: [String: GlossaryAnnotator] = [:]
            if !base.concepts.isEmpty {
                for language in request.targetLanguages {
                    annotators[language] = try GlossaryAnnotator(termBase: base, sourceLanguage: request.sourceLanguage,
                                                                 targetLanguage: language, localesPath: request.localesPath)
                }
                checker = try TermChecker(termBase: base, sourceLanguage: request.sourceLanguage, targetLanguage: nil, localesPath: request.localesPath)
            } else {
                checker = nil
            }
            self.annotators = annotators
        }

        func prepare(path: String, name: String) throws -> Prepared {
            let data: [UInt8]
            do { data = try FileBytes.read(path) } catch {
                throw ExchangeError(error.reason, location: SourceLocation(file: path), kind: .unreadable)
            }
            guard let kind = DocumentKind(path: path) else {
                throw ExchangeError("unknown article format '.\((path as NSString).pathExtension)'; prepare reads plain text (.txt), Markdown (.md) and HTML (.html)",
                                    location: SourceLocation(file: path))
            }
            let units = try DocumentSource.units(path: path, kind: kind, segmenter: segmenter)
            var translatable = 0, wordCount = 0, characters = 0
            var measured: [TranslationUnitLike] = []
            for unit in units {
                let n = unit.translate ? words.count(unit.source.text) : 0
                measured.append(TranslationUnitLike(text: unit.source.text, translate: unit.translate, words: n))
                guard unit.translate else { continue }
                translatable += 1
                wordCount += n
                characters += unit.source.text.count
            }
            var annotated: [String: [TranslationUnit]] = [:]
            var bands: [String: [String?]] = [:]
            var uses: [TermUse] = []
            for language in request.targetLanguages {
                var list = units
                if let annotator = annotators[language] {
                    for i in list.indices where list[i].translate { annotator.annotate(&list[i]) }
                }
                bands[language] = try pretranslate(&list, language: language, origin: name)
                annotated[language] = list
            }
            if let first = request.targetLanguages.first, let list = annotated[first] {
                for (index, unit) in list.enumerated() {
                    for (k, term) in unit.terms.enumerated() {
                        var renderings: [String: [String]] = [:]
                        for language in request.targetLanguages { renderings[language] = annotated[language]?[index].terms[k].translations ?? [] }
                        uses.append(TermUse(concept: term.origin ?? "", term: term.term, renderings: renderings))
                    }
                }
            }
            let findings = checker?.check(units.filter(\.translate).map {
                CheckUnit(file: name, id: $0.id, source: $0.source.text, target: nil)
            }) ?? []
            let entry = JobManifest.Document(name: name, path: path, sha256: SHA256.hex(data), bytes: data.count, segments: units.count,
                                             translatableSegments: translatable, words: wordCount, characters: characters, error: nil)
            return Prepared(entry: entry, units: units, annotated: annotated, findings: findings, occurrences: uses, measured: measured, bands: bands)
        }

        /// Looks every translatable unit up in the translation memory: a context match fills the
        /// target as translated, a 100% match as needs-review, fuzzy matches at or above the
        /// threshold become candidates. Units with inline codes only get candidates, since the
        /// memory holds plain text. Returns each unit's match band.
        func pretranslate(_ units: inout [TranslationUnit], language: String, origin: String) throws -> [String?] {
            var bands = [String?](repeating: nil, count: units.count)
            let translatable = units.indices.filter { units[$0].translate }
            for (k, i) in translatable.enumerated() {
                guard let memory else {
                    bands[i] = "no match"
                    continue
                }
                let previous = k > 0 ? units[translatable[k - 1]].source.text : nil
                let next = k + 1 < translatable.count ? units[translatable[k + 1]].source.text : nil
                let matches = try memory.lookup(units[i].source.text, previous: previous, next: next, sourceLanguage: request.sourceLanguage,
                                                targetLanguage: language, threshold: min(50, request.fuzzyThreshold), limit: 5)
                guard let best = matches.first else {
                    bands[i] = "no match"
                    continue
                }
                bands[i] = best.kind == .context ? "context" : Analysis.band(best.similarity)
                if best.kind != .fuzzy && !units[i].source.hasCodes && units[i].target.isEmpty {
                    units[i].target = Content(best.target)
                    units[i].state = best.kind == .context ? .translated : .needsReview
                }
                units[i].matches = matches.filter { $0.similarity >= request.fuzzyThreshold }.map {
                    MatchCandidate(source: $0.source, target: $0.target, similarity: $0.similarity,
                                   origin: $0.origin ?? (request.translationMemory as NSString?)?.lastPathComponent)
                }
            }
            return bands
        }
    }

    struct PrepareFailure: Error, Sendable {
        var message: String
    }
}

/// Work items handed out to worker threads one at a time, with each item's result kept in item
/// order, so that what is done with them does not depend on the order in which they finish.
final class ParallelResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Value?]
    private var nextIndex = 0
    private var done = 0

    init(count: Int) { results = Array(repeating: nil, count: count) }

    /// The next item to work on, or nil when all are taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < results.count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func store(_ index: Int, _ value: Value) {
        lock.lock()
        results[index] = value
        done += 1
        lock.unlock()
    }

    /// How many items have a result.
    var finished: Int {
        lock.lock()
        defer { lock.unlock() }
        return done
    }

    /// The results by item; nil for items not done.
    var all: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
