import ArgumentParser
import Glossary

struct GlossaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "Inspect, check and convert term bases (TBX 2008, TBX v3, CSV, TSV).",
        subcommands: [Lint.self, Convert.self, Lookup.self]
    )

    /// Reads a term base or exits with the matching status.
    static func load(_ path: String) throws -> TermBase { try load(paths: [path]) }

    /// Reads term bases, printing what the readers passed over (empty terms), or exits.
    static func load(paths: [String]) throws -> TermBase {
        let base: TermBase
        do { base = try TermBaseFile.read(paths: paths) } catch { throw ExitStatus.report(error) }
        for warning in base.warnings { StandardError.print("bitext: " + warning) }
        return base
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report duplicate terms, terms in two concepts, and concepts without a preferred term.",
            discussion: "Exit status: 0 clean, 1 findings, 65 malformed file, 66 missing file."
        )

        @Argument(help: "Term base files (.tbx, .csv, .tsv).")
        var files: [String]

        func run() throws {
            var total = 0
            for file in files {
                let base = try GlossaryCommand.load(file)
                let findings = base.lint()
                for f in findings { print(f) }
                print("\(file): \(base.concepts.count) concepts, \(base.termCount) terms in \(base.languages.joined(separator: ", ")); \(findings.count) findings")
                total += findings.count
            }
            if total > 0 { throw ExitCode(1) }
        }
    }

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a term base; the formats come from the file extensions.",
            discussion: "Writes TBX v3 (TBX-Basic), CSV or TSV atomically. An existing output is kept unless --force is given."
        )

        @Argument(help: "The term base to read.")
        var input: String

        @Argument(help: "The file to write (.tbx, .csv or .tsv).")
        var output: String

        @Flag(help: "Overwrite an existing output file.")
        var force = false

        func run() throws {
            let base = try GlossaryCommand.load(input)
            do { try TermBaseFile.write(base, path: output, overwrite: force) } catch { throw ExitStatus.report(error) }
            StandardError.print("bitext: wrote \(output): \(base.concepts.count) concepts, \(base.termCount) terms")
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the concepts that hold a term, with all their terms.")

        @Argument(help: "The term base.")
        var file: String

        @Argument(help: "The term to look up (case-insensitive).")
        var term: String

        @Option(help: "Only match terms in this language.")
        var lang: String?

        func run() throws {
            let base = try GlossaryCommand.load(file)
            let concepts = base.lookup(term, language: lang)
            if concepts.isEmpty {
                StandardError.print("bitext: '\(term)' is not in \(file)")
                throw ExitCode(1)
            }
            for c in concepts {
                print("\(c.id)\(c.definition.map { ": \($0)" } ?? "")")
                for t in c.terms {
                    var flags = [t.status.rawValue]
                    if let type = t.type { flags.append(type.rawValue) }
                    if t.doNotTranslate { flags.append("do not translate") }
                    print("  \(t.language)\t\(t.text)\t(\(flags.joined(separator: ", ")))")
                }
            }
        }
    }
}
