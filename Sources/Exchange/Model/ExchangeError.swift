import BitextCore
import BitextXML

/// A failure to read or write a bilingual file: where, which unit, and what.
public struct ExchangeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for exit codes.
    public enum Kind: Sendable, Equatable {
        /// The input is malformed, or the content cannot be carried by the format.
        case data
        /// A file cannot be opened or read.
        case unreadable
        /// A file cannot be written, or exists and may not be overwritten.
        case unwritable
    }

    public var kind: Kind
    /// The file and position, when known.
    public var location: SourceLocation?
    /// The unit concerned, when known.
    public var unit: String?
    public var message: String

    public init(_ message: String, location: SourceLocation? = nil, unit: String? = nil, kind: Kind = .data) {
        self.kind = kind
        self.message = message
        self.location = location
        self.unit = unit
    }

    init(_ error: XMLError) {
        // The parser reports a file it cannot open at line 0.
        self.init(error.message, location: SourceLocation(file: error.source, line: error.line > 0 ? error.line : nil,
                                                          column: error.column > 0 ? error.column : nil,
                                                          byteOffset: error.line > 0 ? error.byteOffset : nil),
                  kind: error.line > 0 ? .data : .unreadable)
    }

    public var description: String {
        var parts: [String] = []
        if let location { parts.append(location.description) }
        if let unit { parts.append("unit \(unit)") }
        return (parts.isEmpty ? "" : parts.joined(separator: ": ") + ": ") + message
    }
}
