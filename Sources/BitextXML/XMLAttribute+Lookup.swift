extension Array where Element == XMLAttribute {
    /// The value of the first attribute with this local name and namespace (nil namespace: unprefixed), if any.
    /// - Parameters:
    ///   - localName: The attribute's local name.
    ///   - namespaceURI: The attribute's namespace; unprefixed attributes have none.
    public func value(of localName: String, namespaceURI: String? = nil) -> String? {
        first { $0.name.localName == localName && $0.name.namespaceURI == namespaceURI }?.value
    }
}
