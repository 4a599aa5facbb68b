import BitextCore
import BitextICU

/// A sentence segmenter for one language: ICU's sentence iterator refined by the SRX rules,
/// abbreviation lists and line heuristics in `Locales/`.
///
/// Not thread-safe: it owns ICU handles and a reusable buffer. Make one per thread.
public final class Segmenter {
    public let rules: LanguageRules
    let iterator: BreakIterator
    let compiled: CompiledRules
    let boilerplate: RegularExpression?
    let buffer = UTF16Buffer(minimumCapacity: 1 << 16)
    /// UTF-8 offset (relative to the paragraph) of each UTF-16 unit, plus one past the end;
    /// not filled when the paragraph is pure ASCII, where the offset is the index.
    var utf8Offsets: [Int32] = []
    /// Whether the current paragraph is pure ASCII.
    var paragraphIsASCII = false
    /// Reused from paragraph to paragraph.
    var scratchCandidates: [Candidate] = []
    var scratchBreaks: [Int] = []
    /// Called with every candidate decision when set (for `--explain`).
    public var onDecision: ((Decision) -> Void)?

    /// Makes a segmenter for a BCP 47 language tag.
    /// - Throws: `SegmentationError` when the tag or the locale data is bad.
    public convenience init(language tag: String, locales: LocaleData) throws(SegmentationError) {
        try self.init(rules: LanguageRules(tag: tag, locales: locales))
    }

    /// Makes a segmenter from loaded rules.
    public init(rules: LanguageRules) throws(SegmentationError) {
        self.rules = rules
        do {
            iterator = try BreakIterator(.sentence, locale: rules.icuLocale)
        } catch {
            throw .badLocaleData(SourceLocation(file: "ICU"), "\(error)")
        }
        compiled = try CompiledRules(rules.srxRules)
        iterator.attach(buffer)
        compiled.attach(buffer)
        if rules.boilerplate.isEmpty {
            boilerplate = nil
        } else {
            let joined = "^\\s*(?:" + rules.boilerplate.map { "(?:\($0))" }.joined(separator: "|") + ")\\s*$"
            do { boilerplate = try RegularExpression(joined, options: [.caseInsensitive]) } catch {
                throw .badLocaleData(SourceLocation(file: "boilerplate.txt"), "\(error)")
            }
        }
    }

    /// Segments a whole text held in memory.
    public func segments(of text: String) -> [Segment] {
        var bytes = Array(text.utf8)
        var result: [Segment] = []
        bytes.withUnsafeMutableBufferPointer { buf in
            var reader = ParagraphSplitter()
            reader.feed(UnsafeBufferPointer(buf), base: 0, final: true) { p in
                self.segmentParagraph(p) { span in
                    let slice = UnsafeBufferPointer(rebasing: buf[span.range])
                    result.append(Segment(id: result.count + 1, text: String(decoding: slice, as: UTF8.self),
                                          range: span.range, paragraph: span.paragraph))
                }
            }
        }
        return result
    }

    /// Whether a trimmed line is web boilerplate by this language's list.
    public func isBoilerplate(_ line: String) -> Bool {
        guard let boilerplate else { return false }
        return RegularExpression.wholeMatch(boilerplate, line)
    }
}

/// A segment found in a paragraph: absolute UTF-8 byte range and paragraph index.
public struct SegmentSpan: Sendable, Equatable {
    public var range: Range<Int>
    public var paragraph: Int
}
