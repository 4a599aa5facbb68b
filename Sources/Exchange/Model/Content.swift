/// An inline code: markup inside a segment that the translator keeps but does not translate.
public struct InlineCode: Sendable, Hashable {
    /// A standalone code (`<br/>`), the start of a paired code (`<b>`) or its end (`</b>`).
    public enum Kind: String, Sendable, Hashable {
        case placeholder, open, close
    }

    public var kind: Kind
    /// Pairs an `open` with its `close`; unique among the unit's codes of the same kind.
    public var id: String
    /// The original markup, for example `<a href="x">`.
    public var data: String

    public init(_ kind: Kind, id: String, data: String) {
        self.kind = kind
        self.id = id
        self.data = data
    }
}

/// The text of a source or target: text runs and inline codes, in order.
public struct Content: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public enum Piece: Sendable, Hashable {
        case text(String)
        case code(InlineCode)
    }

    /// Text and codes in document order; adjacent text pieces are merged and empty ones dropped.
    public private(set) var pieces: [Piece]

    public init() { pieces = [] }

    public init(_ text: String) {
        pieces = text.isEmpty ? [] : [.text(text)]
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(pieces: [Piece]) {
        self.pieces = []
        for piece in pieces { append(piece) }
    }

    /// Appends a piece, merging adjacent text.
    public mutating func append(_ piece: Piece) {
        switch piece {
        case let .text(t):
            guard !t.isEmpty else { return }
            if case let .text(last)? = pieces.last {
                pieces[pieces.count - 1] = .text(last + t)
            } else {
                pieces.append(piece)
            }
        case .code:
            pieces.append(piece)
        }
    }

    /// Appends text.
    public mutating func append(_ text: String) { append(.text(text)) }

    public var isEmpty: Bool { pieces.isEmpty }

    /// Whether the content has inline codes.
    public var hasCodes: Bool {
        pieces.contains { if case .code = $0 { return true } else { return false } }
    }

    /// The text alone, without codes.
    public var text: String {
        if pieces.count == 1, case let .text(t) = pieces[0] { return t }
        var out = ""
        for case let .text(t) in pieces { out += t }
        return out
    }

    /// The text with each code replaced by its original markup: what flat formats carry.
    public var flattened: String {
        if pieces.count == 1, case let .text(t) = pieces[0] { return t }
        var out = ""
        for piece in pieces {
            switch piece {
            case let .text(t): out += t
            case let .code(c): out += c.data
            }
        }
        return out
    }

    /// The inline codes, in order.
    public var codes: [InlineCode] {
        pieces.compactMap { if case let .code(c) = $0 { return c } else { return nil } }
    }

    public var description: String { flattened }
}
