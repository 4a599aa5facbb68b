/// Name checks for XML attribute values typed as `NMTOKEN`.
enum XMLNames {
    /// Whether `s` is a non-empty NMTOKEN (ASCII subset: letters, digits, `.`, `-`, `_`, `:`, or any non-ASCII letter).
    static func isNMTOKEN(_ s: String) -> Bool {
        guard !s.isEmpty else { return false }
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x3A, 0xB7: continue
            case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x37D, 0x37F...0x1FFF, 0x200C, 0x200D, 0x203F, 0x2040,
                 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF, 0x300...0x36F:
                continue
            default: return false
            }
        }
        return true
    }
}
