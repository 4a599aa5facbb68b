import ArgumentParser
import Foundation
import TranslationMemory

extension ExitStatus {
    /// Prints a translation-memory error and returns its exit code.
    static func report(_ error: TMError) -> ExitCode {
        StandardError.print("bitext: \(error)")
        switch error.kind {
        case .data: return dataError
        case .unreadable: return noInput
        case .unwritable: return ExitCode(73)
        case .usage: return usage
        }
    }
}

struct TMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "Manage the translation memory: import and export TMX, show statistics.",
        discussion: """
        The translation memory is an SQLite file (default: Exports/tm.sqlite). Units with the same \
        source, target and languages are updated rather than added twice.

        Exit status: 0 success, 64 usage, 65 bad data, 66 missing input, 73 cannot write.
        """,
        subcommands: [Import.self, Export.self, Stats.self]
    )

    static let defaultPath = "Exports/tm.sqlite"

    /// Opens the memory; with `create`, a missing file (and the missing default directory, Exports/) is created.
    static func open(_ explicitPath: String?, create: Bool) throws -> TranslationMemory {
        let path = explicitPath ?? defaultPath
        if !FileManager.default.fileExists(atPath: path) {
            guard create else {
                StandardError.print("bitext: \(path): no translation memory (import a TMX file first)")
                throw ExitStatus.noInput
            }
            if explicitPath == nil {
                try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            }
        }
        do { return try TranslationMemory(path: path) } catch let error as TMError { throw ExitStatus.report(error) }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the translated units of a TMX file to the translation memory.",
            discussion: """
            The source is the header's srclang (--source-lang, when given, must agree with it); the \
            target is the --target-lang tuv, or the first other language in the file. The import is \
            one transaction: a malformed file adds nothing.
            """
        )

        @Argument(help: "The TMX file.")
        var file: String

        @OptionGroup var pair: TMPairOptions

        func run() throws {
            guard FileManager.default.fileExists(atPath: file) else {
                StandardError.print("bitext: \(file): no such file")
                throw ExitStatus.noInput
            }
            let memory = try TMCommand.open(pair.tm, create: true)
            do {
                let count = try memory.importTMX(path: file, sourceLanguage: pair.sourceLang, targetLanguage: pair.targetLang)
                let total = try memory.statistics().units
                StandardError.print("bitext: imported \(count) units from \(file) into \(memory.path) (\(total) units)")
            } catch let error as TMError {
                throw ExitStatus.report(error)
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the translation memory, or one language pair of it, as TMX 1.4b.",
            discussion: "Writes atomically. An existing file is only replaced with --force. A memory with several language pairs needs --source-lang and --target-lang."
        )

        @Argument(help: "The TMX file to write.")
        var file: String

        @OptionGroup var pair: TMPairOptions

        @Flag(name: .long, help: "Replace an existing output file.")
        var force = false

        func validate() throws {
            if (pair.sourceLang == nil) != (pair.targetLang == nil) {
                throw ValidationError("give both --source-lang and --target-lang, or neither")
            }
        }

        func run() throws {
            let memory = try TMCommand.open(pair.tm, create: false)
            do {
                let count = try memory.exportTMX(path: file, sourceLanguage: pair.sourceLang, targetLanguage: pair.targetLang, overwrite: force)
                StandardError.print("bitext: wrote \(file): \(count) units (TMX 1.4b)")
            } catch let error as TMError {
                throw ExitStatus.report(error)
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show units per language pair and the size of the translation memory.")

        @Option(name: .long, help: "The translation memory (default: Exports/tm.sqlite).")
        var tm: String?

        func run() throws {
            let memory = try TMCommand.open(tm, create: false)
            let stats: TMStatistics
            do { stats = try memory.statistics() } catch let error as TMError { throw ExitStatus.report(error) }
            print("\(memory.path): \(stats.units) units, \(stats.indexedTokens) indexed tokens, \(Self.size(stats.bytes))")
            for pair in stats.languagePairs {
                print("  \(pair.sourceLanguage) → \(pair.targetLanguage): \(pair.units) units")
            }
            if let last = stats.lastChange {
                print("last change: \(ISO8601DateFormatter().string(from: last))")
            }
        }

        static func size(_ bytes: Int64) -> String {
            if bytes < 1 << 20 { return "\(bytes / 1024) KiB" }
            return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
        }
    }
}

/// The memory and language pair that `tm import` and `tm export` share.
struct TMPairOptions: ParsableArguments {
    @Option(name: .long, help: "The translation memory (default: Exports/tm.sqlite).")
    var tm: String?

    @Option(name: .long, help: "Source language (BCP 47).")
    var sourceLang: String?

    @Option(name: .long, help: "Target language (BCP 47).")
    var targetLang: String?
}
