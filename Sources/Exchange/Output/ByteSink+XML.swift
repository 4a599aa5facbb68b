extension ByteSink {
    /// What to do with a character that XML 1.0 cannot carry.
    enum InvalidCharacterPolicy {
        /// XLIFF 2: write `<cp hex="…"/>` (element content only).
        case codePointElement
        /// Throw an error naming the unit.
        case fail(unit: String, format: String)
    }

    /// Appends `text` escaped for XML element content (`attribute` false) or a double-quoted
    /// attribute value. `&`, `<`, `>` and CR are always escaped, so `]]>` and line ends survive.
    /// - Throws: `ExchangeError` for a character XML 1.0 cannot carry, unless the policy writes `<cp>`.
    func appendXML(_ text: String, attribute: Bool = false, invalid: InvalidCharacterPolicy) throws(ExchangeError) {
        var text = text
        let failure: ExchangeError? = text.withUTF8 { bytes -> ExchangeError? in
            let n = bytes.count
            var runStart = 0
            var i = 0
            let base = bytes.baseAddress
            while i < n {
                // Eight bytes at a time while none needs a look; stops at the first one that does.
                if let base {
                    while i &+ 8 <= n {
                        let flagged = Self.flaggedXMLBytes(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                        if flagged != 0 {
                            i &+= flagged.trailingZeroBitCount >> 3
                            break
                        }
                        i &+= 8
                    }
                    if i >= n { break }
                }
                let b = bytes[i]
                // Fast path: printable ASCII other than & < > " and non-EF lead/continuation bytes.
                if b >= 0x20 && b != 0x26 && b != 0x3C && b != 0x3E && b != 0x22 && b != 0xEF {
                    i += 1
                    continue
                }
                var replacement: StaticString?
                var invalidScalar: UInt32?
                var width = 1
                switch b {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = attribute ? "&quot;" : nil
                case 0x0D: replacement = "&#13;"
                case 0x0A: replacement = attribute ? "&#10;" : nil
                case 0x09: replacement = attribute ? "&#9;" : nil
                case 0xEF:
                    if i + 2 < n && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF) {
                        invalidScalar = bytes[i + 2] == 0xBE ? 0xFFFE : 0xFFFF
                        width = 3
                    }
                default:
                    if b < 0x20 { invalidScalar = UInt32(b) }
                }
                if replacement == nil && invalidScalar == nil {
                    i += 1
                    continue
                }
                if runStart < i { append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                if let replacement {
                    append(replacement)
                } else if let scalar = invalidScalar {
                    switch invalid {
                    case .codePointElement where !attribute:
                        append("<cp hex=\"")
                        append(Self.hex(scalar))
                        append("\"/>")
                    case .codePointElement:
                        return ExchangeError("U+\(Self.hex(scalar)) cannot be written in an XML attribute")
                    case let .fail(unit, format):
                        return ExchangeError("U+\(Self.hex(scalar)) cannot be carried by \(format) (XML 1.0 does not allow it)", unit: unit)
                    }
                }
                i += width
                runStart = i
            }
            if runStart < n { append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
            return nil
        }
        if let failure { throw failure }
    }

    /// The high bit of each byte of `word` that may need escaping or checking: controls, `&`, `<`, `>`, `"` and
    /// 0xEF (the lead byte of U+FFFE and U+FFFF). Bits above the lowest flagged byte may be spurious; the lowest is
    /// exact.
    @inline(__always)
    static func flaggedXMLBytes(_ word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func equal(_ pattern: UInt64) -> UInt64 {
            let x = word ^ pattern
            return (x &- 0x0101_0101_0101_0101) & ~x & high
        }
        let controls = (word &- 0x2020_2020_2020_2020) & ~word & high
        return controls | equal(0x2626_2626_2626_2626) | equal(0x3C3C_3C3C_3C3C_3C3C) | equal(0x3E3E_3E3E_3E3E_3E3E)
            | equal(0x2222_2222_2222_2222) | equal(0xEFEF_EFEF_EFEF_EFEF)
    }

    /// Appends an attribute ` name="value"`, escaped; fails on characters XML cannot carry.
    func appendAttribute(_ name: StaticString, _ value: String, unit: String, format: String) throws(ExchangeError) {
        append(0x20)
        append(name)
        append("=\"")
        try appendXML(value, attribute: true, invalid: .fail(unit: unit, format: format))
        append(0x22)
    }

    /// Uppercase hexadecimal with at least four digits, as `<cp hex>` and `U+` notation use.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// Whether XML would change this text unless it is marked `xml:space="preserve"`: leading or
    /// trailing white space, runs of spaces, tabs or line breaks.
    static func needsPreserve(_ text: String) -> Bool {
        var previousSpace = true
        for b in text.utf8 {
            switch b {
            case 0x09, 0x0A, 0x0D: return true
            case 0x20:
                if previousSpace { return true }
                previousSpace = true
            default:
                previousSpace = false
            }
        }
        return previousSpace && !text.isEmpty
    }
}
