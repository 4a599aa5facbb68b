extension Range where Bound == Int {
    /// Parses `start-end`, the way bilingual files record a unit's byte range in its original.
    public init?(offsets text: some StringProtocol) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let lower = Int(parts[0]), let upper = Int(parts[1]), lower >= 0, lower <= upper else { return nil }
        self = lower..<upper
    }

    /// `start-end`, as `init(offsets:)` reads it.
    public var offsetsText: String { "\(lowerBound)-\(upperBound)" }
}

extension String {
    /// The substring between two UTF-8 offsets that lie on character boundaries.
    public func utf8Slice(_ range: Range<Int>) -> String {
        if range.lowerBound == 0 && range.upperBound == utf8.count { return self }
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(self[start..<end])
    }
}
