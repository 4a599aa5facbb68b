/// JSON string escaping shared by every JSON and JSON Lines writer.
public enum JSONEscaping {
    /// Appends `bytes` (UTF-8) as the inside of a JSON string. Besides what JSON requires, U+0085,
    /// U+2028 and U+2029 are escaped, so that no line-based reader splits a JSON Lines record.
    /// - Parameters:
    ///   - bytes: Valid UTF-8.
    ///   - out: The buffer to append to.
    public static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        var i = 0
        let n = bytes.count
        func flushRun(_ end: Int) {
            if runStart < end { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
        }
        while i < n {
            let b = bytes[i]
            if b == 0xC2 && i + 1 < n && bytes[i + 1] == 0x85 {
                flushRun(i)
                out.append(contentsOf: "\\u0085".utf8)
                i += 2
                runStart = i
                continue
            }
            if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
                flushRun(i)
                out.append(contentsOf: (bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                i += 3
                runStart = i
                continue
            }
            i += 1
            if b >= 0x20 && b != 0x22 && b != 0x5C { continue }
            flushRun(i - 1)
            switch b {
            case 0x22: out.append(contentsOf: "\\\"".utf8)
            case 0x5C: out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            default:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigit(b >> 4))
                out.append(hexDigit(b & 0xF))
            }
            runStart = i
        }
        flushRun(n)
    }

    /// `string` as a quoted JSON string.
    public static func quoted(_ string: String) -> String {
        var out: [UInt8] = [0x22]
        var s = string
        s.withUTF8 { appendEscaped($0, to: &out) }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? 0x30 + v : 0x57 + v
    }
}
