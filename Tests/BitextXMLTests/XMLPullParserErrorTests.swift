import BitextXML
import Testing

struct ErrorCase: Sendable, CustomTestStringConvertible {
    var label: String
    var bytes: [UInt8]
    var line: Int
    var column: Int
    var message: String

    init(_ label: String, _ xml: String, _ line: Int, _ column: Int, _ message: String) {
        self.init(label, bytes: Array(xml.utf8), line, column, message)
    }

    init(_ label: String, bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
        self.label = label
        self.bytes = bytes
        self.line = line
        self.column = column
        self.message = message
    }

    var testDescription: String { label }
}

@Suite struct XMLPullParserErrorTests {
    static let cases: [ErrorCase] = [
        ErrorCase("mismatched end tag", "<a>\n  <b></c></a>", 2, 6,
                  "mismatched end tag: expected '</b>' (opened at 2:3) but found '</c>'"),
        ErrorCase("end tag closes outer element", "<a><b></a>", 1, 7, "expected '</b>'"),
        ErrorCase("end tag without open element", "</a>", 1, 1, "unexpected end tag '</a>': no element is open"),
        ErrorCase("second root element", "<a/><b/>", 1, 5, "'<b>' follows the root element '<a>'"),
        ErrorCase("second root after whitespace", "<a></a>\n <a></a>", 2, 2, "single root element"),
        ErrorCase("duplicate attribute", "<a x=\"1\" x=\"2\"/>", 1, 10, "duplicate attribute 'x'"),
        ErrorCase("nesting beyond the limit", String(repeating: "<a>", count: 300), 1, 769, "elements nested deeper than 256"),
        ErrorCase("too many attributes", "<a " + (0..<1100).map { "a\($0)='1'" }.joined(separator: " ") + "/>", 1, 9_134,
                  "more than 1024 attributes on one element"),
        ErrorCase("duplicate namespace declaration", "<a xmlns:p='u' xmlns:p='v'/>", 1, 16,
                  "duplicate attribute 'xmlns:p'"),
        ErrorCase("duplicate expanded attribute name", "<a xmlns:p='u' xmlns:q='u' p:x='1' q:x='2'/>", 1, 36,
                  "attributes 'p:x' and 'q:x' have the same local name and namespace 'u'"),
        ErrorCase("unquoted attribute value", "<a x=1/>", 1, 6, "attribute value must be quoted"),
        ErrorCase("missing equals sign", "<a x '1'/>", 1, 6, "expected '=' after attribute name 'x'"),
        ErrorCase("missing whitespace between attributes", "<a x='1'y='2'/>", 1, 9, "expected whitespace"),
        ErrorCase("slash not before '>'", "<a x='1' / >", 1, 11, "expected '>' after '/'"),
        ErrorCase("less-than in attribute value", "<a x=\"a<b\"/>", 1, 8, "'<' is not allowed in attribute values"),
        ErrorCase("unterminated attribute value", "<r><a x=\"ab</r>", 1, 12, "'<' is not allowed in attribute values"),
        ErrorCase("name starts with a digit", "<1a/>", 1, 2, "an element name must not start with '1'"),
        ErrorCase("attribute name starts with '-'", "<a -x='1'/>", 1, 4, "an attribute name must not start with '-'"),
        ErrorCase("illegal character in name", "<a!b/>", 1, 3, "found '!'"),
        ErrorCase("missing name", "<r>< a/></r>", 1, 5, "expected an element name, found U+0020"),
        ErrorCase("two colons in name", "<a b:c:d='1'/>", 1, 4, "invalid qualified name 'b:c:d'"),
        ErrorCase("empty prefix", "<:a/>", 1, 2, "invalid qualified name ':a'"),
        ErrorCase("end tag with attribute", "<a></a x='1'>", 1, 8, "expected '>' to end the end tag"),
        ErrorCase("unsupported encoding", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", 1, 31,
                  "unsupported encoding 'ISO-8859-1': only UTF-8 is supported"),
        ErrorCase("encoding named UTF-16", "<?xml version='1.0' encoding='UTF-16'?><a/>", 1, 31,
                  "unsupported encoding 'UTF-16'"),
        ErrorCase("declaration without version", "<?xml encoding='UTF-8'?><a/>", 1, 7, "must start with 'version'"),
        ErrorCase("unsupported version", "<?xml version='2.0'?><a/>", 1, 16, "unsupported XML version '2.0'"),
        ErrorCase("bad standalone", "<?xml version='1.0' standalone='maybe'?><a/>", 1, 33, "standalone must be"),
        ErrorCase("declarations out of order", "<?xml version='1.0' standalone='no' encoding='UTF-8'?><a/>", 1, 37,
                  "unexpected 'encoding'"),
        ErrorCase("declaration not at start", " <?xml version='1.0'?><a/>", 1, 2, "only allowed at the very start"),
        ErrorCase("declaration without pseudo-attributes", "<?xml?><a/>", 1, 6, "malformed XML declaration"),
        ErrorCase("reserved target", "<a><?XmL x?></a>", 1, 4, "target 'XmL' is reserved"),
        ErrorCase("UTF-16 byte order mark", bytes: [0xFF, 0xFE, 0x3C, 0x00], 1, 1, "UTF-16 input is not supported"),
        ErrorCase("invalid UTF-8 in text", bytes: Array("<a>ab".utf8) + [0xFF] + Array("cd</a>".utf8), 1, 6,
                  "invalid UTF-8 sequence starting with byte 0xFF (byte offset 5)"),
        ErrorCase("overlong UTF-8", bytes: Array("<a>".utf8) + [0xC0, 0xAF] + Array("</a>".utf8), 1, 4,
                  "byte 0xC0 (byte offset 3)"),
        ErrorCase("encoded surrogate", bytes: Array("<a>x".utf8) + [0xED, 0xA0, 0x80] + Array("</a>".utf8), 1, 5,
                  "byte 0xED (byte offset 4)"),
        ErrorCase("lone continuation byte in name", bytes: Array("<a\n b".utf8) + [0x80] + Array("='1'/>".utf8), 2, 3,
                  "byte 0x80 (byte offset 5)"),
        ErrorCase("bad UTF-8 in attribute value", bytes: Array("<a x='é".utf8) + [0xC3] + Array("'/>".utf8), 1, 8,
                  "byte 0xC3 (byte offset 8)"),
        ErrorCase("bad UTF-8 in comment", bytes: Array("<a><!--".utf8) + [0xF8] + Array("--></a>".utf8), 1, 8,
                  "byte 0xF8"),
        ErrorCase("truncated UTF-8 at end", bytes: Array("<a>".utf8) + [0xD0], 1, 4, "truncated UTF-8 sequence"),
        ErrorCase("control character in text", "<a>x\u{1}</a>", 1, 5, "character U+0001 is not allowed in XML 1.0"),
        ErrorCase("NUL in attribute value", "<a b='\u{0}'/>", 1, 7, "character U+0000 is not allowed"),
        ErrorCase("U+FFFE in text", "<a>ы\u{FFFE}</a>", 1, 5, "character U+FFFE is not allowed"),
        ErrorCase("U+FFFF in CDATA", "<a><![CDATA[\u{FFFF}]]></a>", 1, 13, "character U+FFFF is not allowed"),
        ErrorCase("control character in comment", "<a><!--\u{8}--></a>", 1, 8, "U+0008"),
        ErrorCase("CDATA end in text", "<a>x]]>y</a>", 1, 5, "']]>' is not allowed in character data"),
        ErrorCase("end of input inside element", "<a>\n<b>text", 2, 8,
                  "unexpected end of input: element '<b>' opened at 2:1 is not closed"),
        ErrorCase("end of input inside tag", "<a>\n<b x='1'", 2, 9, "unexpected end of input inside a tag"),
        ErrorCase("end of input inside attribute value", "<a x='1", 1, 8, "unexpected end of input inside a tag"),
        ErrorCase("end of input after '<'", "<a><", 1, 5, "unexpected end of input after '<'"),
        ErrorCase("unknown entity", "<a>\n x &foo; y</a>", 2, 4, "unknown entity '&foo;'"),
        ErrorCase("unknown entity in attribute", "<a b='&nbsp;'/>", 1, 7, "unknown entity '&nbsp;'"),
        ErrorCase("bare ampersand", "<a>fish & chips</a>", 1, 9, "'&' must start an entity or character reference"),
        ErrorCase("bare ampersand in attribute", "<a b='x&y'/>", 1, 8, "missing ';' after '&y'"),
        ErrorCase("missing semicolon", "<a>&amp</a>", 1, 4, "missing ';' after '&amp'"),
        ErrorCase("reference to NUL", "<a>&#0;</a>", 1, 4, "character reference '&#0;' does not denote an XML 1.0 character"),
        ErrorCase("reference to a surrogate", "<a>&#xD800;</a>", 1, 4, "'&#xD800;' does not denote"),
        ErrorCase("reference beyond Unicode", "<a>&#x110000;</a>", 1, 4, "'&#x110000;' does not denote"),
        ErrorCase("reference to U+FFFE", "<a b='&#65534;'/>", 1, 7, "'&#65534;' does not denote"),
        ErrorCase("huge reference", "<a>&#99999999999999999999;</a>", 1, 4, "does not denote"),
        ErrorCase("empty hex reference", "<a>&#x;</a>", 1, 4, "malformed character reference"),
        ErrorCase("uppercase X in reference", "<a>&#X41;</a>", 1, 4, "malformed character reference"),
        ErrorCase("undeclared element prefix", "<r>\n <p:a/></r>", 2, 3, "undeclared namespace prefix 'p'"),
        ErrorCase("undeclared attribute prefix", "<a p:b='1'/>", 1, 4, "undeclared namespace prefix 'p' in attribute 'p:b'"),
        ErrorCase("prefix out of scope", "<a><b xmlns:p='u'/><p:c/></a>", 1, 21, "undeclared namespace prefix 'p'"),
        ErrorCase("undeclaring a prefix", "<a xmlns:p=''/>", 1, 4, "the prefix 'p' cannot be undeclared"),
        ErrorCase("rebinding xml", "<a xmlns:xml='urn:x'/>", 1, 4, "the prefix 'xml' cannot be bound"),
        ErrorCase("declaring xmlns", "<a xmlns:xmlns='urn:x'/>", 1, 4, "the prefix 'xmlns' must not be declared"),
        ErrorCase("binding the xml namespace", "<a xmlns:x='http://www.w3.org/XML/1998/namespace'/>", 1, 4, "is reserved"),
        ErrorCase("element with xmlns prefix", "<xmlns:a/>", 1, 2, "must not use the prefix 'xmlns'"),
        ErrorCase("empty document", "", 1, 1, "no root element"),
        ErrorCase("only a comment", "<!-- only -->\n", 2, 1, "no root element"),
        ErrorCase("text before root", "\n x<a/>", 2, 2, "text is not allowed before the root element"),
        ErrorCase("text after root", "<a/>x", 1, 5, "text is not allowed after the root element"),
        ErrorCase("reference after root", "<a/>&amp;", 1, 5, "text is not allowed after the root element"),
        ErrorCase("CDATA outside root", "<![CDATA[x]]><a/>", 1, 1, "CDATA section is not allowed outside the root"),
        ErrorCase("double hyphen in comment", "<a><!-- a -- b --></a>", 1, 11, "'--' is not allowed inside a comment"),
        ErrorCase("comment ending in three hyphens", "<a><!-- a ---></a>", 1, 11, "'--' is not allowed"),
        ErrorCase("unterminated comment", "<a>\n <!-- x", 2, 2, "unterminated comment"),
        ErrorCase("unterminated CDATA", "<a><![CDATA[x]]", 1, 4, "unterminated CDATA section"),
        ErrorCase("unterminated processing instruction", "<a><?pi x?", 1, 4, "unterminated processing instruction"),
        ErrorCase("processing instruction without target", "<a><? x?></a>", 1, 6, "expected a processing instruction target"),
        ErrorCase("target glued to data", "<a><?pi\"x\"?></a>", 1, 8, "expected whitespace or '?>'"),
        ErrorCase("unknown markup declaration", "<a><!ELEMENT a ANY></a>", 1, 4, "unexpected '<!'"),
    ]

    @Test(arguments: cases)
    func reportsErrorWithPosition(_ testCase: ErrorCase) throws {
        let error = try #require(parseError(bytes: testCase.bytes))
        #expect(error.message.contains(testCase.message), "\(error)")
        #expect("\(error.line):\(error.column)" == "\(testCase.line):\(testCase.column)", "\(error)")
        #expect(error.source == "t.xml")
    }

    @Test func descriptionReadsLikeACompilerDiagnostic() throws {
        let error = try #require(parseError("<a>\n  <b></c></a>"))
        #expect(error.description
            == "t.xml:2:6: error: mismatched end tag: expected '</b>' (opened at 2:3) but found '</c>'")
        #expect(error.byteOffset == 9)
        let noPosition = XMLError(source: "x.xml", line: 0, column: 0, byteOffset: 0, message: "cannot open file")
        #expect(noPosition.description == "x.xml: error: cannot open file")
    }

    @Test func invalidUTF8ReportsItsByteOffset() throws {
        let bytes = Array("<r>\nПривет ".utf8) + [0xE2, 0x28, 0xA1] + Array("</r>".utf8)
        let error = try #require(parseError(bytes: bytes))
        #expect(error.byteOffset == 17)
        #expect(error.line == 2 && error.column == 8)
    }

    @Test func errorsAreSticky() throws {
        var parser = XMLPullParser(string: "<a><b></a>", sourceName: "t.xml")
        #expect(try parser.next() == start("a"))
        #expect(try parser.next() == start("b"))
        var first: XMLError?
        do { _ = try parser.next() } catch { first = error }
        var second: XMLError?
        do { _ = try parser.next() } catch { second = error }
        #expect(first != nil)
        #expect(first == second)
    }

    @Test func eventsBeforeAnErrorAreDelivered() throws {
        var parser = XMLPullParser(string: "<a>text &bogus; more</a>")
        #expect(try parser.next() == start("a"))
        #expect(throws: XMLError.self) { try parser.next() }
    }

    @Test func unopenableFileReportsThePath() {
        do {
            _ = try XMLPullParser(path: "/nonexistent/dir/file.xml")
            Issue.record("expected an error")
        } catch {
            #expect(error.source == "/nonexistent/dir/file.xml")
            #expect(error.line == 0)
            #expect(error.description.hasPrefix("/nonexistent/dir/file.xml: error: cannot open file: "))
        }
    }

    @Test func allowedCharactersAreNotErrors() throws {
        #expect(try events("<a>\u{7F}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}\t</a>") == [
            start("a"), text("\u{7F}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}\t"), end("a"),
        ])
    }
}
