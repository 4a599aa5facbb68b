import BitextCore
import Glossary
import Testing

/// Term status and definitions from every place real term bases put them: TBX v3 in DCA and DCT
/// style, TBX 2008, MultiTerm's placeholders.
@Suite("term status and definitions in real TBX")
struct TermStatusTests {
    static func dct(_ status: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
             xmlns:basic="http://www.tbxinfo.net/ns/basic" xmlns:min="http://www.tbxinfo.net/ns/min">
          <tbxHeader><fileDesc><sourceDesc><p>DCT</p></sourceDesc></fileDesc></tbxHeader>
          <text><body>
            <conceptEntry id="c1">
              <min:subjectField>defence</min:subjectField>
              <langSec xml:lang="en">
                <basic:definition>A programme of bilateral cooperation with NATO.</basic:definition>
                <termSec><term>Individual Partnership and Cooperation Programme</term>
                  <min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus>
                  <min:partOfSpeech>noun</min:partOfSpeech></termSec>
                <termSec><term>Individual Partnership Cooperation Program</term>
                  <min:administrativeStatus>\(status)</min:administrativeStatus></termSec>
              </langSec>
              <langSec xml:lang="ru">
                <basic:definition>Программа двустороннего сотрудничества с НАТО.</basic:definition>
                <termSec><term>Индивидуальная программа партнёрства и сотрудничества</term></termSec>
              </langSec>
            </conceptEntry>
          </body></text>
        </tbx>
        """
    }

    @Test("a deprecated term in DCT style stays deprecated", arguments: ["deprecatedTerm-admn-sts", "notRecommended", "deprecatedTerm"])
    func dctStatus(value: String) throws {
        let base = try TBXReader.read(xml: Self.dct(value), name: "dct.tbx")
        let terms = base.concepts[0].terms
        #expect(terms.map(\.status) == [.preferred, .deprecated, .preferred])
        #expect(terms.map(\.declaredStatus) == ["preferredTerm-admn-sts", value, nil])
        #expect(terms[0].partOfSpeech == "noun")
        #expect(base.concepts[0].subjectField == "defence")
    }

    @Test("definitions are kept per language")
    func definitionsPerLanguage() throws {
        let concept = try TBXReader.read(xml: Self.dct("deprecatedTerm-admn-sts"), name: "dct.tbx").concepts[0]
        #expect(concept.definitionCount == 2)
        #expect(concept.definition(in: "en") == "A programme of bilateral cooperation with NATO.")
        #expect(concept.definition(in: "ru-RU") == "Программа двустороннего сотрудничества с НАТО.")
        let written = try TBXReader.read(xml: TBXWriter.write(TermBase(concepts: [concept])), name: "w.tbx").concepts[0]
        #expect(written.definitions == concept.definitions)
    }

    @Test("normativeAuthorization and usageStatus give the status; an unknown one is kept, reported, never preferred")
    func otherCategories() throws {
        let xml = """
            <martif type="TBX" xml:lang="en"><text><body>
            <termEntry id="c1"><langSet xml:lang="en">
              <tig><term>standard</term><termNote type="normativeAuthorization">standardizedTerm</termNote></tig>
              <tig><term>old</term><termNote type="usageStatus">obsolete</termNote></tig>
              <tig><term>odd</term><termNote type="administrativeStatus">x-in-review</termNote></tig>
              <tig><term/></tig>
              <ntig><termGrp><term>plain</term></termGrp></ntig>
            </langSet></termEntry>
            </body></text></martif>
            """
        let base = try TBXReader.read(xml: xml, name: "m.tbx")
        let terms = base.concepts[0].terms
        #expect(terms.map(\.text) == ["standard", "old", "odd", "plain"], "the empty term is skipped")
        #expect(terms.map(\.status) == [.preferred, .superseded, .admitted, .preferred])
        #expect(base.warnings == ["m.tbx:6:3: warning: an empty <term> was skipped"])
        let lint = base.lint().filter { $0.rule == .unknownStatus }
        #expect(lint.map(\.term) == ["odd"])
        #expect(lint.first?.message.contains("'x-in-review'") == true)
    }

    @Test("converting never invents a status")
    func convertKeepsAbsence() throws {
        let xml = "<martif type=\"TBX\" xml:lang=\"en\"><text><body><termEntry id=\"c1\"><langSet xml:lang=\"en\"><tig><term>NATO</term></tig></langSet>"
            + "<langSet xml:lang=\"ru\"><tig><term>НАТО</term><termNote type=\"administrativeStatus\">admittedTerm-admn-sts</termNote></tig></langSet></termEntry></body></text></martif>"
        let base = try TBXReader.read(xml: xml, name: "n.tbx")
        let tbx = try TBXWriter.write(base)
        #expect(tbx.components(separatedBy: "administrativeStatus").count == 2, "one status, the given one: \(tbx)")
        let csv = DelimitedTermBase.write(base, dialect: .csv)
        let again = try DelimitedTermBase.read(csv, dialect: .csv, name: "n.csv")
        #expect(again.concepts[0].terms.map(\.declaredStatus) == [nil, "admitted"])
    }
}

@Suite("term length")
struct TermLengthTests {
    /// Found by the fuzzer: a 2.3 MB "term" (a damaged CSV) took 24 s to match.
    @Test("a term longer than the limit is skipped with a warning that names its place")
    func overlong() throws {
        let long = String(repeating: "Line ", count: 300)
        let base = try DelimitedTermBase.read("id,en,ru\nc1,NATO,НАТО\nc2,\(long),x\n", dialect: .csv, name: "g.csv")
        #expect(base.concepts.flatMap(\.terms).map(\.text) == ["NATO", "НАТО", "x"])
        #expect(base.warnings == ["g.csv:3:2: warning: a term of 1499 bytes was skipped (terms are at most 1024 bytes)"])
        let tbx = try TBXReader.read(xml: "<martif type=\"TBX\" xml:lang=\"en\"><text><body><termEntry id=\"c\"><langSet xml:lang=\"en\"><tig><term>NATO</term></tig><tig><term>\(long)</term></tig></langSet></termEntry></body></text></martif>", name: "g.tbx")
        #expect(tbx.concepts[0].terms.map(\.text) == ["NATO"])
        #expect(tbx.warnings.count == 1)
    }
}
