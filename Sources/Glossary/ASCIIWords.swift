import BitextICU

/// Word boundaries and word rule status of ASCII text by ICU's word-break rules, without ICU.
///
/// For ASCII, ICU's rules (UAX #29 as tailored by CLDR) come down to: a word is a run of letters,
/// digits and `_`, where a MidLetter or MidNumLet byte (`.`, `'`) may stand between two letters
/// and a MidNum or MidNumLet byte (`,`, `;`, `.`, `'`) between two digits; runs of spaces are one
/// token, CR LF is one token, and every other byte is a token of its own. A word ending in a
/// letter has the letter status, one ending in a digit the number status; a run of `_` has the
/// number status after a digit, the letter status after a letter or `_`, and none when alone.
///
/// Which byte is in which class depends on the ICU version and locale (ICU 72 makes `@` a letter;
/// `sv` and `fi` make `:` a MidLetter), so `agreeing(with:)` learns the classes from the ICU
/// iterator itself, and `TermMatcher` keeps ICU where no class explains what ICU does.
struct ASCIIWords: Sendable {
    /// Word_Break class of each ASCII byte (`Class` raw values); bytes from 0x80 are `other`.
    let classes: [UInt8]

    /// Word_Break classes, as far as ASCII has them.
    enum Class: UInt8 {
        case other = 0, letter, numeric, extendNumLet, midLetter, midNumLet, midNum, space, cr, newline
    }

    /// A table of classes, one per byte value.
    init(classes: [UInt8]) {
        precondition(classes.count == 256, "one class per byte value")
        self.classes = classes
    }

    /// The classes of UAX #29 for ASCII, with the colon not a MidLetter (CLDR root).
    init() {
        var table = [UInt8](repeating: Class.other.rawValue, count: 256)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(b)] = Class.letter.rawValue }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(b)] = Class.letter.rawValue }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(b)] = Class.numeric.rawValue }
        table[Int(UInt8(ascii: "_"))] = Class.extendNumLet.rawValue
        table[Int(UInt8(ascii: "."))] = Class.midNumLet.rawValue
        table[Int(UInt8(ascii: "'"))] = Class.midNumLet.rawValue  // Single_Quote acts as MidNumLet outside Hebrew
        table[Int(UInt8(ascii: ","))] = Class.midNum.rawValue
        table[Int(UInt8(ascii: ";"))] = Class.midNum.rawValue
        table[0x20] = Class.space.rawValue
        table[0x0D] = Class.cr.rawValue
        for b in [0x0A, 0x0B, 0x0C] { table[b] = Class.newline.rawValue }
        classes = table
    }

    /// The end of the token that starts at `start` in `bytes[..<end]` (all ASCII), and its status.
    @inline(__always)
    static func token(at start: Int, in bytes: UnsafePointer<UInt8>, end: Int,
                      classes: UnsafePointer<UInt8>) -> (end: Int, status: BreakIterator.WordStatus) {
        let letter = Class.letter.rawValue, numeric = Class.numeric.rawValue, extendNumLet = Class.extendNumLet.rawValue
        let first = classes[Int(bytes[start])]
        var j = start + 1
        switch first {
        case letter, numeric, extendNumLet:
            var last = first      // class of bytes[j - 1]
            var before = first    // class of bytes[j - 2] when j - 2 >= start
            while j < end {
                let c = classes[Int(bytes[j])]
                if c >= letter && c <= extendNumLet {
                    before = last; last = c; j += 1
                    continue
                }
                // WB6/7 (letter mid letter) and WB11/12 (digit mid digit).
                guard c >= Class.midLetter.rawValue && c <= Class.midNum.rawValue, j + 1 < end else { break }
                let after = classes[Int(bytes[j + 1])]
                let joins = after == last && (last == letter ? c != Class.midNum.rawValue
                                                             : last == numeric && c != Class.midLetter.rawValue)
                guard joins else { break }
                before = c; last = after; j += 2
            }
            let status: BreakIterator.WordStatus
            switch last {
            case letter: status = .letter
            case numeric: status = .number
            default: status = j - start == 1 ? .none : before == numeric ? .number : .letter
            }
            return (j, status)
        case Class.space.rawValue:
            while j < end && bytes[j] == 0x20 { j += 1 }
            return (j, .none)
        case Class.cr.rawValue:
            return (j < end && bytes[j] == 0x0A ? j + 1 : j, .none)
        default:
            return (j, .none)
        }
    }

    /// Whether `bytes[offset]` starts a token whatever precedes it, and ends the one before
    /// whatever follows: a space after an ASCII byte that is not a space (WB3d joins spaces, and
    /// nothing else reaches across a space). Text may be cut there and tokenized piece by piece.
    @inline(__always)
    static func isSafeCut(_ bytes: UnsafePointer<UInt8>, _ offset: Int) -> Bool {
        bytes[offset] == 0x20 && bytes[offset - 1] < 0x80 && bytes[offset - 1] != 0x20
    }
}

extension ASCIIWords {
    /// Bytes with a fixed class, used as neighbours when the class of every other byte is probed.
    private static let neighbours = Array("a1_., ".utf8)

    /// Learns the class of every ASCII byte from `words` (an ICU word break iterator): each byte
    /// alone, doubled and between each pair of neighbours, then checks the learnt rules on the
    /// whole probe and some samples. Nil when no class explains ICU's tokens of some byte (other
    /// rules than these). Leaves `words` attached to a buffer of its own.
    static func agreeing(with words: BreakIterator) -> ASCIIWords? {
        var text: [UInt8] = []
        var segments: [Range<Int>] = []
        for b in UInt8(1)...0x7F {
            let start = text.count
            text += [b, 0x0A, b, b, 0x0A]
            for l in neighbours {
                for r in neighbours { text += [l, b, r, 0x0A] }
            }
            segments.append(start..<text.count)
        }
        text += Array("e.g. U.S.A. 3.14 1,000,000 1;2 don't a:b x_y __init__ _ __ a_1 1_ 1__ a1.5 1.a a.1 a'b' \r\n \r\r\n\t\t  x".utf8)
        let units = UTF16Buffer(minimumCapacity: text.count)
        units.replace(maximumCount: text.count) { out in
            for (i, b) in text.enumerated() { out[i] = UInt16(b) }
            return text.count
        }
        words.attach(units)
        let expected = words.tokens().map { (range: $0.range, status: $0.status) }
        var classes = ASCIIWords().classes
        var next = 0  // first expected token of the current segment
        for (index, segment) in segments.enumerated() {
            var end = next
            while end < expected.count && expected[end].range.upperBound <= segment.upperBound { end += 1 }
            let want = expected[next..<end].map {
                (range: $0.range.lowerBound - segment.lowerBound..<$0.range.upperBound - segment.lowerBound, status: $0.status)
            }
            next = end
            let b = index + 1
            let fixed = classes[b]
            guard fixed < Class.space.rawValue else { continue }
            let piece = Array(text[segment])
            let candidates = [fixed] + (Class.other.rawValue...Class.midNum.rawValue).filter { $0 != fixed }
            guard let found = candidates.first(where: { c in
                classes[b] = c
                return Self.same(ASCIIWords(classes: classes).tokens(piece), want)
            }) else { return nil }
            classes[b] = found
        }
        let learnt = ASCIIWords(classes: classes)
        return Self.same(learnt.tokens(text), expected) ? learnt : nil
    }

    private static func same(_ a: [(range: Range<Int>, status: BreakIterator.WordStatus)],
                             _ b: [(range: Range<Int>, status: BreakIterator.WordStatus)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.range == $1.range && $0.status == $1.status }
    }

    /// The tokens of `bytes` (all ASCII), as ICU's `BreakIterator.tokens()` gives them.
    func tokens(_ bytes: [UInt8]) -> [(range: Range<Int>, status: BreakIterator.WordStatus)] {
        var result: [(range: Range<Int>, status: BreakIterator.WordStatus)] = []
        bytes.withUnsafeBufferPointer { b in
            classes.withUnsafeBufferPointer { c in
                var start = 0
                while start < b.count {
                    let (end, status) = Self.token(at: start, in: b.baseAddress!, end: b.count, classes: c.baseAddress!)
                    result.append((start..<end, status))
                    start = end
                }
            }
        }
        return result
    }
}
