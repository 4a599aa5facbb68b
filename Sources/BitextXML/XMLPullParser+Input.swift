#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension XMLPullParser {
    /// Reads the next chunk after dropping consumed bytes; returns false at the end of input.
    /// - Throws: `XMLError` when reading fails.
    mutating func fill() throws(XMLError) -> Bool {
        if atEOF { return false }
        if pos > 0 {
            advanceTracker(to: base + pos)
            let remaining = end - pos
            if remaining > 0 { memmove(buffer, buffer + pos, remaining) }
            base += pos
            end = remaining
            pos = 0
        }
        if capacity - end < chunkSize { grow(to: max(capacity * 2, end + chunkSize)) }
        while true {
            let count = read(fileDescriptor, buffer + end, chunkSize)
            if count > 0 {
                end += count
                return true
            }
            if count == 0 {
                atEOF = true
                _ = close(fileDescriptor)
                fileDescriptor = -1
                return false
            }
            if errno == EINTR { continue }
            throw XMLError(source: sourceName, line: 0, column: 0, byteOffset: base + end,
                           message: "cannot read file: \(Self.systemError())")
        }
    }

    mutating func grow(to newCapacity: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + Self.slack)
        bigger.initialize(from: buffer, count: end)
        (bigger + end).initialize(repeating: 0, count: newCapacity + Self.slack - end)
        buffer.deallocate()
        buffer = bigger
        capacity = newCapacity
    }

    /// Makes at least `count` bytes available from `pos`; returns false when the input ends first.
    /// - Throws: `XMLError` when reading fails.
    mutating func ensure(_ count: Int) throws(XMLError) -> Bool {
        while end - pos < count {
            if !(try fill()) { return false }
        }
        return true
    }

    /// Whether the bytes at `pos` start with `literal`, reading only as far as needed to decide.
    /// - Throws: `XMLError` when reading fails.
    mutating func matchesAhead(_ literal: [UInt8]) throws(XMLError) -> Bool {
        for (k, byte) in literal.enumerated() {
            if pos + k >= end, !(try ensure(k + 1)) { return false }
            if buffer[pos + k] != byte { return false }
        }
        return true
    }

    /// Moves the tracker to an absolute offset, first recording the locations that it passes and that may be asked for later.
    mutating func advanceTracker(to offset: Int) {
        while firstUnresolvedOpen < openElements.count && openElements[firstUnresolvedOpen].offset <= offset {
            let elementOffset = openElements[firstUnresolvedOpen].offset
            Self.scan(&tracker, buffer, base: base, to: elementOffset)
            openElements[firstUnresolvedOpen].line = tracker.line
            openElements[firstUnresolvedOpen].column = tracker.column + 1
            firstUnresolvedOpen += 1
        }
        if locations.resolvedOffset != eventOffset && eventOffset <= offset && eventOffset >= tracker.offset {
            Self.scan(&tracker, buffer, base: base, to: eventOffset)
            locations.resolve(eventOffset, tracker)
        }
        Self.scan(&tracker, buffer, base: base, to: offset)
    }

    /// The location of the last event, computed on first use from whichever tracker is nearer.
    func eventLocation() -> SourceLocation {
        if locations.resolvedOffset == eventOffset { return locations.resolved }
        var start = tracker
        if locations.memo.offset > start.offset && locations.memo.offset <= eventOffset { start = locations.memo }
        Self.scan(&start, buffer, base: base, to: eventOffset)
        locations.resolve(eventOffset, start)
        return locations.resolved
    }

    /// Advances a tracker over buffered bytes up to an absolute offset, counting lines and scalars.
    static func scan(_ tracker: inout Tracker, _ p: UnsafeMutablePointer<UInt8>, base: Int, to offset: Int) {
        var i = tracker.offset - base
        let stop = offset - base
        guard i < stop else { return }
        var line = tracker.line, column = tracker.column, afterCR = tracker.afterCR
        let high: UInt64 = 0x8080_8080_8080_8080
        if !afterCR {
            // Count line feeds eight bytes at a time up to the first CR, then count the scalars of the last line only.
            var lineStart = i
            var k = i
            var newlines = 0
            while k &+ 8 <= stop {
                let word = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
                if Self.controlBytes(word) != 0 {
                    if Self.exactBytes(word, 0x0D0D_0D0D_0D0D_0D0D) != 0 { break }
                    let feeds = Self.exactBytes(word, 0x0A0A_0A0A_0A0A_0A0A)
                    if feeds != 0 {
                        newlines &+= feeds.nonzeroBitCount
                        lineStart = k &+ ((63 &- feeds.leadingZeroBitCount) >> 3) &+ 1
                    }
                }
                k &+= 8
            }
            if newlines > 0 {
                line &+= newlines
                column = 0
            }
            var j = lineStart
            while j &+ 8 <= k {
                let word = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
                column &+= 8 &- Self.byteCount((word & ~(word << 1) & high) >> 7)
                j &+= 8
            }
            while j < k {
                if p[j] & 0xC0 != 0x80 { column &+= 1 }
                j &+= 1
            }
            i = k
        }
        while i < stop {
            if !afterCR {
                // Eight bytes at a time; a short tail is padded with spaces (the buffer has slack) and corrected for.
                let count = min(stop &- i, 8)
                var word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if count < 8 {
                    let keep: UInt64 = (1 << UInt64(count &* 8)) &- 1
                    word = (word & keep) | (0x2020_2020_2020_2020 & ~keep)
                }
                let continuation = (word & ~(word << 1) & high) >> 7
                if Self.controlBytes(word) == 0 {
                    column &+= count &- Self.byteCount(continuation)
                    i &+= count
                    continue
                }
                if Self.exactBytes(word, 0x0D0D_0D0D_0D0D_0D0D) == 0 {
                    let newlines = Self.exactBytes(word, 0x0A0A_0A0A_0A0A_0A0A)
                    if newlines == 0 {
                        column &+= count &- Self.byteCount(continuation)
                    } else {
                        line &+= Self.byteCount(newlines >> 7)
                        let last = (63 &- newlines.leadingZeroBitCount) >> 3
                        let after = 7 &- last
                        let tail = after == 0 ? 0 : continuation >> UInt64((last &+ 1) &* 8)
                        column = after &- Self.byteCount(tail) &- (8 &- count)
                    }
                    i &+= count
                    continue
                }
            }
            let b = p[i]
            if b >= 0x20 {
                if b & 0xC0 != 0x80 { column &+= 1 }
                afterCR = false
            } else if b == 0x0A {
                if !afterCR { line &+= 1 }
                column = 0
                afterCR = false
            } else if b == 0x0D {
                line &+= 1
                column = 0
                afterCR = true
            } else {
                column &+= 1
                afterCR = false
            }
            i &+= 1
        }
        tracker = Tracker(offset: offset, line: line, column: column, afterCR: afterCR)
    }

    /// The location of a buffered byte (positions behind the tracker resolve to the tracker's position).
    mutating func location(at index: Int) -> SourceLocation {
        advanceTracker(to: base + index)
        return SourceLocation(line: tracker.line, column: tracker.column + 1, offset: tracker.offset)
    }

    /// Records the locations of all open elements, for messages that mention where they were opened.
    mutating func resolveOpenElements() {
        if let last = openElements.last { advanceTracker(to: max(last.offset, tracker.offset)) }
    }

    mutating func error(_ message: String, at index: Int) -> XMLError {
        error(message, at: location(at: index))
    }

    func error(_ message: String, at location: SourceLocation) -> XMLError {
        XMLError(source: sourceName, line: location.line, column: location.column,
                 byteOffset: transcoded?.originalOffset(location.offset) ?? location.offset, message: message)
    }

    func makeString(from start: Int, to stop: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: buffer + start, count: stop - start), as: UTF8.self)
    }

    /// A string from buffered bytes that the scanner has already checked to be valid UTF-8 (skips re-validation).
    @inline(__always)
    func makeValidString(from start: Int, to stop: Int) -> String {
        Self.validString(UnsafeBufferPointer(start: buffer + start, count: stop - start))
    }

    /// The scratch bytes as a string; they were copied from validated input or encoded from scalars.
    func scratchString() -> String {
        scratch.withUnsafeBufferPointer { Self.validString($0) }
    }

    /// A string from bytes known to be valid UTF-8.
    static func validString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            return unsafe String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII(bytes)))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether every byte is below 0x80.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        var bits: UInt64 = 0
        while i &+ 8 <= n {
            bits |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i &+= 8
        }
        var tail: UInt8 = 0
        while i < n {
            tail |= base[i]
            i &+= 1
        }
        return (bits & 0x8080_8080_8080_8080) == 0 && tail < 0x80
    }

    mutating func appendToScratch(from start: Int, to stop: Int) {
        if stop > start { scratch.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: stop - start)) }
    }

    mutating func appendScalar(_ value: UInt32) {
        if value < 0x80 {
            scratch.append(UInt8(value))
        } else if value < 0x800 {
            scratch.append(UInt8(0xC0 | (value >> 6)))
            scratch.append(UInt8(0x80 | (value & 0x3F)))
        } else if value < 0x10000 {
            scratch.append(UInt8(0xE0 | (value >> 12)))
            scratch.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (value & 0x3F)))
        } else {
            scratch.append(UInt8(0xF0 | (value >> 18)))
            scratch.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
