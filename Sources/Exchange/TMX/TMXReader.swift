import BitextCore
import BitextXML
import Foundation

extension TMX {
    /// Reads TMX 1.1–1.4 as a stream of units: the `tuv` in the header's `srclang` is the source,
    /// the first other `tuv` the target. Language tags compare case-insensitively.
    ///
    /// A large file (a mapped file of `ParallelReading.minimumBytes` or more) is read on several threads once the
    /// target language is known: the `tu`s are cut into stretches that are parsed at the same time and delivered
    /// in order. A stretch that does not parse as whole units is read again in order, and reading ahead starts
    /// again behind it, so that units, ids and errors are exactly those of reading the file from start to end.
    public final class Reader: ExchangeReader, ReadsInParallel {
        private let xml: XMLSource
        private var done = false
        private var header: DocumentHeader?
        private var startedFile = false
        private var unitCount = 0
        private var units: UnitReader?
        /// The target language as given, or nil to take the first non-source language seen.
        private let givenTarget: String?
        let parallelReading: ParallelReading.Switch<UnitReader>

        /// - Parameters:
        ///   - path: The TMX file.
        ///   - targetLanguage: Which `tuv` is the target when a `tu` has several.
        ///   - workers: Threads for a large file; nil for one per processor (at most 4), 1 to read in order.
        public convenience init(path: String, targetLanguage: String? = nil, workers: Int? = nil) throws(ExchangeError) {
            try self.init(path: path, targetLanguage: targetLanguage, workers: workers, input: .automatic)
        }

        /// Tests map small files too, to read them on several threads.
        init(path: String, targetLanguage: String?, workers: Int?, input: XMLPullParser.FileInput) throws(ExchangeError) {
            xml = try XMLSource(path: path, input: input)
            givenTarget = targetLanguage
            parallelReading = ParallelReading.Switch(workers: workers)
        }

        public init(bytes: [UInt8], name: String = "<tmx>", targetLanguage: String? = nil) {
            xml = XMLSource(bytes: bytes, name: name)
            givenTarget = targetLanguage
            parallelReading = ParallelReading.Switch(workers: 1)
        }

        private var warningList = WarningList()
        public var warnings: [ExchangeWarning] { warningList.all }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            if header != nil && !startedFile {
                startedFile = true
                return .startFile(FileInfo(id: "f1"))
            }
            // Units are read ahead once the target language is known (it decides which tuv is the target).
            if let (unit, hasID) = parallelReading.next(xml, container: "body", reader: { units?.targetLanguage != nil ? units : nil }) {
                return .unit(numbered(unit, hasID: hasID))
            }
            while !done {
                guard let token = try xml.nextMarkupToken() else { throw xml.fail("unexpected end of the document") }
                switch token {
                case .startElement:
                    if xml.isLocalName("tu") {
                        guard var reader = units else { throw xml.fail("<tu> before <header>") }
                        let line = xml.location.line
                        let read = try reader.readUnit(xml, number: unitCount + 1)
                        units = reader
                        guard let (unit, hasID) = read else {
                            unitCount += 1
                            warningList.add("a <tu> without a <tuv> in the source language \(reader.sourceLanguage) was skipped",
                                            SourceLocation(file: xml.name, line: line))
                            continue
                        }
                        return .unit(numbered(unit, hasID: hasID))
                    } else if xml.isLocalName("tmx") {
                        continue
                    } else if xml.isLocalName("header") {
                        guard let source = xml.attribute("srclang") else { throw xml.fail("<header> without srclang") }
                        var h = DocumentHeader(sourceLanguage: source, targetLanguage: givenTarget, tool: xml.attribute("creationtool"))
                        h.line = xml.location.line
                        header = h
                        units = UnitReader(sourceLanguage: source, targetLanguage: givenTarget)
                        try xml.skipElement()
                        return .startDocument(h)
                    } else if xml.isLocalName("body") {
                        guard header != nil else { throw xml.fail("<body> before <header>") }
                    } else {
                        try xml.skipElement()
                    }
                case .endElement:
                    if xml.isLocalName("tmx") {
                        done = true
                        try reportLanguages()
                        return .endFile
                    }
                default:
                    continue
                }
            }
            if done && header != nil {
                header = nil
                return .endDocument
            }
            return nil
        }

        /// Counts the unit and gives it its number as id when it has no `tuid`.
        /// At the end: the languages that were not read, the tag that stood for the one asked for,
        /// and an error when no unit has that language at all.
        private func reportLanguages() throws(ExchangeError) {
            guard let reader = units, let header else { return }
            let (targets, matched, left) = reader.tally.summary()
            let place = SourceLocation(file: xml.name, line: header.line)
            // Other languages but not the one asked for: a wrong --target-lang, not an untranslated file.
            if let requested = reader.requested, targets == 0, !left.isEmpty {
                throw ExchangeError("no unit has a <tuv> in \(givenTarget ?? requested)\(left.isEmpty ? "" : "; the file has " + left.map(\.tag).joined(separator: ", "))",
                                    location: place)
            }
            if let matched, let given = givenTarget {
                warningList.add("the target language \(given) is read from the file's \(matched) (BCP 47 match)", place)
            }
            if !left.isEmpty {
                warningList.add("languages not read (pick one with --target-lang): "
                                + left.map { "\($0.tag) (\($0.count) units)" }.joined(separator: ", "), place)
            }
        }

        private func numbered(_ unit: TranslationUnit, hasID: Bool) -> TranslationUnit {
            unitCount += 1
            if hasID { return unit }
            var unit = unit
            unit.id = String(unitCount)
            return unit
        }
    }

    /// Reads one `tu` at a time: what reading in order and the parallel workers share.
    struct UnitReader: StretchUnitReader {
        static var unitElement: StaticString { "tu" }
        static var structuralElements: [StaticString] { ["tmx", "body", "header"] }
        static var transparentElements: [StaticString] { [] }
        static var cutElements: [StaticString] { [] }

        let sourceLanguage: String
        /// The target language, lowercased once it is known.
        private(set) var targetLanguage: String?
        /// The language asked for, lowercased; nil to take the first other one.
        let requested: String?
        /// What the units hold, shared by the copies that read stretches on other threads.
        let tally = LanguageTally()
        /// The last language tag lowercased (tags repeat from unit to unit).
        private var lastTag = ""
        private var lastLowercased = ""

        init(sourceLanguage: String, targetLanguage: String?) {
            self.sourceLanguage = sourceLanguage.lowercased()
            self.targetLanguage = targetLanguage?.lowercased()
            requested = targetLanguage?.lowercased()
        }

        /// Whether a `tuv` in `lang` (lowercased) is the target: the language asked for, or by BCP 47
        /// the first more specific tag (`fr` finds `fr-ca`) or the broader one (`fr-ca` finds `fr`),
        /// which it then keeps; without a request, the first language other than the source.
        private mutating func isTarget(_ lang: String) -> Bool {
            guard let target = targetLanguage else {
                targetLanguage = lang
                return true
            }
            if target == lang { return true }
            guard let requested, target == requested else { return false }
            if lang.hasPrefix(requested + "-") || requested.hasPrefix(lang + "-") {
                targetLanguage = lang
                tally.matched(lang)
                return true
            }
            return false
        }

        private mutating func lowercased(_ tag: String) -> String {
            if tag == sourceLanguage { return tag }
            if tag != lastTag {
                lastTag = tag
                lastLowercased = tag.lowercased()
            }
            return lastLowercased
        }

        mutating func readUnit(_ xml: XMLSource) throws(ExchangeError) -> (TranslationUnit, Bool) {
            // A stretch with a unit to skip is left to reading in order, which warns about it.
            guard let read = try readUnit(xml, number: nil) else { throw xml.fail("a <tu> without the source language") }
            return read
        }

        /// Reads a `tu` whose start tag was just read. Its id is its `tuid`, else its `number` in the file; returns
        /// the unit and whether it has its id (false when it has neither, and its id is empty).
        /// Nil for a `tu` without the source language (multilingual memories have such entries; the
        /// reader skips them with a warning, as OmegaT and Okapi do).
        mutating func readUnit(_ xml: XMLSource, number: Int?) throws(ExchangeError) -> (TranslationUnit, Bool)? {
            let tuid = xml.attribute("tuid") ?? number.map { String($0) }
            let id = tuid ?? ""
            var unit = TranslationUnit(id: id, source: Content())
            unit.line = xml.location.line
            var state: UnitState?
            var sawSource = false
            while true {
                switch try xml.requireMarkupToken() {
                case .startElement:
                    if xml.isLocalName("tuv") {
                        guard let tag = xml.xmlLang ?? xml.attribute("lang") else {
                            throw xml.fail("<tuv> without xml:lang", unit: tuid)
                        }
                        let lang = lowercased(tag)
                        let content = try readTUV(xml, unit: tuid)
                        if lang == sourceLanguage && !sawSource {
                            unit.source = content
                            sawSource = true
                        } else if lang != sourceLanguage && isTarget(lang) {
                            unit.target = content
                            tally.sawTarget()
                        } else if lang != sourceLanguage {
                            tally.leftOut(tag)
                        }
                    } else if xml.isLocalName("prop") {
                        let type = xml.attribute("type")
                        guard type == TMX.stateProp || type == TMX.translateProp || type == TMX.rangeProp else {
                            try xml.skipText(in: "prop")
                            continue
                        }
                        let value = try xml.readText(in: "prop")
                        switch type {
                        case TMX.stateProp:
                            guard let s = UnitState(name: value) else { throw xml.fail("unknown state \"\(value)\"", unit: tuid) }
                            state = s
                        case TMX.translateProp:
                            unit.translate = value != "no"
                        case TMX.rangeProp:
                            unit.originalRange = Range(offsets: value)
                        default:
                            break
                        }
                    } else if xml.isLocalName("note") {
                        unit.notes.append(try xml.readText(in: "note"))
                    } else {
                        try xml.skipElement()
                    }
                case .endElement:
                    guard sawSource else { return nil }
                    unit.state = state ?? (unit.target.isEmpty ? .new : .translated)
                    return (unit, tuid != nil)
                default:
                    continue
                }
            }
        }

        private func readTUV(_ xml: XMLSource, unit: String?) throws(ExchangeError) -> Content {
            var content = Content()
            var sawSeg = false
            while true {
                switch try xml.requireMarkupToken() {
                case .startElement where xml.isLocalName("seg"):
                    sawSeg = true
                    content = try readSeg(xml, unit: unit)
                case .startElement:
                    try xml.skipElement()
                case .endElement:
                    guard sawSeg else { throw xml.fail("<tuv> without <seg>", unit: unit) }
                    return content
                default:
                    continue
                }
            }
        }

        private func readSeg(_ xml: XMLSource, unit: String?) throws(ExchangeError) -> Content {
            var content = Content()
            var hiDepth = 0
            while true {
                switch try xml.requireToken() {
                case .text:
                    content.append(.text(xml.text))
                case .startElement:
                    switch xml.localName {
                    case "ph":
                        let id = xml.attribute("x") ?? xml.attribute("i") ?? ""
                        content.append(.code(InlineCode(.placeholder, id: id, data: try xml.readAllText())))
                    case "bpt":
                        let id = xml.attribute("i") ?? ""
                        content.append(.code(InlineCode(.open, id: id, data: try xml.readAllText())))
                    case "ept":
                        let id = xml.attribute("i") ?? ""
                        content.append(.code(InlineCode(.close, id: id, data: try xml.readAllText())))
                    case "it":
                        let kind: InlineCode.Kind = xml.attribute("pos") == "end" ? .close : .open
                        let id = xml.attribute("x") ?? ""
                        content.append(.code(InlineCode(kind, id: id, data: try xml.readAllText())))
                    case "hi", "ut":
                        hiDepth += 1
                    default:
                        throw xml.fail("<\(xml.elementName.qualifiedName)> is not allowed in <seg>", unit: unit)
                    }
                case .endElement:
                    if hiDepth == 0 { return content }
                    hiDepth -= 1
                default:
                    continue
                }
            }
        }
    }
}

/// The languages of a TMX file's units, counted by every reader of its stretches.
final class LanguageTally: @unchecked Sendable {
    private let lock = NSLock()
    private var targets = 0
    private var matchedTag: String?
    private var left: [String: Int] = [:]
    private var order: [String] = []

    func sawTarget() {
        lock.lock(); targets += 1; lock.unlock()
    }

    func matched(_ tag: String) {
        lock.lock(); if matchedTag == nil { matchedTag = tag }; lock.unlock()
    }

    func leftOut(_ tag: String) {
        lock.lock()
        if left[tag] == nil { order.append(tag) }
        left[tag, default: 0] += 1
        lock.unlock()
    }

    func summary() -> (targets: Int, matched: String?, left: [(tag: String, count: Int)]) {
        lock.lock(); defer { lock.unlock() }
        return (targets, matchedTag, order.map { ($0, left[$0] ?? 0) })
    }
}
