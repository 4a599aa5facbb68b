#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer to a file descriptor; bytes go out in large blocks.
final class ByteWriter {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private let limit = 1 << 16

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(limit + 4096)
    }

    deinit { flush() }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    func write(_ string: String) {
        var s = string
        s.withUTF8 { write($0) }
    }

    func write(byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= limit { flush() }
    }

    /// Writes `bytes` with each line break (LF, CR or CRLF) turned into one space.
    func writeJoiningLines(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if memchr(base, 0x0A, bytes.count) == nil && memchr(base, 0x0D, bytes.count) == nil {
            write(bytes)
            return
        }
        var i = 0
        let n = bytes.count
        var runStart = 0
        while i < n {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                write(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                write(byte: 0x20)
                i += (b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) ? 2 : 1
                runStart = i
            } else {
                i += 1
            }
        }
        write(UnsafeBufferPointer(rebasing: bytes[runStart..<n]))
    }

    /// Writes `bytes` as the inside of a JSON string. Besides what JSON requires, U+0085, U+2028
    /// and U+2029 are escaped, so that no line-based reader splits a JSON Lines record.
    func writeJSONEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var runStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0x85 {
                write(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                write("\\u0085")
                i += 2; runStart = i
                continue
            }
            if b == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
                write(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                write(bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                i += 3; runStart = i
                continue
            }
            i += 1
            if b >= 0x20 && b != 0x22 && b != 0x5C { continue }
            write(UnsafeBufferPointer(rebasing: bytes[runStart..<(i - 1)]))
            switch b {
            case 0x22: write("\\\"")
            case 0x5C: write("\\\\")
            case 0x0A: write("\\n")
            case 0x0D: write("\\r")
            case 0x09: write("\\t")
            default:
                write("\\u00")
                write(byte: hex[Int(b >> 4)])
                write(byte: hex[Int(b & 0xF)])
            }
            runStart = i
        }
        write(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }

    func writeJSONString(_ string: String) {
        var s = string
        write(byte: 0x22)
        s.withUTF8 { writeJSONEscaped($0) }
        write(byte: 0x22)
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let r = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if r < 0 { if errno == EINTR { continue }; break }
                off += r
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Messages for standard error.
enum StandardError {
    static func print(_ message: String) {
        var line = message + "\n"
        line.withUTF8 { raw in _ = Glibc.write(2, raw.baseAddress, raw.count) }
    }
}
