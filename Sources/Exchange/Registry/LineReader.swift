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
    /// Bytes read and not yet consumed live in `buffer[start..<count]`.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var start = 0
    private var eof = false
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0
    /// Byte offset of the start of the line last returned.
    private(set) var lineOffset = 0
    private var consumed = 0
    /// The last line returned (as offsets into `buffer`), and whether it is to be returned again.
    private var lastLine = 0..<0
    private var repeatLast = false
    private static let chunk = 1 << 16
    /// Lines longer than this are refused (a clear error, not an out-of-memory kill).
    static let maximumLineLength = 256 << 20

    init(path: String) throws(ExchangeError) {
        name = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ExchangeError("cannot open: \(String(cString: strerror(errno)))", location: SourceLocation(file: path), kind: .unreadable)
        }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw ExchangeError("is a directory, not a file", location: SourceLocation(file: path), kind: .unreadable)
        }
        ownsDescriptor = true
        capacity = 2 * Self.chunk
        buffer = .allocate(capacity: capacity)
    }

    init(bytes: [UInt8], name: String) {
        self.name = name
        fd = -1
        ownsDescriptor = false
        capacity = max(bytes.count, 1)
        buffer = .allocate(capacity: capacity)
        bytes.withUnsafeBufferPointer { source in
            if let address = source.baseAddress { buffer.initialize(from: address, count: source.count) }
        }
        count = bytes.count
        eof = true
    }

    deinit {
        buffer.deallocate()
        if ownsDescriptor { close(fd) }
    }

    /// The next line without its LF, as UTF-8 text.
    /// - Throws: `ExchangeError` for invalid UTF-8, with the line and byte offset.
    func nextLine() throws(ExchangeError) -> String? {
        guard let bytes = try nextLineBytes() else { return nil }
        return validUTF8String(bytes)
    }

    /// The next line without its LF, as bytes checked to be valid UTF-8; they stay valid until the next call.
    /// - Throws: `ExchangeError` for invalid UTF-8, with the line and byte offset.
    func nextLineBytes() throws(ExchangeError) -> UnsafeBufferPointer<UInt8>? {
        if repeatLast {
            repeatLast = false
            return UnsafeBufferPointer(start: buffer + lastLine.lowerBound, count: lastLine.count)
        }
        var searched = start
        while true {
            if searched < count, let found = memchr(buffer + searched, 0x0A, count - searched) {
                let newline = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                return try emit(start..<newline, next: newline + 1)
            }
            if eof {
                guard start < count else { return nil }
                return try emit(start..<count, next: count)
            }
            searched = count - start
            try fill()
            searched += start
        }
    }

    /// Makes the next call of `nextLineBytes` return the last line again, without counting it twice.
    func pushBack() {
        repeatLast = true
    }

    private func emit(_ range: Range<Int>, next: Int) throws(ExchangeError) -> UnsafeBufferPointer<UInt8> {
        lineNumber += 1
        lineOffset = consumed
        var range = range
        // A UTF-8 byte order mark (Windows editors write one) is not part of the first line.
        if consumed == 0 && range.count >= 3 && buffer[range.lowerBound] == 0xEF && buffer[range.lowerBound + 1] == 0xBB
            && buffer[range.lowerBound + 2] == 0xBF {
            range = (range.lowerBound + 3)..<range.upperBound
            lineOffset = 3
        }
        let bytes = UnsafeBufferPointer(start: buffer + range.lowerBound, count: range.count)
        if let invalid = UTF8Validation.firstInvalidOffset(bytes) {
            throw ExchangeError("invalid UTF-8", location: SourceLocation(file: name, line: lineNumber, byteOffset: lineOffset + invalid))
        }
        consumed += next - start
        start = next
        lastLine = range
        return bytes
    }

    private func fill() throws(ExchangeError) {
        if start > 0 {
            let remaining = count - start
            if remaining > 0 { memmove(buffer, buffer + start, remaining) }
            if lastLine.lowerBound >= start {
                lastLine = (lastLine.lowerBound - start)..<(lastLine.upperBound - start)
            } else {
                lastLine = 0..<0
            }
            count = remaining
            start = 0
        }
        if count > Self.maximumLineLength {
            throw ExchangeError("a line longer than \(Self.maximumLineLength >> 20) MiB", location: SourceLocation(file: name, line: lineNumber + 1, byteOffset: consumed))
        }
        if capacity - count < Self.chunk {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + Self.chunk))
            bigger.initialize(from: buffer, count: count)
            buffer.deallocate()
            buffer = bigger
            capacity = max(capacity * 2, count + Self.chunk)
        }
        var n: Int
        repeat {
            n = read(fd, buffer + count, Self.chunk)
        } while n < 0 && errno == EINTR
        if n < 0 {
            throw ExchangeError("cannot read: \(String(cString: strerror(errno)))", location: SourceLocation(file: name), kind: .unreadable)
        }
        count += n
        if n == 0 { eof = true }
    }
}

/// A string from bytes already checked to be valid UTF-8, without checking them again.
func validUTF8String(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
        return unsafe String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: UTF8Validation.isASCII(bytes)))
    }
    return String(decoding: bytes, as: UTF8.self)
}
