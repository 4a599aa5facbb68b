import BitextCore
import Glossary

/// The analysis report of a job: words, characters and segments per document, repetitions,
/// translation memory match bands, and source-side findings.
public struct Analysis: Sendable {
    /// Match bands as CAT tools report them.
    public static let bands = ["context", "100%", "95-99%", "85-94%", "75-84%", "50-74%", "no match"]

    public struct Row: Sendable {
        public var document: String
        public var segments: Int
        public var translatableSegments: Int
        public var words: Int
        public var characters: Int
        /// Words in translatable segments whose text already occurred earlier in the job.
        public var repetitionWords: Int
        public var repetitionSegments: Int
        /// Per target language, words per match band; repetitions are counted apart, not in a band.
        public var bands: [String: [String: Int]]
    }

    public var rows: [Row]
    public var findings: [Finding]
    public var sourceLanguage: String
    public var targetLanguages: [String]
    /// The translation memory used, if any.
    public var translationMemory: String?

    /// The band of a fuzzy similarity.
    static func band(_ similarity: Int) -> String {
        switch similarity {
        case 100...: return "100%"
        case 95...99: return "95-99%"
        case 85...94: return "85-94%"
        case 75...84: return "75-84%"
        case 50...74: return "50-74%"
        default: return "no match"
        }
    }

    init(documents: [(JobManifest.Document, [TranslationUnitLike], [String: [String?]])], findings: [Finding], sourceLanguage: String,
         targetLanguages: [String], translationMemory: String?) {
        var seen: Set<String> = []
        rows = documents.map { entry, units, unitBands in
            var repetitionWords = 0, repetitionSegments = 0
            var repeated = [Bool](repeating: false, count: units.count)
            for (i, unit) in units.enumerated() where unit.translate {
                if !seen.insert(unit.text.trimmingWhitespace()).inserted {
                    repetitionWords += unit.words
                    repetitionSegments += 1
                    repeated[i] = true
                }
            }
            var bands: [String: [String: Int]] = [:]
            for language in targetLanguages {
                var counts = Dictionary(uniqueKeysWithValues: Analysis.bands.map { ($0, 0) })
                let perUnit = unitBands[language] ?? []
                for (i, unit) in units.enumerated() where unit.translate && !repeated[i] {
                    counts[(i < perUnit.count ? perUnit[i] : nil) ?? "no match", default: 0] += unit.words
                }
                bands[language] = counts
            }
            return Row(document: entry.name, segments: entry.segments, translatableSegments: entry.translatableSegments,
                       words: entry.words, characters: entry.characters, repetitionWords: repetitionWords,
                       repetitionSegments: repetitionSegments, bands: bands)
        }
        self.findings = findings
        self.sourceLanguage = sourceLanguage
        self.targetLanguages = targetLanguages
        self.translationMemory = translationMemory
    }

    /// The report as text.
    public func text() -> String {
        var out = "Analysis (\(sourceLanguage)); words by ICU word break, in translatable segments\n\n"
        var table = [["document", "segments", "translatable", "words", "characters", "repetitions"]]
        for r in rows {
            table.append([r.document, String(r.segments), String(r.translatableSegments), String(r.words), String(r.characters),
                          "\(r.repetitionWords) (\(r.repetitionSegments) seg.)"])
        }
        let total = rows.reduce(into: (0, 0, 0, 0, 0, 0)) { t, r in
            t.0 += r.segments; t.1 += r.translatableSegments; t.2 += r.words; t.3 += r.characters; t.4 += r.repetitionWords; t.5 += r.repetitionSegments
        }
        table.append(["total", String(total.0), String(total.1), String(total.2), String(total.3), "\(total.4) (\(total.5) seg.)"])
        out += Self.format(table)
        out += "\nTranslation memory match bands (words; repetitions not included): "
        out += translationMemory.map { "from \($0)\n" } ?? "no translation memory was given, so every word not repeated is \"no match\"\n"
        for language in targetLanguages {
            var bandTable = [["\(sourceLanguage) → \(language)"] + Analysis.bands]
            for r in rows { bandTable.append([r.document] + Analysis.bands.map { String(r.bands[language]?[$0] ?? 0) }) }
            bandTable.append(["total"] + Analysis.bands.map { band in String(rows.reduce(0) { $0 + ($1.bands[language]?[band] ?? 0) }) })
            out += "\n" + Self.format(bandTable)
        }
        out += "\nSource findings: \(findings.count)\n"
        for f in findings {
            out += "\(f.file):\(f.unit): \(f.severity.rawValue): \(f.rule.rawValue): \(f.message)\n"
        }
        return out
    }

    private static func format(_ table: [[String]]) -> String {
        let widths = table[0].indices.map { c in table.map { $0[c].count }.max() ?? 0 }
        return table.map { row in
            row.enumerated().map { c, cell in c == 0 ? cell.padding(widths[c]) : cell.leftPadding(widths[c]) }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// The report as JSON.
    public func json() -> String {
        func q(_ s: String) -> String { JSONEscaping.quoted(s) }
        var out = "{\n  \"sourceLanguage\": \(q(sourceLanguage)),\n  \"targetLanguages\": [\(targetLanguages.map(q).joined(separator: ", "))],\n"
        out += "  \"translationMemory\": \(translationMemory.map(q) ?? "null"),\n  \"documents\": [\n"
        out += rows.map { r in
            let bands = targetLanguages.map { language in
                "\(q(language)): {" + Analysis.bands.map { "\(q($0)): \(r.bands[language]?[$0] ?? 0)" }.joined(separator: ", ") + "}"
            }.joined(separator: ", ")
            return "    {\"document\": \(q(r.document)), \"segments\": \(r.segments), \"translatableSegments\": \(r.translatableSegments), "
                + "\"words\": \(r.words), \"characters\": \(r.characters), \"repetitions\": {\"segments\": \(r.repetitionSegments), \"words\": \(r.repetitionWords)}, "
                + "\"bands\": {\(bands)}}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"findings\": [\n"
        out += findings.map { f in
            "    {\"document\": \(q(f.file)), \"unit\": \(q(f.unit)), \"rule\": \(q(f.rule.rawValue)), \"severity\": \(q(f.severity.rawValue)), "
                + "\"term\": \(f.term.map(q) ?? "null"), \"expected\": [\(f.expected.map(q).joined(separator: ", "))], \"message\": \(q(f.message))}"
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }
}

/// What the analysis needs of a unit.
struct TranslationUnitLike: Sendable {
    var text: String
    var translate: Bool
    var words: Int
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    func leftPadding(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
