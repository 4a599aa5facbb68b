import BitextCore
import Foundation
import Segmentation
import Testing

@Suite("Locale data")
struct LocaleDataTests {
    @Test("the shipped SRX file maps every language and compiles")
    func shippedRules() throws {
        let locales = try TestSupport.locales()
        for language in ["en", "ru", "az", "tr", "fr", "de"] {
            let rules = try LanguageRules(tag: language, locales: locales)
            #expect(rules.srxRuleSets.first != "Default", "\(language) has its own SRX rules")
            #expect(rules.srxRuleSets.last == "Default")
            #expect(rules.abbreviations.count > 20)
            #expect(rules.sentenceStarters.count > 50)
            #expect(!rules.boilerplate.isEmpty)
            _ = try Segmenter(rules: rules)
        }
    }

    @Test("SRX errors name the file and line")
    func badSRX() {
        #expect(throws: SegmentationError.badLocaleData(SourceLocation(file: "t.srx", line: 3, column: 1), "<rule> outside <languagerule>")) {
            try SRXDocument(xml: "<srx xmlns='http://www.lisa.org/srx20' version='2.0'>\n<body>\n<rule break='no'/></body></srx>", name: "t.srx")
        }
        #expect(throws: SegmentationError.self) {
            try SRXDocument(xml: "<srx version='2.0'><body><languagerules>", name: "t.srx")
        }
        #expect(throws: SegmentationError.self) {
            try SRXDocument(xml: "<!DOCTYPE srx [<!ENTITY a 'b'>]><srx version='2.0'/>", name: "t.srx")
        }
    }

    @Test("SRX rules are read in order with break flags")
    func readSRX() throws {
        let xml = """
        <srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body><languagerules>
        <languagerule languagerulename="X"><rule break="no"><beforebreak>\\bDr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
        <rule><beforebreak>[.?!]</beforebreak><afterbreak>\\s+\\p{Lu}</afterbreak></rule></languagerule>
        </languagerules><maprules><languagemap languagepattern="xx.*" languagerulename="X"/></maprules></body></srx>
        """
        let srx = try SRXDocument(xml: xml)
        #expect(srx.cascade == false)
        #expect(srx.languageRules["X"]?.map(\.isBreak) == [false, true])
        #expect(srx.languageRules["X"]?.first?.before == "\\bDr\\.")
        #expect(srx.maps == [SRXDocument.LanguageMap(pattern: "xx.*", ruleName: "X")])
    }

    @Test("abbreviation lists parse sections and report bad lines")
    func abbreviations() throws {
        let list = try AbbreviationList(parsing: "# c\n[title]\nDr\n[common]\netc.\nz. B\n", file: "a.txt")
        #expect(list.kind(of: "Dr") == .title)
        #expect(list.kind(of: "etc") == .common && list.kind(of: "Etc") == .common)
        #expect(list.twoTokenKind(first: "z", second: "B") == .common)
        #expect(throws: SegmentationError.badLocaleData(SourceLocation(file: "a.txt", line: 1, column: 1), "entry 'Dr' comes before any [section]")) {
            try AbbreviationList(parsing: "Dr\n", file: "a.txt")
        }
        #expect(throws: SegmentationError.self) { try AbbreviationList(parsing: "[bogus]\n", file: "a.txt") }
    }
}
