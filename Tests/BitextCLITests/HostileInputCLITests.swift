import Foundation
import Testing

/// Paths, writes and damaged input from the command line: nothing is written outside the job,
/// nothing of the user's is overwritten without --force, and every refusal is an exit code with a
/// message, never a signal.
@Suite("hostile input and safe paths")
struct HostileInputCLITests {
    static let article = CLIRunner.root + "/Examples/azerbaijan-nato.txt"

    /// Every file below `dir`, relative to it.
    static func files(_ dir: String) -> Set<String> {
        Set((FileManager.default.enumerator(atPath: dir)?.allObjects as? [String]) ?? [])
    }

    static func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func prepare(_ dir: URL, languages: String = "ru") throws -> String {
        let job = dir.appendingPathComponent("jobs/job").path
        let r = try CLIRunner.run(["prepare", article, "--source-lang", "en", "--target-lang", languages, "--out", job, "--no-tm"])
        #expect(r.status == 0, "\(r.stderr)")
        return job
    }

    @Test("a target language recorded in a returned file never becomes a folder outside the job",
          arguments: [("xlf", "trgLang=\"ru\"", "trgLang=\"../../../../outside\""),
                      ("xlf12.xlf", "target-language=\"ru\"", "target-language=\"../../../../outside\""),
                      ("po", "Language: ru", "Language: ../../../../outside")])
    func mergeLanguageTraversal(ext: String, from: String, to: String) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("jobs/job").path
        let format = ext == "xlf" ? "xliff2" : ext == "po" ? "po" : "xliff12"
        #expect(try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "ru", "--format", format,
                                   "--out", job, "--no-tm"]).status == 0)
        let returned = dir.appendingPathComponent("returned." + ext).path
        let text = try String(contentsOfFile: job + "/ru/azerbaijan-nato." + ext, encoding: .utf8)
        #expect(text.contains(from))
        try Self.write(text.replacingOccurrences(of: from, with: to), returned)
        let before = Self.files(dir.path)
        let r = try CLIRunner.run(["merge", returned, "--job", job, "--no-tm", "--allow-partial"])
        #expect(r.status == 65, "bad data, not a usage error: \(r.stderr)")
        #expect(r.stderr.contains("is not one of the job's (ru)"), "\(r.stderr)")
        // The message names the line where the file records the language (in PO, the header entry's).
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains(ext == "po" ? "msgid \"\"" : from) }.map { $0 + 1 } ?? 0
        #expect(r.stderr.contains("returned.\(ext):\(line)"), "\(r.stderr)")
        #expect(Self.files(dir.path) == before)
    }

    @Test("prepare refuses language tags that are not BCP 47, twice given, or the source",
          arguments: [("../../x", "not a BCP 47 language tag"), ("ru_RU", "did you mean ru-RU?"), ("ru,RU", "given twice"),
                      ("en", "also the source language"), ("a/b", "not a BCP 47"), ("", "at least one --target-lang")])
    func badTargetLanguages(tag: String, message: String) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job").path
        let r = try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", tag, "--out", job, "--no-tm"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(Self.files(dir.path).isEmpty)
    }

    @Test("prepare --out never writes into a folder that is not a job, nor onto a file, without --force")
    func outputFolder() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("mine").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.write("my notes\n", folder + "/analysis.txt")
        let refused = try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "ru", "--out", folder, "--no-tm"])
        #expect(refused.status == 73 && refused.stderr.contains("holds no job"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: folder + "/analysis.txt", encoding: .utf8) == "my notes\n")
        // Through a symbolic link: the same folder, the same refusal.
        let link = dir.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder)
        #expect(try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "ru", "--out", link, "--no-tm"]).status == 73)
        #expect(try String(contentsOfFile: folder + "/analysis.txt", encoding: .utf8) == "my notes\n")
        // Onto a file: a plain message, not a Foundation error dump.
        let file = dir.appendingPathComponent("file.txt").path
        try Self.write("x", file)
        let onto = try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "ru", "--out", file, "--no-tm"])
        #expect(onto.status == 73 && onto.stderr.contains("exists and is not a folder") && !onto.stderr.contains("NSCocoaErrorDomain"), "\(onto.stderr)")
        // A symbolic link inside a job is replaced, never written through.
        let job = try Self.prepare(dir)
        let outside = dir.appendingPathComponent("outside.txt").path
        try Self.write("keep\n", outside)
        try FileManager.default.removeItem(atPath: job + "/analysis.txt")
        try FileManager.default.createSymbolicLink(atPath: job + "/analysis.txt", withDestinationPath: outside)
        #expect(try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "ru", "--out", job, "--no-tm", "--force"]).status == 0)
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "keep\n")
    }

    @Test("a missing article exits 66 before any folder is made; a document name never leaves the job")
    func missingInput() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job").path
        let r = try CLIRunner.run(["prepare", dir.appendingPathComponent("nope.txt").path, "--source-lang", "en", "--target-lang", "ru", "--out", job])
        #expect(r.status == 66 && r.stderr.contains("no such file"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: job))
    }

    @Test("a directory where a file is expected is a message and exit 66, not a trap",
          arguments: [["export", "D.xlf", "--to", "jsonl", "-o", "OUT/x.jsonl"], ["tm", "import", "D.xlf", "--tm", "OUT/tm.sqlite"],
                      ["export", "D.tmx", "--to", "jsonl", "-o", "OUT/x.jsonl"], ["tm", "import", "D.tmx", "--tm", "OUT/tm.sqlite"],
                      ["merge", "D.xlf", "--job", "JOB", "--no-tm"], ["check", "D.tsv", "--source-lang", "en", "--target-lang", "ru", "--glossary", CLIRunner.root + "/Glossary/security.tbx"]])
    func directoryInput(arguments: [String]) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = try Self.prepare(dir)
        for name in ["D.xlf", "D.tmx", "D.tsv"] {
            try FileManager.default.createDirectory(atPath: dir.appendingPathComponent(name).path, withIntermediateDirectories: true)
        }
        let args = arguments.map { a in
            a == "JOB" ? job : a.hasPrefix("D.") ? dir.appendingPathComponent(a).path
                : a.hasPrefix("OUT/") ? dir.appendingPathComponent(String(a.dropFirst(4))).path : a
        }
        let r = try CLIRunner.run(args)
        #expect(r.status == 66, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("is a directory"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test("merge refuses a returned XLIFF whose unit stands outside a file, with the line", arguments: [
        ("2.0", "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"ru\">\n<unit id=\"1\"><segment><source>a</source><target>b</target></segment></unit>\n</xliff>\n", "<unit> outside a <file>"),
        ("1.2", "<xliff version=\"1.2\">\n<trans-unit id=\"1\"><source>a</source><target>b</target></trans-unit>\n</xliff>\n", "<trans-unit> outside a <file>"),
    ])
    func unitOutsideFile(version: String, text: String, message: String) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = try Self.prepare(dir)
        let returned = dir.appendingPathComponent("returned.xlf").path
        try Self.write(text, returned)
        let r = try CLIRunner.run(["merge", returned, "--job", job, "--no-tm"])
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("returned.xlf:2:") && r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: job + "/merged"))
    }

    @Test("an .xlf without a version is bad data (65) that says what was missing, not a usage error")
    func xliffWithoutVersion() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.xlf").path
        try Self.write("<?xml version=\"1.0\"?>\n<!-- " + String(repeating: "padding ", count: 1000) + "-->\n<xliff><file/></xliff>\n", path)
        let r = try CLIRunner.run(["export", path, "--to", "jsonl", "-o", dir.appendingPathComponent("x.jsonl").path])
        #expect(r.status == 65 && r.stderr.contains("version attribute"), "\(r.stderr)")
    }

    @Test("merge of two returned files writes both or none")
    func mergeAllOrNothing() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = try Self.prepare(dir, languages: "az,ru")
        for language in ["az", "ru"] {
            try JobCLITests.fill(job + "/\(language)/azerbaijan-nato.xlf") { $0.source }
        }
        // The ru result exists already: nothing may be written, az included.
        let existing = job + "/merged/ru/azerbaijan-nato.txt"
        try FileManager.default.createDirectory(atPath: job + "/merged/ru", withIntermediateDirectories: true)
        try Self.write("mine\n", existing)
        let r = try CLIRunner.run(["merge", job + "/az/azerbaijan-nato.xlf", job + "/ru/azerbaijan-nato.xlf", "--job", job, "--no-tm"])
        #expect(r.status == 73 && r.stderr.contains("nothing was written") && r.stderr.contains("the file exists"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: job + "/merged/az/azerbaijan-nato.txt"))
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "mine\n")
        let forced = try CLIRunner.run(["merge", job + "/az/azerbaijan-nato.xlf", job + "/ru/azerbaijan-nato.xlf", "--job", job, "--no-tm", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: job + "/merged/az/azerbaijan-nato.txt"))
    }

    @Test("a character one format cannot carry fails that document only, naming unit and byte; the others complete")
    func oneDocumentFails() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt").path
        try Self.write("One sentence \u{01}here. Two sentences there.\n", bad)
        let job = dir.appendingPathComponent("job").path
        let r = try CLIRunner.run(["prepare", bad, Self.article, "--source-lang", "en", "--target-lang", "ru", "--format", "xliff12,tmx",
                                   "--out", job, "--no-tm"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("bad.txt") && r.stderr.contains("U+0001") && r.stderr.contains("unit 1, byte 13"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: job + "/job.json"))
        #expect(FileManager.default.fileExists(atPath: job + "/ru/azerbaijan-nato.xlf12.xlf"))
        #expect(!FileManager.default.fileExists(atPath: job + "/ru/bad.xlf12.xlf") && !FileManager.default.fileExists(atPath: job + "/ru/bad.tmx"))
        #expect(r.text.contains("Prepared 1 of 2 documents"), "\(r.text)")
    }

    /// Documents nested far past the limits, by name (the texts are built in the test, so that test names stay short).
    static func deeplyNested(_ name: String) -> String {
        switch name {
        case "deep.html": return "<html><body><article><p>" + String(repeating: "<b>", count: 30000) + "Deep." + String(repeating: "</b>", count: 30000) + "</p></article></body></html>"
        case "divs.html": return "<html><body>" + String(repeating: "<div>", count: 30000) + "<p>Deep.</p></body></html>"
        case "emph.md": return "# T\n\n" + String(repeating: "*x ", count: 20000) + "y" + String(repeating: " x*", count: 20000) + "\n"
        default: return "# T\n\n" + String(repeating: "> ", count: 20000) + "text\n"
        }
    }

    @Test("deeply nested HTML and Markdown are refused with the line and the limit, not a stack overflow",
          arguments: ["deep.html", "divs.html", "emph.md", "quotes.md"])
    func deepNesting(name: String) throws {
        let text = Self.deeplyNested(name), message = "nested deeper than 256"
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try Self.write(text, path)
        let r = try CLIRunner.run(["prepare", path, Self.article, "--source-lang", "en", "--target-lang", "ru", "--out", dir.appendingPathComponent("job").path, "--no-tm"])
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains(name + ":") && r.stderr.contains(message), "\(r.stderr)")
        #expect(r.text.contains("Prepared 1 of 2 documents"), "\(r.text)")
    }

    @Test("nesting within the limit is read, on the job's worker threads")
    func nestingWithinLimit() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("page.html").path
        try Self.write("<html><body><article>" + String(repeating: "<div>", count: 240) + "<p>A <b>deep</b> sentence.</p>"
                       + String(repeating: "</div>", count: 240) + "</article></body></html>", html)
        let md = dir.appendingPathComponent("quotes.md").path
        try Self.write("# T\n\n" + String(repeating: "> ", count: 200) + "A quoted sentence.\n", md)
        let r = try CLIRunner.run(["prepare", html, md, Self.article, "--source-lang", "en", "--target-lang", "ru", "--out", dir.appendingPathComponent("job").path,
                                   "--no-tm", "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text.contains("Prepared 3 of 3 documents"), "\(r.text)")
    }

    @Test("columns, keys and comments a reader does not keep are named in a warning")
    func warnings() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("in.csv").path
        try Self.write("id,source,target,comment\n1,Hello,Привет,keep me\n", csv)
        let jsonl = dir.appendingPathComponent("in.jsonl").path
        try Self.write("{\"id\":\"1\",\"source\":\"Hello\",\"target\":\"Привет\",\"reviewer\":\"ann\"}\n", jsonl)
        let po = dir.appendingPathComponent("in.po").path
        try Self.write("msgid \"\"\nmsgstr \"Language: ru\\n\"\n\n#: src/main.c:10\n#| msgid \"Helo\"\nmsgid \"Hello\"\nmsgstr \"Привет\"\n", po)
        for (path, message) in [(csv, "column \"comment\" not kept"), (jsonl, "key \"reviewer\" not kept"), (po, "source references (#:) are not kept")] {
            let r = try CLIRunner.run(["export", path, "--source-lang", "en", "--target-lang", "ru", "--to", "xliff2", "-o", path + ".xlf", "--no-glossary"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("warning:") && r.stderr.contains(message), "\(r.stderr)")
        }
    }

    @Test("temporary files an interrupted write left behind are removed on the next write there")
    func staleTemporaries() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = try Self.prepare(dir)
        // A process id that is not running (the kernel's maximum is far below it).
        let stale = job + "/ru/.azerbaijan-nato.xlf.999999999.12345.bitext-tmp"
        try Self.write("half", stale)
        #expect(try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "ru", "--out", job, "--no-tm", "--force"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    /// A rule whose pattern backtracks without end (nested quantifiers) stops at ICU's time limit:
    /// `segment` finishes at once, says which rule of which file, and treats it as not matching.
    @Test("an SRX rule that backtracks without end is stopped, reported once and treated as not matching")
    func catastrophicRule() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let locales = dir.appendingPathComponent("Locales").path
        try FileManager.default.copyItem(atPath: CLIRunner.root + "/Locales", toPath: locales)
        var srx = try String(contentsOfFile: locales + "/segmentation.srx", encoding: .utf8)
        let anchor = "<languagerule languagerulename=\"English\">"
        srx = srx.replacingOccurrences(of: anchor, with: anchor + #"<rule break="no"><beforebreak>\.</beforebreak><afterbreak>\s(\p{L}+\s?)+\d</afterbreak></rule>"#)
        try Self.write(srx, locales + "/segmentation.srx")
        let input = dir.appendingPathComponent("in.txt").path
        try Self.write("It works. Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbb cccccccccccccccccccccc ddd. Next one.\n", input)
        let started = Date()
        let r = try CLIRunner.run(["segment", "--lang", "en", "--locales", locales, input])
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text == "It works.\nAaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbb cccccccccccccccccccccc ddd.\nNext one.\n")
        #expect(r.stderr.contains("segmentation.srx:"), "\(r.stderr)")
        #expect(r.stderr.contains("rule 1") && r.stderr.contains("time limit"), "\(r.stderr)")
        #expect(r.stderr.components(separatedBy: "time limit").count == 2, "reported once: \(r.stderr)")
    }
}
