extension XMLPullParser {
    enum TagStop {
        case greaterThan, lessThan, endOfInput, invalid
    }

    /// Buffers a whole tag starting at `pos` and returns the index of the byte that ends it and why it ends there.
    /// - Throws: `XMLError` when reading fails.
    mutating func bufferTag() throws(XMLError) -> (Int, TagStop) {
        var offset = 1
        var quote: UInt8 = 0
        while true {
            let p = buffer
            let n = end
            var i = pos + offset
            while i < n {
                while i &+ 8 <= n {
                    let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    let flagged = (word & 0x8080_8080_8080_8080) | Self.controlBytes(word)
                        | Self.matchingBytes(word, 0x3C3C_3C3C_3C3C_3C3C) | Self.matchingBytes(word, 0x3E3E_3E3E_3E3E_3E3E)
                        | Self.matchingBytes(word, 0x2222_2222_2222_2222) | Self.matchingBytes(word, 0x2727_2727_2727_2727)
                    if flagged != 0 {
                        i &+= flagged.trailingZeroBitCount >> 3
                        break
                    }
                    i &+= 8
                }
                if i >= n { break }
                let b = p[i]
                if b >= 0x80 {
                    let length = Self.sequenceLength(p, i, n)
                    if length > 0 {
                        i &+= length
                        continue
                    }
                    if length == 0 && !atEOF { break }
                    return (i, .invalid)
                }
                switch b {
                case UInt8(ascii: ">"):
                    if quote == 0 { return (i, .greaterThan) }
                case UInt8(ascii: "<"):
                    return (i, .lessThan)
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if quote == 0 { quote = b } else if quote == b { quote = 0 }
                case 0x00..<0x09, 0x0B, 0x0C, 0x0E..<0x20:
                    return (i, .invalid)
                default:
                    break
                }
                i &+= 1
            }
            offset = i - pos
            if !(try fill()), pos + offset >= end { return (end, .endOfInput) }
        }
    }

    /// The error for a tag that does not continue as expected at `index`.
    mutating func tagFailure(at index: Int, limit: Int, stop: TagStop, expected: String, inValue: Bool) -> XMLError {
        if index >= limit {
            switch stop {
            case .endOfInput:
                return error("unexpected end of input inside a tag; expected \(expected)", at: limit)
            case .lessThan:
                if inValue { return error("'<' is not allowed in attribute values (write '&lt;')", at: limit) }
                return error("unexpected '<' inside a tag; expected \(expected)", at: limit)
            case .invalid:
                return invalidCharacterError(at: limit)
            case .greaterThan:
                return error("expected \(expected) before '>'", at: limit)
            }
        }
        return error("expected \(expected), found \(describeCharacter(at: index))", at: index)
    }

    /// Scans a qualified name at `start`; returns its end and the index of its colon (-1 if none).
    /// - Throws: `XMLError` for a missing name, a bad first character or a malformed prefix.
    @inline(__always)
    mutating func scanQName(at start: Int, limit: Int, stop: TagStop, what: StaticString) throws(XMLError) -> (Int, Int) {
        let p = buffer
        guard start < limit, Self.isNameStartByte(p[start]) else {
            throw nameFailure(at: start, limit: limit, stop: stop, what: "\(what)")
        }
        var i = start + 1
        var colon = -1
        while i < limit {
            let b = p[i]
            if b < 0x80 {
                if !Self.isNameByte(b) { break }
                if b == UInt8(ascii: ":") {
                    if colon >= 0 { throw nameFailure(at: start, limit: limit, stop: stop, what: "\(what)") }
                    colon = i
                }
            }
            i += 1
        }
        if p[start] == UInt8(ascii: ":") || (colon >= 0 && (colon == i - 1 || !Self.isNameStartByte(p[colon + 1]))) {
            throw nameFailure(at: start, limit: limit, stop: stop, what: "\(what)")
        }
        return (i, colon)
    }

    /// The error for a missing or malformed qualified name at `start`.
    mutating func nameFailure(at start: Int, limit: Int, stop: TagStop, what: String) -> XMLError {
        let p = buffer
        guard start < limit, Self.isNameStartByte(p[start]) else {
            if start < limit, Self.isNameByte(p[start]) {
                return error("\(what) must not start with \(describeCharacter(at: start))", at: start)
            }
            return tagFailure(at: start, limit: limit, stop: stop, expected: what, inValue: false)
        }
        var i = start
        var colon = -1
        var colons = 0
        while i < limit {
            let b = p[i]
            if b < 0x80 {
                if !Self.isNameByte(b) { break }
                if b == UInt8(ascii: ":") {
                    colon = i
                    colons += 1
                }
            }
            i += 1
        }
        if colons > 1 || colon == start || colon == i - 1 {
            return error("invalid qualified name '\(makeString(from: start, to: i))'", at: start)
        }
        return error("local name in '\(makeString(from: start, to: i))' must not start with "
                     + describeCharacter(at: colon + 1), at: colon + 1)
    }

    /// Reads a start tag at `pos`, resolving namespaces; its name and attributes stay readable until the next token.
    /// - Throws: `XMLError` for anything not well-formed in the tag.
    mutating func readStartTag() throws(XMLError) {
        if state != .afterRoot, try readSimpleStartTag() { return }
        let (limit, stop) = try bufferTag()
        let tagStart = pos
        let nameStart = pos + 1
        let (nameEnd, nameColon) = try scanQName(at: nameStart, limit: limit, stop: stop, what: "an element name")
        if state == .afterRoot {
            throw error("a document has a single root element, but '<\(makeString(from: nameStart, to: nameEnd))>' "
                        + "follows the root element '<\(rootName ?? "")>'", at: tagStart)
        }
        var i = nameEnd
        var selfClosing = false
        if !rawAttributes.isEmpty { rawAttributes.removeAll(keepingCapacity: true) }
        if !decodedValues.isEmpty { decodedValues.removeAll(keepingCapacity: true) }
        let p = buffer
        while true {
            let spaceStart = i
            while i < limit && Self.isWhitespace(p[i]) { i += 1 }
            if i >= limit {
                if stop == .greaterThan { break }
                throw tagFailure(at: i, limit: limit, stop: stop, expected: "'>'", inValue: false)
            }
            if p[i] == UInt8(ascii: "/") {
                if i + 1 == limit && stop == .greaterThan {
                    selfClosing = true
                    break
                }
                throw tagFailure(at: i + 1, limit: limit, stop: stop, expected: "'>' after '/'", inValue: false)
            }
            guard i > spaceStart else {
                throw error("expected whitespace, '>' or '/>' after '\(makeString(from: rawAttributes.last?.start ?? nameStart, to: i))'"
                            + ", found \(describeCharacter(at: i))", at: i)
            }
            let attributeStart = i
            let (attributeEnd, colon) = try scanQName(at: i, limit: limit, stop: stop, what: "an attribute name")
            i = attributeEnd
            while i < limit && Self.isWhitespace(p[i]) { i += 1 }
            guard i < limit, p[i] == UInt8(ascii: "=") else {
                throw tagFailure(at: i, limit: limit, stop: stop,
                                 expected: "'=' after attribute name '\(makeString(from: attributeStart, to: attributeEnd))'",
                                 inValue: false)
            }
            i += 1
            while i < limit && Self.isWhitespace(p[i]) { i += 1 }
            guard i < limit, p[i] == UInt8(ascii: "\"") || p[i] == UInt8(ascii: "'") else {
                if i < limit {
                    throw error("attribute value must be quoted: expected '\"' or ''' after "
                                + "'\(makeString(from: attributeStart, to: attributeEnd))=', found "
                                + describeCharacter(at: i), at: i)
                }
                throw tagFailure(at: i, limit: limit, stop: stop, expected: "a quoted attribute value", inValue: false)
            }
            let quote = p[i]
            let valueStart = i + 1
            var j = valueStart
            while j < limit && p[j] != quote { j += 1 }
            guard j < limit else {
                throw tagFailure(at: j, limit: limit, stop: stop, expected: "closing quote", inValue: true)
            }
            let decoded = try decodeAttributeValue(from: valueStart, to: j)
            guard rawAttributes.count < limits.attributes else {
                throw error("more than \(limits.attributes) attributes on one element", at: attributeStart)
            }
            try checkUnique(start: attributeStart, end: attributeEnd)
            rawAttributes.append(RawAttribute(start: attributeStart, end: attributeEnd, colon: colon,
                                              valueStart: valueStart, valueEnd: j, decoded: decoded))
            i = j + 1
        }
        try resolveStartTag(nameStart: nameStart, nameEnd: nameEnd, colon: nameColon, declarations: true, prefixed: true)
        pos = limit + 1
        pendingEnd = selfClosing
    }

    /// Reads in one pass a start tag that is already buffered and simple: ASCII names, single spaces or other
    /// whitespace between attributes, `name="value"` with no whitespace around `=`, and values of printable ASCII
    /// without `&` or `<`. Returns false, having changed nothing that matters, for anything else, which
    /// `readStartTag` then reads the general way (and reports errors for).
    /// - Throws: `XMLError` for an undeclared prefix or a bad namespace declaration.
    @inline(__always)
    mutating func readSimpleStartTag() throws(XMLError) -> Bool {
        let p = buffer
        let n = end
        let nameStart = pos + 1
        guard nameStart < n else { return false }
        let first = p[nameStart] | 0x20
        guard (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || p[nameStart] == UInt8(ascii: "_") else {
            return false
        }
        var i = nameStart + 1
        var colon = -1
        while i < n {
            let b = p[i]
            if b >= 0x80 || !Self.isNameByte(b) { break }
            if b == UInt8(ascii: ":") {
                if colon >= 0 { return false }
                colon = i
            }
            i += 1
        }
        guard i < n, colon < 0 || (colon + 1 < i && Self.isNameStartByte(p[colon + 1])) else { return false }
        let nameEnd = i
        if !rawAttributes.isEmpty { rawAttributes.removeAll(keepingCapacity: true) }
        if !decodedValues.isEmpty { decodedValues.removeAll(keepingCapacity: true) }
        var selfClosing = false
        var declarations = false  // an attribute that may be `xmlns` or `xmlns:…`
        var prefixed = false
        while true {
            guard i < n else { return false }
            var b = p[i]
            if b == UInt8(ascii: ">") { break }
            if b == UInt8(ascii: "/") {
                guard i + 1 < n, p[i + 1] == UInt8(ascii: ">") else { return false }
                selfClosing = true
                i += 1
                break
            }
            guard Self.isWhitespace(b) else { return false }
            i += 1
            while i < n && Self.isWhitespace(p[i]) { i += 1 }
            guard i < n else { return false }
            b = p[i]
            if b == UInt8(ascii: ">") || b == UInt8(ascii: "/") { continue }
            let folded = b | 0x20
            guard (folded >= UInt8(ascii: "a") && folded <= UInt8(ascii: "z")) || b == UInt8(ascii: "_"),
                  rawAttributes.count < 15 else { return false }
            let attributeStart = i
            var attributeColon = -1
            i += 1
            while i < n {
                let c = p[i]
                if c >= 0x80 || !Self.isNameByte(c) { break }
                if c == UInt8(ascii: ":") {
                    if attributeColon >= 0 { return false }
                    attributeColon = i
                }
                i += 1
            }
            let attributeEnd = i
            guard i + 1 < n, p[i] == UInt8(ascii: "="),
                  attributeColon < 0 || (attributeColon + 1 < attributeEnd && Self.isNameStartByte(p[attributeColon + 1]))
            else { return false }
            let quote = p[i + 1]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return false }
            let valueStart = i + 2
            var j = valueStart
            while j < n {
                let c = p[j]
                if c == quote { break }
                if c < 0x20 || c >= 0x7F || c == UInt8(ascii: "&") || c == UInt8(ascii: "<") { return false }
                j += 1
            }
            guard j < n else { return false }
            let length = attributeEnd - attributeStart
            for other in rawAttributes where other.end - other.start == length {
                if memcmpEqual(p + other.start, p + attributeStart, length) { return false }
            }
            rawAttributes.append(RawAttribute(start: attributeStart, end: attributeEnd, colon: attributeColon,
                                              valueStart: valueStart, valueEnd: j, decoded: -1))
            if length >= 5 && isXMLNS(attributeStart) { declarations = true }
            if attributeColon >= 0 { prefixed = true }
            i = j + 1
        }
        try resolveStartTag(nameStart: nameStart, nameEnd: nameEnd, colon: colon, declarations: declarations,
                            prefixed: prefixed)
        pos = i + 1
        pendingEnd = selfClosing
        return true
    }

    /// Fails on a second attribute with the same qualified name.
    /// - Throws: `XMLError` naming the duplicate.
    mutating func checkUnique(start: Int, end: Int) throws(XMLError) {
        let length = end - start
        if rawAttributes.count < 16 {
            for other in rawAttributes where other.end - other.start == length {
                if memcmpEqual(buffer + other.start, buffer + start, length) {
                    throw error("duplicate attribute '\(makeString(from: start, to: end))'", at: start)
                }
            }
            return
        }
        if rawAttributes.count == 16 {
            seenNames.removeAll(keepingCapacity: true)
            for other in rawAttributes { seenNames.insert(makeString(from: other.start, to: other.end)) }
        }
        let name = makeString(from: start, to: end)
        if !seenNames.insert(name).inserted {
            throw error("duplicate attribute '\(name)'", at: start)
        }
    }

    func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var k = 0
        while k < count {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }

    /// Applies the tag's namespace declarations, resolves its names and pushes the element; the attributes are
    /// checked here but only turned into strings when asked for.
    /// - Throws: `XMLError` for bad declarations, undeclared prefixes or attributes that collide after resolution.
    /// - Parameters:
    ///   - declarations: Whether an attribute may declare a namespace (false when none starts with `xmlns`).
    ///   - prefixed: Whether an attribute may have a prefix.
    @inline(__always)
    mutating func resolveStartTag(nameStart: Int, nameEnd: Int, colon: Int, declarations: Bool,
                                  prefixed: Bool) throws(XMLError) {
        let undoMark = namespaceUndo.count
        if declarations && !rawAttributes.isEmpty {
            for attribute in rawAttributes {
                if attribute.colon < 0 {
                    if attribute.end - attribute.start == 5 && isXMLNS(attribute.start) {
                        try declare(prefix: nil, uri: attributeValue(attribute), at: attribute.start)
                    }
                } else if attribute.colon - attribute.start == 5 && isXMLNS(attribute.start) {
                    try declare(prefix: makeString(from: attribute.colon + 1, to: attribute.end), uri: attributeValue(attribute),
                                at: attribute.start)
                }
            }
        }
        guard openElements.count < limits.depth else {
            throw error("elements nested deeper than \(limits.depth)", at: nameStart - 1)
        }
        let box = try resolveElementName(nameStart: nameStart, nameEnd: nameEnd, colon: colon)
        if prefixed && !rawAttributes.isEmpty { try checkAttributeNamespaces() }
        let length = nameEnd - nameStart
        if openElements.isEmpty {
            rootName = box.name.qualifiedName
            state = .inRoot
        }
        let localOffset = colon < 0 ? 0 : colon + 1 - nameStart
        tokenBox = Unmanaged.passUnretained(box)
        tokenLocalStart = nameStackCount + localOffset
        tokenLocalLength = length - localOffset
        openElements.append(OpenElement(box: box, nameStart: nameStackCount, nameLength: length, localOffset: localOffset,
                                      namespaceUndoCount: undoMark, offset: eventOffset))
        if nameStackCount + length > nameStackCapacity {
            let newCapacity = max(nameStackCapacity * 2, nameStackCount + length)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            bigger.initialize(from: nameStack, count: nameStackCount)
            nameStack.deallocate()
            nameStack = bigger
            nameStackCapacity = newCapacity
        }
        (nameStack + nameStackCount).initialize(from: buffer + nameStart, count: length)
        nameStackCount += length
    }

    /// The element name at `nameStart..<nameEnd` resolved against the current bindings, from the cache when the
    /// same bytes were resolved under the same bindings before.
    /// - Throws: `XMLError` for the prefix `xmlns` or an undeclared prefix.
    @inline(__always)
    mutating func resolveElementName(nameStart: Int, nameEnd: Int, colon: Int) throws(XMLError) -> ResolvedName {
        let length = nameEnd - nameStart
        guard length <= 16 else { return try makeElementName(nameStart: nameStart, nameEnd: nameEnd, colon: colon) }
        // The buffer has `slack` initialised bytes past its capacity, so 16-byte loads stay in bounds.
        let raw = UnsafeRawPointer(buffer + nameStart)
        var low = raw.loadUnaligned(as: UInt64.self)
        var high = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        if length < 8 {
            low &= (1 << UInt64(length &* 8)) &- 1
            high = 0
        } else if length < 16 {
            high &= (1 << UInt64((length &- 8) &* 8)) &- 1
        }
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        let slot = Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> 56)
        let hit = elementNames.withUnsafeBufferPointer { names -> ResolvedName? in
            let entry = names.baseAddress.unsafelyUnwrapped + slot
            guard entry.pointee.length == length && entry.pointee.low == low && entry.pointee.high == high
                    && entry.pointee.generation == namespaceGeneration else { return nil }
            return entry.pointee.box
        }
        if let hit { return hit }
        let box = try makeElementName(nameStart: nameStart, nameEnd: nameEnd, colon: colon)
        elementNames[slot] = CachedElementName(low: low, high: high, length: length, generation: namespaceGeneration,
                                               box: box)
        return box
    }

    /// Resolves an element name against the current bindings.
    /// - Throws: `XMLError` for the prefix `xmlns` or an undeclared prefix.
    mutating func makeElementName(nameStart: Int, nameEnd: Int, colon: Int) throws(XMLError) -> ResolvedName {
        let (elementPrefix, elementLocal) = makeNameParts(from: nameStart, to: nameEnd, colon: colon)
        if let prefix = elementPrefix {
            if prefix == "xmlns" { throw error("an element name must not use the prefix 'xmlns'", at: nameStart) }
            guard let uri = prefixes[prefix] else {
                throw error("undeclared namespace prefix '\(prefix)' in element '\(prefix):\(elementLocal)'",
                            at: nameStart)
            }
            return ResolvedName(XMLName(elementLocal, namespaceURI: uri, prefix: prefix))
        }
        return ResolvedName(XMLName(elementLocal, namespaceURI: defaultNamespace))
    }

    /// Checks that every prefixed attribute's prefix is bound and that no two share a local name and namespace.
    /// - Throws: `XMLError` for an undeclared prefix or a collision.
    mutating func checkAttributeNamespaces() throws(XMLError) {
        var prefixed = 0
        for index in rawAttributes.indices {
            let attribute = rawAttributes[index]
            if attribute.colon < 0 { continue }
            prefixed += 1
            let uri: String
            if attribute.colon - attribute.start == 3 && buffer[attribute.start] == UInt8(ascii: "x")
                && buffer[attribute.start + 1] == UInt8(ascii: "m") && buffer[attribute.start + 2] == UInt8(ascii: "l") {
                // The `xml` prefix is always bound and cannot be rebound (see `declare`).
                if prefixed == 1 { continue }
                uri = XMLName.xmlNamespace
            } else {
                let (attributePrefix, local) = nameParts(from: attribute.start, to: attribute.end, colon: attribute.colon)
                let prefix = attributePrefix ?? ""
                if prefix == "xmlns" {
                    uri = XMLName.xmlnsNamespace
                } else if let bound = prefixes[prefix] {
                    uri = bound
                } else {
                    throw error("undeclared namespace prefix '\(prefix)' in attribute '\(prefix):\(local)'",
                                at: attribute.start)
                }
            }
            if prefixed > 1 {
                let (_, local) = nameParts(from: attribute.start, to: attribute.end, colon: attribute.colon)
                for earlier in rawAttributes[..<index] where earlier.colon >= 0 {
                    let (_, earlierLocal) = nameParts(from: earlier.start, to: earlier.end, colon: earlier.colon)
                    if earlierLocal == local && attributeNamespace(earlier) == uri {
                        throw error("attributes '\(makeString(from: earlier.start, to: earlier.end))' and "
                                    + "'\(makeString(from: attribute.start, to: attribute.end))' "
                                    + "have the same local name and namespace '\(uri)'", at: attribute.start)
                    }
                }
            }
        }
    }

    /// The namespace of a checked attribute of the current start tag.
    func attributeNamespace(_ attribute: RawAttribute) -> String? {
        if attribute.colon < 0 {
            return attribute.end - attribute.start == 5 && isXMLNS(attribute.start) ? XMLName.xmlnsNamespace : nil
        }
        let length = attribute.colon - attribute.start
        if length == 3 && buffer[attribute.start] == UInt8(ascii: "x")
            && buffer[attribute.start + 1] == UInt8(ascii: "m") && buffer[attribute.start + 2] == UInt8(ascii: "l") {
            return XMLName.xmlNamespace
        }
        if length == 5 && isXMLNS(attribute.start) { return XMLName.xmlnsNamespace }
        return prefixes[makeValidString(from: attribute.start, to: attribute.colon)]
    }

    /// The decoded value of an attribute of the current start tag.
    func attributeValue(_ attribute: RawAttribute) -> String {
        if attribute.decoded >= 0 { return decodedValues[attribute.decoded] }
        return makeValidString(from: attribute.valueStart, to: attribute.valueEnd)
    }

    /// The current start tag's attributes as values.
    func materializeAttributes() -> [XMLAttribute] {
        if rawAttributes.isEmpty { return [] }
        var attributes: [XMLAttribute] = []
        attributes.reserveCapacity(rawAttributes.count)
        for attribute in rawAttributes {
            let (prefix, local) = makeNameParts(from: attribute.start, to: attribute.end, colon: attribute.colon)
            attributes.append(XMLAttribute(XMLName(local, namespaceURI: attributeNamespace(attribute), prefix: prefix),
                                           value: attributeValue(attribute)))
        }
        return attributes
    }

    func isXMLNS(_ index: Int) -> Bool {
        let p = buffer
        return p[index] == UInt8(ascii: "x") && p[index + 1] == UInt8(ascii: "m") && p[index + 2] == UInt8(ascii: "l")
            && p[index + 3] == UInt8(ascii: "n") && p[index + 4] == UInt8(ascii: "s")
    }

    /// Binds a prefix (nil: the default namespace) for the element being opened.
    /// - Throws: `XMLError` for reserved prefixes and namespaces, or an empty URI for a prefix.
    mutating func declare(prefix: String?, uri declared: String, at index: Int) throws(XMLError) {
        // Literal strings are immortal, so names in these namespaces are copied without reference counting.
        let uri = XMLName.wellKnownNamespaces.first { $0 == declared } ?? declared
        if let prefix {
            if prefix == "xmlns" { throw error("the prefix 'xmlns' must not be declared", at: index) }
            if prefix == "xml" {
                guard uri == XMLName.xmlNamespace else {
                    throw error("the prefix 'xml' cannot be bound to '\(uri)'", at: index)
                }
                return
            }
            if uri.isEmpty { throw error("the prefix '\(prefix)' cannot be undeclared in XML 1.0", at: index) }
        }
        if uri == XMLName.xmlNamespace || uri == XMLName.xmlnsNamespace {
            throw error("the namespace '\(uri)' is reserved and cannot be bound to "
                        + (prefix.map { "prefix '\($0)'" } ?? "the default namespace"), at: index)
        }
        namespaceGeneration &+= 1
        if let prefix {
            namespaceUndo.append(NamespaceUndo(prefix: prefix, previous: prefixes[prefix]))
            prefixes[prefix] = uri
        } else {
            namespaceUndo.append(NamespaceUndo(prefix: nil, previous: defaultNamespace))
            defaultNamespace = uri.isEmpty ? nil : uri
        }
    }

    /// Pops the innermost element, restoring the namespace bindings outside it, and makes its name the token's.
    mutating func popElement() {
        let element = openElements.pop()
        if firstUnresolvedOpen > openElements.count { firstUnresolvedOpen = openElements.count }
        while namespaceUndo.count > element.namespaceUndoCount {
            let undo = namespaceUndo.removeLast()
            namespaceGeneration &+= 1
            if let prefix = undo.prefix {
                prefixes[prefix] = undo.previous
            } else {
                defaultNamespace = undo.previous
            }
        }
        nameStackCount -= element.nameLength
        if openElements.isEmpty { state = .afterRoot }
        // The popped name's bytes stay in `nameStack` past `nameStackCount` until the next start tag.
        tokenLocalStart = element.nameStart + element.localOffset
        tokenLocalLength = element.nameLength - element.localOffset
        tokenBox = Unmanaged.passUnretained(element.box)
        poppedBox = element.box
    }

    /// Reads an end tag at `pos`, checks it against the open element and returns its event.
    /// - Throws: `XMLError` for a malformed or mismatched end tag.
    mutating func readEndTag() throws(XMLError) {
        if !openElements.isEmpty {
            let (openStart, length) = openElements.lastName
            if end - pos > length + 2, buffer[pos + 2 + length] == UInt8(ascii: ">"),
               memcmpEqual(nameStack + openStart, buffer + pos + 2, length) {
                pos += length + 3
                popElement()
                return
            }
        }
        let (limit, stop) = try bufferTag()
        let nameStart = pos + 2
        let (nameEnd, _) = try scanQName(at: nameStart, limit: limit, stop: stop, what: "an element name after '</'")
        var i = nameEnd
        let p = buffer
        while i < limit && Self.isWhitespace(p[i]) { i += 1 }
        guard i == limit && stop == .greaterThan else {
            throw tagFailure(at: i, limit: limit, stop: stop, expected: "'>' to end the end tag", inValue: false)
        }
        guard let open = openElements.last else {
            throw error("unexpected end tag '</\(makeString(from: nameStart, to: nameEnd))>': no element is open",
                        at: pos)
        }
        let length = nameEnd - nameStart
        guard length == open.nameLength && memcmpEqual(nameStack + open.nameStart, p + nameStart, length) else {
            resolveOpenElements()
            let open = openElements[openElements.count - 1]
            throw error("mismatched end tag: expected '</\(open.name.qualifiedName)>' (opened at "
                        + "\(open.line):\(open.column)) but found '</\(makeString(from: nameStart, to: nameEnd))>'", at: pos)
        }
        pos = limit + 1
        popElement()
    }

    /// Decodes an attribute value's references and normalises its whitespace (§3.3.3, CDATA attributes) when it
    /// has any, returning the index of the decoded value in `decodedValues`; -1 when the bytes are the value.
    /// - Throws: `XMLError` for a bad reference.
    mutating func decodeAttributeValue(from start: Int, to stop: Int) throws(XMLError) -> Int {
        let p = buffer
        var i = start
        while i < stop {
            let b = p[i]
            if b == UInt8(ascii: "&") || b == 0x09 || b == 0x0A || b == 0x0D { break }
            i += 1
        }
        if i == stop { return -1 }
        scratch.removeAll(keepingCapacity: true)
        var run = start
        while i < stop {
            switch p[i] {
            case UInt8(ascii: "&"):
                appendToScratch(from: run, to: i)
                let (value, next) = try parseReference(at: i, limit: stop)
                appendScalar(value)
                i = next
                run = i
            case 0x09, 0x0A:
                appendToScratch(from: run, to: i)
                scratch.append(0x20)
                i += 1
                run = i
            case 0x0D:
                appendToScratch(from: run, to: i)
                scratch.append(0x20)
                i += i + 1 < stop && p[i + 1] == 0x0A ? 2 : 1
                run = i
            default:
                i += 1
            }
        }
        appendToScratch(from: run, to: stop)
        decodedValues.append(scratchString())
        return decodedValues.count - 1
    }
}
