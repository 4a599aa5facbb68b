import BitextXML
import Testing

@Suite struct XMLEscapingTests {
    @Test func escapesText() {
        #expect(XMLEscaping.escapeText("a<b&c>d]]>e\r\nf\"g'\th") == "a&lt;b&amp;c&gt;d]]&gt;e&#13;\nf\"g'\th")
        #expect(XMLEscaping.escapeText("plain ə 😀") == "plain ə 😀")
    }

    @Test func escapesAttributeValues() {
        #expect(XMLEscaping.escapeAttribute("a<b&c>d\"e'f\tg\nh\ri") == "a&lt;b&amp;c&gt;d&quot;e'f&#9;g&#10;h&#13;i")
        #expect(XMLEscaping.escapeAttribute("") == "")
    }

    @Test func xml10CharBoundaries() {
        let allowed: [UInt32] = [0x9, 0xA, 0xD, 0x20, 0x7F, 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x10FFFF]
        let refused: [UInt32] = [0x0, 0x8, 0xB, 0xC, 0xE, 0x1F, 0xFFFE, 0xFFFF]
        for value in allowed { #expect(XMLEscaping.isXML10Char(Unicode.Scalar(value)!), "\(value)") }
        for value in refused { #expect(!XMLEscaping.isXML10Char(Unicode.Scalar(value)!), "\(value)") }
        #expect(XMLEscaping.isXML10String("ə😀\t"))
        #expect(!XMLEscaping.isXML10String("a\u{1}b"))
    }

    static let samples = [
        "", " ", "plain", "<", "&", ">", "]]>", "a]]>b]]]>", "<b>&amp;</b>", "\"double\" 'single'",
        "\t", "\n", "\r", "\r\n", "\n\r", "  lead and trail  ", "tab\there", "line1\r\nline2\rline3\nline4",
        "Azərbaycan dili: ə Ə ğ ı İ", "Русский текст", "emoji 😀🦔🇦🇿", "&lt; literally", "&#10;",
        "<![CDATA[ not cdata ]]>", "<!-- not a comment -->", "<?pi not a pi?>",
    ]

    static func roundTrip(_ value: String) throws -> (text: String, attribute: String) {
        let xml = "<r a=\"\(XMLEscaping.escapeAttribute(value))\">\(XMLEscaping.escapeText(value))</r>"
        var parser = XMLPullParser(string: xml)
        guard case let .startElement(_, attributes) = try parser.next() else { return ("", "") }
        var text = ""
        while let event = try parser.next() {
            if case let .text(piece, _) = event { text += piece }
        }
        return (text, attributes.value(of: "a") ?? "<missing>")
    }

    @Test(arguments: samples)
    func escapedStringsRoundTrip(_ sample: String) throws {
        let result = try Self.roundTrip(sample)
        #expect(result.text == sample)
        #expect(result.attribute == sample)
    }

    @Test func randomStringsRoundTrip() throws {
        let alphabet: [Character] = ["<", ">", "&", "]", "]", "\"", "'", "\t", "\n", "\r", " ", "a", "ə", "Ж", "😀",
                                     ";", "#", "x", "!", "-", "?", "\r\n"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<500 {
            var sample = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 58)
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                sample.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let result = try Self.roundTrip(sample)
            #expect(result.text == sample)
            #expect(result.attribute == sample)
        }
    }

    @Test func unescapedCarriageReturnsWouldNotRoundTrip() throws {
        var parser = XMLPullParser(string: "<r a=\"x\r\ny\">x\r\ny</r>")
        guard case let .startElement(_, attributes) = try parser.next() else {
            Issue.record("expected a start tag")
            return
        }
        #expect(attributes.value(of: "a") == "x y")
        #expect(try parser.next() == text("x\ny"))
    }
}
