import BitextCore
import BitextXML

extension XLIFF2 {
    /// Reads XLIFF 2.0, 2.1 and 2.2 as a stream of units; a unit with several segments becomes one
    /// unit whose source and target join them (with the `<ignorable>` parts).
    ///
    /// In a large file (mapped, `ParallelReading.minimumBytes` or more), the units directly in each `<file>` are
    /// read on several threads, groups included (see `ParallelUnits`). Units and errors are exactly those of
    /// reading in order.
    public final class Reader: ExchangeReader, ReadsInParallel {
        private let xml: XMLSource
        private var pending: [ExchangeEvent] = []
        private var done = false
        private var sawRoot = false
        private var fileCount = 0
        /// `translate` as `<file>` and `<group>` set it, innermost last: units inherit it.
        private var translateStack: [Bool] = []
        let parallelReading: ParallelReading.Switch<UnitReader>

        /// - Parameters:
        ///   - path: The XLIFF file.
        ///   - workers: Threads for a large file; nil for one per processor (at most 4), 1 to read in order.
        public convenience init(path: String, workers: Int? = nil) throws(ExchangeError) {
            try self.init(path: path, workers: workers, input: .automatic)
        }

        /// Tests map small files too, to read them on several threads.
        init(path: String, workers: Int?, input: XMLPullParser.FileInput) throws(ExchangeError) {
            xml = try XMLSource(path: path, input: input)
            parallelReading = ParallelReading.Switch(workers: workers)
        }

        public init(bytes: [UInt8], name: String = "<xliff>") {
            xml = XMLSource(bytes: bytes, name: name)
            parallelReading = ParallelReading.Switch(workers: 1)
        }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            if !pending.isEmpty { return pending.removeFirst() }
            // Units directly in a `<file>` are read ahead; a stretch with the end of the file or a nested group
            // hands back to reading in order, which goes on behind it.
            if let (unit, _) = parallelReading.next(xml, container: "file", reader: {
                fileCount > 0 ? UnitReader(translate: [translateStack.last ?? true]) : nil
            }) {
                return .unit(unit)
            }
            while !done {
                guard let token = try xml.nextMarkupToken() else {
                    guard sawRoot else { throw xml.fail("empty document") }
                    done = true
                    return .endDocument
                }
                switch token {
                case .startElement:
                    if !sawRoot {
                        sawRoot = true
                        guard xml.localName == "xliff", let version = xml.attribute("version"), version.hasPrefix("2.") else {
                            throw xml.fail("not XLIFF 2: the root is <\(xml.elementName.qualifiedName)>\(xml.attribute("version").map { " version \($0)" } ?? "")")
                        }
                        guard let source = xml.attribute("srcLang") else { throw xml.fail("<xliff> without srcLang") }
                        var header = DocumentHeader(sourceLanguage: source, targetLanguage: xml.attribute("trgLang"))
                        header.line = xml.location.line
                        return .startDocument(header)
                    }
                    switch xml.localName {
                    case "unit":
                        guard fileCount > 0 else { throw xml.fail("<unit> outside a <file>") }
                        return .unit(try UnitBody(xml: xml, inheritedTranslate: translateStack.last ?? true).readUnit())
                    case "file":
                        fileCount += 1
                        translateStack = [xml.attribute("translate").map { $0 != "no" } ?? true]
                        return .startFile(FileInfo(id: xml.attribute("id") ?? "f\(fileCount)", original: xml.attribute("original")))
                    case "group":
                        translateStack.append(xml.attribute("translate").map { $0 != "no" } ?? (translateStack.last ?? true))
                        continue
                    default:
                        // skeleton, notes and metadata of files and groups; module elements.
                        try xml.skipElement()
                    }
                case .endElement:
                    let name = xml.localName
                    if name == "group" && translateStack.count > 1 { translateStack.removeLast() }
                    if name == "file" {
                        translateStack = []
                        return .endFile
                    }
                    if name == "xliff" {
                        done = true
                        return .endDocument
                    }
                default:
                    continue
                }
            }
            return nil
        }
    }

    /// Reads one `<unit>` whose start tag was just read: what reading in order and the parallel workers share.
    struct UnitReader: StretchUnitReader {
        static var unitElement: StaticString { "unit" }
        static var structuralElements: [StaticString] { ["xliff", "file"] }
        /// Reading in order passes into and out of groups.
        static var transparentElements: [StaticString] { ["group"] }
        /// A cut before a group is a cut between units at the file's depth; one before a unit may be in a group.
        static var cutElements: [StaticString] { ["group"] }

        /// `translate` of the file and the groups open in the stretch, innermost last.
        var translate: [Bool]

        func readUnit(_ xml: XMLSource) throws(ExchangeError) -> (TranslationUnit, Bool) {
            (try UnitBody(xml: xml, inheritedTranslate: translate.last ?? true).readUnit(), true)
        }

        mutating func enterTransparent(_ xml: XMLSource) {
            translate.append(xml.attribute("translate").map { $0 != "no" } ?? (translate.last ?? true))
        }

        mutating func leaveTransparent() {
            if translate.count > 1 { translate.removeLast() }
        }
    }

    /// The reading of one unit's content, glossary, matches, notes and original data.
    private struct UnitBody {
        let xml: XMLSource
        /// What the file and the groups around the unit say, for a unit without `translate`.
        let inheritedTranslate: Bool

        private struct GlossEntry {
            var ref: String?
            var annotation: TermAnnotation
        }

        func readUnit() throws(ExchangeError) -> TranslationUnit {
            guard let written = xml.attribute("id") else { throw xml.fail("<unit> without id") }
            // Bitext keeps an id that is not an NMTOKEN in bx:id.
            let id = xml.attribute("id", namespaceURI: XLIFF2.bitextNamespace) ?? written
            var unit = TranslationUnit(id: id, source: Content())
            if let plural = xml.attribute("plural", namespaceURI: XLIFF2.bitextNamespace) {
                let numbers = plural.split(separator: " ").compactMap { Int($0) }
                guard numbers.count == 2, numbers[0] >= 0, numbers[0] < numbers[1], numbers[1] <= 32 else {
                    throw xml.fail("bx:plural=\"\(plural)\" is not \"FORM COUNT\"", unit: id)
                }
                unit.pluralForm = PluralForm(group: xml.attribute("pluralGroup", namespaceURI: XLIFF2.bitextNamespace) ?? id,
                                             index: numbers[0], count: numbers[1])
            }
            unit.line = xml.location.line
            unit.translate = xml.attribute("translate").map { $0 != "no" } ?? inheritedTranslate
            unit.originalRange = xml.attribute("range", namespaceURI: XLIFF2.bitextNamespace).flatMap { Range(offsets: $0) }
            var glossary: [GlossEntry] = []
            var data: [String: String] = [:]
            var marks: [String: (range: Range<Int>, translate: Bool)] = [:]
            var state: UnitState?
            var states: [UnitState] = []
            var sawTarget = false
            var source = ContentBuilder()
            // The target side of each segment and ignorable, with its place in the target text
            // (`order`, by default its own position): translators may reorder sentences.
            var targetPieces: [(order: Int, content: ContentBuilder, line: Int?)] = []
            while true {
                switch try xml.requireMarkupToken() {
                case .startElement:
                    let name = xml.localName
                    switch name {
                    case "segment", "ignorable":
                        let isSegment = name == "segment"
                        if isSegment {
                            guard let s = XLIFF2.state(xml.attribute("state"), subState: xml.attribute("subState")) else {
                                throw xml.fail("unknown segment state \"\(xml.attribute("state") ?? "")\"", unit: id)
                            }
                            if let first = state {
                                if states.isEmpty { states.append(first) }
                                states.append(s)
                            } else {
                                state = s
                            }
                        }
                        var segmentTarget: ContentBuilder?
                        var segmentSource = ContentBuilder()
                        var sawSource = false
                        let position = targetPieces.count + 1
                        var order = position
                        let pieceLine = xml.location.line
                        loop: while true {
                            switch try xml.requireMarkupToken() {
                            case .startElement where xml.localName == "source":
                                guard !sawSource else { throw xml.fail("a second <source> in one <\(name)>", unit: id) }
                                sawSource = true
                                segmentSource = try readContent(element: "source", unit: id, data: data, offset: source.textLength, marks: &marks)
                            case .startElement where xml.localName == "target":
                                guard segmentTarget == nil else { throw xml.fail("a second <target> in one <\(name)>", unit: id) }
                                if let value = xml.attribute("order") {
                                    guard let n = Int(value), n >= 1 else { throw xml.fail("order=\"\(value)\" is not a positive number", unit: id) }
                                    order = n
                                }
                                var ignored: [String: (range: Range<Int>, translate: Bool)] = [:]
                                segmentTarget = try readContent(element: "target", unit: id, data: data, offset: 0, marks: &ignored)
                            case .startElement:
                                throw xml.fail("<\(xml.elementName.qualifiedName)> is not allowed in <\(name)>", unit: id)
                            case .endElement:
                                break loop
                            default:
                                continue
                            }
                        }
                        if source.isEmpty {
                            source = segmentSource
                        } else {
                            source.append(segmentSource)
                        }
                        guard sawSource else { throw xml.fail("<\(name)> without <source>", unit: id) }
                        if let segmentTarget {
                            sawTarget = sawTarget || isSegment
                            targetPieces.append((order, segmentTarget, pieceLine))
                        } else {
                            // An ignorable without a target is the same in both languages; an
                            // untranslated segment has nothing in the target.
                            targetPieces.append((order, isSegment ? ContentBuilder() : segmentSource, pieceLine))
                        }
                    case "glossary" where xml.namespaceURI == XLIFF2.glossaryNamespace:
                        glossary += try readGlossary(unit: id)
                    case "matches" where xml.namespaceURI == XLIFF2.matchesNamespace:
                        unit.matches += try readMatches(unit: id)
                    case "notes":
                        unit.notes += try readNotes(unit: id)
                    case "originalData":
                        data = try readOriginalData(unit: id)
                    default:
                        try xml.skipElement()
                    }
                case .endElement:
                    unit.source = source.content
                    var target = ContentBuilder()
                    if sawTarget {
                        // Each place in the target text once, from 1 to the number of pieces.
                        var byOrder: [Int: ContentBuilder] = [:]
                        for piece in targetPieces {
                            guard piece.order <= targetPieces.count else {
                                throw ExchangeError("order=\"\(piece.order)\" is beyond the unit's \(targetPieces.count) segments and ignorables",
                                                    location: SourceLocation(file: xml.name, line: piece.line), unit: id)
                            }
                            guard byOrder[piece.order] == nil else {
                                throw ExchangeError("two targets take place \(piece.order) in the target text (order)",
                                                    location: SourceLocation(file: xml.name, line: piece.line), unit: id)
                            }
                            byOrder[piece.order] = piece.content
                        }
                        for k in 1...max(1, targetPieces.count) {
                            guard let piece = byOrder[k] else { continue }
                            if target.isEmpty { target = piece } else { target.append(piece) }
                        }
                    }
                    unit.target = sawTarget ? target.content : Content()
                    // The least advanced segment decides the unit's state.
                    if states.isEmpty {
                        unit.state = state ?? .new
                    } else {
                        let order = UnitState.allCases
                        unit.state = states.min { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! } ?? .new
                    }
                    if !glossary.isEmpty {
                        unit.terms = glossary.map { entry in
                            var annotation = entry.annotation
                            if let ref = entry.ref, ref.hasPrefix("#"), let mark = marks[String(ref.dropFirst())] {
                                annotation.range = mark.range
                                annotation.translate = mark.translate
                            }
                            return annotation
                        }
                    }
                    return unit
                default:
                    continue
                }
            }
        }

        private func readGlossary(unit: String) throws(ExchangeError) -> [GlossEntry] {
            var entries: [GlossEntry] = []
            while true {
                switch try xml.requireMarkupToken() {
                case .startElement where xml.localName == "glossEntry":
                    var entry = GlossEntry(ref: xml.attribute("ref"), annotation: TermAnnotation(range: nil, term: ""))
                    loop: while true {
                        switch try xml.requireMarkupToken() {
                        case .startElement:
                            switch xml.localName {
                            case "term":
                                entry.annotation.origin = xml.attribute("source")
                                entry.annotation.term = try xml.readText(in: "gls:term")
                            case "translation":
                                entry.annotation.translations.append(try xml.readText(in: "gls:translation"))
                            case "definition":
                                entry.annotation.definition = try xml.readText(in: "gls:definition")
                            default:
                                try xml.skipElement()
                            }
                        case .endElement:
                            break loop
                        default:
                            continue
                        }
                    }
                    entries.append(entry)
                case .startElement:
                    try xml.skipElement()
                case .endElement:
                    return entries
                default:
                    continue
                }
            }
        }

        /// `mtc:match` elements: their source and target as plain text (codes flattened to their data).
        private func readMatches(unit: String) throws(ExchangeError) -> [MatchCandidate] {
            var matches: [MatchCandidate] = []
            while true {
                switch try xml.requireMarkupToken() {
                case .startElement where xml.localName == "match":
                    var candidate = MatchCandidate(source: "", target: "",
                                                   similarity: xml.attribute("similarity").flatMap { Double($0) }.map { Int($0) } ?? 0,
                                                   origin: xml.attribute("origin"))
                    var data: [String: String] = [:]
                    loop: while true {
                        switch try xml.requireMarkupToken() {
                        case .startElement where xml.localName == "originalData":
                            data = try readOriginalData(unit: unit)
                        case .startElement where xml.localName == "source" || xml.localName == "target":
                            let child = xml.localName
                            var ignored: [String: (range: Range<Int>, translate: Bool)] = [:]
                            let content = try readContent(element: child, unit: unit, data: data, offset: 0, marks: &ignored).content
                            if child == "source" { candidate.source = content.flattened } else { candidate.target = content.flattened }
                        case .startElement:
                            try xml.skipElement()
                        case .endElement:
                            break loop
                        default:
                            continue
                        }
                    }
                    matches.append(candidate)
                case .startElement:
                    try xml.skipElement()
                case .endElement:
                    return matches
                default:
                    continue
                }
            }
        }

        private func readNotes(unit: String) throws(ExchangeError) -> [String] {
            var notes: [String] = []
            while true {
                switch try xml.requireMarkupToken() {
                case .startElement where xml.localName == "note":
                    notes.append(try xml.readText(in: "note"))
                case .startElement:
                    try xml.skipElement()
                case .endElement:
                    return notes
                default:
                    continue
                }
            }
        }

        private func readOriginalData(unit: String) throws(ExchangeError) -> [String: String] {
            var data: [String: String] = [:]
            while true {
                switch try xml.requireMarkupToken() {
                case .startElement where xml.localName == "data":
                    guard let id = xml.attribute("id") else { throw xml.fail("<data> without id", unit: unit) }
                    var text = ""
                    loop: while true {
                        switch try xml.requireToken() {
                        case .text: text += xml.text
                        case .startElement where xml.localName == "cp":
                            text.unicodeScalars.append(try codePoint(unit: unit))
                            try xml.skipElement()
                        case .startElement:
                            throw xml.fail("<\(xml.elementName.qualifiedName)> is not allowed in <data>", unit: unit)
                        case .endElement: break loop
                        default: continue
                        }
                    }
                    data[id] = text
                case .startElement:
                    try xml.skipElement()
                case .endElement:
                    return data
                default:
                    continue
                }
            }
        }

        private func codePoint(unit: String) throws(ExchangeError) -> Unicode.Scalar {
            guard let hex = xml.attribute("hex"), let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw xml.fail("<cp> needs a hex attribute naming a Unicode scalar value", unit: unit)
            }
            return scalar
        }

        /// Reads the inside of `<source>` or `<target>`; term marks are recorded with offsets
        /// counted from `offset` (the text already read for earlier segments).
        private func readContent(element: String, unit: String, data: [String: String], offset: Int,
                                 marks: inout [String: (range: Range<Int>, translate: Bool)]) throws(ExchangeError) -> ContentBuilder {
            var content = ContentBuilder()
            // Open elements inside the content: pc (a paired code) and mrk (an annotation).
            var open: [(kind: String, id: String, start: Int, endData: String, isTerm: Bool, translate: Bool)] = []
            while true {
                switch try xml.requireToken() {
                case .text:
                    content.appendText(xml.text)
                case .startElement:
                    let id = xml.attribute("id") ?? ""
                    func dataOf(_ key: StaticString) -> String {
                        xml.attribute(key).flatMap { data[$0] } ?? xml.attribute("equiv") ?? xml.attribute("disp") ?? ""
                    }
                    switch xml.localName {
                    case "cp":
                        content.appendText(String(Character(try codePoint(unit: unit))))
                        try xml.skipElement()
                    case "ph":
                        content.append(.code(InlineCode(.placeholder, id: id, data: dataOf("dataRef"))))
                        try xml.skipElement()
                    case "sc":
                        content.append(.code(InlineCode(.open, id: id, data: dataOf("dataRef"))))
                        try xml.skipElement()
                    case "ec":
                        content.append(.code(InlineCode(.close, id: xml.attribute("startRef") ?? id, data: dataOf("dataRef"))))
                        try xml.skipElement()
                    case "pc":
                        content.append(.code(InlineCode(.open, id: id, data: dataOf("dataRefStart"))))
                        let end = xml.attribute("dataRefEnd").flatMap { data[$0] } ?? ""
                        open.append(("pc", id, content.textLength, end, false, true))
                    case "mrk":
                        let isTerm = xml.attribute("type") == "term"
                        open.append(("mrk", id, content.textLength, "", isTerm, xml.attribute("translate") != "no"))
                    case "sm", "em":
                        try xml.skipElement()
                    default:
                        throw xml.fail("<\(xml.elementName.qualifiedName)> is not allowed in <\(element)>", unit: unit)
                    }
                case .endElement:
                    guard let top = open.popLast() else { return content }
                    if top.kind == "pc" {
                        content.append(.code(InlineCode(.close, id: top.id, data: top.endData)))
                    } else if top.isTerm {
                        marks[top.id] = (offset + top.start..<offset + content.textLength, top.translate)
                    }
                default:
                    continue
                }
            }
        }
    }
}

/// Builds a `Content` and counts the UTF-8 length of its text as it grows.
struct ContentBuilder {
    private(set) var content = Content()
    private(set) var textLength = 0

    var isEmpty: Bool { content.isEmpty && textLength == 0 }

    mutating func appendText(_ text: String) {
        content.append(.text(text))
        textLength += text.utf8.count
    }

    mutating func append(_ piece: Content.Piece) {
        if case let .text(t) = piece { textLength += t.utf8.count }
        content.append(piece)
    }

    mutating func append(_ other: ContentBuilder) {
        for piece in other.content.pieces { append(piece) }
    }
}
