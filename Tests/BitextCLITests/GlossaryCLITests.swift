import Foundation
import Testing

@Suite("bitext check, terms and glossary CLI")
struct GlossaryCLITests {
    static let glossary = CLIRunner.root + "/Glossary/security.tbx"

    func bilingual(_ lines: [String]) throws -> (URL, String) {
        let dir = try CLIRunner.temporaryDirectory()
        let file = dir.appendingPathComponent("units.tsv")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return (dir, file.path)
    }

    @Test("check: findings in text and JSON, exit 1 on errors and 0 without")
    func check() throws {
        let (dir, path) = try bilingual([
            "Talks on the Individual Partnership and Cooperation Programme.\tПереговоры по плану.",
            "Security in the South Caucasus.\tБезопасность на Южном Кавказе.",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try CLIRunner.run(["check", path, "--glossary", Self.glossary, "--source-lang", "en", "--target-lang", "ru"])
        #expect(text.status == 1)
        #expect(text.text.contains("\(path):1: error: missing-term:"))
        #expect(!text.text.contains("\(path):2:"))
        let json = try CLIRunner.run(["check", path, "--glossary", Self.glossary, "--source-lang", "en", "--target-lang", "ru", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(Set(findings[0].keys) == ["file", "unit", "rule", "severity", "concept", "term", "expected", "found",
                                          "source_range", "target_range", "message"])
        #expect(findings[0]["concept"] as? String == "ipcp" && findings[0]["unit"] as? String == "1")
        let baseline = dir.appendingPathComponent("baseline.json")
        try json.stdout.write(to: baseline)
        let again = try CLIRunner.run(["check", path, "--glossary", Self.glossary, "--source-lang", "en", "--target-lang", "ru",
                                       "--baseline", baseline.path])
        #expect(again.status == 0 && again.text.contains("0 errors"))
        let sarif = try CLIRunner.run(["check", path, "--glossary", Self.glossary, "--source-lang", "en", "--target-lang", "ru", "--format", "sarif"])
        let log = try #require(try JSONSerialization.jsonObject(with: sarif.stdout) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect((runs[0]["results"] as? [[String: Any]])?.first?["ruleId"] as? String == "missing-term")
    }

    @Test("check: usage, bad data and missing input exit codes")
    func checkExitCodes() throws {
        let (dir, path) = try bilingual(["one\ttwo\tthree"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try CLIRunner.run(["check", path, "--glossary", Self.glossary, "--source-lang", "en", "--target-lang", "ru"])
        #expect(bad.status == 65 && bad.stderr.contains("\(path):1:1: error: expected two tab-separated columns"))
        #expect(try CLIRunner.run(["check", "/nonexistent.tsv", "--glossary", Self.glossary, "--source-lang", "en", "--target-lang", "ru"]).status == 66)
        #expect(try CLIRunner.run(["check", path, "--glossary", "/nonexistent.tbx", "--source-lang", "en"]).status == 66)
        #expect(try CLIRunner.run(["check", path, "--glossary", Self.glossary, "--source-lang", "en", "--rules", "bogus"]).status == 64)
        #expect(try CLIRunner.run(["check", path, "--source-lang", "en"]).status == 64)
    }

    @Test("a language without inflection data gets a warning")
    func unknownLanguage() throws {
        let (dir, path) = try bilingual(["NATO met.\tNAVO kwam."])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["check", path, "--glossary", Self.glossary, "--source-lang", "en", "--target-lang", "nl"])
        #expect(r.status == 0 && r.stderr.contains("warning: no inflection rules for 'nl'"))
        let bad = try CLIRunner.run(["check", path, "--glossary", Self.glossary, "--source-lang", "en", "--target-lang", "not a tag"])
        #expect(bad.status == 64)
    }

    @Test("check on monolingual text runs the source-side rules")
    func monolingual() throws {
        let r = try CLIRunner.run(["check", CLIRunner.root + "/Examples/azerbaijan-nato.txt", "--glossary", Self.glossary, "--source-lang", "en"])
        #expect(r.status == 0)
        #expect(r.text.contains("deprecated-source-term: 'Individual Partnership Cooperation Program' is deprecated"))
    }

    @Test("terms lists occurrences with ranges and renderings")
    func terms() throws {
        let r = try CLIRunner.run(["terms", "-", "--glossary", Self.glossary, "--lang", "ru", "--target-lang", "en", "--format", "json"],
                                  stdin: Data("Встреча НАТО в Баку.".utf8))
        #expect(r.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let terms = try #require(report["terms"] as? [[String: Any]])
        #expect(terms.map { $0["found"] as? String } == ["НАТО", "Баку"])
        #expect(terms.first?["start"] as? Int == 15)
    }

    @Test("glossary lint, convert and lookup")
    func glossary() throws {
        #expect(try CLIRunner.run(["glossary", "lint", Self.glossary]).status == 0)
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("g.csv").path
        #expect(try CLIRunner.run(["glossary", "convert", Self.glossary, out]).status == 0)
        let refused = try CLIRunner.run(["glossary", "convert", Self.glossary, out])
        #expect(refused.status != 0 && refused.stderr.contains("--force"))
        #expect(try CLIRunner.run(["glossary", "convert", Self.glossary, out, "--force"]).status == 0)
        let dup = dir.appendingPathComponent("dup.csv")
        try "id,en\na,NATO\nb,NATO\n".write(to: dup, atomically: true, encoding: .utf8)
        let lint = try CLIRunner.run(["glossary", "lint", dup.path])
        #expect(lint.status == 1 && lint.text.contains("term-in-two-concepts"))
        let badCSV = dir.appendingPathComponent("bad.csv")
        try "en,colour\nx,y\n".write(to: badCSV, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["glossary", "lint", badCSV.path])
        #expect(bad.status == 65 && bad.stderr.contains("bad.csv:1:2: error: unknown column 'colour'"))
        let lookup = try CLIRunner.run(["glossary", "lookup", Self.glossary, "azerbaijan.us"])
        #expect(lookup.status == 0 && lookup.text.contains("do not translate"))
        #expect(try CLIRunner.run(["glossary", "lookup", Self.glossary, "no such term"]).status == 1)
    }
}
