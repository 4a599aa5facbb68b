#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A paragraph of input: the bytes of its lines from the first line's start to the end of the
/// last line's content, where `base` is the UTF-8 offset of `bytes[0]` in the whole input.
public struct Paragraph {
    public var bytes: UnsafeBufferPointer<UInt8>
    public var base: Int
    public var index: Int

    public init(bytes: UnsafeBufferPointer<UInt8>, base: Int, index: Int) {
        self.bytes = bytes
        self.base = base
        self.index = index
    }

    /// The byte ranges of the paragraphs of UTF-8 text (split at blank lines).
    public static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var splitter = ParagraphSplitter()
        splitter.feed(bytes, base: 0, final: true) { p in result.append(p.base..<(p.base + p.bytes.count)) }
        return result
    }
}

/// Splits UTF-8 input into paragraphs at blank lines (lines of only spaces, tabs, NBSP or a BOM).
///
/// Lines end in LF, CRLF or CR. Works incrementally: `feed` emits the paragraphs that are
/// complete and returns how many bytes the caller may drop.
struct ParagraphSplitter {
    private(set) var paragraphCount = 0

    /// Emits every complete paragraph of `bytes`; with `final`, the last one too.
    /// - Returns: the number of leading bytes that are done with.
    @discardableResult
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, final: Bool, emit: (Paragraph) -> Void) -> Int {
        let n = bytes.count
        var lineStart = 0
        var paraStart = -1, paraEnd = -1
        // The next line feed at or after `lineStart` (n when there is none), kept from line to line:
        // with CR-only line ends, searching the rest of the input for LF on every line was quadratic.
        var nextLF = -1
        while lineStart < n {
            // Find the end of the line.
            var i = lineStart
            if let base = bytes.baseAddress {
                // memchr finds the line feed; a carriage return before it ends the line earlier.
                if nextLF < lineStart {
                    nextLF = memchr(base + lineStart, 0x0A, n - lineStart).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
                }
                let lf = nextLF
                let cr = memchr(base + lineStart, 0x0D, lf - lineStart).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? lf
                i = cr
            }
            let contentEnd = i
            var next: Int
            if i == n {
                if !final { break }
                next = n
            } else if bytes[i] == 0x0D {
                if i + 1 == n && !final { break }
                next = (i + 1 < n && bytes[i + 1] == 0x0A) ? i + 2 : i + 1
            } else {
                next = i + 1
            }
            if Self.isBlank(bytes, lineStart, contentEnd) {
                if paraStart >= 0 {
                    emit(Paragraph(bytes: UnsafeBufferPointer(rebasing: bytes[paraStart..<paraEnd]),
                                   base: base + paraStart, index: paragraphCount))
                    paragraphCount += 1
                    paraStart = -1
                }
            } else {
                if paraStart < 0 { paraStart = lineStart }
                paraEnd = contentEnd
            }
            lineStart = next
        }
        if paraStart >= 0 {
            if final {
                emit(Paragraph(bytes: UnsafeBufferPointer(rebasing: bytes[paraStart..<paraEnd]),
                               base: base + paraStart, index: paragraphCount))
                paragraphCount += 1
                return n
            }
            return paraStart
        }
        return lineStart
    }

    /// Whether bytes[from..<to] hold only spaces, tabs, VT, FF, NBSP or BOMs.
    static func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            switch b[i] {
            case 0x20, 0x09, 0x0B, 0x0C: i += 1
            case 0xC2 where i + 1 < to && b[i + 1] == 0xA0: i += 2
            case 0xEF where i + 2 < to && b[i + 1] == 0xBB && b[i + 2] == 0xBF: i += 3
            default: return false
            }
        }
        return true
    }
}
