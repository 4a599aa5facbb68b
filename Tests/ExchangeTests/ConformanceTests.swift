import Foundation
import Testing
@testable import Exchange

/// One text that every format must carry unchanged.
struct HardCase: Sendable, CustomTestStringConvertible {
    var name: String
    var source: String
    var target: String
    var state: UnitState

    var testDescription: String { name }

    static let all: [HardCase] = [
        HardCase(name: "markup-like text", source: "Use <b>bold</b> &amp; <br/> and ]]> here", target: "Используйте <b>жирный</b> &amp; ]]>", state: .translated),
        HardCase(name: "entities and quotes", source: "AT&T said \"yes\" & 'no' &lt; &#x41; &unknown;", target: "AT&T сказала «да»", state: .translated),
        HardCase(name: "leading and trailing spaces", source: "  padded  ", target: " отступ ", state: .translated),
        HardCase(name: "double spaces", source: "two  spaces   three", target: "два  пробела", state: .needsReview),
        HardCase(name: "LF", source: "line one\nline two\n", target: "строка один\nстрока два\n", state: .translated),
        HardCase(name: "CR", source: "old\rmac", target: "старый\rмак", state: .translated),
        HardCase(name: "CRLF", source: "windows\r\nline\r\n", target: "окна\r\nстрока\r\n", state: .final),
        HardCase(name: "tabs", source: "a\tb\t\tc", target: "а\tб", state: .translated),
        HardCase(name: "NBSP and thin spaces", source: "10\u{00A0}000 km\u{2009}/\u{202F}h", target: "10\u{00A0}000 км", state: .translated),
        HardCase(name: "ZWJ emoji", source: "Family 👨‍👩‍👧‍👦 and flag 🇦🇿", target: "Семья 👨‍👩‍👧‍👦", state: .translated),
        HardCase(name: "combining marks", source: "e\u{0301}te\u{0301} Ş vs S\u{0327}", target: "ё vs е\u{0308}", state: .translated),
        HardCase(name: "right-to-left", source: "Arabic: \u{0627}\u{0644}\u{0633}\u{0644}\u{0627}\u{0645} and Hebrew \u{05E9}\u{05DC}\u{05D5}\u{05DD}", target: "\u{200F}\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}", state: .translated),
        HardCase(name: "supplementary plane", source: "𝕏 𠜎 🜁 \u{1F600}", target: "𝕐 \u{1F601}", state: .translated),
        HardCase(name: "empty target", source: "Not yet translated.", target: "", state: .new),
        HardCase(name: "empty target needing translation", source: "Waiting.", target: "", state: .needsTranslation),
        HardCase(name: "empty source", source: "", target: "", state: .new),
        HardCase(name: "empty translated target", source: "Delete me.", target: "", state: .translated),
        HardCase(name: "PO syntax", source: "msgid \"x\"\nmsgstr \"\"\n#, fuzzy\n# comment\n\"quoted\" \\n \\\\", target: "msgctxt \"y\"\n#. note", state: .translated),
        HardCase(name: "printf and ICU placeholders", source: "%s has %d items, %1$s {0} {count, plural, one {#}} %%", target: "%s имеет %d {0}", state: .translated),
        HardCase(name: "backslashes", source: "C:\\path\\to\\file \\t \\n", target: "C:\\путь", state: .translated),
        HardCase(name: "only whitespace", source: " \t \n ", target: " ", state: .translated),
        HardCase(name: "new with a target", source: "Machine output.", target: "Машинный вывод.", state: .new),
        HardCase(name: "JSON-breaking separators", source: "a\u{2028}b\u{2029}c\u{0085}d", target: "x\u{2028}y", state: .translated),
        HardCase(name: "BOM and noncharacter-adjacent", source: "\u{FEFF}start \u{FFFD} end", target: "\u{FFFD}", state: .translated),
        HardCase(name: "long text", source: String(repeating: "The Caspian basin matters. ", count: 400), target: String(repeating: "Каспий важен. ", count: 400), state: .translated),
    ]
}

/// Writes a document in a format and reads it back.
func roundTrip(_ units: [TranslationUnit], format: ExchangeFormat, options: WriteOptions = WriteOptions(),
               header: DocumentHeader = DocumentHeader(sourceLanguage: "en", targetLanguage: "ru")) throws -> (bytes: [UInt8], units: [TranslationUnit], header: DocumentHeader) {
    let sink = ByteSink()
    let writer = format.makeWriter(sink: sink, options: options)
    try writer.writeDocument(header, file: FileInfo(id: "f1", original: "article.txt"), units: units)
    let reader = try format.makeReader(bytes: sink.bytes, name: "test.\(format.fileExtension)",
                                       sourceLanguage: header.sourceLanguage, targetLanguage: header.targetLanguage)
    let read = try reader.readAll()
    return (sink.bytes, read.units, read.header)
}

@Suite("Exchange conformance: every format through the hard cases")
struct ConformanceTests {
    @Test("read(write(unit)) keeps id, source, target and state", arguments: ExchangeFormat.allCases, HardCase.all)
    func hardCase(format: ExchangeFormat, hard: HardCase) throws {
        let unit = TranslationUnit(id: "u1", source: Content(hard.source), target: Content(hard.target), state: hard.state)
        let result = try roundTrip([unit], format: format)
        try #require(result.units.count == 1, "\(format): \(result.units.count) units read back")
        let back = result.units[0]
        #expect(back.id == unit.id)
        #expect(back.source.text == hard.source, "\(format) source")
        #expect(back.target.text == hard.target, "\(format) target")
        #expect(back.state == hard.state, "\(format) state")
    }

    @Test("Many units keep their order, ids and texts", arguments: ExchangeFormat.allCases)
    func manyUnits(format: ExchangeFormat) throws {
        let units = HardCase.all.enumerated().map { index, hard in
            TranslationUnit(id: "s\(index + 1)", source: Content(hard.source), target: Content(hard.target), state: hard.state,
                            notes: index % 3 == 0 ? ["Note for \(index): keep <tags> & \"quotes\""] : [])
        }
        let back = try roundTrip(units, format: format).units
        #expect(back.map(\.id) == units.map(\.id))
        #expect(back.map(\.source.text) == units.map(\.source.text))
        #expect(back.map(\.target.text) == units.map(\.target.text))
        #expect(back.map(\.state) == units.map(\.state))
        #expect(back.map(\.notes) == units.map(\.notes))
    }

    @Test("Non-translatable units stay non-translatable", arguments: ExchangeFormat.allCases.filter { $0 != .csv && $0 != .tsv })
    func translateFlag(format: ExchangeFormat) throws {
        let units = [
            TranslationUnit(id: "1", source: "Must read", translate: false),
            TranslationUnit(id: "2", source: "Baku is the capital.", target: "Баку — столица."),
        ]
        let back = try roundTrip(units, format: format).units
        #expect(back.map(\.translate) == [false, true])
    }

    @Test("Inline codes survive in the formats that keep them", arguments: ExchangeFormat.allCases.filter(\.keepsInlineCodes))
    func inlineCodes(format: ExchangeFormat) throws {
        let source = Content(pieces: [
            .text("Read "), .code(InlineCode(.open, id: "1", data: "<a href=\"https://example.org/?a=1&b=2\">")),
            .text("the <report>"), .code(InlineCode(.close, id: "1", data: "</a>")), .text(" now"),
            .code(InlineCode(.placeholder, id: "2", data: "<br/>")),
            .code(InlineCode(.open, id: "3", data: "<b>")), .text(" (continues)"),
        ])
        let target = Content(pieces: [
            .text("Прочтите "), .code(InlineCode(.open, id: "1", data: "<a href=\"https://example.org/?a=1&b=2\">")),
            .text("доклад"), .code(InlineCode(.close, id: "1", data: "</a>")),
            .code(InlineCode(.placeholder, id: "2", data: "<br/>")), .code(InlineCode(.open, id: "3", data: "<b>")),
        ])
        let unit = TranslationUnit(id: "c1", source: source, target: target)
        let back = try roundTrip([unit], format: format).units
        #expect(back.first?.source == source)
        #expect(back.first?.target == target)
    }

    @Test("Flat formats carry inline codes as their markup", arguments: ExchangeFormat.allCases.filter { !$0.keepsInlineCodes })
    func flatCodes(format: ExchangeFormat) throws {
        let source = Content(pieces: [.text("a "), .code(InlineCode(.open, id: "1", data: "<b>")), .text("b"), .code(InlineCode(.close, id: "1", data: "</b>"))])
        let back = try roundTrip([TranslationUnit(id: "1", source: source)], format: format).units
        #expect(back.first?.source.text == "a <b>b</b>")
    }

    @Test("U+0001 is carried where the format can, and refused by unit where it cannot", arguments: ExchangeFormat.allCases)
    func controlCharacter(format: ExchangeFormat) throws {
        let unit = TranslationUnit(id: "bad-7", source: "bell\u{1}here\u{FFFF}", target: "звонок\u{1}")
        switch format {
        case .xliff2, .csv, .tsv, .jsonl:
            let back = try roundTrip([unit], format: format).units
            #expect(back.first?.source.text == unit.source.text)
            #expect(back.first?.target.text == unit.target.text)
        case .xliff12, .tmx, .po, .html:
            let error = #expect(throws: ExchangeError.self) { try roundTrip([unit], format: format) }
            #expect(error?.unit == "bad-7")
            #expect(error?.message.contains("U+0001") ?? false, "\(String(describing: error))")
        }
    }

    @Test("Languages round-trip where the format records them", arguments: [ExchangeFormat.xliff2, .xliff12, .tmx, .po, .html])
    func languages(format: ExchangeFormat) throws {
        let header = DocumentHeader(sourceLanguage: "en-GB", targetLanguage: "az-Latn")
        let sink = ByteSink()
        try format.makeWriter(sink: sink).writeDocument(header, units: [TranslationUnit(id: "1", source: "Baku", target: "Bakı")])
        let read = try format.makeReader(bytes: sink.bytes, name: "x", targetLanguage: format == .tmx ? nil : nil).readAll()
        #expect(read.header.sourceLanguage == "en-GB")
        if format != .tmx { #expect(read.header.targetLanguage == "az-Latn") }
        #expect(read.units.first?.target.text == "Bakı")
    }

    @Test("The registry maps extensions to formats")
    func registry() {
        for format in ExchangeFormat.allCases where format != .xliff12 {
            #expect(ExchangeFormat(outputPath: "out/job." + format.fileExtension) == format)
        }
        #expect(ExchangeFormat(outputPath: "a.XLIFF") == .xliff2)
        #expect(ExchangeFormat(outputPath: "a.txt") == nil)
        #expect(ExchangeFormat(outputPath: "dir.v2/file") == nil)
    }
}
