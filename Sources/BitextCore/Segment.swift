/// A sentence-level segment of a source document.
///
/// `range` holds UTF-8 byte offsets into the original input (end exclusive). The text of a
/// segment is the input bytes of that range: surrounding whitespace is left in the gaps
/// between segments, so segments and gaps together rebuild the input byte for byte.
public struct Segment: Sendable, Hashable, Codable {
    /// 1-based position of the segment in its document.
    public var id: Int
    /// The segment's text, exactly as in the input (line breaks included).
    public var text: String
    /// UTF-8 byte offsets into the input, end exclusive.
    public var range: Range<Int>
    /// 0-based index of the paragraph (blank-line separated block) that holds the segment.
    public var paragraph: Int

    public init(id: Int, text: String, range: Range<Int>, paragraph: Int) {
        self.id = id
        self.text = text
        self.range = range
        self.paragraph = paragraph
    }
}

/// A position in a named input, for error messages.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// File path, or `<stdin>`.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// 0-based byte offset, when known.
    public var byteOffset: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    public var description: String {
        var s = file
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        if let byteOffset { s += line == nil ? ": byte \(byteOffset)" : " (byte \(byteOffset))" }
        return s
    }
}
