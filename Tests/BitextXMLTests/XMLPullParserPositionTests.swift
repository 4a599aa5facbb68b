import BitextXML
import Testing

@Suite struct XMLPullParserPositionTests {
    /// Line and column of a byte offset, counted the slow and obvious way.
    static func naivePosition(_ bytes: [UInt8], _ offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < offset {
            let byte = bytes[index]
            if byte == 0x0D {
                line += 1
                column = 1
                if index + 1 < offset && bytes[index + 1] == 0x0A { index += 1 }
            } else if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    static func checkPositions(_ bytes: [UInt8]) throws {
        var parser = XMLPullParser(bytes: bytes)
        var count = 0
        while try parser.next() != nil {
            let (line, column) = naivePosition(bytes, parser.byteOffset)
            #expect("\(parser.line):\(parser.column)" == "\(line):\(column)", "event \(count) at byte \(parser.byteOffset)")
            count += 1
        }
        #expect(count > 0)
    }

    @Test func positionsMatchANaiveCountOnTheStreamingDocument() throws {
        try Self.checkPositions(XMLPullParserStreamingTests.document)
    }

    @Test func positionsMatchANaiveCountOnGeneratedDocuments() throws {
        let pieces = ["\n", "\r\n", "\r", "\t", " ", "  ", "a", "ab", "abcdefghij", "ə", "Жж", "😀", "日本語", "&amp;",
                      "<e/>", "<e a='1'\n b=\"ə\"/>", "<!-- c\r\n -->", "<?p d?>", "<![CDATA[x\ny]]>", "<f>t</f>"]
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        for _ in 0..<200 {
            var xml = "<r>"
            for _ in 0..<40 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                xml += pieces[Int(state >> 33) % pieces.count]
            }
            xml += "</r>"
            try Self.checkPositions(Array(xml.utf8))
        }
    }

    @Test func errorPositionsMatchANaiveCount() throws {
        let bytes = Array("<r>\r\n\tЖ😀 ə\r\rabc\n<a>\t日本語 x &bad; y</a></r>".utf8)
        let error = try #require(parseError(bytes: bytes))
        let (line, column) = Self.naivePosition(bytes, error.byteOffset)
        #expect(error.message == "unknown entity '&bad;'")
        #expect("\(error.line):\(error.column)" == "\(line):\(column)")
        #expect("\(error.line):\(error.column)" == "5:11")
    }
}
