import Foundation
import Testing

/// Every command runs in time linear in its input: each scenario runs the CLI on 1×, 4× and 16×
/// the input and compares the child process's CPU time (user + system, from wait4), less the
/// cost of a run on a tiny input (start-up, loading the locale data). The 16× run may take at
/// most twice the linear share: a quadratic step shows as 16 times over.
///
/// The suite runs the release binary named by `BITEXT_SCALING_BIN` (`.ci/run` builds it and sets
/// it): a debug build spends a second starting up, which would drown the figures.
@Suite("linear time", .serialized, .enabled(if: ScalingBinary.path != nil, "set BITEXT_SCALING_BIN to a release bitext"))
struct ScalingTests {
    static var binary: String? { ScalingBinary.path }

    /// CPU seconds of one run of the bitext binary (the child only: tests running beside it do not count).
    static func cpuSeconds(_ arguments: [String]) throws -> Double {
        var pid: pid_t = 0
        // Through sh, to start in the project folder (sh execs bitext, so the child's usage is bitext's).
        let argv = (["sh", "-c", "cd \"$0\" && exec \"$@\"", CLIRunner.root, Self.binary ?? CLIRunner.binary] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        #expect(spawned == 0)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exited = (status & 0x7F) == 0
        #expect(exited, "the process ended on signal \(status & 0x7F): \(arguments)")
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Runs `arguments(path)` on inputs made by `make(scale)` for scales 0 (tiny), 1, 4 and 16, and
    /// checks that the 16× run costs at most 2 × 16 times the 1× run above the tiny one.
    static func expectLinear(_ name: String, ext: String, unit: Int, _ make: (Int) -> String,
                             _ arguments: (String, URL) -> [String]) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var times: [Int: Double] = [:]
        for scale in [0, 1, 4, 16] {
            let path = dir.appendingPathComponent("in-\(scale).\(ext)").path
            try Data(make(scale == 0 ? 1 : scale * unit).utf8).write(to: URL(fileURLWithPath: path))
            // The lowest of two runs: the least disturbed by whatever else the machine does.
            var best = Double.infinity
            for _ in 0 ..< (scale == 16 ? 1 : 3) { best = min(best, try cpuSeconds(arguments(path, dir))) }
            times[scale] = best
        }
        let base = times[0]!
        let one = max(times[1]! - base, 0.01), sixteen = max(times[16]! - base, 0)
        let ratio = sixteen / one
        print("scaling \(name): 1× \(String(format: "%.3f", one)) s, 4× \(String(format: "%.3f", times[4]! - base)) s, "
              + "16× \(String(format: "%.3f", sixteen)) s above a tiny input (\(String(format: "%.3f", base)) s); 16×/1× = \(String(format: "%.1f", ratio))")
        #expect(ratio <= 32, "\(name): 16× the input took \(ratio) times as long as 1× (linear is 16)")
    }

    static let sentence = "The ministers met in Baku on Tuesday to discuss the partnership programme with NATO. "

    @Test("segment: one long line")
    func longLine() throws {
        try Self.expectLinear("segment, one long line", ext: "txt", unit: 50000, { n in String(repeating: Self.sentence, count: n) + "\n" }) { p, _ in
            ["segment", "--lang", "en", p]
        }
    }

    @Test("prepare: many short lines without a blank line")
    func manyShortLines() throws {
        try Self.expectLinear("prepare, many short lines", ext: "txt", unit: 6000, { n in (0..<n).map { "Short line \($0)\n" }.joined() }) { p, dir in
            ["prepare", p, "--source-lang", "en", "--target-lang", "ru", "--no-tm", "--out", dir.appendingPathComponent("job").path, "--force"]
        }
    }

    @Test("segment: lines that end in CR alone (old Mac files)")
    func carriageReturnLines() throws {
        try Self.expectLinear("segment, CR-only lines", ext: "txt", unit: 6000, { n in (0..<n).map { "Short line \($0)\r" }.joined() }) { p, _ in
            ["segment", "--lang", "en", p]
        }
    }

    @Test("prepare: many lowercase lines that wrap into one paragraph")
    func wrappedParagraph() throws {
        try Self.expectLinear("prepare, one wrapped paragraph", ext: "txt", unit: 5000, { n in (0..<n).map { "and the text goes on, line \($0)\n" }.joined() }) { p, dir in
            ["prepare", p, "--source-lang", "en", "--target-lang", "ru", "--no-tm", "--out", dir.appendingPathComponent("job").path, "--force"]
        }
    }

    @Test("export: many TMX units")
    func manyUnits() throws {
        try Self.expectLinear("export, TMX units", ext: "tmx", unit: 30000, { n in
            "<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" o-tmf=\"t\"/><body>"
                + (0..<n).map { "<tu tuid=\"\($0)\"><tuv xml:lang=\"en\"><seg>Unit \($0) text</seg></tuv><tuv xml:lang=\"ru\"><seg>Юнит \($0)</seg></tuv></tu>\n" }.joined()
                + "</body></tmx>\n"
        }) { p, dir in ["export", p, "--to", "jsonl", "-o", dir.appendingPathComponent("out.jsonl").path, "--force", "--no-glossary"] }
    }

    @Test("tm import: one long segment")
    func longSegment() throws {
        try Self.expectLinear("tm import, one long segment", ext: "tmx", unit: 8000, { n in
            "<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" o-tmf=\"t\"/><body>"
                + "<tu><tuv xml:lang=\"en\"><seg>" + String(repeating: Self.sentence, count: n) + "</seg></tuv><tuv xml:lang=\"ru\"><seg>перевод</seg></tuv></tu>"
                + "</body></tmx>\n"
        }) { p, dir in
            let tm = dir.appendingPathComponent("tm-\(UUID().uuidString).sqlite").path
            return ["tm", "import", p, "--tm", tm]
        }
    }

    @Test("check: many TSV rows")
    func manyRows() throws {
        try Self.expectLinear("check, TSV rows", ext: "tsv", unit: 800, { n in
            (0..<n).map { "The NATO partnership with Azerbaijan, item \($0).\tПартнёрство НАТО с Азербайджаном, пункт \($0).\n" }.joined()
        }) { p, _ in ["check", p, "--source-lang", "en", "--target-lang", "ru", "--glossary", CLIRunner.root + "/Glossary/security.tbx"] }
    }

    @Test("export: a PO catalogue with many entries")
    func manyEntries() throws {
        try Self.expectLinear("export, PO entries", ext: "po", unit: 30000, { n in
            "msgid \"\"\nmsgstr \"Language: ru\\n\"\n\n" + (0..<n).map { "#. note \($0)\nmsgid \"Entry \($0)\"\nmsgstr \"Запись \($0)\"\n\n" }.joined()
        }) { p, dir in ["export", p, "--source-lang", "en", "--to", "jsonl", "-o", dir.appendingPathComponent("out.jsonl").path, "--force", "--no-glossary"] }
    }

    @Test("prepare: an HTML page with many paragraphs")
    func manyParagraphs() throws {
        try Self.expectLinear("prepare, HTML paragraphs", ext: "html", unit: 2000, { n in
            "<html><body><article>" + (0..<n).map { "<p>Paragraph \($0) says <b>something</b> about <a href=\"/x\">NATO</a>.</p>\n" }.joined() + "</article></body></html>\n"
        }) { p, dir in
            ["prepare", p, "--source-lang", "en", "--target-lang", "ru", "--no-tm", "--out", dir.appendingPathComponent("job").path, "--force"]
        }
    }

    @Test("prepare: a Markdown article with many list items")
    func manyListItems() throws {
        try Self.expectLinear("prepare, Markdown list items", ext: "md", unit: 3000, { n in
            "# Title\n\n" + (0..<n).map { "- Item \($0) with *emphasis* and a [link](https://example.com/\($0)).\n" }.joined()
        }) { p, dir in
            ["prepare", p, "--source-lang", "en", "--target-lang", "ru", "--no-tm", "--out", dir.appendingPathComponent("job").path, "--force"]
        }
    }

    /// Found by the fuzzer: each line's text was merged into the paragraph's by decoding the whole run again.
    @Test("prepare: a Markdown paragraph of many short lines")
    func markdownShortLines() throws {
        try Self.expectLinear("prepare, Markdown paragraph lines", ext: "md", unit: 4000, { n in
            "# Title\n\n" + (0..<n).map { "Line \($0)\r\n" }.joined()
        }) { p, dir in
            ["prepare", p, "--source-lang", "en", "--target-lang", "ru", "--no-tm", "--out", dir.appendingPathComponent("job").path, "--force"]
        }
    }
}

enum ScalingBinary {
    static let path: String? = ProcessInfo.processInfo.environment["BITEXT_SCALING_BIN"].flatMap { $0.isEmpty ? nil : $0 }
}
