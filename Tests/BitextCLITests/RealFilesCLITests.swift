import Foundation
import Testing

/// Files as other tools write them, from the command line.
@Suite("files from other tools, from the CLI")
struct RealFilesCLITests {
    static func write(_ bytes: [UInt8], _ dir: URL, _ name: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a PO file whose header names no source language is read as English, with a note")
    func poWithoutSource() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let po = try Self.write(Array("msgid \"\"\nmsgstr \"\"\n\"Language: tr\\n\"\n\nmsgid \"file\"\nmsgid_plural \"files\"\nmsgstr[0] \"dosya\"\nmsgstr[1] \"dosyalar\"\n".utf8), dir, "app.po")
        let r = try CLIRunner.run(["export", po, "--to", "jsonl", "-o", "-", "--no-glossary"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("English is taken"))
        #expect(r.text.contains("\"id\":\"1[1]\",\"source\":\"files\",\"target\":\"dosyalar\""), "\(r.text)")
    }

    @Test("an .sdlxliff file and a UTF-16 TMX are read; tm import finds fr-CA for --target-lang fr")
    func sdlxliffAndUTF16() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sdl = try Self.write(Array(("<?xml version=\"1.0\" encoding=\"utf-8\"?><xliff xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\" "
            + "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\" sdl:version=\"1.0\"><file original=\"a.docx\" source-language=\"en-US\" "
            + "target-language=\"fr-FR\" datatype=\"x-sdlfilterframework2\"><body><trans-unit id=\"1\"><source>Peace</source><target>Paix</target>"
            + "</trans-unit></body></file></xliff>").utf8), dir, "a.docx.sdlxliff")
        let r = try CLIRunner.run(["export", sdl, "--to", "jsonl", "-o", "-", "--no-glossary"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text.contains("\"target\":\"Paix\""))
        let tmxText = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tmx version=\"1.4\"><header srclang=\"en-US\" creationtool=\"Trados\" creationtoolversion=\"1\" "
            + "segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" datatype=\"plaintext\"/><body>\n<tu><tuv xml:lang=\"en-US\"><seg>Peace</seg></tuv>"
            + "<tuv xml:lang=\"fr-CA\"><seg>Paix</seg></tuv></tu>\n</body></tmx>\n"
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in tmxText.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let tmx = try Self.write(utf16, dir, "trados.tmx")
        let tm = dir.appendingPathComponent("tm.sqlite").path
        let imported = try CLIRunner.run(["tm", "import", tmx, "--tm", tm, "--source-lang", "en", "--target-lang", "fr"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("imported 1 unit"), "\(imported.stderr)")
    }
}
