import Foundation
import Segmentation

/// Paths and shared objects for the segmentation tests.
enum TestSupport {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let fixtures = root + "/Tests/SegmentationTests/Fixtures"

    static func locales() throws -> LocaleData {
        try LocaleData(path: root + "/Locales")
    }

    static func segmenter(_ language: String) throws -> Segmenter {
        try Segmenter(language: language, locales: locales())
    }

    /// A temporary directory for one test, removed by the caller with `cleanUp`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Gold cases in the JSON Lines shape of the public Golden Rules.
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var id: String
        var lang: String
        var text: String
        var segments: [String]
        var testDescription: String { id }
    }

    static func cases(_ file: String) -> [Case] {
        guard let data = FileManager.default.contents(atPath: fixtures + "/" + file),
              let text = String(data: data, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }

    /// Segments with runs of white space made one space, as the scorer compares them.
    static func normalized(_ segments: [String]) -> [String] {
        segments.map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }.filter { !$0.isEmpty }
    }
}

import Testing
