import BitextCore
import BitextXML

extension XLIFF12 {
    /// Reads XLIFF 1.2 as a stream of units. A target that `--prefill-target` copied from the
    /// source, still unchanged, reads back as no target.
    public final class Reader: ExchangeReader {
        private let xml: XMLSource
        private var done = false
        private var sawRoot = false
        private var header: DocumentHeader?
        private var fileCount = 0
        private var pendingFile: FileInfo?

        public init(path: String) throws(ExchangeError) { xml = try XMLSource(path: path) }

        public init(bytes: [UInt8], name: String = "<xliff>") { xml = XMLSource(bytes: bytes, name: name) }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            if let file = pendingFile {
                pendingFile = nil
                return .startFile(file)
            }
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
                        guard name.localName == "xliff", attributes.value(of: "version")?.hasPrefix("1.") ?? false else {
                            throw xml.fail("not XLIFF 1.x: the root is <\(name.qualifiedName)>\(attributes.value(of: "version").map { " version \($0)" } ?? "")")
                        }
                        continue
                    }
                    switch name.localName {
                    case "file":
                        fileCount += 1
                        guard let source = attributes.value(of: "source-language") else { throw xml.fail("<file> without source-language") }
                        let file = FileInfo(id: "f\(fileCount)", original: attributes.value(of: "original"))
                        if header == nil {
                            let h = DocumentHeader(sourceLanguage: source, targetLanguage: attributes.value(of: "target-language"))
                            header = h
                            pendingFile = file
                            return .startDocument(h)
                        }
                        return .startFile(file)
                    case "trans-unit":
                        return .unit(try readUnit(attributes))
                    case "body", "group":
                        continue
                    default:
                        try xml.skipElement()
                    }
                case let .endElement(name):
                    if name.localName == "file" { return .endFile }
                    if name.localName == "xliff" {
                        done = true
                        if header == nil { throw xml.fail("an XLIFF document without <file>") }
                        return .endDocument
                    }
                default:
                    continue
                }
            }
            return nil
        }

        private func readUnit(_ attributes: [XMLAttribute]) throws(ExchangeError) -> TranslationUnit {
            guard let id = attributes.value(of: "id") else { throw xml.fail("<trans-unit> without id") }
            var unit = TranslationUnit(id: id, source: Content())
            unit.translate = attributes.value(of: "translate") != "no"
            if let extra = attributes.value(of: "extradata"), extra.hasPrefix("range=") {
                let parts = extra.dropFirst(6).split(separator: "-").compactMap { Int($0) }
                if parts.count == 2, parts[0] <= parts[1] { unit.originalRange = parts[0]..<parts[1] }
            }
            var state: UnitState?
            var prefilled = false
            while true {
                switch try xml.require() {
                case let .startElement(name, attrs):
                    switch name.localName {
                    case "source":
                        unit.source = try readContent(element: "source", unit: id)
                    case "target":
                        unit.target = try readContent(element: "target", unit: id)
                        if let value = attrs.value(of: "state") {
                            guard let s = XLIFF12.state(value) else { throw xml.fail("unknown target state \"\(value)\"", unit: id) }
                            state = s
                        }
                        prefilled = attrs.value(of: "state-qualifier") == XLIFF12.prefilledQualifier
                    case "alt-trans":
                        unit.matches.append(try readAltTrans(attrs, unit: id))
                    case "note":
                        let text = try xml.readText(in: "note")
                        if attrs.value(of: "from") == XLIFF12.glossaryNoteFrom, let term = XLIFF12.term(fromNote: text) {
                            unit.terms.append(term)
                        } else {
                            unit.notes.append(text)
                        }
                    default:
                        try xml.skipElement()
                    }
                case .endElement:
                    if prefilled && unit.target == unit.source { unit.target = Content() }
                    if let state {
                        unit.state = state
                    } else if attributes.value(of: "approved") == "yes" {
                        unit.state = .final
                    } else {
                        unit.state = unit.target.isEmpty ? .new : .translated
                    }
                    return unit
                default:
                    continue
                }
            }
        }

        private func readAltTrans(_ attrs: [XMLAttribute], unit: String) throws(ExchangeError) -> MatchCandidate {
            let quality = attrs.value(of: "match-quality").map { $0.filter { $0.isNumber || $0 == "." } }.flatMap { Double($0) }.map { Int($0) } ?? 0
            var candidate = MatchCandidate(source: "", target: "", similarity: quality, origin: attrs.value(of: "origin"))
            while true {
                switch try xml.require() {
                case let .startElement(name, _) where name.localName == "source":
                    candidate.source = try readContent(element: "source", unit: unit).flattened
                case let .startElement(name, _) where name.localName == "target":
                    let target = try readContent(element: "target", unit: unit).flattened
                    if candidate.target.isEmpty { candidate.target = target }
                case .startElement:
                    try xml.skipElement()
                case .endElement:
                    return candidate
                default:
                    continue
                }
            }
        }

        private func readContent(element: String, unit: String) throws(ExchangeError) -> Content {
            var content = Content()
            var openG: [String] = []
            while true {
                switch try xml.require() {
                case let .text(t, _):
                    content.append(.text(t))
                case let .startElement(name, attrs):
                    let id = attrs.value(of: "id") ?? attrs.value(of: "rid") ?? ""
                    switch name.localName {
                    case "ph", "x":
                        let data = name.localName == "ph" ? try readCode(unit: unit) : ""
                        if name.localName == "x" { try xml.skipElement() }
                        content.append(.code(InlineCode(.placeholder, id: id, data: data)))
                    case "bpt":
                        content.append(.code(InlineCode(.open, id: attrs.value(of: "rid") ?? id, data: try readCode(unit: unit))))
                    case "ept":
                        content.append(.code(InlineCode(.close, id: attrs.value(of: "rid") ?? id, data: try readCode(unit: unit))))
                    case "it":
                        let kind: InlineCode.Kind = attrs.value(of: "pos") == "close" ? .close : .open
                        content.append(.code(InlineCode(kind, id: id, data: try readCode(unit: unit))))
                    case "g":
                        content.append(.code(InlineCode(.open, id: id, data: "")))
                        openG.append(id)
                    case "bx":
                        content.append(.code(InlineCode(.open, id: attrs.value(of: "rid") ?? id, data: "")))
                        try xml.skipElement()
                    case "ex":
                        content.append(.code(InlineCode(.close, id: attrs.value(of: "rid") ?? id, data: "")))
                        try xml.skipElement()
                    case "mrk":
                        openG.append("\u{0}mrk")
                    default:
                        throw xml.fail("<\(name.qualifiedName)> is not allowed in <\(element)>", unit: unit)
                    }
                case .endElement:
                    guard let top = openG.popLast() else { return content }
                    if top != "\u{0}mrk" { content.append(.code(InlineCode(.close, id: top, data: ""))) }
                default:
                    continue
                }
            }
        }

        /// The native code inside `<bpt>`, `<ept>`, `<ph>` or `<it>` (its `<sub>` flows are kept as text).
        private func readCode(unit: String) throws(ExchangeError) -> String {
            var text = ""
            var depth = 1
            while depth > 0 {
                switch try xml.require() {
                case let .text(t, _): text += t
                case .startElement: depth += 1
                case .endElement: depth -= 1
                default: break
                }
            }
            return text
        }
    }
}
