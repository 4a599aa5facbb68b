import BitextXML
import Testing

@Suite struct XMLPullParserTests {
    @Test func simpleDocument() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root><a>hi</a><b/><c></c></root>\n"
        #expect(try events(xml) == [
            start("root"), start("a"), text("hi"), end("a"), start("b"), end("b"), start("c"), end("c"), end("root"),
        ])
    }

    @Test func declarationVariantsAreAccepted() throws {
        for declaration in ["", "<?xml version=\"1.0\"?>", "<?xml version='1.0' encoding='utf-8'?>",
                            "<?xml version=\"1.1\" encoding=\"UTF-8\" standalone=\"yes\" ?>",
                            "<?xml version=\"1.0\" standalone='no'?>"] {
            #expect(try events(declaration + "<r/>") == [start("r"), end("r")], "\(declaration)")
        }
    }

    @Test func eventPositionsCountLinesAndScalars() throws {
        let xml = "<r>\n  <ы a=\"1\">Привет</ы><!--c-->\r\n\t<?pi x?></r>"
        var parser = XMLPullParser(string: xml)
        let located = try locatedEvents(&parser)
        #expect(located.map(\.event) == [
            start("r"), text("\n  "), start("ы", [attribute("a", "1")]), text("Привет"), end("ы"), .comment("c"),
            text("\n\t"), .processingInstruction(target: "pi", data: "x"), end("r"),
        ])
        #expect(located.map { "\($0.line):\($0.column)@\($0.byteOffset)" } == [
            "1:1@0", "1:4@3", "2:3@6", "2:12@16", "2:18@28", "2:22@33", "2:30@41", "3:2@44", "3:10@52",
        ])
    }

    @Test func selfClosingEndHasTheStartTagsPosition() throws {
        var parser = XMLPullParser(string: "<r>\n <e/></r>")
        _ = try parser.next()
        _ = try parser.next()
        #expect(try parser.next() == start("e"))
        #expect(parser.line == 2 && parser.column == 2)
        #expect(try parser.next() == end("e"))
        #expect(parser.line == 2 && parser.column == 2 && parser.byteOffset == 5)
        #expect(parser.depth == 1)
    }

    @Test func depthFollowsNesting() throws {
        var parser = XMLPullParser(string: "<a><b><c/></b></a>")
        var depths: [Int] = []
        while try parser.next() != nil { depths.append(parser.depth) }
        #expect(depths == [1, 2, 3, 2, 1, 0])
    }

    @Test func attributesKeepOrderAndQuotes() throws {
        let xml = "<r id='7' b=\"x'y\" c='x\"y' empty=\"\" e = \"&lt;&amp;&gt;\"/>"
        #expect(try events(xml) == [
            start("r", [attribute("id", "7"), attribute("b", "x'y"), attribute("c", "x\"y"),
                        attribute("empty", ""), attribute("e", "<&>")]),
            end("r"),
        ])
    }

    @Test func attributeValuesAreNormalised() throws {
        let xml = "<r a=\"x\ty\nz\r\nw\rv\" b=\"&#9;&#10;&#13;&#x20;\" c=\"  two  spaces  \"/>"
        let result = try events(xml)
        #expect(result.first == start("r", [
            attribute("a", "x y z w v"), attribute("b", "\t\n\r "), attribute("c", "  two  spaces  "),
        ]))
    }

    @Test func attributeLookupHelper() throws {
        let result = try events("<r xmlns:p='urn:p' id='1' p:id='2'/>")
        guard case let .startElement(_, attributes) = result.first else {
            Issue.record("no start element")
            return
        }
        #expect(attributes.value(of: "id") == "1")
        #expect(attributes.value(of: "id", namespaceURI: "urn:p") == "2")
        #expect(attributes.value(of: "missing") == nil)
    }

    @Test func defaultNamespace() throws {
        let xml = "<root xmlns=\"urn:a\" x=\"1\"><child/></root>"
        #expect(try events(xml) == [
            start("root", [attribute("xmlns", "urn:a", XMLName.xmlnsNamespace), attribute("x", "1")], "urn:a"),
            start("child", [], "urn:a"), end("child", "urn:a"),
            end("root", "urn:a"),
        ])
    }

    @Test func prefixedNamespaces() throws {
        let xml = "<x:root xmlns:x=\"urn:x\" x:attr=\"1\" plain=\"2\"><x:child/><other/></x:root>"
        #expect(try events(xml) == [
            start("root", [attribute("x", "urn:x", XMLName.xmlnsNamespace, prefix: "xmlns"),
                           attribute("attr", "1", "urn:x", prefix: "x"), attribute("plain", "2")],
                  "urn:x", prefix: "x"),
            start("child", [], "urn:x", prefix: "x"), end("child", "urn:x", prefix: "x"),
            start("other"), end("other"),
            end("root", "urn:x", prefix: "x"),
        ])
    }

    @Test func declarationsApplyToTheirOwnTagWhateverTheOrder() throws {
        let result = try events("<p:a p:x='1' xmlns:p='urn:p'/>")
        #expect(result.first == start("a", [attribute("x", "1", "urn:p", prefix: "p"),
                                            attribute("p", "urn:p", XMLName.xmlnsNamespace, prefix: "xmlns")],
                                      "urn:p", prefix: "p"))
    }

    @Test func namespaceScopingAndRedeclaration() throws {
        let xml = """
            <a xmlns="urn:1" xmlns:p="urn:p1"><b xmlns="urn:2" xmlns:p="urn:p2"><p:c/><d xmlns=""/></b><p:e/><f/></a>
            """
        let names = try events(xml).compactMap { event -> String? in
            guard case let .startElement(name, _) = event else { return nil }
            return "\(name.qualifiedName)=\(name.namespaceURI ?? "none")"
        }
        #expect(names == ["a=urn:1", "b=urn:2", "p:c=urn:p2", "d=none", "p:e=urn:p1", "f=urn:1"])
        let ends = try events(xml).compactMap { event -> String? in
            guard case let .endElement(name) = event else { return nil }
            return "\(name.qualifiedName)=\(name.namespaceURI ?? "none")"
        }
        #expect(ends == ["p:c=urn:p2", "d=none", "b=urn:2", "p:e=urn:p1", "f=urn:1", "a=urn:1"])
    }

    @Test func xmlPrefixIsPredefined() throws {
        let result = try events("<r xml:lang=\"az\" xml:space='preserve'/>")
        #expect(result.first == start("r", [attribute("lang", "az", XMLName.xmlNamespace, prefix: "xml"),
                                            attribute("space", "preserve", XMLName.xmlNamespace, prefix: "xml")]))
        #expect(try events("<r xmlns:xml='http://www.w3.org/XML/1998/namespace'/>").count == 2)
    }

    @Test func entitiesAndCharacterReferences() throws {
        let xml = "<r>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&#601;&#x4B8;&#0000000067;</r>"
        #expect(try events(xml) == [start("r"), text("<>&\"'AB😀əҸC"), end("r")])
    }

    @Test func cdataIsDeliveredVerbatim() throws {
        #expect(try events("<r><![CDATA[<b>&amp;</b> ]] ]>]]></r>") == [
            start("r"), text("<b>&amp;</b> ]] ]>", cdata: true), end("r"),
        ])
        #expect(try events("<r><![CDATA[]]></r>") == [start("r"), text("", cdata: true), end("r")])
        #expect(try events("<r><![CDATA[a]]]]><![CDATA[>b]]></r>") == [start("r"), text("a]]>b", cdata: true), end("r")])
    }

    @Test func characterDataIsMergedUpToTheNextMarkup() throws {
        #expect(try events("<r>a &amp; <![CDATA[<b>]]> c\r\nd<x/>e<!--c-->f<?p?>g</r>") == [
            start("r"), text("a & <b> c\nd"), start("x"), end("x"), text("e"), .comment("c"), text("f"),
            .processingInstruction(target: "p", data: ""), text("g"), end("r"),
        ])
    }

    @Test func commentsAndProcessingInstructions() throws {
        let xml = "<?xml version=\"1.0\"?><!-- head --><?style href=\"a.css\"  ?><r><!----><?empty?><?t  x\r\ny?></r><!--tail-->"
        #expect(try events(xml) == [
            .comment(" head "), .processingInstruction(target: "style", data: "href=\"a.css\"  "),
            start("r"), .comment(""), .processingInstruction(target: "empty", data: ""),
            .processingInstruction(target: "t", data: "x\ny"), end("r"), .comment("tail"),
        ])
        #expect(try events("<r><?xml-stylesheet a?><!-- a - b <c> & --></r>") == [
            start("r"), .processingInstruction(target: "xml-stylesheet", data: "a"), .comment(" a - b <c> & "), end("r"),
        ])
    }

    @Test func lineEndsAreNormalised() throws {
        let xml = "<r a=\"1\r\n2\">x\r\ny\rz\n\r\n<![CDATA[c\r\nd\re]]><!--m\r\nn\ro--></r>"
        #expect(try events(xml) == [
            start("r", [attribute("a", "1 2")]), text("x\ny\nz\n\nc\nd\ne"), .comment("m\nn\no"), end("r"),
        ])
        #expect(try events("<r>&#13;&#10;\r</r>") == [start("r"), text("\r\n\n"), end("r")])
    }

    @Test func whitespaceIsPreservedInsideTheRootOnly() throws {
        let xml = "\n \t<r>  <a> x  y </a>\n\t<b>\n</b>   </r>\n  \n"
        #expect(try events(xml) == [
            start("r"), text("  "), start("a"), text(" x  y "), end("a"), text("\n\t"), start("b"), text("\n"),
            end("b"), text("   "), end("r"),
        ])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        var parser = XMLPullParser(bytes: [0xEF, 0xBB, 0xBF] + Array("<?xml version='1.0'?><r>é</r>".utf8))
        #expect(try parser.next() == start("r"))
        #expect(parser.line == 1 && parser.column == 22 && parser.byteOffset == 24)
        #expect(try parser.next() == text("é"))
    }

    @Test func textMayContainGreaterThanAndBrackets() throws {
        #expect(try events("<r>a > b ]] ]>]</r>") == [start("r"), text("a > b ]] ]>]"), end("r")])
    }

    @Test func nonASCIINamesAreAccepted() throws {
        #expect(try events("<документ ə_1.x-y='2'><日本:語 xmlns:日本='urn:jp'/></документ>") == [
            start("документ", [attribute("ə_1.x-y", "2")]),
            start("語", [attribute("日本", "urn:jp", XMLName.xmlnsNamespace, prefix: "xmlns")], "urn:jp", prefix: "日本"),
            end("語", "urn:jp", prefix: "日本"), end("документ"),
        ])
    }

    @Test func namesOfEveryLengthSurviveTheNameCache() throws {
        let names = (1...24).map { length in String("abcdefghijklmnopqrstuvwxyz".prefix(length)) }
        var xml = "<r xmlns:p='urn:p'>"
        for name in names { xml += "<\(name) \(name)='1'/><p:\(name) p:\(name)='2'/>" }
        xml += "</r>"
        var expected: [XMLEvent] = [start("r", [attribute("p", "urn:p", XMLName.xmlnsNamespace, prefix: "xmlns")])]
        for name in names {
            expected += [start(name, [attribute(name, "1")]), end(name),
                         start(name, [attribute(name, "2", "urn:p", prefix: "p")], "urn:p", prefix: "p"),
                         end(name, "urn:p", prefix: "p")]
        }
        expected.append(end("r"))
        #expect(try events(xml) == expected)
    }

    @Test func endOfDocumentIsSticky() throws {
        var parser = XMLPullParser(string: "<r/>")
        #expect(try parser.next() == start("r"))
        #expect(try parser.next() == end("r"))
        #expect(try parser.next() == nil)
        #expect(try parser.next() == nil)
    }

    @Test func deepNestingDoesNotRecurse() throws {
        let depth = 100_000
        let xml = String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
        var parser = XMLPullParser(string: xml)
        parser.limits = .unlimited
        var count = 0
        var deepest = 0
        while try parser.next() != nil {
            count += 1
            deepest = max(deepest, parser.depth)
        }
        #expect(count == 2 * depth + 1)
        #expect(deepest == depth)
    }

    @Test func qualifiedNameDescription() {
        #expect(XMLName("a", namespaceURI: "u", prefix: "p").qualifiedName == "p:a")
        #expect(XMLName("a").description == "a")
        #expect(XMLName("a", namespaceURI: "u", prefix: "p").matches("a", namespaceURI: "u"))
        #expect(!XMLName("a", namespaceURI: "u", prefix: "p").matches("a", namespaceURI: nil))
    }
}
