import BitextICU

/// Counts words as CAT tools do: ICU word-break tokens whose rule status says letters, numbers,
/// kana or ideographs (punctuation and spaces do not count).
public final class WordCounter {
    private let iterator: BreakIterator
    private let buffer = UTF16Buffer()

    /// - Throws: `ICUError` when ICU has no word rules for the locale.
    public init(language: String) throws(ICUError) {
        iterator = try BreakIterator(.word, locale: language)
    }

    /// The number of words in `text`.
    public func count(_ text: String) -> Int {
        guard !text.isEmpty else { return 0 }
        buffer.replace(with: text)
        iterator.attach(buffer)
        return iterator.tokens().reduce(0) { $0 + ($1.status == .none ? 0 : 1) }
    }
}
