import BitextICU

extension TermMatcher {
    /// A word, a punctuation symbol a term may contain, or a separator. White space is no token:
    /// it lies between tokens whose ranges do not touch.
    struct Token {
        enum Kind: UInt8 { case word, symbol, space, separator }
        /// UTF-8 range in the text.
        var start: Int32
        var end: Int32
        /// Where the folded text of a word or symbol is in the tokenizer's key bytes (only words and symbols have one).
        var keyStart: Int32
        var keyEnd: Int32
        var kind: Kind

        var range: Range<Int> { Int(start)..<Int(end) }
    }

    /// Storage for trivial values that grows and is reused from text to text; all of it is
    /// initialized (to `filler` where nothing was written).
    final class Storage<Element> {
        private(set) var base: UnsafeMutablePointer<Element>
        private(set) var capacity: Int
        private let filler: Element

        init(capacity: Int, filler: Element) {
            self.capacity = max(capacity, 16)
            self.filler = filler
            base = .allocate(capacity: self.capacity)
            base.initialize(repeating: filler, count: self.capacity)
        }

        deinit { base.deallocate() }

        /// Makes room for `count` elements, discarding the contents when it has to grow.
        func reserveDiscarding(_ count: Int) {
            reserveKeeping(0, count)
        }

        /// Makes room for `count` elements, keeping the first `used`.
        func reserveKeeping(_ used: Int, _ count: Int) {
            guard count > capacity else { return }
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: max(count, capacity * 2))
            grown.initialize(repeating: filler, count: max(count, capacity * 2))
            grown.update(from: base, count: used)
            base.deallocate()
            base = grown
            capacity = max(count, capacity * 2)
        }
    }

    /// Splits text into folded word tokens: ICU's word boundaries, found by `ASCIIWords` in ASCII
    /// stretches and by ICU's break iterator around anything else.
    ///
    /// A text is cut into pieces only where `ASCIIWords.isSafeCut` says ICU's boundaries cannot
    /// reach across, so the pieces give the boundaries ICU gives the whole text. Not thread-safe.
    final class Tokenizer {
        let folding: CaseMapping.Folding
        let equivalences: [Unicode.Scalar: Unicode.Scalar]
        let words: BreakIterator
        let units = UTF16Buffer(minimumCapacity: 4096)
        /// ICU's rules for ASCII without ICU; nil to use ICU throughout (a locale with other rules, or tests).
        var ascii: ASCIIWords?
        /// The tokens of the last text.
        private let tokenStorage = Storage<Token>(capacity: 1024, filler: Token(start: 0, end: 0, keyStart: 0, keyEnd: 0, kind: .space))
        /// The folded text of the word and symbol tokens of the last text (ASCII stretches folded
        /// whole), with eight bytes to spare after the last for `ByteTable.find(padded:)`.
        private let keyStorage = Storage<UInt8>(capacity: 4096, filler: 0)
        /// UTF-16 offset to UTF-8 offset in the current ICU piece.
        private let utf8At = Storage<Int>(capacity: 1024, filler: 0)

        /// Opens the locale's word break iterator and learns its rules for ASCII.
        init(locale: String, folding: CaseMapping.Folding, equivalences: [Unicode.Scalar: Unicode.Scalar]) throws(ICUError) {
            self.folding = folding
            self.equivalences = equivalences
            words = try BreakIterator(.word, locale: locale)
            ascii = ASCIIWords.agreeing(with: words)
            words.attach(units)
        }

        /// The folded text of a word or symbol token of the last text; the eight bytes after it are readable.
        @inline(__always)
        func key(_ token: Token) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: keyStorage.base + Int(token.keyStart), count: Int(token.keyEnd - token.keyStart))
        }

        /// The folded text of any token of the last text, `bytes`.
        func folded(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
            switch token.kind {
            case .space: return " "
            case .word, .symbol: return String(decoding: key(token), as: UTF8.self)
            case .separator: return fold(UnsafeBufferPointer(rebasing: bytes[token.range]))
            }
        }

        /// Folded text: ASCII lower-cased (the backtick as an apostrophe), anything else by `FoldedText`.
        func fold(_ piece: UnsafeBufferPointer<UInt8>) -> String {
            let turkic = folding == .turkic
            if piece.allSatisfy({ $0 < 0x80 && !(turkic && $0 == 0x49) }) {
                return String(unsafeUninitializedCapacity: piece.count) { out in
                    for (k, b) in piece.enumerated() { out[k] = Self.lower(b) }
                    return piece.count
                }
            }
            return FoldedText(String(decoding: piece, as: UTF8.self), folding: folding, equivalences: equivalences).string
        }

        /// An ASCII byte lower-cased, with the backtick as an apostrophe (`FoldedText.unify`).
        @inline(__always)
        static func lower(_ b: UInt8) -> UInt8 {
            b &- 0x41 < 26 ? b | 0x20 : b == 0x60 ? 0x27 : b
        }

        /// The tokens of `bytes` (valid UTF-8), valid until the next call.
        func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<Token> {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return UnsafeBufferPointer(start: tokenStorage.base, count: 0) }
            let n = bytes.count
            tokenStorage.reserveDiscarding(n)  // a token has one byte at least
            keyStorage.reserveDiscarding(n + 8)
            var count = 0, used = 0
            guard let ascii else {
                tokenizeWithICU(base, 0..<n, &count, &used)
                return UnsafeBufferPointer(start: tokenStorage.base, count: count)
            }
            ascii.classes.withUnsafeBufferPointer { classes in
                var position = 0
                while position < n {
                    var i = position
                    while i + 8 <= n && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                    }
                    while i < n && base[i] < 0x80 { i += 1 }
                    if i == n {
                        scanASCII(base, position..<n, classes.baseAddress!, &count, &used)
                        return
                    }
                    // ICU for the stretch around the non-ASCII byte, between safe cuts.
                    var cut = i
                    while cut > position && !ASCIIWords.isSafeCut(base, cut) { cut -= 1 }
                    if cut > position { scanASCII(base, position..<cut, classes.baseAddress!, &count, &used) }
                    var end = i + 1
                    while end < n && !ASCIIWords.isSafeCut(base, end) { end += 1 }
                    tokenizeWithICU(base, cut..<end, &count, &used)
                    position = end
                }
            }
            return UnsafeBufferPointer(start: tokenStorage.base, count: count)
        }

        /// Tokens of an ASCII stretch by `ASCIIWords`; the stretch is folded into the keys whole.
        private func scanASCII(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, _ classes: UnsafePointer<UInt8>,
                               _ count: inout Int, _ used: inout Int) {
            keyStorage.reserveKeeping(used, used + range.count + 8)
            let keys = keyStorage.base + used - range.lowerBound  // keys[k] is the folded byte k of the text
            for k in range { keys[k] = Self.lower(base[k]) }
            let keyBase = Int32(truncatingIfNeeded: used - range.lowerBound)
            used += range.count
            let tokens = tokenStorage.base
            let turkic = folding == .turkic
            var start = range.lowerBound
            let n = range.upperBound
            while start < n {
                let (end, status) = ASCIIWords.token(at: start, in: base, end: n, classes: classes)
                let first = base[start]
                let kind: Token.Kind
                if status != .none {
                    kind = .word
                } else if first == 0x20 || (first >= 0x09 && first <= 0x0D) {
                    kind = .space
                } else if end - start == 1 && Self.isSymbol(first) {
                    kind = .symbol
                } else {
                    kind = .separator
                }
                guard kind != .space else {
                    start = end
                    continue
                }
                tokens[count] = Token(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                                      keyStart: keyBase &+ Int32(truncatingIfNeeded: start),
                                      keyEnd: keyBase &+ Int32(truncatingIfNeeded: end), kind: kind)
                if turkic && kind == .word && (start..<end).contains(where: { base[$0] == 0x49 }) {
                    // Turkic I folds to ı, which is not ASCII.
                    tokens[count].keyStart = Int32(used)
                    appendKey(fold(UnsafeBufferPointer(start: base + start, count: end - start)), &used)
                    tokens[count].keyEnd = Int32(used)
                }
                count += 1
                start = end
            }
        }

        /// Whether a lone ASCII byte is punctuation a term may contain.
        @inline(__always)
        static func isSymbol(_ b: UInt8) -> Bool {
            switch b {
            case 0x2D, 0x27, 0x60, 0x26, 0x2F, 0x2E, 0x2B: return true  // - ' ` & / . +
            default: return false
            }
        }

        private func appendKey(_ s: String, _ used: inout Int) {
            var s = s
            s.withUTF8 { u in appendKey(u, &used) }
        }

        private func appendKey(_ u: UnsafeBufferPointer<UInt8>, _ used: inout Int) {
            keyStorage.reserveKeeping(used, used + u.count + 8)
            (keyStorage.base + used).update(from: u.baseAddress!, count: u.count)
            used += u.count
        }

        /// Tokens of `bytes[range]` by ICU.
        private func tokenizeWithICU(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, _ count: inout Int, _ used: inout Int) {
            utf8At.reserveDiscarding(range.count + 1)
            let at = utf8At.base
            units.replace(maximumCount: range.count) { out in
                var k = 0
                var i = range.lowerBound
                while i < range.upperBound {
                    let b0 = UInt32(base[i])
                    var scalar = b0, length = 1
                    if b0 >= 0xF0 {
                        scalar = (b0 & 0x07) << 18 | (UInt32(base[i + 1]) & 0x3F) << 12 | (UInt32(base[i + 2]) & 0x3F) << 6
                            | (UInt32(base[i + 3]) & 0x3F)
                        length = 4
                    } else if b0 >= 0xE0 {
                        scalar = (b0 & 0x0F) << 12 | (UInt32(base[i + 1]) & 0x3F) << 6 | (UInt32(base[i + 2]) & 0x3F)
                        length = 3
                    } else if b0 >= 0xC0 {
                        scalar = (b0 & 0x1F) << 6 | (UInt32(base[i + 1]) & 0x3F)
                        length = 2
                    }
                    if scalar >= 0x10000 {
                        out[k] = UInt16(0xD800 + ((scalar - 0x10000) >> 10)); at[k] = i; k += 1
                        out[k] = UInt16(0xDC00 + ((scalar - 0x10000) & 0x3FF)); at[k] = i; k += 1
                    } else {
                        out[k] = UInt16(scalar); at[k] = i; k += 1
                    }
                    i += length
                }
                at[k] = range.upperBound
                return k
            }
            words.attach(units)
            let tokens = tokenStorage.base
            let turkic = folding == .turkic
            var start = words.first()
            while let end = words.next() {
                let from = at[start], to = at[end]
                start = end
                let piece = UnsafeBufferPointer(start: base + from, count: to - from)
                let kind = Self.kind(piece, words.wordStatus)
                guard kind != .space else { continue }
                var token = Token(start: Int32(from), end: Int32(to), keyStart: Int32(used), keyEnd: Int32(used), kind: kind)
                if kind == .word || kind == .symbol {
                    keyStorage.reserveKeeping(used, used + piece.count + 8)
                    if let k = Self.quickFold(piece, turkic: turkic, equivalences: equivalences, into: keyStorage.base + used) {
                        used += k
                    } else {
                        appendKey(fold(piece), &used)
                    }
                    token.keyEnd = Int32(truncatingIfNeeded: used)
                }
                tokens[count] = token
                count += 1
            }
        }

        /// The kind of a token from ICU.
        static func kind(_ piece: UnsafeBufferPointer<UInt8>, _ status: BreakIterator.WordStatus) -> Token.Kind {
            if piece.allSatisfy({ $0 < 0x80 }) {
                var letters = false, spaces = true
                for b in piece {
                    switch b {
                    case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: letters = true; spaces = false
                    case 0x20, 0x09...0x0D: break
                    default: spaces = false
                    }
                }
                if spaces { return .space }
                if letters || status != .none { return .word }
                return piece.count == 1 && isSymbol(piece[0]) ? .symbol : .separator
            }
            // No white space is a letter, digit, kana or ideograph, so ICU gives white space no status.
            if status != .none { return .word }
            let scalars = String(decoding: piece, as: UTF8.self).unicodeScalars
            if scalars.allSatisfy({ $0.properties.isWhitespace }) { return .space }
            if scalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) { return .word }
            if scalars.count == 1, "-'&/.+".unicodeScalars.contains(FoldedText.unify(scalars.first!)) { return .symbol }
            return .separator
        }

        /// `FoldedText(piece).string` worked out without Unicode tables for text made only of ASCII
        /// (not Turkic I), typographic apostrophes and hyphens, CJK ideographs, kana and Hangul
        /// syllables: each of these is a character of its own, NFC as it stands and caseless but for
        /// ASCII capitals. Written to `out` (room for `piece.count` bytes); returns the length, or nil
        /// for anything else, a language equivalence on any of them included.
        static func quickFold(_ piece: UnsafeBufferPointer<UInt8>, turkic: Bool, equivalences: [Unicode.Scalar: Unicode.Scalar],
                              into out: UnsafeMutablePointer<UInt8>) -> Int? {
            var i = 0, k = 0
            while i < piece.count {
                let b0 = piece[i]
                var folded: UInt8 = 0  // ASCII result, or 0 to copy the scalar as it is
                var length = 1
                if b0 < 0x80 {
                    if turkic && b0 == 0x49 { return nil }
                    folded = lower(b0)
                } else {
                    guard b0 >= 0xE0 && b0 < 0xF0 else { return nil }
                    length = 3
                    let v = (UInt32(b0) & 0x0F) << 12 | (UInt32(piece[i + 1]) & 0x3F) << 6 | (UInt32(piece[i + 2]) & 0x3F)
                    switch v {
                    case 0x2018, 0x2019: folded = 0x27
                    case 0x2010...0x2013: folded = 0x2D
                    case 0x3041...0x3096, 0x30A1...0x30FA, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
                        if !equivalences.isEmpty && equivalences[Unicode.Scalar(v)!] != nil { return nil }
                    default: return nil
                    }
                }
                if folded != 0 {
                    if !equivalences.isEmpty && equivalences[Unicode.Scalar(folded)] != nil { return nil }
                    out[k] = folded
                    k += 1
                } else {
                    for m in 0..<length { out[k + m] = piece[i + m] }
                    k += length
                }
                i += length
            }
            return k
        }
    }
}
