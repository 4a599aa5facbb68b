import BitextCore
import Foundation
import Glossary
import Testing

@Suite("Term matching")
struct TermMatcherTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let csv = """
    id,en,ru,tr,az,de
    ipcp,Individual Partnership and Cooperation Programme,Индивидуальная программа партнёрства и сотрудничества,,,
    occ,Operational Capabilities Concept,,,,
    occ-acronym,OCC,,,,
    baku,Baku,Баку,Bakü,Bakı,Baku
    istanbul,Istanbul,,İstanbul,,
    isparta,,,Isparta,,
    caucasus,South Caucasus,Южный Кавказ,Güney Kafkasya,Cənubi Qafqaz,
    nato,NATO,НАТО,NATO,NATO,NATO
    street,,,,,Straße
    mt,military-technical,,,,
    azus,Azerbaijan.us,,,,
    pfp,Partnership for Peace,,Barış İçin Ortaklık,Sülh Naminə Tərəfdaşlıq,

    """

    func matcher(_ language: String) throws -> TermMatcher {
        var base = try DelimitedTermBase.read(Self.csv, dialect: .csv, name: "t.csv")
        // OCC is an acronym: case-sensitive by default.
        for c in base.concepts.indices where base.concepts[c].id == "occ-acronym" { base.concepts[c].terms[0].type = .acronym }
        for c in base.concepts.indices where base.concepts[c].id == "nato" {
            for t in base.concepts[c].terms.indices { base.concepts[c].terms[t].type = .acronym }
        }
        return try TermMatcher(termBase: base, language: language,
                               inflection: Inflection.load(language: language, localesPath: Self.root + "/Locales"))
    }

    func found(_ text: String, _ language: String) throws -> [String] {
        try matcher(language).occurrences(in: text).map(\.text)
    }

    @Test("Russian case endings on every word of a multi-word term, with ё = е")
    func russian() throws {
        #expect(try found("В рамках Индивидуальной программы партнерства и сотрудничества", "ru") ==
            ["Индивидуальной программы партнерства и сотрудничества"])
        #expect(try found("по Индивидуальной программе партнёрства и сотрудничества НАТО", "ru") ==
            ["Индивидуальной программе партнёрства и сотрудничества", "НАТО"])
        #expect(try found("Южного Кавказа и Бакунин", "ru") == ["Южного Кавказа"])
        #expect(try found("с Индивидуальной программой партнёрства и сотрудничества", "ru").count == 1)
    }

    @Test("Turkish and Azerbaijani suffixes: attached, after an apostrophe or a hyphen")
    func turkic() throws {
        #expect(try found("Bakü'nün NATO'nun ve NATO-nun Güney Kafkasya'daki rolü", "tr") ==
            ["Bakü'nün", "NATO'nun", "NATO-nun", "Güney Kafkasya'daki"])
        #expect(try found("Bakının, Bakıya və Azərbaycanla; NATO-nun Cənubi Qafqazda", "az") ==
            ["Bakının", "Bakıya", "NATO-nun", "Cənubi Qafqazda"])
        // A softened final consonant: Ortaklık, Ortaklığa; Tərəfdaşlıq, Tərəfdaşlığa.
        #expect(try found("Barış İçin Ortaklığa katıldı", "tr") == ["Barış İçin Ortaklığa"])
        #expect(try found("Sülh Naminə Tərəfdaşlığa qoşuldu", "az") == ["Sülh Naminə Tərəfdaşlığa"])
        #expect(try found("NATO'ydu ve Bakü'dür", "tr") == ["NATO'ydu", "Bakü'dür"])
        // Never blanket accent-insensitivity: "Baku" is not "Bakü".
        #expect(try found("Baku ve Bakunin", "tr").isEmpty)
    }

    @Test("Turkish İ/ı folding, with offsets in the original text")
    func turkishCase() throws {
        let text = "İSTANBUL ve ISPARTA, ısparta"
        let occurrences = try matcher("tr").occurrences(in: text)
        #expect(occurrences.map(\.text) == ["İSTANBUL", "ISPARTA", "ısparta"])
        #expect(occurrences.first?.range == 0..<9)
        let bytes = Array(text.utf8)
        for o in occurrences { #expect(String(decoding: bytes[o.range], as: UTF8.self) == o.text) }
    }

    @Test("whole words only, across line breaks, with hyphen and apostrophe variants")
    func english() throws {
        #expect(try found("Bakunin visited Baku’s port", "en") == ["Baku’s"])
        #expect(try found("the Individual Partnership and\nCooperation  Programme", "en") ==
            ["Individual Partnership and\nCooperation  Programme"])
        #expect(try found("a military‑technical exchange (non-breaking hyphen)", "en") == ["military‑technical"])
        #expect(try found("Stay Ahead with Azerbaijan.us today", "en") == ["Azerbaijan.us"])
    }

    @Test("acronyms match case-sensitively; other terms do not care")
    func acronyms() throws {
        #expect(try found("OCC, occ, Operational capabilities concept, nato", "en") == ["OCC", "Operational capabilities concept"])
    }

    @Test("German ß folds to ss")
    func german() throws {
        #expect(try found("Die STRASSE und die Straße", "de") == ["STRASSE", "Straße"])
    }

    @Test("the shipped security term base finds the sample article's terms")
    func sampleArticle() throws {
        let base = try TermBaseFile.read(path: Self.root + "/Glossary/security.tbx")
        let text = try String(contentsOfFile: Self.root + "/Examples/azerbaijan-nato.txt", encoding: .utf8)
        let m = try TermMatcher(termBase: base, language: "en", inflection: Inflection.load(language: "en", localesPath: Self.root + "/Locales"))
        let hits = m.occurrences(in: text)
        let ids = Set(hits.map { base.concepts[$0.concept].id })
        #expect(ids.isSuperset(of: ["nato", "occ", "ipcp", "south-caucasus", "black-sea", "caspian-basin", "central-asia",
                                    "baku", "azerbaijan", "armenia", "russia", "iran", "turkiye", "azerbaijan-us"]))
        let ipcp = try #require(hits.first { base.concepts[$0.concept].id == "ipcp" })
        #expect(base.concepts[ipcp.concept].terms[ipcp.term].status == .deprecated)
    }

    @Test("inflection files parse and report bad lines")
    func inflectionData() throws {
        let ru = try Inflection.load(language: "ru", localesPath: Self.root + "/Locales")
        #expect(ru.mode == .strip && ru.stem("программы") == ru.stem("программа"))
        #expect(ru.stem("и") == "и")
        let tr = try Inflection.load(language: "tr", localesPath: Self.root + "/Locales")
        #expect(tr.isSuffixChain("'daki") && !tr.isSuffixChain("xyz"))
        #expect(throws: GlossaryError.malformed(SourceLocation(file: "i.txt", line: 1, column: 1), "expected 'mode strip', 'mode attach' or 'mode none'")) {
            try Inflection(parsing: "mode sideways\n", file: "i.txt")
        }
    }
}
