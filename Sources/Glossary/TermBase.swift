import BitextCore

/// The administrative status of a term (TBX `administrativeStatus`).
public enum TermStatus: String, Sendable, CaseIterable, Codable {
    case preferred, admitted, deprecated, superseded

    /// The TBX value, such as `preferredTerm-admn-sts`.
    public var tbxValue: String { rawValue + "Term-admn-sts" }

    /// Reads a TBX value or a plain word ("preferred", "preferredTerm-admn-sts", "forbidden").
    public init?(tbx value: String) {
        var v = value.lowercased()
        if v.hasSuffix("term-admn-sts") { v = String(v.dropLast("term-admn-sts".count)) }
        switch v {
        case "preferred", "approved": self = .preferred
        case "admitted", "allowed": self = .admitted
        case "deprecated", "forbidden", "notrecommended", "not recommended": self = .deprecated
        case "superseded", "obsolete": self = .superseded
        default: return nil
        }
    }
}

/// The type of a term (TBX `termType`).
public enum TermType: String, Sendable, CaseIterable, Codable {
    case fullForm, acronym, abbreviation, shortForm, variant, phrase

    public init?(tbx value: String) {
        let folded = value.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" }
        guard let t = TermType.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = t
    }
}

/// One term of a concept in one language.
public struct Term: Sendable, Hashable {
    public var text: String
    /// Lower-cased BCP 47 tag.
    public var language: String
    public var status: TermStatus
    public var type: TermType?
    public var partOfSpeech: String?
    public var grammaticalGender: String?
    /// Whether case must match; nil means the default (acronyms case-sensitive, others not).
    public var caseSensitive: Bool?
    /// The term stays as it is in every language.
    public var doNotTranslate: Bool
    public var notes: [String]
    /// Where the term was read, for messages.
    public var location: SourceLocation?

    public init(text: String, language: String, status: TermStatus = .preferred, type: TermType? = nil,
                partOfSpeech: String? = nil, grammaticalGender: String? = nil, caseSensitive: Bool? = nil,
                doNotTranslate: Bool = false, notes: [String] = [], location: SourceLocation? = nil) {
        self.text = text
        self.language = language.lowercased()
        self.status = status
        self.type = type
        self.partOfSpeech = partOfSpeech
        self.grammaticalGender = grammaticalGender
        self.caseSensitive = caseSensitive
        self.doNotTranslate = doNotTranslate
        self.notes = notes
        self.location = location
    }

    /// Whether matching respects case: as set, else true for acronyms and abbreviations.
    public var matchesCaseSensitively: Bool {
        caseSensitive ?? (type == .acronym || type == .abbreviation)
    }

    /// Preferred or admitted.
    public var isApproved: Bool { status == .preferred || status == .admitted }
}

/// A concept: the terms that name one thing, in every language.
public struct Concept: Sendable, Hashable {
    public var id: String
    public var definition: String?
    public var subjectField: String?
    public var notes: [String]
    public var terms: [Term]
    public var location: SourceLocation?

    public init(id: String, definition: String? = nil, subjectField: String? = nil, notes: [String] = [],
                terms: [Term] = [], location: SourceLocation? = nil) {
        self.id = id
        self.definition = definition
        self.subjectField = subjectField
        self.notes = notes
        self.terms = terms
        self.location = location
    }

    /// The terms in `language` (primary subtag match: "az" finds "az-latn").
    public func terms(in language: String) -> [Term] {
        let wanted = language.lowercased()
        let primary = wanted.split(separator: "-").first.map(String.init) ?? wanted
        return terms.filter { $0.language == wanted || $0.language.split(separator: "-").first.map(String.init) == primary }
    }

    /// The languages the concept has terms in, sorted.
    public var languages: [String] { Array(Set(terms.map(\.language))).sorted() }
}

/// A term base: concepts read from one or more files.
public struct TermBase: Sendable, Hashable {
    public var concepts: [Concept]
    /// Where it came from.
    public var source: String

    public init(concepts: [Concept] = [], source: String = "") {
        self.concepts = concepts
        self.source = source
    }

    /// Every language with at least one term, sorted.
    public var languages: [String] { Array(Set(concepts.flatMap { $0.terms.map(\.language) })).sorted() }

    public var termCount: Int { concepts.reduce(0) { $0 + $1.terms.count } }
}
