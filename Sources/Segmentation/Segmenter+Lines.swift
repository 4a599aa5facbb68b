import BitextCore
import BitextICU

extension Segmenter {
    /// One line of a paragraph, in UTF-16 units.
    struct Line {
        /// First non-space unit.
        var start: Int
        /// End of the content, trailing spaces excluded.
        var end: Int
        /// The line break after the line (LF, CR or CRLF), empty for the last line.
        var lineBreak: Range<Int>
        var length: Int { end - start }
    }

    /// Decides each line break of the paragraph: a soft wrap becomes a space for ICU; a hard
    /// one (headline, byline, list item, boilerplate) becomes a forced boundary.
    func applyLineRules(count: Int, forced: inout ForcedBreaks) {
        let lines: [Line] = buffer.withUnits { u in
            var result: [Line] = []
            var i = 0
            while i < count {
                var j = i
                while j < count && !Units.isLineBreak(u[j]) { j += 1 }
                var brk = j
                if j < count { brk = (u[j] == 0x0D && j + 1 < count && u[j + 1] == 0x0A) ? j + 2 : j + 1 }
                var a = i, b = j
                while a < b && Units.isSpace(u[a]) { a += 1 }
                while b > a && Units.isSpace(u[b - 1]) { b -= 1 }
                result.append(Line(start: a, end: b, lineBreak: j..<brk))
                i = brk
            }
            return result
        }
        guard lines.count > 1 else { return }
        let width = lines.map(\.length).max() ?? 0
        var boilerplateLine = [Bool](repeating: false, count: lines.count)
        if let boilerplate {
            boilerplate.attach(buffer)
            for (k, line) in lines.enumerated() where line.length > 0 && line.length < 80 {
                boilerplateLine[k] = boilerplate.matchesWhole(line.start..<line.end, transparent: false)
            }
        }
        var soft: [Range<Int>] = []
        buffer.withUnits { u in
            for k in 0..<(lines.count - 1) {
                let line = lines[k], next = lines[k + 1]
                if let reason = hardBreakReason(u, line, next, width, boilerplateLine[k], boilerplateLine[k + 1]) {
                    forced.add(line.end, reason)
                } else {
                    soft.append(line.lineBreak)
                }
            }
        }
        for r in soft { for i in r { buffer[i] = 0x20 } }
    }

    /// Why the break after `line` ends a segment, or nil when it is a soft wrap.
    func hardBreakReason(_ u: UnsafeBufferPointer<UInt16>, _ line: Line, _ next: Line, _ width: Int,
                         _ lineIsBoilerplate: Bool, _ nextIsBoilerplate: Bool) -> String? {
        if line.length == 0 || next.length == 0 { return nil }
        if lineIsBoilerplate { return "line break after a boilerplate line" }
        if nextIsBoilerplate { return "line break before a boilerplate line" }
        let first = u[next.start]
        // List items: bullets, dashes and numbered markers start their own segment.
        if Units.isBullet(first) { return "line break before a bulleted item" }
        if (first == 0x2D || first == 0x2A || first == 0x2013 || first == 0x2014), next.start + 1 < next.end, Units.isSpace(u[next.start + 1]) {
            return "line break before a list item"
        }
        let marker = markerLength(u, next.start, next.end)
        if marker > 0, next.start + marker < next.end, Units.isSpace(u[next.start + marker]), !Units.isDigit(u[line.end - 1]) {
            return "line break before a numbered item"
        }
        if Units.isBullet(u[line.start]) || markerLength(u, line.start, line.end) > 0 && Units.isDigit(u[line.start]) {
            if Units.isUpper(first) || Units.isDigit(first) || Units.isBullet(first) { return "line break after a list item" }
        }
        // The sentence continues on the next line.
        if Units.isLower(first) { return nil }
        let last = u[line.end - 1]
        switch last {
        case 0x2C, 0x3B, 0x3A, 0x2D, 0x2013, 0x2014, 0x28, 0x5B, 0xAB, 0x201C, 0x201E, 0x2018: return nil
        default: break
        }
        // A wrapped line is full: the next line's first word would not have fitted on it.
        var w = next.start
        while w < next.end && !Units.isSpace(u[w]) { w += 1 }
        let firstWord = w - next.start
        if line.length >= 40 && line.length + 1 + firstWord > width - 2 { return nil }
        return "line break after a short line (headline, byline or list)"
    }
}
