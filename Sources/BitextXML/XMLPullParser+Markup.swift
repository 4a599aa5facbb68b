extension XMLPullParser {
    enum Delimited {
        case cdata, comment, processingInstruction

        var name: String {
            switch self {
            case .cdata: "CDATA section"
            case .comment: "comment"
            case .processingInstruction: "processing instruction"
            }
        }
    }

    /// Appends the content up to `]]>`, `-->` or `?>` to `scratch` with line ends normalised, and consumes the terminator.
    /// - Parameters:
    ///   - kind: Which construct is being read.
    ///   - start: Where the construct began, for the unterminated error.
    /// - Throws: `XMLError` for bad characters, `--` in a comment, or end of input.
    mutating func readDelimited(_ kind: Delimited, openedAt start: SourceLocation) throws(XMLError) {
        let trigger: UInt8 = switch kind {
        case .cdata: UInt8(ascii: "]")
        case .comment: UInt8(ascii: "-")
        case .processingInstruction: UInt8(ascii: "?")
        }
        while true {
            let p = buffer
            let n = end
            var i = pos
            scan: while i < n {
                let b = p[i]
                if b >= 0x80 {
                    let length = Self.sequenceLength(p, i, n)
                    if length > 0 {
                        i &+= length
                        continue
                    }
                    if length == 0 && !atEOF { break scan }
                    throw invalidCharacterError(at: i)
                }
                if b == trigger {
                    let need = kind == .processingInstruction ? 1 : 2
                    if i + need >= n {
                        if atEOF {
                            i &+= 1
                            continue
                        }
                        break scan
                    }
                    switch kind {
                    case .cdata:
                        if p[i + 1] == UInt8(ascii: "]") && p[i + 2] == UInt8(ascii: ">") {
                            appendToScratch(from: pos, to: i)
                            pos = i + 3
                            return
                        }
                    case .comment:
                        if p[i + 1] == UInt8(ascii: "-") {
                            guard p[i + 2] == UInt8(ascii: ">") else {
                                throw error("'--' is not allowed inside a comment", at: i)
                            }
                            appendToScratch(from: pos, to: i)
                            pos = i + 3
                            return
                        }
                    case .processingInstruction:
                        if p[i + 1] == UInt8(ascii: ">") {
                            appendToScratch(from: pos, to: i)
                            pos = i + 2
                            return
                        }
                    }
                    i &+= 1
                    continue
                }
                if b >= 0x20 || b == 0x0A || b == 0x09 {
                    i &+= 1
                    continue
                }
                guard b == 0x0D else { throw invalidCharacterError(at: i) }
                if i + 1 >= n && !atEOF { break scan }
                appendToScratch(from: pos, to: i)
                scratch.append(0x0A)
                i += i + 1 < n && p[i + 1] == 0x0A ? 2 : 1
                pos = i
            }
            appendToScratch(from: pos, to: i)
            pos = i
            if !(try fill()) && pos >= end {
                throw error("unterminated \(kind.name)", at: start)
            }
        }
    }

    /// Reads `<!-- ... -->` at `pos`.
    /// - Throws: `XMLError` for bad content or end of input.
    mutating func readComment() throws(XMLError) {
        let start = location(at: pos)
        pos += 4
        scratch.removeAll(keepingCapacity: true)
        try readDelimited(.comment, openedAt: start)
        tokenString = String(decoding: scratch, as: UTF8.self)
        tokenTextInScratch = true
    }

    /// Reads `<?target data?>` at `pos`.
    /// - Throws: `XMLError` for a bad or reserved target, bad content or end of input.
    mutating func readProcessingInstruction() throws(XMLError) {
        let start = location(at: pos)
        var k = 2
        while true {
            if pos + k >= end {
                if !(try fill()) { break }
                continue
            }
            if !Self.isNameByte(buffer[pos + k]) { break }
            k += 1
        }
        let nameStart = pos + 2
        let nameEnd = pos + k
        guard nameEnd > nameStart, Self.isNameStartByte(buffer[nameStart]) else {
            if nameStart < end { throw error("expected a processing instruction target after '<?'", at: nameStart) }
            throw error("unexpected end of input after '<?'", at: nameStart)
        }
        var i = nameStart
        while i < nameEnd {
            let b = buffer[i]
            if b == UInt8(ascii: ":") {
                throw error("a processing instruction target must not contain ':'", at: i)
            }
            if b >= 0x80 {
                let length = Self.sequenceLength(buffer, i, nameEnd)
                guard length > 0 else { throw invalidCharacterError(at: i) }
                i += length
            } else {
                i += 1
            }
        }
        let target = makeString(from: nameStart, to: nameEnd)
        if target.lowercased() == "xml" {
            if target == "xml" {
                if base + pos == contentStart {
                    throw error("malformed XML declaration: expected whitespace and 'version' after '<?xml'", at: pos + 5)
                }
                throw error("the XML declaration is only allowed at the very start of the document", at: pos)
            }
            throw error("processing instruction target '\(target)' is reserved", at: pos)
        }
        pos = nameEnd
        scratch.removeAll(keepingCapacity: true)
        guard try ensure(1) else { throw error("unterminated processing instruction", at: start) }
        if !Self.isWhitespace(buffer[pos]) {
            guard try ensure(2), buffer[pos] == UInt8(ascii: "?"), buffer[pos + 1] == UInt8(ascii: ">") else {
                if pos < end, buffer[pos] == UInt8(ascii: "?") {
                    throw error("unterminated processing instruction", at: start)
                }
                throw error("expected whitespace or '?>' after processing instruction target '\(target)', found "
                            + describeCharacter(at: pos), at: pos)
            }
            pos += 2
            tokenString = target
            tokenData = ""
            tokenTextInScratch = true
            return
        }
        while true {
            while pos < end && Self.isWhitespace(buffer[pos]) { pos += 1 }
            if pos < end { break }
            if !(try fill()) { break }
        }
        try readDelimited(.processingInstruction, openedAt: start)
        tokenString = target
        tokenData = String(decoding: scratch, as: UTF8.self)
        tokenTextInScratch = true
    }
}
