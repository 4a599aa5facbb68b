import BitextCore

/// How serious a finding is.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case info, warning, error

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The terminology and QA rules, with stable ids.
public enum CheckRule: String, Sendable, CaseIterable {
    case missingTerm = "missing-term"
    case forbiddenTerm = "forbidden-term"
    case deprecatedSourceTerm = "deprecated-source-term"
    case termVariant = "term-variant"
    case acronymFirstUse = "acronym-first-use"
    case inconsistentTarget = "inconsistent-target"
    case inconsistentSource = "inconsistent-source"
    case dntChanged = "dnt-changed"
    case numberMismatch = "number-mismatch"
    case emptyTarget = "empty-target"
    case untranslated

    /// The severity a rule has unless configured otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .missingTerm, .forbiddenTerm, .dntChanged, .numberMismatch, .emptyTarget: return .error
        case .deprecatedSourceTerm, .termVariant, .inconsistentTarget, .inconsistentSource, .untranslated: return .warning
        case .acronymFirstUse: return .info
        }
    }

    /// Whether the rule reads only the source text.
    public var isSourceOnly: Bool {
        self == .deprecatedSourceTerm || self == .termVariant || self == .acronymFirstUse
    }

    /// A one-line description, for SARIF and help.
    public var summary: String {
        switch self {
        case .missingTerm: return "The source has a glossary term and the target has none of its approved renderings."
        case .forbiddenTerm: return "The target uses a deprecated or superseded term."
        case .deprecatedSourceTerm: return "The source uses a deprecated or superseded term."
        case .termVariant: return "A source phrase is one small edit away from a glossary term."
        case .acronymFirstUse: return "An acronym appears before, or without, its full form."
        case .inconsistentTarget: return "Identical source segments are translated differently."
        case .inconsistentSource: return "The same target is used for different sources."
        case .dntChanged: return "A do-not-translate term is not in the target verbatim."
        case .numberMismatch: return "A number in the source is missing in the target."
        case .emptyTarget: return "The target is empty."
        case .untranslated: return "The target is identical to the source."
        }
    }
}

/// A finding: returned, never thrown.
public struct Finding: Sendable, Equatable {
    public var file: String
    /// The unit id (a line number for headerless TSV).
    public var unit: String
    public var rule: CheckRule
    public var severity: Severity
    public var concept: String?
    public var term: String?
    public var expected: [String]
    public var found: String?
    /// UTF-8 byte ranges in the unit's source and target.
    public var sourceRange: Range<Int>?
    public var targetRange: Range<Int>?
    public var message: String
    /// 1-based line of the unit in its file, when known.
    public var line: Int?

    public init(file: String, unit: String, rule: CheckRule, severity: Severity, concept: String? = nil, term: String? = nil,
                expected: [String] = [], found: String? = nil, sourceRange: Range<Int>? = nil, targetRange: Range<Int>? = nil,
                message: String, line: Int? = nil) {
        self.file = file
        self.unit = unit
        self.rule = rule
        self.severity = severity
        self.concept = concept
        self.term = term
        self.expected = expected
        self.found = found
        self.sourceRange = sourceRange
        self.targetRange = targetRange
        self.message = message
        self.line = line
    }
}

/// A unit to check: a source segment and, for bilingual input, its translation.
public struct CheckUnit: Sendable, Equatable {
    public var file: String
    public var id: String
    public var source: String
    /// Nil for monolingual input (source-side rules only).
    public var target: String?
    public var line: Int?

    public init(file: String, id: String, source: String, target: String?, line: Int? = nil) {
        self.file = file
        self.id = id
        self.source = source
        self.target = target
        self.line = line
    }
}
