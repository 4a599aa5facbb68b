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
                guard let token = try xml.nextMarkupToken() else { throw xml.fail("unexpected end of the document") }
                switch token {
                case .startElement:
                    switch xml.localName {
                    case "tu":
                        return .unit(try readUnit())
                    case "tmx":
                        continue
                    case "header":
                        guard let source = xml.attribute("srclang") else { throw xml.fail("<header> without srclang") }
                        let h = DocumentHeader(sourceLanguage: source, targetLanguage: targetLanguage, tool: xml.attribute("creationtool"))
                        header = h
                        try xml.skipElement()
                        return .startDocument(h)
                    case "body":
                        guard header != nil else { throw xml.fail("<body> before <header>") }
                    default:
                        try xml.skipElement()
                    }
                case .endElement:
                    if xml.localName == "tmx" {
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

        /// Language tags as written and lowercased, so that each is lowercased once (a cache of four entries).
        private var lowercasedTags: [(String, String)] = []

        private func lowercased(_ tag: String) -> String {
            for (written, lower) in lowercasedTags where written == tag { return lower }
            let lower = tag.lowercased()
            if lowercasedTags.count >= 4 { lowercasedTags.removeFirst() }
            lowercasedTags.append((tag, lower))
            return lower
        }

        private func readUnit() throws(ExchangeError) -> TranslationUnit {
            unitCount += 1
            let id = xml.attribute("tuid") ?? String(unitCount)
            let sourceLanguage = lowercased(header!.sourceLanguage)
            var unit = TranslationUnit(id: id, source: Content())
            var state: UnitState?
            var sawSource = false
            while true {
                switch try xml.requireMarkupToken() {
                case .startElement:
                    switch xml.localName {
                    case "tuv":
                        guard let tag = xml.xmlLang ?? xml.attribute("lang") else {
                            throw xml.fail("<tuv> without xml:lang", unit: id)
                        }
                        let lang = tag == sourceLanguage ? tag : lowercased(tag)
                        let content = try readTUV(unit: id)
                        if lang == sourceLanguage && !sawSource {
                            unit.source = content
                            sawSource = true
                        } else if targetLanguage == nil || lowercased(targetLanguage!) == lang {
                            if targetLanguage == nil { targetLanguage = lang }
                            unit.target = content
                        }
                    case "prop":
                        let type = xml.attribute("type")
                        guard type == TMX.stateProp || type == TMX.translateProp || type == TMX.rangeProp else {
                            try xml.skipText(in: "prop")
                            continue
                        }
                        let value = try xml.readText(in: "prop")
                        switch type {
                        case TMX.stateProp:
                            guard let s = UnitState(name: value) else { throw xml.fail("unknown state \"\(value)\"", unit: id) }
                            state = s
                        case TMX.translateProp:
                            unit.translate = value != "no"
                        case TMX.rangeProp:
                            unit.originalRange = Range(offsets: value)
                        default:
                            break
                        }
                    case "note":
                        unit.notes.append(try xml.readText(in: "note"))
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
                switch try xml.requireMarkupToken() {
                case .startElement where xml.localName == "seg":
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
