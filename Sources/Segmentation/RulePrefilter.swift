import BitextICU

/// A memoized membership test for a union of regex atoms, such as `\p{Lu}`, `[?!]` or `\.`.
///
/// Answers come from a table over all UTF-16 units, filled on first use of each unit.
final class CharPredicate {
    private let atoms: [RegularExpression]
    private let probe = UTF16Buffer(minimumCapacity: 2)
    /// 0 = no, 1 = yes, 2 = not yet known, for every UTF-16 unit (surrogates: yes, as unknown).
    let table: UnsafeMutablePointer<UInt8>

    /// Compiles `atoms`; nil when ICU rejects one of them on its own.
    init?(atoms sources: [String]) {
        var atoms: [RegularExpression] = []
        for source in sources {
            guard let r = try? RegularExpression(source) else { return nil }
            atoms.append(r)
        }
        self.atoms = atoms
        table = .allocate(capacity: 65536)
        table.initialize(repeating: 2, count: 65536)
        for u in 0xD800...0xDFFF { table[u] = 1 }
    }

    convenience init?(atom: String) { self.init(atoms: [atom]) }

    deinit { table.deallocate() }

    /// Fills in and returns the answer for a unit whose table entry is unknown.
    func resolve(_ u: UInt16) -> Bool {
        probe.replace(withUnits: CollectionOfOne(u))
        var r = false
        for a in atoms {
            a.attach(probe)
            if a.matchesWhole(0..<1, transparent: false) { r = true; break }
        }
        table[Int(u)] = r ? 1 : 0
        return r
    }

    /// Whether one of the atoms can match the character whose UTF-16 unit is `u`.
    @inline(__always)
    func contains(_ u: UInt16) -> Bool {
        let known = table[Int(u)]
        if known != 2 { return known == 1 }
        return resolve(u)
    }
}

/// Cheap necessary conditions for an SRX rule, read off the first and last atoms of its
/// patterns, so that ICU is only asked where the rule could match.
///
/// The analysis understands sequences of literals, escapes, classes and properties with
/// quantifiers, and look-around groups (skipped as zero-width). Anything else (alternation,
/// groups, back-references) makes it give up, and the rule is then always evaluated.
struct RulePrefilter {
    /// Must hold for the characters just before the position: `[0]` for the last, `[1]` for the one before, …
    var lastOfBefore: [CharPredicate]?
    /// Must hold for the first character of the before-break match (for scans).
    var firstOfBefore: CharPredicate?
    var firstOfBeforeSources: [String]?
    var firstOfAfterSources: [String]?
    /// True when the before-break pattern always matches exactly one character.
    var beforeIsOneChar = false
    /// Whitespace-like atoms the after-break pattern may start with.
    var afterSpaces: CharPredicate?
    /// This must hold for the first character after the leading whitespace-like atoms.
    var firstOfAfter: CharPredicate?

    init(before: String, after: String) {
        if let atoms = Self.atoms(before) {
            let real = atoms.filter { !$0.zeroWidth }
            lastOfBefore = Self.suffixChain(real)
            firstOfBeforeSources = Self.sources(real)
            firstOfBefore = firstOfBeforeSources.flatMap { CharPredicate(atoms: $0) }
            beforeIsOneChar = real.count == 1 && real[0].min == 1 && real[0].max == 1
        }
        if let atoms = Self.atoms(after) {
            var real = atoms.filter { !$0.zeroWidth }[...]
            let probes: [UInt16] = Array("aA0.,-(\"«»—•…!?'".utf16)
            var spaces: [String] = []
            while let a = real.first, let p = CharPredicate(atom: a.source), p.contains(0x20),
                  !probes.contains(where: p.contains) {
                spaces.append(a.source)
                real = real.dropFirst()
            }
            if let a = real.first, a.min >= 1, let p = CharPredicate(atom: a.source), !p.contains(0x20) {
                firstOfAfter = p
                firstOfAfterSources = [a.source]
                afterSpaces = spaces.isEmpty ? nil : CharPredicate(atoms: spaces)
            }
        }
    }

    struct Atom {
        var source: String
        var zeroWidth: Bool
        var min: Int
        var max: Int
    }

    /// Predicates for the last characters a match of `atoms` must end with, up to three.
    private static func suffixChain(_ atoms: [Atom]) -> [CharPredicate]? {
        var chain: [CharPredicate] = []
        for a in atoms.reversed() {
            guard chain.count < 3, a.min >= 1, let p = CharPredicate(atom: a.source) else { break }
            chain.append(p)
            if a.max != 1 { break }
        }
        if !chain.isEmpty { return chain }
        // The last atom is optional: the last character is one of several atoms'.
        return predicates(atoms.reversed()).map { [$0] }
    }

    /// The predicates of atoms from the first until one that must occur, or nil when all may be absent.
    private static func predicates<S: Sequence>(_ atoms: S) -> CharPredicate? where S.Element == Atom {
        sources(atoms).flatMap { CharPredicate(atoms: $0) }
    }

    private static func sources<S: Sequence>(_ atoms: S) -> [String]? where S.Element == Atom {
        var sources: [String] = []
        for a in atoms {
            sources.append(a.source)
            if a.min >= 1 { return sources }
        }
        return nil
    }

    /// Splits a pattern into atoms with quantifiers, or nil when it has constructs the prefilter does not model.
    static func atoms(_ pattern: String) -> [Atom]? {
        let s = Array(pattern.unicodeScalars)
        var i = 0
        var result: [Atom] = []
        while i < s.count {
            let start = i
            var zeroWidth = false
            switch s[i] {
            case "\\":
                guard i + 1 < s.count else { return nil }
                let c = s[i + 1]
                if "pPN".unicodeScalars.contains(c) {
                    guard let close = s[(i + 2)...].firstIndex(of: "}") else { return nil }
                    i = close + 1
                } else if c == "x" && i + 2 < s.count && s[i + 2] == "{" {
                    guard let close = s[(i + 2)...].firstIndex(of: "}") else { return nil }
                    i = close + 1
                } else if c == "u" {
                    i += 6
                } else if c == "x" {
                    i += 4
                } else if "bBAzZG".unicodeScalars.contains(c) {
                    zeroWidth = true
                    i += 2
                } else if c.properties.numericType != nil || c == "Q" || c == "k" || c == "X" || c == "R" {
                    return nil
                } else {
                    i += 2
                }
            case "[":
                var depth = 0
                var j = i
                while j < s.count {
                    if s[j] == "\\" { j += 2; continue }
                    if s[j] == "[" { depth += 1 } else if s[j] == "]" { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                guard j < s.count else { return nil }
                i = j + 1
            case "(":
                var depth = 0
                var j = i
                while j < s.count {
                    if s[j] == "\\" { j += 2; continue }
                    if s[j] == "[" {
                        // Skip a class: parentheses inside it are literal.
                        var d = 0
                        while j < s.count {
                            if s[j] == "\\" { j += 2; continue }
                            if s[j] == "[" { d += 1 } else if s[j] == "]" { d -= 1; if d == 0 { break } }
                            j += 1
                        }
                        j += 1
                        continue
                    }
                    if s[j] == "(" { depth += 1 } else if s[j] == ")" { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                guard j < s.count else { return nil }
                let head = String(String.UnicodeScalarView(s[i..<min(i + 4, s.count)]))
                guard head.hasPrefix("(?=") || head.hasPrefix("(?!") || head.hasPrefix("(?<=") || head.hasPrefix("(?<!") else {
                    return nil
                }
                zeroWidth = true
                i = j + 1
            case "^", "$":
                zeroWidth = true
                i += 1
            case "|", ")", "*", "+", "?", "{":
                return nil
            default:
                i += 1
            }
            guard i <= s.count else { return nil }
            let source = String(String.UnicodeScalarView(s[start..<i]))
            var lo = 1, hi = 1
            if i < s.count {
                switch s[i] {
                case "?": lo = 0; i += 1
                case "*": lo = 0; hi = Int.max; i += 1
                case "+": hi = Int.max; i += 1
                case "{":
                    guard let close = s[i...].firstIndex(of: "}") else { return nil }
                    let body = String(String.UnicodeScalarView(s[(i + 1)..<close])).split(separator: ",", omittingEmptySubsequences: false)
                    guard let l = Int(body[0]) else { return nil }
                    lo = l
                    hi = body.count == 1 ? l : (Int(body[1]) ?? Int.max)
                    i = close + 1
                default: break
                }
                if i < s.count && (s[i] == "?" || s[i] == "+") && (lo != 1 || hi != 1) { i += 1 }
            }
            if zeroWidth && (lo != 1 || hi != 1) { return nil }
            result.append(Atom(source: source, zeroWidth: zeroWidth, min: lo, max: hi))
        }
        return result
    }
}

/// A `CharPredicate` reference without reference counting, for hot loops. The predicate
/// must be kept alive elsewhere (by the `RulePrefilter` that made it).
struct RawPredicate {
    let table: UnsafeMutablePointer<UInt8>
    let owner: Unmanaged<CharPredicate>

    init(_ predicate: CharPredicate) {
        table = predicate.table
        owner = .passUnretained(predicate)
    }

    @inline(__always)
    func contains(_ u: UInt16) -> Bool {
        let known = table[Int(u)]
        if known != 2 { return known == 1 }
        return owner._withUnsafeGuaranteedRef { $0.resolve(u) }
    }
}

/// The prefilter of one rule as plain values, for the hot loops.
struct RawPrefilter {
    var last0: RawPredicate?, last1: RawPredicate?, last2: RawPredicate?
    var lastCount = 0
    var afterSpaces: RawPredicate?
    var firstOfAfter: RawPredicate?

    init(_ f: RulePrefilter) {
        let chain = f.lastOfBefore ?? []
        lastCount = chain.count
        if chain.count > 0 { last0 = RawPredicate(chain[0]) }
        if chain.count > 1 { last1 = RawPredicate(chain[1]) }
        if chain.count > 2 { last2 = RawPredicate(chain[2]) }
        afterSpaces = f.afterSpaces.map(RawPredicate.init)
        firstOfAfter = f.firstOfAfter.map(RawPredicate.init)
    }

    @inline(__always)
    func mayMatch(_ u: UnsafeBufferPointer<UInt16>, at p: Int) -> Bool {
        if lastCount > 0 {
            guard p >= lastCount, last0!.contains(u[p - 1]) else { return false }
            if lastCount > 1 && !last1!.contains(u[p - 2]) { return false }
            if lastCount > 2 && !last2!.contains(u[p - 3]) { return false }
        }
        return afterMayMatch(u, at: p)
    }

    @inline(__always)
    func afterMayMatch(_ u: UnsafeBufferPointer<UInt16>, at p: Int) -> Bool {
        guard let firstOfAfter else { return true }
        var q = p
        if let afterSpaces {
            while q < u.count && afterSpaces.contains(u[q]) { q += 1 }
        }
        return q < u.count && firstOfAfter.contains(u[q])
    }
}
