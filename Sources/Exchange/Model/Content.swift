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

    /// Most contents are one run of text: that case needs no array.
    private enum Storage: Sendable, Hashable {
        case empty
        case text(String)
        case pieces([Piece])
    }

    private var storage: Storage

    public init() { storage = .empty }

    public init(_ text: String) {
        storage = text.isEmpty ? .empty : .text(text)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(pieces: [Piece]) {
        storage = .empty
        for piece in pieces { append(piece) }
    }

    /// Text and codes in document order; adjacent text pieces are merged and empty ones dropped.
    public var pieces: [Piece] {
        switch storage {
        case .empty: return []
        case let .text(t): return [.text(t)]
        case let .pieces(p): return p
        }
    }

    /// Appends a piece, merging adjacent text.
    public mutating func append(_ piece: Piece) {
        switch (storage, piece) {
        case let (_, .text(t)) where t.isEmpty:
            return
        case let (.empty, .text(t)):
            storage = .text(t)
        case let (.text(last), .text(t)):
            storage = .text(last + t)
        case let (.text(last), .code):
            storage = .pieces([.text(last), piece])
        case (.empty, .code):
            storage = .pieces([piece])
        case var (.pieces(list), .text(t)):
            storage = .empty
            if case let .text(last)? = list.last {
                list[list.count - 1] = .text(last + t)
            } else {
                list.append(.text(t))
            }
            storage = .pieces(list)
        case var (.pieces(list), .code):
            storage = .empty
            list.append(piece)
            storage = .pieces(list)
        }
    }

    /// Appends text.
    public mutating func append(_ text: String) { append(.text(text)) }

    public var isEmpty: Bool {
        if case .empty = storage { return true }
        return false
    }

    /// Whether the content has inline codes.
    public var hasCodes: Bool {
        guard case let .pieces(list) = storage else { return false }
        return list.contains { if case .code = $0 { return true } else { return false } }
    }

    /// The text alone, without codes.
    public var text: String {
        switch storage {
        case .empty: return ""
        case let .text(t): return t
        case let .pieces(list):
            var out = ""
            for case let .text(t) in list { out += t }
            return out
        }
    }

    /// The text with each code replaced by its original markup: what flat formats carry.
    public var flattened: String {
        switch storage {
        case .empty: return ""
        case let .text(t): return t
        case let .pieces(list):
            var out = ""
            for piece in list {
                switch piece {
                case let .text(t): out += t
                case let .code(c): out += c.data
                }
            }
            return out
        }
    }

    /// The inline codes, in order.
    public var codes: [InlineCode] {
        guard case let .pieces(list) = storage else { return [] }
        return list.compactMap { if case let .code(c) = $0 { return c } else { return nil } }
    }

    public var description: String { flattened }

    public static func == (a: Content, b: Content) -> Bool { a.pieces == b.pieces }

    public func hash(into hasher: inout Hasher) { hasher.combine(pieces) }
}
