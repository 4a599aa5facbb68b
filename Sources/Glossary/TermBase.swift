import BitextCore

/// The administrative status of a term (TBX `administrativeStatus`).
public enum TermStatus: String, Sendable, CaseIterable, Codable {
    case preferred, admitted, deprecated, superseded

    /// The TBX value, such as `preferredTerm-admn-sts`.
    public var tbxValue: String { rawValue + "Term-admn-sts" }

    /// Reads a value of `administrativeStatus` ("preferredTerm-admn-sts"), `normativeAuthorization`
    /// ("standardizedTerm", "deprecatedTerm"), `usageStatus` ("notRecommended", "obsolete") or a
    /// plain word ("preferred", "forbidden"). Nil for a value it does not know.
    public init?(tbx value: String) {
        var v = value.lowercased().filter { $0 != " " && $0 != "_" }
        for suffix in ["-admn-sts", "-usg", "-nrm-auth"] where v.hasSuffix(suffix) { v = String(v.dropLast(suffix.count)) }
        if v.hasSuffix("term") && v != "term" { v = String(v.dropLast(4)) }
        switch v {
        case "preferred", "approved", "standardized", "legal", "regulated", "recommended": self = .preferred
        case "admitted", "allowed", "permitted", "accepted": self = .admitted
        case "deprecated", "forbidden", "notrecommended", "not-recommended", "rejected", "prohibited": self = .deprecated
        case "superseded", "obsolete", "outdated": self = .superseded
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
    /// The status checks go by: the one the term base gives, preferred when it gives none, and
    /// admitted for a value Bitext does not know (kept in `declaredStatus`; `lint` reports it).
    public var status: TermStatus
    /// The status as the term base wrote it; nil when it gives none (and a converted term base
    /// then writes none).
    public var declaredStatus: String?
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

    public init(text: String, language: String, status: TermStatus? = nil, type: TermType? = nil,
                partOfSpeech: String? = nil, grammaticalGender: String? = nil, caseSensitive: Bool? = nil,
                doNotTranslate: Bool = false, notes: [String] = [], location: SourceLocation? = nil) {
        self.text = text
        self.language = language.lowercased()
        self.status = status ?? .preferred
        self.declaredStatus = status?.rawValue
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

    /// Sets the status from a value in a term base: known values by `TermStatus(tbx:)`, others
    /// kept as written and treated as admitted.
    public mutating func declareStatus(_ value: String) {
        declaredStatus = value
        status = TermStatus(tbx: value) ?? .admitted
    }

    /// The longest term a term base may hold, in UTF-8 bytes: longer "terms" (a pasted paragraph,
    /// a damaged file) are skipped with a warning, since matching cost grows with them.
    public static let maximumLength = 1_024

    /// The warning for a term that is skipped because it is too long, or nil.
    var overlongWarning: String? {
        guard text.utf8.count > Term.maximumLength else { return nil }
        return "\(location.map { "\($0)" } ?? language): warning: a term of \(text.utf8.count) bytes was skipped (terms are at most \(Term.maximumLength) bytes)"
    }

    /// Whether the term base gave a status that Bitext does not know.
    public var hasUnknownStatus: Bool { declaredStatus.map { TermStatus(tbx: $0) == nil } ?? false }
}

/// A concept: the terms that name one thing, in every language.
public struct Concept: Sendable, Hashable {
    public var id: String
    /// The definition given for the concept as a whole.
    public var definition: String?
    /// Definitions given inside a language section, by lower-cased language tag.
    public var definitions: [String: String] = [:]
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

    /// The definition in `language` (primary subtag match), else the concept's own.
    public func definition(in language: String) -> String? {
        let wanted = language.lowercased()
        let primary = wanted.split(separator: "-").first.map(String.init) ?? wanted
        return definitions[wanted] ?? definitions.first { $0.key.split(separator: "-").first.map(String.init) == primary }?.value ?? definition
    }

    /// The number of definitions, the concept's and each language's.
    public var definitionCount: Int { (definition == nil ? 0 : 1) + definitions.count }

    /// The languages the concept has terms in, sorted.
    public var languages: [String] { Array(Set(terms.map(\.language))).sorted() }
}

/// A term base: concepts read from one or more files.
public struct TermBase: Sendable, Hashable {
    public var concepts: [Concept]
    /// Where it came from.
    public var source: String
    /// What the reader passed over (an empty term), each with its place: for a warning.
    public var warnings: [String] = []

    public init(concepts: [Concept] = [], source: String = "") {
        self.concepts = concepts
        self.source = source
    }

    /// Every language with at least one term, sorted.
    public var languages: [String] { Array(Set(concepts.flatMap { $0.terms.map(\.language) })).sorted() }

    public var termCount: Int { concepts.reduce(0) { $0 + $1.terms.count } }
}
