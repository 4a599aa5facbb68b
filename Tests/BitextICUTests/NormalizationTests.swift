import Testing
import BitextICU

@Suite("Normalization")
struct NormalizationTests {
    @Test func nfcComposes() throws {
        let composed = try NormalizationForm.nfc.normalize("e\u{301}")
        #expect(composed.unicodeScalars.count == 1)
        #expect(scalars(composed) == [0xE9])
    }

    @Test func nfdDecomposes() throws {
        let decomposed = try NormalizationForm.nfd.normalize("\u{E9}")
        #expect(decomposed.unicodeScalars.count == 2)
        #expect(scalars(decomposed) == [0x65, 0x301])
    }

    @Test func nfdOrdersCombiningMarksCanonically() throws {
        // ccc(U+0323) = 220 sorts before ccc(U+0302) = 230.
        #expect(scalars(try NormalizationForm.nfd.normalize("e\u{302}\u{323}")) == [0x65, 0x323, 0x302])
        #expect(scalars(try NormalizationForm.nfc.normalize("e\u{302}\u{323}")) == [0x1EC7])  // ệ
    }

    @Test func nfcComposesHangulJamo() throws {
        #expect(scalars(try NormalizationForm.nfc.normalize("\u{1112}\u{1161}\u{11AB}")) == [0xD55C])  // 한
    }

    @Test(arguments: [
        ("ﬁ", "fi"),
        ("１２３", "123"),
        ("Ａｂｃ", "Abc"),
        ("x²", "x2"),
        ("𝐀", "A"),  // U+1D400, outside the BMP
        ("e\u{301}", "\u{E9}"),
    ])
    func nfkcMapsCompatibilityCharacters(text: String, expected: String) throws {
        #expect(scalars(try NormalizationForm.nfkc.normalize(text)) == scalars(expected))
    }

    @Test func nfcLeavesCompatibilityCharactersAlone() throws {
        #expect(scalars(try NormalizationForm.nfc.normalize("ﬁ１")) == [0xFB01, 0xFF11])
    }

    @Test func nfkcCasefold() throws {
        let folded = try NormalizationForm.nfkcCasefold.normalize("Straße ＡＢＣ ﬁ \u{130}")
        #expect(scalars(folded) == scalars("strasse abc fi i\u{307}"))
    }

    @Test(arguments: [
        (NormalizationForm.nfc, "\u{E9}", true),
        (.nfc, "e\u{301}", false),
        (.nfd, "e\u{301}", true),
        (.nfd, "\u{E9}", false),
        (.nfkc, "fi", true),
        (.nfkc, "ﬁ", false),
        (.nfc, "ﬁ", true),
        (.nfkcCasefold, "strasse", true),
        (.nfkcCasefold, "Strasse", false),
        (.nfkcCasefold, "straße", false),
        (.nfd, "한", false),
        (.nfc, "한", true),
    ])
    func isNormalized(form: NormalizationForm, text: String, expected: Bool) throws {
        #expect(try form.isNormalized(text) == expected)
    }

    @Test(arguments: NormalizationForm.allCases)
    func emptyAndASCIIAreAlreadyNormalized(form: NormalizationForm) throws {
        #expect(try form.normalize("") == "")
        #expect(try form.isNormalized(""))
        #expect(try form.isNormalized("plain ascii 123"))
        #expect(try form.normalize("plain ascii 123") == "plain ascii 123")
    }

    @Test(arguments: NormalizationForm.allCases)
    func normalizingIsIdempotent(form: NormalizationForm) throws {
        let text = "Ǆemal ﬁnds Tiếng Việt, 한국어 and Ｅ\u{301} 😀 in İstanbul"
        let once = try form.normalize(text)
        #expect(try form.isNormalized(once))
        #expect(scalars(try form.normalize(once)) == scalars(once))
    }

    // MARK: Growth

    @Test func nfdOfLongHangulGrowsPastTheFirstBuffer() throws {
        // Each "한국어" (3 units) decomposes into 8 jamo: 3 + 3 + 2.
        let text = String(repeating: "한국어", count: 100)
        let decomposed = try NormalizationForm.nfd.normalize(text)
        #expect(decomposed.utf16.count == 800)
        #expect(Array(decomposed.unicodeScalars.prefix(8)).map(\.value) == [0x1112, 0x1161, 0x11AB, 0x1100, 0x116E, 0x11A8, 0x110B, 0x1165])
        #expect(try NormalizationForm.nfd.isNormalized(decomposed))
        #expect(scalars(try NormalizationForm.nfc.normalize(decomposed)) == scalars(text))
    }

    @Test func nfdOfPrecomposedVietnameseGrows() throws {
        let word = "Tiếng Việt có dấu. "
        let text = String(repeating: word, count: 60)
        let decomposed = try NormalizationForm.nfd.normalize(text)
        // ế, ệ, ấ gain two marks each; ó gains one.
        #expect(decomposed.unicodeScalars.count == (word.unicodeScalars.count + 7) * 60)
        #expect(Array(decomposed.unicodeScalars.prefix(7)).map(\.value) == [0x54, 0x69, 0x65, 0x302, 0x301, 0x6E, 0x67])
        #expect(!decomposed.unicodeScalars.contains { (0xC0...0x1EFF).contains($0.value) && !(0x300...0x36F).contains($0.value) })
        #expect(scalars(try NormalizationForm.nfc.normalize(decomposed)) == scalars(text))
    }

    @Test func nfkcOfLigaturesGrows() throws {
        // U+FDFA expands to 18 characters under NFKC.
        let text = String(repeating: "\u{FDFA}", count: 10)
        let mapped = try NormalizationForm.nfkc.normalize(text)
        #expect(mapped.unicodeScalars.count == 180)
    }
}
