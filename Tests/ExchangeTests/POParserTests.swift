import Testing
@testable import Exchange

/// The byte-level PO line reader must read lines exactly as the `Character`-based reading did.
@Suite("PO parser: byte-level reading of lines")
struct POParserTests {
    static func units(_ text: String) throws -> [TranslationUnit] {
        let reader = PO.Reader(bytes: Array(text.utf8), name: "t.po", sourceLanguage: "en")
        var units: [TranslationUnit] = []
        while let event = try reader.next() {
            if case let .unit(u) = event { units.append(u) }
        }
        return units
    }

    @Test("CRLF lines, comments, flags and continuation lines")
    func crlfAndContinuations() throws {
        let text = "msgid \"\"\r\nmsgstr \"\"\r\n\"Language: ru\\n\"\r\n\r\n#. a note\r\n#, fuzzy\r\n  msgctxt \"u1\"  \r\nmsgid \"\"\r\n\t\"Hello \"\r\n\"\\\"world\\\"\"\r\nmsgstr \"Привет\"\r\n\"\\303\\251\"\r\n#. next\r\nmsgctxt \"u2\"\nmsgid \"x\"\nmsgstr \"\""
        let units = try Self.units(text)
        #expect(units.count == 2)
        #expect(units[0].id == "u1")
        #expect(units[0].source.text == "Hello \"world\"")
        #expect(units[0].target.text == "Приветé")
        #expect(units[0].state == .needsReview)
        #expect(units[0].notes == ["a note"])
        #expect(units[1].id == "u2")
        #expect(units[1].notes == ["next"])
        #expect(units[1].state == .new)
    }

    @Test("Numeric escapes are checked piece by piece")
    func escapesSplitOverPieces() {
        let error = #expect(throws: ExchangeError.self) {
            try Self.units("msgid \"a\"\nmsgstr \"\\303\"\n\"\\251\"\n")
        }
        #expect(error?.message == "escapes that do not form UTF-8")
        #expect(error?.location?.line == 2)
    }

    @Test("A quote joined to a combining mark is not a string, as with Characters")
    func quoteWithCombiningMark() {
        let error = #expect(throws: ExchangeError.self) {
            try Self.units("msgid \"a\"\nmsgstr \"b\"\n\"\u{301}c\"\n")
        }
        #expect(error?.message == "unknown keyword \"\"\u{301}c\"")
    }

    @Test("Keywords, unknown keywords and plural entries")
    func keywords() throws {
        let unknown = #expect(throws: ExchangeError.self) { try Self.units("msgid \"a\"\nmsgfoo \"b\"\n") }
        #expect(unknown?.message == "unknown keyword \"msgfoo\"")
        #expect(unknown?.location?.line == 2)
        let plural = try Self.units("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\n")
        #expect(plural.map(\.source.text) == ["a", "as"], "a plural entry gives one unit per form")
        let units = try Self.units("msgid\t\"tab\"\nmsgstr\"none\"")
        #expect(units.first?.source.text == "tab")
        #expect(units.first?.target.text == "none")
    }
}
