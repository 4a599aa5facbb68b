import BitextCore

/// Why a term base could not be read or written.
public enum GlossaryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is missing or unreadable.
    case unreadable(path: String, reason: String)
    /// The file is not well-formed or not a term base, at a line and column.
    case malformed(SourceLocation, String)
    /// The file holds no term at all; the place is where the reader found that out (the end).
    case empty(SourceLocation)
    /// The format cannot be told from the name.
    case unknownFormat(path: String)
    /// Writing failed.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): error: cannot read: \(reason)"
        case let .malformed(location, message): return "\(location): error: \(message)"
        case let .empty(location): return "\(location): error: the glossary has no terms"
        case let .unknownFormat(path): return "\(path): error: unknown glossary format; use .tbx, .csv or .tsv"
        case let .unwritable(path, reason): return "\(path): error: cannot write: \(reason)"
        }
    }
}
