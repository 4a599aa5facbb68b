import Testing
@testable import BitextMarkup

@Suite struct HTMLArticleTests {
    @Test func titleParagraphsAndInlineCodes() throws {
        let s = "<!DOCTYPE html><html><head><title>The &amp; Title</title></head><body><article>\n<h2 class=x>Head <i>line</i></h2>\n<p>\n  Some <b>bold</b>, <a href=\"https://x.org/?a=1&amp;b=2\" title=\"T\">a link</a><br>and\n  <span class=\"k\">more</span>&nbsp;text &#8217;&#x2019; &bogus; &amp x.\n</p></article></body></html>"
        let blocks = try html(s)
        #expect(blocks.map(\.role) == [.title, .heading(level: 2), .paragraph])
        #expect(render(blocks[0]) == "The & Title")
        #expect(blocks[0].pieces.compactMap(\.text) == ["The ", "&", " Title"])
        #expect(render(blocks[1]) == "Head {o1}line{c1}")
        #expect(render(blocks[2]) == "Some {o1}bold{c1}, {o2}a link{c2}{p3}and\n  {o4}more{c4}\u{A0}text ’’ &bogus; &amp x.")
        #expect(codes(blocks[2], s) == ["<b>", "</b>", "<a href=\"https://x.org/?a=1&amp;b=2\" title=\"T\">", "</a>", "<br>", "<span class=\"k\">", "</span>"])
    }

    @Test func listsTablesQuotesFigures() throws {
        let s = """
        <body><main><p>Intro paragraph with enough text.</p>
        <ul><li>One <em>item</em><ul><li>Nested</li></ul></li><li><p>Para in item</p></li></ul>
        <blockquote><p>Quoted</p></blockquote>
        <table><caption>Cap</caption><tr><th>H</th><td>Cell <b>1</b></td></tr></table>
        <figure><img src="a.jpg" alt="A &quot;photo&quot; of Baku"><figcaption>Caption <small>credit</small></figcaption></figure>
        <dl><dt>Term</dt><dd>Definition</dd></dl>
        <div>Loose text in a div</div>
        <pre>code block</pre>
        </main></body>
        """
        let blocks = try html(s)
        #expect(blocks.map(render) == ["Intro paragraph with enough text.", "One {o1}item{c1}", "Nested", "Para in item", "Quoted",
                                       "Cap", "H", "Cell {o1}1{c1}", "A \"photo\" of Baku", "Caption {o1}credit{c1}", "Term",
                                       "Definition", "Loose text in a div"])
        #expect(blocks.map(\.role) == [.paragraph, .listItem, .listItem, .listItem, .blockQuote, .caption, .tableCell, .tableCell,
                                       .attribute(name: "alt"), .caption, .listItem, .listItem, .paragraph])
        #expect(blocks[8].pieces.compactMap(\.text) == ["A ", "\"", "photo", "\"", " of Baku"])
    }

    @Test func articleOnlyAndBoilerplate() throws {
        let s = """
        <html><head><title>T</title><style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
        <body><header><nav><ul><li><a href="/">Home</a></li></ul></nav></header>
        <div class="sidebar"><p>Sidebar text that is fairly long, longer than anything.</p></div>
        <article><h1>Headline</h1>
        <div class="kicker"><span>Must read</span></div>
        <p>Real text one.</p>
        <div class="ad-slot"><span>Sponsored stuff here</span></div>
        <p>- Advertisement -</p>
        <div class="share-buttons"><a href="#">Facebook</a></div>
        <script>document.write("<p>x</p>")</script><noscript><p>Enable JS</p></noscript>
        <form><label>Email</label><input name=e></form>
        <p hidden>Hidden text</p>
        <p>Real text two, with an <img src="i.png" alt="inline icon"> icon.</p>
        </article>
        <div class="cookie-banner"><p>We use cookies.</p></div>
        <footer><p>Copyright</p></footer></body></html>
        """
        let blocks = try html(s)
        let real = blocks.filter { !$0.isBoilerplate }.map(render)
        let boiler = blocks.filter(\.isBoilerplate).map(render)
        #expect(real == ["T", "Headline", "Real text one.", "Real text two, with an {p1} icon."])
        #expect(boiler == ["Must read", "Sponsored stuff here", "- Advertisement -", "Facebook"])
    }

    @Test func fallbackRootWithoutArticle() throws {
        let s = "<body><div id=menu><a href=/>Home</a> <a href=/x>X</a></div><div class=content><p>First para.</p><p>Second para.</p></div><div class=footer>Footer</div></body>"
        let blocks = try html(s)
        #expect(blocks.map(render) == ["First para.", "Second para."])
    }

    @Test func malformedHTMLDoesNotCrash() throws {
        let inputs = [
            "<p>unclosed <b>bold <i>both\n<p>next para",
            "<p>a < b and c <= d and 3 <> 4 </p>",
            "<article><p>x</p><p>stray </span> end tag</b></p></article>",
            "<p>attr <a href=\"unterminated>text</a></p>",
            "<p>cut off <b",
            "<p><!-- comment --> text <!-- unterminated",
            "<html><body><p>one</body><p>after body</p></html>",
            "<table><tr><td>cell<p>para in cell</table>",
            "</p></p><p>x",
            "<p>a</ p><p>b</p>",
            "text without tags",
            "<title>A <b>t</b></title><p>x",
            "<p>a<textarea>b</p>c</textarea>d",
            "<div>x<p>y</div>z",
            "",
            "<",
            "<p>\u{FEFF}bom inside</p>",
            "\u{FEFF}<p>bom</p>",
            "<P CLASS=X>Upper <B>case</B></P>",
            "<p>a<br/>b<img src=x />c</p>",
            "<script>unterminated <p>x</p>",
            "<li>a<li>b<li>c",
        ]
        var skipped = 0
        for s in inputs {
            let b = bytes(s)
            let x = try HTMLArticle.extract(b)
            checkInvariants(x.blocks, b)
            skipped += x.skippedBlocks
        }
        #expect(skipped == 0)
        // Blocks that could not be located are counted, never guessed: libxml2 drops the invalid
        // character references here, which the bytes still hold.
        let cdata = try HTMLArticle.extract(bytes("<![CDATA[x]]><p>y</p>"))
        #expect(cdata.blocks.map(\.text) == ["y"] && cdata.skippedBlocks == 1)
        let dropped = try HTMLArticle.extract(bytes("<p>&#0; &#xD800; &#99999999999; &#; &"))
        #expect(dropped.blocks.isEmpty && dropped.skippedBlocks == 1)
        let unclosed = try HTMLArticle.blocks(bytes(inputs[0]))
        #expect(unclosed.map(render) == ["unclosed {p1}bold {p2}both", "next para"])
        let stray = try HTMLArticle.blocks(bytes(inputs[1]))
        #expect(stray.map(\.text) == ["a < b and c <= d and 3 <> 4"])
        let end = try HTMLArticle.blocks(bytes(inputs[2]))
        #expect(end.map(render) == ["x", "stray {p1} end tag"])
    }

    @Test func mutatedExampleKeepsInvariants() throws {
        let original = readExample("azerbaijan-nato.html")
        let inserts: [[UInt8]] = [Array("<".utf8), Array("</b>".utf8), Array("<i>".utf8), Array("&amp;".utf8), Array("\"".utf8), Array(">".utf8), Array("<!--".utf8)]
        for b in randomMutations(of: original, inserts: inserts, count: 60, seed: 0x9E37_79B9_7F4A_7C15) {
            let x = try HTMLArticle.extract(b)
            checkInvariants(x.blocks, b)
        }
    }

    @Test func invalidUTF8AndNULAreErrors() {
        let b: [UInt8] = Array("<p>ok</p>\n<p>".utf8) + [0xFF] + Array("</p>".utf8)
        #expect(throws: MarkupError(line: 2, column: 4, byteOffset: 13, message: "invalid UTF-8")) {
            try HTMLArticle.blocks(b)
        }
        #expect(throws: MarkupError.self) { try HTMLArticle.blocks(Array("<p>a\u{0}b</p>".utf8)) }
    }

    @Test func metaCharsetCannotSwitchEncoding() throws {
        let s = "<html><head><meta charset=\"iso-8859-1\"><title>Ünïcode</title></head><body><p>Çé ğ — 😀 text</p></body></html>"
        let blocks = try html(s)
        #expect(blocks.map(\.text) == ["Ünïcode", "Çé ğ — 😀 text"])
    }

    @Test func example() throws {
        let b = readExample("azerbaijan-nato.html")
        let x = try HTMLArticle.extract(b)
        #expect(x.skippedBlocks == 0)
        checkInvariants(x.blocks, b)
        let real = x.blocks.filter { !$0.isBoilerplate }
        let realText = squeeze(real.map(\.text).joined(separator: "\n"))
        let allText = squeeze(x.blocks.map(\.text).joined(separator: "\n"))

        // Every sentence of the article paragraphs of the plain-text version is in the translatable text.
        let txt = String(decoding: readExample("azerbaijan-nato.txt"), as: UTF8.self)
        let paragraphs = txt.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter { $0.utf8.count > 100 }
        #expect(paragraphs.count == 5)
        for para in paragraphs {
            var sentence = ""
            for ch in para {
                sentence.append(ch)
                if ch == "." || ch == ":" {
                    let t = squeeze(sentence)
                    if t.count > 3 { #expect(realText.contains(t), "missing: \(t)") }
                    sentence = ""
                }
            }
            let t = squeeze(sentence)
            if t.count > 3 { #expect(realText.contains(t), "missing: \(t)") }
        }
        #expect(x.blocks.first?.role == .title)
        #expect(real.contains { $0.role == .heading(level: 1) && $0.text == "Between Moscow and Brussels: Azerbaijan Expands Its Security Options" })
        #expect(real.contains { $0.role == .caption })
        #expect(real.contains { $0.role == .attribute(name: "alt") && $0.text.hasPrefix("NATO delegation") })
        // Site chrome is not translatable text.
        for chrome in ["Politics", "Contact us", "We use cookies", "All rights reserved", "Latest article",
                       "Baku Energy Week", "More articles", "Caspian Transit", "Privacy Policy", "logo", "not a paragraph",
                       "Must read", "Advertisement", "spot_img", "Stay Ahead", "straight to your inbox", "Facebook", "Subscribe", "Email"] {
            #expect(!realText.contains(chrome), "\(chrome) in translatable text")
        }
        // In-article boilerplate is extracted and flagged.
        let boiler = x.blocks.filter(\.isBoilerplate).map(\.text)
        #expect(boiler.contains("Must read"))
        #expect(boiler.contains("- Advertisement -"))
        #expect(boiler.contains("Stay Ahead with Azerbaijan.us"))
        #expect(allText.contains("Get exclusive translations, top stories, and analysis — straight to your inbox."))
        // Inline codes keep their exact tag bytes.
        let first = real.first { $0.text.hasPrefix("Baku’s recent meeting") }!
        #expect(codes(first, String(decoding: b, as: UTF8.self)) == ["<b>", "</b>", "<a href=\"https://www.nato.int/cps/en/natohq/topics_49111.htm\">", "</a>"])
        #expect(first.pieces.contains { $0.text == "’" && source(b, $0.range) == "&rsquo;" })
    }
}
