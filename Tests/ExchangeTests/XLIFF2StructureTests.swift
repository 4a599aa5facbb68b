import Exchange
import Foundation
import Testing

/// What XLIFF 2 says about a unit beyond its own element: targets in another order than their
/// segments, `translate` set on the file or a group, and structure that is not allowed.
@Suite("XLIFF 2: order, inheritance, structure")
struct XLIFF2StructureTests {
    static func read(_ body: String) throws(ExchangeError) -> [TranslationUnit] {
        let xml = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">\n" + body + "\n</xliff>\n"
        return try XLIFF2.Reader(bytes: Array(xml.utf8), name: "t.xlf").readAll().units
    }

    @Test("targets follow their order attribute; an ignorable without a target is the same in both languages")
    func targetOrder() throws {
        let units = try Self.read("""
            <file id="f"><unit id="u">
            <segment><source>One.</source><target order="3">Un.</target></segment>
            <ignorable><source> </source></ignorable>
            <segment><source>Two.</source><target order="1">Deux.</target></segment>
            </unit></file>
            """)
        #expect(units.map(\.source.flattened) == ["One. Two."])
        #expect(units.map(\.target.flattened) == ["Deux. Un."])
    }

    @Test("an order that repeats or is out of range is an error with the line", arguments: [
        ("<target order=\"1\">A</target></segment><segment><source>B</source><target order=\"1\">B</target>", "two targets take place 1"),
        ("<target order=\"5\">A</target></segment><segment><source>B</source><target>B</target>", "beyond the unit's 2 segments"),
        ("<target order=\"x\">A</target></segment><segment><source>B</source><target>B</target>", "not a positive number"),
    ])
    func badOrder(segments: String, message: String) {
        #expect { try Self.read("<file id=\"f\"><unit id=\"u\">\n<segment><source>A</source>\(segments)</segment></unit></file>") } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("t.xlf:")
        }
    }

    @Test("translate=\"no\" on a file or a group goes to the units inside, unless a unit says otherwise")
    func inheritedTranslate() throws {
        let units = try Self.read("""
            <file id="f1" translate="no"><unit id="a"><segment><source>A</source></segment></unit>
            <unit id="b" translate="yes"><segment><source>B</source></segment></unit></file>
            <file id="f2"><group id="g" translate="no"><group id="g2"><unit id="c"><segment><source>C</source></segment></unit></group></group>
            <unit id="d"><segment><source>D</source></segment></unit></file>
            """)
        #expect(units.map(\.id) == ["a", "b", "c", "d"])
        #expect(units.map(\.translate) == [false, true, false, true])
    }

    @Test("a second <source> or <target> in a segment, or none, is an error, not the last one winning", arguments: [
        "<segment><source>A</source><source>B</source></segment>",
        "<segment><source>A</source><target>a</target><target>b</target></segment>",
        "<segment><target>a</target></segment>",
    ])
    func doubleSource(segment: String) {
        #expect(throws: ExchangeError.self) { try Self.read("<file id=\"f\"><unit id=\"u\">\(segment)</unit></file>") }
    }
}

@Suite("XLIFF 1.2 structure")
struct XLIFF12StructureTests {
    @Test("the trans-units inside a bin-unit are read; its binary parts are not")
    func binUnit() throws {
        let xml = """
            <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.rc" source-language="en" target-language="fr" datatype="winres"><body>
            <trans-unit id="1"><source>Open</source><target>Ouvrir</target></trans-unit>
            <bin-unit id="b1" mime-type="image/bmp"><bin-source><internal-file form="base64">Qk0=</internal-file></bin-source>
            <trans-unit id="b1.alt"><source>Toolbar</source><target>Barre d'outils</target></trans-unit></bin-unit>
            <trans-unit id="2"><source>Close</source></trans-unit>
            </body></file></xliff>
            """
        let units = try XLIFF12.Reader(bytes: Array(xml.utf8), name: "b.xlf").readAll().units
        #expect(units.map(\.id) == ["1", "b1.alt", "2"])
        #expect(units.map(\.target.flattened) == ["Ouvrir", "Barre d'outils", ""])
    }
}
