import BitextCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A readable byte stream: a file or standard input.
struct ByteReader: ~Copyable {
    let fd: Int32
    let name: String
    let ownsDescriptor: Bool

    /// Opens `path`, or standard input for nil or "-".
    init(path: String?) throws(SegmentationError) {
        if let path, path != "-" {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw .unreadableInput(path: path, reason: String(cString: strerror(errno)))
            }
            var st = stat()
            if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw .unreadableInput(path: path, reason: "is a directory")
            }
            self.fd = fd
            name = path
            ownsDescriptor = true
        } else {
            fd = 0
            name = "<stdin>"
            ownsDescriptor = false
        }
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// Appends up to `count` bytes to `buffer`; returns how many were read (0 at end of input).
    func read(into buffer: inout [UInt8], count: Int) throws(SegmentationError) -> Int {
        let old = buffer.count
        buffer.reserveCapacity(old + count)
        var got = 0
        var failure: Int32 = 0
        buffer.append(contentsOf: repeatElement(0, count: count))
        buffer.withUnsafeMutableBytes { raw in
            while true {
                let r = Glibc.read(fd, raw.baseAddress! + old, count)
                if r < 0 && errno == EINTR { continue }
                if r < 0 { failure = errno; break }
                got = r
                break
            }
        }
        buffer.removeLast(count - got)
        if failure != 0 { throw .unreadableInput(path: name, reason: String(cString: strerror(failure))) }
        return got
    }

    /// Rewinds a regular file to its start; false when the input cannot seek (a pipe).
    func rewind() -> Bool { lseek(fd, 0, SEEK_SET) == 0 }
}

extension Segmenter {
    /// Size of each read from a file.
    static let chunkSize = 1 << 20

    /// Segments a file (or standard input for nil or "-") as a stream of paragraphs.
    ///
    /// The input is checked for valid UTF-8 before any segment is reported, so output is never
    /// cut short by bad data. Memory grows with the longest paragraph, not with the file
    /// (standard input that cannot be rewound is held in memory for the check).
    /// - Parameter body: gets each segment's span and its bytes (valid only during the call).
    /// - Throws: `SegmentationError.unreadableInput` or `.invalidUTF8` with the byte offset.
    public func segment(path: String?, _ body: (SegmentSpan, UnsafeBufferPointer<UInt8>) -> Void) throws(SegmentationError) {
        let reader = try ByteReader(path: path)
        var pending: [UInt8] = []
        if reader.rewind() {
            try Self.validate(reader)
            guard reader.rewind() else { throw .unreadableInput(path: reader.name, reason: "cannot rewind") }
        } else {
            while try reader.read(into: &pending, count: Self.chunkSize) > 0 {}
            if let bad = UTF8Validation.firstInvalidOffset(pending) {
                throw .invalidUTF8(SourceLocation(file: reader.name, byteOffset: bad))
            }
            var splitter = ParagraphSplitter()
            segmentBuffer(pending, base: 0, final: true, splitter: &splitter, body)
            return
        }
        var base = 0
        var splitter = ParagraphSplitter()
        var readSize = Self.chunkSize
        while true {
            let got = try reader.read(into: &pending, count: readSize)
            let consumed = segmentBuffer(pending, base: base, final: got == 0, splitter: &splitter, body)
            // A paragraph longer than the buffer: read more at once next time (linear overall).
            readSize = consumed == 0 && got > 0 ? min(readSize * 2, 1 << 30) : Self.chunkSize
            if consumed > 0 {
                pending.removeFirst(consumed)
                base += consumed
            }
            if got == 0 { break }
        }
    }

    @discardableResult
    private func segmentBuffer(_ pending: [UInt8], base: Int, final: Bool, splitter: inout ParagraphSplitter,
                               _ body: (SegmentSpan, UnsafeBufferPointer<UInt8>) -> Void) -> Int {
        pending.withUnsafeBufferPointer { buf in
            splitter.feed(buf, base: base, final: final) { paragraph in
                self.segmentParagraph(paragraph) { span in
                    body(span, UnsafeBufferPointer(rebasing: buf[(span.range.lowerBound - base)..<(span.range.upperBound - base)]))
                }
            }
        }
    }

    /// Checks a whole file for valid UTF-8 in chunks.
    static func validate(_ reader: borrowing ByteReader) throws(SegmentationError) {
        var pending: [UInt8] = []
        var base = 0
        while true {
            let got = try reader.read(into: &pending, count: chunkSize)
            // Keep the last (possibly incomplete) sequence for the next round.
            var cut = pending.count
            if got > 0 {
                var k = pending.count - 1
                while k > 0 && k > pending.count - 4 && (pending[k] & 0xC0) == 0x80 { k -= 1 }
                cut = pending[k] >= 0x80 ? k : pending.count
            }
            let bad = pending.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: $0[0..<cut])) }
            if let bad { throw .invalidUTF8(SourceLocation(file: reader.name, byteOffset: base + bad)) }
            pending.removeFirst(cut)
            base += cut
            if got == 0 { break }
        }
    }
}
