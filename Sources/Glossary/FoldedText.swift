import BitextICU

/// Text folded for term matching, with a map back to the original.
///
/// Folding is per Unicode scalar, so every folded scalar knows the original scalar it came
/// from: NFC composition first, then locale-aware case folding (Turkic İ/ı for tr and az,
/// German ß to ss), typographic apostrophes to `'`, hyphen and dash variants to `-`, and any
/// language equivalences from `Locales/<lang>/matching.txt` (Russian ё to е). Offsets into the
/// folded text map back to UTF-8 offsets in the original, so "İSTANBUL" never shifts offsets.
public struct FoldedText: Sendable {
    /// The folded scalars.
    public let scalars: [Unicode.Scalar]
    /// For each folded scalar, the UTF-8 offset of the original scalar it came from; one more entry for the end.
    public let origin: [Int]

    /// Folds `text`.
    /// - Parameters:
    ///   - caseSensitive: keep case (acronyms): only the other foldings apply.
    ///   - equivalences: extra one-to-one scalar mappings, applied after case folding.
    public init(_ text: String, folding: CaseMapping.Folding, caseSensitive: Bool = false,
                equivalences: [Unicode.Scalar: Unicode.Scalar] = [:]) {
        var scalars: [Unicode.Scalar] = []
        var origin: [Int] = []
        scalars.reserveCapacity(text.utf8.count)
        var offset = 0
        // Character by character, so that NFC and case folding keep a map to the original.
        for character in text {
            let from = offset
            offset += character.utf8.count
            let composed: String.UnicodeScalarView
            if let only = character.unicodeScalars.first, character.unicodeScalars.count == 1, only.value < 0x300 {
                composed = character.unicodeScalars
            } else {
                composed = ((try? NormalizationForm.nfc.normalize(String(character))) ?? String(character)).unicodeScalars
            }
            for s in composed {
                let folded: [Unicode.Scalar]
                if caseSensitive {
                    folded = [s]
                } else if s.isASCII {
                    let v = s.value
                    folded = [(v >= 0x41 && v <= 0x5A) ? (folding == .turkic && v == 0x49 ? "\u{131}" : Unicode.Scalar(v + 32)!) : s]
                } else {
                    folded = Array(CaseMapping.folded(s, folding).unicodeScalars)
                }
                for f in folded {
                    let u = Self.unify(f)
                    scalars.append(equivalences[u] ?? u)
                    origin.append(from)
                }
            }
        }
        origin.append(offset)
        self.scalars = scalars
        self.origin = origin
    }

    /// Typographic apostrophes and hyphen or dash variants, unified.
    static func unify(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0x2019, 0x2018, 0x02BC, 0x02B9, 0x2032, 0x0060, 0x00B4: return "'"
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0x00AD: return "-"
        case 0x00A0, 0x202F, 0x2007, 0x2009: return " "
        default: return s
        }
    }

    /// The folded text as a string.
    public var string: String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }
}
