import BitextXML

/// Every event of a document held in a string.
func events(_ xml: String) throws(XMLError) -> [XMLEvent] {
    var parser = XMLPullParser(string: xml, sourceName: "t.xml")
    var result: [XMLEvent] = []
    while let event = try parser.next() { result.append(event) }
    return result
}

/// Every event of a document with the position the parser reports for it.
func locatedEvents(_ parser: inout XMLPullParser) throws(XMLError) -> [LocatedEvent] {
    var result: [LocatedEvent] = []
    while let event = try parser.next() {
        result.append(LocatedEvent(event: event, line: parser.line, column: parser.column,
                                   byteOffset: parser.byteOffset))
    }
    return result
}

/// The error a document fails with, or nil when it parses.
func parseError(_ xml: String) -> XMLError? {
    parseError(bytes: Array(xml.utf8))
}

/// The error a document given as bytes fails with, or nil when it parses.
func parseError(bytes: [UInt8]) -> XMLError? {
    var parser = XMLPullParser(bytes: bytes, sourceName: "t.xml")
    do {
        while try parser.next() != nil {}
        return nil
    } catch {
        return error
    }
}

struct LocatedEvent: Equatable, CustomStringConvertible {
    var event: XMLEvent
    var line: Int
    var column: Int
    var byteOffset: Int

    var description: String { "\(line):\(column)@\(byteOffset) \(event)" }
}

func name(_ local: String, _ namespace: String? = nil, prefix: String? = nil) -> XMLName {
    XMLName(local, namespaceURI: namespace, prefix: prefix)
}

func attribute(_ local: String, _ value: String, _ namespace: String? = nil, prefix: String? = nil) -> XMLAttribute {
    XMLAttribute(XMLName(local, namespaceURI: namespace, prefix: prefix), value: value)
}

func start(_ local: String, _ attributes: [XMLAttribute] = [], _ namespace: String? = nil, prefix: String? = nil) -> XMLEvent {
    .startElement(XMLName(local, namespaceURI: namespace, prefix: prefix), attributes: attributes)
}

func end(_ local: String, _ namespace: String? = nil, prefix: String? = nil) -> XMLEvent {
    .endElement(XMLName(local, namespaceURI: namespace, prefix: prefix))
}

func text(_ string: String, cdata: Bool = false) -> XMLEvent {
    .text(string, isCDATA: cdata)
}
