import Testing
@testable import BitextMarkup

@Suite struct MarkdownArticleTests {
    @Test func headingsAndParagraphs() throws {
        let s = "# Title here ##\n\nSetext *head*\n===\n\nA paragraph\nwith a soft break.\n"
        let blocks = try md(s)
        #expect(blocks.map(\.role) == [.heading(level: 1), .heading(level: 1), .paragraph])
        #expect(render(blocks[0]) == "Title here")
        #expect(render(blocks[1]) == "Setext {o1}head{c1}")
        #expect(render(blocks[2]) == "A paragraph\nwith a soft break.")
        #expect(blocks[2].pieces.count == 1)
    }

    @Test func emphasisStrongAndLinks() throws {
        let s = "Some **bold** and _em_ with [a *link*](https://x.org/a_(b) \"T\") and [ref][r] and [r].\n\n[r]: /url\n"
        let blocks = try md(s)
        #expect(blocks.count == 1)
        #expect(render(blocks[0]) == "Some {o1}bold{c1} and {o2}em{c2} with {o3}a {o4}link{c4}{c3} and {o5}ref{c5} and {o6}r{c6}.")
        #expect(codes(blocks[0], s) == ["**", "**", "_", "_", "[", "*", "*", "](https://x.org/a_(b) \"T\")", "[", "][r]", "[", "]"])
    }

    @Test func inlineCodeHTMLAutolinkAndHardBreak() throws {
        let s = "Run `make  test` now, see <b>this</b> at <https://a.b/c>  \nnext\\\nlast"
        let blocks = try md(s)
        #expect(render(blocks[0]) == "Run {p1} now, see {p2}this{p3} at {p4}{p5}next{p6}last")
        #expect(codes(blocks[0], s) == ["`make  test`", "<b>", "</b>", "<https://a.b/c>", "  \n", "\\\n"])
    }

    @Test func escapesAndEntities() throws {
        let s = "5 \\* 3 &amp; caf&eacute; &#8217; &bogus; \\a\n"
        let blocks = try md(s)
        let texts = blocks[0].pieces.compactMap(\.text)
        #expect(texts == ["5 ", "*", " 3 ", "&", " caf", "é", " ", "’", " &bogus; \\a"])
        #expect(blocks[0].text == "5 * 3 & café ’ &bogus; \\a")
    }

    @Test func listsAndQuotes() throws {
        let s = "- one\n  continued\n- two\n  - nested\n\n1. first\n\n> quoted *text*\n> more\nlazy\n\n> > deep\n> > er\n"
        let blocks = try md(s)
        #expect(blocks.map(\.role) == [.listItem, .listItem, .listItem, .listItem, .blockQuote, .blockQuote])
        #expect(blocks.map(render) == ["one\n  continued", "two", "nested", "first",
                                       "quoted {o1}text{c1}\n{p2}more\nlazy", "deep\n{p1}er"])
        #expect(codes(blocks[4], s) == ["*", "*", "> "])
        #expect(codes(blocks[5], s) == ["> > "])
    }

    @Test func skipsCodeHTMLBlocksAndFrontMatter() throws {
        let s = "---\ntitle: x\nlist: [a, b]\n---\n\n```swift\nlet x = 1\n```\n\n    indented code\n\n<div>\nhtml block\n</div>\n\n---\n\nText.\n"
        let blocks = try md(s)
        #expect(blocks.map(render) == ["Text."])
        #expect(MarkdownArticle.frontMatterEnd(bytes(s)) == 30)
        #expect(MarkdownArticle.frontMatterEnd(bytes("---\nno end\n")) == 0)
        #expect(MarkdownArticle.frontMatterEnd(bytes("text\n---\n")) == 0)
    }

    @Test func imagesAndReferenceDefinitions() throws {
        let s = "[r]: /u\n[s]: /v\nAfter *defs* and ![icon](i.png) inline.\n\n![Alt *text*](big.png \"t\")\n"
        let blocks = try md(s)
        #expect(blocks.map(render) == ["After {o1}defs{c1} and {p2} inline.", "Alt {o1}text{c1}"])
        #expect(blocks[1].role == .attribute(name: "alt"))
        #expect(codes(blocks[0], s)[2] == "![icon](i.png)")
    }

    @Test func crlfTablesAndTabs() throws {
        let s = "Para one\r\nline two\r\n\r\n| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n\r\n-\tTabbed item\r\n"
        let blocks = try md(s)
        #expect(blocks.map(render) == ["Para one\r\nline two", "| a | b |\r\n|---|---|\r\n| 1 | 2 |", "Tabbed item"])
    }

    @Test func invalidUTF8IsAnError() {
        let b: [UInt8] = Array("ok\nbad ".utf8) + [0xC3, 0x28]
        #expect(throws: MarkupError(line: 2, column: 5, byteOffset: 7, message: "invalid UTF-8")) {
            try MarkdownArticle.blocks(b)
        }
    }

    @Test func odditiesDoNotCrash() throws {
        for s in ["", "\n\n", "#", "*", "[", "a\u{0}b", "***a***", "**a*", "[a](", "` x", "> ", "- ", "<b>", "&", "\\"] {
            let b = bytes(s)
            let x = try MarkdownArticle.extract(b)
            checkInvariants(x.blocks, b)
        }
    }

    @Test func mutatedExampleKeepsInvariants() throws {
        let original = readExample("azerbaijan-nato.md")
        let inserts: [[UInt8]] = [Array("*".utf8), Array("**".utf8), Array("[".utf8), Array("](x)".utf8), Array("`".utf8), Array("\\".utf8), Array("&amp;".utf8), Array("\n> ".utf8), Array("  \n".utf8), Array("<b>".utf8)]
        for b in randomMutations(of: original, inserts: inserts, count: 60, seed: 0x2545_F491_4F6C_DD1D) {
            let x = try MarkdownArticle.extract(b)
            #expect(x.skippedBlocks == 0, "\(String(decoding: b, as: UTF8.self))")
            checkInvariants(x.blocks, b)
        }
    }

    @Test func example() throws {
        let b = readExample("azerbaijan-nato.md")
        let x = try MarkdownArticle.extract(b)
        #expect(x.skippedBlocks == 0)
        checkInvariants(x.blocks, b)
        #expect(x.blocks.first?.role == .heading(level: 1))
        #expect(!x.blocks.contains { $0.text.contains("Editorial Team\n") || $0.text.contains("tags:") })
        let roles = x.blocks.map(\.role)
        #expect(roles.contains(.listItem) && roles.contains(.blockQuote) && roles.contains(.attribute(name: "alt")))
        let all = squeeze(x.blocks.map(\.text).joined(separator: " "))
        #expect(all.contains("carefully calibrated—neither fully embracing"))
        #expect(all.contains("such choices are themselves power."))
    }
}
