/// XLIFF 2.1 (core, glossary module, `<cp>` for characters XML cannot carry).
public enum XLIFF2 {
    static let namespace = "urn:oasis:names:tc:xliff:document:2.0"
    static let glossaryNamespace = "urn:oasis:names:tc:xliff:glossary:2.0"
    static let matchesNamespace = "urn:oasis:names:tc:xliff:matches:2.0"
    /// Bitext's own attributes (the original range of a unit), allowed by the core's `anyAttribute`.
    static let bitextNamespace = "urn:bitext:xliff:extensions:1"
    static let formatName = "XLIFF 2.1"

    /// XLIFF 2 `state` plus Bitext's `subState` for the states XLIFF 2 lacks.
    static func attributes(for state: UnitState) -> (state: StaticString, subState: StaticString?) {
        switch state {
        case .new: return ("initial", nil)
        case .needsTranslation: return ("initial", "bitext:needs-translation")
        case .translated: return ("translated", nil)
        case .needsReview: return ("translated", "bitext:needs-review")
        case .final: return ("final", nil)
        }
    }

    /// The unit state for XLIFF 2 `state` and `subState`; `reviewed` counts as translated.
    static func state(_ state: String?, subState: String?) -> UnitState? {
        switch state ?? "initial" {
        case "initial": return subState == "bitext:needs-translation" ? .needsTranslation : .new
        case "translated": return subState == "bitext:needs-review" ? .needsReview : .translated
        case "reviewed": return subState == "bitext:needs-review" ? .needsReview : .translated
        case "final": return .final
        default: return nil
        }
    }
}

extension XLIFF2 {
    /// An id as an NMTOKEN: each character an NMTOKEN cannot hold, and `_` itself, as `_` and two
    /// hex digits per UTF-8 byte (so that different ids stay different); `_` alone for an empty id.
    static func nmtoken(_ id: String) -> String {
        guard !id.isEmpty else { return "_" }
        var out = ""
        for scalar in id.unicodeScalars {
            let s = String(scalar)
            if scalar != "_" && XMLNames.isNMTOKEN(s) {
                out += s
            } else {
                for byte in s.utf8 { out += "_" + String(byte, radix: 16, uppercase: true).leftPadded(2) }
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
