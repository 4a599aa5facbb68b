/// Where a unit stands in the translation workflow.
public enum UnitState: String, Sendable, CaseIterable, Codable {
    case new
    case needsTranslation = "needs-translation"
    case translated
    case needsReview = "needs-review"
    case final

    /// Parses the names used in Bitext's flat formats (`needs-translation`), case-insensitively.
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let state = UnitState(rawValue: lowered) else { return nil }
        self = state
    }
}
