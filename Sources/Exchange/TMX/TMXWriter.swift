extension TMX {
    /// Writes TMX 1.4b. A unit without a target gets only its source `tuv`. The unit's state, translate
    /// flag, original range and file go into `prop`s, its notes into `note`s.
    public final class Writer: ExchangeWriter {
        private let sink: ByteSink
        private let options: WriteOptions
        private var header: DocumentHeader?
        private var file: FileInfo?
        private var fileCount = 0

        public init(sink: ByteSink, options: WriteOptions = WriteOptions()) {
            self.sink = sink
            self.options = options
        }

        public func write(_ event: ExchangeEvent) throws(ExchangeError) {
            switch event {
            case let .startDocument(h):
                header = h
                sink.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n  <header creationtool=\"Bitext\"")
                try sink.appendAttribute("creationtoolversion", options.toolVersion, unit: "-", format: TMX.formatName)
                sink.append(" segtype=\"sentence\" o-tmf=\"Bitext\" adminlang=\"en\"")
                try sink.appendAttribute("srclang", h.sourceLanguage, unit: "-", format: TMX.formatName)
                sink.append(" datatype=\"plaintext\"/>\n  <body>\n")
            case let .startFile(f):
                fileCount += 1
                file = f
            case let .unit(u):
                try writeUnit(u)
                try sink.flushIfFull()
            case .endFile:
                file = nil
            case .endDocument:
                sink.append("  </body>\n</tmx>\n")
                try sink.flush()
            }
        }

        private func writeUnit(_ u: TranslationUnit) throws(ExchangeError) {
            guard let header else { throw ExchangeError("a unit before the document start", unit: u.id) }
            let policy = ByteSink.InvalidCharacterPolicy.fail(unit: u.id, format: TMX.formatName)
            let hasTarget = !u.target.isEmpty || (u.state != .new && u.state != .needsTranslation)
            if hasTarget && header.targetLanguage == nil {
                throw ExchangeError("the unit has a target, but the document has no target language", unit: u.id)
            }
            sink.append("    <tu")
            try sink.appendAttribute("tuid", u.id, unit: u.id, format: TMX.formatName)
            sink.append(">\n")
            for note in u.notes {
                sink.append("      <note>")
                try sink.appendXML(note, invalid: policy)
                sink.append("</note>\n")
            }
            let defaultState: UnitState = u.target.isEmpty ? .new : .translated
            if u.state != defaultState { try prop(TMX.stateProp, u.state.rawValue, unit: u.id) }
            if !u.translate { try prop(TMX.translateProp, "no", unit: u.id) }
            if let r = u.originalRange { try prop(TMX.rangeProp, "\(r.offsetsText)", unit: u.id) }
            if fileCount > 1 || file?.original != nil, let file { try prop(TMX.fileProp, file.original ?? file.id, unit: u.id) }
            try tuv(header.sourceLanguage, u.source, policy: policy)
            if hasTarget, let target = header.targetLanguage { try tuv(target, u.target, policy: policy) }
            sink.append("    </tu>\n")
        }

        private func prop(_ type: String, _ value: String, unit: String) throws(ExchangeError) {
            sink.append("      <prop type=\"")
            sink.append(type)
            sink.append("\">")
            try sink.appendXML(value, invalid: .fail(unit: unit, format: TMX.formatName))
            sink.append("</prop>\n")
        }

        private func tuv(_ language: String, _ content: Content, policy: ByteSink.InvalidCharacterPolicy) throws(ExchangeError) {
            sink.append("      <tuv")
            try sink.appendAttribute("xml:lang", language, unit: "-", format: TMX.formatName)
            sink.append("><seg>")
            let pairs = content.pairedCodeIDs
            for piece in content.pieces {
                switch piece {
                case let .text(t):
                    try sink.appendXML(t, invalid: policy)
                case let .code(code):
                    let i = TMX.numericID(code.id)
                    switch code.kind {
                    case .placeholder:
                        sink.append("<ph x=\"\(i)\">")
                        try sink.appendXML(code.data, invalid: policy)
                        sink.append("</ph>")
                    case .open where pairs.contains(code.id):
                        sink.append("<bpt i=\"\(i)\" x=\"\(i)\">")
                        try sink.appendXML(code.data, invalid: policy)
                        sink.append("</bpt>")
                    case .close where pairs.contains(code.id):
                        sink.append("<ept i=\"\(i)\">")
                        try sink.appendXML(code.data, invalid: policy)
                        sink.append("</ept>")
                    case .open, .close:
                        sink.append(code.kind == .open ? "<it pos=\"begin\" x=\"\(i)\">" : "<it pos=\"end\" x=\"\(i)\">")
                        try sink.appendXML(code.data, invalid: policy)
                        sink.append("</it>")
                    }
                }
            }
            sink.append("</seg></tuv>\n")
        }
    }

    /// TMX's `i` and `x` attributes are numbers: a numeric code id is used as it is, any other
    /// gets a stable number from its characters.
    static func numericID(_ id: String) -> Int {
        if let n = Int(id), n >= 0 { return n }
        var hash: UInt32 = 2_166_136_261
        for b in id.utf8 { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        return Int(hash % 1_000_000) + 1_000_000
    }
}
