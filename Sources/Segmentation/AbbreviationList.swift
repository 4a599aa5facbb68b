import BitextCore

/// How an abbreviation behaves before a following word (one `[section]` of `abbreviations.txt`).
public enum AbbreviationKind: String, Sendable, CaseIterable {
    /// Never ends a sentence: Dr., Mr., Gen.
    case title
    /// Not an end before a number (No. 5, p. 55); otherwise like `common`.
    case number
    /// Ends a sentence only before a sentence-starter word: etc., Inc., U.S.
    case common
    /// Times such as a.m. and p.m.: ends a sentence before a capitalised word once the sentence has a few words.
    case time
}

/// A language's abbreviation list, read from `Locales/<lang>/abbreviations.txt`.
///
/// Entries are written without their final period. An all-lowercase entry also matches
/// with a capitalised first letter. Entries may hold internal periods ("e.g") and one
/// internal space ("z. B").
public struct AbbreviationList: Sendable {
    private var entries: [String: AbbreviationKind] = [:]
    /// First tokens of two-token entries ("z" of "z. B"), with the second tokens they take.
    private var twoTokenFirsts: [String: [String: AbbreviationKind]] = [:]
    /// Hashes of every entry and two-token first half, to skip ordinary words without making strings.
    private var hashes: Set<UInt64> = []

    public init() {}

    /// Parses the list format.
    /// - Throws: `SegmentationError.badLocaleData` naming the file and line.
    public init(parsing text: String, file: String) throws(SegmentationError) {
        var kind: AbbreviationKind?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" }
                guard line.contains("]"), let k = AbbreviationKind(rawValue: String(name)) else {
                    throw .badLocaleData(SourceLocation(file: file, line: lineNumber, column: 1),
                                         "unknown section '\(line)'; expected one of \(AbbreviationKind.allCases.map { "[\($0.rawValue)]" }.joined(separator: ", "))")
                }
                kind = k
                continue
            }
            guard let kind else {
                throw .badLocaleData(SourceLocation(file: file, line: lineNumber, column: 1),
                                     "entry '\(line)' comes before any [section]")
            }
            let entry = line.split(separator: "#", maxSplits: 1).first.map { $0.trimmingWhitespace() } ?? line
            var word = entry
            if word.hasSuffix(".") { word.removeLast() }
            if word.isEmpty { continue }
            add(String(word), kind)
        }
    }

    mutating func add(_ entry: String, _ kind: AbbreviationKind) {
        for form in Self.forms(of: entry) {
            entries[form] = kind
            hashes.insert(Self.hash(form))
            let parts = form.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].hasSuffix(".") {
                let first = String(parts[0].dropLast())
                twoTokenFirsts[first, default: [:]][String(parts[1]), default: kind] = kind
                hashes.insert(Self.hash(first))
            }
        }
    }

    private static func forms(of entry: String) -> [String] {
        guard entry.contains(where: { $0.isLetter }),
              entry == entry.lowercased(),
              let first = entry.first else { return [entry] }
        return [entry, first.uppercased() + entry.dropFirst()]
    }

    /// The kind of `token` (without its final period), or nil when it is not listed.
    public func kind(of token: String) -> AbbreviationKind? { entries[token] }

    /// When `token` is the first half of a two-token abbreviation whose second half is `next`, its kind.
    public func twoTokenKind(first token: String, second next: String) -> AbbreviationKind? {
        twoTokenFirsts[token]?[next]
    }

    public var count: Int { entries.count }

    /// False when `units` is certainly neither an entry nor the first half of a two-token entry.
    public func mightContain(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        hashes.contains(Self.hash(units))
    }

    static func hash(_ string: String) -> UInt64 {
        let units = Array(string.utf16)
        return units.withUnsafeBufferPointer { hash($0) }
    }

    /// FNV-1a over UTF-16 code units.
    static func hash(_ units: UnsafeBufferPointer<UInt16>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for u in units {
            h = (h ^ UInt64(u)) &* 0x0000_0100_0000_01B3
        }
        return h
    }
}
