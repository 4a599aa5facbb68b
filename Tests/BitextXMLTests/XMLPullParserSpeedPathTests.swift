import BitextXML
import Testing

/// The fast paths: the token API against the event API, and the word-at-a-time text scanner at every alignment.
@Suite struct XMLPullParserSpeedPathTests {
    static let samples = [
        "Доминик Рааб: Правительство не может извиниться",
        "a Б c Д e Ё ж",
        "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ",
        "é\u{80}\u{7FF}ß x",
        "日本語のテキスト and Ελληνικά",
        "emoji 😀 Ж 😀",
        "tab\there\nline ] ]] > ok",
    ]

    @Test func twoByteTextAtEveryAlignment() throws {
        for sample in Self.samples {
            for shift in 0..<17 {
                let padding = String(repeating: "x", count: shift)
                let xml = "<r>\(padding)\(sample)</r>"
                #expect(try events(xml) == [start("r"), text(padding + sample), end("r")], "shift \(shift)")
                let attributed = "<r a='\(padding)'>\(padding)\(sample)&amp;\(sample)</r>"
                #expect(try events(attributed) == [start("r", [attribute("a", padding)]),
                                                   text(padding + sample + "&" + sample), end("r")])
            }
        }
    }

    @Test func badUTF8IsFoundAtEveryAlignment() {
        let bad: [[UInt8]] = [
            [0xD0],              // a lead byte followed by ASCII
            [0x80],              // a stray continuation byte
            [0xC0, 0x80],        // overlong
            [0xC1, 0xBF],        // overlong
            [0xD0, 0x96, 0x96],  // one continuation too many
            [0xE0, 0x80, 0x80],  // overlong three-byte
            [0xF8, 0x80],        // not UTF-8
        ]
        for sequence in bad {
            for shift in 0..<17 {
                for before in [[UInt8](), Array("Ж".utf8), Array("ЖЖЖ".utf8)] {
                    let prefix = Array("<r>".utf8) + Array(repeating: UInt8(ascii: "x"), count: shift) + before
                    let bytes = prefix + sequence + Array("abcdefghijЖЖЖЖЖЖ</r>".utf8)
                    let error = parseError(bytes: bytes)
                    #expect(error != nil, "\(sequence) shift \(shift)")
                    let expected = sequence == [0xD0, 0x96, 0x96] ? prefix.count + 2 : prefix.count
                    #expect(error?.byteOffset == expected, "\(sequence) shift \(shift): \(String(describing: error))")
                }
            }
        }
    }

    @Test func specialCharactersAfterTwoByteText() {
        for shift in 0..<17 {
            let padding = String(repeating: "Ж", count: shift)
            #expect(parseError("<r>\(padding)]]>x</r>")?.message.contains("']]>'") == true)
            #expect(parseError("<r>\(padding)&bogus;</r>")?.message.contains("unknown entity") == true)
            #expect(parseError("<r>\(padding)\u{1}</r>")?.message.contains("U+0001") == true)
        }
    }

    @Test func tokensMatchEvents() throws {
        let xml = """
            <?xml version="1.0"?>
            <!-- lead -->
            <x:doc xmlns:x="urn:x" xmlns="urn:d" xml:lang="EN" a="1 &amp; 2" b="t\tab">
              <?pi some data?>
              <item id="i1" x:flag="yes">Ж&lt;text<![CDATA[<raw>]]></item>
              <empty/>
              <![CDATA[only]]>
            </x:doc>
            """
        var eventParser = XMLPullParser(string: xml)
        var tokenParser = XMLPullParser(string: xml)
        while let event = try eventParser.next() {
            let token = try #require(try tokenParser.nextToken())
            switch event {
            case let .startElement(name, attributes):
                #expect(token == .startElement)
                #expect(tokenParser.name == name)
                #expect(tokenParser.localName == name.localName)
                #expect(tokenParser.attributes == attributes)
                for attribute in attributes {
                    #expect(tokenParser.attribute(attribute.name.localName, namespaceURI: attribute.name.namespaceURI)
                            == attribute.value)
                }
                #expect(tokenParser.xmlLang == attributes.value(of: "lang", namespaceURI: XMLName.xmlNamespace))
            case let .endElement(name):
                #expect(token == .endElement)
                #expect(tokenParser.name == name)
            case let .text(string, isCDATA):
                #expect(token == .text)
                #expect(tokenParser.text == string)
                #expect(tokenParser.isCDATA == isCDATA)
            case let .comment(string):
                #expect(token == .comment)
                #expect(tokenParser.text == string)
            case let .processingInstruction(target, data):
                #expect(token == .processingInstruction)
                #expect(tokenParser.processingInstructionTarget == target)
                #expect(tokenParser.text == data)
            }
            #expect(tokenParser.line == eventParser.line && tokenParser.column == eventParser.column)
        }
        #expect(try tokenParser.nextToken() == nil)
    }

    @Test func staticAttributeLookup() throws {
        var parser = XMLPullParser(string: "<r xmlns='urn:d' xmlns:p='urn:p' id='a&amp;b' p:id='2' type='t'/>")
        #expect(try parser.nextToken() == .startElement)
        #expect(parser.attribute("id") == "a&b")
        #expect(parser.attribute("type") == "t")
        #expect(parser.attribute("xmlns") == nil)
        #expect(parser.attribute("missing") == nil)
        #expect(parser.attribute("id", namespaceURI: "urn:p") == "2")
        #expect(parser.attribute("xmlns", namespaceURI: XMLName.xmlnsNamespace) == "urn:d")
        #expect(parser.xmlLang == nil)
        #expect(try parser.nextToken() == .endElement)
        #expect(try parser.nextToken() == nil)
    }
}
