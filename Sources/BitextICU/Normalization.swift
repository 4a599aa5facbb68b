@_implementationOnly import CICU

/// Unicode normalization forms through ICU's `UNormalizer2`.
public enum NormalizationForm: Sendable, CaseIterable {
    case nfc, nfd, nfkc, nfkcCasefold

    private func instance() throws(ICUError) -> OpaquePointer {
        var status = U_ZERO_ERROR
        let n: OpaquePointer?
        switch self {
        case .nfc: n = bx_nfc(&status)
        case .nfd: n = bx_nfd(&status)
        case .nfkc: n = bx_nfkc(&status)
        case .nfkcCasefold: n = bx_nfkcCasefold(&status)
        }
        guard let n, bx_success(status) != 0 else { throw ICUError(status, "loading \(self) normalizer") }
        return n
    }

    /// Normalizes `text` to this form.
    public func normalize(_ text: String) throws(ICUError) -> String {
        let normalizer = try instance()
        // ICU's normalizer instances are shared singletons and are never closed.
        return try CaseMapping.map(text, "normalizing to \(self)") { d, c, s, l, st in
            bx_normalize(normalizer, s, l, d, c, st)
        }
    }

    /// Whether `text` is already in this form.
    public func isNormalized(_ text: String) throws(ICUError) -> Bool {
        let normalizer = try instance()
        let units = Array(text.utf16)
        var status = U_ZERO_ERROR
        let result = units.withUnsafeBufferPointer { bx_isNormalized(normalizer, $0.baseAddress, Int32($0.count), &status) }
        try ICUError.check(status, "checking \(self)")
        return result != 0
    }
}
