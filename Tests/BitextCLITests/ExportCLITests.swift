import Foundation
import Testing

@Suite("bitext export")
struct ExportCLITests {
    static let article = CLIRunner.root + "/Examples/azerbaijan-nato.txt"
    static let glossary = CLIRunner.root + "/Glossary/security.tbx"

    @Test("a text article becomes XLIFF 2.1 with glossary terms and non-translatable boilerplate")
    func articleToXLIFF() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("job.xlf").path
        let r = try CLIRunner.run(["export", Self.article, "--source-lang", "en", "--target-lang", "ru", "--glossary", Self.glossary, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let xml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(xml.contains("version=\"2.1\" srcLang=\"en\" trgLang=\"ru\""))
        #expect(xml.contains("translate=\"no\""))
        #expect(xml.contains("<source>Must read</source>"))
        #expect(xml.contains("<mrk id=\"t1\" type=\"term\">Operational Capabilities Concept</mrk>"))
        #expect(xml.contains("<gls:translation>Концепция оперативных возможностей</gls:translation>"))
        #expect(xml.contains("the preferred term is &quot;Individual Partnership and Cooperation Programme&quot;") ||
                xml.contains("the preferred term is \"Individual Partnership and Cooperation Programme\""))
        // Every segment's text is the exact slice of the article that its range names.
        let article = Array(try Data(contentsOf: URL(fileURLWithPath: Self.article)))
        let reread = try CLIRunner.run(["export", out, "--to", "jsonl", "-o", "-"])
        #expect(reread.status == 0)
        for line in reread.text.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let range = object["range"] as! [Int]
            #expect(String(decoding: article[range[0]..<range[1]], as: UTF8.self) == object["source"] as! String)
        }
    }

    @Test("converting again through formats without terms does not repeat the glossary notes")
    func notesAreNotRepeated() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tmx = dir.appendingPathComponent("a.tmx").path
        let args = ["--source-lang", "en", "--target-lang", "ru", "--glossary", Self.glossary]
        #expect(try CLIRunner.run(["export", Self.article] + args + ["-o", tmx]).status == 0)
        let jsonl = try CLIRunner.run(["export", tmx] + args + ["--to", "jsonl", "-o", "-"])
        #expect(jsonl.status == 0)
        var notes = 0
        for line in jsonl.text.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let unitNotes = object["notes"] as? [String] ?? []
            #expect(Set(unitNotes).count == unitNotes.count, "\(unitNotes)")
            notes += unitNotes.filter { $0.contains("the preferred term is") }.count
        }
        #expect(notes >= 2, "the article's deprecated and superseded terms are noted once each")
    }

    @Test("an existing file is kept without --force and replaced with it")
    func noOverwrite() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("job.po").path
        try "translator's work\n".write(toFile: out, atomically: true, encoding: .utf8)
        let refused = try CLIRunner.run(["export", Self.article, "--source-lang", "en", "--target-lang", "az", "-o", out])
        #expect(refused.status == 73 && refused.stderr.contains("pass --force"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "translator's work\n")
        let forced = try CLIRunner.run(["export", Self.article, "--source-lang", "en", "--target-lang", "az", "-o", out, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("\"Language: az\\n\""))
    }

    @Test("conversion keeps translations: TSV to XLIFF 1.2 to PO to CSV")
    func conversion() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tsv = dir.appendingPathComponent("in.tsv").path
        try "id\tsource\ttarget\tstate\tnote\n1\tBaku  is \"the\" capital.\tБаку — столица.\tfinal\t\n2\tTabs\\there\t\tnew\tkeep\n"
            .write(toFile: tsv, atomically: true, encoding: .utf8)
        let xlf = dir.appendingPathComponent("a.xlf12").path
        #expect(try CLIRunner.run(["export", tsv, "--source-lang", "en", "--target-lang", "ru", "--no-glossary", "--to", "xliff12", "-o", xlf]).status == 0)
        let po = dir.appendingPathComponent("a.po").path
        #expect(try CLIRunner.run(["export", xlf, "-o", po]).status == 0)
        let csv = try CLIRunner.run(["export", po, "--to", "csv", "-o", "-"])
        #expect(csv.status == 0)
        #expect(csv.text == "id,source,target,state,note\r\n1,\"Baku  is \"\"the\"\" capital.\",Баку — столица.,final,\r\n2,Tabs\there,,new,keep\r\n")
    }

    @Test("usage, missing input, and text a format cannot carry")
    func errors() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLIRunner.run(["export", Self.article, "--source-lang", "en", "-o", dir.appendingPathComponent("x.docx").path]).status == 64)
        #expect(try CLIRunner.run(["export", "/nonexistent.txt", "--source-lang", "en", "--to", "po", "-o", "-"]).status == 66)
        #expect(try CLIRunner.run(["export", Self.article, "--to", "po", "-o", "-"]).status == 64)
        let tsv = dir.appendingPathComponent("bell.tsv").path
        try "id\tsource\ttarget\nbell-1\tring\u{1}\tзвонок\n".write(toFile: tsv, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("bell.tmx").path
        let r = try CLIRunner.run(["export", tsv, "--source-lang", "en", "--target-lang", "ru", "-o", out])
        #expect(r.status == 65 && r.stderr.contains("unit bell-1") && r.stderr.contains("U+0001"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["bell.tsv"])
    }

    @Test("units stream to the output: an error half way leaves no file; ids clash only across files of a flat output")
    func streamingErrorsAndIDs() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A TMX whose 3rd unit is broken: the first two are read and written before the error.
        let tmx = dir.appendingPathComponent("in.tmx").path
        try """
        <?xml version="1.0"?>
        <tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>
        <body>
        <tu tuid="a"><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="ru"><seg>Один</seg></tuv></tu>
        <tu tuid="a"><tuv xml:lang="en"><seg>Again</seg></tuv></tu>
        <tu tuid="c"><tuv xml:lang="en"><seg>Three</sek></tuv></tu>
        </body></tmx>
        """.write(toFile: tmx, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.po").path
        let broken = try CLIRunner.run(["export", tmx, "--target-lang", "ru", "--no-glossary", "-o", out])
        #expect(broken.status == 65 && broken.stderr.contains("in.tmx:6"), "\(broken.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["in.tmx"])

        // Two units with the same id in one TMX are kept; the same ids from two inputs in one PO are refused.
        let fixed = try String(contentsOfFile: tmx, encoding: .utf8).replacingOccurrences(of: "</sek>", with: "</seg>")
        try fixed.write(toFile: tmx, atomically: true, encoding: .utf8)
        let single = try CLIRunner.run(["export", tmx, "--target-lang", "ru", "--no-glossary", "--to", "jsonl", "-o", out + ".jsonl"])
        #expect(single.status == 0, "\(single.stderr)")
        let copy = dir.appendingPathComponent("copy.tmx").path
        try fixed.write(toFile: copy, atomically: true, encoding: .utf8)
        let twice = try CLIRunner.run(["export", tmx, copy, "--target-lang", "ru", "--no-glossary", "-o", out])
        #expect(twice.status == 65 && twice.stderr.contains("the id \"a\" occurs in in.tmx and in.tmx"), "\(twice.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let xliff = try CLIRunner.run(["export", tmx, copy, "--target-lang", "ru", "--no-glossary", "--to", "xliff2", "-o", out + ".xlf"])
        #expect(xliff.status == 0, "XLIFF keeps the files apart")
    }

    @Test("check reads exchange files: findings by unit id from XLIFF and PO")
    func checkExchangeFiles() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tsv = dir.appendingPathComponent("in.tsv").path
        try "id\tsource\ttarget\nu1\tTalks on the Individual Partnership and Cooperation Programme.\tПереговоры по плану.\nu2\tSecurity in the South Caucasus.\tБезопасность на Южном Кавказе.\n"
            .write(toFile: tsv, atomically: true, encoding: .utf8)
        for ext in ["xlf", "po", "tmx", "jsonl"] {
            let path = dir.appendingPathComponent("t.\(ext)").path
            #expect(try CLIRunner.run(["export", tsv, "--source-lang", "en", "--target-lang", "ru", "--no-glossary", "-o", path]).status == 0)
            let r = try CLIRunner.run(["check", path, "--glossary", Self.glossary, "--source-lang", "en", "--target-lang", "ru", "--format", "json"])
            #expect(r.status == 1, "\(ext): \(r.stderr)")
            let report = try JSONSerialization.jsonObject(with: r.stdout) as! [String: Any]
            let findings = report["findings"] as! [[String: Any]]
            #expect(findings.map { $0["unit"] as! String } == ["u1"], "\(ext)")
            #expect(findings.map { $0["rule"] as! String } == ["missing-term"], "\(ext)")
        }
    }

    @Test("the HTML review page shows findings for translated units")
    func reviewPage() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tsv = dir.appendingPathComponent("in.tsv").path
        try "Talks on the Individual Partnership and Cooperation Programme.\tПереговоры по плану.\n".write(toFile: tsv, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["export", tsv, "--source-lang", "en", "--target-lang", "ru", "--glossary", Self.glossary, "--to", "html", "-o", "-"])
        #expect(r.status == 0)
        #expect(r.text.contains("<mark class=\"term\" title=\"Индивидуальная программа партнёрства и сотрудничества"))
        #expect(r.text.contains("<li class=\"error\"><b>error · missing-term</b>"))
        #expect(!r.text.contains("<script") && !r.text.contains("http://") && !r.text.contains("https://"))
    }
}
