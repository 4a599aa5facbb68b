#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BitextCore

/// Reads a file line by line in 64 KiB blocks, so memory does not grow with the file. Lines end at
/// LF; a CR before it is kept in the line for the caller to judge.
final class LineReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
    let name: String
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0
    /// Byte offset of the start of the line last returned.
    private(set) var lineOffset = 0
    private var consumed = 0

    init(path: String) throws(ExchangeError) {
        name = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ExchangeError("cannot open: \(String(cString: strerror(errno)))", location: SourceLocation(file: path), kind: .unreadable)
        }
        ownsDescriptor = true
    }

    init(bytes: [UInt8], name: String) {
        self.name = name
        fd = -1
        ownsDescriptor = false
        buffer = bytes
        eof = true
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// The next line without its LF, as UTF-8 text.
    /// - Throws: `ExchangeError` for invalid UTF-8, with the line and byte offset.
    func nextLine() throws(ExchangeError) -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                return try emit(start..<newline, next: newline + 1)
            }
            if eof {
                guard start < buffer.count else { return nil }
                return try emit(start..<buffer.count, next: buffer.count)
            }
            try fill()
        }
    }

    private func emit(_ range: Range<Int>, next: Int) throws(ExchangeError) -> String {
        lineNumber += 1
        lineOffset = consumed
        let bytes = buffer[range]
        let invalid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
        if let invalid {
            throw ExchangeError("invalid UTF-8", location: SourceLocation(file: name, line: lineNumber, byteOffset: lineOffset + invalid))
        }
        let line = String(decoding: bytes, as: UTF8.self)
        consumed += next - start
        start = next
        return line
    }

    private func fill() throws(ExchangeError) {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let chunk = 1 << 16
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, chunk) }
        if n < 0 {
            buffer.removeSubrange(old...)
            throw ExchangeError("cannot read: \(String(cString: strerror(errno)))", location: SourceLocation(file: name), kind: .unreadable)
        }
        buffer.removeSubrange((old + n)...)
        if n == 0 { eof = true }
    }
}
