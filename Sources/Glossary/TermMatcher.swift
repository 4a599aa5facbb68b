import BitextCore
import BitextICU

/// One occurrence of a glossary term in a text.
public struct TermOccurrence: Sendable, Equatable {
    /// Index of the concept in the term base.
    public var concept: Int
    /// Index of the term in the concept.
    public var term: Int
    /// UTF-8 byte range in the text.
    public var range: Range<Int>
    /// The text as it stands there.
    public var text: String
}

/// Finds the terms of one language of a term base in texts: whole words by ICU word boundaries,
/// across any white space, with locale-aware case folding, NFC, unified apostrophes and hyphens,
/// and the language's inflection rules.
///
/// All terms go into one Aho-Corasick automaton over word symbols, so a text is scanned once
/// whatever the size of the glossary. Not thread-safe (it owns an ICU break iterator).
public final class TermMatcher {
    public let language: String
    public let inflection: Inflection
    let folding: CaseMapping.Folding
    let words: BreakIterator
    let buffer = UTF16Buffer(minimumCapacity: 4096)

    /// A term as a sequence of word symbols.
    struct Pattern {
        var concept: Int
        var term: Int
        var length: Int
        var caseSensitive: Bool
        /// Each word as written (NFC, unified punctuation), for case-sensitive checks.
        var exactWords: [String]
    }

    var patterns: [Pattern] = []
    /// Reused from call to call.
    var scratchTokens: [Token] = []
    /// Word key to symbol.
    var symbols: [String: Int] = [:]
    /// The same, for lookups on bytes.
    var table = ByteTable([:])
    /// Aho-Corasick automaton over symbols: transitions keyed by `node << 32 | symbol`.
    var transitions = IntTable()
    var nodeCount = 1
    var fail: [Int] = [0]
    var outputs: [[Int]] = [[]]
    /// Children of each node, for building failure links.
    var children: [[(symbol: Int, node: Int)]] = [[]]

    @inline(__always)
    func step(_ node: Int, _ symbol: Int) -> Int? {
        transitions.find(UInt64(node) << 32 | UInt64(symbol)).map(Int.init)
    }

    /// Builds the automaton for the terms of `language` (primary subtag match) in `termBase`.
    /// - Throws: `GlossaryError` when the language tag is malformed.
    public init(termBase: TermBase, language: String, inflection: Inflection) throws(GlossaryError) {
        guard LanguageTags.icuLocale(forTag: language) != nil else {
            throw .malformed(SourceLocation(file: termBase.source), "'\(language)' is not a well-formed BCP 47 language tag")
        }
        self.language = language.lowercased()
        self.inflection = inflection
        folding = CaseMapping.Folding(language: language)
        do { words = try BreakIterator(.word, locale: LanguageTags.icuLocale(forTag: language) ?? "en") } catch {
            throw .malformed(SourceLocation(file: "ICU"), "\(error)")
        }
        words.attach(buffer)
        for (c, concept) in termBase.concepts.enumerated() {
            for (t, term) in concept.terms.enumerated() where concept.terms(in: language).contains(term) {
                let tokens = tokenize(term.text, Array(term.text.utf8))
                var keys: [Int] = []
                for token in tokens where token.kind != .space {
                    guard token.kind != .separator else { continue }
                    let key = symbolKey(token.folded, isWord: token.kind == .word)
                    let id = symbols[key] ?? { symbols[key] = symbols.count; return symbols.count - 1 }()
                    keys.append(id)
                }
                guard !keys.isEmpty else { continue }
                let termBytes = Array(term.text.utf8)
                let exact = tokens.filter { $0.kind != .space && $0.kind != .separator }.map { self.exact($0, termBytes) }
                add(Pattern(concept: c, term: t, length: keys.count, caseSensitive: term.matchesCaseSensitively, exactWords: exact), keys)
            }
        }
        buildFailureLinks()
        table = ByteTable(symbols)
    }

    /// The key of a word for the automaton: its stem in strip languages.
    func symbolKey(_ folded: String, isWord: Bool) -> String {
        isWord ? inflection.stem(folded) : folded
    }

    func add(_ pattern: Pattern, _ keys: [Int]) {
        var node = 0
        for k in keys {
            if let n = step(node, k) { node = n } else {
                let child = nodeCount
                nodeCount += 1
                fail.append(0); outputs.append([]); children.append([])
                transitions.insert(UInt64(node) << 32 | UInt64(k), Int32(child))
                children[node].append((k, child))
                node = child
            }
        }
        outputs[node].append(patterns.count)
        patterns.append(pattern)
    }

    func buildFailureLinks() {
        var queue: [Int] = []
        for (_, child) in children[0] { fail[child] = 0; queue.append(child) }
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            for (symbol, child) in children[node] {
                queue.append(child)
                var f = fail[node]
                while f != 0 && step(f, symbol) == nil { f = fail[f] }
                let target = step(f, symbol) ?? 0
                fail[child] = target == child ? 0 : target
                outputs[child] += outputs[fail[child]]
            }
        }
        children = []
    }

    /// The occurrences of the terms in `text`, leftmost-longest and not overlapping.
    public func occurrences(in text: String) -> [TermOccurrence] {
        let bytes = Array(text.utf8)
        let tokens = tokenize(text, bytes)
        defer { scratchTokens = tokens }
        // Symbols of the text; -1 breaks every match (punctuation that no term holds).
        var found: [(start: Int, end: Int, pattern: Int)] = []
        var node = 0
        var sequence: [Int] = []  // token indices of the symbols fed so far
        for (i, token) in tokens.enumerated() {
            if token.kind == .space { continue }
            let symbol = token.kind == .separator ? nil : lookup(token)
            guard let symbol else {
                node = 0
                sequence.removeAll(keepingCapacity: true)
                continue
            }
            sequence.append(i)
            while node != 0 && step(node, symbol) == nil { node = fail[node] }
            node = step(node, symbol) ?? 0
            for p in outputs[node] {
                let length = patterns[p].length
                guard sequence.count >= length else { continue }
                let first = sequence[sequence.count - length]
                found.append((first, i, p))
            }
        }
        found.sort { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
        var result: [TermOccurrence] = []
        var taken = -1
        for f in found where f.start > taken {
            let pattern = patterns[f.pattern]
            if pattern.caseSensitive && !caseMatches(pattern, tokens, f.start, f.end, bytes) { continue }
            var end = f.end
            // "NATO-nun": a hyphen and a suffix chain after the last word belong to the match.
            if inflection.mode == .attach, end + 2 < tokens.count, tokens[end + 1].folded == "-",
               tokens[end + 2].kind == .word, inflection.isSuffixChain(tokens[end + 2].folded[...]) {
                end += 2
            }
            let range = tokens[f.start].range.lowerBound..<tokens[end].range.upperBound
            result.append(TermOccurrence(concept: pattern.concept, term: pattern.term, range: range,
                                         text: String(decoding: bytes[range], as: UTF8.self)))
            taken = end
        }
        return result
    }

    /// The symbol of a text token, trying suffix splits in attach languages.
    func lookup(_ token: Token) -> Int? {
        var folded = token.folded
        let direct: Int? = folded.withUTF8 { buf in
            let n = token.kind == .word ? inflection.stemLength(buf) : buf.count
            return table.find(UnsafeBufferPointer(rebasing: buf[0..<n]))
        }
        if let direct { return direct }
        guard inflection.mode == .attach, token.kind == .word else { return nil }
        var cut = folded.endIndex
        var steps = 0
        while cut > folded.startIndex && steps < 16 {
            cut = folded.index(before: cut)
            steps += 1
            let head = folded[..<cut], rest = folded[cut...]
            guard inflection.isSuffixChain(rest) else { continue }
            if let s = symbols[String(head)] { return s }
            // "Ortaklığa" for the term word "Ortaklık": undo the softening of the last consonant.
            if let last = head.last, let hards = inflection.alternations[last] {
                for h in hards { if let s = symbols[String(head.dropLast()) + String(h)] { return s } }
            }
        }
        return nil
    }

    func caseMatches(_ pattern: Pattern, _ tokens: [Token], _ start: Int, _ end: Int, _ bytes: [UInt8]) -> Bool {
        let matched = tokens[start...end].filter { $0.kind != .space && $0.kind != .separator }
        guard matched.count == pattern.exactWords.count else { return false }
        return zip(matched, pattern.exactWords).allSatisfy {
            exact($0, bytes).hasPrefix(inflection.mode == .strip ? inflection.stemExact($1) : $1)
        }
    }

    /// A word, a punctuation symbol a term may contain, white space, or a separator.
    struct Token {
        enum Kind { case word, symbol, space, separator }
        var kind: Kind
        /// UTF-8 range in the text.
        var range: Range<Int>
        var folded: String
    }

    /// The token's text folded but with its case kept, for case-sensitive checks.
    func exact(_ token: Token, _ bytes: [UInt8]) -> String {
        let piece = String(decoding: bytes[token.range], as: UTF8.self)
        return FoldedText(piece, folding: folding, caseSensitive: true, equivalences: inflection.equivalences).string
    }

    /// ICU word tokens of `text`, folded.
    func tokenize(_ text: String, _ bytes: [UInt8]) -> [Token] {
        let ascii = bytes.withUnsafeBufferPointer { UTF8Validation.isASCII($0) }
        if ascii {
            buffer.replace(maximumCount: bytes.count) { out in
                for i in 0..<bytes.count { out[i] = UInt16(bytes[i]) }
                return bytes.count
            }
        } else {
            buffer.replace(with: text)
        }
        // UTF-16 offset to UTF-8 offset (the same for ASCII text).
        var utf8At: [Int] = []
        if !ascii {
            utf8At.reserveCapacity(buffer.count + 1)
            var offset = 0
            for s in text.unicodeScalars {
                let n = s.value < 0x80 ? 1 : s.value < 0x800 ? 2 : s.value < 0x10000 ? 3 : 4
                utf8At.append(offset)
                if s.value >= 0x10000 { utf8At.append(offset) }
                offset += n
            }
            utf8At.append(offset)
        }
        let turkic = folding == .turkic
        var result = scratchTokens
        scratchTokens = []
        result.removeAll(keepingCapacity: true)
        var start = words.first()
        while let end = words.next() {
            let status = words.wordStatus
            let range = ascii ? start..<end : utf8At[start]..<utf8At[end]
            start = end
            if let token = Self.asciiToken(bytes, range, status: status, turkic: turkic) {
                result.append(token)
                continue
            }
            let piece = String(decoding: bytes[range], as: UTF8.self)
            let kind: Token.Kind
            if piece.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
                kind = .space
            } else if status != .none || piece.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                kind = .word
            } else if piece.unicodeScalars.count == 1, "-'&/.+".unicodeScalars.contains(FoldedText.unify(piece.unicodeScalars.first!)) {
                kind = .symbol
            } else {
                kind = .separator
            }
            let folded = kind == .space ? " " : FoldedText(piece, folding: folding, equivalences: inflection.equivalences).string
            result.append(Token(kind: kind, range: range, folded: folded))
        }
        return result
    }

    /// A token of ASCII bytes, classified and folded without Unicode tables; nil when the slow path is needed.
    static func asciiToken(_ bytes: [UInt8], _ range: Range<Int>, status: BreakIterator.WordStatus, turkic: Bool) -> Token? {
        var letters = false, spaces = true
        for i in range {
            let b = bytes[i]
            if b >= 0x80 || (turkic && b == 0x49) { return nil }  // Turkic I folds to ı
            switch b {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: letters = true; spaces = false
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: break
            default: spaces = false
            }
        }
        if spaces { return Token(kind: .space, range: range, folded: " ") }
        let kind: Token.Kind
        if letters || status != .none {
            kind = .word
        } else if range.count == 1, "-'`&/.+".utf8.contains(bytes[range.lowerBound]) {
            kind = .symbol
        } else {
            kind = .separator
        }
        // Lower-case straight into the string's storage (no heap allocation for short words).
        let folded = String(unsafeUninitializedCapacity: range.count) { out in
            var k = 0
            for i in range {
                var b = bytes[i]
                if b >= 0x41 && b <= 0x5A { b += 32 } else if b == 0x60 { b = 0x27 }
                out[k] = b
                k += 1
            }
            return k
        }
        return Token(kind: kind, range: range, folded: folded)
    }
}

extension Inflection {
    /// The stem of a word as written (case kept), for case-sensitive checks.
    func stemExact(_ word: String) -> String {
        guard mode == .strip else { return word }
        let lowered = word.lowercased()
        let stemmed = stem(lowered)
        return String(word.prefix(stemmed.count))
    }
}
