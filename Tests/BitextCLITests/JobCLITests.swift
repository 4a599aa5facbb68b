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
        let r = try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "az,ru", "--format", format, "--out", job, "--no-tm"])
        #expect(r.status == 0, "\(r.stderr)")
        for file in ["job.json", "analysis.txt", "analysis.json", "terms.csv", "az/azerbaijan-nato.html", "ru/azerbaijan-nato.html",
                     "source/azerbaijan-nato.txt", "source/azerbaijan-nato.txt.units.jsonl"] {
            #expect(FileManager.default.fileExists(atPath: job + "/" + file), "\(file)")
        }
        let ext = format == "xliff12" ? "xlf12.xlf" : ExchangeFormat(rawValue: format)!.fileExtension
        let returned = job + "/ru/azerbaijan-nato." + ext
        // Untranslated: refused, with the list.
        let tm = dir.appendingPathComponent("tm.sqlite").path
        let refused = try CLIRunner.run(["merge", returned, "--job", job, "--tm", tm])
        #expect(refused.status == 65 && refused.stderr.contains("13 units are not translated"), "\(refused.stderr)")
        try Self.fill(returned) { $0.source }
        let merged = try CLIRunner.run(["merge", returned, "--job", job, "--tm", tm])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.text.contains("Stored 13 confirmed translations in the translation memory."))
        let original = try Data(contentsOf: URL(fileURLWithPath: Self.article))
        #expect(try Data(contentsOf: URL(fileURLWithPath: job + "/merged/ru/azerbaijan-nato.txt")) == original)
        // A second merge does not overwrite without --force.
        #expect(try CLIRunner.run(["merge", returned, "--job", job, "--no-tm"]).status == 73)
    }

    @Test("merge replaces each translatable segment and keeps boilerplate and layout")
    func translated() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job").path
        #expect(try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "ru", "--out", job, "--no-tm"]).status == 0)
        let returned = job + "/ru/azerbaijan-nato.xlf"
        try Self.fill(returned) { Content("[ru " + $0.id + "]") }
        let merged = try CLIRunner.run(["merge", returned, "--job", job, "-o", dir.appendingPathComponent("out").path, "--no-tm"])
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
        #expect(try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "ru", "--format", "jsonl", "--out", job, "--no-tm"]).status == 0)
        let returned = job + "/ru/azerbaijan-nato.jsonl"
        var lines = try String(contentsOfFile: returned, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: "\"target\":\"\"", with: "\"target\":\"Между Москвой и Брюсселем\"")
        try (lines.joined(separator: "\n") + "\n").write(toFile: returned, atomically: true, encoding: .utf8)
        let partial = try CLIRunner.run(["merge", returned, "--job", job, "--allow-partial", "--no-tm"])
        #expect(partial.status == 0 && partial.stdout.count > 0)
        #expect(partial.text.contains("12 left in the source language"))
        lines[2] = lines[2].replacingOccurrences(of: "Baku", with: "Bakou")
        lines.append("{\"id\":\"99\",\"source\":\"Extra\",\"target\":\"Лишнее\",\"state\":\"translated\",\"notes\":[]}")
        try (lines.joined(separator: "\n") + "\n").write(toFile: returned, atomically: true, encoding: .utf8)
        let refused = try CLIRunner.run(["merge", returned, "--job", job, "--allow-partial", "--force", "--no-tm"])
        #expect(refused.status == 65)
        // Each problem names the line of the unit in the returned file.
        #expect(refused.stderr.contains("azerbaijan-nato.jsonl:3: unit 3: the source text was changed"), "\(refused.stderr)")
        #expect(refused.stderr.contains("azerbaijan-nato.jsonl:\(lines.count): unit 99 is not in azerbaijan-nato.txt"))
    }

    @Test("a failing document is reported and the others complete; an existing job needs --force")
    func failures() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt").path
        try Data([0x41, 0xFF, 0x42]).write(to: URL(fileURLWithPath: bad))
        let job = dir.appendingPathComponent("job").path
        let r = try CLIRunner.run(["prepare", Self.article, bad, "--source-lang", "en", "--target-lang", "tr", "--out", job, "--no-tm"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.txt") && r.stderr.contains("invalid UTF-8"))
        #expect(FileManager.default.fileExists(atPath: job + "/tr/azerbaijan-nato.xlf"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: job + "/job.json"))) as! [String: Any]
        let documents = manifest["documents"] as! [[String: Any]]
        #expect(documents.count == 2 && documents[1]["error"] != nil)
        #expect(try CLIRunner.run(["prepare", Self.article, "--source-lang", "en", "--target-lang", "tr", "--out", job, "--no-tm"]).status == 73)
    }
}

@Suite("bitext prepare and merge: Markdown and HTML articles")
struct ArticleJobCLITests {
    static let examples = CLIRunner.root + "/Examples/"

    @Test("target = source merges back byte for byte", arguments: ["azerbaijan-nato.md", "azerbaijan-nato.html"])
    func identity(article: String) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job").path
        let r = try CLIRunner.run(["prepare", Self.examples + article, "--source-lang", "en", "--target-lang", "ru", "--format", "xliff2,po", "--out", job, "--no-tm"])
        #expect(r.status == 0, "\(r.stderr)")
        let stem = (article as NSString).deletingPathExtension
        for ext in ["xlf", "po"] {
            let returned = job + "/ru/\(stem).\(ext)"
            try JobCLITests.fill(returned) { $0.source }
            let out = dir.appendingPathComponent("out-\(ext)").path
            let merged = try CLIRunner.run(["merge", returned, "--job", job, "-o", out, "--no-tm"])
            #expect(merged.status == 0, "\(merged.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/ru/" + article)) == Data(contentsOf: URL(fileURLWithPath: Self.examples + article)), "\(ext)")
        }
    }

    @Test("the HTML page: article text translatable and complete, boilerplate not, page chrome left out")
    func htmlExtraction() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job").path
        #expect(try CLIRunner.run(["prepare", Self.examples + "azerbaijan-nato.html", "--source-lang", "en", "--target-lang", "az", "--format", "jsonl", "--out", job, "--no-tm"]).status == 0)
        let lines = try String(contentsOfFile: job + "/az/azerbaijan-nato.jsonl", encoding: .utf8).split(separator: "\n")
        let units = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let translatable = units.filter { ($0["translate"] as? Bool) != false }.map { $0["source"] as! String }.joined(separator: " ")
        let locked = units.filter { ($0["translate"] as? Bool) == false }.map { $0["source"] as! String }
        for sentence in ["Yet behind this protocol lies a quiet but unmistakable signal", "The NATO track is therefore neither a full pivot nor a simple courtesy call."] {
            #expect(translatable.contains(sentence), "\(sentence)")
        }
        #expect(translatable.contains("Individual Partnership Cooperation Program"))
        #expect(locked.contains("Must read"))
        #expect(!translatable.contains("Must read") && !translatable.contains("Latest article") && !translatable.contains("Advertisement"))
        #expect(!translatable.contains("Stay Ahead with Azerbaijan.us"))
    }

    @Test("a translated HTML unit keeps its tags and escapes its text")
    func htmlTranslated() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job").path
        #expect(try CLIRunner.run(["prepare", Self.examples + "azerbaijan-nato.html", "--source-lang", "en", "--target-lang", "ru", "--out", job, "--no-tm"]).status == 0)
        let returned = job + "/ru/azerbaijan-nato.xlf"
        try JobCLITests.fill(returned) { unit in
            Content(pieces: unit.source.pieces.map { piece in
                if case let .text(t) = piece { return .text(t.replacingOccurrences(of: "Baku", with: "Баку & Co")) }
                return piece
            })
        }
        let merged = try CLIRunner.run(["merge", returned, "--job", job, "-o", dir.appendingPathComponent("out").path, "--no-tm"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let html = try String(contentsOfFile: dir.appendingPathComponent("out/ru/azerbaijan-nato.html").path, encoding: .utf8)
        #expect(html.contains("Баку &amp; Co"))
        #expect(!html.contains("Баку & Co"))
        let original = try String(contentsOfFile: Self.examples + "azerbaijan-nato.html", encoding: .utf8)
        // Everything outside the article is untouched.
        #expect(html.components(separatedBy: "<nav").count == original.components(separatedBy: "<nav").count)
        #expect(html.hasPrefix(String(original.prefix(200))))
    }
}

@Suite("bitext prepare with a translation memory")
struct MemoryJobCLITests {
    @Test("context and 100% matches fill targets, fuzzy matches become candidates, the analysis shows the bands")
    func pretranslation() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tsv = dir.appendingPathComponent("tm.tsv").path
        try """
        id\tsource\ttarget
        1\tBaku hosted a NATO delegation.\tБаку принял делегацию НАТО.
        2\tThe talks covered the Caspian basin and Central Asia in detail.\tПереговоры подробно охватили Каспийский бассейн и Центральную Азию.
        3\tNothing else happened that day.\tБольше в тот день ничего не произошло.

        """.write(toFile: tsv, atomically: true, encoding: .utf8)
        let tmx = dir.appendingPathComponent("tm.tmx").path
        #expect(try CLIRunner.run(["export", tsv, "--source-lang", "en", "--target-lang", "ru", "--no-glossary", "-o", tmx]).status == 0)
        let tm = dir.appendingPathComponent("tm.sqlite").path
        let imported = try CLIRunner.run(["tm", "import", tmx, "--tm", tm, "--source-lang", "en", "--target-lang", "ru"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let article = dir.appendingPathComponent("news.txt").path
        try "Baku hosted a NATO delegation.\n\nThe talks covered the Caspian basin and South Asia in detail.\n\nA completely new sentence appears here.\n"
            .write(toFile: article, atomically: true, encoding: .utf8)
        let job = dir.appendingPathComponent("job").path
        let r = try CLIRunner.run(["prepare", article, "--source-lang", "en", "--target-lang", "ru", "--tm", tm, "--out", job, "--format", "xliff2,xliff12"])
        #expect(r.status == 0, "\(r.stderr)")
        let xml = try String(contentsOfFile: job + "/ru/news.xlf", encoding: .utf8)
        #expect(xml.contains("<target>Баку принял делегацию НАТО.</target>"))
        #expect(xml.contains("subState=\"bitext:needs-review\""))
        #expect(xml.contains("<mtc:match ref=\"#s1\" type=\"tm\" similarity=\"91\""))
        #expect(xml.contains("Переговоры подробно охватили Каспийский бассейн и Центральную Азию."))
        #expect(try String(contentsOfFile: job + "/ru/news.xlf12.xlf", encoding: .utf8).contains("<alt-trans match-quality=\"91\""))
        let analysis = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: job + "/analysis.json"))) as! [String: Any]
        let bands = ((analysis["documents"] as! [[String: Any]])[0]["bands"] as! [String: [String: Int]])["ru"]!
        #expect(bands["100%"] == 5 && bands["85-94%"] == 11 && bands["no match"] == 6, "\(bands)")
        let manifest = try String(contentsOfFile: job + "/job.json", encoding: .utf8)
        #expect(manifest.contains("\"translationMemory\"") && manifest.contains("units=3"))
    }
}

@Suite("bitext prepare: parallel and deterministic")
struct ParallelJobCLITests {
    @Test("--jobs 1 and --jobs 2 write the same package")
    func deterministic() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let examples = CLIRunner.root + "/Examples/"
        var articles: [String] = []
        for (i, name) in ["azerbaijan-nato.txt", "azerbaijan-nato.md", "azerbaijan-nato.html", "azerbaijan-nato.txt", "azerbaijan-nato.md"].enumerated() {
            let ext = (name as NSString).pathExtension
            let copy = dir.appendingPathComponent("a\(i).\(ext)").path
            try FileManager.default.copyItem(atPath: examples + name, toPath: copy)
            articles.append(copy)
        }
        var packages: [[String: Data]] = []
        for jobs in ["1", "2"] {
            let job = dir.appendingPathComponent("job\(jobs)").path
            let r = try CLIRunner.run(["prepare"] + articles + ["--source-lang", "en", "--target-lang", "az,tr", "--out", job, "--jobs", jobs, "--no-tm"])
            #expect(r.status == 0, "\(r.stderr)")
            var files: [String: Data] = [:]
            for file in FileManager.default.enumerator(atPath: job)!.compactMap({ $0 as? String }) {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: job + "/" + file, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                var data = try Data(contentsOf: URL(fileURLWithPath: job + "/" + file))
                if file == "job.json" {
                    // Only the time and the folder name may differ.
                    let text = String(decoding: data, as: UTF8.self).split(separator: "\n")
                        .filter { !$0.contains("\"created\"") && !$0.contains("\"job\"") }.joined(separator: "\n")
                    data = Data(text.utf8)
                }
                files[file] = data
            }
            packages.append(files)
        }
        #expect(packages[0].keys.sorted() == packages[1].keys.sorted())
        #expect(packages[0].count > 20)
        for (file, data) in packages[0] { #expect(packages[1][file] == data, "\(file)") }
    }
}
