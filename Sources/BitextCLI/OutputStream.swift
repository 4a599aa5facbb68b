import BitextCore

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
        JSONEscaping.appendEscaped(bytes, to: &buffer)
        if buffer.count >= limit { flush() }
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
