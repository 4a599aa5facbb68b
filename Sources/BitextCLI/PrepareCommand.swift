import ArgumentParser
import BitextCore
import Exchange
import Foundation
import Jobs
import Segmentation

struct PrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Turn articles into translation packages: bilingual files and a review page per target language, a term list and an analysis.",
        discussion: """
        Reads plain text, Markdown (CommonMark, by libcmark) and HTML web pages (by libxml2: the \
        article is extracted; navigation, ads and scripts are left out). Writes OUT/job.json (documents with SHA-256, segment and word counts, glossary fingerprints, \
        settings), OUT/LANG/NAME.xlf (or the --format list) and OUT/LANG/NAME.html per target \
        language, OUT/terms.csv, OUT/analysis.txt and OUT/analysis.json, and OUT/source/ (the \
        originals and their segmentation, which bitext merge rebuilds from). Boilerplate lines are \
        kept as non-translatable units. With a translation memory, context matches fill the target \
        (translated), 100% matches too (needs review), and fuzzy matches go in as candidates. Documents are prepared in parallel; a document that fails is \
        reported and the others complete.

        Exit status: 0 success, 64 usage, 65 a document failed or bad data, 66 missing input, 73 cannot write.
        """
    )

    @Argument(help: "Articles: plain text (.txt), Markdown (.md) or HTML (.html).")
    var articles: [String]

    @Option(name: .long, help: "Source language (BCP 47).")
    var sourceLang: String

    @Option(name: .long, help: "Target languages, comma-separated (az,ru,tr).")
    var targetLang: String

    @Option(name: .long, help: "A term base (.tbx, .csv, .tsv); repeat for several (default: Glossary/*.tbx).")
    var glossary: [String] = []

    @Option(name: .long, help: "Bilingual formats per language, comma-separated: xliff2, xliff12, tmx, po, csv, tsv, jsonl (default: xliff2).")
    var format: String = "xliff2"

    @Option(name: .long, help: "The job folder (default: Exports/NAME, after the first article).")
    var out: String?

    @Option(name: .long, help: "A translation memory to pre-translate from (default: Exports/tm.sqlite when it exists).")
    var tm: String?

    @Flag(name: .long, help: "Do not use a translation memory.")
    var noTm = false

    @Option(name: .long, help: "Fuzzy matches at or above this similarity go into the files as candidates.")
    var fuzzyThreshold: Int = 75

    @Flag(name: .long, help: "XLIFF 1.2: fill empty targets with the source (for OmegaT).")
    var prefillTarget = false

    @Flag(name: .long, help: "Replace an existing job.")
    var force = false

    @Option(name: .long, help: "Documents prepared at once (default: the number of cores).")
    var jobs: Int?

    @Option(name: .long, help: "The Locales directory.")
    var locales: String?

    func run() throws {
        var formats: [ExchangeFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let f = ExchangeFormat(rawValue: name) else {
                StandardError.print("bitext: error: unknown format '\(name)' (expected \(ExchangeFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                throw ExitStatus.usage
            }
            formats.append(f)
        }
        let targets = targetLang.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let problem = LanguageTag.problem(source: sourceLang, targets: targets) {
            StandardError.print("bitext: error: \(problem)")
            throw ExitStatus.usage
        }
        let localeData: LocaleData
        do { localeData = try LocaleData.locate(explicit: locales) } catch { throw ExitStatus.report(error) }
        for language in [sourceLang] + targets { InflectionWarning.warn(language, localesPath: localeData.path) }
        let glossaries = glossary.isEmpty ? DefaultGlossaries.find(localesPath: localeData.path) : glossary
        if let tm, !FileManager.default.fileExists(atPath: tm) {
            StandardError.print("bitext: \(tm): error: no such translation memory (create one with bitext tm import)")
            throw ExitStatus.noInput
        }
        guard (1...100).contains(fuzzyThreshold) else {
            StandardError.print("bitext: error: --fuzzy-threshold must be between 1 and 100")
            throw ExitStatus.usage
        }
        let memory = noTm ? nil : tm ?? (FileManager.default.fileExists(atPath: "Exports/tm.sqlite") ? "Exports/tm.sqlite" : nil)
        let stem = ((articles.first.map { ($0 as NSString).lastPathComponent } ?? "job") as NSString).deletingPathExtension
        let request = PrepareRequest(inputs: articles, sourceLanguage: sourceLang, targetLanguages: targets, glossaries: glossaries,
                                     formats: formats.isEmpty ? [.xliff2] : formats, outputDirectory: out ?? "Exports/" + stem,
                                     overwrite: force, prefillTarget: prefillTarget, localesPath: localeData.path,
                                     parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                     translationMemory: memory, fuzzyThreshold: fuzzyThreshold)
        let bar = ProgressBar(enabled: isatty(2) != 0)
        let result: PrepareResult
        do { result = try Prepare.run(request) { bar.update($0, $1) } } catch { throw ExitStatus.report(error) }
        bar.finish()
        for failure in result.failures {
            // Messages that carry a position start with the file already: do not say it twice.
            let located = failure.message.hasPrefix(failure.document + ":")
            StandardError.print(located ? "bitext: error: \(failure.message)" : "bitext: \(failure.document): error: \(failure.message)")
        }
        let ok = result.manifest.documents.filter { $0.error == nil }
        let words = ok.reduce(0) { $0 + $1.words }
        print("Prepared \(ok.count) of \(result.manifest.documents.count) document\(result.manifest.documents.count == 1 ? "" : "s") "
              + "(\(ok.reduce(0) { $0 + $1.segments }) segments, \(words) words) for \(targets.joined(separator: ", ")) in \(request.outputDirectory)")
        print("Analysis: \(request.outputDirectory)/analysis.txt; source findings: \(result.analysis.findings.count)")
        for f in result.analysis.findings.prefix(10) {
            print("  \(f.file):\(f.unit): \(f.severity.rawValue): \(f.rule.rawValue): \(f.message)")
        }
        if !result.failures.isEmpty { throw ExitStatus.dataError }
    }
}

/// The term bases used when none is given: every `.tbx` in `Glossary/` beside `Locales/`.
enum DefaultGlossaries {
    static func find(localesPath: String) -> [String] {
        let dir = (localesPath as NSString).deletingLastPathComponent + "/Glossary"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return files.filter { $0.hasSuffix(".tbx") }.sorted().map { dir + "/" + $0 }
    }
}

/// A one-line progress bar on standard error, drawn only on a terminal.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = done * width / total
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(done)/\(total)"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
