import BitextXML
import Foundation

/// When and how readers of large files use `ParallelUnits`.
enum ParallelReading {
    /// Stretches are cut about this many bytes apart.
    static let defaultChunkBytes = 1 << 20
    /// Files smaller than this are read in order.
    static let minimumBytes = 8 << 20
    /// One worker per processor, at most 4.
    static var defaultWorkers: Int { max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)) }
}

/// A reader that reads large files on several threads.
protocol ReadsInParallel: AnyObject {
    associatedtype Stretch: StretchUnitReader
    /// When it reads ahead, and the knobs tests turn.
    var parallelReading: ParallelReading.Switch<Stretch> { get }
}

extension ParallelReading {
    /// Decides when a reader's units are read ahead on several threads, and hands them out: between two units at
    /// depth 2, inside the container, once the reader can give a `StretchUnitReader`; again behind a stretch that
    /// did not parse; never in a file that is not mapped or is small.
    final class Switch<Reader: StretchUnitReader> {
        /// Stretches are cut about this many bytes apart (tests make them small).
        var chunkBytes = ParallelReading.defaultChunkBytes
        /// Files smaller than this are read in order.
        var minimumBytes = ParallelReading.minimumBytes
        /// How many units came from the workers (for tests).
        private(set) var unitsRead = 0
        private let workers: Int
        private var running: ParallelUnits<Reader>?
        /// Reading ahead may start from this offset on; nil when it may not.
        private var from: Int?

        /// - Parameter workers: Threads; nil for one per processor (at most 4), 1 to read in order.
        init(workers: Int?) {
            self.workers = workers ?? ParallelReading.defaultWorkers
            from = self.workers > 1 ? 0 : nil
        }

        /// The next unit read ahead and whether it has its id, or nil, and then `xml` is where reading in order
        /// goes on.
        /// - Parameters:
        ///   - xml: The reader's parser, between two tokens.
        ///   - container: The element whose units are read ahead (`body`, `file`).
        ///   - reader: Reads one unit, or nil while the reader cannot read ahead yet.
        func next(_ xml: XMLSource, container: String, reader: () -> Reader?) -> (TranslationUnit, Bool)? {
            if let running {
                if let parsed = running.next() {
                    unitsRead += 1
                    return parsed
                }
                xml.resume(at: running.resumeOffset)
                from = running.retryOffset
                self.running = nil
                return nil
            }
            guard let start = from, xml.depth == 2, xml.inputOffset >= start, let reader = reader() else { return nil }
            guard let context = xml.fragmentContext(), context.bytes.count >= minimumBytes,
                  context.innermostLocalName == container else {
                from = nil
                return nil
            }
            running = ParallelUnits(context: context, start: xml.inputOffset, line: xml.line(at: xml.inputOffset),
                                    chunkBytes: chunkBytes, workers: workers, reader: reader)
            return next(xml, container: container, reader: { nil })
        }
    }
}

/// Reads one unit element whose start tag was just read; what reading in order and the parallel workers share.
protocol StretchUnitReader: Sendable {
    /// The element that holds a unit (`tu`, `unit`).
    static var unitElement: StaticString { get }
    /// Elements between units that reading in order passes into and out of as if they were not there (`group`).
    static var transparentElements: [StaticString] { get }
    /// Elements whose start, between units, only reading in order can interpret (`body`, `file`).
    static var structuralElements: [StaticString] { get }
    /// Where to cut, in order of preference: a stretch ends before the first of these start tags found within a
    /// stretch's length, or else before the next unit.
    static var cutElements: [StaticString] { get }
    /// Reads the unit; returns it and whether it has its id (false when reading in order must number it).
    mutating func readUnit(_ xml: XMLSource) throws(ExchangeError) -> (TranslationUnit, Bool)
    /// A transparent element (`group`) starts: what it says may apply to the units inside.
    mutating func enterTransparent(_ xml: XMLSource)
    /// The innermost transparent element ends.
    mutating func leaveTransparent()
}

extension StretchUnitReader {
    mutating func enterTransparent(_ xml: XMLSource) {}
    mutating func leaveTransparent() {}
}

/// Parses the units of a large mapped XML file on several threads and hands them out in file order.
///
/// The units' container is cut into stretches about `chunkBytes` long, each ending just before a unit's start tag
/// (`<tu`, `<unit`). A cut found by looking at bytes could fall inside a comment or a CDATA section, or a stretch
/// could close the container; such a stretch fails to parse as whole units, and reading stops there: `resumeOffset` is the start of the first
/// stretch not delivered, which the stretch before ended at without error, so the caller continues in order from
/// there and gets exactly the units, or the error, that reading from the start would give. Memory stays bounded:
/// at most `2 × workers` stretches are parsed ahead, and the mapped pages behind them are handed back.
final class ParallelUnits<Reader: StretchUnitReader>: @unchecked Sendable {
    typealias Parsed = (TranslationUnit, Bool)

    enum Outcome {
        /// The units, and the number of line breaks in the stretch.
        case units([Parsed], lineBreaks: Int)
        case failed
    }

    private let context: XMLFragmentContext
    private let chunkBytes: Int
    private let maxAhead: Int
    private let reader: Reader
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
    /// The line where the next stretch to deliver starts: units' lines, counted from their stretch's start, are
    /// moved by it.
    private var lineBase: Int
    /// Where reading in order continues once `next()` has returned nil.
    private(set) var resumeOffset: Int
    /// When a stretch failed to parse: where it ends, after which reading on several threads may start again; nil
    /// when the stretches ran out (the rest of the file is shorter than one).
    private(set) var retryOffset: Int?

    /// - Parameters:
    ///   - context: The parser's state between two units inside their container (`<body>`, `<file>`).
    ///   - start: The byte offset where that is.
    ///   - chunkBytes: The approximate length of a stretch.
    ///   - workers: How many stretches are parsed at the same time (twice as many are cut ahead).
    ///   - reader: Reads one unit; each stretch gets a copy.
    ///   - line: The line at `start`.
    init(context: XMLFragmentContext, start: Int, line: Int, chunkBytes: Int, workers: Int, reader: Reader) {
        lineBase = line
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
            case let .units(units, lineBreaks):
                let shift = lineBase - 1
                batch = shift == 0 ? units : units.map { parsed in
                    var (unit, hasID) = parsed
                    unit.line = unit.line.map { $0 + shift }
                    return (unit, hasID)
                }
                lineBase += lineBreaks
                delivered += 1
                if starts[delivered] - releasedUpTo >= 8 << 20 {
                    context.releasePages(from: releasedUpTo, upTo: starts[delivered])
                    releasedUpTo = starts[delivered]
                }
            case .failed:
                retryOffset = starts[delivered + 1]
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
            guard let cut = cutOffset(after: start + chunkBytes) else {
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

    /// The first start tag of a preferred element within a stretch's length from `from`, else the next unit's.
    private func cutOffset(after from: Int) -> Int? {
        for element in Reader.cutElements {
            if let cut = unitStart(in: context.bytes, element: element, from: from, limit: from + chunkBytes) {
                return cut
            }
        }
        return unitStart(in: context.bytes, element: Reader.unitElement, from: from)
    }

    /// Parses one stretch as a run of whole units at the depth of their container.
    private func parse(_ range: Range<Int>) -> Outcome {
        let xml = XMLSource(fragment: context, range: range)
        var reader = reader
        var units: [Parsed] = []
        units.reserveCapacity(range.count / 256)
        var transparent = 0
        do {
            while !xml.isAtEndOfInput {
                guard let token = try xml.nextMarkupToken() else { return .failed }
                switch token {
                case .startElement:
                    if xml.isLocalName(Reader.unitElement) {
                        units.append(try reader.readUnit(xml))
                    } else if Reader.transparentElements.contains(where: { xml.isLocalName($0) }) {
                        transparent += 1
                        reader.enterTransparent(xml)
                    } else if Reader.structuralElements.contains(where: { xml.isLocalName($0) }) {
                        return .failed  // reading in order gives these their meaning
                    } else {
                        try xml.skipElement()
                    }
                case .endElement:
                    // The end of a transparent element opened in this stretch; anything else would close the
                    // container, so this is not a stretch of units.
                    guard transparent > 0 else { return .failed }
                    transparent -= 1
                    reader.leaveTransparent()
                default:
                    continue
                }
            }
        } catch {
            return .failed
        }
        guard xml.depth == context.depth else { return .failed }
        units.reverse()  // handed out with popLast()
        return .units(units, lineBreaks: xml.line(at: range.upperBound) - 1)
    }
}

/// The offset of the first `<` + `element` followed by whitespace or `>` at or after `from` (and before `limit`),
/// or nil.
func unitStart(in bytes: UnsafeBufferPointer<UInt8>, element: StaticString, from: Int, limit: Int = .max) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let name = element.utf8Start
    let length = element.utf8CodeUnitCount
    let count = limit == .max ? bytes.count : min(bytes.count, limit + length + 2)
    var i = from
    while i + length + 1 < count {
        guard let found = memchr(base + i, Int32(UInt8(ascii: "<")), count - i - length - 1) else { return nil }
        let k = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
        if memcmp(base + k + 1, name, length) == 0 {
            let next = base[k + 1 + length]
            if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == UInt8(ascii: ">") {
                return k
            }
        }
        i = k + 1
    }
    return nil
}
