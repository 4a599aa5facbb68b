import Foundation
import Testing
@testable import Exchange

@Suite("Exchange formats: details of each format")
struct FormatTests {
    static let header = DocumentHeader(sourceLanguage: "en", targetLanguage: "ru")

    static func write(_ units: [TranslationUnit], _ format: ExchangeFormat, options: WriteOptions = WriteOptions()) throws -> String {
        let sink = ByteSink()
        try format.makeWriter(sink: sink, options: options).writeDocument(header, units: units)
        return sink.string
    }

    static func read(_ text: String, _ format: ExchangeFormat, name: String = "in") throws -> [TranslationUnit] {
        try format.makeReader(bytes: Array(text.utf8), name: name, sourceLanguage: "en", targetLanguage: "ru").readAll().units
    }

    @Test("XLIFF 2.1: glossary module and term marks round-trip")
    func xliff2Glossary() throws {
        let source = "NATO and Azerbaijan.us in Baku’s plan"
        let unit = TranslationUnit(id: "1", source: Content(source), terms: [
            TermAnnotation(range: 0..<4, term: "NATO", translations: ["НАТО"], definition: "The alliance.", origin: "nato"),
            TermAnnotation(range: 9..<22, term: "Azerbaijan.us", translations: ["Azerbaijan.us"], origin: "azus", translate: false),
            TermAnnotation(range: 26..<33, term: "Baku’s", translations: ["Баку"], origin: "baku"),
        ])
        let xml = try Self.write([unit], .xliff2)
        #expect(xml.contains("<mrk id=\"t1\" type=\"term\">NATO</mrk>"))
        #expect(xml.contains("<mrk id=\"t2\" type=\"term\" translate=\"no\">Azerbaijan.us</mrk>"))
        #expect(xml.contains("<gls:glossEntry ref=\"#t3\">"))
        let back = try Self.read(xml, .xliff2)
        #expect(back.first?.terms == unit.terms)
        #expect(back.first?.source.text == source)
    }

    @Test("XLIFF 2.1: <cp> carries characters XML 1.0 cannot")
    func codePoints() throws {
        let xml = try Self.write([TranslationUnit(id: "1", source: "a\u{1}b\u{FFFE}c")], .xliff2)
        #expect(xml.contains("a<cp hex=\"0001\"/>b<cp hex=\"FFFE\"/>c"))
    }

    @Test("XLIFF 2: several segments, <pc> and <ignorable> become one unit")
    func foreignXLIFF2() throws {
        let xml = """
        <?xml version="1.0"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
         <file id="f"><group id="g"><unit id="u">
          <originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data></originalData>
          <segment state="final"><source>One <pc id="1" dataRefStart="d1" dataRefEnd="d2">bold</pc>.</source><target>Eins <pc id="1" dataRefStart="d1" dataRefEnd="d2">fett</pc>.</target></segment>
          <ignorable><source> </source></ignorable>
          <segment state="translated"><source>Two<cp hex="0007"/>.</source><target>Zwei.</target></segment>
         </unit></group></file>
        </xliff>
        """
        let units = try Self.read(xml, .xliff2)
        #expect(units.count == 1)
        #expect(units[0].source.flattened == "One <b>bold</b>. Two\u{7}.")
        #expect(units[0].target.flattened == "Eins <b>fett</b>. Zwei.")
        #expect(units[0].state == .translated)
    }

    @Test("XML readers refuse DTDs, entity bombs and external entities, with the position", arguments: [ExchangeFormat.xliff2, .xliff12, .tmx, .html])
    func refusesDTDs(format: ExchangeFormat) throws {
        let bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <lolz>&lol2;</lolz>
        """
        let error = #expect(throws: ExchangeError.self) { try Self.read(bomb, format, name: "bomb.xml") }
        #expect(error?.location?.file == "bomb.xml")
        #expect(error?.location?.line == 2)
        let external = """
        <?xml version="1.0"?>
        <!DOCTYPE xliff SYSTEM "file:///etc/passwd">
        <xliff version="2.1" srcLang="en"><file id="f"><unit id="1"><segment><source>&ext;</source></segment></unit></file></xliff>
        """
        let ext = #expect(throws: ExchangeError.self) { try Self.read(external, format, name: "ext.xml") }
        #expect(ext?.location?.line == 3 || ext?.message.contains("not") == true)
    }

    @Test("A truncated file is an error, not a short read", arguments: [ExchangeFormat.xliff2, .xliff12, .tmx, .html])
    func truncated(format: ExchangeFormat) throws {
        let full = try Self.write([TranslationUnit(id: "1", source: "One.", target: "Один."), TranslationUnit(id: "2", source: "Two.", target: "Два.")], format)
        let cut = String(full.prefix(full.count * 2 / 3))
        #expect(throws: ExchangeError.self) { try Self.read(cut, format) }
    }

    @Test("XLIFF 1.2: --prefill-target fills empty targets and reads back as no target")
    func prefill() throws {
        let units = [TranslationUnit(id: "1", source: "Baku"), TranslationUnit(id: "2", source: "Armenia", target: "Армения")]
        let xml = try Self.write(units, .xliff12, options: WriteOptions(prefillTarget: true))
        #expect(xml.contains("<target state=\"new\" state-qualifier=\"x-bitext-prefilled\">Baku</target>"))
        let back = try Self.read(xml, .xliff12)
        #expect(back.map(\.target.text) == ["", "Армения"])
        // A translator who changes the prefilled text has translated it.
        let edited = xml.replacingOccurrences(of: "prefilled\">Baku<", with: "prefilled\">Баку<")
        #expect(try Self.read(edited, .xliff12).first?.target.text == "Баку")
    }

    @Test("PO: header, msgctxt ids, notes, terms, fuzzy and multi-line strings")
    func poLayout() throws {
        let unit = TranslationUnit(id: "7", source: "Line one\nline \"two\"", target: "Строка", state: .needsReview,
                                   notes: ["Check the date."], terms: [TermAnnotation(range: nil, term: "NATO", translations: ["НАТО"])])
        let po = try Self.write([unit], .po)
        #expect(po.contains("\"Language: ru\\n\"\n\"Plural-Forms: nplurals=3;"))
        #expect(po.contains("#. Check the date.\n#. glossary: NATO => НАТО\n#, fuzzy\nmsgctxt \"7\"\nmsgid \"\"\n\"Line one\\n\"\n\"line \\\"two\\\"\"\nmsgstr \"Строка\"\n"))
        let back = try Self.read(po, .po)
        #expect(back.first?.notes == ["Check the date."])
        #expect(back.first?.terms.first?.translations == ["НАТО"])
        #expect(back.first?.state == .needsReview)
    }

    @Test("PO from other tools: no msgctxt, obsolete entries, escapes; plural entries as their forms")
    func foreignPO() throws {
        let po = """
        # Translator comment
        msgid ""
        msgstr ""
        "Language: tr\\n"

        #: src/a.c:10
        #, c-format
        msgid "Hello %s\\tworld\\101"
        msgstr "Merhaba %s"

        #~ msgid "old"
        #~ msgstr "eski"

        msgid "Two"
        msgstr ""

        """
        let units = try Self.read(po, .po)
        #expect(units.map(\.id) == ["1", "2"])
        #expect(units[0].source.text == "Hello %s\tworldA")
        #expect(units[1].state == .new)
        // A plural entry is read as its forms (PluralTests has the rest).
        let plural = po + "msgid \"file\"\nmsgid_plural \"files\"\nmsgstr[0] \"dosya\"\n"
        #expect(try Self.read(plural, .po, name: "tr.po").map(\.id) == ["1", "2", "3[0]", "3[1]"])
        let badEscape = #expect(throws: ExchangeError.self) { try Self.read("msgid \"a\\q\"\nmsgstr \"\"\n", .po, name: "x.po") }
        #expect(badEscape?.location?.line == 1)
    }

    @Test("CSV and TSV: headerless two columns, header columns in any order, bad rows by line")
    func delimited() throws {
        let plain = try Self.read("Baku\tБаку\nArmenia\tАрмения\n", .tsv)
        #expect(plain.map(\.id) == ["1", "2"] && plain.map(\.target.text) == ["Баку", "Армения"])
        let reordered = try Self.read("target,note,source,id,state\nБаку,n,Baku,b1,final\n", .csv)
        #expect(reordered.first?.id == "b1" && reordered.first?.state == .final && reordered.first?.notes == ["n"])
        let error = #expect(throws: ExchangeError.self) { try Self.read("id,source,target,state\n1,a,b,done\n", .csv, name: "x.csv") }
        #expect(error?.location?.line == 2 && error?.message.contains("unknown state") == true)
        let duplicate = #expect(throws: ExchangeError.self) { try Self.read("id,source,target\n1,a,b\n1,c,d\n", .csv, name: "x.csv") }
        #expect(duplicate?.location?.line == 3)
    }

    @Test("JSON Lines: bad lines are reported with line and column")
    func jsonLines() throws {
        let good = try Self.read("{\"id\": 5, \"source\": \"a\\u00e9\\ud83d\\ude00\", \"target\": null}\n\n", .jsonl)
        #expect(good.first?.id == "5" && good.first?.source.text == "aé😀" && good.first?.state == .new)
        let error = #expect(throws: ExchangeError.self) { try Self.read("{\"id\":\"1\",\"source\":\"a\"}\n{\"id\":\"2\",\"source\":}\n", .jsonl, name: "x.jsonl") }
        #expect(error?.location?.line == 2 && error?.location?.column == 20)
    }

    @Test("TMX: the target is the tuv in the requested language")
    func tmxLanguages() throws {
        let tmx = """
        <?xml version="1.0"?>
        <tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
        <body><tu tuid="a"><tuv xml:lang="de"><seg>Baku (de)</seg></tuv><tuv xml:lang="EN"><seg>Baku</seg></tuv><tuv xml:lang="ru-RU"><seg>Баку</seg></tuv></tu></body></tmx>
        """
        let reader = TMX.Reader(bytes: Array(tmx.utf8), targetLanguage: "ru-ru")
        let units = try reader.readAll().units
        #expect(units.first?.source.text == "Baku" && units.first?.target.text == "Баку")
    }

    @Test("Atomic files: an existing file is kept without overwrite, and no temporary file is left")
    func atomicFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.po").path
        try "translator's work".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: ExchangeError.self) { _ = try AtomicFile(path: path, overwrite: false) }
        #expect(error?.kind == .unwritable)
        do {
            let file = try AtomicFile(path: path, overwrite: true)
            try PO.Writer(sink: file.sink).writeDocument(Self.header, units: [TranslationUnit(id: "1", source: "a")])
            // Not committed: the old file stays.
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "translator's work")
        let file = try AtomicFile(path: path, overwrite: true)
        try PO.Writer(sink: file.sink).writeDocument(Self.header, units: [TranslationUnit(id: "1", source: "a")])
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("msgctxt \"1\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.po"])
    }
}

@Suite("Exchange formats: translation memory matches")
struct MatchTests {
    @Test("mtc:matches (XLIFF 2.1) and alt-trans (XLIFF 1.2) round-trip", arguments: [ExchangeFormat.xliff2, .xliff12])
    func matches(format: ExchangeFormat) throws {
        var unit = TranslationUnit(id: "1", source: "Baku hosted the NATO delegation.", target: "")
        unit.matches = [
            MatchCandidate(source: "Baku hosted a NATO delegation.", target: "Баку принял делегацию НАТО.", similarity: 83, origin: "tm.sqlite"),
            MatchCandidate(source: "Baku hosted <the> talks & more", target: "Баку провёл переговоры", similarity: 75),
        ]
        let text = try FormatTests.write([unit], format)
        if format == .xliff2 {
            #expect(text.contains("<mtc:match ref=\"#s1\" type=\"tm\" similarity=\"83\" origin=\"tm.sqlite\">"))
            #expect(text.contains("<segment id=\"s1\" state=\"initial\">"))
        } else {
            #expect(text.contains("<alt-trans match-quality=\"83\" origin=\"tm.sqlite\">"))
        }
        let back = try FormatTests.read(text, format)
        #expect(back.first?.matches == unit.matches)
        #expect(back.first?.target.isEmpty == true)
    }
}

@Suite("XML escaping")
struct XMLEscapingWriterTests {
    /// What `appendXML` must write, scalar by scalar.
    static func reference(_ text: String, attribute: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22 where attribute: out += "&quot;"
            case 0x0D: out += "&#13;"
            case 0x0A where attribute: out += "&#10;"
            case 0x09 where attribute: out += "&#9;"
            case 0x09, 0x0A: out.unicodeScalars.append(scalar)
            case 0..<0x20, 0xFFFE, 0xFFFF: out += "<cp hex=\"\(ByteSink.hex(scalar.value))\"/>"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @Test("Eight bytes at a time or one by one, every special character is escaped at its place")
    func randomTexts() throws {
        let alphabet: [String] = ["a", "b", " ", "&", "<", ">", "\"", "\r", "\n", "\t", "ж", "ə", "😀", "\u{FFFE}", "\u{FFFF}",
                                  "\u{FFFD}", "\u{01}", "\u{1F}", "]]>", "\u{EF}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let text = (0..<length).map { _ in Bool.random(using: &generator) ? "abcdefgh" : alphabet.randomElement(using: &generator)! }.joined()
            let element = ByteSink()
            try element.appendXML(text, invalid: .codePointElement)
            #expect(element.string == Self.reference(text, attribute: false), "\(text.debugDescription)")
            guard !text.unicodeScalars.contains(where: { ($0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value)) || $0.value >= 0xFFFE && $0.value <= 0xFFFF }) else { continue }
            let attribute = ByteSink()
            try attribute.appendXML(text, attribute: true, invalid: .codePointElement)
            #expect(attribute.string == Self.reference(text, attribute: true), "\(text.debugDescription)")
        }
    }
}
