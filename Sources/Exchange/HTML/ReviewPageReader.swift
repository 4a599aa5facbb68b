import BitextXML

extension ReviewPage {
    /// Reads a review page that Bitext wrote (it is well-formed XML); other HTML is refused.
    public final class Reader: ExchangeReader {
        private let xml: XMLSource
        private var done = false
        private var started = false
        private var inFile = false
        private var fileCount = 0
        /// A unit waits here until its details row (notes) has been seen.
        private var pending: TranslationUnit?

        public init(path: String) throws(ExchangeError) { xml = try XMLSource(path: path) }

        public init(bytes: [UInt8], name: String = "<html>") { xml = XMLSource(bytes: bytes, name: name) }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            while !done {
                guard let event = try xml.next() else { throw xml.fail("unexpected end of the page") }
                switch event {
                case let .startElement(name, attributes):
                    switch name.localName {
                    case "body":
                        guard let source = attributes.value(of: "data-source-lang") else {
                            throw xml.fail("not a Bitext review page: <body> has no data-source-lang")
                        }
                        started = true
                        var header = DocumentHeader(sourceLanguage: source, targetLanguage: attributes.value(of: "data-target-lang"))
                        header.line = xml.location.line
                        return .startDocument(header)
                    case "h2" where attributes.value(of: "data-file") != nil:
                        try xml.skipElement()
                        fileCount += 1
                        inFile = true
                        return .startFile(FileInfo(id: attributes.value(of: "data-file")!, original: attributes.value(of: "data-original")))
                    case "tr" where attributes.value(of: "data-id") != nil:
                        guard started else { throw xml.fail("a unit row before the page's <body data-source-lang>") }
                        guard fileCount > 0 else { throw xml.fail("a unit row outside a file section (<h2 data-file>)") }
                        let unit = try readUnit(attributes)
                        if let previous = pending {
                            pending = unit
                            return .unit(previous)
                        }
                        pending = unit
                    case "tr" where attributes.value(of: "class") == "details":
                        let notes = try readNotes()
                        if var unit = pending.take() {
                            unit.notes = notes
                            return .unit(unit)
                        }
                    case "html", "table", "tbody", "head":
                        continue
                    default:
                        try xml.skipElement()
                    }
                case let .endElement(name):
                    if name.localName == "tbody", let unit = pending.take() { return .unit(unit) }
                    if name.localName == "table" && inFile {
                        inFile = false
                        return .endFile
                    }
                    if name.localName == "html" {
                        done = true
                        guard started else { throw xml.fail("not a Bitext review page") }
                        return .endDocument
                    }
                default:
                    continue
                }
            }
            return nil
        }

        private func readUnit(_ attributes: [XMLAttribute]) throws(ExchangeError) -> TranslationUnit {
            guard let id = attributes.value(of: "data-id") else { throw xml.fail("a unit row without data-id") }
            guard let state = attributes.value(of: "data-state").flatMap(UnitState.init(name:)) else {
                throw xml.fail("a unit without a known data-state", unit: id)
            }
            var unit = TranslationUnit(id: id, source: Content(), state: state)
            unit.line = xml.location.line
            unit.translate = attributes.value(of: "data-translate") != "no"
            unit.originalRange = attributes.value(of: "data-range").flatMap { Range(offsets: $0) }
            while true {
                switch try xml.require() {
                case let .startElement(name, attrs) where name.localName == "td":
                    let cls = attrs.value(of: "class")?.split(separator: " ").first.map(String.init)
                    switch cls {
                    case "source": unit.source = try readCell(unit: id, terms: &unit.terms)
                    case "target":
                        var ignored: [TermAnnotation] = []
                        unit.target = try readCell(unit: id, terms: &ignored)
                    default: try xml.skipElement()
                    }
                case .startElement:
                    try xml.skipElement()
                case .endElement:
                    return unit
                default:
                    continue
                }
            }
        }

        /// The notes of a details row, whose start tag was just read; findings are not read back.
        private func readNotes() throws(ExchangeError) -> [String] {
            var notes: [String] = []
            var depth = 1
            while depth > 0 {
                switch try xml.require() {
                case let .startElement(name, attrs) where name.localName == "li" && attrs.value(of: "class") == "note":
                    notes.append(try xml.readText(in: "li"))
                case .startElement: depth += 1
                case .endElement: depth -= 1
                default: break
                }
            }
            return notes
        }

        private func readCell(unit: String, terms: inout [TermAnnotation]) throws(ExchangeError) -> Content {
            var content = ContentBuilder()
            while true {
                switch try xml.require() {
                case let .text(t, _):
                    content.appendText(t)
                case let .startElement(name, attrs) where name.localName == "code":
                    let kind = attrs.value(of: "data-kind").flatMap(InlineCode.Kind.init(rawValue:)) ?? .placeholder
                    content.append(.code(InlineCode(kind, id: attrs.value(of: "data-code") ?? "", data: try xml.readText(in: "code"))))
                case let .startElement(name, attrs) where name.localName == "mark":
                    let start = content.textLength
                    let text = try xml.readText(in: "mark")
                    content.appendText(text)
                    let dnt = attrs.value(of: "class")?.contains("dnt") ?? false
                    terms.append(TermAnnotation(range: start..<content.textLength, term: text, translate: !dnt))
                case let .startElement(name, _):
                    throw xml.fail("<\(name.qualifiedName)> is not expected in a unit's text", unit: unit)
                case .endElement:
                    return content.content
                default:
                    continue
                }
            }
        }
    }
}
