/// Escaping for writing XML that `XMLPullParser` (or any conforming parser) reads back unchanged.
public enum XMLEscaping {
    /// Escapes character data: `&`, `<`, `>` (so `]]>` cannot occur) and CR (`&#13;`, which line-end normalisation would turn into LF).
    /// - Parameter text: The text to escape; it should contain only XML 1.0 characters (see `isXML10Char`).
    public static func escapeText(_ text: String) -> String {
        escape(text, attribute: false)
    }

    /// Escapes an attribute value for use inside double quotes: `&`, `<`, `>`, `"`, and tab, LF, CR as character references.
    /// - Parameter value: The value to escape; it should contain only XML 1.0 characters (see `isXML10Char`).
    public static func escapeAttribute(_ value: String) -> String {
        escape(value, attribute: true)
    }

    /// Whether the scalar is an XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    /// - Parameter scalar: The scalar to test.
    public static func isXML10Char(_ scalar: Unicode.Scalar) -> Bool {
        isXML10Char(scalar.value)
    }

    /// Whether every scalar of the string is an XML 1.0 `Char`, so that it can be written to an XML 1.0 document at all.
    /// - Parameter string: The string to test.
    public static func isXML10String(_ string: String) -> Bool {
        string.unicodeScalars.allSatisfy { isXML10Char($0.value) }
    }

    static func isXML10Char(_ value: UInt32) -> Bool {
        if value < 0x20 { return value == 0x9 || value == 0xA || value == 0xD }
        if value <= 0xD7FF { return true }
        if value < 0xE000 { return false }
        if value <= 0xFFFD { return true }
        return value >= 0x10000 && value <= 0x10FFFF
    }

    private static func replacement(for byte: UInt8, attribute: Bool) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case 0x0D: return "&#13;"
        case UInt8(ascii: "\""): return attribute ? "&quot;" : nil
        case 0x09: return attribute ? "&#9;" : nil
        case 0x0A: return attribute ? "&#10;" : nil
        default: return nil
        }
    }

    private static func escape(_ string: String, attribute: Bool) -> String {
        let utf8 = string.utf8
        guard utf8.contains(where: { replacement(for: $0, attribute: attribute) != nil }) else { return string }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if let entity = replacement(for: byte, attribute: attribute) {
                entity.withUTF8Buffer { out.append(contentsOf: $0) }
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
