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
        /// The trans-units of a `<group restype="x-gettext-plurals">` being read, with the group's id.
        private var plural: (id: String?, units: [TranslationUnit])?
        /// The forms of a plural message, handed out one by one once its group has ended.
        private var pendingUnits: [TranslationUnit] = []

        public init(path: String) throws(ExchangeError) { xml = try XMLSource(path: path) }

        public init(bytes: [UInt8], name: String = "<xliff>") { xml = XMLSource(bytes: bytes, name: name) }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            if !pendingUnits.isEmpty { return .unit(pendingUnits.removeFirst()) }
            if let file = pendingFile {
                pendingFile = nil
                return .startFile(file)
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
                        // XLIFF 1.1 files often have no version; their namespace says it.
                        let namespaced = xml.elementName.namespaceURI.map { $0 == XLIFF12.namespace || $0 == XLIFF12.namespace11 } ?? false
                        guard xml.localName == "xliff", xml.attribute("version").map({ $0.hasPrefix("1.") }) ?? namespaced else {
                            throw xml.fail("not XLIFF 1.x: the root is <\(xml.elementName.qualifiedName)>\(xml.attribute("version").map { " version \($0)" } ?? "")")
                        }
                        continue
                    }
                    switch xml.localName {
                    case "trans-unit":
                        guard fileCount > 0 else { throw xml.fail("<trans-unit> outside a <file>") }
                        if plural != nil {
                            plural?.units.append(try readUnit())
                            continue
                        }
                        return .unit(try readUnit())
                    case "group" where xml.attribute("restype") == "x-gettext-plurals":
                        guard plural == nil else { throw xml.fail("a plural group inside another") }
                        plural = (xml.attribute("id"), [])
                    case "file":
                        fileCount += 1
                        guard let source = xml.attribute("source-language") else { throw xml.fail("<file> without source-language") }
                        let file = FileInfo(id: "f\(fileCount)", original: xml.attribute("original"))
                        if header == nil {
                            var h = DocumentHeader(sourceLanguage: source, targetLanguage: xml.attribute("target-language"))
                            h.line = xml.location.line
                            header = h
                            pendingFile = file
                            return .startDocument(h)
                        }
                        return .startFile(file)
                    case "body", "group", "bin-unit":
                        // A <bin-unit> (an image, a binary resource) may hold the <trans-unit>s of
                        // its text; its <bin-source> and <bin-target> are skipped below.
                        continue
                    default:
                        try xml.skipElement()
                    }
                case .endElement:
                    let name = xml.localName
                    if name == "group", let group = plural {
                        plural = nil
                        // Form k of n: the group's id, else the first unit's id without its "[0]".
                        let base = group.id ?? group.units.first.map { $0.id.hasSuffix("[0]") ? String($0.id.dropLast(3)) : $0.id } ?? ""
                        pendingUnits = group.units.enumerated().map { k, unit in
                            var unit = unit
                            unit.pluralForm = PluralForm(group: base, index: k, count: group.units.count)
                            return unit
                        }
                        if !pendingUnits.isEmpty { return .unit(pendingUnits.removeFirst()) }
                        continue
                    }
                    if name == "file" { return .endFile }
                    if name == "xliff" {
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

        private func readUnit() throws(ExchangeError) -> TranslationUnit {
            guard let id = xml.attribute("id") else { throw xml.fail("<trans-unit> without id") }
            var unit = TranslationUnit(id: id, source: Content())
            unit.line = xml.location.line
            unit.translate = xml.attribute("translate") != "no"
            if let extra = xml.attribute("extradata"), extra.hasPrefix("range=") {
                unit.originalRange = Range(offsets: extra.dropFirst(6))
            }
            let approved = xml.attribute("approved") == "yes"
            var state: UnitState?
            var prefilled = false
            while true {
                switch try xml.requireMarkupToken() {
                case .startElement:
                    switch xml.localName {
                    case "source":
                        unit.source = try readContent(element: "source", unit: id)
                    case "target":
                        let stateValue = xml.attribute("state")
                        let qualifier = xml.attribute("state-qualifier")
                        unit.target = try readContent(element: "target", unit: id)
                        if let value = stateValue {
                            guard let s = XLIFF12.state(value) else { throw xml.fail("unknown target state \"\(value)\"", unit: id) }
                            state = s
                        }
                        prefilled = qualifier == XLIFF12.prefilledQualifier
                    case "alt-trans":
                        unit.matches.append(try readAltTrans(unit: id))
                    case "note":
                        let from = xml.attribute("from")
                        let text = try xml.readText(in: "note")
                        if from == XLIFF12.glossaryNoteFrom, let term = XLIFF12.term(fromNote: text) {
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
                    } else if approved {
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

        private func readAltTrans(unit: String) throws(ExchangeError) -> MatchCandidate {
            let quality = xml.attribute("match-quality").map { $0.filter { $0.isNumber || $0 == "." } }.flatMap { Double($0) }.map { Int($0) } ?? 0
            var candidate = MatchCandidate(source: "", target: "", similarity: quality, origin: xml.attribute("origin"))
            while true {
                switch try xml.requireMarkupToken() {
                case .startElement where xml.localName == "source":
                    candidate.source = try readContent(element: "source", unit: unit).flattened
                case .startElement where xml.localName == "target":
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
                switch try xml.requireToken() {
                case .text:
                    content.append(.text(xml.text))
                case .startElement:
                    let name = xml.localName
                    let id = xml.attribute("id") ?? xml.attribute("rid") ?? ""
                    switch name {
                    case "ph", "x":
                        let data = name == "ph" ? try xml.readAllText() : ""
                        if name == "x" { try xml.skipElement() }
                        content.append(.code(InlineCode(.placeholder, id: id, data: data)))
                    case "bpt":
                        let rid = xml.attribute("rid") ?? id
                        content.append(.code(InlineCode(.open, id: rid, data: try xml.readAllText())))
                    case "ept":
                        let rid = xml.attribute("rid") ?? id
                        content.append(.code(InlineCode(.close, id: rid, data: try xml.readAllText())))
                    case "it":
                        let kind: InlineCode.Kind = xml.attribute("pos") == "close" ? .close : .open
                        content.append(.code(InlineCode(kind, id: id, data: try xml.readAllText())))
                    case "g":
                        content.append(.code(InlineCode(.open, id: id, data: "")))
                        openG.append(id)
                    case "bx":
                        content.append(.code(InlineCode(.open, id: xml.attribute("rid") ?? id, data: "")))
                        try xml.skipElement()
                    case "ex":
                        content.append(.code(InlineCode(.close, id: xml.attribute("rid") ?? id, data: "")))
                        try xml.skipElement()
                    case "mrk":
                        openG.append("\u{0}mrk")
                    default:
                        throw xml.fail("<\(xml.elementName.qualifiedName)> is not allowed in <\(element)>", unit: unit)
                    }
                case .endElement:
                    guard let top = openG.popLast() else { return content }
                    if top != "\u{0}mrk" { content.append(.code(InlineCode(.close, id: top, data: ""))) }
                default:
                    continue
                }
            }
        }
    }
}
