/// A well-formedness, security or I/O error, located like a compiler diagnostic.
public struct XMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file path or the name given for in-memory input.
    public var source: String
    /// 1-based line; 0 when the error has no position (the file could not be opened or read).
    public var line: Int
    /// 1-based column counted in Unicode scalars.
    public var column: Int
    /// 0-based byte offset from the start of the input.
    public var byteOffset: Int
    public var message: String

    /// Creates an error.
    /// - Parameters:
    ///   - source: The file path or input name.
    ///   - line: 1-based line, 0 for none.
    ///   - column: 1-based column in Unicode scalars.
    ///   - byteOffset: 0-based byte offset.
    ///   - message: What went wrong.
    public init(source: String, line: Int, column: Int, byteOffset: Int, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.message = message
    }

    /// `file.xml:12:5: error: message`, or `file.xml: error: message` without a position.
    public var description: String {
        if line > 0 { return "\(source):\(line):\(column): error: \(message)" }
        return "\(source): error: \(message)"
    }
}
