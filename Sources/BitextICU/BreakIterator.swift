@_implementationOnly import CICU

/// An ICU break iterator over a `UTF16Buffer`.
///
/// Owns the ICU handle and keeps the buffer it reads alive.
public final class BreakIterator {
    /// The kind of boundaries to find.
    public enum Kind: Sendable {
        case character, word, line, sentence
    }

    /// What a word-break boundary closes, from ICU's rule status.
    public enum WordStatus: Sendable, Equatable {
        /// Spaces, punctuation and symbols.
        case none
        case number
        case letter
        case kana
        case ideographic
    }

    private let handle: OpaquePointer
    public let kind: Kind
    public let locale: String
    private var buffer: UTF16Buffer?
    private var attachedGeneration: UInt64 = .max

    /// Opens a break iterator.
    /// - Parameters:
    ///   - kind: character, word, line or sentence boundaries.
    ///   - locale: an ICU locale id such as `en`, `tr` or `en@ss=standard`.
    /// - Throws: `ICUError` when ICU cannot open the iterator.
    public init(_ kind: Kind, locale: String) throws(ICUError) {
        let type: UBreakIteratorType
        switch kind {
        case .character: type = UBRK_CHARACTER
        case .word: type = UBRK_WORD
        case .line: type = UBRK_LINE
        case .sentence: type = UBRK_SENTENCE
        }
        var status = U_ZERO_ERROR
        let h = bx_ubrk_open(type, locale, &status)
        guard let h, bx_success(status) != 0 else {
            if let h { bx_ubrk_close(h) }
            throw ICUError(status, "opening \(kind) break iterator for '\(locale)'")
        }
        handle = h
        self.kind = kind
        self.locale = locale
    }

    deinit { bx_ubrk_close(handle) }

    /// Points the iterator at `buffer`, or re-attaches after the buffer changed.
    public func attach(_ buffer: UTF16Buffer) {
        if self.buffer === buffer && attachedGeneration == buffer.generation { return }
        self.buffer = buffer
        var status = U_ZERO_ERROR
        bx_ubrk_setText(handle, buffer.base, Int32(buffer.count), &status)
        // ubrk_setText fails only for absurd lengths, which UTF16Buffer cannot hold.
        precondition(bx_success(status) != 0, "ubrk_setText failed: \(ICUError(status, "setText"))")
        attachedGeneration = buffer.generation
    }

    private func ensureAttached() {
        guard let buffer else { preconditionFailure("BreakIterator used before attach(_:)") }
        if attachedGeneration != buffer.generation { attach(buffer) }
    }

    /// Moves to the first boundary (always 0) and returns it.
    @discardableResult
    public func first() -> Int {
        ensureAttached()
        return Int(bx_ubrk_first(handle))
    }

    /// The next boundary in UTF-16 units, or nil at the end. After the buffer changed, iteration
    /// starts again from the beginning of the new text.
    public func next() -> Int? {
        ensureAttached()
        let b = bx_ubrk_next(handle)
        return b == bx_ubrk_done() ? nil : Int(b)
    }

    /// The first boundary after `offset`, or nil.
    public func following(_ offset: Int) -> Int? {
        ensureAttached()
        let b = bx_ubrk_following(handle, Int32(offset))
        return b == bx_ubrk_done() ? nil : Int(b)
    }

    /// The last boundary before `offset`, or nil.
    public func preceding(_ offset: Int) -> Int? {
        ensureAttached()
        let b = bx_ubrk_preceding(handle, Int32(offset))
        return b == bx_ubrk_done() ? nil : Int(b)
    }

    /// ICU's rule status of the boundary last returned.
    public var ruleStatus: Int { Int(bx_ubrk_getRuleStatus(handle)) }

    /// For word iterators: what kind of token the boundary last returned closes.
    public var wordStatus: WordStatus {
        // UBRK_WORD_NONE 0..<100, NUMBER 100..<200, LETTER 200..<300, KANA 300..<400, IDEO 400..<500.
        switch ruleStatus {
        case 100..<200: return .number
        case 200..<300: return .letter
        case 300..<400: return .kana
        case 400..<500: return .ideographic
        default: return .none
        }
    }

    /// All boundaries of the attached text, starting with 0.
    public func boundaries() -> [Int] {
        var result = [first()]
        while let b = next() { result.append(b) }
        return result
    }
}

extension BreakIterator {
    /// A word token found by a word break iterator.
    public struct Token: Sendable, Equatable {
        /// UTF-16 range in the text.
        public var range: Range<Int>
        public var status: WordStatus
    }

    /// The word tokens of the attached text, with their rule status; spaces and punctuation are included with status `.none`.
    public func tokens() -> [Token] {
        var result: [Token] = []
        var start = first()
        while let end = next() {
            result.append(Token(range: start..<end, status: wordStatus))
            start = end
        }
        return result
    }
}
