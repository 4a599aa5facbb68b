import BitextCore
import Foundation
import Segmentation
import Testing

@Suite("Segmenter behaviour")
struct SegmenterBehaviourTests {
    func texts(_ text: String, _ language: String = "en") throws -> [String] {
        try TestSupport.segmenter(language).segments(of: text).map(\.text)
    }

    @Test("a blank line always ends a segment, even mid-sentence")
    func blankLine() throws {
        #expect(try texts("The meeting in\n\nBaku ended.") == ["The meeting in", "Baku ended."])
        #expect(try texts("One.\n \t \nTwo.") == ["One.", "Two."])
    }

    @Test("a single newline inside a paragraph is a soft wrap")
    func softWrap() throws {
        let wrapped = """
        Azerbaijan continues to diversify its security partnerships at a time when
        the regional chessboard is rapidly shifting. NATO has kept its partnership with
        Baku carefully calibrated for years.
        """
        #expect(try texts(wrapped) == [
            "Azerbaijan continues to diversify its security partnerships at a time when\nthe regional chessboard is rapidly shifting.",
            "NATO has kept its partnership with\nBaku carefully calibrated for years.",
        ])
        #expect(try texts("Line one of a sentence\r\ncontinues here.") == ["Line one of a sentence\r\ncontinues here."])
    }

    @Test("headlines, list items and boilerplate lines are segments of their own")
    func hardLines() throws {
        #expect(try texts("Security Options for the South Caucasus\nBaku has choices. It uses them.") ==
            ["Security Options for the South Caucasus", "Baku has choices.", "It uses them."])
        #expect(try texts("Key points:\n- NATO and Baku met\n- The OCC was reviewed") ==
            ["Key points:", "- NATO and Baku met", "- The OCC was reviewed"])
        #expect(try texts("Must read\nBaku’s recent meeting was routine.") == ["Must read", "Baku’s recent meeting was routine."])
        #expect(try texts("It ended in a draw, they said,\n- Advertisement -spot_img\nand then left.") ==
            ["It ended in a draw, they said,", "- Advertisement -spot_img", "and then left."])
    }

    @Test("abbreviations, initials, acronyms and numbers do not end sentences")
    func noBreak() throws {
        #expect(try texts("Gen. Smith met Lt. Col. Jones at 5 p.m. on Sept. 3 in the U.S. capital.").count == 1)
        #expect(try texts("J. R. R. Tolkien wrote it, e.g. in 1937, i.e. long ago.").count == 1)
        #expect(try texts("Prices rose 3.5% to $1.2 bn, or €31.50 each, vs. last year.").count == 1)
        #expect(try texts("Am 3. Oktober feiert Deutschland.", "de").count == 1)
        #expect(try texts("1. Dünya Savaşı sona erdi.", "tr").count == 1)
        #expect(try texts("Prezident İ.Əliyev Bakıda çıxış etdi.", "az").count == 1)
    }

    @Test("such tokens do end a sentence before a new one")
    func breakAfterAbbreviation() throws {
        #expect(try texts("The talks were held in Washington, D.C. It lasted two days.") ==
            ["The talks were held in Washington, D.C.", "It lasted two days."])
        #expect(try texts("They built roads, railways, etc. It now goes further.") ==
            ["They built roads, railways, etc.", "It now goes further."])
        #expect(try texts("He hesitated… Then he signed.") == ["He hesitated…", "Then he signed."])
    }

    @Test("closing quotes and brackets stay with their sentence")
    func closers() throws {
        #expect(try texts("He said, “We will stay.” Then he left.") == ["He said, “We will stay.”", "Then he left."])
        #expect(try texts("(The OCC was reviewed.) NATO agreed.") == ["(The OCC was reviewed.)", "NATO agreed."])
    }

    @Test("explain reports every candidate with its rule")
    func explain() throws {
        let segmenter = try TestSupport.segmenter("en")
        var decisions: [Decision] = []
        segmenter.onDecision = { decisions.append($0) }
        _ = segmenter.segments(of: "Dr. Smith arrived. He spoke.")
        #expect(decisions.count == 2)
        #expect(decisions[0].isBreak == false && decisions[0].reason.contains("title") && decisions[0].byteOffset == 3)
        #expect(decisions[1].isBreak == true && decisions[1].reason.contains("ICU") && decisions[1].byteOffset == 18)
        #expect(decisions[1].before.hasSuffix("arrived.") && decisions[1].after.hasPrefix(" He"))
    }

    @Test("a language without rules falls back to ICU and says so")
    func fallback() throws {
        #expect(try TestSupport.segmenter("nl").rules.isFallback)
        #expect(try !TestSupport.segmenter("az-Latn-AZ").rules.isFallback)
        #expect(try TestSupport.segmenter("az-Latn-AZ").rules.language == "az")
        #expect(throws: SegmentationError.self) { try TestSupport.segmenter("not a tag") }
    }

    @Test("files stream paragraph by paragraph with the same result as in memory")
    func streaming() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A paragraph longer than the 1 MiB read size, CRLF line ends and multi-byte text.
        var text = "Başlıq\r\n\r\n"
        for i in 0..<30_000 { text += "Sentence \(i) is about Azərbaycan and NATO. " }
        text += "\r\n\r\n" + String(repeating: "Короткий абзац. Ещё одно предложение.\n\n", count: 20_000)
        let file = dir.appendingPathComponent("big.txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let segmenter = try TestSupport.segmenter("en")
        let inMemory = segmenter.segments(of: text).map { $0.range }
        var streamed: [Range<Int>] = []
        try segmenter.segment(path: file.path) { span, _ in streamed.append(span.range) }
        #expect(streamed.count == inMemory.count)
        #expect(streamed == inMemory)
    }

    @Test("invalid UTF-8 is reported with the byte offset before any segment")
    func invalidUTF8() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.txt")
        var bytes = Array("Good sentence. Another one.\n\n".utf8)
        let offset = bytes.count
        bytes += [0xC3, 0x28] + Array(" rest.".utf8)
        try Data(bytes).write(to: file)
        var seen = 0
        #expect(throws: SegmentationError.invalidUTF8(SourceLocation(file: file.path, byteOffset: offset))) {
            try TestSupport.segmenter("en").segment(path: file.path) { _, _ in seen += 1 }
        }
        #expect(seen == 0)
        #expect(throws: SegmentationError.self) {
            try TestSupport.segmenter("en").segment(path: dir.appendingPathComponent("missing.txt").path) { _, _ in }
        }
    }
}
