import ArgumentParser
import Exchange
import Jobs
import Glossary
import Segmentation

/// sysexits-style exit codes shared by all subcommands.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)

    /// Prints `error` to standard error and returns the exit code it maps to.
    static func report(_ error: SegmentationError) -> ExitCode {
        StandardError.print("bitext: \(error)")
        switch error {
        case .unreadableInput, .localesNotFound: return noInput
        case .invalidUTF8, .badLocaleData: return dataError
        case .badLanguageTag: return usage
        }
    }

    /// Prints a glossary error and returns its exit code.
    static func report(_ error: GlossaryError) -> ExitCode {
        StandardError.print("bitext: \(error)")
        switch error {
        case .unreadable: return noInput
        case .malformed, .empty: return dataError
        case .unknownFormat: return usage
        case .unwritable: return ExitCode(73)
        }
    }

    /// Prints an exchange error and returns its exit code.
    static func report(_ error: ExchangeError) -> ExitCode {
        StandardError.print("bitext: \(error)")
        switch error.kind {
        case .data: return dataError
        case .unreadable: return noInput
        case .unwritable: return ExitCode(73)
        }
    }

    /// Prints a job error and returns its exit code.
    static func report(_ error: JobError) -> ExitCode {
        switch error {
        case let .exchange(e): return report(e)
        case let .segmentation(e): return report(e)
        case let .glossary(e): return report(e)
        case let .usage(message):
            StandardError.print("bitext: error: \(message)")
            return usage
        case let .refused(problems):
            StandardError.print("bitext: error: merge refused, nothing was written:")
            for problem in problems { StandardError.print("  \(problem)") }
            return dataError
        }
    }
}
