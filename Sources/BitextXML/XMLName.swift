/// A namespace-resolved XML name: prefix as written, local part and the namespace URI it resolved to.
public struct XMLName: Hashable, Sendable, CustomStringConvertible {
    /// The namespace of the `xml:` prefix, which is always bound.
    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    /// The namespace reported for `xmlns` and `xmlns:p` declaration attributes.
    public static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    /// Namespaces that the parser reports with shared literal strings.
    static let wellKnownNamespaces = [
        "urn:oasis:names:tc:xliff:document:1.2", "urn:oasis:names:tc:xliff:document:2.0",
        "urn:oasis:names:tc:xliff:matches:2.0", "urn:oasis:names:tc:xliff:metadata:2.0",
        "urn:oasis:names:tc:xliff:glossary:2.0", "urn:oasis:names:tc:xliff:fs:2.0",
        "urn:oasis:names:tc:xliff:sizerestriction:2.0", "urn:oasis:names:tc:xliff:validation:2.0",
        "urn:oasis:names:tc:xliff:resourcedata:2.0", "urn:oasis:names:tc:xliff:changetracking:2.0",
        "http://www.w3.org/2005/11/its", "http://www.lisa.org/srx20", "urn:iso:std:iso:30042:ed-2",
        "http://www.w3.org/1999/xhtml", xmlNamespace, xmlnsNamespace,
    ]

    public var prefix: String?
    public var localName: String
    public var namespaceURI: String?

    /// Creates a name.
    /// - Parameters:
    ///   - localName: The part after the colon (or the whole name when there is no prefix).
    ///   - namespaceURI: The resolved namespace, nil for none.
    ///   - prefix: The prefix as written, nil for none.
    public init(_ localName: String, namespaceURI: String? = nil, prefix: String? = nil) {
        self.prefix = prefix
        self.localName = localName
        self.namespaceURI = namespaceURI
    }

    /// The name as written in the document: `prefix:localName` or `localName`.
    public var qualifiedName: String {
        if let prefix { return prefix + ":" + localName }
        return localName
    }

    /// The qualified name.
    public var description: String { qualifiedName }

    /// Whether the local name and namespace match, ignoring the prefix.
    /// - Parameters:
    ///   - localName: The local name to compare.
    ///   - namespaceURI: The namespace to compare, nil for none.
    public func matches(_ localName: String, namespaceURI: String?) -> Bool {
        self.localName == localName && self.namespaceURI == namespaceURI
    }
}
