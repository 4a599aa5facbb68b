import Foundation
import Segmentation
import Testing

/// The segmentation conventions of each language, as gold cases under Fixtures/.
@Suite("Segmentation conventions")
struct ConventionTests {
    static let languages = ["en", "ru", "az", "tr", "fr", "de"]

    /// Each fixture set and the fewest cases it must hold per language.
    static let sets = [("conventions", 25), ("news", 40)]

    @Test("every fixture file has cases", arguments: sets)
    func fixturesExist(set: String, minimum: Int) {
        for language in Self.languages {
            #expect(TestSupport.cases("\(set)-\(language).jsonl").count >= minimum, "\(set)-\(language)")
        }
    }

    @Test("conventions and news prose in six languages",
          arguments: sets.flatMap { set in languages.flatMap { TestSupport.cases("\(set.0)-\($0).jsonl") } })
    func gold(_ c: TestSupport.Case) throws { try check(c) }

    private func check(_ c: TestSupport.Case) throws {
        let segmenter = try TestSupport.segmenter(c.lang)
        let got = segmenter.segments(of: c.text).map(\.text)
        #expect(TestSupport.normalized(got) == TestSupport.normalized(c.segments), "\(c.id): \(c.text)")
    }
}
