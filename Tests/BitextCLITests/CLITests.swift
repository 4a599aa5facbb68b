import Foundation
import Testing

/// Runs the built `bitext` binary as a user would and checks output and exit codes.
@Suite("bitext segment CLI")
struct CLITests {
    static let root = CLIRunner.root

    func run(_ arguments: [String], stdin: Data? = nil) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, stdin: stdin)
    }

    static let sample = root + "/Examples/azerbaijan-nato.txt"

    @Test("lines: one segment per line, exit 0")
    func lines() throws {
        let r = try run(["segment", "--lang", "en", Self.sample])
        #expect(r.status == 0)
        let lines = r.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 21 && lines.last == "")
        #expect(lines[0] == "Between Moscow and Brussels: Azerbaijan Expands Its Security Options")
        #expect(lines[1] == "Must read")
        #expect(lines[19] == "Latest article")
    }

    @Test("json: objects with UTF-8 byte offsets into the input")
    func json() throws {
        let r = try run(["segment", "--lang", "en", "--format", "json", Self.sample])
        #expect(r.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
        #expect(array.count == 20)
        let input = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        for (i, object) in array.enumerated() {
            #expect(Set(object.keys) == ["id", "text", "start", "end", "paragraph"])
            #expect(object["id"] as? Int == i + 1)
            let start = try #require(object["start"] as? Int), end = try #require(object["end"] as? Int)
            #expect(String(decoding: input[start..<end], as: UTF8.self) == object["text"] as? String)
        }
        #expect(array[2]["paragraph"] as? Int == 2)
    }

    @Test("jsonl from standard input, with hard characters escaped")
    func jsonlFromStdin() throws {
        let text = "Tab\there \"quoted\" \\ back. Next \u{1} one\r\nwraps softly."
        let r = try run(["segment", "--lang", "en", "--format", "jsonl", "-"], stdin: Data(text.utf8))
        #expect(r.status == 0)
        let objects = try r.text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["text"] as? String } == ["Tab\there \"quoted\" \\ back.", "Next \u{1} one\r\nwraps softly."])
        #expect(objects.first?["start"] as? Int == 0)
        // Separators that some line readers split on are escaped, so each record stays on one line.
        let separators = try run(["segment", "--lang", "en", "--format", "jsonl"], stdin: Data("Dr.\u{2028}Smith came.".utf8))
        #expect(separators.text.contains("\\u2028") && separators.text.split(separator: "\n").count == 1)
        let noArgument = try run(["segment", "--lang", "en"], stdin: Data("One. Two.".utf8))
        #expect(noArgument.text == "One.\nTwo.\n")
    }

    @Test("several files: each object names its file")
    func severalFiles() throws {
        let r = try run(["segment", "--lang", "en", "--format", "jsonl", Self.sample, Self.sample])
        #expect(r.status == 0)
        let objects = r.text.split(separator: "\n")
        #expect(objects.count == 40)
        #expect(objects[20].contains("\"id\": 1,") && objects[20].contains("\"file\": "))
    }

    @Test("explain names the rule behind each decision")
    func explain() throws {
        let r = try run(["segment", "--lang", "en", "--explain", "-"], stdin: Data("Dr. Smith arrived. He spoke.".utf8))
        #expect(r.status == 0)
        #expect(r.text.contains("<stdin>:3: no break: abbreviation [title] 'Dr.'"))
        #expect(r.text.contains("<stdin>:18: break: ICU sentence boundary"))
    }

    @Test("exit codes: 64 usage, 65 bad data, 66 missing input")
    func exitCodes() throws {
        #expect(try run(["segment", Self.sample]).status == 64)
        #expect(try run(["segment", "--lang", "en", "--format", "xml", Self.sample]).status == 64)
        let badTag = try run(["segment", "--lang", "not a tag", Self.sample])
        #expect(badTag.status == 64 && badTag.stderr.contains("BCP 47"))
        let missing = try run(["segment", "--lang", "en", "/nonexistent/file.txt"])
        #expect(missing.status == 66 && missing.stderr.contains("/nonexistent/file.txt"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt")
        try Data([0x4F, 0x6B, 0x2E, 0x20, 0xFF, 0x0A]).write(to: bad)
        let invalid = try run(["segment", "--lang", "en", bad.path])
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("\(bad.path): byte 4: error: invalid UTF-8"))
        #expect(invalid.stdout.isEmpty)
        let stdinInvalid = try run(["segment", "--lang", "en"], stdin: Data([0x61, 0xC0, 0x80]))
        #expect(stdinInvalid.status == 65 && stdinInvalid.stderr.contains("<stdin>: byte 1"))
    }

    @Test("a language without rules warns and falls back to ICU")
    func fallbackWarning() throws {
        let r = try run(["segment", "--lang", "nl", "-"], stdin: Data("Het is goed. Dank je.".utf8))
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: no segmentation rules for 'nl'"))
        #expect(r.text == "Het is goed.\nDank je.\n")
    }

    @Test("help lists the subcommand and its options")
    func help() throws {
        let top = try run(["--help"])
        #expect(top.status == 0 && top.text.contains("segment") && top.text.contains("Split text into sentences."))
        let sub = try run(["segment", "--help"])
        for option in ["--lang", "--format", "--explain", "--locales", "Exit status: 0 success, 64 usage error"] {
            #expect(sub.text.contains(option), "\(option)")
        }
    }
}
