import BitextCore
import BitextICU
import BitextXML

/// A pull parser with the helpers that every XML format reader needs: errors with the position,
/// skipping an element, and collecting plain text.
final class XMLSource {
    /// The parser lives behind a pointer held in a constant, so that each event does not pay for the
    /// dynamic exclusivity checks of a mutable class property.
    private let parser: UnsafeMutablePointer<XMLPullParser>
    let name: String

    init(path: String, input: XMLPullParser.FileInput = .automatic) throws(ExchangeError) {
        let opened: XMLPullParser
        do { opened = try XMLPullParser(path: path, input: input, transcoder: .icu) } catch { throw ExchangeError(error) }
        parser = .allocate(capacity: 1)
        parser.initialize(to: opened)
        name = path
    }

    init(bytes: [UInt8], name: String) {
        parser = .allocate(capacity: 1)
        parser.initialize(to: XMLPullParser(bytes: bytes, sourceName: name))
        self.name = name
    }

    /// Reads a stretch of a mapped file as element content (see `XMLPullParser.init(fragment:range:)`).
    init(fragment context: XMLFragmentContext, range: Range<Int>) {
        parser = .allocate(capacity: 1)
        parser.initialize(to: XMLPullParser(fragment: context, range: range))
        name = context.sourceName
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

    /// The next token (its details through `localName`, `attribute(_:)`, `text`…), or nil at the end.
    @inline(__always)
    func nextToken() throws(ExchangeError) -> XMLToken? {
        do { return try parser.pointee.nextToken() } catch { throw ExchangeError(error) }
    }

    /// The next token; the end of input is an error (the document is truncated).
    @inline(__always)
    func requireToken() throws(ExchangeError) -> XMLToken {
        guard let token = try nextToken() else { throw fail("unexpected end of the document") }
        return token
    }

    /// The next token, passing over whitespace-only text before a tag (for places where text is ignored).
    @inline(__always)
    func nextMarkupToken() throws(ExchangeError) -> XMLToken? {
        do { return try parser.pointee.nextMarkupToken() } catch { throw ExchangeError(error) }
    }

    /// The next token, passing over whitespace-only text before a tag; the end of input is an error.
    @inline(__always)
    func requireMarkupToken() throws(ExchangeError) -> XMLToken {
        guard let token = try nextMarkupToken() else { throw fail("unexpected end of the document") }
        return token
    }

    /// The byte offset after the last token.
    var inputOffset: Int { parser.pointee.inputOffset }

    /// Whether all input has been read (for fragments).
    var isAtEndOfInput: Bool { parser.pointee.isAtEndOfInput }

    /// The number of open elements.
    var depth: Int { parser.pointee.depth }

    /// The context for reading fragments from here on, when the input is a mapped file.
    func fragmentContext() -> XMLFragmentContext? { parser.pointee.fragmentContext() }

    /// The line at a byte offset at or after the last token (in a fragment, counted from its start).
    func line(at offset: Int) -> Int { parser.pointee.line(at: offset) }

    /// Continues at a byte offset that fragments have read up to without error.
    func resume(at offset: Int) { parser.pointee.resume(at: offset) }

    /// The element name of the last start or end token.
    var elementName: XMLName { parser.pointee.name }

    /// The local name of the last start or end token.
    var localName: String {
        @inline(__always) get { parser.pointee.localName }
    }

    /// Whether the last start or end token's local name is `localName` (without building a string).
    @inline(__always)
    func isLocalName(_ localName: StaticString) -> Bool { parser.pointee.isLocalName(localName) }

    /// The namespace of the last start or end token.
    var namespaceURI: String? { parser.pointee.namespaceURI }

    /// An unprefixed attribute of the last start token.
    @inline(__always)
    func attribute(_ localName: StaticString) -> String? { parser.pointee.attribute(localName) }

    /// An attribute of the last start token in a namespace.
    func attribute(_ localName: String, namespaceURI: String?) -> String? {
        parser.pointee.attribute(localName, namespaceURI: namespaceURI)
    }

    /// The `xml:lang` of the last start token.
    var xmlLang: String? { parser.pointee.xmlLang }

    /// The last text token.
    var text: String { parser.pointee.text }

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
            switch try requireMarkupToken() {
            case .startElement: depth += 1
            case .endElement: depth -= 1
            default: break
            }
        }
    }

    /// The text of an element whose start tag was just read, with child elements refused.
    func readText(in element: String) throws(ExchangeError) -> String {
        var text = ""
        var pieces = 0
        while true {
            switch try requireToken() {
            case .text:
                if pieces == 0 { text = parser.pointee.text } else { text += parser.pointee.text }
                pieces += 1
            case .endElement: return text
            case .startElement:
                throw fail("<\(elementName.qualifiedName)> is not allowed inside <\(element)>")
            case .comment, .processingInstruction: break
            }
        }
    }

    /// Reads to the end of an element whose start tag was just read, refusing child elements as `readText` does,
    /// without building its text.
    func skipText(in element: String) throws(ExchangeError) {
        while true {
            switch try requireToken() {
            case .endElement: return
            case .startElement:
                throw fail("<\(elementName.qualifiedName)> is not allowed inside <\(element)>")
            default: break
            }
        }
    }

    /// The text inside an element whose start tag was just read, child elements included (their tags dropped).
    func readAllText() throws(ExchangeError) -> String {
        var text = ""
        var pieces = 0
        var depth = 1
        while depth > 0 {
            switch try requireToken() {
            case .text:
                if pieces == 0 { text = parser.pointee.text } else { text += parser.pointee.text }
                pieces += 1
            case .startElement: depth += 1
            case .endElement: depth -= 1
            default: break
            }
        }
        return text
    }
}

extension [XMLAttribute] {
    /// The `xml:lang` value.
    var xmlLang: String? { value(of: "lang", namespaceURI: XMLName.xmlNamespace) }
}
