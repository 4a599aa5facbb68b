import ArgumentParser
import BitextCore
import Exchange
import Foundation
import Glossary
import Segmentation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check translations against term bases, and for consistency, numbers and completeness.",
        discussion: """
        Input: a bilingual TSV of two columns (source, target) with no header, where the unit id is \
        the line number; CSV/TSV with an id,source,target header; or XLIFF 2.x/1.2, TMX, PO, JSON \
        Lines or a Bitext review page (non-translatable units are skipped). Text (.txt) and \
        Markdown (.md) are segmented and get the source-side rules only.

        Rules: \(CheckRule.allCases.map { "\($0.rawValue) (\($0.defaultSeverity.rawValue))" }.joined(separator: ", ")).

        Exit status: 0 no error-level finding, 1 error-level findings, 64 usage, 65 bad data, 66 missing input.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif }

    @Argument(help: "Files to check.")
    var files: [String]

    @Option(name: .long, help: "A term base (.tbx, .csv, .tsv); repeat for several.")
    var glossary: [String] = []

    @Option(name: .long, help: "Source language (BCP 47).")
    var sourceLang: String

    @Option(name: .long, help: "Target language (BCP 47).")
    var targetLang: String?

    @Option(name: .long, help: "text, json or sarif.")
    var format: Format = .text

    @Option(name: .long, help: "Rules to run, comma-separated, each optionally =error|warning|info (default: all).")
    var rules: String?

    @Option(name: .long, help: "A JSON report of accepted findings; only new findings are reported.")
    var baseline: String?

    @Option(name: .long, help: "The Locales directory.")
    var locales: String?

    func run() throws {
        guard !glossary.isEmpty else {
            StandardError.print("bitext: error: give at least one --glossary")
            throw ExitStatus.usage
        }
        let base: TermBase
        base = try GlossaryCommand.load(paths: glossary)
        let localeData: LocaleData
        do { localeData = try LocaleData.locate(explicit: locales) } catch { throw ExitStatus.report(error) }
        for language in [sourceLang] + (targetLang.map { [$0] } ?? []) {
            InflectionWarning.warn(language, localesPath: localeData.path)
        }
        let checker: TermChecker
        do {
            let config = try rules.map { try TermChecker.Configuration.parse($0) } ?? .init()
            checker = try TermChecker(termBase: base, sourceLanguage: sourceLang, targetLanguage: targetLang,
                                      localesPath: localeData.path, configuration: config)
        } catch let error as GlossaryError {
            StandardError.print("bitext: \(error)")
            throw ExitStatus.usage
        }
        var units: [CheckUnit] = []
        for file in files {
            do { units += try UnitReader.read(file, sourceLanguage: sourceLang, locales: localeData) } catch let error as GlossaryError {
                throw ExitStatus.report(error)
            } catch let error as SegmentationError {
                throw ExitStatus.report(error)
            } catch let error as ExchangeError {
                throw ExitStatus.report(error)
            }
        }
        var findings = checker.check(units)
        if let baseline {
            do { findings = try Baseline.filter(findings, baseline: baseline) } catch { throw ExitStatus.report(error) }
        }
        let report = CheckReport(findings: findings, units: units.count, files: files)
        switch format {
        case .text: print(report.text(colour: isatty(1) != 0), terminator: "")
        case .json: print(report.json())
        case .sarif: print(report.sarif())
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

/// Says so when a language has no inflection data, so terms match in their base form only.
enum InflectionWarning {
    static func warn(_ language: String, localesPath: String) {
        let primary = language.lowercased().split(separator: "-").first.map(String.init) ?? language
        if !FileManager.default.fileExists(atPath: "\(localesPath)/\(primary)/inflection.txt") {
            StandardError.print("bitext: warning: no inflection rules for '\(language)' in \(localesPath); terms match in their base form only")
        }
    }
}

/// Reads units to check from bilingual TSV/CSV or monolingual text.
enum UnitReader {
    static func read(_ path: String, sourceLanguage: String, locales: LocaleData) throws -> [CheckUnit] {
        let data: [UInt8]
        do { data = try FileBytes.read(path) } catch { throw GlossaryError.unreadable(path: path, reason: error.reason) }
        if let bad = UTF8Validation.firstInvalidOffset(data) {
            throw GlossaryError.malformed(SourceLocation(file: path, byteOffset: bad), "invalid UTF-8")
        }
        let text = String(decoding: data, as: UTF8.self)
        let ext = path.split(separator: ".").last?.lowercased() ?? ""
        if let format = ExchangeFormat(inputPath: path), format != .csv && format != .tsv {
            return try exchangeUnits(path, format: format, sourceLanguage: sourceLanguage)
        }
        if ["xlf", "xliff"].contains(ext) {
            throw GlossaryError.malformed(SourceLocation(file: path), "not an XLIFF file: no <xliff> root with a version")
        }
        if ext == "txt" || ext == "md" || ext == "markdown" {
            let segmenter = try Segmenter(language: sourceLanguage, locales: locales)
            return segmenter.segments(of: text).map { CheckUnit(file: path, id: String($0.id), source: $0.text, target: nil) }
        }
        let dialect: DelimitedText.Dialect = ext == "csv" ? .csv : .tsv
        let rows: [DelimitedText.Row]
        do { rows = try DelimitedText.rows(text, dialect: dialect) } catch {
            throw GlossaryError.malformed(SourceLocation(file: path, line: error.line, column: error.column), error.message)
        }
        guard let first = rows.first else { return [] }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if let s = header.firstIndex(of: "source"), let t = header.firstIndex(of: "target") {
            let idColumn = header.firstIndex(of: "id")
            let unknown = header.filter { !["id", "source", "target"].contains($0) }
            if !unknown.isEmpty {
                StandardError.print("bitext: warning: \(SourceLocation(file: path, line: first.line)): column\(unknown.count == 1 ? "" : "s") \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) not checked (check reads id, source, target)")
            }
            return try rows.dropFirst().map { row in
                guard row.fields.count > max(s, t) else {
                    throw GlossaryError.malformed(SourceLocation(file: path, line: row.line, column: row.fields.count + 1),
                                                  "expected \(header.count) fields, found \(row.fields.count)")
                }
                return CheckUnit(file: path, id: idColumn.map { row.fields[$0] } ?? String(row.line),
                                 source: row.fields[s], target: row.fields[t], line: row.line)
            }
        }
        guard dialect == .tsv else {
            throw GlossaryError.malformed(SourceLocation(file: path, line: first.line, column: 1), "a CSV file needs an id,source,target header")
        }
        return try rows.map { row in
            guard row.fields.count == 2 else {
                throw GlossaryError.malformed(SourceLocation(file: path, line: row.line, column: 1),
                                              "expected two tab-separated columns (source, target), found \(row.fields.count)")
            }
            return CheckUnit(file: path, id: String(row.line), source: row.fields[0], target: row.fields[1], line: row.line)
        }
    }
}

extension UnitReader {
    /// The translatable units of an XLIFF, TMX, PO, JSON Lines or review-page file; an absent
    /// target counts as empty.
    static func exchangeUnits(_ path: String, format: ExchangeFormat, sourceLanguage: String) throws -> [CheckUnit] {
        let reader = try format.makeReader(path: path, sourceLanguage: sourceLanguage)
        var units: [CheckUnit] = []
        while let event = try reader.next() {
            guard case let .unit(unit) = event, unit.translate else { continue }
            units.append(CheckUnit(file: path, id: unit.id, source: unit.source.text, target: unit.target.text))
        }
        for warning in reader.warnings { StandardError.print("bitext: warning: \(warning)") }
        return units
    }
}

/// Accepted findings, so that CI reports only new ones.
enum Baseline {
    static func key(file: String, unit: String, rule: String, concept: String?, found: String?) -> String {
        [file, unit, rule, concept ?? "", found ?? ""].joined(separator: "\u{1}")
    }

    static func filter(_ findings: [Finding], baseline path: String) throws(GlossaryError) -> [Finding] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "no such file") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let accepted = object["findings"] as? [[String: Any]] else {
            throw .malformed(SourceLocation(file: path), "not a bitext check JSON report (no \"findings\" array)")
        }
        let keys = Set(accepted.map { f in
            key(file: f["file"] as? String ?? "", unit: f["unit"] as? String ?? "", rule: f["rule"] as? String ?? "",
                concept: f["concept"] as? String, found: f["found"] as? String)
        })
        return findings.filter { !keys.contains(key(file: $0.file, unit: $0.unit, rule: $0.rule.rawValue, concept: $0.concept, found: $0.found)) }
    }
}
