import BitextXML
import Testing

@Suite struct XMLPullParserSecurityTests {
    @Test func billionLaughsIsRefusedAsADTD() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <lolz>&lol9;</lolz>
            """
        let error = try #require(parseError(xml))
        #expect(error.message.hasPrefix("DTDs are not allowed"))
        #expect(error.line == 2 && error.column == 1)
    }

    @Test func externalEntityIsRefusedAsADTD() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <foo>&xxe;</foo>
            """
        let error = try #require(parseError(xml))
        #expect(error.message.hasPrefix("DTDs are not allowed"))
        #expect("\(error.line):\(error.column)" == "2:1")
    }

    @Test func externalDTDIsIgnoredNotFetched() throws {
        // TBX 2008 files name their DTD; it is skipped, never read, so it can define nothing.
        let xml = "<!DOCTYPE martif SYSTEM \"file:///nonexistent/TBXcoreStructV02.dtd\">\n<martif>&lt;</martif>"
        var parser = XMLPullParser(string: xml)
        guard case let .startElement(name, _) = try parser.next() else {
            Issue.record("expected the root element")
            return
        }
        #expect(name.localName == "martif")
        #expect(try parser.next() == .text("<", isCDATA: false))
        let withEntity = try #require(parseError("<!DOCTYPE a PUBLIC \"-//X//EN\" \"a.dtd\"><a>&nbsp;</a>"))
        #expect(withEntity.message == "unknown entity '&nbsp;'")
    }

    @Test func doctypeInsideContentIsRefused() throws {
        let error = try #require(parseError("<a>\n<!DOCTYPE a></a>"))
        #expect(error.message.hasPrefix("'<!DOCTYPE' is only allowed once, before the root element"))
        #expect(error.line == 2 && error.column == 1)
        let twice = try #require(parseError("<!DOCTYPE a SYSTEM 'a.dtd'>\n<!DOCTYPE a SYSTEM 'a.dtd'><a/>"))
        #expect(twice.line == 2 && twice.column == 1)
        let unterminated = try #require(parseError("<!DOCTYPE a SYSTEM 'a.dtd'"))
        #expect(unterminated.message.hasPrefix("unterminated '<!DOCTYPE'"))
    }

    @Test func entityReferencesWithoutADTDAreUnknown() throws {
        let error = try #require(parseError("<foo>&xxe;</foo>"))
        #expect(error.message == "unknown entity '&xxe;'")
    }

    @Test func manyAttributesAreCheckedForDuplicatesWithoutQuadraticWork() throws {
        let count = 20_000
        let attributes = (0..<count).map { "a\($0)='\($0)'" }.joined(separator: " ")
        var parser = XMLPullParser(string: "<r \(attributes)/>")
        parser.limits = .unlimited
        guard case let .startElement(_, parsed) = try parser.next() else {
            Issue.record("expected a start tag")
            return
        }
        #expect(parsed.count == count)
        #expect(parsed.last == attribute("a\(count - 1)", "\(count - 1)"))
        var again = XMLPullParser(string: "<r \(attributes) a17='again'/>")
        again.limits = .unlimited
        let error = try #require(throws: XMLError.self) { _ = try again.next() }
        #expect(error.message == "duplicate attribute 'a17'")
        // With the standard limits the same tag is refused for its size first.
        #expect(parseError("<r \(attributes)/>")?.message == "more than 1024 attributes on one element")
    }
}
