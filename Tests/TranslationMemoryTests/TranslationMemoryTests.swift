import Foundation
import Testing
@testable import TranslationMemory

/// A fresh store in a temporary directory.
func temporaryTM(_ name: String = "tm") throws -> (TranslationMemory, String) {
    let dir = NSTemporaryDirectory() + "bitext-tm-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/\(name).sqlite"
    return (try TranslationMemory(path: path), dir)
}

func entry(_ s: String, _ t: String, _ sl: String = "en", _ tl: String = "ru", previous: String? = nil, next: String? = nil, origin: String? = nil) -> TMEntry {
    TMEntry(source: s, target: t, sourceLanguage: sl, targetLanguage: tl, previous: previous, next: next, origin: origin)
}

@Suite("Similarity formula")
struct SimilarityTests {
    func tokens(_ s: String, _ lang: String = "en") throws -> [String] {
        try TokenizerPool().tokens(s, language: lang)
    }

    @Test func tokenization() throws {
        #expect(try tokens("Hello, world.") == ["hello", ",", "world", "."])
        #expect(try tokens("  Don't   STOP  ") == ["don't", "stop"])
        #expect(try tokens("Version 2.5 (beta)!") == ["version", "2.5", "(", "beta", ")", "!"])
        #expect(try tokens("Straße") == ["strasse"])
        // Turkic folding: I → ı, İ → i.
        #expect(try tokens("DOSYAYI İLERİ", "tr") == ["dosyayı", "ileri"])
        #expect(try tokens("DOSYAYI", "en") == ["dosyayi"])
    }

    @Test func handComputed() throws {
        // 7 vs 7 tokens, one substitution: 100 × 6/7 = 85.7 → 85.
        #expect(TMSimilarity.similarity(try tokens("The cat sat on the mat."), try tokens("The cat sat on a mat.")) == 85)
        // 3 vs 4 tokens, one substitution and one insertion: 100 × 2/4 = 50.
        #expect(TMSimilarity.similarity(try tokens("Save the file"), try tokens("Save the files now")) == 50)
        // Punctuation counts: 4 vs 2 tokens, two deletions: 50.
        #expect(TMSimilarity.similarity(try tokens("Hello, world."), try tokens("Hello world")) == 50)
        // Case is folded: 100.
        #expect(TMSimilarity.similarity(try tokens("SAVE the File"), try tokens("save THE file")) == 100)
        // 4 vs 3: one deletion: 75.
        #expect(TMSimilarity.similarity(try tokens("one two three four"), try tokens("one two four")) == 75)
        // Transposition costs two: 100 × 3/5 = 60.
        #expect(TMSimilarity.similarity(try tokens("a b c d e"), try tokens("a c b d e")) == 60)
        #expect(TMSimilarity.score(distance: 0, 0, 0) == 100)
        #expect(TMSimilarity.score(distance: 1, 3, 2) == 66)
    }

    @Test func distanceLimit() {
        let a = Array("abcdefghij"), b = Array("abcxefgyiz")
        #expect(TMSimilarity.distance(a, b, limit: 10) == 3)
        #expect(TMSimilarity.distance(a, b, limit: 2) == 3)  // over the limit: limit + 1
        #expect(TMSimilarity.distance(a, b, limit: 3) == 3)
        #expect(TMSimilarity.distance(Array("kitten"), Array("sitting"), limit: 5) == 3)
        #expect(TMSimilarity.distance(Array(""), Array("abc"), limit: 5) == 3)
        // Random cases against the full matrix.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let x = (0..<Int.random(in: 0...12, using: &rng)).map { _ in Int.random(in: 0...3, using: &rng) }
            let y = (0..<Int.random(in: 0...12, using: &rng)).map { _ in Int.random(in: 0...3, using: &rng) }
            let full = TMSimilarity.distance(x, y, limit: 100)
            for limit in 0...6 {
                let banded = TMSimilarity.distance(x, y, limit: limit)
                #expect(full <= limit ? banded == full : banded == limit + 1, "\(x) \(y) limit \(limit)")
            }
        }
    }
}

@Suite("Lookup")
struct LookupTests {
    @Test func exactFuzzyAndCase() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tm.add([
            entry("The cat sat on the mat.", "Кошка сидела на коврике."),
            entry("Save the file before closing the window.", "Сохраните файл перед закрытием окна."),
            entry("Something entirely different is here.", "Здесь что-то совсем другое."),
        ])
        let exact = try tm.lookup("The cat sat on  the mat.", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru")
        #expect(exact.count == 1)
        #expect(exact.first?.kind == .exact)
        #expect(exact.first?.similarity == 100)
        #expect(exact.first?.target == "Кошка сидела на коврике.")

        let fuzzy = try tm.lookup("The cat sat on a mat.", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru")
        #expect(fuzzy.map(\.kind) == [.fuzzy])
        #expect(fuzzy.first?.similarity == 85)

        // Case only: fuzzy, capped at 99.
        let upper = try tm.lookup("THE CAT SAT ON THE MAT.", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru")
        #expect(upper.map(\.kind) == [.fuzzy])
        #expect(upper.first?.similarity == 99)

        // Punctuation counts: 7 vs 6 tokens.
        let noPeriod = try tm.lookup("The cat sat on the mat", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru")
        #expect(noPeriod.first?.similarity == 85)

        // Threshold.
        #expect(try tm.lookup("The dog sat on a mat.", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru").isEmpty)
        #expect(try tm.lookup("The dog sat on a mat.", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru", threshold: 70).first?.similarity == 71)
        // Other language pairs are not served.
        #expect(try tm.lookup("The cat sat on the mat.", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "de").isEmpty)
        #expect(try tm.lookup("The cat sat on the mat.", previous: nil, next: nil, sourceLanguage: "fr", targetLanguage: "ru").isEmpty)
    }

    @Test func contextBeatsExact() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tm.add([
            entry("Open", "Открыть", previous: "File", next: "Close"),
            entry("Open", "Открыто", previous: "Status:", next: nil),
            entry("Open it", "Открой его"),
        ])
        let r = try tm.lookup("Open", previous: "Status:", next: nil, sourceLanguage: "en", targetLanguage: "ru", threshold: 50)
        #expect(r.map(\.kind) == [.context, .exact, .fuzzy])
        #expect(r.map(\.target) == ["Открыто", "Открыть", "Открой его"])
        #expect(r.map(\.score) == [101, 100, 50])
        let other = try tm.lookup("Open", previous: "File", next: "Close", sourceLanguage: "en", targetLanguage: "ru", limit: 1)
        #expect(other.map(\.target) == ["Открыть"])
        #expect(other.first?.kind == .context)
        // Without context, both are exact; the most recent first.
        let plain = try tm.lookup("Open", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru")
        #expect(plain.map(\.kind) == [.exact, .exact])
    }

    @Test func russianInflection() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tm.add([
            entry("Нажмите кнопку, чтобы сохранить файл.", "Click the button to save the file.", "ru", "en"),
            entry("Откройте файл настроек.", "Open the settings file.", "ru", "en"),
        ])
        // One inflected word in 7 tokens: 85.
        let r = try tm.lookup("нажмите КНОПКУ, чтобы сохранить файлы.", previous: nil, next: nil, sourceLanguage: "ru-RU", targetLanguage: "en")
        #expect(r.count == 1)
        #expect(r.first?.similarity == 85)
        // 4 tokens, one inflected: 75.
        #expect(try tm.lookup("Откройте файлы настроек.", previous: nil, next: nil, sourceLanguage: "ru", targetLanguage: "en").first?.similarity == 75)
        #expect(try tm.lookup("Откройте файлы настроек.", previous: nil, next: nil, sourceLanguage: "ru", targetLanguage: "en", threshold: 76).isEmpty)
    }

    @Test func turkishCaseFolding() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tm.add([entry("Dosyayı kaydetmek için İleri düğmesine tıklayın.", "Click Next to save the file.", "tr", "en")])
        let upper = try tm.lookup("DOSYAYI KAYDETMEK İÇİN İLERİ DÜĞMESİNE TIKLAYIN.", previous: nil, next: nil, sourceLanguage: "tr", targetLanguage: "en")
        #expect(upper.first?.similarity == 99)
        // An inflected form (accusative plural): one token of 7 → 85.
        let inflected = try tm.lookup("Dosyaları kaydetmek için İleri düğmesine tıklayın.", previous: nil, next: nil, sourceLanguage: "tr-TR", targetLanguage: "en")
        #expect(inflected.first?.similarity == 85)
    }

    @Test func languageTags() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tm.add([
            entry("Good morning", "Доброе утро", "en-US", "ru-RU"),
            entry("Good morning", "Добрий ранок", "en", "uk"),
        ])
        #expect(try tm.lookup("Good morning", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru").map(\.target) == ["Доброе утро"])
        #expect(try tm.lookup("Good morning", previous: nil, next: nil, sourceLanguage: "EN_us", targetLanguage: "RU-ru").count == 1)
        #expect(try tm.lookup("Good morning", previous: nil, next: nil, sourceLanguage: "en-GB", targetLanguage: "ru").isEmpty)
        #expect(try tm.lookup("Good morning", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru-UA").isEmpty)
        #expect(try tm.lookup("Good morning", previous: nil, next: nil, sourceLanguage: "en-US", targetLanguage: "uk").map(\.target) == ["Добрий ранок"])
    }

    @Test func duplicatesAreUpdated() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tm.add([entry("Hello world", "Привет, мир", origin: "a.txt")])
        let before = try tm.fingerprint
        try tm.add([entry("Hello   world", "Привет, мир", previous: "Intro", origin: "b.txt"), entry("Hello world", "Привет, мир", origin: "c.txt")])
        #expect(try tm.statistics().units == 1)
        let r = try tm.lookup("Hello world", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru")
        #expect(r.count == 1)
        #expect(r.first?.origin == "c.txt")
        #expect(try tm.fingerprint != before)
        // A different target is a second unit.
        try tm.add([entry("Hello world", "Здравствуй, мир")])
        #expect(try tm.statistics().units == 2)
        // Empty sources or targets are skipped.
        #expect(try tm.add([entry("  ", "x"), entry("x", "")]) == 0)
    }

    @Test func reopenKeepsData() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tm.add([entry("Persist me please", "Сохрани меня")])
        let again = try TranslationMemory(path: tm.path)
        #expect(try again.lookup("Persist me, please", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru").first?.similarity == 75)
        let stats = try again.statistics()
        #expect(stats.units == 1)
        #expect(stats.languagePairs == [.init(sourceLanguage: "en", targetLanguage: "ru", units: 1)])
        #expect(stats.bytes > 0)
    }

    @Test func notADatabase() throws {
        let dir = NSTemporaryDirectory() + "bitext-tm-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/junk.sqlite"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect { try TranslationMemory(path: path) } throws: { ($0 as? TMError)?.kind == .data && ($0 as? TMError)?.file == path }
        #expect { try TranslationMemory(path: dir + "/missing/tm.sqlite") } throws: { ($0 as? TMError)?.kind == .unwritable }
    }

    @Test func concurrentLookups() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"]
        var entries: [TMEntry] = []
        for i in 0..<3000 {
            let sentence = (0..<8).map { words[(i * 7 + $0 * ($0 + i % 5)) % words.count] }.joined(separator: " ") + " \(i % 50)."
            entries.append(entry(sentence, "перевод \(i)"))
        }
        try tm.add(entries)
        let queries = (0..<64).map { entries[$0 * 37].source.replacingOccurrences(of: "alpha", with: "omega") }
        let expected = try queries.map { try tm.lookup($0, previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru").map(\.id) }
        nonisolated(unsafe) var results = [[[Int64]]](repeating: [], count: 8)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var mine: [[Int64]] = []
            for q in queries {
                mine.append((try? tm.lookup(q, previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru").map(\.id)) ?? [-1])
            }
            lock.lock(); results[worker] = mine; lock.unlock()
        }
        for r in results { #expect(r == expected) }
        #expect(expected.contains { !$0.isEmpty })
    }
}
