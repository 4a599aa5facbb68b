/// One event of a pull parse, in document order.
public enum XMLEvent: Equatable, Sendable {
    /// A start tag; a self-closing tag `<a/>` produces `startElement` and then `endElement`.
    case startElement(XMLName, attributes: [XMLAttribute])
    /// An end tag, or the end of a self-closing tag.
    case endElement(XMLName)
    /// All character data between two other events, merged (text, references, CDATA); `isCDATA` only when it is all CDATA.
    case text(String, isCDATA: Bool)
    /// A comment's content, without `<!--` and `-->`.
    case comment(String)
    /// A processing instruction other than the XML declaration.
    case processingInstruction(target: String, data: String)
}
