import Exchange
import Foundation
@testable import Jobs
import Segmentation
import Testing

@Suite("Article blocks: sentences with inline codes")
struct ArticleBlockTests {
    static let locales: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Locales").path
    }()

    static func segmenter() throws -> Segmenter { try Segmenter(language: "en", locales: LocaleData(path: locales)) }

    /// Pieces for HTML-like input: `<…>` runs are codes (opening unless they start with `</`, `<br` is a placeholder), `&amp;` an entity.
    static func block(_ html: String) -> (ArticleBlock, [UInt8]) {
        let bytes = Array(html.utf8)
        var pieces: [ArticleBlock.Piece] = []
        var i = 0, id = 0
        var open: [Int] = []
        var textStart = 0
        func flushText(_ end: Int) {
            if textStart < end { pieces.append(.text(String(decoding: bytes[textStart..<end], as: UTF8.self), textStart..<end)) }
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), let close = bytes[i...].firstIndex(of: UInt8(ascii: ">")) {
                flushText(i)
                let tag = String(decoding: bytes[i...close], as: UTF8.self)
                if tag.hasPrefix("</") {
                    pieces.append(.code(.close, id: open.popLast() ?? 0, i..<close + 1))
                } else if tag.hasPrefix("<br") {
                    id += 1
                    pieces.append(.code(.placeholder, id: id, i..<close + 1))
                } else {
                    id += 1
                    open.append(id)
                    pieces.append(.code(.open, id: id, i..<close + 1))
                }
                i = close + 1
                textStart = i
            } else if html.utf8.count >= i + 5, String(decoding: bytes[i..<min(i + 5, bytes.count)], as: UTF8.self) == "&amp;" {
                flushText(i)
                pieces.append(.text("&", i..<i + 5))
                i += 5
                textStart = i
            } else {
                i += 1
            }
        }
        flushText(bytes.count)
        return (ArticleBlock(pieces: pieces, isBoilerplate: false, isAttribute: false), bytes)
    }

    @Test("sentences keep their codes; closing codes stay with their sentence; ranges are exact")
    func sentences() throws {
        let html = "Baku met <b>NATO officials</b>. They talked about <a href=\"x\">the IPCP &amp; OCC.</a> Then <i>nothing</i> happened.<br>"
        let (block, bytes) = Self.block(html)
        let units = DocumentSource.units(blocks: [block], original: bytes, segmenter: try Self.segmenter())
        #expect(units.map(\.source.flattened) == [
            "Baku met <b>NATO officials</b>.",
            "They talked about <a href=\"x\">the IPCP & OCC.</a>",
            "Then <i>nothing</i> happened.<br>",
        ])
        #expect(units.map(\.source.text) == ["Baku met NATO officials.", "They talked about the IPCP & OCC.", "Then nothing happened."])
        for unit in units {
            // The range covers exactly the unit's markup in the original.
            let slice = String(decoding: bytes[unit.originalRange!], as: UTF8.self)
            #expect(slice == unit.source.flattened.replacingOccurrences(of: "IPCP & OCC", with: "IPCP &amp; OCC"))
        }
        #expect(units[1].source.codes.map(\.kind) == [.open, .close])
    }

    @Test("a sentence break inside a code pair leaves isolated codes on each side")
    func splitPair() throws {
        let (block, bytes) = Self.block("<b>First sentence here. Second one</b> ends.")
        let units = DocumentSource.units(blocks: [block], original: bytes, segmenter: try Self.segmenter())
        #expect(units.map(\.source.flattened) == ["<b>First sentence here.", "Second one</b> ends."])
    }

    @Test("HTML rendering escapes text and keeps codes; flat targets go in as they are")
    func render() {
        let target = Content(pieces: [.text("AT&T <x> "), .code(InlineCode(.open, id: "1", data: "<b>")), .text("Баку"), .code(InlineCode(.close, id: "1", data: "</b>"))])
        #expect(DocumentKind.html.render(target, codesKept: true) == "AT&amp;T &lt;x&gt; <b>Баку</b>")
        #expect(DocumentKind.html.render(Content("AT&T <b>Баку</b>"), codesKept: false) == "AT&T <b>Баку</b>")
        #expect(DocumentKind.markdown.render(target, codesKept: true) == "AT&T <x> <b>Баку</b>")
        #expect(DocumentKind(path: "a/b.HTM") == .html && DocumentKind(path: "notes.md") == .markdown && DocumentKind(path: "x.docx") == nil)
    }
}
