import BitextCore
import BitextXML

extension TMX {
    /// Reads TMX 1.1–1.4 as a stream of units: the `tuv` in the header's `srclang` is the source,
    /// the first other `tuv` the target. Language tags compare case-insensitively.
    public final class Reader: ExchangeReader {
        private let xml: XMLSource
        private var done = false
        private var header: DocumentHeader?
        private var startedFile = false
        private var unitCount = 0
        /// The target language: given, or the first non-source language seen.
        private var targetLanguage: String?

        /// - Parameter targetLanguage: Which `tuv` is the target when a `tu` has several.
        public init(path: String, targetLanguage: String? = nil) throws(ExchangeError) {
            xml = try XMLSource(path: path)
            self.targetLanguage = targetLanguage
        }

        public init(bytes: [UInt8], name: String = "<tmx>", targetLanguage: String? = nil) {
            xml = XMLSource(bytes: bytes, name: name)
            self.targetLanguage = targetLanguage
        }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            if header != nil && !startedFile {
                startedFile = true
                return .startFile(FileInfo(id: "f1"))
            }
            while !done {
                guard let event = try xml.next() else { throw xml.fail("unexpected end of the document") }
                switch event {
                case let .startElement(name, attributes):
                    switch name.localName {
                    case "tmx":
                        continue
                    case "header":
                        guard let source = attributes.value(of: "srclang") else { throw xml.fail("<header> without srclang") }
                        let h = DocumentHeader(sourceLanguage: source, targetLanguage: targetLanguage, tool: attributes.value(of: "creationtool"))
                        header = h
                        try xml.skipElement()
                        return .startDocument(h)
                    case "body":
                        guard header != nil else { throw xml.fail("<body> before <header>") }
                    case "tu":
                        return .unit(try readUnit(attributes))
                    default:
                        try xml.skipElement()
                    }
                case let .endElement(name):
                    if name.localName == "tmx" {
                        done = true
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

        private func readUnit(_ attributes: [XMLAttribute]) throws(ExchangeError) -> TranslationUnit {
            unitCount += 1
            let id = attributes.value(of: "tuid") ?? String(unitCount)
            let sourceLanguage = header!.sourceLanguage.lowercased()
            var unit = TranslationUnit(id: id, source: Content())
            var state: UnitState?
            var sawSource = false
            while true {
                switch try xml.require() {
                case let .startElement(name, attrs):
                    switch name.localName {
                    case "note":
                        unit.notes.append(try xml.readText(in: "note"))
                    case "prop":
                        let value = try xml.readText(in: "prop")
                        switch attrs.value(of: "type") {
                        case TMX.stateProp:
                            guard let s = UnitState(name: value) else { throw xml.fail("unknown state \"\(value)\"", unit: id) }
                            state = s
                        case TMX.translateProp:
                            unit.translate = value != "no"
                        case TMX.rangeProp:
                            let parts = value.split(separator: "-").compactMap { Int($0) }
                            if parts.count == 2, parts[0] <= parts[1] { unit.originalRange = parts[0]..<parts[1] }
                        default:
                            break
                        }
                    case "tuv":
                        guard let lang = (attrs.xmlLang ?? attrs.value(of: "lang"))?.lowercased() else {
                            throw xml.fail("<tuv> without xml:lang", unit: id)
                        }
                        let content = try readTUV(unit: id)
                        if lang == sourceLanguage && !sawSource {
                            unit.source = content
                            sawSource = true
                        } else if targetLanguage == nil || targetLanguage!.lowercased() == lang {
                            if targetLanguage == nil { targetLanguage = lang }
                            unit.target = content
                        }
                    default:
                        try xml.skipElement()
                    }
                case .endElement:
                    guard sawSource else { throw xml.fail("<tu> without a <tuv> in the source language \(sourceLanguage)", unit: id) }
                    unit.state = state ?? (unit.target.isEmpty ? .new : .translated)
                    return unit
                default:
                    continue
                }
            }
        }

        private func readTUV(unit: String) throws(ExchangeError) -> Content {
            var content = Content()
            var sawSeg = false
            while true {
                switch try xml.require() {
                case let .startElement(name, _) where name.localName == "seg":
                    sawSeg = true
                    content = try readSeg(unit: unit)
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

        private func readSeg(unit: String) throws(ExchangeError) -> Content {
            var content = Content()
            var hiDepth = 0
            while true {
                switch try xml.require() {
                case let .text(t, _):
                    content.append(.text(t))
                case let .startElement(name, attrs):
                    func code() throws(ExchangeError) -> String {
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
                    switch name.localName {
                    case "ph":
                        content.append(.code(InlineCode(.placeholder, id: attrs.value(of: "x") ?? attrs.value(of: "i") ?? "", data: try code())))
                    case "bpt":
                        content.append(.code(InlineCode(.open, id: attrs.value(of: "i") ?? "", data: try code())))
                    case "ept":
                        content.append(.code(InlineCode(.close, id: attrs.value(of: "i") ?? "", data: try code())))
                    case "it":
                        let kind: InlineCode.Kind = attrs.value(of: "pos") == "end" ? .close : .open
                        content.append(.code(InlineCode(kind, id: attrs.value(of: "x") ?? "", data: try code())))
                    case "hi", "ut":
                        hiDepth += 1
                    default:
                        throw xml.fail("<\(name.qualifiedName)> is not allowed in <seg>", unit: unit)
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
