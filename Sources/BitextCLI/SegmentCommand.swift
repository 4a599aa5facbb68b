import ArgumentParser
import BitextCore
import Segmentation

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Split text into sentences.",
        discussion: """
        Reads UTF-8 text (files, or standard input when none or '-' is given) and prints its \
        sentence segments. A blank line always ends a segment; a single line break inside a \
        paragraph is a soft wrap unless the line is a headline, list item or boilerplate. \
        Offsets in json/jsonl output are UTF-8 byte offsets into each input, end exclusive.

        Exit status: 0 success, 64 usage error, 65 bad input data, 66 missing or unreadable input.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case lines, json, jsonl
    }

    @Argument(help: "Input files; none or '-' reads standard input.")
    var files: [String] = []

    @Option(name: .long, help: "BCP 47 language tag of the text, such as en, ru, az, tr, fr, de.")
    var lang: String

    @Option(name: .long, help: "Output format: lines (one segment per line), json (an array) or jsonl.")
    var format: Format = .lines

    @Flag(name: .long, help: "Print every candidate boundary with the rule that kept or suppressed it, instead of the segments.")
    var explain = false

    @Option(name: .long, help: "The Locales directory with segmentation rules (default: found beside the tool, or BITEXT_LOCALES).")
    var locales: String?

    func run() throws {
        let segmenter: Segmenter
        do {
            let data = try LocaleData.locate(explicit: locales)
            segmenter = try Segmenter(language: lang, locales: data)
        } catch {
            throw ExitStatus.report(error)
        }
        if segmenter.rules.isFallback {
            StandardError.print("bitext: warning: no segmentation rules for '\(lang)'; using ICU's generic rules")
        }
        let out = ByteWriter(fd: 1)
        defer { out.flush() }
        let inputs = files.isEmpty ? ["-"] : files
        var first = true
        if format == .json { out.write("[") }
        for input in inputs {
            let name = input == "-" ? "<stdin>" : input
            var id = 0
            if explain {
                segmenter.onDecision = { d in
                    out.write("\(name):\(d.byteOffset): \(d.isBreak ? "break" : "no break"): \(d.reason): …\(d.before)⏐\(d.after)…\n")
                }
            }
            do {
                try segmenter.segment(path: input) { span, bytes in
                    id += 1
                    if explain { return }
                    switch format {
                    case .lines:
                        out.writeJoiningLines(bytes)
                        out.write(byte: 0x0A)
                    case .json, .jsonl:
                        if format == .json { out.write(first ? "\n  " : ",\n  ") }
                        first = false
                        out.write("{\"id\": \(id), \"text\": \"")
                        out.writeJSONEscaped(bytes)
                        out.write("\", \"start\": \(span.range.lowerBound), \"end\": \(span.range.upperBound), \"paragraph\": \(span.paragraph)")
                        if inputs.count > 1 {
                            out.write(", \"file\": ")
                            out.writeJSONString(name)
                        }
                        out.write(format == .jsonl ? "}\n" : "}")
                    }
                }
            } catch {
                out.flush()
                throw ExitStatus.report(error)
            }
        }
        if format == .json { out.write(first ? "]\n" : "\n]\n") }
    }
}
