#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BitextCore
import BitextICU

/// UTF-16 code unit classes used by the segmenter.
enum Units {
    static func isSpace(_ u: UInt16) -> Bool {
        switch u {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    static func isLineBreak(_ u: UInt16) -> Bool { u == 0x0A || u == 0x0D }

    /// Opening quotes and brackets that may stand before a word.
    static func isOpener(_ u: UInt16) -> Bool {
        switch u {
        case 0x22, 0x27, 0x28, 0x5B, 0x7B, 0xAB, 0x2018, 0x201A, 0x201C, 0x201E, 0x2039, 0xBF, 0xA1: return true
        default: return false
        }
    }

    /// Bullets that start a list item.
    static func isBullet(_ u: UInt16) -> Bool {
        switch u {
        case 0x2022, 0x2043, 0x25AA, 0x25E6, 0x2023, 0x25CF, 0x25A0, 0x2219: return true
        default: return false
        }
    }

    static func isDigit(_ u: UInt16) -> Bool { u >= 0x30 && u <= 0x39 }
    static func isASCIILower(_ u: UInt16) -> Bool { u >= 0x61 && u <= 0x7A }

    static func scalar(_ u: UInt16) -> Unicode.Scalar? { Unicode.Scalar(u) }

    static func isLetter(_ u: UInt16) -> Bool {
        if u < 0x80 { return (u | 0x20) >= 0x61 && (u | 0x20) <= 0x7A }
        if u >= 0xD800 && u <= 0xDFFF { return true }
        return scalar(u)?.properties.isAlphabetic ?? false
    }

    static func isUpper(_ u: UInt16) -> Bool {
        if u < 0x80 { return u >= 0x41 && u <= 0x5A }
        guard let s = scalar(u) else { return false }
        return s.properties.isUppercase || s.properties.generalCategory == .titlecaseLetter
    }

    static func isLower(_ u: UInt16) -> Bool {
        if u < 0x80 { return u >= 0x61 && u <= 0x7A }
        return scalar(u)?.properties.isLowercase ?? false
    }
}

extension Segmenter {
    /// A candidate boundary: `position` is the end of the text before it; `forced` indexes the
    /// reason of a forced boundary in the paragraph's reason list, or is -1.
    struct Candidate {
        var position: Int
        var forced: Int = -1
    }

    /// Segments one paragraph and calls `emit` with each segment's absolute byte range.
    public func segmentParagraph(_ paragraph: Paragraph, emit: (SegmentSpan) -> Void) {
        let count = transcode(paragraph.bytes)
        if count == 0 { return }
        var forced = ForcedBreaks()
        if let base = paragraph.bytes.baseAddress,
           memchr(base, 0x0A, paragraph.bytes.count) != nil || memchr(base, 0x0D, paragraph.bytes.count) != nil {
            applyLineRules(count: count, forced: &forced)
        }
        // Blocks between hard line breaks: numbered inline lists.
        if forced.candidates.isEmpty {
            enumerationBreaks(0..<count, into: &forced)
        } else {
            var blockStart = 0
            for end in forced.candidates.map(\.position) + [count] {
                enumerationBreaks(blockStart..<end, into: &forced)
                blockStart = end
            }
        }
        // Scratch arrays are reused from paragraph to paragraph.
        var candidates = scratchCandidates
        var breaks = scratchBreaks
        scratchCandidates = []
        scratchBreaks = []
        candidates.removeAll(keepingCapacity: true)
        breaks.removeAll(keepingCapacity: true)
        defer {
            scratchCandidates = candidates
            scratchBreaks = breaks
        }
        candidates.append(contentsOf: forced.candidates)
        var needsSort = !candidates.isEmpty
        // The iterator and the rules were attached to `buffer` once; they re-read it when it changes.
        iterator.first()
        buffer.withUnits { u in
            while let b = iterator.next() {
                if b >= count { break }
                var p = b
                while p > 0 && Units.isSpace(u[p - 1]) { p -= 1 }
                if p > 0 { candidates.append(Candidate(position: p)) }
            }
            compiled.breakPositions(u, count, ascii: paragraphIsASCII ? paragraph.bytes : nil) {
                candidates.append(Candidate(position: $0))
                needsSort = true
            }
        }
        if needsSort {
            candidates.sort { $0.position < $1.position || ($0.position == $1.position && $0.forced > $1.forced) }
        }

        var lastBreak = 0
        var lastPosition = -1
        buffer.withUnits { u in
            for c in candidates where c.position != lastPosition {
                lastPosition = c.position
                var q = c.position
                while q < count && Units.isSpace(u[q]) { q += 1 }
                if q >= count { continue }
                let (isBreak, reason) = c.forced >= 0 ? (true, forced.reasons[c.forced]) : decide(u, c.position, q, lastBreak, count)
                if let onDecision {
                    onDecision(decisionRecord(u, c.position, count, paragraph, isBreak, reason))
                }
                if isBreak {
                    breaks.append(c.position)
                    lastBreak = c.position
                }
            }
            // Emit trimmed pieces between breaks.
            var start = 0
            let ascii = paragraphIsASCII
            utf8Offsets.withUnsafeBufferPointer { u8 in
                for k in 0...breaks.count {
                    let end = k < breaks.count ? breaks[k] : count
                    var a = start, b = end
                    while a < b && Units.isSpace(u[a]) { a += 1 }
                    while b > a && Units.isSpace(u[b - 1]) { b -= 1 }
                    if a < b {
                        let range = ascii ? a..<b : Int(u8[a])..<Int(u8[b])
                        emit(SegmentSpan(range: (paragraph.base + range.lowerBound)..<(paragraph.base + range.upperBound),
                                         paragraph: paragraph.index))
                    }
                    start = end
                }
            }
        }
    }

    /// Boundaries that hold whatever the rules say (hard line breaks, inline list items), with reasons.
    struct ForcedBreaks {
        var candidates: [Candidate] = []
        var reasons: [String] = []

        mutating func add(_ position: Int, _ reason: String) {
            candidates.append(Candidate(position: position, forced: reasons.count))
            reasons.append(reason)
        }
    }

    /// Decodes the paragraph's UTF-8 (already validated) into `buffer` and fills `utf8Offsets`.
    /// - Returns: the number of UTF-16 units.
    func transcode(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        paragraphIsASCII = UTF8Validation.isASCII(bytes)
        if paragraphIsASCII {
            buffer.replace(maximumCount: n) { out in
                let src = bytes.baseAddress!, dst = out.baseAddress!
                for i in 0..<n { dst[i] = UInt16(src[i]) }
                return n
            }
            return n
        }
        if utf8Offsets.count < n + 1 { utf8Offsets = [Int32](repeating: 0, count: max(n + 1, utf8Offsets.count * 2)) }
        var written = 0
        utf8Offsets.withUnsafeMutableBufferPointer { off in
            buffer.replace(maximumCount: n) { out in
                var i = 0, k = 0
                while i < n {
                    let b0 = UInt32(bytes[i])
                    if b0 < 0x80 {
                        out[k] = UInt16(b0); off[k] = Int32(i); k += 1; i += 1
                        // Runs of ASCII: one unit per byte, eight bytes at a time.
                        let src = bytes.baseAddress!, dst = out.baseAddress!, map = off.baseAddress!
                        while i + 8 <= n {
                            let word = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
                            if word & 0x8080_8080_8080_8080 != 0 { break }
                            var w = word
                            for j in 0..<8 {
                                dst[k + j] = UInt16(truncatingIfNeeded: w & 0xFF)
                                map[k + j] = Int32(i + j)
                                w >>= 8
                            }
                            k += 8; i += 8
                        }
                        while i < n && src[i] < 0x80 {
                            dst[k] = UInt16(src[i]); map[k] = Int32(i); k += 1; i += 1
                        }
                        continue
                    }
                    var scalar: UInt32
                    let len: Int
                    if b0 < 0xE0 {
                        scalar = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); len = 2
                    } else if b0 < 0xF0 {
                        scalar = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); len = 3
                    } else {
                        scalar = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                            | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                        len = 4
                    }
                    if scalar >= 0x10000 {
                        scalar -= 0x10000
                        out[k] = UInt16(0xD800 + (scalar >> 10)); off[k] = Int32(i); k += 1
                        out[k] = UInt16(0xDC00 + (scalar & 0x3FF)); off[k] = Int32(i); k += 1
                    } else {
                        out[k] = UInt16(scalar); off[k] = Int32(i); k += 1
                    }
                    i += len
                }
                off[k] = Int32(n)
                written = k
                return k
            }
        }
        return written
    }

    func decisionRecord(_ u: UnsafeBufferPointer<UInt16>, _ p: Int, _ count: Int, _ paragraph: Paragraph,
                        _ isBreak: Bool, _ reason: String) -> Decision {
        func clean(_ r: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: u[r]), as: UTF16.self)
                .replacingLineBreaks()
        }
        var a = max(0, p - 30), b = min(count, p + 30)
        if a > 0 && a < count && u[a] >= 0xDC00 && u[a] <= 0xDFFF { a += 1 }
        if b < count && b > 0 && u[b - 1] >= 0xD800 && u[b - 1] <= 0xDBFF { b -= 1 }
        return Decision(byteOffset: paragraph.base + (paragraphIsASCII ? p : Int(utf8Offsets[p])), paragraph: paragraph.index,
                        isBreak: isBreak, reason: reason, before: clean(a..<p), after: clean(p..<b))
    }
}

extension String {
    /// The string with CR, LF and CRLF each turned into one space.
    func replacingLineBreaks() -> String {
        guard contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in self {
            if ch == "\n" || ch == "\r" || ch == "\r\n" { out.append(" ") } else { out.append(ch) }
        }
        return out
    }
}
