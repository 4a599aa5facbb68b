/// XLIFF 1.2 (strict schema): `trans-unit`s with `state`, `<note>`, inline `bpt`/`ept`/`ph`/`it`.
public enum XLIFF12 {
    static let namespace = "urn:oasis:names:tc:xliff:document:1.2"
    static let namespace11 = "urn:oasis:names:tc:xliff:document:1.1"
    static let formatName = "XLIFF 1.2"
    /// Marks a target that `--prefill-target` copied from the source; read back as no target.
    static let prefilledQualifier = "x-bitext-prefilled"
    /// Marks the notes that carry glossary matches.
    static let glossaryNoteFrom = "bitext-glossary"

    static func stateValue(_ state: UnitState) -> StaticString {
        switch state {
        case .new: return "new"
        case .needsTranslation: return "needs-translation"
        case .translated: return "translated"
        case .needsReview: return "needs-review-translation"
        case .final: return "final"
        }
    }

    static func state(_ value: String) -> UnitState? {
        switch value {
        case "new": return .new
        case "needs-translation", "needs-adaptation", "needs-l10n": return .needsTranslation
        case "translated": return .translated
        case "needs-review-translation", "needs-review-adaptation", "needs-review-l10n": return .needsReview
        case "final", "signed-off": return .final
        default: return value.hasPrefix("x-") ? .translated : nil
        }
    }

    /// A glossary match as a note: `term => translation; translation`.
    static func glossaryNote(_ term: TermAnnotation) -> String {
        term.term + " => " + term.translations.joined(separator: "; ") + (term.translate ? "" : " (do not translate)")
    }

    static func term(fromNote note: String) -> TermAnnotation? {
        guard let arrow = note.range(of: " => ") else { return nil }
        var rest = String(note[arrow.upperBound...])
        var translate = true
        if rest.hasSuffix(" (do not translate)") {
            rest.removeLast(" (do not translate)".count)
            translate = false
        }
        let translations = rest.isEmpty ? [] : rest.splitting(by: "; ")
        return TermAnnotation(range: nil, term: String(note[..<arrow.lowerBound]), translations: translations, translate: translate)
    }
}

extension String {
    func splitting(by separator: String) -> [String] {
        var parts: [String] = []
        var rest = self[...]
        while let r = rest.range(of: separator) {
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
