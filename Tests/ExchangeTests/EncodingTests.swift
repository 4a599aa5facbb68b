import BitextCore
import Exchange
import Foundation
import Testing

/// Files in UTF-16 (Trados and Wordfast write TMX so by default) and in the single-byte encodings
/// that an XML declaration names are read as their UTF-8 form; errors point into the file as it is
/// on disk.
@Suite("reading other encodings")
struct EncodingTests {
    static func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-enc-\(UUID().uuidString)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func utf16(_ text: String, bigEndian: Bool, mark: Bool) -> [UInt8] {
        var out: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
            out += bigEndian ? [hi, lo] : [lo, hi]
        }
        return out
    }

    static func read(_ path: String, target: String? = "ru") throws(ExchangeError) -> [TranslationUnit] {
        guard let format = try ExchangeFormat.detect(path: path) else { throw ExchangeError("no format") }
        return try format.makeReader(path: path, sourceLanguage: "en", targetLanguage: target).readAll().units
    }

    static let tmx = """
        <?xml version="1.0" encoding="UTF-16"?>
        <tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>
        <body>
        <tu tuid="1"><tuv xml:lang="en"><seg>Partnership for Peace 😀</seg></tuv><tuv xml:lang="ru"><seg>Партнёрство ради мира 😀</seg></tuv></tu>
        <tu tuid="2"><tuv xml:lang="en"><seg>Baku &amp; Brussels</seg></tuv><tuv xml:lang="ru"><seg>Баку и Брюссель</seg></tuv></tu>
        </body></tmx>
        """

    @Test("UTF-16 TMX, little- or big-endian, with or without a byte order mark, reads as its UTF-8 form",
          arguments: [(false, true), (true, true), (false, false), (true, false)])
    func utf16TMX(bigEndian: Bool, mark: Bool) throws {
        let utf8 = try Self.write(Array(Self.tmx.replacingOccurrences(of: "UTF-16", with: "UTF-8").utf8), "a.tmx")
        let path = try Self.write(Self.utf16(Self.tmx, bigEndian: bigEndian, mark: mark), "b.tmx")
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: utf8) }
        let units = try Self.read(path)
        #expect(units.count == 2)
        #expect(units == (try Self.read(utf8)))
        #expect(units.first?.target.flattened == "Партнёрство ради мира 😀")
        #expect(units.map(\.line) == [4, 5])
    }

    @Test("an XLIFF 1.2 file in windows-1252 reads its accented letters")
    func windows1252() throws {
        let text = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
            + "<file original=\"a\" source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\"><body>\n"
            + "<trans-unit id=\"1\"><source>Caf\u{E9} \u{2014} \u{20AC}5</source><target>Caf\u{E9} \u{2014} 5 \u{20AC}</target></trans-unit>\n"
            + "</body></file></xliff>\n"
        // windows-1252: é is E9, the em dash 97, the euro sign 80.
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xE9: bytes.append(0xE9)
            case 0x2014: bytes.append(0x97)
            case 0x20AC: bytes.append(0x80)
            default: bytes.append(UInt8(scalar.value))
            }
        }
        let path = try Self.write(bytes, "c.xlf")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let units = try Self.read(path, target: nil)
        #expect(units.map(\.source.flattened) == ["Café — €5"])
        #expect(units.map(\.target.flattened) == ["Café — 5 €"])
    }

    @Test("a malformed document in windows-1252 is refused with the line and the byte offset in the file")
    func errorOffsetsInTheFile() throws {
        // Four é (one byte each on disk, two in UTF-8) before the mismatched end tag.
        var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>".utf8)
        bytes += [0xE9, 0xE9, 0xE9, 0xE9]
        let bad = bytes.count
        bytes += Array("</sex></tuv></tu></body></tmx>\n".utf8)
        let path = try Self.write(bytes, "d.tmx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try Self.read(path)
            Issue.record("a mismatched end tag was read")
        } catch {
            #expect(error.location?.line == 3, "\(error)")
            #expect(error.location?.byteOffset == bad, "\(error)")
        }
    }

    @Test("a byte the encoding does not allow, and an encoding nobody knows, are refused with the place")
    func invalidBytes() throws {
        var bytes = Self.utf16(Self.tmx, bigEndian: false, mark: true)
        let at = 2 * 300 + 2
        bytes[at] = 0x00
        bytes[at + 1] = 0xDC  // a low surrogate alone
        let path = try Self.write(bytes, "e.tmx")
        let unknown = try Self.write(Array("<?xml version=\"1.0\" encoding=\"x-no-such\"?><tmx/>".utf8), "f.tmx")
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: unknown) }
        #expect(throws: ExchangeError.self) { try Self.read(path) }
        do { _ = try Self.read(path) } catch { #expect("\(error)".contains("byte \(at)"), "\(error)") }
        do { _ = try Self.read(unknown) } catch { #expect("\(error)".contains("unknown encoding 'x-no-such'"), "\(error)") }
    }

    @Test("PO takes its charset from the header; a UTF-8 byte order mark and CR CR LF line ends are read")
    func poCharsets() throws {
        let header = "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\"Content-Type: text/plain; charset=CP1251\\n\"\n\n"
        // "Мир" in CP1251: CC E8 F0.
        var bytes = Array((header + "msgid \"Peace\"\nmsgstr \"").utf8) + [0xCC, 0xE8, 0xF0] + Array("\"\n".utf8)
        let cp1251 = try Self.write(bytes, "a.po")
        let bom = try Self.write([0xEF, 0xBB, 0xBF] + Array((header.replacingOccurrences(of: "CP1251", with: "UTF-8") + "msgid \"Peace\"\nmsgstr \"Мир\"\n").utf8), "b.po")
        let crcrlf = try Self.write(Array((header.replacingOccurrences(of: "CP1251", with: "UTF-8") + "msgid \"Peace\"\nmsgstr \"Мир\"\n").replacingOccurrences(of: "\n", with: "\r\r\n").utf8), "c.po")
        // A broken entry after four Cyrillic letters: the offset is the file's (one byte a letter), not UTF-8's (two).
        bytes += Array("\nmsgid \"".utf8) + [0xCC, 0xE8, 0xF0, 0xF0]
        let brokenAt = bytes.count
        bytes += Array("\nmsgstr \"x\"\n".utf8)
        let broken = try Self.write(bytes, "d.po")
        defer { for p in [cp1251, bom, crcrlf, broken] { try? FileManager.default.removeItem(atPath: p) } }
        for path in [cp1251, bom, crcrlf] {
            let units = try Self.read(path)
            #expect(units.map(\.source.flattened) == ["Peace"], "\(path)")
            #expect(units.map(\.target.flattened) == ["Мир"], "\(path)")
        }
        do {
            _ = try Self.read(broken)
            Issue.record("an unterminated string was read")
        } catch {
            // Line 9, the unterminated msgid, starts 11 bytes before the string's end in the file; in
            // UTF-8 it would be 3 bytes later (the three letters of the entry before take two bytes each).
            #expect(error.location?.line == 9, "\(error)")
            #expect(error.location?.byteOffset == brokenAt - 11, "\(error)")
        }
    }

    @Test("JSON Lines with a UTF-8 byte order mark")
    func jsonlBOM() throws {
        let path = try Self.write([0xEF, 0xBB, 0xBF] + Array("{\"id\":\"1\",\"source\":\"Peace\",\"target\":\"Мир\"}\n".utf8), "e.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Self.read(path).map(\.target.flattened) == ["Мир"])
    }
}

@Suite("TSV backslashes")
struct TSVBackslashTests {
    @Test("a backslash TSV does not define is text, never a reason to refuse the file")
    func literalBackslashes() throws {
        let text = "Sanctions \\- as the minister put it \\- remain.\tСанкции \\- как сказал министр \\- остаются.\nA path C:\\Users\\x\\\tПуть\nTab\\tand\\\\ back\\nslash\tТаб\n"
        let rows = try DelimitedText.rows(text, dialect: .tsv)
        #expect(rows.map(\.fields) == [
            ["Sanctions \\- as the minister put it \\- remain.", "Санкции \\- как сказал министр \\- остаются."],
            ["A path C:\\Users\\x\\", "Путь"],
            ["Tab\tand\\ back\nslash", "Таб"],
        ])
    }
}
