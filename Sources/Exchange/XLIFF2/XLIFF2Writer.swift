extension XLIFF2 {
    /// Writes XLIFF 2.1: one `<unit>` with one `<segment>` per translation unit, glossary matches in
    /// `gls:glossary` and as `<mrk type="term">` in the source, inline codes as `<ph>`, `<sc>` and `<ec>`
    /// with their markup in `<originalData>`.
    public final class Writer: ExchangeWriter {
        private let sink: ByteSink
        private let options: WriteOptions
        private var header: DocumentHeader?
        private var fileCount = 0

        public init(sink: ByteSink, options: WriteOptions = WriteOptions()) {
            self.sink = sink
            self.options = options
        }

        public func write(_ event: ExchangeEvent) throws(ExchangeError) {
            switch event {
            case let .startDocument(h):
                header = h
                sink.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"")
                sink.append(" xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\" xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" xmlns:bx=\"urn:bitext:xliff:extensions:1\" version=\"2.1\"")
                try sink.appendAttribute("srcLang", h.sourceLanguage, unit: "-", format: formatName)
                if let t = h.targetLanguage { try sink.appendAttribute("trgLang", t, unit: "-", format: formatName) }
                sink.append(">\n")
            case let .startFile(f):
                fileCount += 1
                sink.append("  <file")
                try sink.appendAttribute("id", f.id, unit: "-", format: formatName)
                if let o = f.original { try sink.appendAttribute("original", o, unit: "-", format: formatName) }
                sink.append(">\n")
            case let .unit(u):
                try writeUnit(u)
                try sink.flushIfFull()
            case .endFile:
                sink.append("  </file>\n")
            case .endDocument:
                sink.append("</xliff>\n")
                try sink.flush()
            }
        }

        private func writeUnit(_ u: TranslationUnit) throws(ExchangeError) {
            let hasTarget = !u.target.isEmpty || (u.state != .new && u.state != .needsTranslation)
            if hasTarget && header?.targetLanguage == nil {
                throw ExchangeError("the unit has a target, but the document has no target language", unit: u.id)
            }
            sink.append("    <unit")
            // XLIFF 2 ids are NMTOKENs; another id (Xcode's "/%d change(s)", gettext's contexts, a
            // plural form's "3[1]") is written escaped, and kept as it was in bx:id.
            if XMLNames.isNMTOKEN(u.id) {
                try sink.appendAttribute("id", u.id, unit: u.id, format: formatName)
            } else {
                try sink.appendAttribute("id", XLIFF2.nmtoken(u.id), unit: u.id, format: formatName)
                try sink.appendAttribute("bx:id", u.id, unit: u.id, format: formatName)
            }
            if let p = u.pluralForm {
                try sink.appendAttribute("bx:plural", "\(p.index) \(p.count)", unit: u.id, format: formatName)
                try sink.appendAttribute("bx:pluralGroup", p.group, unit: u.id, format: formatName)
            }
            if !u.translate { sink.append(" translate=\"no\"") }
            if let r = u.originalRange { sink.append(" bx:range=\"\(r.offsetsText)\"") }
            sink.append(">\n")
            let marks = TermMarks(u)
            let segmentID = marks.freeID("s")
            if !u.matches.isEmpty {
                sink.append("      <mtc:matches>\n")
                for match in u.matches {
                    sink.append("        <mtc:match ref=\"#\(segmentID)\" type=\"tm\" similarity=\"\(max(0, min(100, match.similarity)))\"")
                    if let origin = match.origin { try sink.appendAttribute("origin", origin, unit: u.id, format: formatName) }
                    sink.append(">\n          <source")
                    if ByteSink.needsPreserve(match.source) { sink.append(" xml:space=\"preserve\"") }
                    sink.append(">")
                    try sink.appendXML(match.source, invalid: .codePointElement)
                    sink.append("</source>\n          <target")
                    if ByteSink.needsPreserve(match.target) { sink.append(" xml:space=\"preserve\"") }
                    sink.append(">")
                    try sink.appendXML(match.target, invalid: .codePointElement)
                    sink.append("</target>\n        </mtc:match>\n")
                }
                sink.append("      </mtc:matches>\n")
            }
            if !u.terms.isEmpty {
                sink.append("      <gls:glossary>\n")
                for (index, term) in u.terms.enumerated() {
                    sink.append("        <gls:glossEntry")
                    if let mark = marks.ids[index] { sink.append(" ref=\"#\(mark)\"") }
                    sink.append(">\n          <gls:term")
                    if let origin = term.origin { try sink.appendAttribute("source", origin, unit: u.id, format: formatName) }
                    sink.append(">")
                    try sink.appendXML(term.term, invalid: .codePointElement)
                    sink.append("</gls:term>\n")
                    for t in term.translations {
                        sink.append("          <gls:translation>")
                        try sink.appendXML(t, invalid: .codePointElement)
                        sink.append("</gls:translation>\n")
                    }
                    if let d = term.definition {
                        sink.append("          <gls:definition>")
                        try sink.appendXML(d, invalid: .codePointElement)
                        sink.append("</gls:definition>\n")
                    }
                    sink.append("        </gls:glossEntry>\n")
                }
                sink.append("      </gls:glossary>\n")
            }
            if !u.notes.isEmpty {
                sink.append("      <notes>\n")
                for note in u.notes {
                    sink.append("        <note")
                    if ByteSink.needsPreserve(note) { sink.append(" xml:space=\"preserve\"") }
                    sink.append(">")
                    try sink.appendXML(note, invalid: .codePointElement)
                    sink.append("</note>\n")
                }
                sink.append("      </notes>\n")
            }
            let data = OriginalData(u)
            if !data.entries.isEmpty {
                sink.append("      <originalData>\n")
                for (index, markup) in data.entries.enumerated() {
                    sink.append("        <data id=\"d\(index + 1)\" xml:space=\"preserve\">")
                    try sink.appendXML(markup, invalid: .codePointElement)
                    sink.append("</data>\n")
                }
                sink.append("      </originalData>\n")
            }
            let (state, subState) = XLIFF2.attributes(for: u.state)
            sink.append("      <segment")
            if !u.matches.isEmpty { sink.append(" id=\"\(segmentID)\"") }
            sink.append(" state=\"")
            sink.append(state)
            sink.append("\"")
            if let subState {
                sink.append(" subState=\"")
                sink.append(subState)
                sink.append("\"")
            }
            sink.append(">\n        <source")
            if ByteSink.needsPreserve(u.source.text) { sink.append(" xml:space=\"preserve\"") }
            sink.append(">")
            try writeContent(u.source, marks: marks, data: data)
            sink.append("</source>\n")
            if hasTarget {
                sink.append("        <target")
                if ByteSink.needsPreserve(u.target.text) { sink.append(" xml:space=\"preserve\"") }
                sink.append(">")
                try writeContent(u.target, marks: nil, data: data)
                sink.append("</target>\n")
            }
            sink.append("      </segment>\n    </unit>\n")
        }

        private func writeContent(_ content: Content, marks: TermMarks?, data: OriginalData) throws(ExchangeError) {
            let pairs = content.pairedCodeIDs
            var offset = 0
            for piece in content.pieces {
                switch piece {
                case let .text(text):
                    guard let marks, !marks.spans.isEmpty else {
                        try sink.appendXML(text, invalid: .codePointElement)
                        offset += text.utf8.count
                        continue
                    }
                    let length = text.utf8.count
                    var cursor = 0
                    for span in marks.spans where span.range.lowerBound >= offset && span.range.upperBound <= offset + length {
                        let start = span.range.lowerBound - offset, end = span.range.upperBound - offset
                        guard start >= cursor else { continue }
                        try sink.appendXML(text.utf8Slice(cursor..<start), invalid: .codePointElement)
                        sink.append("<mrk id=\"\(span.id)\" type=\"term\"")
                        if !span.translate { sink.append(" translate=\"no\"") }
                        sink.append(">")
                        try sink.appendXML(text.utf8Slice(start..<end), invalid: .codePointElement)
                        sink.append("</mrk>")
                        cursor = end
                    }
                    try sink.appendXML(text.utf8Slice(cursor..<length), invalid: .codePointElement)
                    offset += length
                case let .code(code):
                    let ref = data.reference(code.data)
                    let id = XMLNames.isNMTOKEN(code.id) ? code.id : "c" + code.id.unicodeScalars.map { String($0.value) }.joined(separator: "-")
                    switch code.kind {
                    case .placeholder:
                        sink.append("<ph id=\"\(id)\" dataRef=\"\(ref)\"/>")
                    case .open:
                        sink.append("<sc id=\"\(id)\" dataRef=\"\(ref)\"")
                        if !pairs.contains(code.id) { sink.append(" isolated=\"yes\"") }
                        sink.append("/>")
                    case .close:
                        if pairs.contains(code.id) {
                            sink.append("<ec startRef=\"\(id)\" dataRef=\"\(ref)\"/>")
                        } else {
                            sink.append("<ec id=\"\(id)\" isolated=\"yes\" dataRef=\"\(ref)\"/>")
                        }
                    }
                }
            }
        }

        private var formatName: String { XLIFF2.formatName }
    }

    /// The `<mrk>` ids of the terms that can be marked in a unit's source: those with a range on
    /// character boundaries inside one text piece, not overlapping an earlier one.
    struct TermMarks {
        struct Span {
            var id: String
            var range: Range<Int>
            var translate: Bool
        }

        /// Per term index, its mark id, if marked.
        var ids: [Int: String] = [:]
        var spans: [Span] = []
        /// Ids already taken in the unit (codes and marks).
        private var used: Set<String> = []

        /// An id with `prefix` that no code or mark of the unit uses.
        func freeID(_ prefix: String) -> String {
            var n = 1
            while used.contains(prefix + String(n)) { n += 1 }
            return prefix + String(n)
        }

        init(_ unit: TranslationUnit) {
            used = Set(unit.source.codes.map(\.id) + unit.target.codes.map(\.id))
            guard !unit.terms.isEmpty else { return }
            let text = Array(unit.source.text.utf8)
            var pieceEnds: [Int] = []
            var offset = 0
            for case let .text(t) in unit.source.pieces {
                offset += t.utf8.count
                pieceEnds.append(offset)
            }
            let order = unit.terms.indices.filter { unit.terms[$0].range != nil }.sorted {
                unit.terms[$0].range!.lowerBound < unit.terms[$1].range!.lowerBound
            }
            var lastEnd = 0
            var counter = 0
            for index in order {
                let r = unit.terms[index].range!
                guard r.lowerBound >= lastEnd, r.lowerBound < r.upperBound, r.upperBound <= text.count,
                      Self.isBoundary(text, r.lowerBound), Self.isBoundary(text, r.upperBound) else { continue }
                // Both ends must lie in the same text piece.
                guard let piece = pieceEnds.firstIndex(where: { r.lowerBound < $0 }), r.upperBound <= pieceEnds[piece] else { continue }
                var id: String
                repeat {
                    counter += 1
                    id = "t\(counter)"
                } while used.contains(id)
                used.insert(id)
                ids[index] = id
                spans.append(Span(id: id, range: r, translate: unit.terms[index].translate))
                lastEnd = r.upperBound
            }
        }

        private static func isBoundary(_ bytes: [UInt8], _ offset: Int) -> Bool {
            offset == bytes.count || bytes[offset] & 0xC0 != 0x80
        }
    }

    /// The distinct markup strings of a unit's codes, numbered `d1`, `d2`, … for `<originalData>`.
    struct OriginalData {
        private(set) var entries: [String] = []
        private var index: [String: Int] = [:]

        init(_ unit: TranslationUnit) {
            for code in unit.source.codes + unit.target.codes where index[code.data] == nil {
                index[code.data] = entries.count
                entries.append(code.data)
            }
        }

        func reference(_ data: String) -> String { "d\(index[data]! + 1)" }
    }
}

extension Content {
    /// Ids of codes that open and close within this content, so need no `isolated` marking.
    var pairedCodeIDs: Set<String> {
        var open: Set<String> = []
        var paired: Set<String> = []
        for code in codes {
            switch code.kind {
            case .open: open.insert(code.id)
            case .close: if open.remove(code.id) != nil { paired.insert(code.id) }
            case .placeholder: break
            }
        }
        return paired
    }
}


