extension ReviewPage {
    /// Writes the review page. Glossary terms in the source are `<mark>`ed with their approved
    /// renderings in `title`; inline codes appear as small grey tags.
    public final class Writer: ExchangeWriter {
        private let sink: ByteSink
        private let options: WriteOptions
        private let findings: [String: [Finding]]
        private var header: DocumentHeader?
        private var units = 0
        private var bodyOpen = false

        /// - Parameter findings: Findings per unit id, shown under the unit.
        public init(sink: ByteSink, options: WriteOptions = WriteOptions(), findings: [String: [Finding]] = [:]) {
            self.sink = sink
            self.options = options
            self.findings = findings
        }

        public func write(_ event: ExchangeEvent) throws(ExchangeError) {
            switch event {
            case let .startDocument(h):
                header = h
                let target = h.targetLanguage ?? "?"
                sink.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                sink.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                sink.append("<meta name=\"generator\"")
                try attribute("content", "Bitext \(options.toolVersion)")
                sink.append("/>\n<title>")
                try text("Review: \(h.sourceLanguage) → \(target)")
                sink.append("</title>\n<style>\n")
                sink.append(ReviewPage.style)
                sink.append("\n</style>\n</head>\n<body")
                try attribute("data-source-lang", h.sourceLanguage)
                if let t = h.targetLanguage { try attribute("data-target-lang", t) }
                sink.append(">\n<h1>")
                try text("Translation review: \(h.sourceLanguage) → \(target)")
                sink.append("</h1>\n<p class=\"summary\">")
                try text("Source and target side by side. Highlighted: glossary terms; hover for the approved rendering. Written by Bitext \(options.toolVersion).")
                sink.append("</p>\n")
            case let .startFile(f):
                sink.append("<h2")
                try attribute("data-file", f.id)
                if let o = f.original { try attribute("data-original", o) }
                sink.append(">")
                try text(f.original ?? f.id)
                sink.append("</h2>\n<table>\n<colgroup><col class=\"id\"/><col/><col/><col class=\"state\"/></colgroup>\n<thead><tr><th>ID</th><th>")
                try text("Source (\(header?.sourceLanguage ?? "?"))")
                sink.append("</th><th>")
                try text("Target (\(header?.targetLanguage ?? "?"))")
                sink.append("</th><th>State</th></tr></thead>\n<tbody>\n")
                bodyOpen = true
            case let .unit(u):
                try writeUnit(u)
                try sink.flushIfFull()
            case .endFile:
                sink.append("</tbody>\n</table>\n")
                bodyOpen = false
            case .endDocument:
                sink.append("</body>\n</html>\n")
                try sink.flush()
            }
        }

        private func writeUnit(_ u: TranslationUnit) throws(ExchangeError) {
            units += 1
            let unitFindings = findings[u.id] ?? []
            let hasDetails = !u.notes.isEmpty || !unitFindings.isEmpty
            sink.append("<tr class=\"unit state-")
            sink.append(u.state.rawValue)
            if !u.translate { sink.append(" no-translate") }
            if hasDetails { sink.append(" has-details") }
            sink.append("\"")
            try attribute("data-id", u.id)
            try attribute("data-state", u.state.rawValue)
            if !u.translate { sink.append(" data-translate=\"no\"") }
            if let r = u.originalRange { sink.append(" data-range=\"\(r.offsetsText)\"") }
            sink.append(">\n<td class=\"id\">")
            try text(u.id, unit: u.id)
            sink.append("</td>\n<td class=\"source")
            if u.source.isEmpty { sink.append(" empty") }
            sink.append("\" dir=\"auto\"")
            try attribute("lang", header?.sourceLanguage ?? "")
            sink.append(">")
            try content(u.source, terms: u.terms, unit: u.id)
            sink.append("</td>\n<td class=\"target")
            if u.target.isEmpty { sink.append(" empty") }
            sink.append("\" dir=\"auto\"")
            if let t = header?.targetLanguage { try attribute("lang", t) }
            sink.append(">")
            try content(u.target, terms: [], unit: u.id)
            sink.append("</td>\n<td class=\"state\"><span>")
            sink.append(u.state.rawValue)
            sink.append(u.translate ? "" : " · locked")
            sink.append("</span></td>\n</tr>\n")
            guard hasDetails else { return }
            sink.append("<tr class=\"details\"><td></td><td colspan=\"3\">")
            if !u.notes.isEmpty {
                sink.append("<ul class=\"notes\">")
                for note in u.notes {
                    sink.append("<li class=\"note\">")
                    try text(note, unit: u.id)
                    sink.append("</li>")
                }
                sink.append("</ul>")
            }
            if !unitFindings.isEmpty {
                sink.append("<ul class=\"findings\">")
                for f in unitFindings {
                    sink.append("<li")
                    try attribute("class", f.severity)
                    sink.append("><b>")
                    try text("\(f.severity) · \(f.rule)", unit: u.id)
                    sink.append("</b> ")
                    try text(f.message, unit: u.id)
                    sink.append("</li>")
                }
                sink.append("</ul>")
            }
            sink.append("</td></tr>\n")
        }

        private func content(_ content: Content, terms: [TermAnnotation], unit: String) throws(ExchangeError) {
            let marks = XLIFF2.TermMarks(TranslationUnit(id: unit, source: content, terms: terms))
            var offset = 0
            for piece in content.pieces {
                switch piece {
                case let .text(t):
                    let length = t.utf8.count
                    var cursor = 0
                    for (index, term) in terms.enumerated() {
                        guard marks.ids[index] != nil, let r = term.range, r.lowerBound >= offset, r.upperBound <= offset + length else { continue }
                        let start = r.lowerBound - offset, end = r.upperBound - offset
                        guard start >= cursor else { continue }
                        try text(t.utf8Slice(cursor..<start), unit: unit)
                        sink.append("<mark class=\"term")
                        if !term.translate { sink.append(" dnt") }
                        sink.append("\"")
                        let hint = term.translate
                            ? (term.translations.isEmpty ? "no approved rendering" : term.translations.joined(separator: " · "))
                            : "do not translate"
                        try attribute("title", hint + (term.definition.map { " — " + $0 } ?? ""))
                        sink.append(">")
                        try text(t.utf8Slice(start..<end), unit: unit)
                        sink.append("</mark>")
                        cursor = end
                    }
                    try text(t.utf8Slice(cursor..<length), unit: unit)
                    offset += length
                case let .code(code):
                    sink.append("<code class=\"tag\" data-kind=\"")
                    sink.append(code.kind.rawValue)
                    sink.append("\"")
                    try attribute("data-code", code.id)
                    sink.append(">")
                    try text(code.data, unit: unit)
                    sink.append("</code>")
                }
            }
        }

        private func text(_ s: String, unit: String = "-") throws(ExchangeError) {
            try sink.appendXML(s, invalid: .fail(unit: unit, format: ReviewPage.formatName))
        }

        private func attribute(_ name: StaticString, _ value: String) throws(ExchangeError) {
            try sink.appendAttribute(name, value, unit: "-", format: ReviewPage.formatName)
        }
    }
}
