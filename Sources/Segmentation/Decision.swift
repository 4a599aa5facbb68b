/// Why the segmenter did or did not break at a candidate position (`--explain`).
public struct Decision: Sendable, Equatable {
    /// UTF-8 byte offset of the candidate in the input: the end of the text before it.
    public var byteOffset: Int
    /// 0-based paragraph index.
    public var paragraph: Int
    public var isBreak: Bool
    /// The rule that decided, such as "abbreviation [title] 'Dr'" or "SRX English #3 (segmentation.srx:40)".
    public var reason: String
    /// Up to 30 characters before the position.
    public var before: String
    /// Up to 30 characters after it.
    public var after: String
}
