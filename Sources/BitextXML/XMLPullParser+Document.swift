extension XMLPullParser {
    static let commentOpen: [UInt8] = Array("<!--".utf8)
    static let cdataOpen: [UInt8] = Array("<![CDATA[".utf8)
    static let doctypeOpen: [UInt8] = Array("<!DOCTYPE".utf8)
    static let declarationOpen: [UInt8] = Array("<?xml".utf8)
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Reads markup until a token is ready.
    /// - Throws: `XMLError` for anything not well-formed.
    @inline(__always)
    mutating func readToken(skippingWhitespace: Bool = false) throws(XMLError) -> XMLToken? {
        if pos >= releaseAt { releaseConsumedPages() }
        if pendingEnd {
            pendingEnd = false
            popElement()
            return .endElement
        }
        switch state {
        case .finished: return nil
        case .documentStart: try readDocumentStart()
        default: break
        }
        while true {
            if pos >= end, !(try fill()) { return try endOfInput() }
            eventOffset = base + pos
            if buffer[pos] != UInt8(ascii: "<") {
                if openElements.isEmpty {
                    try skipWhitespaceOutsideRoot()
                    continue
                }
                if skippingWhitespace {
                    // Whitespace up to a tag or processing instruction in the buffer is passed over.
                    let p = buffer
                    var k = pos
                    while k < end && Self.isWhitespace(p[k]) { k &+= 1 }
                    if k &+ 1 < end && p[k] == UInt8(ascii: "<") && p[k &+ 1] != UInt8(ascii: "!") {
                        pos = k
                        continue
                    }
                }
                try readCharacterData()
                return .text
            }
            if pos + 1 >= end, !(try ensure(2)) { throw error("unexpected end of input after '<'", at: pos + 1) }
            switch buffer[pos + 1] {
            case UInt8(ascii: "/"):
                try readEndTag()
                return .endElement
            case UInt8(ascii: "?"):
                try readProcessingInstruction()
                return .processingInstruction
            case UInt8(ascii: "!"):
                if try matchesAhead(Self.commentOpen) {
                    try readComment()
                    return .comment
                }
                if try matchesAhead(Self.cdataOpen) {
                    guard !openElements.isEmpty else {
                        throw error("CDATA section is not allowed outside the root element", at: pos)
                    }
                    try readCharacterData()
                    return .text
                }
                if try matchesAhead(Self.doctypeOpen) {
                    try skipDocumentType()
                    continue
                }
                throw error("unexpected '<!': expected a comment '<!--' or a CDATA section '<![CDATA['", at: pos)
            default:
                try readStartTag()
                return .startElement
            }
        }
    }

    /// Skips a document type declaration that only names an external DTD
    /// (`<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">`, as TBX 2008 files carry): the DTD is
    /// never fetched, so it can define no entity. An internal subset (`[…]`), which could
    /// declare entities, is refused, and so is a second or late declaration.
    /// - Throws: `XMLError` for an internal subset, a misplaced or an unterminated declaration.
    mutating func skipDocumentType() throws(XMLError) {
        guard state == .beforeRoot, openElements.isEmpty, !sawDocumentType else {
            throw error("'<!DOCTYPE' is only allowed once, before the root element", at: pos)
        }
        var k = Self.doctypeOpen.count
        var quote: UInt8 = 0
        while true {
            if pos + k >= end, !(try ensure(k + 1)) {
                throw error("unterminated '<!DOCTYPE': expected '>'", at: pos)
            }
            let b = buffer[pos + k]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "[") {
                throw error("DTDs are not allowed: a '<!DOCTYPE' internal subset could declare entities, so it is "
                            + "refused; no entity can expand and nothing external is fetched", at: pos)
            } else if b == UInt8(ascii: ">") {
                break
            }
            k += 1
        }
        sawDocumentType = true
        pos += k + 1
    }

    /// Skips a UTF-8 byte order mark and reads the XML declaration, if present.
    /// - Throws: `XMLError` for UTF-16 input or a bad declaration.
    mutating func readDocumentStart() throws(XMLError) {
        state = .beforeRoot
        if try matchesAhead(Self.byteOrderMark) {
            pos += 3
            tracker.offset = base + pos
            contentStart = base + pos
        } else if try ensure(2), (buffer[pos] == 0xFE && buffer[pos + 1] == 0xFF)
                    || (buffer[pos] == 0xFF && buffer[pos + 1] == 0xFE) {
            throw error("UTF-16 input is not supported; convert the file to UTF-8", at: pos)
        }
        if try matchesAhead(Self.declarationOpen), try ensure(6), Self.isWhitespace(buffer[pos + 5]) {
            try readXMLDeclaration()
        }
    }

    /// Reads `<?xml version="1.x" encoding="UTF-8" standalone="yes|no"?>` at `pos`.
    /// - Throws: `XMLError` for a malformed declaration or an encoding other than UTF-8.
    mutating func readXMLDeclaration() throws(XMLError) {
        let (limit, stop) = try bufferTag()
        guard stop == .greaterThan, limit - 1 >= pos + 5, buffer[limit - 1] == UInt8(ascii: "?") else {
            throw tagFailure(at: limit, limit: limit, stop: stop, expected: "'?>' to end the XML declaration",
                             inValue: false)
        }
        let close = limit - 1
        let p = buffer
        var i = pos + 5
        var seen = 0  // 1 version, 2 encoding, 3 standalone
        while true {
            let spaceStart = i
            while i < close && Self.isWhitespace(p[i]) { i += 1 }
            if i >= close { break }
            guard i > spaceStart else {
                throw error("expected whitespace in the XML declaration, found \(describeCharacter(at: i))", at: i)
            }
            let nameStart = i
            while i < close && p[i] >= UInt8(ascii: "a") && p[i] <= UInt8(ascii: "z") { i += 1 }
            let name = makeString(from: nameStart, to: i)
            while i < close && Self.isWhitespace(p[i]) { i += 1 }
            guard i < close, p[i] == UInt8(ascii: "=") else {
                throw tagFailure(at: i, limit: close, stop: .greaterThan,
                                 expected: nameStart == i ? "'version', 'encoding' or 'standalone'"
                                                          : "'=' after '\(name)'", inValue: false)
            }
            i += 1
            while i < close && Self.isWhitespace(p[i]) { i += 1 }
            guard i < close, p[i] == UInt8(ascii: "\"") || p[i] == UInt8(ascii: "'") else {
                throw tagFailure(at: i, limit: close, stop: .greaterThan, expected: "a quoted value", inValue: false)
            }
            let quote = p[i]
            let valueStart = i + 1
            var j = valueStart
            while j < close && p[j] != quote { j += 1 }
            guard j < close else { throw error("unterminated value in the XML declaration", at: i) }
            let value = makeString(from: valueStart, to: j)
            switch name {
            case "version" where seen == 0:
                let digits = value.utf8.dropFirst(2)
                guard value.hasPrefix("1."), !digits.isEmpty,
                      digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                    throw error("unsupported XML version '\(value)'", at: valueStart)
                }
                seen = 1
            case "encoding" where seen == 1:
                // A converted document keeps the declaration its tool wrote ("UTF-16", "windows-1252").
                guard value.lowercased() == "utf-8" || transcoded != nil else {
                    throw error("unsupported encoding '\(value)': only UTF-8 is supported", at: valueStart)
                }
                seen = 2
            case "standalone" where seen == 1 || seen == 2:
                guard value == "yes" || value == "no" else {
                    throw error("standalone must be 'yes' or 'no', not '\(value)'", at: valueStart)
                }
                seen = 3
            default:
                if seen == 0 {
                    throw error("the XML declaration must start with 'version'", at: nameStart)
                }
                throw error("unexpected '\(name)' in the XML declaration", at: nameStart)
            }
            i = j + 1
        }
        guard seen > 0 else { throw error("the XML declaration must start with 'version'", at: pos) }
        pos = limit + 1
    }

    /// Skips whitespace before or after the root element; anything else but markup is an error.
    /// - Throws: `XMLError` for text outside the root element.
    mutating func skipWhitespaceOutsideRoot() throws(XMLError) {
        while true {
            let p = buffer
            while pos < end && Self.isWhitespace(p[pos]) { pos += 1 }
            if pos < end {
                if p[pos] == UInt8(ascii: "<") { return }
                let place = state == .afterRoot ? "after" : "before"
                throw error("text is not allowed \(place) the root element", at: pos)
            }
            if !(try fill()) { return }
        }
    }

    /// Finishes the document at the end of input.
    /// - Throws: `XMLError` when an element is still open or there was no root element.
    mutating func endOfInput() throws(XMLError) -> XMLToken? {
        resolveOpenElements()
        if let open = openElements.last {
            throw error("unexpected end of input: element '<\(open.name.qualifiedName)>' opened at "
                        + "\(open.line):\(open.column) is not closed", at: end)
        }
        guard rootName != nil else { throw error("no root element", at: end) }
        state = .finished
        return nil
    }
}
