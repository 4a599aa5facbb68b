import Exchange
import Foundation
import Testing

/// gettext plural entries: each form of the target language is a unit of one group, and every
/// format that can say so (PO, XLIFF 1.2, XLIFF 2, JSON Lines) writes them back as one message.
@Suite("PO plurals")
struct PluralTests {
    static let po = """
        msgid ""
        msgstr ""
        "Language: ru\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

        #. The number of goals
        msgid "%d goal"
        msgid_plural "%d goals"
        msgstr[0] "%d цель"
        msgstr[1] "%d цели"
        msgstr[2] "%d целей"

        msgctxt "members"
        msgid "%d member"
        msgid_plural "%d members"
        msgstr[0]
        "%d член"
        msgstr[1] "%d члена"

        msgid "Peace"
        msgstr "Мир"

        """

    static func read(_ format: ExchangeFormat, _ bytes: [UInt8]) throws(ExchangeError) -> [TranslationUnit] {
        try format.makeReader(bytes: bytes, name: "p.\(format.fileExtension)", sourceLanguage: "en", targetLanguage: "ru").readAll().units
    }

    static func write(_ format: ExchangeFormat, _ units: [TranslationUnit]) throws(ExchangeError) -> [UInt8] {
        let sink = ByteSink()
        try format.makeWriter(sink: sink).writeDocument(DocumentHeader(sourceLanguage: "en", targetLanguage: "ru"), units: units)
        return sink.bytes
    }

    @Test("each form is a unit: form 0 translates msgid, the others msgid_plural; Plural-Forms says how many")
    func reading() throws {
        let units = try Self.read(.po, Array(Self.po.utf8))
        #expect(units.map(\.id) == ["1[0]", "1[1]", "1[2]", "members[0]", "members[1]", "members[2]", "3"])
        #expect(units.map(\.source.flattened) == ["%d goal", "%d goals", "%d goals", "%d member", "%d members", "%d members", "Peace"])
        #expect(units.map(\.target.flattened) == ["%d цель", "%d цели", "%d целей", "%d член", "%d члена", "", "Мир"])
        #expect(units[4].pluralForm == PluralForm(group: "members", index: 1, count: 3))
        #expect(units[0].notes == ["The number of goals"])
        #expect(units[6].pluralForm == nil)
    }

    @Test("plural messages come back as one message through PO, XLIFF 1.2, XLIFF 2 and JSON Lines",
          arguments: [ExchangeFormat.po, .xliff12, .xliff2, .jsonl])
    func roundTrip(format: ExchangeFormat) throws {
        let units = try Self.read(.po, Array(Self.po.utf8))
        let back = try Self.read(format, try Self.write(format, units))
        #expect(back.map(\.id) == units.map(\.id))
        #expect(back.map(\.pluralForm) == units.map(\.pluralForm))
        #expect(back.map(\.target.flattened) == units.map(\.target.flattened))
        let po = String(decoding: try Self.write(.po, back), as: UTF8.self)
        #expect(po.contains("msgid \"%d goal\"\nmsgid_plural \"%d goals\"\nmsgstr[0] \"%d цель\"\nmsgstr[1] \"%d цели\"\nmsgstr[2] \"%d целей\""), "\(po)")
        #expect(po.components(separatedBy: "msgid_plural").count == 3)
    }

    @Test("ids that are not NMTOKENs survive XLIFF 2", arguments: ["/%d change(s)", "a b", "x_y", "", "ключ"])
    func xliff2Ids(id: String) throws {
        let unit = TranslationUnit(id: id, source: Content("Text"), target: Content("Текст"))
        let bytes = try Self.write(.xliff2, [unit])
        #expect(try Self.read(.xliff2, bytes).map(\.id) == [id])
    }

    @Test("plural forms out of order or without msgid_plural are errors with the line", arguments: [
        ("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[1] \"x\"\n", "in order"),
        ("msgid \"a\"\nmsgstr[0] \"x\"\n", "without msgid_plural"),
        ("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr \"x\"\n", "not msgstr"),
    ])
    func errors(text: String, message: String) {
        #expect { try Self.read(.po, Array(text.utf8)) } throws: { "\($0)".contains(message) && "\($0)".contains("p.po:") }
    }
}
