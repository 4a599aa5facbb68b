import BitextCore
import Foundation
import Glossary
import Testing

@Suite("Term base reading and writing")
struct TermBaseReadWriteTests {
    static let tbx3 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>
      <text><body>
        <conceptEntry id="occ">
          <descrip type="definition">A NATO programme &amp; its evaluation</descrip>
          <langSec xml:lang="en">
            <termSec><term>Operational Capabilities Concept</term>
              <termNote type="termType">fullForm</termNote>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
            <termSec><term>OCC</term><termNote type="termType">acronym</termNote>
              <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
          </langSec>
          <langSec xml:lang="ru">
            <termSec><term>Концепция оперативных возможностей</term>
              <termNote type="grammaticalGender">feminine</termNote></termSec>
          </langSec>
        </conceptEntry>
        <conceptEntry id="site">
          <langSec xml:lang="en"><termSec><term>Azerbaijan.us</term>
            <termNote type="transferComment">do not translate</termNote></termSec></langSec>
        </conceptEntry>
      </body></text>
    </tbx>
    """

    @Test("TBX v3 concepts, terms, statuses, types and do-not-translate")
    func readTBX3() throws {
        let base = try TBXReader.read(xml: Self.tbx3, name: "t.tbx")
        #expect(base.concepts.map(\.id) == ["occ", "site"])
        let occ = base.concepts[0]
        #expect(occ.definition == "A NATO programme & its evaluation")
        #expect(occ.terms(in: "en").map(\.text) == ["Operational Capabilities Concept", "OCC"])
        #expect(occ.terms[1].type == .acronym && occ.terms[1].status == .admitted && occ.terms[1].matchesCaseSensitively)
        #expect(!occ.terms[0].matchesCaseSensitively)
        #expect(occ.terms(in: "ru").first?.grammaticalGender == "feminine")
        #expect(base.concepts[1].terms[0].doNotTranslate)
        #expect(base.languages == ["en", "ru"])
    }

    @Test("TBX 2008 with tig, ntig and an external DOCTYPE")
    func readTBX2008() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
        <martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
        <text><body>
          <termEntry id="ipcp">
            <langSet xml:lang="en">
              <ntig><termGrp><term>Individual Partnership and Cooperation Programme</term>
                <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
              <tig><term>Individual Partnership Cooperation Program</term>
                <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
            </langSet>
          </termEntry>
        </body></text></martif>
        """
        let base = try TBXReader.read(xml: xml)
        #expect(base.concepts.first?.terms.map(\.status) == [.preferred, .deprecated])
    }

    @Test("malformed TBX names file, line and column; entity declarations are refused")
    func badTBX() {
        #expect(throws: GlossaryError.malformed(SourceLocation(file: "b.tbx", line: 2, column: 21), "<langSec> without xml:lang")) {
            try TBXReader.read(xml: "<tbx xmlns='urn:iso:std:iso:30042:ed-2'><text><body><conceptEntry id='a'>\n                    <langSec><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>", name: "b.tbx")
        }
        #expect(throws: GlossaryError.self) {
            try TBXReader.read(xml: "<!DOCTYPE tbx [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><tbx>&e;</tbx>", name: "x.tbx")
        }
        #expect(throws: GlossaryError.empty(SourceLocation(file: "e.tbx", line: 1))) {
            try TBXReader.read(xml: "<tbx><text><body/></text></tbx>", name: "e.tbx")
        }
        #expect(throws: GlossaryError.self) { try TBXReader.read(xml: "<xliff/>", name: "n.tbx") }
    }

    @Test("CSV: language columns, row and language properties, synonyms, joined concepts")
    func readCSV() throws {
        let csv = """
        id,en,ru,status,type,en_status,note
        ipcp,Individual Partnership and Cooperation Programme,Индивидуальная программа партнёрства и сотрудничества,preferred,fullForm,,NATO
        ipcp,IPCP,,admitted,acronym,,
        ipcp,"Individual Partnership Cooperation Program",,,variant,deprecated,
        baku,Baku | Baku city,Баку,,,,

        """
        let base = try DelimitedTermBase.read(csv, dialect: .csv, name: "g.csv")
        #expect(base.concepts.map(\.id) == ["ipcp", "baku"])
        let ipcp = base.concepts[0]
        #expect(ipcp.terms.count == 4)
        #expect(ipcp.terms.last?.status == .deprecated && ipcp.terms.last?.type == .variant)
        #expect(ipcp.notes == ["NATO"])
        #expect(base.concepts[1].terms(in: "en").map(\.text) == ["Baku", "Baku city"])
        #expect(base.concepts[1].terms(in: "en").first?.location == SourceLocation(file: "g.csv", line: 5, column: 2))
    }

    @Test("a header-only column 'en' is a valid one-language list, and TSV escapes work")
    func oneLanguageAndTSV() throws {
        let list = try DelimitedTermBase.read("en\nNATO\nSouth Caucasus\n", dialect: .csv, name: "l.csv")
        #expect(list.concepts.count == 2 && list.languages == ["en"])
        let tsv = try DelimitedTermBase.read("en\tde\nBlack\\tSea\tSchwarzes Meer\n", dialect: .tsv, name: "l.tsv")
        #expect(tsv.concepts[0].terms[0].text == "Black\tSea")
    }

    @Test("bad CSV names line and column")
    func badCSV() {
        #expect(throws: GlossaryError.malformed(SourceLocation(file: "b.csv", line: 1, column: 2), "unknown column 'colour': expected a BCP 47 language tag or one of id, status, type, pos, dnt, case, note, definition")) {
            try DelimitedTermBase.read("en,colour\nx,y\n", dialect: .csv, name: "b.csv")
        }
        #expect(throws: GlossaryError.malformed(SourceLocation(file: "b.csv", line: 2, column: 3), "unterminated quoted field")) {
            try DelimitedTermBase.read("en,ru\nx,\"y\n", dialect: .csv, name: "b.csv")
        }
        // An unknown status is kept (lint reports it), not refused and not taken for preferred.
        let odd = try? DelimitedTermBase.read("en,status\nx,approvedish\n", dialect: .csv, name: "b.csv")
        #expect(odd?.concepts.first?.terms.first?.declaredStatus == "approvedish")
        #expect(odd?.concepts.first?.terms.first?.status == .admitted)
    }

    @Test("TBX v3 and CSV writers round-trip through the readers")
    func roundTrip() throws {
        let original = try TBXReader.read(xml: Self.tbx3, name: "t.tbx")
        let tbx = try TBXWriter.write(original)
        let again = try TBXReader.read(xml: tbx, name: "w.tbx")
        #expect(Self.essentials(again) == Self.essentials(original))
        #expect(again.concepts[0].definition == original.concepts[0].definition)
        for dialect in [DelimitedText.Dialect.csv, .tsv] {
            let text = DelimitedTermBase.write(original, dialect: dialect)
            let back = try DelimitedTermBase.read(text, dialect: dialect, name: "w")
            #expect(Self.essentials(back) == Self.essentials(original), "\(dialect)")
        }
    }

    @Test("writing refuses to overwrite without force, and writes atomically")
    func writeFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-glossary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = try TBXReader.read(xml: Self.tbx3)
        let path = dir.appendingPathComponent("out.tbx").path
        try TermBaseFile.write(base, path: path, overwrite: false)
        #expect(throws: GlossaryError.self) { try TermBaseFile.write(base, path: path, overwrite: false) }
        try TermBaseFile.write(base, path: path, overwrite: true)
        #expect(try TermBaseFile.read(path: path).termCount == base.termCount)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.tbx"])
        #expect(throws: GlossaryError.unknownFormat(path: "x.docx")) { try TermBaseFile.read(path: "x.docx") }
    }

    /// Concept id, then each term's language, text, status, type and do-not-translate flag.
    static func essentials(_ base: TermBase) -> [String] {
        base.concepts.flatMap { c in
            c.terms.map { "\(c.id)|\($0.language)|\($0.text)|\($0.status)|\(String(describing: $0.type))|\($0.doNotTranslate)" }.sorted()
        }
    }
}

@Suite("Term base lint and lookup")
struct TermBaseLintTests {
    @Test("duplicates, a term in two concepts and missing preferred terms are reported")
    func lint() throws {
        let csv = """
        id,en,ru,status
        a,NATO,НАТО,preferred
        a,NATO,,admitted
        b,NATO,,preferred
        c,Caspian basin,Каспийский бассейн,admitted

        """
        let findings = try DelimitedTermBase.read(csv, dialect: .csv, name: "l.csv").lint()
        #expect(findings.map(\.rule) == [.duplicateTerm, .termInTwoConcepts, .noPreferredTerm, .noPreferredTerm])
        #expect(findings[0].location == SourceLocation(file: "l.csv", line: 3, column: 2))
        #expect(findings[2].concept == "c" && findings[2].language == "en")
    }

    @Test("lookup finds concepts case-insensitively, per language")
    func lookup() throws {
        let base = try DelimitedTermBase.read("id,en,az\nbaku,Baku,Bakı\n", dialect: .csv, name: "x")
        #expect(base.lookup("baku").map(\.id) == ["baku"])
        #expect(base.lookup("Bakı", language: "az").map(\.id) == ["baku"])
        #expect(base.lookup("Bakı", language: "en").isEmpty)
    }
}
