import BitextCore
import Foundation

/// Checks units against a term base and for consistency, numbers and completeness.
///
/// Findings are values; nothing is thrown for what the translation gets wrong.
public final class TermChecker {
    /// Which rules run and how serious each is.
    public struct Configuration: Sendable {
        public var enabled: Set<CheckRule>
        public var severities: [CheckRule: Severity]

        public init(enabled: Set<CheckRule> = Set(CheckRule.allCases), severities: [CheckRule: Severity] = [:]) {
            self.enabled = enabled
            self.severities = severities
        }

        public func severity(_ rule: CheckRule) -> Severity { severities[rule] ?? rule.defaultSeverity }

        /// Parses `--rules`: a comma list of rule ids, each optionally `=error|warning|info`.
        /// - Throws: a message naming the unknown rule or severity.
        public static func parse(_ list: String) throws(GlossaryError) -> Configuration {
            var config = Configuration(enabled: [])
            for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard let rule = CheckRule(rawValue: parts[0]) else {
                    throw .malformed(SourceLocation(file: "--rules"), "unknown rule '\(parts[0])'; rules: \(CheckRule.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                config.enabled.insert(rule)
                if parts.count == 2 {
                    guard let s = Severity(rawValue: parts[1]) else {
                        throw .malformed(SourceLocation(file: "--rules"), "unknown severity '\(parts[1])'; use error, warning or info")
                    }
                    config.severities[rule] = s
                }
            }
            return config
        }
    }

    public let termBase: TermBase
    public let sourceLanguage: String
    public let targetLanguage: String?
    public let configuration: Configuration
    let source: TermMatcher
    let target: TermMatcher?
    let variants: TermMatcher?
    /// For each variant concept, the original concept index and the canonical term.
    var variantOrigins: [(concept: Int, canonical: String)] = []

    /// Prepares matchers for both languages and the source-side variant detector.
    /// - Throws: `GlossaryError` for a malformed tag or bad locale data.
    public init(termBase: TermBase, sourceLanguage: String, targetLanguage: String?, localesPath: String,
                configuration: Configuration = Configuration()) throws(GlossaryError) {
        self.termBase = termBase
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.configuration = configuration
        let sourceInflection = try Inflection.load(language: sourceLanguage, localesPath: localesPath)
        source = try TermMatcher(termBase: termBase, language: sourceLanguage, inflection: sourceInflection)
        if let targetLanguage {
            target = try TermMatcher(termBase: termBase, language: targetLanguage,
                                     inflection: Inflection.load(language: targetLanguage, localesPath: localesPath))
        } else {
            target = nil
        }
        let rules = try VariantRules.load(language: sourceLanguage, localesPath: localesPath)
        var variantBase = TermBase(source: termBase.source)
        var origins: [(Int, String)] = []
        let known = Set(termBase.concepts.flatMap { $0.terms(in: sourceLanguage).map { $0.text.lowercased() } })
        for (c, concept) in termBase.concepts.enumerated() {
            for term in concept.terms(in: sourceLanguage) where term.isApproved && term.type != .acronym {
                for v in rules.variants(of: term.text) where !known.contains(v.lowercased()) {
                    variantBase.concepts.append(Concept(id: "\(c)", terms: [Term(text: v, language: sourceLanguage)]))
                    origins.append((c, term.text))
                }
            }
        }
        variantOrigins = origins
        variants = variantBase.concepts.isEmpty ? nil
            : try TermMatcher(termBase: variantBase, language: sourceLanguage, inflection: sourceInflection)
    }

    /// Checks units in order (document order matters for acronym-first-use).
    public func check(_ units: [CheckUnit]) -> [Finding] {
        var findings: [Finding] = []
        var fullFormSeen: [String: Set<Int>] = [:]   // file -> concepts whose full form appeared
        var acronymReported: [String: Set<Int>] = [:]
        func add(_ unit: CheckUnit, _ rule: CheckRule, _ message: String, concept: Int? = nil, term: String? = nil,
                 expected: [String] = [], found: String? = nil, sourceRange: Range<Int>? = nil, targetRange: Range<Int>? = nil) {
            guard configuration.enabled.contains(rule) else { return }
            findings.append(Finding(file: unit.file, unit: unit.id, rule: rule, severity: configuration.severity(rule),
                                    concept: concept.map { termBase.concepts[$0].id }, term: term, expected: expected, found: found,
                                    sourceRange: sourceRange, targetRange: targetRange, message: message, line: unit.line))
        }
        /// A deprecated or superseded term in the source or target, with the preferred term.
        func disapproved(_ unit: CheckUnit, _ hit: TermOccurrence, _ rule: CheckRule, _ language: String) {
            let concept = termBase.concepts[hit.concept]
            let term = concept.terms[hit.term]
            let preferred = preferredTerms(concept, language)
            let inSource = rule == .deprecatedSourceTerm
            add(unit, rule, "'\(hit.text)' is \(term.status.rawValue); use '\(preferred.first ?? "?")'",
                concept: hit.concept, term: term.text, expected: preferred, found: hit.text,
                sourceRange: inSource ? hit.range : nil, targetRange: inSource ? nil : hit.range)
        }
        for unit in units {
            let sourceHits = source.occurrences(in: unit.source)
            // Source side.
            for hit in sourceHits {
                let concept = termBase.concepts[hit.concept]
                let term = concept.terms[hit.term]
                if !term.isApproved { disapproved(unit, hit, .deprecatedSourceTerm, sourceLanguage) }
                if term.type == .acronym {
                    if !(fullFormSeen[unit.file]?.contains(hit.concept) ?? false),
                       !(acronymReported[unit.file]?.contains(hit.concept) ?? false),
                       let full = concept.terms(in: sourceLanguage).first(where: { $0.type == .fullForm || ($0.type == nil && $0.text.count > term.text.count) }) {
                        add(unit, .acronymFirstUse, "acronym '\(hit.text)' appears before its full form '\(full.text)'",
                            concept: hit.concept, term: term.text, expected: [full.text], found: hit.text, sourceRange: hit.range)
                        acronymReported[unit.file, default: []].insert(hit.concept)
                    }
                } else {
                    fullFormSeen[unit.file, default: []].insert(hit.concept)
                }
            }
            if let variants {
                for v in variants.occurrences(in: unit.source)
                where !sourceHits.contains(where: { $0.range.overlaps(v.range) }) {
                    let origin = variantOrigins[v.concept]
                    add(unit, .termVariant, "'\(v.text)' is a variant of the glossary term '\(origin.canonical)'",
                        concept: origin.concept, term: origin.canonical, expected: [origin.canonical], found: v.text, sourceRange: v.range)
                }
            }
            guard let text = unit.target, let target, let targetLanguage else { continue }
            // Target side.
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                if !unit.source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    add(unit, .emptyTarget, "the target is empty")
                }
                continue
            }
            let targetHits = target.occurrences(in: text)
            for hit in targetHits {
                let concept = termBase.concepts[hit.concept]
                let term = concept.terms[hit.term]
                if !term.isApproved { disapproved(unit, hit, .forbiddenTerm, targetLanguage) }
            }
            var checked: Set<Int> = []
            for hit in sourceHits where checked.insert(hit.concept).inserted {
                let concept = termBase.concepts[hit.concept]
                let sourceTerm = concept.terms[hit.term]
                if sourceTerm.doNotTranslate {
                    if !text.contains(sourceTerm.text) {
                        add(unit, .dntChanged, "'\(sourceTerm.text)' must stay as it is in the target",
                            concept: hit.concept, term: sourceTerm.text, expected: [sourceTerm.text], sourceRange: hit.range)
                    }
                    continue
                }
                let approved = preferredTerms(concept, targetLanguage)
                guard !approved.isEmpty else { continue }
                // A deprecated rendering does not count: it is reported as forbidden-term too.
                let rendered = targetHits.contains { $0.concept == hit.concept && concept.terms[$0.term].isApproved }
                if !rendered {
                    let wrong = targetHits.first { $0.concept == hit.concept }
                    add(unit, .missingTerm, "'\(hit.text)' is not rendered with an approved term: \(approved.map { "'\($0)'" }.joined(separator: " or "))"
                        + (wrong.map { " (found '\($0.text)', which is not approved)" } ?? ""),
                        concept: hit.concept, term: sourceTerm.text, expected: approved, found: wrong?.text, sourceRange: hit.range,
                        targetRange: wrong?.range)
                }
            }
            // Numbers.
            let targetValues = Numbers.values(in: text, language: targetLanguage)
            var available = Dictionary(grouping: targetValues.map(\.value), by: { $0 }).mapValues(\.count)
            for n in Numbers.values(in: unit.source, language: sourceLanguage) {
                if let k = available[n.value], k > 0 { available[n.value] = k - 1; continue }
                let bytes = Array(unit.source.utf8)
                let shown = String(decoding: bytes[n.range], as: UTF8.self)
                add(unit, .numberMismatch, "the number \(shown) is missing in the target", expected: [n.value], found: nil, sourceRange: n.range)
            }
            // Untranslated.
            let s = unit.source.trimmingCharacters(in: .whitespacesAndNewlines)
            if s == text.trimmingCharacters(in: .whitespacesAndNewlines), s.contains(where: { $0.isLetter }),
               !sourceHits.contains(where: { termBase.concepts[$0.concept].terms[$0.term].doNotTranslate && $0.text.count == s.count }) {
                add(unit, .untranslated, "the target is identical to the source")
            }
        }
        findings += consistency(units)
        return findings
    }

    /// Approved terms of a concept in a language, preferred first.
    func preferredTerms(_ concept: Concept, _ language: String) -> [String] {
        let terms = concept.terms(in: language).filter(\.isApproved)
        return terms.filter { $0.status == .preferred }.map(\.text) + terms.filter { $0.status == .admitted }.map(\.text)
    }

    /// inconsistent-target and inconsistent-source across all units. The reference translation
    /// of a repeated source is the most frequent one (the first on a tie), so in A, B, B the A is
    /// reported; likewise for the sources of a repeated target.
    func consistency(_ units: [CheckUnit]) -> [Finding] {
        func normal(_ s: String) -> String { s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
        let bilingual = units.filter { u in u.target.map { !normal($0).isEmpty } ?? false && !normal(u.source).isEmpty }
        var findings: [Finding] = []
        func report(_ rule: CheckRule, key: (CheckUnit) -> String, value: (CheckUnit) -> String,
                    message: (CheckUnit) -> String, expected: (CheckUnit) -> String, found: (CheckUnit) -> String) {
            guard configuration.enabled.contains(rule) else { return }
            var groups: [String: [CheckUnit]] = [:]
            var order: [String] = []
            for u in bilingual {
                let k = key(u)
                if groups[k] == nil { order.append(k) }
                groups[k, default: []].append(u)
            }
            for k in order {
                let group = groups[k]!
                var counts: [String: Int] = [:]
                for u in group { counts[value(u), default: 0] += 1 }
                guard counts.count > 1 else { continue }
                let best = counts.values.max()!
                let reference = group.first { counts[value($0)] == best }!
                for u in group where value(u) != value(reference) {
                    findings.append(Finding(file: u.file, unit: u.id, rule: rule, severity: configuration.severity(rule),
                                            expected: [expected(reference)], found: found(u), message: message(reference), line: u.line))
                }
            }
        }
        func place(_ r: CheckUnit) -> String { "\(r.file):\(r.id)" }
        report(.inconsistentTarget, key: { normal($0.source) }, value: { normal($0.target ?? "") },
               message: { "the same source is translated differently; most often as in \(place($0))" },
               expected: { $0.target ?? "" }, found: { $0.target ?? "" })
        report(.inconsistentSource, key: { normal($0.target ?? "") }, value: { normal($0.source) },
               message: { "the same target translates a different source; most often the source of \(place($0))" },
               expected: { $0.source }, found: { $0.source })
        return findings.sorted { ($0.file, Int($0.unit) ?? 0) < ($1.file, Int($1.unit) ?? 0) }
    }
}

/// Small edits that make a term variant: dropped function words, spelling pairs, hyphens,
/// read from `Locales/<lang>/variants.txt`.
struct VariantRules {
    var functionWords: Set<String> = []
    var spellings: [(String, String)] = []

    static func load(language: String, localesPath: String) throws(GlossaryError) -> VariantRules {
        let primary = language.lowercased().split(separator: "-").first.map(String.init) ?? language
        let path = "\(localesPath)/\(primary)/variants.txt"
        var rules = VariantRules()
        guard let data = FileManager.default.contents(atPath: path) else { return rules }
        var section = ""
        for (n, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingWhitespace() ?? ""
            if line.isEmpty { continue }
            if line.hasPrefix("[") { section = line; continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            switch section {
            case "[function-words]": rules.functionWords.formUnion(words.map { $0.lowercased() })
            case "[spellings]":
                guard words.count == 2 else {
                    throw .malformed(SourceLocation(file: path, line: n + 1, column: 1), "a spelling pair is two words: 'programme program'")
                }
                rules.spellings.append((words[0], words[1]))
            default:
                throw .malformed(SourceLocation(file: path, line: n + 1, column: 1), "expected [function-words] or [spellings]")
            }
        }
        return rules
    }

    /// Variants of a term one or two small edits away: a function word dropped, a spelling
    /// swapped, a hyphen made a space or two words hyphenated.
    func variants(of term: String) -> [String] {
        let words = term.split(separator: " ").map(String.init)
        var drops: [[String]] = [words]
        if words.count >= 3 {
            for (i, w) in words.enumerated() where i > 0 && i < words.count - 1 && functionWords.contains(w.lowercased()) {
                var d = words; d.remove(at: i); drops.append(d)
            }
        }
        var result: Set<String> = []
        for d in drops {
            for swapped in spellingVariants(d) { result.insert(swapped.joined(separator: " ")) }
        }
        if term.contains("-") { result.insert(term.replacingOccurrences(of: "-", with: " ")) }
        if words.count == 2 { result.insert(words.joined(separator: "-")) }
        result.remove(term)
        return result.sorted()
    }

    private func spellingVariants(_ words: [String]) -> [[String]] {
        var out: [[String]] = [words]
        for (i, w) in words.enumerated() {
            for (a, b) in spellings {
                for (from, to) in [(a, b), (b, a)] where w.lowercased() == from.lowercased() {
                    out += out.map { var v = $0; v[i] = w.first!.isUppercase ? to.prefix(1).uppercased() + to.dropFirst() : to; return v }
                }
            }
        }
        return out
    }
}
