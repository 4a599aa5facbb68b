#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
                try writePlural()
            case let .unit(u):
                if let form = u.pluralForm {
                    if let group = plural.first?.pluralForm?.group, group != form.group { try writePlural() }
                    plural.append(u)
                    if form.index == form.count - 1 { try writePlural() }
                } else {
                    try writePlural()
                    try writeUnit(u)
                }
                try sink.flushIfFull()
            case .endDocument:
                try writePlural()
                try sink.flush()
            }
        }

        /// The forms of a plural message read so far, written as one entry when the group is complete.
        private var plural: [TranslationUnit] = []

        /// One entry with `msgid_plural` and `msgstr[N]` for the forms of a plural message: the
        /// first form's source is `msgid`, the second's `msgid_plural`; comments and flags are the
        /// first form's, fuzzy when any form needs review.
        private func writePlural() throws(ExchangeError) {
            guard let first = plural.first, let group = first.pluralForm?.group else { return }
            let forms = plural.sorted { ($0.pluralForm?.index ?? 0) < ($1.pluralForm?.index ?? 0) }
            plural = []
            var head = first
            if forms.contains(where: { $0.state == .needsReview }) { head.state = .needsReview }
            try writeUnit(head, entry: { () throws(ExchangeError) in
                try keyword("msgctxt", group, unit: first.id)
                try keyword("msgid", forms[0].source.flattened, unit: first.id)
                try keyword("msgid_plural", (forms.count > 1 ? forms[1] : forms[0]).source.flattened, unit: first.id)
                let count = max(forms.count, first.pluralForm?.count ?? 0)
                for k in 0..<count {
                    let target = forms.first { $0.pluralForm?.index == k }?.target.flattened ?? ""
                    sink.append("msgstr[\(k)]")
                    try keyword("", target, unit: first.id)
                }
            })
        }

        private func writeUnit(_ u: TranslationUnit) throws(ExchangeError) {
            try writeUnit(u, entry: { () throws(ExchangeError) in
                try keyword("msgctxt", u.id, unit: u.id)
                try keyword("msgid", u.source.flattened, unit: u.id)
                try keyword("msgstr", u.target.flattened, unit: u.id)
            })
        }

        /// Comments and flags of `u`, then the entry's keywords.
        private func writeUnit(_ u: TranslationUnit, entry: () throws(ExchangeError) -> Void) throws(ExchangeError) {
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
            try entry()
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
            var value = value
            let bad: UInt8? = value.withUTF8 { bytes -> UInt8? in
                let n = bytes.count
                var firstNewline = n
                if let base = bytes.baseAddress, let found = memchr(base, 0x0A, n) {
                    firstNewline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                if firstNewline >= n - 1 {
                    sink.append(0x20)
                    if let b = appendQuoted(bytes, newline: false) { return b }
                    sink.append(0x0A)
                    return nil
                }
                sink.append(" \"\"\n")
                var lineStart = 0
                while true {
                    var lineEnd = lineStart
                    while lineEnd < n && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                    let last = lineEnd == n
                    if last && lineStart == n { break }
                    if let b = appendQuoted(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), newline: !last) { return b }
                    sink.append(0x0A)
                    if last { break }
                    lineStart = lineEnd + 1
                }
                return nil
            }
            if let bad { throw Self.uncarried(bad, unit: unit) }
        }

        private func writeQuoted(_ text: String, unit: String) throws(ExchangeError) {
            var text = text
            let bad = text.withUTF8 { appendQuoted($0, newline: false) }
            if let bad { throw Self.uncarried(bad, unit: unit) }
        }

        private static func uncarried(_ b: UInt8, unit: String) -> ExchangeError {
            ExchangeError("U+\(ByteSink.hex(UInt32(b))) cannot be carried by PO", unit: unit)
        }

        /// Appends `"…"` with the bytes escaped (and `\n` before the closing quote when `newline`);
        /// returns the first byte PO cannot carry, having written what came before it.
        private func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, newline: Bool) -> UInt8? {
            sink.append(0x22)
            let n = bytes.count
            var run = 0
            var i = 0
            while i < n {
                let b = bytes[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F {
                    i += 1
                    continue
                }
                if run < i { sink.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
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
                default: return b
                }
                i += 1
                run = i
            }
            if run < n { sink.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<n])) }
            if newline { sink.append("\\n") }
            sink.append(0x22)
            return nil
        }
    }
}
