import BitextXML
import Foundation

extension TMX {
    /// Parses the `tu`s of a large mapped TMX file on several threads and hands them out in file order.
    ///
    /// The body is cut into stretches about `chunkBytes` long, each ending just before a `<tu` start tag. A cut found
    /// by looking at bytes could fall inside a comment or a CDATA section; such a stretch then fails to parse as
    /// whole units, and reading stops there: `resumeOffset` is the start of the first stretch not delivered, which
    /// the stretch before ended at without error, so the caller continues in order from there and gets exactly
    /// the units, or the error, that reading from the start would give. Memory stays bounded: at most
    /// `2 × workers` stretches are parsed ahead, and the mapped pages behind them are handed back.
    final class ParallelUnits: @unchecked Sendable {
        typealias Parsed = (TranslationUnit, Bool)

        static let defaultChunkBytes = 1 << 20
        /// Files smaller than this are read in order.
        static let minimumBytes = 8 << 20
        static var defaultWorkers: Int { max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)) }

        enum Outcome {
            case units([Parsed])
            case failed
        }

        private let context: XMLFragmentContext
        private let chunkBytes: Int
        private let maxAhead: Int
        private let reader: UnitReader
        private let condition = NSCondition()
        /// Lets at most `workers` stretches be parsed at the same time.
        private let gate: DispatchSemaphore
        /// Parsed stretches by index, filled by the workers (guarded by `condition`).
        private var outcomes: [Int: Outcome] = [:]
        /// The start offset of every stretch scheduled so far, and of the one after the last.
        private var starts: [Int]
        private var scheduled = 0
        private var delivered = 0
        private var exhausted = false
        private var finished = false
        /// The stretch being handed out, last unit first.
        private var batch: [Parsed] = []
        private var releasedUpTo: Int
        /// Where reading in order continues once `next()` has returned nil.
        private(set) var resumeOffset: Int

        /// - Parameters:
        ///   - context: The parser's state between two units inside `<body>`.
        ///   - start: The byte offset where that is.
        ///   - chunkBytes: The approximate length of a stretch.
        ///   - workers: How many stretches are parsed at the same time (twice as many are cut ahead).
        ///   - reader: Reads one unit; each stretch gets a copy.
        init(context: XMLFragmentContext, start: Int, chunkBytes: Int, workers: Int, reader: UnitReader) {
            self.context = context
            self.chunkBytes = max(1, chunkBytes)
            maxAhead = max(2, 2 * workers)
            gate = DispatchSemaphore(value: max(1, workers))
            self.reader = reader
            starts = [start]
            releasedUpTo = start
            resumeOffset = start
        }

        /// The next unit and whether it has its id, or nil when reading in order must take over at `resumeOffset`.
        func next() -> Parsed? {
            while true {
                if let parsed = batch.popLast() { return parsed }
                if finished { return nil }
                schedule()
                if delivered == scheduled {
                    return finish(at: starts[delivered])
                }
                condition.lock()
                while outcomes[delivered] == nil { condition.wait() }
                let outcome = outcomes.removeValue(forKey: delivered)!
                condition.unlock()
                switch outcome {
                case .units(let units):
                    batch = units
                    delivered += 1
                    if starts[delivered] - releasedUpTo >= 8 << 20 {
                        context.releasePages(from: releasedUpTo, upTo: starts[delivered])
                        releasedUpTo = starts[delivered]
                    }
                case .failed:
                    return finish(at: starts[delivered])
                }
            }
        }

        private func finish(at offset: Int) -> Parsed? {
            finished = true
            batch = []
            resumeOffset = offset
            return nil
        }

        /// Cuts and starts stretches until enough are being parsed ahead or the rest of the file is too short to cut.
        private func schedule() {
            while !exhausted && scheduled - delivered < maxAhead {
                let start = starts[scheduled]
                guard let cut = Self.unitStart(in: context.bytes, from: start + chunkBytes) else {
                    exhausted = true
                    return
                }
                starts.append(cut)
                let index = scheduled
                scheduled += 1
                DispatchQueue.global().async { [self] in
                    gate.wait()
                    let outcome = parse(start..<cut)
                    gate.signal()
                    condition.lock()
                    outcomes[index] = outcome
                    condition.broadcast()
                    condition.unlock()
                }
            }
        }

        /// Parses one stretch as a run of whole `tu` elements at the depth of `<body>`.
        private func parse(_ range: Range<Int>) -> Outcome {
            let xml = XMLSource(fragment: context, range: range)
            var reader = reader
            var units: [Parsed] = []
            units.reserveCapacity(range.count / 256)
            do {
                while !xml.isAtEndOfInput {
                    guard let token = try xml.nextMarkupToken() else { return .failed }
                    switch token {
                    case .startElement:
                        if xml.isLocalName("tu") {
                            units.append(try reader.readUnit(xml, number: nil))
                        } else if xml.isLocalName("tmx") || xml.isLocalName("body") || xml.isLocalName("header") {
                            return .failed  // reading in order gives these their meaning
                        } else {
                            try xml.skipElement()
                        }
                    case .endElement:
                        return .failed  // it would close `<body>`: not a stretch of units
                    default:
                        continue
                    }
                }
            } catch {
                return .failed
            }
            guard xml.depth == context.depth else { return .failed }
            units.reverse()  // handed out with popLast()
            return .units(units)
        }

        /// The offset of the first `<tu` followed by whitespace or `>` at or after `from`, or nil.
        static func unitStart(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
            guard let base = bytes.baseAddress else { return nil }
            let count = bytes.count
            var i = from
            while i + 3 < count {
                guard let found = memchr(base + i, Int32(UInt8(ascii: "<")), count - i - 3) else { return nil }
                let k = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                if base[k + 1] == UInt8(ascii: "t") && base[k + 2] == UInt8(ascii: "u") {
                    let next = base[k + 3]
                    if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == UInt8(ascii: ">") {
                        return k
                    }
                }
                i = k + 1
            }
            return nil
        }
    }
}
