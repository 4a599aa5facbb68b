import BitextCore
import BitextICU

extension Segmenter {
    /// How an abbreviation-like token before a period behaves.
    enum TokenClass {
        case listed(AbbreviationKind)
        case initial
        case acronym
    }

    /// Decides an ICU or break-rule candidate at `p` (end of the text before), with `q` the next non-space.
    func decide(_ u: UnsafeBufferPointer<UInt16>, _ p: Int, _ q: Int, _ lastBreak: Int, _ count: Int) -> (Bool, String) {
        if let index = compiled.firstMatch(u, at: p) {
            let rule = rules.srxRules[index]
            return (rule.isBreak, "SRX \(rule.origin)")
        }
        if isListMarker(u, lastBreak..<p) {
            return (false, "list marker")
        }
        if u[p - 1] == 0x2E, let verdict = abbreviationVerdict(u, p, q, lastBreak, count) {
            return verdict
        }
        return (true, "ICU sentence boundary")
    }

    /// The token before the period at `p - 1`: back to white space or an opening quote or bracket.
    func tokenBefore(_ u: UnsafeBufferPointer<UInt16>, _ dot: Int) -> Range<Int> {
        var s = dot
        while s > 0 && !Units.isSpace(u[s - 1]) && !Units.isOpener(u[s - 1]) { s -= 1 }
        return s..<dot
    }

    /// The word at or after `q`, skipping opening quotes and brackets.
    func wordAfter(_ u: UnsafeBufferPointer<UInt16>, _ q: Int, _ count: Int) -> Range<Int> {
        var s = q
        while s < count && Units.isOpener(u[s]) { s += 1 }
        var e = s
        while e < count && (Units.isLetter(u[e]) || u[e] == 0x2019 || u[e] == 0x27 && e + 1 < count && Units.isLetter(u[e + 1])) {
            // Stop at an apostrophe: "I'm" is looked up as "I".
            if u[e] == 0x27 || u[e] == 0x2019 { break }
            e += 1
        }
        return s..<e
    }

    func string(_ u: UnsafeBufferPointer<UInt16>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: u[r]), as: UTF16.self)
    }

    func abbreviationVerdict(_ u: UnsafeBufferPointer<UInt16>, _ p: Int, _ q: Int, _ lastBreak: Int, _ count: Int) -> (Bool, String)? {
        let dot = p - 1
        let tokenRange = tokenBefore(u, dot)
        if tokenRange.isEmpty { return nil }
        // Most tokens are ordinary words: rule them out without building strings.
        let lb = tokenRange.lowerBound
        let maybeSecondHalf = lb >= 2 && u[lb - 1] == 0x20 && u[lb - 2] == 0x2E
        if !maybeSecondHalf && !rules.abbreviations.mightContain(UnsafeBufferPointer(rebasing: u[tokenRange]))
            && !isInitial(u, tokenRange) && !isDottedAcronym(u, tokenRange) {
            return nil
        }
        let token = string(u, tokenRange)
        let next = wordAfter(u, q, count)
        let nextWord = string(u, next)

        // "z. B.": the first half of a two-token abbreviation.
        if !next.isEmpty, next.upperBound < count, u[next.upperBound] == 0x2E,
           let kind = rules.abbreviations.twoTokenKind(first: token, second: nextWord), kind == .title || kind == .common || kind == .number {
            return (false, "abbreviation '\(token). \(nextWord).'")
        }
        var label = token
        var cls: TokenClass?
        if let kind = rules.abbreviations.kind(of: token) {
            cls = .listed(kind)
        } else {
            // "z. B.": the second half; the token before must end in a period.
            let prev = tokenBefore(u, max(0, tokenRange.lowerBound - 1))
            if tokenRange.lowerBound >= 2, u[tokenRange.lowerBound - 1] == 0x20, u[tokenRange.lowerBound - 2] == 0x2E,
               !prev.isEmpty || tokenRange.lowerBound >= 2 {
                let prevRange = tokenBefore(u, tokenRange.lowerBound - 2)
                if !prevRange.isEmpty {
                    let combined = string(u, prevRange) + ". " + token
                    if let kind = rules.abbreviations.kind(of: combined) {
                        cls = .listed(kind)
                        label = combined
                    }
                }
            }
        }
        if cls == nil {
            if isInitial(u, tokenRange) { cls = .initial } else if isDottedAcronym(u, tokenRange) { cls = .acronym }
        }
        guard let cls else { return nil }

        let starter = !nextWord.isEmpty && rules.sentenceStarters.contains(nextWord)
        let what: String
        switch cls {
        case .listed(.title):
            return (false, "abbreviation [title] '\(label).'")
        case .listed(.number) where q < count && Units.isDigit(u[q]):
            return (false, "abbreviation [number] '\(label).' before a number")
        case .listed(.time):
            let capital = !next.isEmpty && Units.isUpper(u[next.lowerBound])
            if starter {
                return (true, "abbreviation [time] '\(label).' before sentence starter '\(nextWord)'")
            }
            if capital && wordCount(u, lastBreak..<p) >= 4 {
                return (true, "abbreviation [time] '\(label).' ends a sentence before capitalised '\(nextWord)'")
            }
            return (false, "abbreviation [time] '\(label).' inside a sentence")
        case .listed(let kind):
            what = "abbreviation [\(kind.rawValue)] '\(label).'"
        case .initial:
            what = "initial '\(label).'"
        case .acronym:
            what = "dotted acronym '\(label).'"
        }
        if starter { return (true, "\(what) before sentence starter '\(nextWord)'") }
        return (false, "\(what) not followed by a sentence starter")
    }

    /// A single capital letter, possibly with combining marks: an initial such as "J" or "Л".
    func isInitial(_ u: UnsafeBufferPointer<UInt16>, _ r: Range<Int>) -> Bool {
        guard !r.isEmpty, Units.isUpper(u[r.lowerBound]) else { return false }
        var i = r.lowerBound + 1
        while i < r.upperBound {
            guard let s = Units.scalar(u[i]), s.properties.generalCategory == .nonspacingMark else { return false }
            i += 1
        }
        return true
    }

    /// Letters in groups of one or two separated by periods, at least two groups: U.S, e.g, Ph.D, Л.Н.
    func isDottedAcronym(_ u: UnsafeBufferPointer<UInt16>, _ r: Range<Int>) -> Bool {
        var groups = 0, run = 0
        for i in r {
            if u[i] == 0x2E {
                if run == 0 || run > 2 { return false }
                groups += 1; run = 0
            } else if Units.isLetter(u[i]) {
                run += 1
            } else {
                return false
            }
        }
        if run == 0 || run > 2 { return false }
        return groups >= 1
    }

    func wordCount(_ u: UnsafeBufferPointer<UInt16>, _ r: Range<Int>) -> Int {
        var n = 0, inWord = false
        for i in r {
            if Units.isSpace(u[i]) { inWord = false } else if !inWord { inWord = true; n += 1 }
        }
        return n
    }

    /// Whether the trimmed text in `r`, after any bullet, is only a list marker such as "1.", "a)", "2.)" or "IV.".
    func isListMarker(_ u: UnsafeBufferPointer<UInt16>, _ r: Range<Int>) -> Bool {
        var a = r.lowerBound, b = r.upperBound
        while a < b && (Units.isSpace(u[a]) || Units.isBullet(u[a])) { a += 1 }
        while b > a && Units.isSpace(u[b - 1]) { b -= 1 }
        return markerLength(u, a, b) == b - a && b > a
    }

    /// The length of a list marker starting at `i` (digits, one letter or a Roman numeral, then ".", ")" or ".)"), or 0.
    func markerLength(_ u: UnsafeBufferPointer<UInt16>, _ i: Int, _ limit: Int) -> Int {
        var j = i
        while j < limit && j - i < 3 && Units.isDigit(u[j]) { j += 1 }
        if j == i {
            while j < limit && j - i < 5 && Self.isRomanDigit(u[j]) { j += 1 }
            if j == i, j < limit, Units.isLetter(u[j]), u[j] < 0x80 { j += 1 }
            if j - i > 1 && !(i + 1 < limit) { return 0 }
        }
        if j == i || j >= limit { return 0 }
        if u[j] == 0x2E {
            j += 1
            if j < limit && u[j] == 0x29 { j += 1 }
        } else if u[j] == 0x29 {
            j += 1
        } else {
            return 0
        }
        return j - i
    }

    static func isRomanDigit(_ u: UInt16) -> Bool {
        switch u {
        case 0x69, 0x76, 0x78, 0x6C, 0x63, 0x49, 0x56, 0x58, 0x4C, 0x43: return true
        default: return false
        }
    }

    /// The ordinal of a marker's body: digits, one Latin letter (a = 1) or a Roman numeral, or nil.
    func markerOrdinal(_ u: UnsafeBufferPointer<UInt16>, _ i: Int, _ length: Int) -> (ordinal: Int, style: Int)? {
        var j = i, value = 0
        while j < i + length && Units.isDigit(u[j]) { value = value * 10 + Int(u[j] - 0x30); j += 1 }
        var bodyEnd = i + length
        while bodyEnd > i && (u[bodyEnd - 1] == 0x2E || u[bodyEnd - 1] == 0x29) { bodyEnd -= 1 }
        let suffix = string(u, bodyEnd..<(i + length))
        let suffixStyle = suffix == "." ? 0 : suffix == ")" ? 1 : 2
        if j > i { return (value, suffixStyle) }
        let body = string(u, i..<bodyEnd)
        guard !body.isEmpty else { return nil }
        if body.count == 1, let c = body.unicodeScalars.first, c.isASCII, c.properties.isLowercase {
            return (Int(c.value) - 0x60, 10 + suffixStyle)
        }
        if body.count == 1, let c = body.unicodeScalars.first, c.isASCII, c.properties.isUppercase, !"IVXLC".contains(body) {
            return (Int(c.value) - 0x40, 20 + suffixStyle)
        }
        let roman: [Character: Int] = ["i": 1, "v": 5, "x": 10, "l": 50, "c": 100]
        var total = 0, prev = 0
        for ch in body.lowercased().reversed() {
            guard let v = roman[ch] else { return nil }
            total += v < prev ? -v : v
            prev = max(prev, v)
        }
        return (total, (body.first!.isUppercase ? 30 : 40) + suffixStyle)
    }

    /// Inline numbered lists ("1) first 2) second", "a. one b. two"): a break before each next marker.
    func enumerationBreaks(_ block: Range<Int>, into forced: inout ForcedBreaks) {
        buffer.withUnits { u in
            var i = block.lowerBound
            while i < block.upperBound && (Units.isSpace(u[i]) || Units.isBullet(u[i])) { i += 1 }
            let len = markerLength(u, i, block.upperBound)
            guard len > 0, i + len < block.upperBound, Units.isSpace(u[i + len]),
                  var expected = markerOrdinal(u, i, len) else { return }
            // A list of letters or Roman numerals starts at a, A, i or I; "J. Gn. K. Org." are initials.
            if expected.style >= 10 && expected.ordinal != 1 { return }
            expected.ordinal += 1
            var k = i + len
            while k < block.upperBound - 1 {
                if Units.isSpace(u[k]) && !Units.isSpace(u[k + 1]) {
                    var m = k + 1
                    let itemStart = m
                    while m < block.upperBound && (Units.isBullet(u[m]) || (m > itemStart && Units.isSpace(u[m]))) { m += 1 }
                    let l = markerLength(u, m, block.upperBound)
                    if l > 0, let o = markerOrdinal(u, m, l), o.ordinal == expected.ordinal, o.style == expected.style,
                       m + l < block.upperBound, Units.isSpace(u[m + l]) {
                        var p = k
                        while p > block.lowerBound && Units.isSpace(u[p - 1]) { p -= 1 }
                        forced.add(p, "numbered list item \(string(u, m..<(m + l)))")
                        expected.ordinal += 1
                        k = m + l
                        continue
                    }
                }
                k += 1
            }
        }
    }
}
