import BitextXML
import Testing

@Suite struct XMLPullParserFormatTests {
    static let xliff = "urn:oasis:names:tc:xliff:document:1.2"

    @Test func xliff12WithInlineMarkup() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
              <file original="a.txt" source-language="en" target-language="az" datatype="plaintext">
                <body>
                  <trans-unit id="1" xml:space="preserve">
                    <source>Click <bpt id="1">&lt;b&gt;</bpt>Save<ept id="1">&lt;/b&gt;</ept>.</source>
                    <target state="translated">Klikləyin <bpt id="1">&lt;b&gt;</bpt>Yadda saxla<ept id="1">&lt;/b&gt;</ept>.</target>
                  </trans-unit>
                </body>
              </file>
            </xliff>
            """
        var parser = XMLPullParser(string: xml)
        var targetText = ""
        var inTarget = false
        var unitAttributes: [XMLAttribute] = []
        var targetLine = 0
        while let event = try parser.next() {
            switch event {
            case let .startElement(name, attributes):
                #expect(name.namespaceURI == Self.xliff)
                if name.localName == "trans-unit" { unitAttributes = attributes }
                if name.localName == "target" {
                    inTarget = true
                    targetLine = parser.line
                }
            case let .endElement(name):
                if name.localName == "target" { inTarget = false }
            case let .text(text, _):
                if inTarget { targetText += text }
            default:
                break
            }
        }
        #expect(targetText == "Klikləyin <b>Yadda saxla</b>.")
        #expect(targetLine == 7)
        #expect(unitAttributes.value(of: "id") == "1")
        #expect(unitAttributes.value(of: "space", namespaceURI: XMLName.xmlNamespace) == "preserve")
    }

    @Test func tmxWithoutNamespace() throws {
        let xml = """
            <tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="t" creationtoolversion="1"/>
            <body><tu tuid="7"><tuv xml:lang="en"><seg>Fish &amp; chips</seg></tuv><tuv xml:lang="ru"><seg>Рыба с картошкой</seg></tuv></tu></body></tmx>
            """
        let segments = try events(xml).compactMap { event -> String? in
            if case let .text(text, _) = event, text != "\n" { return text }
            return nil
        }
        #expect(segments == ["Fish & chips", "Рыба с картошкой"])
    }

    @Test func srxRulesKeepTheirRegularExpressions() throws {
        let xml = """
            <srx xmlns="http://www.lisa.org/srx20" version="2.0">
            <body><languagerules><languagerule languagerulename="Default">
            <rule break="no"><beforebreak>\\b(Mr|Dr)\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
            <rule break="yes"><beforebreak>[\\.\\?!]+</beforebreak><afterbreak>\\s+\\p{Lu}</afterbreak></rule>
            </languagerule></languagerules></body></srx>
            """
        var captured: [String] = []
        var capturing = false
        var parser = XMLPullParser(string: xml)
        while let event = try parser.next() {
            switch event {
            case let .startElement(name, _):
                #expect(name.namespaceURI == "http://www.lisa.org/srx20")
                capturing = name.localName == "beforebreak" || name.localName == "afterbreak"
            case .endElement:
                capturing = false
            case let .text(text, _):
                if capturing { captured.append(text) }
            default:
                break
            }
        }
        #expect(captured == ["\\b(Mr|Dr)\\.", "\\s", "[\\.\\?!]+", "\\s+\\p{Lu}"])
    }
}
