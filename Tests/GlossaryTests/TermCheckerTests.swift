import BitextCore
import Foundation
import Glossary
import Testing

@Suite("Terminology and QA checks")
struct TermCheckerTests {
    static let root = TermMatcherTests.root

    static let csv = """
    id,en,ru,tr,en_status,ru_status,type
    ipcp,Individual Partnership and Cooperation Programme,Индивидуальная программа партнёрства и сотрудничества,Bireysel Ortaklık ve İşbirliği Programı,,,fullForm
    ipcp,IPCP,IPCP,IPCP,admitted,admitted,acronym
    occ,Operational Capabilities Concept,Концепция оперативных возможностей,,,,fullForm
    occ,OCC,OCC,,admitted,admitted,acronym
    turkiye,Türkiye,Турция,Türkiye,,,
    turkiye,Turkey,,,superseded,,
    caucasus,South Caucasus,Южный Кавказ,Güney Kafkasya,,,
    caucasus,,Закавказье,,,deprecated,
    site,Azerbaijan.us,Azerbaijan.us,Azerbaijan.us,,,

    """

    func checker(_ target: String = "ru", rules: String? = nil) throws -> TermChecker {
        var base = try DelimitedTermBase.read(Self.csv, dialect: .csv, name: "g.csv")
        for c in base.concepts.indices where base.concepts[c].id == "site" {
            for t in base.concepts[c].terms.indices { base.concepts[c].terms[t].doNotTranslate = true }
        }
        let config = try rules.map { try TermChecker.Configuration.parse($0) } ?? .init()
        return try TermChecker(termBase: base, sourceLanguage: "en", targetLanguage: target,
                               localesPath: Self.root + "/Locales", configuration: config)
    }

    func rules(_ source: String, _ target: String?, language: String = "ru") throws -> [String] {
        try checker(language).check([CheckUnit(file: "f", id: "1", source: source, target: target)]).map(\.rule.rawValue)
    }

    @Test("an inflected approved rendering is accepted; its absence is a missing term")
    func missingTerm() throws {
        #expect(try rules("Talks on the Individual Partnership and Cooperation Programme.",
                          "Переговоры по Индивидуальной программе партнёрства и сотрудничества.").isEmpty)
        #expect(try rules("Talks on the Individual Partnership and Cooperation Programme.", "Переговоры по программе IPCP.").isEmpty)
        #expect(try rules("Talks on the Individual Partnership and Cooperation Programme.", "Переговоры по плану партнёрства.") == ["missing-term"])
    }

    @Test("forbidden target terms, deprecated source terms with the preferred suggestion")
    func statuses() throws {
        let findings = try checker().check([CheckUnit(file: "f", id: "1", source: "Security in the South Caucasus and Turkey.",
                                                      target: "Безопасность в Закавказье и Турции.")])
        // A deprecated rendering is forbidden, and the approved one is still missing.
        #expect(findings.map(\.rule) == [.deprecatedSourceTerm, .forbiddenTerm, .missingTerm])
        #expect(findings[0].expected.first == "Türkiye" && findings[0].found == "Turkey")
        #expect(findings[1].expected == ["Южный Кавказ"] && findings[1].severity == .error)
        #expect(findings[2].expected == ["Южный Кавказ"] && findings[2].found == "Закавказье" && findings[2].targetRange != nil)
    }

    @Test("a variant one small edit away is reported even when the glossary does not list it")
    func variants() throws {
        let findings = try checker().check([CheckUnit(file: "f", id: "1", source: "under the Individual Partnership Cooperation Program",
                                                      target: "в рамках Индивидуальной программы партнёрства и сотрудничества")])
        #expect(findings.map(\.rule) == [.termVariant])
        #expect(findings.first?.expected == ["Individual Partnership and Cooperation Programme"])
    }

    @Test("acronym before its full form, once per document")
    func acronymFirstUse() throws {
        let units = [CheckUnit(file: "a", id: "1", source: "The OCC matters.", target: nil),
                     CheckUnit(file: "a", id: "2", source: "The Operational Capabilities Concept (OCC) again, OCC.", target: nil),
                     CheckUnit(file: "b", id: "1", source: "The Operational Capabilities Concept (OCC).", target: nil)]
        let findings = try checker().check(units)
        #expect(findings.map { "\($0.file):\($0.unit):\($0.rule.rawValue):\($0.severity.rawValue)" } == ["a:1:acronym-first-use:info"])
    }

    @Test("consistency across units")
    func consistency() throws {
        let units = [CheckUnit(file: "f", id: "1", source: "It is final.", target: "Это окончательно."),
                     CheckUnit(file: "f", id: "2", source: "It  is final.", target: "Это решено."),
                     CheckUnit(file: "f", id: "3", source: "It is done.", target: "Это окончательно.")]
        #expect(try checker().check(units).map { "\($0.unit):\($0.rule.rawValue)" } == ["2:inconsistent-target", "3:inconsistent-source"])
    }

    @Test("the most frequent translation of a repeated source is the reference")
    func majority() throws {
        let units = [CheckUnit(file: "f", id: "1", source: "It is final.", target: "Это решено."),
                     CheckUnit(file: "f", id: "2", source: "It is final.", target: "Это окончательно."),
                     CheckUnit(file: "f", id: "3", source: "It is final.", target: "Это окончательно.")]
        #expect(try checker().check(units).map { "\($0.unit):\($0.rule.rawValue)" } == ["1:inconsistent-target"])
    }

    @Test("do-not-translate terms, numbers in local formats, empty and untranslated targets")
    func qa() throws {
        #expect(try rules("Subscribe to Azerbaijan.us.", "Подпишитесь на Азербайджан.юс.") == ["dnt-changed"])
        #expect(try rules("Subscribe to Azerbaijan.us.", "Подпишитесь на Azerbaijan.us.").isEmpty)
        #expect(try rules("It cost 1,500.5 million, or 3.5%.", "Это стоило 1 500,5 млн, или 3,5%.").isEmpty)
        #expect(try rules("It cost 1,500.5 million.", "Это стоило 1 500 млн.") == ["number-mismatch"])
        #expect(try rules("Growth of 50% in 2025.", "2025'te %50 büyüme.", language: "tr").isEmpty)
        #expect(try rules("Hello.", "  ") == ["empty-target"])
        #expect(try rules("Security matters.", "Security matters.") == ["untranslated"])
        #expect(try rules("Azerbaijan.us", "Azerbaijan.us").isEmpty)
    }

    @Test("rules can be chosen and their severity changed")
    func configuration() throws {
        let findings = try checker(rules: "missing-term=warning").check(
            [CheckUnit(file: "f", id: "1", source: "The OCC and Turkey.", target: "Это.")])
        #expect(findings.map { "\($0.rule.rawValue)=\($0.severity.rawValue)" } == ["missing-term=warning", "missing-term=warning"])
        #expect(throws: GlossaryError.self) { try TermChecker.Configuration.parse("no-such-rule") }
        #expect(throws: GlossaryError.self) { try TermChecker.Configuration.parse("missing-term=fatal") }
    }

    @Test("numbers are read by each language's conventions")
    func numbers() {
        #expect(Numbers.values(in: "1,500.5 and 3.5% and 27.10.14", language: "en").map(\.value) == ["1500.5", "3.5", "271014"])
        #expect(Numbers.values(in: "1 500,5 и 1.000.000 и 3,5", language: "ru").map(\.value) == ["1500.5", "1000000", "3.5"])
        #expect(Numbers.values(in: "%50, 2.000", language: "tr").map(\.value) == ["50", "2000"])
        #expect(Numbers.values(in: "A4 paper, x2", language: "en").isEmpty)
    }
}
