import BitextCore
import BitextICU
import Foundation
@testable import Glossary
import Testing

/// Differential tests: `ASCIIWords` against ICU's word break iterator, and the tokenizer that
/// cuts text into ASCII and ICU pieces against ICU on the whole text.
@Suite("ASCII word boundaries")
struct ASCIIWordsTests {
    typealias Tokens = [(range: Range<Int>, status: BreakIterator.WordStatus)]

    /// ICU's tokens of `text` for `locale`.
    static func icuTokens(_ text: [UInt8], locale: String = "en") throws -> Tokens {
        let words = try BreakIterator(.word, locale: locale)
        let units = UTF16Buffer(minimumCapacity: text.count)
        units.replace(withUnits: text.map { UInt16($0) })
        words.attach(units)
        return words.tokens().map { ($0.range, $0.status) }
    }

    /// The first difference between two token lists, described, or nil.
    static func difference(_ text: [UInt8], _ got: Tokens, _ expected: Tokens) -> String? {
        for (k, (g, e)) in zip(got, expected).enumerated() where g.range != e.range || g.status != e.status {
            func show(_ r: Range<Int>) -> String { String(decoding: text[r], as: UTF8.self).debugDescription }
            let context = max(0, e.range.lowerBound - 8)..<min(text.count, max(e.range.upperBound, g.range.upperBound) + 8)
            return "token \(k): got \(show(g.range)) \(g.status), ICU \(show(e.range)) \(e.status) in \(show(context))"
        }
        return got.count == expected.count ? nil : "got \(got.count) tokens, ICU \(expected.count)"
    }

    /// Every string of up to `length` bytes over `alphabet`, one per line (newlines break words).
    static func allStrings(_ alphabet: String, length: Int) -> [[UInt8]] {
        var result: [[UInt8]] = [[]]
        var level: [[UInt8]] = [[]]
        for _ in 0..<length {
            level = level.flatMap { s in alphabet.utf8.map { s + [$0] } }
            result += level
        }
        return result.filter { !$0.isEmpty }
    }

    /// The rules learnt from ICU for `locale`.
    static func learnt(_ locale: String = "en") throws -> ASCIIWords? {
        ASCIIWords.agreeing(with: try BreakIterator(.word, locale: locale))
    }

    @Test("rules are learnt for the usual locales and agree with ICU on every short string of word punctuation")
    func calibration() throws {
        let en = try #require(try Self.learnt())
        #expect(en.classes[Int(UInt8(ascii: ":"))] == ASCIIWords.Class.other.rawValue)
        #expect(en.classes[Int(UInt8(ascii: "-"))] == ASCIIWords.Class.other.rawValue)
        for locale in ["en", "de", "ru", "tr", "az", "zh", "ja", "fr", "sv", "fi", "en_US_POSIX"] {
            let found = try Self.learnt(locale)
            if ["en", "de", "ru", "tr", "az", "zh", "ja", "fr"].contains(locale) {
                #expect(found != nil, "\(locale)")
            }
            guard let found else { continue }
            var text: [UInt8] = []
            for s in Self.allStrings("a1.':@_ ,", length: 4) { text += s + [0x0A] }
            #expect(Self.difference(text, found.tokens(text), try Self.icuTokens(text, locale: locale)) == nil, "\(locale)")
        }
    }

    @Test("every string of up to five bytes over letters, digits and word punctuation")
    func exhaustive() throws {
        let scanner = try #require(try Self.learnt())
        // Joined by a line feed, which ICU always breaks on both sides, and checked in one pass.
        for alphabet in ["a1.',;:_ \r\n\"-@", "aZ9._'\t,"] {
            var text: [UInt8] = []
            for s in Self.allStrings(alphabet, length: alphabet.utf8.count > 10 ? 4 : 5) { text += s + [0x0A] }
            let got = scanner.tokens(text), expected = try Self.icuTokens(text)
            #expect(Self.difference(text, got, expected) == nil)
        }
    }

    @Test("thousands of random ASCII strings, seeded, weighted towards word punctuation")
    func random() throws {
        var rng = SplitMix64(seed: 20_261_127)
        let scanner = try #require(try Self.learnt())
        let pieces = ["e.g.", "3.14", "U.S.", "don't", "a:b", "x_y", "1,000", "\r\n", " ", "  ", "a", "Z", "7", ".", "'",
                      ",", ";", ":", "_", "-", "\t", "\r", "\n", "\"", "`", "__init__", "v1.2.3", "i.e.", "1;2", "a.1", "1.a", "user@example.com", "@"]
        for _ in 0..<4000 {
            var text: [UInt8] = []
            for _ in 0..<Int(rng.next() % 24 + 1) {
                if rng.next() % 4 == 0 {
                    text.append(UInt8(rng.next() % 127 + 1))
                } else {
                    text += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8)
                }
            }
            let difference = Self.difference(text, scanner.tokens(text), try Self.icuTokens(text))
            #expect(difference == nil)
            if difference != nil { break }
        }
    }

    @Test("real text: the ASCII lines of the repository's documentation and sources")
    func realText() throws {
        let scanner = try #require(try Self.learnt())
        var checked = 0
        for path in ["README.md", "Benchmarks/README.md", "Sources/Glossary/TermMatcher.swift", "Sources/Glossary/FoldedText.swift",
                     "Examples/azerbaijan-nato.txt"] {
            guard let data = FileManager.default.contents(atPath: TermMatcherTests.root + "/" + path) else { continue }
            for line in data.split(separator: 0x0A) where line.allSatisfy({ $0 < 0x80 }) {
                let text = Array(line)
                #expect(Self.difference(text, scanner.tokens(text), try Self.icuTokens(text)) == nil, "\(path)")
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test("mixed text is cut only where ICU's boundaries do not reach across")
    func mixedText() throws {
        var texts = [
            "Baku’s port, the “NATO” summit — e.g. 3.14 and 1,000 km²", "中文 text 和 English 混合。Ünïcödé wörds: a:b x_y",
            "İSTANBUL ve ISPARTA, ısparta", "Die STRASSE und die Straße", "e\u{301}t\u{301}e\u{301} de\u{301}ja\u{300} vu",
            "a  \u{301} b", "flags 🇦🇿🇹🇷 and emoji 👍🏽 ok", "x \u{200D}y tab\there", "ﬁne ﬂow Ǆ", "日本語のテキスト です。 OK",
        ]
        var rng = SplitMix64(seed: 7)
        let pieces = ["a", "Z", " ", "  ", ".", "'", "’", "é", "e\u{301}", "中", "文", ",", "1", "_", "\u{200D}", "\u{301}",
                      "👍", "ß", "İ", "-", "\u{00A0}", "\u{3000}", "ー", "カ", "\u{3099}"]
        for _ in 0..<1500 {
            texts.append((0..<Int(rng.next() % 20 + 1)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined())
        }
        for locale in ["en", "tr", "de"] {
            let tokenizer = try TermMatcher.Tokenizer(locale: locale, folding: CaseMapping.Folding(language: locale), equivalences: [:])
            #expect(tokenizer.ascii != nil)
            let reference = try TermMatcher.Tokenizer(locale: locale, folding: CaseMapping.Folding(language: locale), equivalences: [:])
            reference.ascii = nil
            for text in texts {
                var t = text
                t.withUTF8 { bytes in
                    let fast = tokenizer.tokenize(bytes), slow = reference.tokenize(bytes)
                    let same = fast.count == slow.count && zip(fast, slow).allSatisfy {
                        $0.range == $1.range && $0.kind == $1.kind
                            && tokenizer.folded($0, bytes) == reference.folded($1, bytes)
                    }
                    #expect(same, "\(locale): \(text.debugDescription)")
                }
            }
        }
    }

    @Test("the quick fold of ASCII, apostrophes, hyphens, CJK and kana is FoldedText's, or declines")
    func quickFold() throws {
        var rng = SplitMix64(seed: 11)
        let pieces = ["a", "Z", "I", "i", "`", "'", "-", "’", "‘", "‐", "–", "—", "中", "文", "カ", "か", "가", "ß", "İ", "é", "e\u{301}",
                      "\u{3099}", "ﬁ", "Ａ", "7", ".", "ё"]
        var declined = 0, folded = 0
        for _ in 0..<3000 {
            let text = (0..<Int(rng.next() % 6 + 1)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            for folding in [CaseMapping.Folding.standard, .turkic] {
                for equivalences: [Unicode.Scalar: Unicode.Scalar] in [[:], ["ё": "е"], ["'": "’"], ["中": "文"]] {
                    var t = text
                    let quick: String? = t.withUTF8 { bytes in
                        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
                        defer { out.deallocate() }
                        let turkic = folding == .turkic
                        guard let n = TermMatcher.Tokenizer.quickFold(bytes, turkic: turkic, equivalences: equivalences, into: out) else {
                            return nil
                        }
                        return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
                    }
                    guard let quick else { declined += 1; continue }
                    folded += 1
                    #expect(quick == FoldedText(text, folding: folding, equivalences: equivalences).string, "\(text.debugDescription)")
                }
            }
        }
        #expect(declined > 1000 && folded > 1000)
    }

    @Test("Turkish suffixes after a hyphen attach only when nothing stands between")
    func hyphenSuffixes() throws {
        let tests = TermMatcherTests()
        let fast = try tests.matcher("tr"), slow = try tests.matcher("tr")
        slow.tokenizer.ascii = nil
        let cases = ["NATO-nun": ["NATO-nun"], "NATO -nun": ["NATO"], "NATO- nun": ["NATO"], "NATO-xyz": ["NATO"],
                     "Bakü-nün ve NATO-nun": ["Bakü-nün", "NATO-nun"], "NATO-nun-": ["NATO-nun"]]
        for (text, expected) in cases {
            #expect(fast.occurrences(in: text).map(\.text) == expected, "\(text)")
            #expect(slow.occurrences(in: text).map(\.text) == expected, "\(text)")
        }
    }

    @Test("matches are the same with and without the ASCII scanner")
    func sameMatches() throws {
        let base = try TermBaseFile.read(path: TermMatcherTests.root + "/Glossary/security.tbx")
        let text = try String(contentsOfFile: TermMatcherTests.root + "/Examples/azerbaijan-nato.txt", encoding: .utf8)
        for inflection in [Inflection(), try Inflection.load(language: "en", localesPath: TermMatcherTests.root + "/Locales")] {
            let fast = try TermMatcher(termBase: base, language: "en", inflection: inflection)
            let slow = try TermMatcher(termBase: base, language: "en", inflection: inflection)
            slow.tokenizer.ascii = nil
            #expect(fast.tokenizer.ascii != nil)
            for line in text.split(separator: "\n").map(String.init) + [text, text.uppercased()] {
                #expect(fast.occurrences(in: line) == slow.occurrences(in: line))
            }
        }
    }
}

