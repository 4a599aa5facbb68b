import ArgumentParser
import Exchange

@main
struct BitextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bitext",
        abstract: "Bitext: a translation and localization workbench.",
        version: Exchange.Bitext.version,
        subcommands: [PrepareCommand.self, MergeCommand.self, ExportCommand.self, SegmentCommand.self, CheckCommand.self, TermsCommand.self, GlossaryCommand.self, TMCommand.self]
    )
}
