import ArgumentParser

@main
struct BitextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bitext",
        abstract: "Bitext: a translation and localization workbench.",
        version: "0.1.0",
        subcommands: [SegmentCommand.self, CheckCommand.self, TermsCommand.self, GlossaryCommand.self]
    )
}
