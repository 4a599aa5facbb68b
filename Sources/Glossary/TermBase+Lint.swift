import BitextCore

/// A problem in a term base itself, found by `lint`.
public struct LintFinding: Sendable, Equatable, CustomStringConvertible {
    public enum Rule: String, Sendable, CaseIterable {
        /// The same term twice in one concept and language.
        case duplicateTerm = "duplicate-term"
        /// The same term in two concepts.
        case termInTwoConcepts = "term-in-two-concepts"
        /// A concept with terms in a language, none of them preferred.
        case noPreferredTerm = "no-preferred-term"
        /// A status Bitext does not know: it is kept, and checks treat the term as admitted.
        case unknownStatus = "unknown-status"
    }

    public var rule: Rule
    public var concept: String
    public var language: String
    public var term: String?
    public var location: SourceLocation?
    public var message: String

    public var description: String {
        "\(location.map { "\($0)" } ?? concept): warning: \(rule.rawValue): \(message)"
    }
}

extension TermBase {
    /// Duplicate terms, terms in two concepts, and concepts without a preferred term per language.
    public func lint() -> [LintFinding] {
        var findings: [LintFinding] = []
        var owners: [String: (concept: String, term: Term)] = [:]
        for concept in concepts {
            var seen: Set<String> = []
            for term in concept.terms {
                if term.hasUnknownStatus, let declared = term.declaredStatus {
                    findings.append(LintFinding(rule: .unknownStatus, concept: concept.id, language: term.language, term: term.text,
                                                location: term.location,
                                                message: "'\(term.text)' (\(term.language)) has the status '\(declared)', which Bitext does not know; checks treat it as admitted"))
                }
                let key = term.language + "\u{0}" + term.text.lowercased()
                if !seen.insert(key).inserted {
                    findings.append(LintFinding(rule: .duplicateTerm, concept: concept.id, language: term.language, term: term.text,
                                                location: term.location,
                                                message: "'\(term.text)' (\(term.language)) appears twice in concept \(concept.id)"))
                    continue
                }
                if let owner = owners[key], owner.concept != concept.id {
                    findings.append(LintFinding(rule: .termInTwoConcepts, concept: concept.id, language: term.language, term: term.text,
                                                location: term.location,
                                                message: "'\(term.text)' (\(term.language)) is in concepts \(owner.concept) and \(concept.id)"))
                } else if owners[key] == nil {
                    owners[key] = (concept.id, term)
                }
            }
            for language in concept.languages where !concept.terms.contains(where: { $0.language == language && $0.status == .preferred }) {
                findings.append(LintFinding(rule: .noPreferredTerm, concept: concept.id, language: language, term: nil,
                                            location: concept.location,
                                            message: "concept \(concept.id) has no preferred term in \(language)"))
            }
        }
        return findings
    }

    /// Concepts with a term that equals `text` when case-folded, in `language` if given.
    public func lookup(_ text: String, language: String? = nil) -> [Concept] {
        let wanted = text.lowercased()
        return concepts.filter { c in
            c.terms.contains { t in
                (language == nil || c.terms(in: language!).contains(t)) && t.text.lowercased() == wanted
            }
        }
    }
}
