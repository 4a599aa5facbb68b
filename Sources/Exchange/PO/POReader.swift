import BitextCore

extension PO {
    /// Reads a PO file entry by entry. The unit id is `msgctxt`, or the entry's number when there is
    /// none; the header gives the languages. Plural entries are refused, since a unit has one target.
    public final class Reader: ExchangeReader {
        private let lines: LineReader
        private let defaultSource: String
        private var phase = 0 // 0: before the header, 1: in units, 2: file ended, 3: done
        private var lookahead: Entry?
        private var entryCount = 0
        private var pushedBack: String?

        /// - Parameter sourceLanguage: Used when the header has no X-Source-Language.
        public init(path: String, sourceLanguage: String = "") throws(ExchangeError) {
            lines = try LineReader(path: path)
            defaultSource = sourceLanguage
        }

        public init(bytes: [UInt8], name: String = "<po>", sourceLanguage: String = "") {
            lines = LineReader(bytes: bytes, name: name)
            defaultSource = sourceLanguage
        }

        struct Entry {
            var line = 0
            var context: String?
            var id: String?
            var string: String?
            var flags: [String] = []
            var notes: [String] = []
            var terms: [TermAnnotation] = []
            var plural = false
        }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            switch phase {
            case 0:
                phase = 1
                var header = DocumentHeader(sourceLanguage: defaultSource)
                if let first = try readEntry() {
                    if first.context == nil && first.id == "" {
                        for field in (first.string ?? "").split(separator: "\n") {
                            guard let colon = field.firstIndex(of: ":") else { continue }
                            let key = field[..<colon].trimming(" ").lowercased()
                            let value = field[field.index(after: colon)...].trimming(" ")
                            if key == "language" && !value.isEmpty { header.targetLanguage = value }
                            if key == "x-source-language" && !value.isEmpty { header.sourceLanguage = value }
                            if key == "x-generator" { header.tool = value }
                        }
                    } else {
                        lookahead = first
                    }
                }
                pendingFileStart = true
                return .startDocument(header)
            case 1:
                if pendingFileStart {
                    pendingFileStart = false
                    return .startFile(FileInfo(id: "f1"))
                }
                var entry = lookahead.take()
                if entry == nil { entry = try readEntry() }
                if let entry {
                    return .unit(try unit(entry))
                }
                phase = 2
                return .endFile
            case 2:
                phase = 3
                return .endDocument
            default:
                return nil
            }
        }

        private var pendingFileStart = false

        private func unit(_ entry: Entry) throws(ExchangeError) -> TranslationUnit {
            entryCount += 1
            let location = SourceLocation(file: lines.name, line: entry.line)
            guard !entry.plural else { throw ExchangeError("plural entries (msgid_plural) are not supported: a unit has one target", location: location) }
            guard let source = entry.id else { throw ExchangeError("an entry without msgid", location: location) }
            let target = entry.string ?? ""
            var state: UnitState = target.isEmpty ? .new : .translated
            if entry.flags.contains("fuzzy") { state = .needsReview }
            if entry.flags.contains(PO.finalFlag) { state = .final }
            if entry.flags.contains(PO.needsTranslationFlag) { state = .needsTranslation }
            if entry.flags.contains(PO.newFlag) { state = .new }
            if entry.flags.contains(PO.translatedFlag) { state = .translated }
            return TranslationUnit(id: entry.context ?? String(entryCount), source: Content(source), target: Content(target),
                                   state: state, notes: entry.notes, translate: !entry.flags.contains(PO.noTranslateFlag), terms: entry.terms)
        }

        private func nextLine() throws(ExchangeError) -> String? {
            if let line = pushedBack {
                pushedBack = nil
                return line
            }
            return try lines.nextLine()
        }

        /// Reads one entry: comments, then keywords with their continuation lines.
        private func readEntry() throws(ExchangeError) -> Entry? {
            var entry = Entry()
            var current: WritableKeyPath<Entry, String?>?
            var sawKeyword = false
            var sawString = false
            var noteLines: [String] = []
            var translatorLines: [String] = []
            func flushNotes() {
                if !noteLines.isEmpty { entry.notes.append(noteLines.joined(separator: "\n")) }
                if !translatorLines.isEmpty { entry.notes.append(translatorLines.joined(separator: "\n")) }
                noteLines = []
                translatorLines = []
            }
            while let raw = try nextLine() {
                let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
                let trimmed = line.trimming(" \t")
                func fail(_ message: String) -> ExchangeError {
                    ExchangeError(message, location: SourceLocation(file: lines.name, line: lines.lineNumber, byteOffset: lines.lineOffset))
                }
                if trimmed.isEmpty {
                    if sawKeyword { break }
                    continue
                }
                if trimmed.hasPrefix("#") {
                    if sawString {
                        pushedBack = raw
                        break
                    }
                    if entry.line == 0 { entry.line = lines.lineNumber }
                    if trimmed.hasPrefix("#~") { continue }
                    if trimmed.hasPrefix("#,") {
                        entry.flags += trimmed.dropFirst(2).split(separator: ",").map { $0.trimming(" ") }
                    } else if trimmed.hasPrefix("#.") {
                        var text = String(trimmed.dropFirst(2))
                        if text.hasPrefix(" ") { text.removeFirst() }
                        if text.hasPrefix(PO.glossaryPrefix), let term = XLIFF12.term(fromNote: String(text.dropFirst(PO.glossaryPrefix.count))) {
                            entry.terms.append(term)
                        } else {
                            noteLines.append(text)
                        }
                    } else if trimmed.hasPrefix("#:") || trimmed.hasPrefix("#|") {
                        continue
                    } else {
                        var text = String(line.drop(while: { $0 == " " || $0 == "\t" }).dropFirst())
                        if text.hasPrefix(" ") { text.removeFirst() }
                        translatorLines.append(text)
                    }
                    continue
                }
                if trimmed.hasPrefix("\"") {
                    guard let key = current else { throw fail("a string outside msgctxt, msgid or msgstr") }
                    entry[keyPath: key] = (entry[keyPath: key] ?? "") + (try unquote(trimmed, fail: fail))
                    continue
                }
                let keywordEnd = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\"" }) ?? trimmed.endIndex
                let keyword = String(trimmed[..<keywordEnd])
                let rest = trimmed[keywordEnd...].trimming(" \t")
                if (keyword == "msgctxt" || keyword == "msgid") && sawString {
                    pushedBack = raw
                    break
                }
                if entry.line == 0 { entry.line = lines.lineNumber }
                sawKeyword = true
                switch keyword {
                case "msgctxt":
                    guard entry.context == nil, entry.id == nil else { throw fail("msgctxt after msgid, or twice") }
                    current = \.context
                case "msgid":
                    guard entry.id == nil else { throw fail("msgid twice in one entry") }
                    current = \.id
                case "msgid_plural":
                    entry.plural = true
                    current = nil
                    continue
                case "msgstr":
                    guard entry.id != nil else { throw fail("msgstr before msgid") }
                    sawString = true
                    current = \.string
                default:
                    if keyword.hasPrefix("msgstr[") {
                        sawString = true
                        entry.plural = true
                        current = nil
                        continue
                    }
                    throw fail("unknown keyword \"\(keyword)\"")
                }
                entry[keyPath: current!] = try unquote(rest, fail: fail)
            }
            flushNotes()
            guard sawKeyword else { return nil }
            return entry
        }

        private func unquote(_ s: String, fail: (String) -> ExchangeError) throws(ExchangeError) -> String {
            let bytes = Array(s.utf8)
            guard bytes.count >= 2, bytes.first == 0x22, bytes.last == 0x22 else { throw fail("expected a string in double quotes") }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 1
            let end = bytes.count - 1
            while i < end {
                let b = bytes[i]
                if b == 0x22 { throw fail("an unescaped double quote inside a string") }
                guard b == 0x5C else {
                    out.append(b)
                    i += 1
                    continue
                }
                guard i + 1 < end else { throw fail("a backslash at the end of a string") }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "a"): out.append(0x07)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "v"): out.append(0x0B)
                case UInt8(ascii: "f"): out.append(0x0C)
                case 0x5C, 0x22, UInt8(ascii: "'"), UInt8(ascii: "?"): out.append(e)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = UInt32(e - 0x30)
                    var digits = 1
                    while digits < 3, i < end, (0x30...0x37).contains(bytes[i]) {
                        value = value * 8 + UInt32(bytes[i] - 0x30)
                        i += 1
                        digits += 1
                    }
                    guard value <= 0xFF else { throw fail("an octal escape above \\377") }
                    out.append(UInt8(value))
                case UInt8(ascii: "x"):
                    var value: UInt32 = 0
                    var digits = 0
                    while i < end, let d = Self.hexValue(bytes[i]), digits < 2 {
                        value = value * 16 + d
                        i += 1
                        digits += 1
                    }
                    guard digits > 0 else { throw fail("\\x without hexadecimal digits") }
                    out.append(UInt8(value))
                default:
                    throw fail("unknown escape \\\(Character(Unicode.Scalar(e)))")
                }
            }
            guard let text = String(validating: out, as: UTF8.self) else { throw fail("escapes that do not form UTF-8") }
            return text
        }

        private static func hexValue(_ b: UInt8) -> UInt32? {
            switch b {
            case 0x30...0x39: return UInt32(b - 0x30)
            case 0x41...0x46: return UInt32(b - 0x37)
            case 0x61...0x66: return UInt32(b - 0x57)
            default: return nil
            }
        }
    }
}

extension StringProtocol {
    /// The string without leading and trailing characters from `set`.
    func trimming(_ set: String) -> String {
        let chars = Set(set)
        guard let first = firstIndex(where: { !chars.contains($0) }) else { return "" }
        let last = lastIndex(where: { !chars.contains($0) })!
        return String(self[first...last])
    }
}

extension Optional {
    /// The value, leaving nil behind.
    mutating func take() -> Wrapped? {
        let value = self
        self = nil
        return value
    }
}
