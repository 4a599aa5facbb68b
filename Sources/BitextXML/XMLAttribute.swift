/// One attribute of a start tag, with its value decoded and normalised as XML 1.0 §3.3.3 requires.
public struct XMLAttribute: Hashable, Sendable {
    public var name: XMLName
    public var value: String

    /// Creates an attribute.
    /// - Parameters:
    ///   - name: The attribute's resolved name.
    ///   - value: The decoded value.
    public init(_ name: XMLName, value: String) {
        self.name = name
        self.value = value
    }
}
