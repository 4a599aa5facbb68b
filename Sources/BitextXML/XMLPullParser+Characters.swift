extension XMLPullParser {
    /// Length of the UTF-8 sequence at `p[i]` (lead byte ≥ 0x80): > 0 a valid XML char, 0 cut off by `n`, -1 invalid UTF-8, -2 not an XML char.
    @inline(__always)
    static func sequenceLength(_ p: UnsafeMutablePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b0 = p[i]
        if b0 < 0xC2 { return -1 }
        if b0 < 0xE0 {
            guard i + 1 < n else { return 0 }
            return p[i + 1] & 0xC0 == 0x80 ? 2 : -1
        }
        if b0 < 0xF0 {
            guard i + 1 < n else { return 0 }
            let b1 = p[i + 1]
            let lower: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let upper: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= lower && b1 <= upper else { return -1 }
            guard i + 2 < n else { return 0 }
            let b2 = p[i + 2]
            guard b2 & 0xC0 == 0x80 else { return -1 }
            if b0 == 0xEF && b1 == 0xBF && b2 >= 0xBE { return -2 }
            return 3
        }
        if b0 < 0xF5 {
            guard i + 1 < n else { return 0 }
            let b1 = p[i + 1]
            let lower: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let upper: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard b1 >= lower && b1 <= upper else { return -1 }
            guard i + 2 < n else { return 0 }
            guard p[i + 2] & 0xC0 == 0x80 else { return -1 }
            guard i + 3 < n else { return 0 }
            guard p[i + 3] & 0xC0 == 0x80 else { return -1 }
            return 4
        }
        return -1
    }

    /// High bit set in each byte of `word` equal to the byte repeated in `pattern` (exact up to the lowest match).
    @inline(__always)
    static func matchingBytes(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// High bit set in exactly the bytes of `word` equal to the byte repeated in `pattern`.
    @inline(__always)
    static func exactBytes(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
    }

    /// The number of bytes of `bits` that are 1, where each byte is 0 or 1.
    @inline(__always)
    static func byteCount(_ bits: UInt64) -> Int {
        Int(truncatingIfNeeded: (bits &* 0x0101_0101_0101_0101) >> 56)
    }

    /// High bit set in each byte of `word` below 0x20 (exact up to the lowest match).
    @inline(__always)
    static func controlBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
    }

    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
    }

    /// ASCII letters, `_`, `:` and any non-ASCII byte (non-ASCII scalars are all accepted in names).
    @inline(__always)
    static func isNameStartByte(_ b: UInt8) -> Bool {
        let folded = b | 0x20
        return b >= 0x80 || (folded >= 0x61 && folded <= 0x7A) || b == 0x5F || b == 0x3A
    }

    /// Name start bytes plus digits, `-` and `.`.
    @inline(__always)
    static func isNameByte(_ b: UInt8) -> Bool {
        if b >= 0x80 { return true }
        // Bits for '-', '.', '0'...'9', ':' and for 'A'...'Z', '_', 'a'...'z'.
        let low: UInt64 = 0x07FF_6000_0000_0000
        let high: UInt64 = 0x07FF_FFFE_87FF_FFFE
        let bits = b < 64 ? low >> UInt64(b) : high >> UInt64(b &- 64)
        return bits & 1 != 0
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The error for the byte at `index`, which is a disallowed ASCII control or starts bad or non-Char UTF-8.
    mutating func invalidCharacterError(at index: Int) -> XMLError {
        let b = buffer[index]
        if b < 0x80 {
            return error("character U+\(Self.hex(UInt32(b), digits: 4)) is not allowed in XML 1.0", at: index)
        }
        let length = Self.sequenceLength(buffer, index, end)
        if length == -2 {
            let value = (UInt32(b & 0x0F) << 12) | (UInt32(buffer[index + 1] & 0x3F) << 6)
                | UInt32(buffer[index + 2] & 0x3F)
            return error("character U+\(Self.hex(value, digits: 4)) is not allowed in XML 1.0", at: index)
        }
        let offset = base + index
        if length == 0 {
            return error("truncated UTF-8 sequence at end of input (byte offset \(offset))", at: index)
        }
        return error("invalid UTF-8 sequence starting with byte 0x\(Self.hex(UInt32(b), digits: 2)) "
                     + "(byte offset \(offset))", at: index)
    }

    /// A short description of the character at a buffered index, for messages.
    func describeCharacter(at index: Int) -> String {
        let b = buffer[index]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        if b < 0x80 { return "U+\(Self.hex(UInt32(b), digits: 4))" }
        let length = Self.sequenceLength(buffer, index, end)
        if length > 0 { return "'\(makeString(from: index, to: index + length))'" }
        return "byte 0x\(Self.hex(UInt32(b), digits: 2))"
    }
}
