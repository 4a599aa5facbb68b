import BitextICU
import Foundation

/// Text keys: normalization for exact matches, hashes, and language tags.
enum TextKey {
    /// NFC with whitespace runs collapsed to one space and the ends trimmed: what "exact" compares.
    static func normalized(_ text: String) -> String {
        var ascii = true
        var clean = true  // no whitespace other than single inner spaces
        var previousSpace = true
        for b in text.utf8 {
            if b >= 0x80 { ascii = false; clean = false; break }
            let space = b == 0x20 || (b >= 0x09 && b <= 0x0D)
            if space && (b != 0x20 || previousSpace) { clean = false }
            previousSpace = space
        }
        if clean && !previousSpace { return text }
        let nfc = ascii ? text : ((try? NormalizationForm.nfc.normalize(text)) ?? text)
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in nfc.unicodeScalars {
            if isSpace(scalar.value) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// White_Space characters.
    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// A 64-bit hash (FNV-1a with a murmur finalizer) of `parts` joined by U+0000.
    static func hash(_ parts: String...) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, part) in parts.enumerated() {
            if i > 0 { h = (h ^ 0) &* 0x100_0000_01b3 }
            for b in part.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return Int64(bitPattern: h)
    }

    /// A BCP 47 tag as stored: lower case, `-` as separator.
    static func tag(_ language: String) -> String {
        language.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
    }

    /// The primary language subtag (`ru` for `ru-RU`).
    static func base(_ tag: String) -> String {
        String(tag.split(separator: "-", maxSplits: 1).first ?? "")
    }

    /// Whether a stored tag serves a query tag: equal, or one is the other plus more subtags
    /// (`ru` ↔ `ru-RU`, `zh-Hant` ↔ `zh-Hant-TW`), never two different regions (`ru-RU` ≠ `ru-UA`).
    static func languageMatches(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let (short, long) = a.utf8.count < b.utf8.count ? (a, b) : (b, a)
        return long.hasPrefix(short) && long.utf8[long.utf8.index(long.utf8.startIndex, offsetBy: short.utf8.count)] == UInt8(ascii: "-")
    }
}

/// ICU word tokens of a segment, case-folded: what fuzzy matching compares.
///
/// The text is case-folded with NFKC_Casefold (Turkic I/İ folding for tr, az and the other
/// Turkic languages), then split by ICU's word break rules. Whitespace is dropped; every other
/// token counts one: words, numbers, and each punctuation or symbol character (ICU breaks
/// between punctuation characters), as the `\w+|[^\w\s]` tokenization of common CAT-tool
/// scorers does. So "Hello, world." has 4 tokens.
final class WordTokenizer {
    private let iterator: BreakIterator
    private let buffer = UTF16Buffer(minimumCapacity: 512)
    private let turkic: Bool

    init(language: String) throws {
        let base = TextKey.base(language)
        iterator = try BreakIterator(.word, locale: base.isEmpty ? "root" : base)
        turkic = CaseMapping.Folding(language: base) == .turkic
    }

    func tokens(_ text: String) -> [String] {
        var input = text
        if turkic {
            input = input.replacingOccurrences(of: "I", with: "ı").replacingOccurrences(of: "\u{130}", with: "i")
        }
        let folded: String
        if !turkic && input.utf8.allSatisfy({ $0 < 0x80 }) {
            folded = input.lowercased()  // NFKC_Casefold of ASCII
        } else {
            folded = (try? NormalizationForm.nfkcCasefold.normalize(input)) ?? input.lowercased()
        }
        buffer.replace(with: folded)
        iterator.attach(buffer)
        var result: [String] = []
        var start = iterator.first()
        while let end = iterator.next() {
            if iterator.wordStatus != .none || !isSpace(start..<end) {
                result.append(buffer.string(start..<end))
            }
            start = end
        }
        return result
    }

    private func isSpace(_ range: Range<Int>) -> Bool {
        buffer.withUnits { units in
            for i in range {
                let u = units[i]
                switch u {
                case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
                    continue
                default:
                    return false
                }
            }
            return true
        }
    }
}

/// Word tokenizers for several threads: ICU break iterators are not thread-safe, so each
/// caller borrows one for the duration of a call.
final class TokenizerPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [String: [WordTokenizer]] = [:]

    func withTokenizer<R>(language: String, _ body: (WordTokenizer) throws -> R) throws -> R {
        let base = TextKey.base(language)
        lock.lock()
        let pooled = free[base]?.popLast()
        lock.unlock()
        let tokenizer: WordTokenizer
        if let pooled {
            tokenizer = pooled
        } else {
            do { tokenizer = try WordTokenizer(language: base) } catch {
                throw TMError("cannot open an ICU word break iterator for \(base): \(error)")
            }
        }
        defer {
            lock.lock()
            free[base, default: []].append(tokenizer)
            lock.unlock()
        }
        return try body(tokenizer)
    }

    func tokens(_ text: String, language: String) throws -> [String] {
        try withTokenizer(language: language) { $0.tokens(text) }
    }
}

/// The similarity measure of fuzzy matches.
public enum TMSimilarity {
    /// ⌊100 × (1 − d / max(m, n))⌋ for word edit distance `d` between `m` and `n` tokens;
    /// 100 when both are empty.
    public static func score(distance: Int, _ m: Int, _ n: Int) -> Int {
        let longest = max(m, n)
        guard longest > 0 else { return 100 }
        return 100 * (longest - distance) / longest
    }

    /// The largest edit distance that still reaches `threshold` for a longer side of `length` tokens.
    static func maxDistance(_ length: Int, threshold: Int) -> Int {
        length * (100 - threshold) / 100
    }

    /// The similarity of two token sequences (Levenshtein over tokens: insert, delete, substitute cost 1).
    public static func similarity<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        score(distance: distance(a, b, limit: max(a.count, b.count)), a.count, b.count)
    }

    /// Word-level Levenshtein distance, or `limit + 1` as soon as it is known to exceed `limit`.
    public static func distance<T: Equatable>(_ a: [T], _ b: [T], limit: Int) -> Int {
        let n = a.count, m = b.count
        if abs(n - m) > limit { return limit + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            var rowMin = i
            let ai = a[i - 1]
            // Cells farther than `limit` from the diagonal cannot be on a path within the limit.
            let lo = max(1, i - limit), hi = min(m, i + limit)
            if lo > 1 { current[lo - 1] = limit + 1 }
            if lo <= hi {
                for j in lo...hi {
                    let cost = ai == b[j - 1] ? 0 : 1
                    var v = previous[j - 1] + cost
                    let del = previous[j] + 1
                    if del < v { v = del }
                    let ins = current[j - 1] + 1
                    if ins < v { v = ins }
                    current[j] = v
                    if v < rowMin { rowMin = v }
                }
            }
            if hi < m { current[hi + 1] = limit + 1 }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return min(previous[m], limit + 1)
    }
}
