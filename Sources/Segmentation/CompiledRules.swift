import BitextCore
import BitextICU

/// SRX rules compiled to ICU regular expressions for evaluation at candidate positions.
///
/// Consecutive rules whose before-break pattern has a bounded length are joined into one
/// expression `(?<=B1)(?=A1)()|(?<=B2)(?=A2)()|…`: a single `lookingAt` at a position tries
/// them in order, and the empty marker group tells which rule matched. Rules with an
/// unbounded before-break pattern are evaluated one by one with an anchored search.
final class CompiledRules {
    enum Evaluator {
        case joined(RegularExpression, markers: [(group: Int, rule: Int)])
        case single(before: RegularExpression?, after: RegularExpression?, rule: Int)
    }

    let rules: [SRXDocument.Rule]
    let evaluators: [Evaluator]
    /// Finds positions where break rules apply, for candidates ICU did not propose: the end of
    /// each match of `B(?=A)`. Write a before-break pattern that starts with a specific character
    /// (`\.(?<=\p{L}\.)` rather than `\p{L}\.`): ICU then skips quickly to where it can match.
    let breakScan: RegularExpression?
    /// Break rules with an empty before-break pattern: the start of each match of `A`.
    let breakScanAfterOnly: RegularExpression?
    /// How far back an unbounded before-break pattern may look, in UTF-16 units.
    static let unboundedLookBehind = 256

    init(_ rules: [SRXDocument.Rule]) throws(SegmentationError) {
        self.rules = rules
        var evaluators: [Evaluator] = []
        var pieces: [String] = []
        var markers: [(Int, Int)] = []
        var groups = 0
        func flush() throws(SegmentationError) {
            guard !pieces.isEmpty else { return }
            let pattern = pieces.joined(separator: "|")
            do {
                evaluators.append(.joined(try RegularExpression(pattern), markers: markers))
            } catch {
                throw .badLocaleData(SourceLocation(file: "segmentation.srx"), "cannot join rules: \(error)")
            }
            pieces = []; markers = []; groups = 0
        }
        var scanPieces: [String] = [], afterOnlyPieces: [String] = []
        for (index, rule) in rules.enumerated() {
            let beforeGroups: Int, afterGroups: Int
            do {
                beforeGroups = rule.before.isEmpty ? 0 : try RegularExpression("(?:\(rule.before))").groupCount
                afterGroups = rule.after.isEmpty ? 0 : try RegularExpression("(?:\(rule.after))").groupCount
            } catch {
                throw .badLocaleData(SourceLocation(file: rule.origin), "bad regular expression: \(error)")
            }
            let lookBehind = rule.before.isEmpty ? "" : "(?<=\(rule.before))"
            let lookAhead = rule.after.isEmpty ? "" : "(?=\(rule.after))"
            var bounded = true
            if !lookBehind.isEmpty {
                do { _ = try RegularExpression(lookBehind) } catch { bounded = false }
            }
            if bounded {
                groups += beforeGroups + afterGroups
                groups += 1
                pieces.append("(?:\(lookBehind)\(lookAhead)())")
                markers.append((groups, index))
            } else {
                try flush()
                do {
                    let before = try RegularExpression("(?:\(rule.before))\\z")
                    let after = rule.after.isEmpty ? nil : try RegularExpression("(?:\(rule.after))")
                    evaluators.append(.single(before: before, after: after, rule: index))
                } catch {
                    throw .badLocaleData(SourceLocation(file: rule.origin), "bad regular expression: \(error)")
                }
            }
            if rule.isBreak && rule.before.isEmpty {
                afterOnlyPieces.append("(?:\(rule.after))")
            } else if rule.isBreak {
                scanPieces.append("(?:\(rule.before))\(lookAhead)")
            }
        }
        try flush()
        self.evaluators = evaluators
        func joined(_ pieces: [String]) throws(SegmentationError) -> RegularExpression? {
            guard !pieces.isEmpty else { return nil }
            do { return try RegularExpression(pieces.joined(separator: "|")) } catch {
                throw .badLocaleData(SourceLocation(file: "segmentation.srx"), "cannot join break rules: \(error)")
            }
        }
        breakScan = try joined(scanPieces)
        breakScanAfterOnly = try joined(afterOnlyPieces.filter { !$0.isEmpty && $0 != "(?:)" })
    }

    /// Points every expression at the paragraph buffer.
    func attach(_ buffer: UTF16Buffer) {
        for e in evaluators {
            switch e {
            case let .joined(regex, _): regex.attach(buffer)
            case let .single(before, after, _): before?.attach(buffer); after?.attach(buffer)
            }
        }
        breakScan?.attach(buffer)
        breakScanAfterOnly?.attach(buffer)
    }

    /// The index of the first rule that matches at `position`, or nil.
    func firstMatch(at position: Int) -> Int? {
        for e in evaluators {
            switch e {
            case let .joined(regex, markers):
                guard regex.matches(at: position) else { continue }
                for (group, rule) in markers where regex.start(ofGroup: group) != nil { return rule }
            case let .single(before, after, rule):
                if let after, !after.matches(at: position) { continue }
                if let before,
                   before.firstMatch(in: max(0, position - Self.unboundedLookBehind)..<position,
                                     transparent: true, anchoring: true) == nil { continue }
                return rule
            }
        }
        return nil
    }
}
