import BitextCore
import BitextXML

extension XLIFF2 {
    /// Reads XLIFF 2.0, 2.1 and 2.2 as a stream of units; a unit with several segments becomes one
    /// unit whose source and target join them (with the `<ignorable>` parts).
    public final class Reader: ExchangeReader {
        private let xml: XMLSource
        private var pending: [ExchangeEvent] = []
        private var done = false
        private var sawRoot = false
        private var fileCount = 0

        public init(path: String) throws(ExchangeError) { xml = try XMLSource(path: path) }

        public init(bytes: [UInt8], name: String = "<xliff>") { xml = XMLSource(bytes: bytes, name: name) }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            if !pending.isEmpty { return pending.removeFirst() }
            while !done {
                guard let event = try xml.next() else {
                    guard sawRoot else { throw xml.fail("empty document") }
                    done = true
                    return .endDocument
                }
                switch event {
                case let .startElement(name, attributes):
                    if !sawRoot {
                        sawRoot = true
                        guard name.localName == "xliff", let version = attributes.value(of: "version"), version.hasPrefix("2.") else {
                            throw xml.fail("not XLIFF 2: the root is <\(name.qualifiedName)>\(attributes.value(of: "version").map { " version \($0)" } ?? "")")
                        }
                        guard let source = attributes.value(of: "srcLang") else { throw xml.fail("<xliff> without srcLang") }
                        return .startDocument(DocumentHeader(sourceLanguage: source, targetLanguage: attributes.value(of: "trgLang")))
                    }
                    switch name.localName {
                    case "file":
                        fileCount += 1
                        return .startFile(FileInfo(id: attributes.value(of: "id") ?? "f\(fileCount)", original: attributes.value(of: "original")))
                    case "unit":
                        return .unit(try readUnit(attributes))
                    case "group":
                        continue
                    default:
                        // skeleton, notes and metadata of files and groups; module elements.
                        try xml.skipElement()
                    }
                case let .endElement(name):
                    if name.localName == "file" { return .endFile }
                    if name.localName == "xliff" {
                        done = true
                        return .endDocument
                    }
                default:
                    continue
                }
            }
            return nil
        }

        private struct GlossEntry {
            var ref: String?
            var annotation: TermAnnotation
        }

        private func readUnit(_ attributes: [XMLAttribute]) throws(ExchangeError) -> TranslationUnit {
            guard let id = attributes.value(of: "id") else { throw xml.fail("<unit> without id") }
            var unit = TranslationUnit(id: id, source: Content())
            unit.translate = attributes.value(of: "translate") != "no"
            if let range = attributes.value(of: "range", namespaceURI: XLIFF2.bitextNamespace) {
                let parts = range.split(separator: "-").compactMap { Int($0) }
                if parts.count == 2, parts[0] <= parts[1] { unit.originalRange = parts[0]..<parts[1] }
            }
            var glossary: [GlossEntry] = []
            var data: [String: String] = [:]
            var marks: [String: (range: Range<Int>, translate: Bool)] = [:]
            var states: [UnitState] = []
            var sawTarget = false
            var source = ContentBuilder()
            var target = ContentBuilder()
            while true {
                switch try xml.require() {
                case let .startElement(name, attrs):
                    switch name.localName {
                    case "glossary" where name.namespaceURI == XLIFF2.glossaryNamespace:
                        glossary += try readGlossary(unit: id)
                    case "matches" where name.namespaceURI == XLIFF2.matchesNamespace:
                        unit.matches += try readMatches(unit: id)
                    case "notes":
                        unit.notes += try readNotes(unit: id)
                    case "originalData":
                        data = try readOriginalData(unit: id)
                    case "segment", "ignorable":
                        let isSegment = name.localName == "segment"
                        if isSegment {
                            guard let s = XLIFF2.state(attrs.value(of: "state"), subState: attrs.value(of: "subState")) else {
                                throw xml.fail("unknown segment state \"\(attrs.value(of: "state") ?? "")\"", unit: id)
                            }
                            states.append(s)
                        }
                        var segmentTarget: ContentBuilder?
                        var segmentSource = ContentBuilder()
                        loop: while true {
                            switch try xml.require() {
                            case let .startElement(child, _) where child.localName == "source":
                                segmentSource = try readContent(element: "source", unit: id, data: data, offset: source.textLength, marks: &marks)
                            case let .startElement(child, _) where child.localName == "target":
                                var ignored: [String: (range: Range<Int>, translate: Bool)] = [:]
                                segmentTarget = try readContent(element: "target", unit: id, data: data, offset: 0, marks: &ignored)
                            case let .startElement(child, _):
                                throw xml.fail("<\(child.qualifiedName)> is not allowed in <\(name.localName)>", unit: id)
                            case .endElement:
                                break loop
                            default:
                                continue
                            }
                        }
                        source.append(segmentSource)
                        if let segmentTarget {
                            sawTarget = sawTarget || isSegment
                            target.append(segmentTarget)
                        } else if !isSegment {
                            target.append(segmentSource)
                        }
                    default:
                        try xml.skipElement()
                    }
                case .endElement:
                    unit.source = source.content
                    unit.target = sawTarget ? target.content : Content()
                    // The least advanced segment decides the unit's state.
                    let order = UnitState.allCases
                    unit.state = states.min { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! } ?? .new
                    unit.terms = glossary.map { entry in
                        var annotation = entry.annotation
                        if let ref = entry.ref, ref.hasPrefix("#"), let mark = marks[String(ref.dropFirst())] {
                            annotation.range = mark.range
                            annotation.translate = mark.translate
                        }
                        return annotation
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
                switch try xml.require() {
                case let .startElement(name, attrs) where name.localName == "glossEntry":
                    var entry = GlossEntry(ref: attrs.value(of: "ref"), annotation: TermAnnotation(range: nil, term: ""))
                    loop: while true {
                        switch try xml.require() {
                        case let .startElement(child, childAttrs):
                            switch child.localName {
                            case "term":
                                entry.annotation.origin = childAttrs.value(of: "source")
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
                switch try xml.require() {
                case let .startElement(name, attrs) where name.localName == "match":
                    var candidate = MatchCandidate(source: "", target: "",
                                                   similarity: attrs.value(of: "similarity").flatMap { Double($0) }.map { Int($0) } ?? 0,
                                                   origin: attrs.value(of: "origin"))
                    var data: [String: String] = [:]
                    loop: while true {
                        switch try xml.require() {
                        case let .startElement(child, _) where child.localName == "originalData":
                            data = try readOriginalData(unit: unit)
                        case let .startElement(child, _) where child.localName == "source" || child.localName == "target":
                            var ignored: [String: (range: Range<Int>, translate: Bool)] = [:]
                            let content = try readContent(element: child.localName, unit: unit, data: data, offset: 0, marks: &ignored).content
                            if child.localName == "source" { candidate.source = content.flattened } else { candidate.target = content.flattened }
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
                switch try xml.require() {
                case let .startElement(name, _) where name.localName == "note":
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
                switch try xml.require() {
                case let .startElement(name, attrs) where name.localName == "data":
                    guard let id = attrs.value(of: "id") else { throw xml.fail("<data> without id", unit: unit) }
                    var text = ""
                    loop: while true {
                        switch try xml.require() {
                        case let .text(t, _): text += t
                        case let .startElement(child, childAttrs) where child.localName == "cp":
                            text.unicodeScalars.append(try codePoint(childAttrs, unit: unit))
                            try xml.skipElement()
                        case let .startElement(child, _):
                            throw xml.fail("<\(child.qualifiedName)> is not allowed in <data>", unit: unit)
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

        private func codePoint(_ attrs: [XMLAttribute], unit: String) throws(ExchangeError) -> Unicode.Scalar {
            guard let hex = attrs.value(of: "hex"), let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
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
                switch try xml.require() {
                case let .text(t, _):
                    content.appendText(t)
                case let .startElement(name, attrs):
                    let id = attrs.value(of: "id") ?? ""
                    func dataOf(_ key: String) -> String {
                        attrs.value(of: key).flatMap { data[$0] } ?? attrs.value(of: "equiv") ?? attrs.value(of: "disp") ?? ""
                    }
                    switch name.localName {
                    case "cp":
                        content.appendText(String(Character(try codePoint(attrs, unit: unit))))
                        try xml.skipElement()
                    case "ph":
                        content.append(.code(InlineCode(.placeholder, id: id, data: dataOf("dataRef"))))
                        try xml.skipElement()
                    case "sc":
                        content.append(.code(InlineCode(.open, id: id, data: dataOf("dataRef"))))
                        try xml.skipElement()
                    case "ec":
                        content.append(.code(InlineCode(.close, id: attrs.value(of: "startRef") ?? id, data: dataOf("dataRef"))))
                        try xml.skipElement()
                    case "pc":
                        content.append(.code(InlineCode(.open, id: id, data: dataOf("dataRefStart"))))
                        let end = attrs.value(of: "dataRefEnd").flatMap { data[$0] } ?? ""
                        open.append(("pc", id, content.textLength, end, false, true))
                    case "mrk":
                        let isTerm = attrs.value(of: "type") == "term"
                        open.append(("mrk", id, content.textLength, "", isTerm, attrs.value(of: "translate") != "no"))
                    case "sm", "em":
                        try xml.skipElement()
                    default:
                        throw xml.fail("<\(name.qualifiedName)> is not allowed in <\(element)>", unit: unit)
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
