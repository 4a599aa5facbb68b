extension PO {
    /// Writes a PO file with a header (Language, Plural-Forms, X-Source-Language) and one entry per unit.
    public final class Writer: ExchangeWriter {
        private let sink: ByteSink
        private let options: WriteOptions
        private var header: DocumentHeader?

        public init(sink: ByteSink, options: WriteOptions = WriteOptions()) {
            self.sink = sink
            self.options = options
        }

        public func write(_ event: ExchangeEvent) throws(ExchangeError) {
            switch event {
            case let .startDocument(h):
                header = h
                let target = h.targetLanguage ?? ""
                var fields = [
                    "Project-Id-Version: Bitext export",
                    "MIME-Version: 1.0",
                    "Content-Type: text/plain; charset=UTF-8",
                    "Content-Transfer-Encoding: 8bit",
                    "Language: \(target)",
                ]
                if !target.isEmpty { fields.append("Plural-Forms: \(PO.pluralForms(target))") }
                fields.append("X-Source-Language: \(h.sourceLanguage)")
                fields.append("X-Generator: Bitext \(options.toolVersion)")
                sink.append("msgid \"\"\nmsgstr \"\"\n")
                for field in fields {
                    try writeQuoted(field + "\n", unit: "header")
                    sink.append(0x0A)
                }
            case .startFile, .endFile:
                break
            case let .unit(u):
                try writeUnit(u)
                try sink.flushIfFull()
            case .endDocument:
                try sink.flush()
            }
        }

        private func writeUnit(_ u: TranslationUnit) throws(ExchangeError) {
            sink.append(0x0A)
            for note in u.notes {
                try comment("#. ", note, unit: u.id)
            }
            for term in u.terms {
                try comment("#. ", PO.glossaryPrefix + XLIFF12.glossaryNote(term), unit: u.id)
            }
            var flags: [String] = []
            let target = u.target.flattened
            switch u.state {
            case .needsReview: flags.append("fuzzy")
            case .final: flags.append(PO.finalFlag)
            case .needsTranslation: flags.append(PO.needsTranslationFlag)
            case .new where !target.isEmpty: flags.append(PO.newFlag)
            case .translated where target.isEmpty: flags.append(PO.translatedFlag)
            case .new, .translated: break
            }
            if !u.translate { flags.append(PO.noTranslateFlag) }
            if !flags.isEmpty {
                sink.append("#, ")
                sink.append(flags.joined(separator: ", "))
                sink.append(0x0A)
            }
            try keyword("msgctxt", u.id, unit: u.id)
            try keyword("msgid", u.source.flattened, unit: u.id)
            try keyword("msgstr", target, unit: u.id)
        }

        private func comment(_ prefix: StaticString, _ text: String, unit: String) throws(ExchangeError) {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.contains("\r") { throw ExchangeError("a PO comment cannot carry a carriage return", unit: unit) }
                sink.append(prefix)
                sink.append(String(line))
                sink.append(0x0A)
            }
        }

        /// `keyword "…"`, or `keyword ""` followed by one quoted line per text line.
        private func keyword(_ name: StaticString, _ value: String, unit: String) throws(ExchangeError) {
            sink.append(name)
            let lines = value.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
            if lines.count <= 2 && (lines.count == 1 || lines[1].isEmpty) {
                sink.append(0x20)
                try writeQuoted(value, unit: unit)
                sink.append(0x0A)
                return
            }
            sink.append(" \"\"\n")
            for (index, line) in lines.enumerated() {
                let last = index == lines.count - 1
                if last && line.isEmpty { break }
                try writeQuoted(String(Substring(line)) + (last ? "" : "\n"), unit: unit)
                sink.append(0x0A)
            }
        }

        private func writeQuoted(_ text: String, unit: String) throws(ExchangeError) {
            sink.append(0x22)
            for b in text.utf8 {
                switch b {
                case 0x22: sink.append("\\\"")
                case 0x5C: sink.append("\\\\")
                case 0x0A: sink.append("\\n")
                case 0x0D: sink.append("\\r")
                case 0x09: sink.append("\\t")
                case 0x07: sink.append("\\a")
                case 0x08: sink.append("\\b")
                case 0x0B: sink.append("\\v")
                case 0x0C: sink.append("\\f")
                case 0x00..<0x20, 0x7F:
                    throw ExchangeError("U+\(ByteSink.hex(UInt32(b))) cannot be carried by PO", unit: unit)
                default: sink.append(b)
                }
            }
            sink.append(0x22)
        }
    }
}
