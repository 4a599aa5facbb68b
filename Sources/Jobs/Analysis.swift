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
        /// Words per match band (without a translation memory, everything but repetitions is "no match").
        public var bands: [String: Int]
    }

    public var rows: [Row]
    public var findings: [Finding]
    public var sourceLanguage: String

    init(documents: [(JobManifest.Document, [TranslationUnitLike])], findings: [Finding], sourceLanguage: String) {
        var seen: Set<String> = []
        rows = documents.map { entry, units in
            var repetitionWords = 0, repetitionSegments = 0
            var words = 0
            for unit in units where unit.translate {
                let key = unit.text.trimmingWhitespace()
                let w = unit.words
                words += w
                if !seen.insert(key).inserted {
                    repetitionWords += w
                    repetitionSegments += 1
                }
            }
            var bands = Dictionary(uniqueKeysWithValues: Analysis.bands.map { ($0, 0) })
            bands["no match"] = entry.words - repetitionWords
            return Row(document: entry.name, segments: entry.segments, translatableSegments: entry.translatableSegments,
                       words: entry.words, characters: entry.characters, repetitionWords: repetitionWords,
                       repetitionSegments: repetitionSegments, bands: bands)
        }
        self.findings = findings
        self.sourceLanguage = sourceLanguage
    }

    /// The report as text.
    public func text(translationMemory: Bool) -> String {
        var out = "Analysis (\(sourceLanguage)); words by ICU word break, in translatable segments\n\n"
        let header = ["document", "segments", "translatable", "words", "characters", "repetitions"] + Analysis.bands
        var table = [header]
        for r in rows {
            table.append([r.document, String(r.segments), String(r.translatableSegments), String(r.words), String(r.characters),
                          "\(r.repetitionWords) (\(r.repetitionSegments) seg.)"] + Analysis.bands.map { String(r.bands[$0] ?? 0) })
        }
        let total = rows.reduce(into: (0, 0, 0, 0, 0, 0)) { t, r in
            t.0 += r.segments; t.1 += r.translatableSegments; t.2 += r.words; t.3 += r.characters; t.4 += r.repetitionWords; t.5 += r.repetitionSegments
        }
        table.append(["total", String(total.0), String(total.1), String(total.2), String(total.3), "\(total.4) (\(total.5) seg.)"]
                     + Analysis.bands.map { band in String(rows.reduce(0) { $0 + ($1.bands[band] ?? 0) }) })
        let widths = header.indices.map { c in table.map { $0[c].count }.max() ?? 0 }
        for row in table {
            out += row.enumerated().map { c, cell in c == 0 ? cell.padding(widths[c]) : cell.leftPadding(widths[c]) }.joined(separator: "  ") + "\n"
        }
        if !translationMemory { out += "\nNo translation memory was given: every word not repeated is \"no match\".\n" }
        out += "\nSource findings: \(findings.count)\n"
        for f in findings {
            out += "\(f.file):\(f.unit): \(f.severity.rawValue): \(f.rule.rawValue): \(f.message)\n"
        }
        return out
    }

    /// The report as JSON.
    public func json() -> String {
        func q(_ s: String) -> String { JSONEscaping.quoted(s) }
        var out = "{\n  \"sourceLanguage\": \(q(sourceLanguage)),\n  \"documents\": [\n"
        out += rows.map { r in
            let bands = Analysis.bands.map { "\(q($0)): \(r.bands[$0] ?? 0)" }.joined(separator: ", ")
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
