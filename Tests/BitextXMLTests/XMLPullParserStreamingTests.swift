@testable import BitextXML
import Foundation
import Testing

@Suite struct XMLPullParserStreamingTests {
    static let chunkSizes = [1, 2, 3, 4, 5, 7, 13, 64, 4096]

    static let document: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("""
        <?xml version="1.0" encoding="UTF-8"?>\r
        <!-- Пролог: ə, 😀, 日本語 -->
        <?bitext mode="тест" ə="😀"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:ы="urn:ы" version="2.0" srcLang="az" trgLang="ru">\r
          <file id="f1" ы:note="Ağ &amp; qara &#x1F600;\tтаб\r\nnext">\r\r
            <unit id="u1">
              <segment>
                <source xml:space="preserve">Salam, dünya! Əlifba: ə Ə ğ ş ç ö ü ı İ 😀🇦🇿 — &lt;tag&gt; &#601;&#x259;</source>
                <target>Привет, мир! Ёжик в тумане 🦔 ]] ]> ]]]</target>
              </segment>
            </unit>
            <unit id="u2"><segment><source><![CDATA[<b>жирный</b> & 😀]]>хвост<![CDATA[ ]]]]></source>\
        <target>a<ы:x ы:y='ə'/>b<!-- к -->c<?pi данные?>d</target></segment></unit>
          </file>
        </xliff>
        <!-- эпилог 🦔 -->\r\n
        """.utf8)

    static func temporaryFile(_ bytes: [UInt8], name: String = #function) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("bitext-xml-\(ProcessInfo.processInfo.processIdentifier)-\(name.filter { $0.isLetter || $0.isNumber }).xml")
            .path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    static func outcome(_ parser: inout XMLPullParser) -> ([LocatedEvent], XMLError?) {
        var result: [LocatedEvent] = []
        do {
            while let event = try parser.next() {
                result.append(LocatedEvent(event: event, line: parser.line, column: parser.column,
                                           byteOffset: parser.byteOffset))
                if result.count > 10_000 {
                    Issue.record("runaway parse: more than 10000 events")
                    break
                }
            }
            return (result, nil)
        } catch {
            return (result, error)
        }
    }

    @Test func wholeBufferParseIsAsExpected() throws {
        var parser = XMLPullParser(bytes: Self.document)
        let (located, error) = Self.outcome(&parser)
        #expect(error == nil)
        let texts = located.compactMap { entry -> String? in
            if case let .text(string, _) = entry.event { return string }
            return nil
        }
        #expect(texts.contains("Salam, dünya! Əlifba: ə Ə ğ ş ç ö ü ı İ 😀🇦🇿 — <tag> əə"))
        #expect(texts.contains("Привет, мир! Ёжик в тумане 🦔 ]] ]> ]]]"))
        #expect(texts.contains("<b>жирный</b> & 😀хвост ]]"))
        #expect(located.contains { $0.event == .comment(" эпилог 🦔 ") })
        #expect(located.contains { $0.event == .processingInstruction(target: "bitext", data: "mode=\"тест\" ə=\"😀\"") })
        #expect(located.contains {
            $0.event == start("file", [attribute("id", "f1"), attribute("note", "Ağ & qara 😀 таб next", "urn:ы", prefix: "ы")],
                              "urn:oasis:names:tc:xliff:document:2.0")
        })
        let target = try #require(located.first { $0.event == start("target", [], "urn:oasis:names:tc:xliff:document:2.0") })
        #expect(target.line == 11)
        #expect(located.count > 40)
    }

    @Test(arguments: chunkSizes)
    func tinyChunksGiveTheSameEventsAndPositions(_ chunkSize: Int) throws {
        var whole = XMLPullParser(bytes: Self.document)
        let expected = Self.outcome(&whole)
        let path = try Self.temporaryFile(Self.document, name: "doc\(chunkSize)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var streamed = try XMLPullParser(path: path, chunkSize: chunkSize)
        let actual = Self.outcome(&streamed)
        #expect(actual.1 == nil)
        #expect(actual.0 == expected.0)
    }

    static let brokenDocuments: [[UInt8]] = [
        Array("<r>\nПривет ".utf8) + [0xE2, 0x28, 0xA1] + Array("</r>".utf8),
        Array("<r a='ə'>ə😀".utf8) + [0xF0, 0x9F, 0x98] + Array("</r>".utf8),
        Array("<r><ы>😀😀</ы>\r\n</r\n></r>".utf8),
        Array("<r>ə]]>".utf8),
        Array("<r>\r\n<ы ə='1' ə='2'/></r>".utf8),
        Array("<r><!-- 😀 -- --></r>".utf8),
        Array("<r><![CDATA[ə]]".utf8),
        Array("<r>\n<a>ə😀 &unknown; x</a></r>".utf8),
        Array("<r>\n<a>ə😀 &#xFFFE; x</a></r>".utf8),
        Array("<r>\n<a>ə😀 ".utf8) + [0xED, 0xBF, 0xBF],
        Array("<r>\n<a>ə😀 ".utf8) + [0xF0, 0x9F],
    ]

    @Test(arguments: chunkSizes)
    func tinyChunksReportTheSameErrors(_ chunkSize: Int) throws {
        for (index, bytes) in Self.brokenDocuments.enumerated() {
            var whole = XMLPullParser(bytes: bytes, sourceName: "x")
            let expected = Self.outcome(&whole)
            #expect(expected.1 != nil, "document \(index) should fail")
            let path = try Self.temporaryFile(bytes, name: "broken\(chunkSize)")
            defer { try? FileManager.default.removeItem(atPath: path) }
            var streamed = try XMLPullParser(path: path, chunkSize: chunkSize)
            var actual = Self.outcome(&streamed)
            actual.1?.source = "x"
            #expect(actual.0 == expected.0, "document \(index)")
            #expect(actual.1 == expected.1, "document \(index)")
        }
    }

    static let unclosedDocuments: [[UInt8]] = [
        Array("<r>\n  <a>\n    <ы>😀 text\n    </a>\n</r>".utf8),
        Array("<r>\r\n<a x='ə'>\r\n<b>\r\n<c/>ə😀ə😀ə😀ə😀ə😀ə😀ə😀ə😀\r\n".utf8),
        Array(("<r>\n<deep>" + String(repeating: "ə😀 Жж text ", count: 50) + "\n</deeper></r>").utf8),
    ]

    @Test(arguments: [1, 3, 7, 64, 4096])
    func errorsDoNotDependOnWhetherPositionsWereAskedFor(_ chunkSize: Int) throws {
        for (index, bytes) in (Self.unclosedDocuments + Self.brokenDocuments).enumerated() {
            var asking = XMLPullParser(bytes: bytes, sourceName: "x")
            let expected = try #require(Self.outcome(&asking).1, "document \(index) should fail")
            let path = try Self.temporaryFile(bytes, name: "quiet\(chunkSize)")
            defer { try? FileManager.default.removeItem(atPath: path) }
            var quiet = try XMLPullParser(path: path, chunkSize: chunkSize)
            var failure: XMLError?
            do {
                while try quiet.next() != nil {}
            } catch {
                failure = error
            }
            failure?.source = "x"
            #expect(failure == expected, "document \(index)")
        }
        var parser = XMLPullParser(bytes: Self.unclosedDocuments[0])
        let message = Self.outcome(&parser).1?.message ?? ""
        #expect(message == "mismatched end tag: expected '</ы>' (opened at 3:5) but found '</a>'")
    }

    @Test(arguments: [1, 2, 5, 13, 4096])
    func positionsAskedForNowAndThenAreRight(_ chunkSize: Int) throws {
        var whole = XMLPullParser(bytes: Self.document)
        let expected = Self.outcome(&whole).0
        let path = try Self.temporaryFile(Self.document, name: "sparse\(chunkSize)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var parser = try XMLPullParser(path: path, chunkSize: chunkSize)
        var index = 0
        while let event = try parser.next() {
            #expect(event == expected[index].event)
            if index % 7 == 3 {
                #expect(parser.line == expected[index].line, "event \(index)")
                #expect(parser.column == expected[index].column, "event \(index)")
                #expect(parser.line == expected[index].line, "event \(index), asked twice")
            }
            #expect(parser.byteOffset == expected[index].byteOffset)
            index += 1
            if index >= expected.count { break }
        }
        #expect(index == expected.count)
    }

    @Test func hugeTextNodeIsOneEvent() throws {
        let body = String(repeating: "Ağ qara ə 😀 &amp; ", count: 20_000)
        let bytes = Array("<r>\(body)</r>".utf8)
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var parser = try XMLPullParser(path: path, chunkSize: 1000)
        #expect(try parser.next() == start("r"))
        #expect(try parser.next() == text(body.replacingOccurrences(of: "&amp;", with: "&")))
        #expect(try parser.next() == end("r"))
        #expect(try parser.next() == nil)
    }

    @Test func memoryStaysBoundedByTheChunkSize() throws {
        var xml = "<tmx><body>\n"
        for index in 0..<20_000 {
            xml += "<tu tuid=\"\(index)\"><tuv xml:lang=\"az\"><seg>Salam ə \(index)</seg></tuv>"
            xml += "<tuv xml:lang=\"ru\"><seg>Привет 😀 \(index)</seg></tuv></tu>\n"
        }
        xml += "</body></tmx>\n"
        let bytes = Array(xml.utf8)
        #expect(bytes.count > 2_000_000)
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var parser = try XMLPullParser(path: path, chunkSize: 1024, input: .read)
        var largest = 0
        var segments = 0
        var events = 0
        while let event = try parser.next() {
            largest = max(largest, parser.capacity)
            if case .startElement(let name, _) = event, name.localName == "seg" { segments += 1 }
            events += 1
            if events > 1_000_000 {
                Issue.record("runaway parse")
                break
            }
        }
        #expect(segments == 40_000)
        #expect(largest <= 4096)
    }

    @Test func fileAndMemoryInputAgreeWithTheDefaultChunkSize() throws {
        let path = try Self.temporaryFile(Self.document)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var fromFile = try XMLPullParser(path: path)
        var fromMemory = XMLPullParser(bytes: Self.document)
        #expect(fromFile.sourceName == path)
        let a = Self.outcome(&fromFile)
        let b = Self.outcome(&fromMemory)
        #expect(a.0 == b.0)
        #expect(a.1 == nil && b.1 == nil)
    }
}

@Suite("XML parser: mapped files") struct XMLPullParserMappedFileTests {
    @Test("A mapped file gives the same events, positions and errors as reading it")
    func mappedFilesMatchReadFiles() throws {
        let documents = [XMLPullParserStreamingTests.document] + XMLPullParserStreamingTests.brokenDocuments
            + XMLPullParserStreamingTests.unclosedDocuments
        for (index, bytes) in documents.enumerated() {
            let path = try XMLPullParserStreamingTests.temporaryFile(bytes, name: "mapped\(index)")
            defer { try? FileManager.default.removeItem(atPath: path) }
            var read = try XMLPullParser(path: path, chunkSize: 7, input: .read)
            var mapped = try XMLPullParser(path: path, input: .map)
            #expect(mapped.mapped != nil)
            let expected = XMLPullParserStreamingTests.outcome(&read)
            let actual = XMLPullParserStreamingTests.outcome(&mapped)
            #expect(actual.0 == expected.0, "document \(index)")
            #expect(actual.1 == expected.1, "document \(index)")
        }
    }

    @Test("Files that end on a page boundary are read without touching memory past the mapping")
    func pageSizedFiles() throws {
        for size in [4096, 8192, 65536] {
            // A complete document of exactly `size` bytes, and one cut off inside a text run at the same length.
            let open = Array("<r>".utf8), close = Array("</r>".utf8)
            let filler = [UInt8](repeating: UInt8(ascii: "a"), count: size - open.count - close.count)
            for (name, bytes) in [("whole", open + filler + close), ("cut", open + filler + [UInt8](repeating: UInt8(ascii: "b"), count: 4))] {
                #expect(bytes.count == size)
                let path = try XMLPullParserStreamingTests.temporaryFile(bytes, name: "page\(size)\(name)")
                defer { try? FileManager.default.removeItem(atPath: path) }
                var mapped = try XMLPullParser(path: path, input: .map)
                let (events, error) = XMLPullParserStreamingTests.outcome(&mapped)
                if name == "whole" {
                    #expect(error == nil && events.count == 3)
                } else {
                    #expect(error?.message.contains("not closed") == true)
                }
            }
        }
    }

    @Test("Automatic input maps large regular files only; empty files and small ones are read")
    func automaticChoice() throws {
        let small = try XMLPullParserStreamingTests.temporaryFile(Array("<r/>".utf8), name: "autosmall")
        let empty = try XMLPullParserStreamingTests.temporaryFile([], name: "autoempty")
        let large = try XMLPullParserStreamingTests.temporaryFile(
            Array("<r>".utf8) + [UInt8](repeating: 0x20, count: XMLPullParser.mappingThreshold) + Array("</r>".utf8),
            name: "autolarge")
        defer { for path in [small, empty, large] { try? FileManager.default.removeItem(atPath: path) } }
        let smallParser = try XMLPullParser(path: small)
        #expect(smallParser.mapped == nil)
        var emptyParser = try XMLPullParser(path: empty, input: .map)
        #expect(emptyParser.mapped == nil)
        #expect(throws: XMLError.self) { while try emptyParser.next() != nil {} }
        var largeParser = try XMLPullParser(path: large)
        #expect(largeParser.mapped != nil)
        #expect(XMLPullParserStreamingTests.outcome(&largeParser).1 == nil)
    }
}
