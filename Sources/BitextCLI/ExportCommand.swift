import ArgumentParser
import Exchange
import Foundation
import Jobs
import Segmentation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write bilingual files for translators: XLIFF 2.1 and 1.2, TMX, PO, CSV, TSV, JSON Lines, or an HTML review page.",
        discussion: """
        Each INPUT is a plain-text document (.txt), segmented into sentences with empty targets, or a \
        bilingual file in any of the formats, which is converted. Boilerplate lines become \
        non-translatable units. Glossary terms found in the source go into the XLIFF 2.1 glossary \
        module and are highlighted on the review page, which also shows check findings for \
        translated units.

        Without --to, the format comes from the output's extension (.xlf means XLIFF 2.1). Without \
        -o, the file goes to Exports/NAME.LANG.EXT. An existing file is only replaced with --force; \
        writes are atomic.

        Exit status: 0 success, 64 usage, 65 bad data (or text a format cannot carry), 66 missing input, 73 cannot write.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case xliff2, xliff12, tmx, po, csv, tsv, jsonl, html
    }

    @Argument(help: "Documents (.txt) or bilingual files.")
    var inputs: [String]

    @Option(name: .long, help: "xliff2, xliff12, tmx, po, csv, tsv, jsonl or html.")
    var to: Format?

    @Option(name: .shortAndLong, help: "The output file, or '-' for standard output.")
    var output: String?

    @Option(name: .long, help: "Source language (BCP 47); needed for text documents.")
    var sourceLang: String?

    @Option(name: .long, help: "Target language (BCP 47).")
    var targetLang: String?

    @Option(name: .long, help: "A term base (.tbx, .csv, .tsv) whose terms are marked; repeat for several (default: Glossary/*.tbx).")
    var glossary: [String] = []

    @Flag(name: .long, help: "Do not mark glossary terms.")
    var noGlossary = false

    @Flag(name: .long, help: "XLIFF 1.2: fill empty targets with the source (OmegaT ignores units without a target).")
    var prefillTarget = false

    @Flag(name: .long, help: "Replace an existing output file.")
    var force = false

    @Option(name: .long, help: "The Locales directory.")
    var locales: String?

    func run() throws {
        guard let format = to.map({ ExchangeFormat(rawValue: $0.rawValue)! }) ?? output.flatMap({ ExchangeFormat(outputPath: $0) }) else {
            StandardError.print("bitext: error: give --to, or an -o file whose extension names the format (.xlf, .tmx, .po, .csv, .tsv, .jsonl, .html)")
            throw ExitStatus.usage
        }
        if prefillTarget && format != .xliff12 {
            StandardError.print("bitext: warning: --prefill-target applies to XLIFF 1.2 only")
        }
        let localeData: LocaleData
        do { localeData = try LocaleData.locate(explicit: locales) } catch { throw ExitStatus.report(error) }
        var glossaries = glossary
        if glossaries.isEmpty && !noGlossary {
            glossaries = DefaultGlossaries.find(localesPath: localeData.path)
        }
        let destination = output ?? defaultOutput(format)
        if output == nil {
            try? FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        let request = ExportRequest(inputs: inputs, format: format, output: destination, sourceLanguage: sourceLang,
                                    targetLanguage: targetLang, glossaries: noGlossary ? [] : glossaries,
                                    prefillTarget: prefillTarget, overwrite: force, localesPath: localeData.path)
        let summary: ExportSummary
        do {
            summary = try Export.run(request) { StandardError.print("bitext: warning: \($0)") }
        } catch {
            throw ExitStatus.report(error)
        }
        if destination != "-" {
            var line = "bitext: wrote \(destination): \(summary.units) units in \(summary.files) file\(summary.files == 1 ? "" : "s") (\(format.displayName))"
            if summary.terms > 0 { line += ", \(summary.terms) glossary terms marked" }
            if summary.findings > 0 { line += ", \(summary.findings) findings shown" }
            StandardError.print(line)
        }
    }

    private func defaultOutput(_ format: ExchangeFormat) -> String {
        let first = (inputs.first.map { ($0 as NSString).lastPathComponent } ?? "export") as NSString
        var stem = first.deletingPathExtension
        if let targetLang { stem += "." + targetLang }
        return "Exports/" + stem + "." + format.fileExtension
    }
}
