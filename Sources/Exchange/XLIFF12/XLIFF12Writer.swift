extension XLIFF12 {
    /// Writes XLIFF 1.2 that validates against the strict schema and opens in OmegaT (with
    /// `prefillTarget`, since OmegaT ignores units without a non-empty target).
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
                sink.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n")
            case let .startFile(f):
                guard let h = header else { throw ExchangeError("a file before the document start") }
                sink.append("  <file")
                try sink.appendAttribute("original", f.original ?? f.id, unit: "-", format: formatName)
                try sink.appendAttribute("source-language", h.sourceLanguage, unit: "-", format: formatName)
                if let t = h.targetLanguage { try sink.appendAttribute("target-language", t, unit: "-", format: formatName) }
                sink.append(" datatype=\"plaintext\" tool-id=\"bitext\">\n    <header>\n      <tool tool-id=\"bitext\" tool-name=\"Bitext\"")
                try sink.appendAttribute("tool-version", options.toolVersion, unit: "-", format: formatName)
                sink.append("/>\n    </header>\n    <body>\n")
            case let .unit(u):
                // The forms of a plural message go into one group, as gettext's XLIFF does.
                if let form = u.pluralForm {
                    if openPlural != form.group {
                        closePlural()
                        sink.append("      <group restype=\"x-gettext-plurals\"")
                        try sink.appendAttribute("id", form.group, unit: u.id, format: formatName)
                        sink.append(">\n")
                        openPlural = form.group
                    }
                    try writeUnit(u)
                    if form.index == form.count - 1 { closePlural() }
                } else {
                    closePlural()
                    try writeUnit(u)
                }
                try sink.flushIfFull()
            case .endFile:
                closePlural()
                sink.append("    </body>\n  </file>\n")
            case .endDocument:
                sink.append("</xliff>\n")
                try sink.flush()
            }
        }

        /// The group of the plural message being written.
        private var openPlural: String?

        private func closePlural() {
            if openPlural != nil { sink.append("      </group>\n") }
            openPlural = nil
        }

        private func writeUnit(_ u: TranslationUnit) throws(ExchangeError) {
            let policy = ByteSink.InvalidCharacterPolicy.fail(unit: u.id, format: formatName)
            var target = u.target
            var prefilled = false
            if target.isEmpty && options.prefillTarget && !u.source.isEmpty {
                target = u.source
                prefilled = true
            }
            // A state other than new needs a <target> to sit on, even an empty one.
            let hasTarget = !target.isEmpty || u.state != .new
            if hasTarget && header?.targetLanguage == nil {
                throw ExchangeError("the unit has a target, but the document has no target language", unit: u.id)
            }
            sink.append("      <trans-unit")
            try sink.appendAttribute("id", u.id, unit: u.id, format: formatName)
            if !u.translate { sink.append(" translate=\"no\"") }
            if let r = u.originalRange { sink.append(" extradata=\"range=\(r.offsetsText)\"") }
            if ByteSink.needsPreserve(u.source.text) || ByteSink.needsPreserve(target.text) || u.notes.contains(where: ByteSink.needsPreserve) {
                sink.append(" xml:space=\"preserve\"")
            }
            sink.append(">\n        <source>")
            try writeContent(u.source, policy: policy)
            sink.append("</source>\n")
            if hasTarget {
                sink.append("        <target state=\"")
                sink.append(XLIFF12.stateValue(u.state))
                sink.append("\"")
                if prefilled { sink.append(" state-qualifier=\"x-bitext-prefilled\"") }
                sink.append(">")
                try writeContent(target, policy: policy)
                sink.append("</target>\n")
            }
            for note in u.notes {
                sink.append("        <note>")
                try sink.appendXML(note, invalid: policy)
                sink.append("</note>\n")
            }
            for match in u.matches {
                sink.append("        <alt-trans match-quality=\"\(max(0, min(100, match.similarity)))\"")
                if let origin = match.origin { try sink.appendAttribute("origin", origin, unit: u.id, format: formatName) }
                sink.append(">\n          <source>")
                try sink.appendXML(match.source, invalid: policy)
                sink.append("</source>\n          <target>")
                try sink.appendXML(match.target, invalid: policy)
                sink.append("</target>\n        </alt-trans>\n")
            }
            for term in u.terms {
                sink.append("        <note from=\"bitext-glossary\" annotates=\"source\">")
                try sink.appendXML(XLIFF12.glossaryNote(term), invalid: policy)
                sink.append("</note>\n")
            }
            sink.append("      </trans-unit>\n")
        }

        private func writeContent(_ content: Content, policy: ByteSink.InvalidCharacterPolicy) throws(ExchangeError) {
            let pairs = content.pairedCodeIDs
            for piece in content.pieces {
                switch piece {
                case let .text(t):
                    try sink.appendXML(t, invalid: policy)
                case let .code(code):
                    let element: StaticString
                    var extra = ""
                    switch code.kind {
                    case .placeholder: element = "ph"
                    case .open where pairs.contains(code.id): element = "bpt"
                    case .close where pairs.contains(code.id): element = "ept"
                    case .open:
                        element = "it"
                        extra = " pos=\"open\""
                    case .close:
                        element = "it"
                        extra = " pos=\"close\""
                    }
                    sink.append("<")
                    sink.append(element)
                    try sink.appendAttribute("id", code.id, unit: "-", format: formatName)
                    sink.append(extra)
                    sink.append(">")
                    try sink.appendXML(code.data, invalid: policy)
                    sink.append("</")
                    sink.append(element)
                    sink.append(">")
                }
            }
        }

        private var formatName: String { XLIFF12.formatName }
    }
}
