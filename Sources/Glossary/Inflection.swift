import BitextCore
import Foundation

/// How words of a term may change in running text, read from `Locales/<lang>/inflection.txt`.
///
/// `mode strip`: endings replace each other (Russian cases, German and French plurals), so words
/// are compared by stem, every word of a term. `mode attach`: suffixes follow the last word of
/// a term, directly, after an apostrophe or after a hyphen, and may chain (Turkish, Azerbaijani).
public struct Inflection: Sendable {
    public enum Mode: String, Sendable { case none, strip, attach }

    public var mode: Mode = .none
    /// Folded endings, longest first.
    public var endings: [String] = []
    public var minimumStem = 3
    public var maximumSuffixes = 3
    /// One-to-one letter equivalences for matching (ё = е).
    public var equivalences: [Unicode.Scalar: Unicode.Scalar] = [:]
    /// Attach mode: a term-final consonant that softens before a vowel suffix, softened to hard
    /// ("ğ" to "k": Ortaklık, Ortaklığa), from `[alternations]`.
    public var alternations: [Character: [Character]] = [:]

    public init() {}

    /// Parses the file format.
    /// - Throws: `GlossaryError.malformed` with file and line.
    public init(parsing text: String, file: String) throws(GlossaryError) {
        var section = ""
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingWhitespace() ?? ""
            if line.isEmpty { continue }
            let location = SourceLocation(file: file, line: n + 1, column: 1)
            if line.hasPrefix("[") { section = line; continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            switch section {
            case "":
                switch words.first {
                case "mode":
                    guard words.count == 2, let m = Mode(rawValue: words[1]) else {
                        throw .malformed(location, "expected 'mode strip', 'mode attach' or 'mode none'")
                    }
                    mode = m
                case "min-stem":
                    guard words.count == 2, let v = Int(words[1]), v > 0 else { throw .malformed(location, "expected 'min-stem N'") }
                    minimumStem = v
                case "max-suffixes":
                    guard words.count == 2, let v = Int(words[1]), v > 0 else { throw .malformed(location, "expected 'max-suffixes N'") }
                    maximumSuffixes = v
                default:
                    throw .malformed(location, "unknown setting '\(words.first ?? "")'")
                }
            case "[endings]":
                endings += words.map { $0.lowercased() }
            case "[equivalences]":
                guard words.count == 2, let a = words[0].unicodeScalars.first, let b = words[1].unicodeScalars.first,
                      words[0].unicodeScalars.count == 1, words[1].unicodeScalars.count == 1 else {
                    throw .malformed(location, "an equivalence is two single letters: 'ё е'")
                }
                equivalences[a] = b
                if let au = a.properties.uppercaseMapping.unicodeScalars.first, let bu = b.properties.uppercaseMapping.unicodeScalars.first {
                    equivalences[au] = bu
                }
            case "[alternations]":
                guard words.count == 2, words[0].count == 1, words[1].count == 1 else {
                    throw .malformed(location, "an alternation is two single letters, softened then hard: 'ğ k'")
                }
                alternations[Character(words[0].lowercased()), default: []].append(Character(words[1].lowercased()))
            default:
                throw .malformed(location, "unknown section '\(section)'; expected [endings], [equivalences] or [alternations]")
            }
        }
        endings = Array(Set(endings)).sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
    }

    /// Reads `Locales/<language>/inflection.txt`; no file means no inflection.
    public static func load(language: String, localesPath: String) throws(GlossaryError) -> Inflection {
        let primary = language.lowercased().split(separator: "-").first.map(String.init) ?? language
        let path = "\(localesPath)/\(primary)/inflection.txt"
        guard let data = FileManager.default.contents(atPath: path) else { return Inflection() }
        return try Inflection(parsing: String(decoding: data, as: UTF8.self), file: path)
    }

    /// The stem of a folded word: the longest listed ending removed, keeping `minimumStem` letters.
    public func stem(_ word: String) -> String {
        guard mode == .strip, !endings.isEmpty else { return word }
        var w = word
        return w.withUTF8 { buf -> String in
            for e in endings {
                let n = e.utf8.count
                guard buf.count > n else { continue }
                var same = true
                var k = 0
                for b in e.utf8 {
                    if buf[buf.count - n + k] != b { same = false; break }
                    k += 1
                }
                guard same else { continue }
                let stem = UnsafeBufferPointer(rebasing: buf[0..<(buf.count - n)])
                // Letters in the stem: bytes that do not continue a UTF-8 sequence.
                let letters = stem.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                if letters >= minimumStem { return String(decoding: stem, as: UTF8.self) }
            }
            return word
        }
    }

    /// The length in bytes of the stem of a folded UTF-8 word (the whole word outside strip mode).
    public func stemLength(_ buf: UnsafeBufferPointer<UInt8>) -> Int {
        guard mode == .strip else { return buf.count }
        for e in endings {
            let n = e.utf8.count
            guard buf.count > n else { continue }
            var same = true
            var k = buf.count - n
            for b in e.utf8 {
                if buf[k] != b { same = false; break }
                k += 1
            }
            guard same else { continue }
            var letters = 0
            for i in 0..<(buf.count - n) where buf[i] & 0xC0 != 0x80 { letters += 1 }
            if letters >= minimumStem { return buf.count - n }
        }
        return buf.count
    }

    /// Whether `rest` (after a term word, folded) is a chain of one to `maximumSuffixes` endings,
    /// optionally after an apostrophe.
    public func isSuffixChain(_ rest: Substring) -> Bool {
        guard mode == .attach, !rest.isEmpty else { return false }
        var r = rest
        if r.first == "'" { r = r.dropFirst() }
        return chain(r, depth: 0)
    }

    private func chain(_ r: Substring, depth: Int) -> Bool {
        if r.isEmpty { return depth > 0 }
        guard depth < maximumSuffixes else { return false }
        for e in endings where r.hasPrefix(e) {
            if chain(r.dropFirst(e.count), depth: depth + 1) { return true }
        }
        return false
    }
}
