import Foundation
import Segmentation
import Testing

/// The segmentation conventions of each language, as gold cases under Fixtures/.
@Suite("Segmentation conventions")
struct ConventionTests {
    static let languages = ["en", "ru", "az", "tr", "fr", "de"]

    @Test("every fixture file has cases", arguments: languages)
    func fixturesExist(language: String) {
        #expect(TestSupport.cases("conventions-\(language).jsonl").count >= 25)
    }

    @Test("news prose fixtures exist", arguments: languages)
    func newsFixturesExist(language: String) {
        #expect(TestSupport.cases("news-\(language).jsonl").count >= 40)
    }

    @Test("news prose", arguments: languages.flatMap { TestSupport.cases("news-\($0).jsonl") })
    func news(_ c: TestSupport.Case) throws { try check(c) }

    @Test("English conventions", arguments: TestSupport.cases("conventions-en.jsonl"))
    func english(_ c: TestSupport.Case) throws { try check(c) }

    @Test("Russian conventions", arguments: TestSupport.cases("conventions-ru.jsonl"))
    func russian(_ c: TestSupport.Case) throws { try check(c) }

    @Test("Azerbaijani conventions", arguments: TestSupport.cases("conventions-az.jsonl"))
    func azerbaijani(_ c: TestSupport.Case) throws { try check(c) }

    @Test("Turkish conventions", arguments: TestSupport.cases("conventions-tr.jsonl"))
    func turkish(_ c: TestSupport.Case) throws { try check(c) }

    @Test("French conventions", arguments: TestSupport.cases("conventions-fr.jsonl"))
    func french(_ c: TestSupport.Case) throws { try check(c) }

    @Test("German conventions", arguments: TestSupport.cases("conventions-de.jsonl"))
    func german(_ c: TestSupport.Case) throws { try check(c) }

    private func check(_ c: TestSupport.Case) throws {
        let segmenter = try TestSupport.segmenter(c.lang)
        let got = segmenter.segments(of: c.text).map(\.text)
        #expect(TestSupport.normalized(got) == TestSupport.normalized(c.segments), "\(c.id): \(c.text)")
    }
}
