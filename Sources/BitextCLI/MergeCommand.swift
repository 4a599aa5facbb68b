import ArgumentParser
import Foundation
import Jobs
import Segmentation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Rebuild translated documents from returned bilingual files.",
        discussion: """
        Each RETURNED file (XLIFF, PO, TMX, CSV, TSV, JSON Lines or a review page from the job) is \
        matched to its document, and the document is rebuilt in its original format with every \
        translatable segment replaced by its target; non-translatable parts stay as they were. \
        The merge is refused, with a list, when a unit is unknown or missing or a source text was \
        changed; --allow-partial keeps the source text of untranslated units and says how many. \
        The returned units are checked against the job's glossaries, and the confirmed \
        translations (translated or final) are stored in the translation memory.

        Exit status: 0 merged, 64 usage, 65 refused or bad data, 66 missing input, 73 cannot write.
        """
    )

    @Argument(help: "Returned bilingual files.")
    var returned: [String]

    @Option(name: .long, help: "The job folder that bitext prepare wrote.")
    var job: String

    @Option(name: .shortAndLong, help: "Folder for the merged documents (default: JOB/merged); each goes to OUT/LANG/NAME.")
    var output: String?

    @Flag(name: .long, help: "Keep the source text of untranslated units instead of refusing.")
    var allowPartial = false

    @Flag(name: .long, help: "Replace existing merged documents.")
    var force = false

    @Option(name: .long, help: "The translation memory that receives the confirmed translations (default: the job's, or Exports/tm.sqlite).")
    var tm: String?

    @Flag(name: .long, help: "Do not store the translations in a translation memory.")
    var noTm = false

    @Option(name: .long, help: "The Locales directory.")
    var locales: String?

    func run() throws {
        let localeData: LocaleData
        do { localeData = try LocaleData.locate(explicit: locales) } catch { throw ExitStatus.report(error) }
        let result: MergeResult
        do {
            var memory: String?
            if !noTm {
                memory = tm ?? Merge.jobMemory(job) ?? "Exports/tm.sqlite"
                if let dir = memory.map({ ($0 as NSString).deletingLastPathComponent }), !dir.isEmpty {
                    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                }
            }
            result = try Merge.run(MergeRequest(returned: returned, job: job, output: output, allowPartial: allowPartial,
                                                overwrite: force, localesPath: localeData.path, translationMemory: memory))
        } catch { throw ExitStatus.report(error) }
        for warning in result.warnings { StandardError.print("bitext: warning: \(warning)") }
        for d in result.documents {
            var line = "Merged \(d.document) (\(d.language)): \(d.translatedUnits) units translated → \(d.path)"
            if d.untranslatedUnits > 0 { line += "; \(d.untranslatedUnits) left in the source language (--allow-partial)" }
            print(line)
        }
        print("Check of the returned translations: \(result.findings.count) finding\(result.findings.count == 1 ? "" : "s")")
        for f in result.findings {
            print("  \(f.file):\(f.unit): \(f.severity.rawValue): \(f.rule.rawValue): \(f.message)")
        }
        if result.storedInMemory > 0 { print("Stored \(result.storedInMemory) confirmed translation\(result.storedInMemory == 1 ? "" : "s") in the translation memory.") }
    }
}
