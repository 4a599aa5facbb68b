import Foundation

/// One translation to store: a source segment, its translation, and where it came from.
public struct TMEntry: Sendable, Hashable {
    public var source: String
    public var target: String
    /// BCP 47 tags; stored lower-cased with `_` turned into `-`.
    public var sourceLanguage: String
    public var targetLanguage: String
    /// The source segments before and after this one in its document, for context matches.
    public var previous: String?
    public var next: String?
    /// The file or job the unit comes from.
    public var origin: String?

    public init(source: String, target: String, sourceLanguage: String, targetLanguage: String,
                previous: String? = nil, next: String? = nil, origin: String? = nil) {
        self.source = source
        self.target = target
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.previous = previous
        self.next = next
        self.origin = origin
    }
}

/// A unit found for a query segment.
public struct TMMatch: Sendable, Hashable {
    /// How the unit matches; the order of the cases is the order of preference.
    public enum Kind: String, Sendable, Hashable, Comparable {
        /// Same source text and same previous and next source segments.
        case context
        /// Same source text (after Unicode NFC normalization and whitespace collapsing).
        case exact
        /// Similar source text: word-level edit distance at or above the threshold.
        case fuzzy

        var rank: Int {
            switch self {
            case .context: return 0
            case .exact: return 1
            case .fuzzy: return 2
            }
        }

        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }

    public var kind: Kind
    /// 100 for context and exact matches; for fuzzy matches
    /// ⌊100 × (1 − word edit distance / max(token counts))⌋, at most 99.
    public var similarity: Int
    public var source: String
    public var target: String
    public var sourceLanguage: String
    public var targetLanguage: String
    public var origin: String?
    /// The unit's row id in the store.
    public var id: Int64
    public var created: Date
    public var changed: Date

    /// One number to sort by: 101 for context matches, otherwise the similarity.
    public var score: Int { kind == .context ? 101 : similarity }
}

/// What the store holds.
public struct TMStatistics: Sendable, Hashable {
    public struct LanguagePair: Sendable, Hashable {
        public var sourceLanguage: String
        public var targetLanguage: String
        public var units: Int
    }

    public var units: Int
    /// Units per language pair, most units first.
    public var languagePairs: [LanguagePair]
    /// Distinct word tokens in the fuzzy index.
    public var indexedTokens: Int
    /// Bytes on disk, including SQLite's write-ahead log.
    public var bytes: Int64
    public var lastChange: Date?
}

/// A failure of the translation memory, naming the file concerned.
public struct TMError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Malformed input (TMX), or a file that is not a translation memory.
        case data
        /// A file cannot be found or read.
        case unreadable
        /// A file cannot be written, or exists and may not be overwritten.
        case unwritable
        /// The request itself is wrong (for example an ambiguous language pair).
        case usage
    }

    public var kind: Kind
    public var file: String?
    public var line: Int?
    /// The TMX unit concerned, when known.
    public var unit: String?
    public var message: String

    public init(_ message: String, kind: Kind = .data, file: String? = nil, line: Int? = nil, unit: String? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.unit = unit
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(line.map { "\(file):\($0)" } ?? file) }
        if let unit { parts.append("unit \(unit)") }
        return (parts.isEmpty ? "" : parts.joined(separator: ": ") + ": ") + message
    }
}
