#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BitextCore
import BitextICU

/// SRX rules compiled to ICU regular expressions, each with a prefilter.
///
/// At a candidate position a rule is tried as `(?=A)(?<=B)` with one `lookingAt`, but only
/// when its prefilter allows (the characters around the position can start or end its
/// patterns). A rule whose before-break pattern has no bounded length (ICU look-behind
/// needs one) is tried as an anchored search for `B\z` over a window instead.
final class CompiledRules {
    final class Compiled {
        var index: Int
        var filter: RulePrefilter
        /// `(?=A)(?<=B)`, or nil for an unbounded before-break pattern.
        var lookaround: RegularExpression?
        /// `B\z` and `A`, for an unbounded before-break pattern.
        var before: RegularExpression?
        var after: RegularExpression?
        /// For break rules: `B(?=A)`, or `A` when B is empty; where ICU may propose no candidate.
        var scan: RegularExpression?
        var emptyBefore = false

        init(index: Int, filter: RulePrefilter) {
            self.index = index
            self.filter = filter
        }
    }

    let rules: [SRXDocument.Rule]
    let compiled: [Compiled]
    /// The prefilters of `compiled`, in the same order, as plain values.
    let filters: ContiguousArray<RawPrefilter>
    /// Break rules whose scan start can be told from one character, and the union of those characters.
    let scanRules: [Compiled]
    /// What the scan loop needs of each of `scanRules`, as plain values.
    struct ScanFilter {
        var first: RawPredicate
        var emptyBefore: Bool
        var beforeIsOneChar: Bool
        var filter: RawPrefilter
    }
    let scanFilters: ContiguousArray<ScanFilter>
    let scanStarts: CharPredicate?
    /// The ASCII characters any scan rule may start with.
    let asciiStarts: [UInt8]
    /// Break rules that need ICU's own search.
    let unfilteredScanRules: [Compiled]
    /// How far back an unbounded before-break pattern may look, in UTF-16 units.
    static let unboundedLookBehind = 256

    init(_ rules: [SRXDocument.Rule]) throws(SegmentationError) {
        self.rules = rules
        var compiled: [Compiled] = []
        for (index, rule) in rules.enumerated() {
            func regex(_ pattern: String) throws(SegmentationError) -> RegularExpression {
                do {
                    let r = try RegularExpression(pattern)
                    r.label = "\(rule.origin): rule \(index + 1) (before /\(rule.before.prefix(80))/, after /\(rule.after.prefix(80))/)"
                    return r
                } catch {
                    throw .badLocaleData(SourceLocation(file: rule.origin), "bad regular expression: \(error)")
                }
            }
            // Check each side on its own first, for a clear message.
            if !rule.before.isEmpty { _ = try regex("(?:\(rule.before))") }
            if !rule.after.isEmpty { _ = try regex("(?:\(rule.after))") }
            let lookAhead = rule.after.isEmpty ? "" : "(?=\(rule.after))"
            let c = Compiled(index: index, filter: RulePrefilter(before: rule.before, after: rule.after))
            c.emptyBefore = rule.before.isEmpty
            if rule.before.isEmpty {
                c.lookaround = try regex(lookAhead.isEmpty ? "(?:)" : lookAhead)
            } else if let r = try? RegularExpression("\(lookAhead)(?<=\(rule.before))") {
                r.label = "\(rule.origin): rule \(index + 1) (before /\(rule.before.prefix(80))/, after /\(rule.after.prefix(80))/)"
                c.lookaround = r
            } else {
                c.before = try regex("(?:\(rule.before))\\z")
                c.after = rule.after.isEmpty ? nil : try regex("(?:\(rule.after))")
            }
            if rule.isBreak {
                c.scan = try regex(rule.before.isEmpty ? "(?:\(rule.after))" : "(?:\(rule.before))\(lookAhead)")
            }
            compiled.append(c)
        }
        self.compiled = compiled
        filters = ContiguousArray(compiled.map { RawPrefilter($0.filter) })
        var scanRules: [Compiled] = [], unfiltered: [Compiled] = [], starts: [String] = []
        for c in compiled where c.scan != nil {
            let emptyBefore = rules[c.index].before.isEmpty
            if emptyBefore, let atoms = c.filter.firstOfAfterSources, c.filter.afterSpaces == nil {
                scanRules.append(c); starts += atoms
            } else if !emptyBefore, let atoms = c.filter.firstOfBeforeSources {
                scanRules.append(c); starts += atoms
            } else {
                unfiltered.append(c)
            }
        }
        self.scanRules = scanRules
        scanFilters = ContiguousArray(scanRules.map { c in
            ScanFilter(first: RawPredicate(c.emptyBefore ? c.filter.firstOfAfter! : c.filter.firstOfBefore!),
                       emptyBefore: c.emptyBefore, beforeIsOneChar: c.filter.beforeIsOneChar,
                       filter: RawPrefilter(c.filter))
        })
        unfilteredScanRules = unfiltered
        scanStarts = starts.isEmpty ? nil : CharPredicate(atoms: starts)
        asciiStarts = scanStarts.map { p in (0..<128).filter { p.contains(UInt16($0)) }.map { UInt8($0) } } ?? []
    }

    /// Points every expression at the paragraph buffer.
    func attach(_ buffer: UTF16Buffer) {
        for c in compiled {
            c.lookaround?.attach(buffer)
            c.before?.attach(buffer)
            c.after?.attach(buffer)
            c.scan?.attach(buffer)
        }
    }

    /// The index of the first rule that matches at `position`, or nil.
    func firstMatch(_ u: UnsafeBufferPointer<UInt16>, at position: Int) -> Int? {
        for k in filters.indices where filters[k].mayMatch(u, at: position) {
            let c = compiled[k]
            if let r = c.lookaround {
                if r.matches(at: position) { return c.index }
                continue
            }
            if let after = c.after, !after.matches(at: position) { continue }
            if let before = c.before,
               before.firstMatch(in: max(0, position - Self.unboundedLookBehind)..<position,
                                 transparent: true, anchoring: true) == nil { continue }
            return c.index
        }
        return nil
    }

    /// Positions where a break rule matches, found without ICU's candidates.
    /// - Parameter ascii: the paragraph's UTF-8 bytes when they are pure ASCII (then equal to the
    ///   UTF-16 units), so that start characters can be found with `memchr`.
    func breakPositions(_ u: UnsafeBufferPointer<UInt16>, _ count: Int, ascii: UnsafeBufferPointer<UInt8>?,
                        _ add: (Int) -> Void) {
        if let starts = scanStarts, let base = u.baseAddress {
            if let ascii, let bytes = ascii.baseAddress {
                for b in asciiStarts {
                    var from = 0
                    while from < count, let hit = memchr(bytes + from, Int32(b), count - from) {
                        let i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - bytes
                        visit(u, i, count, add)
                        from = i + 1
                    }
                }
            } else {
                let table = starts.table
                var i = 0
                while i < count {
                    // Skip quickly over characters no break rule can start with.
                    var known = table[Int(base[i])]
                    while known == 0 {
                        i += 1
                        if i == count { return scanUnfiltered(count, add) }
                        known = table[Int(base[i])]
                    }
                    if known == 1 || starts.resolve(u[i]) { visit(u, i, count, add) }
                    i += 1
                }
            }
        }
        scanUnfiltered(count, add)
    }

    /// Tries each scan rule that may start at `i`.
    @inline(__always)
    private func visit(_ u: UnsafeBufferPointer<UInt16>, _ i: Int, _ count: Int, _ add: (Int) -> Void) {
        for k in scanFilters.indices {
            let f = scanFilters[k]
            guard f.first.contains(u[i]) else { continue }
            if f.emptyBefore {
                if i > 0, scanRules[k].scan!.matches(at: i) { add(i) }
            } else if !f.beforeIsOneChar || f.filter.afterMayMatch(u, at: i + 1) {
                let scan = scanRules[k].scan!
                if scan.matches(at: i), let e = scan.end(ofGroup: 0), e > i, e < count { add(e) }
            }
        }
    }

    private func scanUnfiltered(_ count: Int, _ add: (Int) -> Void) {
        for c in unfilteredScanRules {
            let emptyBefore = rules[c.index].before.isEmpty
            c.scan!.forEachMatch(in: 0..<count) { m in
                let e = emptyBefore ? m.start(ofGroup: 0) : m.end(ofGroup: 0)
                if let e, e > 0, e < count { add(e) }
            }
        }
    }
}
