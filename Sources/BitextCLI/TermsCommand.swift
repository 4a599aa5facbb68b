import ArgumentParser
import BitextCore
import Foundation
import Glossary
import Segmentation

struct TermsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "List every glossary term in a text, with its range and approved renderings.",
        discussion: """
        Terms are found as whole words, across line breaks, with locale-aware case folding and the \
        language's inflection rules from Locales/ (Russian case endings, Turkish and Azerbaijani \
        suffixes). Ranges are UTF-8 byte offsets, end exclusive.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, tsv }

    @Argument(help: "The text file ('-' for standard input).")
    var file: String

    @Option(name: .long, help: "A term base (.tbx, .csv, .tsv); repeat for several.")
    var glossary: [String]

    @Option(name: .long, help: "The language of the text (BCP 47).")
    var lang: String

    @Option(name: .long, help: "Languages whose approved renderings to list (default: all others in the glossary).")
    var targetLang: [String] = []

    @Option(name: .long, help: "text, json or tsv.")
    var format: Format = .text

    @Option(name: .long, help: "The Locales directory.")
    var locales: String?

    func run() throws {
        guard !glossary.isEmpty else { throw ValidationError("give at least one --glossary") }
        let base: TermBase
        base = try GlossaryCommand.load(paths: glossary)
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            let data: [UInt8]
            do { data = try FileBytes.read(file) } catch {
                StandardError.print("bitext: \(file): error: \(error.reason)")
                throw ExitStatus.noInput
            }
            text = String(decoding: data, as: UTF8.self)
        }
        let matcher: TermMatcher
        do {
            let localesPath = try LocaleData.locate(explicit: locales).path
            InflectionWarning.warn(lang, localesPath: localesPath)
            matcher = try TermMatcher(termBase: base, language: lang, inflection: Inflection.load(language: lang, localesPath: localesPath))
        } catch let error as GlossaryError {
            throw ExitStatus.report(error)
        } catch let error as SegmentationError {
            throw ExitStatus.report(error)
        }
        let targets = targetLang.isEmpty ? base.languages.filter { !$0.hasPrefix(lang.lowercased().prefix(2)) } : targetLang
        let found = matcher.occurrences(in: text)
        var json: [[String: Any]] = []
        if format == .tsv { print("start\tend\tfound\tconcept\tterm\tstatus\t" + targets.joined(separator: "\t")) }
        for o in found {
            let concept = base.concepts[o.concept]
            let term = concept.terms[o.term]
            let renderings = targets.map { t in concept.terms(in: t).filter(\.isApproved).map(\.text) }
            switch format {
            case .text:
                let r = zip(targets, renderings).map { "\($0): \($1.joined(separator: " | "))" }.joined(separator: "; ")
                print("\(file):\(o.range.lowerBound)-\(o.range.upperBound): \(o.text) [\(concept.id), \(term.status.rawValue)]\(term.doNotTranslate ? " do not translate" : "") → \(r)")
            case .tsv:
                print([String(o.range.lowerBound), String(o.range.upperBound), o.text, concept.id, term.text, term.status.rawValue]
                    .joined(separator: "\t") + "\t" + renderings.map { $0.joined(separator: " | ") }.joined(separator: "\t"))
            case .json:
                json.append(["start": o.range.lowerBound, "end": o.range.upperBound, "found": o.text, "concept": concept.id,
                             "term": term.text, "status": term.status.rawValue, "doNotTranslate": term.doNotTranslate,
                             "renderings": Dictionary(uniqueKeysWithValues: zip(targets, renderings))])
            }
        }
        if format == .json {
            let data = try JSONSerialization.data(withJSONObject: ["file": file, "language": lang, "terms": json],
                                                  options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
