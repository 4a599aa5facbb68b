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
/// whatever the size of the glossary. ASCII text is split into words without ICU, by the same
/// rules (`ASCIIWords`). Not thread-safe (it owns an ICU break iterator and reused buffers).
public final class TermMatcher {
    public let language: String
    public let inflection: Inflection
    let folding: CaseMapping.Folding
    let tokenizer: Tokenizer

    /// A term as a sequence of word symbols.
    struct Pattern {
        var concept: Int
        var term: Int
        var length: Int
        var caseSensitive: Bool
        /// Each word as written (NFC, unified punctuation), for case-sensitive checks (empty for the others).
        var exactWords: [String]
    }

    let patterns: [Pattern]
    /// The number of symbols of each pattern.
    let patternLengths: [Int32]
    /// Word key to symbol.
    let symbols: [String: Int]
    /// The same, for lookups on bytes.
    let table: ByteTable
    let automaton: Automaton
    /// Token indices of the symbols fed to the automaton since it last restarted; reused.
    let sequence = Storage<Int32>(capacity: 1024, filler: 0)
    /// Matches found: first and last token index, pattern; reused.
    var found: [(start: Int, end: Int, pattern: Int)] = []

    /// Builds the automaton for the terms of `language` (primary subtag match) in `termBase`.
    /// - Throws: `GlossaryError` when the language tag is malformed.
    public init(termBase: TermBase, language: String, inflection: Inflection) throws(GlossaryError) {
        guard let locale = LanguageTags.icuLocale(forTag: language) else {
            throw .malformed(SourceLocation(file: termBase.source), "'\(language)' is not a well-formed BCP 47 language tag")
        }
        self.language = language.lowercased()
        self.inflection = inflection
        folding = CaseMapping.Folding(language: language)
        let tokenizer: Tokenizer
        do { tokenizer = try Tokenizer(locale: locale, folding: folding, equivalences: inflection.equivalences) } catch {
            throw .malformed(SourceLocation(file: "ICU"), "\(error)")
        }
        self.tokenizer = tokenizer
        let folding = folding
        var symbols: [String: Int] = [:]
        var patterns: [Pattern] = []
        var keyLists: [[Int]] = []
        for (c, concept) in termBase.concepts.enumerated() {
            for (t, term) in concept.terms.enumerated() where concept.terms(in: language).contains(term) {
                var text = term.text
                let (keys, exact): ([Int], [String]) = text.withUTF8 { bytes in
                    let tokens = tokenizer.tokenize(bytes)
                    var keys: [Int] = [], exact: [String] = []
                    for token in tokens where token.kind == .word || token.kind == .symbol {
                        let folded = tokenizer.folded(token, bytes)
                        let key = token.kind == .word ? inflection.stem(folded) : folded
                        let id = symbols[key] ?? { symbols[key] = symbols.count; return symbols.count - 1 }()
                        keys.append(id)
                        if term.matchesCaseSensitively {
                            exact.append(Self.exact(token, bytes, folding: folding, equivalences: inflection.equivalences))
                        }
                    }
                    return (keys, exact)
                }
                guard !keys.isEmpty else { continue }
                keyLists.append(keys)
                patterns.append(Pattern(concept: c, term: t, length: keys.count, caseSensitive: term.matchesCaseSensitively, exactWords: exact))
            }
        }
        self.patterns = patterns
        patternLengths = patterns.map { Int32($0.length) }
        self.symbols = symbols
        table = ByteTable(symbols)
        automaton = Automaton(keyLists, symbolCount: symbols.count)
    }

    /// The occurrences of the terms in `text`, leftmost-longest and not overlapping.
    public func occurrences(in text: String) -> [TermOccurrence] {
        var text = text
        return text.withUTF8 { occurrences(inUTF8: $0) }
    }

    /// The occurrences of the terms in `bytes` (valid UTF-8).
    func occurrences(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [TermOccurrence] {
        let tokens = tokenizer.tokenize(bytes)
        var found = self.found
        self.found = []
        defer { self.found = found }
        findCandidates(tokens, &found)
        guard !found.isEmpty else { return [] }
        found.sort { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
        var result: [TermOccurrence] = []
        var taken = -1
        for f in found where f.start > taken {
            let pattern = patterns[f.pattern]
            if pattern.caseSensitive && !caseMatches(pattern, tokens, f.start, f.end, bytes) { continue }
            var end = f.end
            // "NATO-nun": a hyphen and a suffix chain right after the last word belong to the match.
            if inflection.mode == .attach, end + 2 < tokens.count,
               tokens[end + 1].start == tokens[end].end, tokens[end + 2].start == tokens[end + 1].end,
               tokenizer.folded(tokens[end + 1], bytes) == "-", tokens[end + 2].kind == .word,
               inflection.isSuffixChain(tokenizer.folded(tokens[end + 2], bytes)[...]) {
                end += 2
            }
            let range = Int(tokens[f.start].start)..<Int(tokens[end].end)
            result.append(TermOccurrence(concept: pattern.concept, term: pattern.term, range: range,
                                         text: String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)))
            taken = end
        }
        return result
    }

    /// Runs the automaton over `tokens` and collects every match in `found`: first and last
    /// token index and pattern. A token without a symbol (punctuation no term holds, a word in no
    /// term) restarts the automaton.
    func findCandidates(_ tokens: UnsafeBufferPointer<Token>, _ found: inout [(start: Int, end: Int, pattern: Int)]) {
        found.removeAll(keepingCapacity: true)
        sequence.reserveDiscarding(tokens.count)
        let sequence = sequence.base
        var length = 0  // of the sequence
        let strip = inflection.mode == .strip, attach = inflection.mode == .attach
        var node = 0
        for i in 0..<tokens.count {
            let token = tokens[i]
            var symbol = -1
            if token.kind != .separator {
                let key = tokenizer.key(token)
                let isWord = token.kind == .word
                let n = isWord && strip ? inflection.stemLength(key) : key.count
                symbol = table.find(padded: UnsafeBufferPointer(rebasing: key[0..<n])) ?? -1
                if symbol < 0 && isWord && attach { symbol = suffixedSymbol(key) ?? -1 }
            }
            guard symbol >= 0 else {
                node = 0
                length = 0
                continue
            }
            sequence[length] = Int32(i)
            length += 1
            node = automaton.next(node, symbol)
            let first = Int(automaton.outputStart[node]), last = Int(automaton.outputStart[node + 1])
            for k in first..<last {
                let p = Int(automaton.outputs[k])
                let patternLength = Int(patternLengths[p])
                guard length >= patternLength else { continue }
                found.append((Int(sequence[length - patternLength]), i, p))
            }
        }
    }

    /// Attach languages: the symbol of a word that is a term word plus suffixes.
    func suffixedSymbol(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let folded = String(decoding: key, as: UTF8.self)
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

    func caseMatches(_ pattern: Pattern, _ tokens: UnsafeBufferPointer<Token>, _ start: Int, _ end: Int,
                     _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let matched = tokens[start...end].filter { $0.kind != .separator }
        guard matched.count == pattern.exactWords.count else { return false }
        return zip(matched, pattern.exactWords).allSatisfy {
            Self.exact($0, bytes, folding: folding, equivalences: inflection.equivalences)
                .hasPrefix(inflection.mode == .strip ? inflection.stemExact($1) : $1)
        }
    }

    /// The token's text folded but with its case kept, for case-sensitive checks.
    static func exact(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>, folding: CaseMapping.Folding,
                      equivalences: [Unicode.Scalar: Unicode.Scalar]) -> String {
        let piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.range]), as: UTF8.self)
        return FoldedText(piece, folding: folding, caseSensitive: true, equivalences: equivalences).string
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
