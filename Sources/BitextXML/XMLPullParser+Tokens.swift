/// What `XMLPullParser.nextToken()` read; the parser's accessors give its details.
public enum XMLToken: UInt8, Sendable {
    /// A start tag: `name`, `localName`, `attributes` and `attribute(_:)` describe it.
    case startElement
    /// An end tag, or the end of a self-closing tag: `name` and `localName` describe it.
    case endElement
    /// Character data, merged as in `XMLEvent.text`: `text` and `isCDATA`.
    case text
    /// A comment: `text` is its content.
    case comment
    /// A processing instruction: `processingInstructionTarget` and `text` (its data).
    case processingInstruction
}

extension XMLPullParser {
    /// The element name of the last start or end token.
    public var name: XMLName { mutating get { tokenName } }

    /// The local name of the last start or end token's element.
    public var localName: String {
        @inline(__always) mutating get { tokenBox._withUnsafeGuaranteedRef { $0.name.localName } }
    }

    /// Whether the last start or end token's local name is `localName`, compared as bytes without building a
    /// string (the namespace is not compared).
    /// - Parameter localName: An ASCII or UTF-8 name.
    @inline(__always)
    public mutating func isLocalName(_ localName: StaticString) -> Bool {
        guard localName.hasPointerRepresentation else {
            return localName.withUTF8Buffer { tokenName.localName.utf8.elementsEqual($0) }
        }
        let count = localName.utf8CodeUnitCount
        return count == tokenLocalLength && memcmpEqual(nameStack + tokenLocalStart, localName.utf8Start, count)
    }

    /// The namespace of the last start or end token's element.
    public var namespaceURI: String? { mutating get { tokenName.namespaceURI } }

    /// The attributes of the last start token, decoded.
    public var attributes: [XMLAttribute] { mutating get { materializeAttributes() } }

    /// Whether the last start token has attributes.
    public var hasAttributes: Bool { !rawAttributes.isEmpty }

    /// The value of the last start token's attribute with this local name and no namespace (unprefixed), if any.
    /// - Parameter localName: The attribute's local name.
    @inline(__always)
    public mutating func attribute(_ localName: StaticString) -> String? {
        if rawAttributes.isEmpty { return nil }
        guard localName.hasPointerRepresentation else {
            return localName.withUTF8Buffer { attribute(String(decoding: $0, as: UTF8.self), namespaceURI: nil) }
        }
        let count = localName.utf8CodeUnitCount
        let wanted = localName.utf8Start
        for attribute in rawAttributes where attribute.colon < 0 && attribute.end &- attribute.start == count {
            if memcmpEqual(buffer + attribute.start, wanted, count) {
                if count == 5 && isXMLNS(attribute.start) { return nil }
                return attributeValue(attribute)
            }
        }
        return nil
    }

    /// The value of the last start token's first attribute with this local name and namespace, if any.
    /// - Parameters:
    ///   - localName: The attribute's local name.
    ///   - namespaceURI: The attribute's namespace; unprefixed attributes have none.
    public mutating func attribute(_ localName: String, namespaceURI: String?) -> String? {
        if rawAttributes.isEmpty { return nil }
        for attribute in rawAttributes {
            let localStart = attribute.colon < 0 ? attribute.start : attribute.colon + 1
            guard attribute.end - localStart == localName.utf8.count,
                  makeValidString(from: localStart, to: attribute.end) == localName,
                  attributeNamespace(attribute) == namespaceURI else { continue }
            return attributeValue(attribute)
        }
        return nil
    }

    /// The `xml:lang` attribute of the last start token, if any.
    public var xmlLang: String? {
        mutating get {
            for attribute in rawAttributes where attribute.colon - attribute.start == 3 && attribute.end - attribute.colon == 5 {
                let p = buffer + attribute.start
                if p[0] == UInt8(ascii: "x") && p[1] == UInt8(ascii: "m") && p[2] == UInt8(ascii: "l")
                    && p[4] == UInt8(ascii: "l") && p[5] == UInt8(ascii: "a") && p[6] == UInt8(ascii: "n")
                    && p[7] == UInt8(ascii: "g") {
                    return attributeValue(attribute)
                }
            }
            return nil
        }
    }

    /// The last text token's characters, a comment's content or a processing instruction's data.
    public var text: String {
        mutating get {
            if tokenTextInScratch { return scratchString() }
            return makeValidString(from: tokenTextStart, to: tokenTextEnd)
        }
    }

    /// Whether the last text token was all CDATA.
    public var isCDATA: Bool { tokenIsCDATA }

    /// Whether the last text token is empty or only XML whitespace (without building it).
    public var isWhitespaceText: Bool {
        if tokenTextInScratch {
            return scratch.allSatisfy { Self.isWhitespace($0) }
        }
        var i = tokenTextStart
        while i < tokenTextEnd {
            if !Self.isWhitespace(buffer[i]) { return false }
            i += 1
        }
        return true
    }

    /// The last processing instruction's target.
    public var processingInstructionTarget: String { tokenString }

    /// Reads tokens up to and including the end of the element whose start token was just read.
    /// - Throws: `XMLError` as `nextToken()` does; the end of input inside the element is an error there too.
    public mutating func skipElement() throws(XMLError) {
        var depth = 1
        while depth > 0 {
            switch try nextMarkupToken() {
            case .startElement: depth += 1
            case .endElement: depth -= 1
            case nil: return
            default: break
            }
        }
    }
}
