import BitextCore
import BitextXML

/// A pull parser with the helpers that every XML format reader needs: errors with the position,
/// skipping an element, and collecting plain text.
final class XMLSource {
    /// The parser lives behind a pointer held in a constant, so that each event does not pay for the
    /// dynamic exclusivity checks of a mutable class property.
    private let parser: UnsafeMutablePointer<XMLPullParser>
    let name: String

    init(path: String) throws(ExchangeError) {
        let opened: XMLPullParser
        do { opened = try XMLPullParser(path: path) } catch { throw ExchangeError(error) }
        parser = .allocate(capacity: 1)
        parser.initialize(to: opened)
        name = path
    }

    init(bytes: [UInt8], name: String) {
        parser = .allocate(capacity: 1)
        parser.initialize(to: XMLPullParser(bytes: bytes, sourceName: name))
        self.name = name
    }

    deinit {
        parser.deinitialize(count: 1)
        parser.deallocate()
    }

    /// The next XML event, or nil at the end.
    @inline(__always)
    func next() throws(ExchangeError) -> XMLEvent? {
        do { return try parser.pointee.next() } catch { throw ExchangeError(error) }
    }

    /// The next event; the end of input is an error (the document is truncated).
    func require() throws(ExchangeError) -> XMLEvent {
        guard let event = try next() else { throw fail("unexpected end of the document") }
        return event
    }

    var location: SourceLocation { SourceLocation(file: name, line: parser.pointee.line, column: parser.pointee.column) }

    func fail(_ message: String, unit: String? = nil) -> ExchangeError {
        ExchangeError(message, location: location, unit: unit)
    }

    /// Skips the rest of an element whose start tag was just read.
    func skipElement() throws(ExchangeError) {
        var depth = 1
        while depth > 0 {
            switch try require() {
            case .startElement: depth += 1
            case .endElement: depth -= 1
            default: break
            }
        }
    }

    /// The text of an element whose start tag was just read, with child elements refused.
    func readText(in element: String) throws(ExchangeError) -> String {
        var text = ""
        while true {
            switch try require() {
            case let .text(t, _): text += t
            case .endElement: return text
            case let .startElement(child, _):
                throw fail("<\(child.qualifiedName)> is not allowed inside <\(element)>")
            case .comment, .processingInstruction: break
            }
        }
    }
}

extension [XMLAttribute] {
    /// The `xml:lang` value.
    var xmlLang: String? { value(of: "lang", namespaceURI: XMLName.xmlNamespace) }
}
