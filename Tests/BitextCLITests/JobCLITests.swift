import Exchange
import Foundation
import Testing

@Suite("bitext prepare and merge")
struct JobCLITests {
    static let article = CLIRunner.root + "/Examples/azerbaijan-nato.txt"

    /// Rewrites a returned file with `fill` applied to every translatable unit's target.
    static func fill(_ path: String, _ fill: (TranslationUnit) -> Content) throws {
        let format = try #require(ExchangeFormat(inputPath: path))
        let read = try format.makeReader(path: path, sourceLanguage: "en", targetLanguage: "ru").readAll()
        let units = read.units.map { u -> TranslationUnit in
            var u = u
            if u.translate {
                u.target = fill(u)
                u.state = .translated
            }
            return u
        }
        let file = try AtomicFile(path: path, overwrite: true)
        try format.makeWriter(sink: file.sink).writeDocument(read.header, file: read.files.first ?? FileInfo(id: "f1"), units: units)
        try file.commit()
    }

    @Test("prepare writes the package; merge with target = source rebuilds the article byte for byte", arguments: ["xliff2", "xliff12", "po", "tmx", "csv", "jsonl"])
    func roundTrip(format: String) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job").path
        let r = try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "az,ru", "--format", format, "--out", job])
        #expect(r.status == 0, "\(r.stderr)")
        for file in ["job.json", "analysis.txt", "analysis.json", "terms.csv", "az/azerbaijan-nato.html", "ru/azerbaijan-nato.html",
                     "source/azerbaijan-nato.txt", "source/azerbaijan-nato.txt.units.jsonl"] {
            #expect(FileManager.default.fileExists(atPath: job + "/" + file), "\(file)")
        }
        let ext = format == "xliff12" ? "xlf12.xlf" : ExchangeFormat(rawValue: format)!.fileExtension
        let returned = job + "/ru/azerbaijan-nato." + ext
        // Untranslated: refused, with the list.
        let refused = try CLIRunner.run(["merge", returned, "--job", job])
        #expect(refused.status == 65 && refused.stderr.contains("14 units are not translated"), "\(refused.stderr)")
        try Self.fill(returned) { $0.source }
        let merged = try CLIRunner.run(["merge", returned, "--job", job])
        #expect(merged.status == 0, "\(merged.stderr)")
        let original = try Data(contentsOf: URL(fileURLWithPath: Self.article))
        #expect(try Data(contentsOf: URL(fileURLWithPath: job + "/merged/ru/azerbaijan-nato.txt")) == original)
        // A second merge does not overwrite without --force.
        #expect(try CLIRunner.run(["merge", returned, "--job", job]).status == 73)
    }

    @Test("merge replaces each translatable segment and keeps boilerplate and layout")
    func translated() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job").path
        #expect(try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "ru", "--out", job]).status == 0)
        let returned = job + "/ru/azerbaijan-nato.xlf"
        try Self.fill(returned) { Content("[ru " + $0.id + "]") }
        let merged = try CLIRunner.run(["merge", returned, "--job", job, "-o", dir.appendingPathComponent("out").path])
        #expect(merged.status == 0, "\(merged.stderr)")
        let text = try String(contentsOfFile: dir.appendingPathComponent("out/ru/azerbaijan-nato.txt").path, encoding: .utf8)
        #expect(text.hasPrefix("[ru 1]\n\nMust read\n\n[ru 3]"))
        #expect(text.contains("- Advertisement -spot_img"))
        #expect(!text.contains("Baku"))
    }

    @Test("merge refuses unknown units and changed sources; --allow-partial says how many stay untranslated")
    func refusals() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job").path
        #expect(try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "ru", "--format", "jsonl", "--out", job]).status == 0)
        let returned = job + "/ru/azerbaijan-nato.jsonl"
        var lines = try String(contentsOfFile: returned, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: "\"target\":\"\"", with: "\"target\":\"Между Москвой и Брюсселем\"")
        try (lines.joined(separator: "\n") + "\n").write(toFile: returned, atomically: true, encoding: .utf8)
        let partial = try CLIRunner.run(["merge", returned, "--job", job, "--allow-partial"])
        #expect(partial.status == 0 && partial.stdout.count > 0)
        #expect(partial.text.contains("13 left in the source language"))
        lines[2] = lines[2].replacingOccurrences(of: "Baku", with: "Bakou")
        lines.append("{\"id\":\"99\",\"source\":\"Extra\",\"target\":\"Лишнее\",\"state\":\"translated\",\"notes\":[]}")
        try (lines.joined(separator: "\n") + "\n").write(toFile: returned, atomically: true, encoding: .utf8)
        let refused = try CLIRunner.run(["merge", returned, "--job", job, "--allow-partial", "--force"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("unit 3: the source text was changed"))
        #expect(refused.stderr.contains("unit 99 is not in azerbaijan-nato.txt"))
    }

    @Test("a failing document is reported and the others complete; an existing job needs --force")
    func failures() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt").path
        try Data([0x41, 0xFF, 0x42]).write(to: URL(fileURLWithPath: bad))
        let job = dir.appendingPathComponent("job").path
        let r = try CLIRunner.run(["prepare", Self.article, bad, "--source-lang", "en", "--target-lang", "tr", "--out", job])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.txt") && r.stderr.contains("invalid UTF-8"))
        #expect(FileManager.default.fileExists(atPath: job + "/tr/azerbaijan-nato.xlf"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: job + "/job.json"))) as! [String: Any]
        let documents = manifest["documents"] as! [[String: Any]]
        #expect(documents.count == 2 && documents[1]["error"] != nil)
        #expect(try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "tr", "--out", job]).status == 73)
    }
}
