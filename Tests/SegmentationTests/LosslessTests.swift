import BitextCore
import Foundation
import Segmentation
import Testing


/// Segments and the gaps between them rebuild any input byte for byte.
@Suite("Lossless segmentation")
struct LosslessTests {
    /// Pieces that random inputs are built from: prose, punctuation, every kind of line break
    /// and space, and scripts and sequences that break naive code.
    static let pieces: [String] = [
        "The", "NATO", "Baku", "U.S.", "Dr.", "e.g.", "etc.", "3.5%", "$1.2", "bn", "J.", "R.", "1.", "a)", "•",
        ".", ". ", "? ", "! ", "...", "…", " . . . ", "“", "”", "«", "»", "(", ")", "\"", "'", "’", "—", "-",
        " ", "  ", "\t", "\u{A0}", "\u{202F}", "\u{3000}", "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", " \n \n",
        "Azərbaycan", "İSTANBUL", "ısparta", "Straße", "Москва.", "г.", "т.е.", "z. B.", "M.",
        "👩‍👩‍👧‍👦", "🇦🇿", "e\u{301}", "a\u{308}\u{301}", "שלום", "مرحبا.", "\u{200F}", "\u{200D}", "𝔘𝔫𝔦",
        "\u{FEFF}", "\u{200B}", "\u{2028}", "\u{0085}", "\u{1}", "<b>", "&amp;", "%s", "{0}",
    ]

    static func randomText(seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: 0...60, using: &rng)
        var s = ""
        if Bool.random(using: &rng) && n % 7 == 0 { s += "\u{FEFF}" }
        for _ in 0..<n {
            s += pieces.randomElement(using: &rng)!
            if Int.random(in: 0..<3, using: &rng) == 0 { s += " " }
        }
        return s
    }

    @Test("random Unicode inputs round-trip", arguments: 0..<250)
    func randomInput(seed: Int) throws {
        let text = Self.randomText(seed: UInt64(seed) &* 7919)
        try assertLossless(text, language: ["en", "ru", "az", "tr", "fr", "de", "nl"][seed % 7])
    }

    @Test("edge inputs round-trip", arguments: [
        "", " ", "\n", "\r\n\r\n", "\u{FEFF}", "\u{FEFF}Hello. World.", "No final newline. Really", "A.\rB.\rC.",
        "Line one\r\nline two.\r\n\r\nNext paragraph.", "\t\tIndented. Text.\t", "\u{A0}\u{A0}NBSP. Here.\u{A0}",
        "😀. 😀. 😀", "מה? כן. לא!", "x\u{301}. y\u{301}.", String(repeating: "word ", count: 5000) + ".",
    ])
    func edgeInput(text: String) throws {
        try assertLossless(text, language: "en")
    }

    private func assertLossless(_ text: String, language: String) throws {
        let segmenter = try TestSupport.segmenter(language)
        let bytes = Array(text.utf8)
        let segments = segmenter.segments(of: text)
        var rebuilt: [UInt8] = []
        var position = 0
        for s in segments {
            #expect(s.range.lowerBound >= position, "segments overlap or go backwards")
            #expect(s.range.upperBound <= bytes.count)
            guard s.range.lowerBound >= position, s.range.upperBound <= bytes.count else { return }
            let gap = bytes[position..<s.range.lowerBound]
            #expect(String(decoding: gap, as: UTF8.self).unicodeScalars.allSatisfy(Self.isGap), "gap holds text: \(Array(gap))")
            rebuilt += gap
            let own = Array(bytes[s.range])
            #expect(Array(s.text.utf8) == own, "segment text differs from its range")
            #expect(!s.text.isEmpty)
            #expect(!Self.isGap(s.text.unicodeScalars.first!) && !Self.isGap(s.text.unicodeScalars.last!), "untrimmed: \(s.text.debugDescription)")
            rebuilt += own
            position = s.range.upperBound
        }
        let tail = bytes[position...]
        #expect(String(decoding: tail, as: UTF8.self).unicodeScalars.allSatisfy(Self.isGap))
        rebuilt += tail
        #expect(rebuilt == bytes)
        // Nothing but white space is ever left out.
        let kept = segments.map(\.text).joined().unicodeScalars.filter { !Self.isGap($0) }
        let all = text.unicodeScalars.filter { !Self.isGap($0) }
        #expect(String(String.UnicodeScalarView(kept)) == String(String.UnicodeScalarView(all)))
    }

    /// What may stand between segments: white space, BOM and zero-width space.
    static func isGap(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || s == "\u{FEFF}" || s == "\u{200B}"
    }
}
