extension XMLPullParser {
    enum TextStop {
        case lessThan, ampersand, carriageReturn, needMore, endOfInput, invalid, cdataEnd
    }

    /// Scans plain character data from a buffered index to the first byte that needs attention.
    @inline(__always)
    func scanText(from start: Int) -> (Int, TextStop) {
        // Bit b set: ASCII byte b is special in text (controls except tab and LF, '&', '<', ']').
        let low: UInt64 = 0x1000_0040_FFFF_F9FF
        let high: UInt64 = 0x2000_0000
        let p = buffer
        let n = end
        var i = start
        while i < n {
            let b = p[i]
            if b < 0x80 {
                let special = b < 64 ? (low >> UInt64(b)) & 1 : (high >> UInt64(b &- 64)) & 1
                if special == 0 {
                    i = Self.skipPlainText(p, i &+ 1, n)
                    continue
                }
                switch b {
                case UInt8(ascii: "<"): return (i, .lessThan)
                case UInt8(ascii: "&"): return (i, .ampersand)
                case 0x0D: return (i, .carriageReturn)
                case UInt8(ascii: "]"):
                    if i + 1 < n && p[i + 1] != UInt8(ascii: "]") {
                        i &+= 1
                        continue
                    }
                    if i + 2 < n {
                        if p[i + 2] == UInt8(ascii: ">") { return (i, .cdataEnd) }
                        i &+= 1
                        continue
                    }
                    if !atEOF { return (i, .needMore) }
                    i &+= 1
                default:
                    return (i, .invalid)
                }
            } else {
                // Common two- and three-byte sequences inline (C2-DF; E1-EC), the rest in `sequenceLength`.
                if b &- 0xC2 < 0x1E && i &+ 1 < n && p[i &+ 1] & 0xC0 == 0x80 {
                    i = Self.skipPlainText(p, i &+ 2, n)
                    continue
                }
                if b &- 0xE1 < 0x0C && i &+ 2 < n && p[i &+ 1] & 0xC0 == 0x80 && p[i &+ 2] & 0xC0 == 0x80 {
                    i &+= 3
                    continue
                }
                let length = Self.sequenceLength(p, i, n)
                if length > 0 {
                    i &+= length
                    continue
                }
                if length == 0 && !atEOF { return (i, .needMore) }
                return (i, .invalid)
            }
        }
        return (i, atEOF ? .endOfInput : .needMore)
    }

    /// Skips, eight bytes at a time, text that needs no attention: ASCII other than controls, `<`, `&` and `]`, and
    /// well-formed two-byte UTF-8 sequences (U+0080–U+07FF, all XML characters); returns where it stopped, at the
    /// start of a character that the byte-wise scanner must look at.
    @inline(__always)
    static func skipPlainText(_ p: UnsafeMutablePointer<UInt8>, _ start: Int, _ n: Int) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = start
        var carry: UInt64 = 0  // high bit of byte 0 set when the previous word ended with a lead byte
        while i &+ 8 <= n {
            let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            var flagged = Self.controlBytes(word)
                | Self.matchingBytes(word, 0x3C3C_3C3C_3C3C_3C3C)
                | Self.matchingBytes(word, 0x2626_2626_2626_2626)
                | Self.matchingBytes(word, 0x5D5D_5D5D_5D5D_5D5D)
            let top = word & high
            if top | carry != 0 {
                let bit6 = (word << 1) & high
                let lead = top & bit6
                let continuation = top & ~bit6
                // Leads of three- or four-byte sequences, and the overlong leads C0 and C1.
                flagged |= (lead & (word << 2)) | (lead & Self.exactBytes(word & 0x1E1E_1E1E_1E1E_1E1E, 0))
                // Every continuation byte follows a lead byte, and every lead byte is followed by one.
                flagged |= continuation ^ ((lead << 8) | carry)
                if flagged != 0 { return Self.stopBefore(p, i, flagged, carry) }
                carry = lead >> 56
            } else if flagged != 0 {
                return i &+ (flagged.trailingZeroBitCount >> 3)
            }
            i &+= 8
        }
        return carry != 0 ? i &- 1 : i
    }

    /// Where `skipPlainText` stops in a flagged word: at its lowest flagged byte (every byte below it is plain), or
    /// one byte earlier when that byte is a lead byte whose continuation was not checked.
    @inline(__always)
    static func stopBefore(_ p: UnsafeMutablePointer<UInt8>, _ i: Int, _ flagged: UInt64, _ carry: UInt64) -> Int {
        let k = flagged.trailingZeroBitCount >> 3
        if k == 0 { return carry != 0 ? i &- 1 : i }
        return p[i &+ k &- 1] >= 0xC0 ? i &+ k &- 1 : i &+ k
    }

    /// Reads all character data up to the next markup other than CDATA, as one `.text` event.
    /// - Throws: `XMLError` for bad characters, `]]>`, or bad references.
    mutating func readCharacterData() throws(XMLError) {
        var (k, stop) = scanText(from: pos)
        tokenIsCDATA = false
        if stop == .lessThan, k + 1 < end, buffer[k + 1] != UInt8(ascii: "!") {
            tokenTextInScratch = false
            tokenTextStart = pos
            tokenTextEnd = k
            pos = k
            return
        }
        tokenTextInScratch = true
        scratch.removeAll(keepingCapacity: true)
        var onlyCDATA = true
        while true {
            if k > pos {
                appendToScratch(from: pos, to: k)
                pos = k
                onlyCDATA = false
            }
            switch stop {
            case .lessThan:
                guard try matchesAhead(Self.cdataOpen) else {
                    tokenIsCDATA = onlyCDATA
                    return
                }
                let start = location(at: pos)
                pos += 9
                try readDelimited(.cdata, openedAt: start)
            case .ampersand:
                try appendReference()
                onlyCDATA = false
            case .carriageReturn:
                scratch.append(0x0A)
                pos += 1
                if try ensure(1), buffer[pos] == 0x0A { pos += 1 }
                onlyCDATA = false
            case .needMore:
                _ = try fill()
            case .endOfInput:
                tokenIsCDATA = onlyCDATA
                return
            case .invalid:
                throw invalidCharacterError(at: k)
            case .cdataEnd:
                throw error("']]>' is not allowed in character data (write ']]&gt;')", at: k)
            }
            (k, stop) = scanText(from: pos)
        }
    }

    /// Decodes the entity or character reference at `pos` into `scratch`.
    /// - Throws: `XMLError` for an unknown entity or a malformed reference.
    mutating func appendReference() throws(XMLError) {
        var k = 1
        while true {
            if pos + k >= end {
                if !(try fill()) { break }
                continue
            }
            let b = buffer[pos + k]
            if b == UInt8(ascii: ";") { break }
            if !Self.isNameByte(b) && b != UInt8(ascii: "#") { break }
            k += 1
        }
        let (value, next) = try parseReference(at: pos, limit: end)
        appendScalar(value)
        pos = next
    }

    /// Parses a reference whose bytes are buffered before `limit`, returning its scalar and the index after `;`.
    /// - Throws: `XMLError` for an unknown entity or a malformed reference.
    mutating func parseReference(at start: Int, limit: Int) throws(XMLError) -> (UInt32, Int) {
        let p = buffer
        var i = start + 1
        if i < limit && p[i] == UInt8(ascii: "#") {
            i += 1
            let isHex = i < limit && p[i] == UInt8(ascii: "x")
            if isHex { i += 1 }
            let digitsStart = i
            var value: UInt32 = 0
            while i < limit {
                let b = p[i]
                let digit: UInt32
                if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                    digit = UInt32(b - UInt8(ascii: "0"))
                } else if isHex && (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "f") {
                    digit = UInt32((b | 0x20) - UInt8(ascii: "a") + 10)
                } else {
                    break
                }
                value = min(value * (isHex ? 16 : 10) + digit, 0x110000)
                i += 1
            }
            guard i > digitsStart, i < limit, p[i] == UInt8(ascii: ";") else {
                let shown = makeString(from: start, to: min(i + 1, limit))
                throw error("malformed character reference '\(shown)': expected "
                            + (isHex ? "hex digits" : "digits") + " and ';'", at: start)
            }
            guard XMLEscaping.isXML10Char(value) else {
                throw error("character reference '\(makeString(from: start, to: i + 1))' does not denote "
                            + "an XML 1.0 character", at: start)
            }
            return (value, i + 1)
        }
        let nameStart = i
        guard i < limit, Self.isNameStartByte(p[i]) else {
            throw error("'&' must start an entity or character reference (write '&amp;' for a literal '&')",
                        at: start)
        }
        while i < limit && Self.isNameByte(p[i]) { i += 1 }
        guard i < limit, p[i] == UInt8(ascii: ";") else {
            throw error("missing ';' after '\(makeString(from: start, to: i))'", at: start)
        }
        let value: UInt32
        switch makeString(from: nameStart, to: i) {
        case "lt": value = 0x3C
        case "gt": value = 0x3E
        case "amp": value = 0x26
        case "quot": value = 0x22
        case "apos": value = 0x27
        default:
            throw error("unknown entity '\(makeString(from: start, to: i + 1))'", at: start)
        }
        return (value, i + 1)
    }
}
