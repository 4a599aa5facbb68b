@_implementationOnly import CICU
#if canImport(Glibc)
import Glibc
#endif

/// A compiled ICU regular expression that matches against a `UTF16Buffer`.
///
/// Owns the ICU handle and keeps the buffer it reads alive. Not thread-safe: give each
/// thread its own copy (`copy()`).
public final class RegularExpression {
    /// Compile options.
    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let caseInsensitive = Options(rawValue: 1 << 0)
        public static let dotMatchesLineSeparators = Options(rawValue: 1 << 1)
        public static let anchorsMatchLines = Options(rawValue: 1 << 2)
        public static let unicodeWordBoundaries = Options(rawValue: 1 << 3)
        public static let allowCommentsAndWhitespace = Options(rawValue: 1 << 4)
    }

    private let handle: OpaquePointer
    public let pattern: String
    public let options: Options
    private var buffer: UTF16Buffer?
    private var attachedGeneration: UInt64 = .max
    /// Where the pattern comes from (a rule in a file), for the one warning given when it runs past its limits.
    public var label: String?
    /// Whether a match ran past ICU's time or stack limit; from then on the expression matches nothing.
    public private(set) var limitExceeded = false

    /// ICU's match-time limit per call, in steps of its match engine (each on the order of a
    /// millisecond): far above any sane pattern on any sane text, and a bound on a catastrophic one.
    public static let timeLimit: Int32 = 200
    /// The backtracking stack allowed per match.
    public static let stackLimit: Int32 = 1 << 20

    /// Compiles `pattern`.
    /// - Throws: `ICUError` whose detail gives the line and offset of a syntax error.
    public init(_ pattern: String, options: Options = []) throws(ICUError) {
        var flags: UInt32 = 0
        if options.contains(.caseInsensitive) { flags |= bx_regexCaseInsensitive() }
        if options.contains(.dotMatchesLineSeparators) { flags |= bx_regexDotAll() }
        if options.contains(.anchorsMatchLines) { flags |= bx_regexMultiline() }
        if options.contains(.unicodeWordBoundaries) { flags |= bx_regexUWord() }
        if options.contains(.allowCommentsAndWhitespace) { flags |= bx_regexComments() }
        let units = Array(pattern.utf16)
        var status = U_ZERO_ERROR
        var parseError = UParseError()
        let h = units.withUnsafeBufferPointer {
            bx_uregex_open($0.baseAddress, Int32($0.count), flags, &parseError, &status)
        }
        guard let h, bx_success(status) != 0 else {
            if let h { bx_uregex_close(h) }
            throw ICUError(status, "compiling regular expression /\(pattern)/",
                           detail: "at offset \(parseError.offset)")
        }
        bx_uregex_setLimits(h, Self.timeLimit, Self.stackLimit, &status)
        handle = h
        self.pattern = pattern
        self.options = options
    }

    /// Records a call that ran past the limits (once per expression: a warning on standard error).
    /// Returns true when the expression may run: no limit has been exceeded.
    @inline(__always)
    private func check(_ status: UErrorCode) -> Bool {
        guard bx_regex_limit_exceeded(status) != 0 else { return true }
        if !limitExceeded {
            limitExceeded = true
            let what = status == U_REGEX_TIME_OUT ? "time" : "backtracking stack"
            let message = "bitext: warning: \(label.map { $0 + ": " } ?? "")the regular expression /\(pattern.prefix(200))/ ran past ICU's \(what) limit; it is treated as not matching from here on\n"
            var bytes = Array(message.utf8)
            _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
        }
        return false
    }

    deinit { bx_uregex_close(handle) }

    /// A fresh, independent copy of this expression.
    public func copy() throws(ICUError) -> RegularExpression {
        let r = try RegularExpression(pattern, options: options)
        r.label = label
        return r
    }

    /// Number of capture groups.
    public var groupCount: Int {
        var status = U_ZERO_ERROR
        return Int(bx_uregex_groupCount(handle, &status))
    }

    /// Points the expression at `buffer`; ICU is handed the text on first use after a change.
    public func attach(_ buffer: UTF16Buffer) {
        if self.buffer === buffer { return }
        self.buffer = buffer
        attachedGeneration = .max
    }

    private func ensureAttached() {
        guard let buffer else { preconditionFailure("RegularExpression used before attach(_:)") }
        if attachedGeneration != buffer.generation {
            var status = U_ZERO_ERROR
            bx_uregex_setText(handle, buffer.base, Int32(buffer.count), &status)
            precondition(bx_success(status) != 0, "uregex_setText failed: \(ICUError(status, "setText"))")
            attachedGeneration = buffer.generation
        }
    }

    /// Whether the expression matches starting exactly at `offset`; look-behind may see text before it.
    public func matches(at offset: Int) -> Bool {
        guard offset >= 0, !limitExceeded else { return false }
        ensureAttached()
        var status = U_ZERO_ERROR
        let r = bx_uregex_lookingAt(handle, Int32(offset), &status)
        return check(status) && bx_success(status) != 0 && r != 0
    }

    /// Whether the whole of `range` matches, with `^` and `$` at its ends. With `transparent`,
    /// look-ahead and `\b` see outside the range; ICU's look-behind always does.
    public func matchesWhole(_ range: Range<Int>, transparent: Bool = true) -> Bool {
        guard !limitExceeded else { return false }
        ensureAttached()
        var status = U_ZERO_ERROR
        bx_uregex_setRegion(handle, Int32(range.lowerBound), Int32(range.upperBound), &status)
        bx_uregex_useTransparentBounds(handle, transparent ? 1 : 0, &status)
        bx_uregex_useAnchoringBounds(handle, 1, &status)
        let r = bx_uregex_matches(handle, -1, &status)
        return check(status) && bx_success(status) != 0 && r != 0
    }

    /// The first match inside `range`, or nil.
    /// - Parameters:
    ///   - transparent: look-around may see text outside the range.
    ///   - anchoring: `^`, `$` and `\z` match at the range's ends.
    public func firstMatch(in range: Range<Int>, transparent: Bool = true, anchoring: Bool = false) -> Range<Int>? {
        guard !limitExceeded else { return nil }
        ensureAttached()
        var status = U_ZERO_ERROR
        bx_uregex_setRegion(handle, Int32(range.lowerBound), Int32(range.upperBound), &status)
        bx_uregex_useTransparentBounds(handle, transparent ? 1 : 0, &status)
        bx_uregex_useAnchoringBounds(handle, anchoring ? 1 : 0, &status)
        let found = bx_uregex_findNext(handle, &status)
        guard check(status), found != 0, bx_success(status) != 0 else { return nil }
        return Int(bx_uregex_start(handle, 0, &status))..<Int(bx_uregex_end(handle, 0, &status))
    }

    /// Start of the last match of `group`, or nil when the group did not take part.
    public func start(ofGroup group: Int = 0) -> Int? {
        var status = U_ZERO_ERROR
        let s = bx_uregex_start(handle, Int32(group), &status)
        return bx_success(status) != 0 && s >= 0 ? Int(s) : nil
    }

    /// End of the last match of `group`, or nil when the group did not take part.
    public func end(ofGroup group: Int = 0) -> Int? {
        var status = U_ZERO_ERROR
        let e = bx_uregex_end(handle, Int32(group), &status)
        return bx_success(status) != 0 && e >= 0 ? Int(e) : nil
    }

    /// All non-overlapping matches in the attached text, as UTF-16 ranges.
    public func allMatches(in range: Range<Int>? = nil) -> [Range<Int>] {
        guard !limitExceeded else { return [] }
        ensureAttached()
        var status = U_ZERO_ERROR
        let r = range ?? 0..<(buffer?.count ?? 0)
        bx_uregex_setRegion(handle, Int32(r.lowerBound), Int32(r.upperBound), &status)
        bx_uregex_useTransparentBounds(handle, 1, &status)
        bx_uregex_useAnchoringBounds(handle, 0, &status)
        var result: [Range<Int>] = []
        while true {
            let found = bx_uregex_findNext(handle, &status)
            guard check(status), found != 0, bx_success(status) != 0 else { break }
            let s = Int(bx_uregex_start(handle, 0, &status)), e = Int(bx_uregex_end(handle, 0, &status))
            result.append(s..<e)
        }
        return result
    }

    /// Calls `body` with each match's group ranges (nil for groups that did not take part).
    public func forEachMatch(in range: Range<Int>, _ body: (RegularExpression) -> Void) {
        guard !limitExceeded else { return }
        ensureAttached()
        var status = U_ZERO_ERROR
        bx_uregex_setRegion(handle, Int32(range.lowerBound), Int32(range.upperBound), &status)
        bx_uregex_useTransparentBounds(handle, 1, &status)
        bx_uregex_useAnchoringBounds(handle, 0, &status)
        while true {
            let found = bx_uregex_findNext(handle, &status)
            guard check(status), found != 0, bx_success(status) != 0 else { break }
            body(self)
        }
    }
}

extension RegularExpression {
    /// Whether `pattern` matches the whole of `text` (convenience for one-off checks).
    public static func wholeMatch(_ pattern: RegularExpression, _ text: String) -> Bool {
        let buffer = UTF16Buffer(text)
        pattern.attach(buffer)
        return pattern.matchesWhole(0..<buffer.count, transparent: false)
    }
}
