/// Article structure from Markdown (libcmark) and HTML (libxml2), with byte ranges; Foundation-free.
///
/// Every range is a UTF-8 byte range into the caller's original input, so that the
/// bytes outside the blocks (the skeleton) plus the pieces inside them rebuild the input
/// byte for byte.
public enum BitextMarkup {}

/// One piece of a block: text, or an inline code that carries no text.
public struct MarkupPiece: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The text a translator sees. Either exactly the original bytes of the range, or the
        /// decoded value of the one entity, character reference or Markdown backslash escape
        /// that the range covers.
        case text(String)
        /// Start of inline markup (`<b>`, `<a href="…">`, `**`, `[`); the range is the markup bytes.
        case open(id: Int)
        /// End of the inline markup opened with the same id (`</b>`, `**`, `](https://…)`).
        case close(id: Int)
        /// Standalone inline markup: `<br>`, `<img …>`, inline code, inline HTML, hard breaks,
        /// comments, block-quote markers on continuation lines.
        case placeholder(id: Int)
    }

    /// UTF-8 byte range in the original input.
    public var range: Range<Int>
    public var kind: Kind

    public init(range: Range<Int>, kind: Kind) {
        self.range = range
        self.kind = kind
    }

    /// The text of a `.text` piece, nil for codes.
    public var text: String? {
        if case .text(let s) = kind { return s }
        return nil
    }
}

/// A translatable unit: a title, heading, paragraph, list item, cell, caption or attribute value.
public struct MarkupBlock: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        case title
        case heading(level: Int)
        case paragraph
        case listItem
        case blockQuote
        case tableCell
        case caption
        /// The value of an attribute (`alt`, `title`), or a Markdown image's alt text (`alt`).
        case attribute(name: String)
    }

    public var role: Role
    /// Contiguous and in document order; never empty.
    public var pieces: [MarkupPiece]
    /// Extracted but not to be translated: ads, newsletter promos, "Latest article" lists,
    /// share widgets inside the article area, "Must read"-style kickers.
    public var isBoilerplate: Bool

    public init(role: Role, pieces: [MarkupPiece], isBoilerplate: Bool = false) {
        precondition(!pieces.isEmpty, "a block has at least one piece")
        self.role = role
        self.pieces = pieces
        self.isBoilerplate = isBoilerplate
    }

    /// From the first piece's start to the last piece's end.
    public var range: Range<Int> { pieces.first!.range.lowerBound ..< pieces.last!.range.upperBound }

    /// The text a translator sees, codes left out.
    public var text: String {
        var s = ""
        for p in pieces { if case .text(let t) = p.kind { s += t } }
        return s
    }
}

/// Blocks plus how many candidate blocks could not be located in the original bytes and were skipped.
public struct MarkupExtraction: Sendable, Equatable {
    public var blocks: [MarkupBlock]
    /// Blocks the parser found but whose bytes could not be matched exactly (left in the skeleton).
    public var skippedBlocks: Int

    public init(blocks: [MarkupBlock], skippedBlocks: Int) {
        self.blocks = blocks
        self.skippedBlocks = skippedBlocks
    }
}

/// Input that cannot be read: invalid UTF-8, a NUL byte in HTML, an input too large for the parser.
public struct MarkupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based byte column.
    public var column: Int
    /// 0-based byte offset.
    public var byteOffset: Int
    public var message: String

    public init(line: Int, column: Int, byteOffset: Int, message: String) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.message = message
    }

    /// An error at `offset` in `bytes`, with line and column counted from the bytes.
    init(_ message: String, at offset: Int, in bytes: [UInt8]) {
        var line = 1
        var lineStart = 0
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        self.init(line: line, column: offset - lineStart + 1, byteOffset: offset, message: message)
    }

    public var description: String { "\(line):\(column) (byte \(byteOffset)): \(message)" }
}
