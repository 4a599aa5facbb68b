extension XMLPullParser {
    struct CachedName {
        var low: UInt64
        var high: UInt64
        var length: Int
        var prefix: String?
        var localName: String

        static let empty = CachedName(low: 0, high: 0, length: -1, prefix: nil, localName: "")
    }

    /// The prefix and local name of a buffered qualified name, reusing the strings of recently seen short names.
    mutating func nameParts(from start: Int, to stop: Int, colon: Int) -> (String?, String) {
        let length = stop - start
        guard length <= 16 else { return makeNameParts(from: start, to: stop, colon: colon) }
        // The buffer has `slack` initialised bytes past its capacity, so 16-byte loads stay in bounds.
        let raw = UnsafeRawPointer(buffer + start)
        var low = raw.loadUnaligned(as: UInt64.self)
        var high = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        if length < 8 {
            low &= (1 << UInt64(length * 8)) &- 1
            high = 0
        } else if length < 16 {
            high &= (1 << UInt64((length - 8) * 8)) &- 1
        }
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        let slot = Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if nameCache[slot].length == length && nameCache[slot].low == low && nameCache[slot].high == high {
            return (nameCache[slot].prefix, nameCache[slot].localName)
        }
        let (prefix, localName) = makeNameParts(from: start, to: stop, colon: colon)
        nameCache[slot] = CachedName(low: low, high: high, length: length, prefix: prefix, localName: localName)
        return (prefix, localName)
    }

    func makeNameParts(from start: Int, to stop: Int, colon: Int) -> (String?, String) {
        if colon < 0 { return (nil, makeValidString(from: start, to: stop)) }
        return (makeValidString(from: start, to: colon), makeValidString(from: colon + 1, to: stop))
    }
}
