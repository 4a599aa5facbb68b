#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BitextCore
import BitextICU

extension PO {
    /// Reads a PO file entry by entry. The unit id is `msgctxt`, or the entry's number when there is
    /// none; the header gives the languages. Plural entries are refused, since a unit has one target.
    public final class Reader: ExchangeReader {
        private let lines: LineReader
        private let defaultSource: String
        private var phase = 0 // 0: before the header, 1: in units, 2: file ended, 3: done
        private var lookahead: Entry?
        private var entryCount = 0

        /// - Parameter sourceLanguage: Used when the header has no X-Source-Language.
        /// A catalogue in another charset (`charset=CP1251` in its header, or UTF-16 with a byte
        /// order mark) is read in its UTF-8 form; errors then give byte offsets in the file.
        public init(path: String, sourceLanguage: String = "") throws(ExchangeError) {
            defaultSource = sourceLanguage
            let head = (try? FileBytes.head(path, count: 64 << 10)) ?? []
            guard let (charset, mark) = PO.declaredCharset(head) else {
                lines = try LineReader(path: path)
                return
            }
            let all: [UInt8]
            do { all = try FileBytes.read(path) } catch {
                throw ExchangeError(error.reason, location: SourceLocation(file: path), kind: .unreadable)
            }
            let original = Array(all[min(mark, all.count)...])
            do {
                lines = LineReader(bytes: try Transcoding.utf8(original, from: charset), name: path)
            } catch {
                let offset = error.byteOffset.map { $0 + mark }
                throw ExchangeError(offset.map { "\(error.message) at byte \($0) (the catalogue is in \(charset))" } ?? "\(error.message) (named by the header's charset)",
                                    location: SourceLocation(file: path, byteOffset: offset ?? 0))
            }
            transcoded = (charset, original, mark)
        }

        /// The charset and byte-order-mark length, when the catalogue is not UTF-8.
        private var transcoded: (charset: String, original: [UInt8], mark: Int)?

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
            /// `msgid_plural`, and `msgstr[N]` by N.
            var pluralID: String?
            var pluralStrings: [String] = []
        }

        private var warningList = WarningList()
        public var warnings: [ExchangeWarning] { warningList.all }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            guard let transcoded else { return try nextEvent() }
            do { return try nextEvent() } catch {
                // Offsets in the converted text become offsets in the file.
                var error = error
                if let offset = error.location?.byteOffset {
                    error.location?.byteOffset = transcoded.mark + Transcoding.sourceOffset(ofUTF8: offset, in: transcoded.original, from: transcoded.charset)
                }
                throw error
            }
        }

        private func nextEvent() throws(ExchangeError) -> ExchangeEvent? {
            switch phase {
            case 0:
                phase = 1
                var header = DocumentHeader(sourceLanguage: defaultSource)
                if let first = try readEntry() {
                    if first.context == nil && first.id == "" {
                        header.line = first.line > 0 ? first.line : nil
                        for field in (first.string ?? "").split(separator: "\n") {
                            guard let colon = field.firstIndex(of: ":") else { continue }
                            let key = field[..<colon].trimming(" ").lowercased()
                            let value = field[field.index(after: colon)...].trimming(" ")
                            if key == "language" && !value.isEmpty { header.targetLanguage = value }
                            if key == "x-source-language" && !value.isEmpty { header.sourceLanguage = value }
                            if key == "x-generator" { header.tool = value }
                            if key == "plural-forms", let n = value.split(separator: ";").first(where: { $0.trimming(" ").hasPrefix("nplurals") }),
                               let count = Int(n.split(separator: "=").last.map { $0.trimming(" ") } ?? ""), count >= 1, count <= 32 {
                                pluralCount = count
                            }
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
                if !pendingUnits.isEmpty { return .unit(pendingUnits.removeFirst()) }
                var entry = lookahead.take()
                if entry == nil { entry = try readEntry() }
                if let entry {
                    var units = try self.units(entry)
                    let first = units.removeFirst()
                    pendingUnits = units
                    return .unit(first)
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
        /// The other forms of a plural entry, handed out after its first.
        private var pendingUnits: [TranslationUnit] = []
        /// `nplurals` of the header's Plural-Forms: how many forms the target language has.
        private var pluralCount: Int?

        /// One unit, or for a plural entry one unit per form of the target language (as many as
        /// `Plural-Forms` says, or as the entry has): form 0 translates `msgid`, the others `msgid_plural`.
        private func units(_ entry: Entry) throws(ExchangeError) -> [TranslationUnit] {
            guard entry.plural else { return [try unit(entry)] }
            let location = SourceLocation(file: lines.name, line: entry.line)
            guard let singular = entry.id, let plural = entry.pluralID else { throw ExchangeError("a plural entry without msgid", location: location) }
            guard !entry.pluralStrings.isEmpty else { throw ExchangeError("a plural entry without msgstr[0]", location: location) }
            let count = max(pluralCount ?? 0, entry.pluralStrings.count, 2)
            entryCount += 1
            let base = entry.context ?? String(entryCount)
            return (0..<count).map { k in
                var form = entry
                form.id = k == 0 ? singular : plural
                form.string = k < entry.pluralStrings.count ? entry.pluralStrings[k] : ""
                form.context = base
                var unit = self.unit(form, counted: false)
                unit.id = base + "[\(k)]"
                unit.pluralForm = PluralForm(group: base, index: k, count: count)
                return unit
            }
        }

        private func unit(_ entry: Entry) throws(ExchangeError) -> TranslationUnit {
            guard entry.id != nil else {
                throw ExchangeError("an entry without msgid", location: SourceLocation(file: lines.name, line: entry.line))
            }
            return unit(entry, counted: true)
        }

        private func unit(_ entry: Entry, counted: Bool) -> TranslationUnit {
            if counted { entryCount += 1 }
            let source = entry.id ?? ""
            let target = entry.string ?? ""
            var state: UnitState = target.isEmpty ? .new : .translated
            if entry.flags.contains("fuzzy") { state = .needsReview }
            if entry.flags.contains(PO.finalFlag) { state = .final }
            if entry.flags.contains(PO.needsTranslationFlag) { state = .needsTranslation }
            if entry.flags.contains(PO.newFlag) { state = .new }
            if entry.flags.contains(PO.translatedFlag) { state = .translated }
            var unit = TranslationUnit(id: entry.context ?? String(entryCount), source: Content(source), target: Content(target),
                                       state: state, notes: entry.notes, translate: !entry.flags.contains(PO.noTranslateFlag), terms: entry.terms)
            unit.line = entry.line > 0 ? entry.line : nil
            return unit
        }

        /// What a line is, with byte offsets into it that match the `Character`-based reading of PO
        /// (trimming spaces and tabs, prefixes, the keyword up to a space, tab or quote).
        private struct LineShape {
            enum Kind { case blank, comment, quoted, keyword }
            var kind: Kind
            /// The line without a final CR.
            var lineEnd: Int
            /// The line without leading and trailing spaces and tabs.
            var trimStart: Int
            var trimEnd: Int
            /// For keywords: where the keyword ends and where its quoted value starts.
            var keywordEnd = 0
            var restStart = 0
            /// The keyword as the `Character`-based reading compares it, when the line was read that way.
            var characterKeyword: Keyword?
        }

        private enum Keyword: Equatable {
            case context, id, idPlural, string, stringPlural, unknown
        }

        /// Reads one entry: comments, then keywords with their continuation lines.
        private func readEntry() throws(ExchangeError) -> Entry? {
            var entry = Entry()
            var current: Field?
            var sawKeyword = false
            var sawString = false
            var noteLines: [String] = []
            var translatorLines: [String] = []
            var hasContext = false, hasID = false, hasString = false
            contextBytes.removeAll(keepingCapacity: true)
            idBytes.removeAll(keepingCapacity: true)
            stringBytes.removeAll(keepingCapacity: true)
            pluralIDBytes.removeAll(keepingCapacity: true)
            pluralStringBytes.removeAll(keepingCapacity: true)
            var hasPluralID = false
            func fail(_ message: String) -> ExchangeError {
                ExchangeError(message, location: SourceLocation(file: lines.name, line: lines.lineNumber, byteOffset: lines.lineOffset))
            }
            while let bytes = try lines.nextLineBytes() {
                let shape = Self.shape(of: bytes)
                switch shape.kind {
                case .blank:
                    if sawKeyword { break }
                    continue
                case .comment:
                    if sawString {
                        lines.pushBack()
                        break
                    }
                    if entry.line == 0 { entry.line = lines.lineNumber }
                    let line = validUTF8String(UnsafeBufferPointer(rebasing: bytes[0..<shape.lineEnd]))
                    let trimmed = validUTF8String(UnsafeBufferPointer(rebasing: bytes[shape.trimStart..<shape.trimEnd]))
                    if trimmed.hasPrefix("#~") {
                        warningList.add("obsolete entries (#~) are not read", SourceLocation(file: lines.name, line: lines.lineNumber))
                        continue
                    }
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
                    } else if trimmed.hasPrefix("#:") {
                        warningList.add("source references (#:) are not kept", SourceLocation(file: lines.name, line: lines.lineNumber))
                        continue
                    } else if trimmed.hasPrefix("#|") {
                        warningList.add("previous strings (#|) are not kept", SourceLocation(file: lines.name, line: lines.lineNumber))
                        continue
                    } else {
                        var text = String(line.drop(while: { $0 == " " || $0 == "\t" }).dropFirst())
                        if text.hasPrefix(" ") { text.removeFirst() }
                        translatorLines.append(text)
                    }
                    continue
                case .quoted:
                    guard let field = current else { throw fail("a string outside msgctxt, msgid or msgstr") }
                    let value = UnsafeBufferPointer(rebasing: bytes[shape.trimStart..<shape.trimEnd])
                    switch field {
                    case .context: try unquote(value, into: &contextBytes, fail: fail)
                    case .id: try unquote(value, into: &idBytes, fail: fail)
                    case .string: try unquote(value, into: &stringBytes, fail: fail)
                    case .idPlural: try unquote(value, into: &pluralIDBytes, fail: fail)
                    case let .stringPlural(k): try unquote(value, into: &pluralStringBytes[k], fail: fail)
                    }
                    continue
                case .keyword:
                    let keyword = shape.characterKeyword
                        ?? Self.keyword(UnsafeBufferPointer(rebasing: bytes[shape.trimStart..<shape.keywordEnd]))
                    if (keyword == .context || keyword == .id) && sawString {
                        lines.pushBack()
                        break
                    }
                    if entry.line == 0 { entry.line = lines.lineNumber }
                    sawKeyword = true
                    let field: Field
                    switch keyword {
                    case .context:
                        guard !hasContext, !hasID else { throw fail("msgctxt after msgid, or twice") }
                        field = .context
                    case .id:
                        guard !hasID else { throw fail("msgid twice in one entry") }
                        field = .id
                    case .idPlural:
                        guard hasID, !hasPluralID, !sawString else { throw fail("msgid_plural must follow msgid, once") }
                        entry.plural = true
                        field = .idPlural
                    case .string:
                        guard hasID else { throw fail("msgstr before msgid") }
                        guard !hasPluralID else { throw fail("a plural entry needs msgstr[0], msgstr[1], …, not msgstr") }
                        sawString = true
                        field = .string
                    case .stringPlural:
                        let text = validUTF8String(UnsafeBufferPointer(rebasing: bytes[shape.trimStart..<shape.keywordEnd]))
                        guard hasPluralID else { throw fail("\(text) without msgid_plural") }
                        guard let open = text.firstIndex(of: "["), let close = text.lastIndex(of: "]"), open < close,
                              let k = Int(text[text.index(after: open)..<close]), k == pluralStringBytes.count, k < 32 else {
                            throw fail("\(text): the forms must be numbered msgstr[0], msgstr[1], … in order")
                        }
                        sawString = true
                        pluralStringBytes.append([])
                        field = .stringPlural(k)
                    case .unknown:
                        let text = validUTF8String(UnsafeBufferPointer(rebasing: bytes[shape.trimStart..<shape.keywordEnd]))
                        throw fail("unknown keyword \"\(text)\"")
                    }
                    current = field
                    // The string may start on the next line (`msgstr[0]` alone, then `"…"`): then the
                    // keyword's own string is empty.
                    let rest = shape.restStart < shape.trimEnd ? shape.restStart..<shape.trimEnd : shape.trimEnd..<shape.trimEnd
                    let value = UnsafeBufferPointer(rebasing: bytes[rest])
                    switch field {
                    case .context:
                        hasContext = true
                        contextBytes.removeAll(keepingCapacity: true)
                        try unquoteUnlessEmpty(value, into: &contextBytes, fail: fail)
                    case .id:
                        hasID = true
                        idBytes.removeAll(keepingCapacity: true)
                        try unquoteUnlessEmpty(value, into: &idBytes, fail: fail)
                    case .string:
                        hasString = true
                        stringBytes.removeAll(keepingCapacity: true)
                        try unquoteUnlessEmpty(value, into: &stringBytes, fail: fail)
                    case .idPlural:
                        hasPluralID = true
                        try unquoteUnlessEmpty(value, into: &pluralIDBytes, fail: fail)
                    case let .stringPlural(k):
                        try unquoteUnlessEmpty(value, into: &pluralStringBytes[k], fail: fail)
                    }
                    continue
                }
                break
            }
            if !noteLines.isEmpty { entry.notes.append(noteLines.joined(separator: "\n")) }
            if !translatorLines.isEmpty { entry.notes.append(translatorLines.joined(separator: "\n")) }
            guard sawKeyword else { return nil }
            // Every piece was checked to be UTF-8 when it was unquoted.
            if hasContext { entry.context = contextBytes.withUnsafeBufferPointer { validUTF8String($0) } }
            if hasID { entry.id = idBytes.withUnsafeBufferPointer { validUTF8String($0) } }
            if hasString { entry.string = stringBytes.withUnsafeBufferPointer { validUTF8String($0) } }
            if hasPluralID {
                entry.pluralID = pluralIDBytes.withUnsafeBufferPointer { validUTF8String($0) }
                entry.pluralStrings = pluralStringBytes.map { $0.withUnsafeBufferPointer { validUTF8String($0) } }
            }
            return entry
        }

        private enum Field { case context, id, string, idPlural, stringPlural(Int) }

        private var pluralIDBytes: [UInt8] = []
        private var pluralStringBytes: [[UInt8]] = []
        private var contextBytes: [UInt8] = []
        private var idBytes: [UInt8] = []
        private var stringBytes: [UInt8] = []

        private static func keyword(_ b: UnsafeBufferPointer<UInt8>) -> Keyword {
            func equals(_ literal: StaticString) -> Bool {
                literal.utf8CodeUnitCount == b.count && memcmp(literal.utf8Start, b.baseAddress!, b.count) == 0
            }
            guard b.count >= 5 else { return .unknown }
            if equals("msgid") { return .id }
            if equals("msgstr") { return .string }
            if equals("msgctxt") { return .context }
            if equals("msgid_plural") { return .idPlural }
            if b.count >= 7 && memcmp(("msgstr[" as StaticString).utf8Start, b.baseAddress!, 7) == 0 { return .stringPlural }
            return .unknown
        }

        /// Classifies a line on its bytes when that gives what the `Character`-based reading gives
        /// (always, unless a non-ASCII scalar sits where a grapheme cluster could join it to a space,
        /// tab, `#`, quote or the keyword); otherwise falls back to that reading.
        private static func shape(of bytes: UnsafeBufferPointer<UInt8>) -> LineShape {
            var lineEnd = bytes.count
            while lineEnd > 0 && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }  // CR LF, and CR CR LF from a double conversion
            var a = 0
            while a < lineEnd && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
            if a == lineEnd { return LineShape(kind: .blank, lineEnd: lineEnd, trimStart: a, trimEnd: a) }
            var b = lineEnd
            while b > a && (bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09) { b -= 1 }
            // A space before a combining mark, or after a prepended concatenation mark, joins its cluster.
            if (a > 0 && bytes[a] >= 0x80) || (b < lineEnd && bytes[b - 1] >= 0x80) || bytes[a] >= 0x80 {
                return characterShape(of: bytes, lineEnd: lineEnd)
            }
            let first = bytes[a]
            if first == UInt8(ascii: "#") || first == UInt8(ascii: "\"") {
                guard a + 1 == b || startsCluster(bytes, at: a + 1) else { return characterShape(of: bytes, lineEnd: lineEnd) }
                if first == UInt8(ascii: "#") {
                    // Comment prefixes are two characters; comments are read on `Character`s anyway.
                    guard a + 2 >= b || startsCluster(bytes, at: a + 2) else { return characterShape(of: bytes, lineEnd: lineEnd) }
                    return LineShape(kind: .comment, lineEnd: lineEnd, trimStart: a, trimEnd: b)
                }
                return LineShape(kind: .quoted, lineEnd: lineEnd, trimStart: a, trimEnd: b)
            }
            var k = a
            while k < b {
                let c = bytes[k]
                if c >= 0x80 { return characterShape(of: bytes, lineEnd: lineEnd) }
                if c == 0x20 || c == 0x09 || c == 0x22 { break }
                k += 1
            }
            if k + 1 < b && !startsCluster(bytes, at: k + 1) { return characterShape(of: bytes, lineEnd: lineEnd) }
            var r = k
            while r < b && (bytes[r] == 0x20 || bytes[r] == 0x09) { r += 1 }
            if r > k && r < b && !startsCluster(bytes, at: r) { return characterShape(of: bytes, lineEnd: lineEnd) }
            return LineShape(kind: .keyword, lineEnd: lineEnd, trimStart: a, trimEnd: b, keywordEnd: k, restStart: r)
        }

        /// Whether a grapheme cluster boundary falls before the scalar at `i`, whatever ASCII character precedes it.
        private static func startsCluster(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
            let b0 = bytes[i]
            if b0 < 0x80 { return true }
            var scalars = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<min(i + 4, bytes.count)]), as: UTF8.self).unicodeScalars
            guard let scalar = scalars.first else { return false }
            let v = scalar.value
            // Latin, Greek and Cyrillic letters never extend a cluster.
            if v < 0x300 || (v >= 0x370 && v < 0x483) || (v >= 0x48A && v < 0x530) { return true }
            scalars = "a".unicodeScalars
            scalars.append(scalar)
            return String(scalars).count == 2
        }

        /// The shape as the `Character`-based reading sees it, as byte offsets.
        private static func characterShape(of bytes: UnsafeBufferPointer<UInt8>, lineEnd: Int) -> LineShape {
            let line = validUTF8String(UnsafeBufferPointer(rebasing: bytes[0..<lineEnd]))
            let blanks: Set<Character> = [" ", "\t"]
            func offset(_ index: String.Index) -> Int { line.utf8.distance(from: line.startIndex, to: index) }
            guard let first = line.firstIndex(where: { !blanks.contains($0) }) else {
                return LineShape(kind: .blank, lineEnd: lineEnd, trimStart: lineEnd, trimEnd: lineEnd)
            }
            let last = line.lastIndex(where: { !blanks.contains($0) })!
            let end = line.index(after: last)
            let trimmed = line[first..<end]
            var shape = LineShape(kind: .keyword, lineEnd: lineEnd, trimStart: offset(first), trimEnd: offset(end))
            if trimmed.hasPrefix("#") {
                shape.kind = .comment
            } else if trimmed.hasPrefix("\"") {
                shape.kind = .quoted
            } else {
                let keywordEnd = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\"" }) ?? trimmed.endIndex
                let restStart = trimmed[keywordEnd...].firstIndex(where: { !blanks.contains($0) }) ?? trimmed.endIndex
                shape.keywordEnd = offset(keywordEnd)
                shape.restStart = offset(restStart)
                let keyword = String(trimmed[..<keywordEnd])
                switch keyword {
                case "msgctxt": shape.characterKeyword = .context
                case "msgid": shape.characterKeyword = .id
                case "msgid_plural": shape.characterKeyword = .idPlural
                case "msgstr": shape.characterKeyword = .string
                default: shape.characterKeyword = keyword.hasPrefix("msgstr[") ? .stringPlural : .unknown
                }
            }
            return shape
        }

        /// Appends the decoded content of a double-quoted PO string.
        /// A keyword's string, where the keyword may stand alone with its string on the next lines.
        private func unquoteUnlessEmpty(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8],
                                        fail: (String) -> ExchangeError) throws(ExchangeError) {
            if bytes.isEmpty { return }
            try unquote(bytes, into: &out, fail: fail)
        }

        private func unquote(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8],
                             fail: (String) -> ExchangeError) throws(ExchangeError) {
            guard bytes.count >= 2, bytes[0] == 0x22, bytes[bytes.count - 1] == 0x22 else { throw fail("expected a string in double quotes") }
            let pieceStart = out.count
            var numeric = false
            var i = 1
            let end = bytes.count - 1
            var run = i
            while i < end {
                let b = bytes[i]
                if b != 0x22 && b != 0x5C {
                    i += 1
                    continue
                }
                if b == 0x22 { throw fail("an unescaped double quote inside a string") }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
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
                    numeric = true
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
                    numeric = true
                default:
                    throw fail("unknown escape \\\(Character(Unicode.Scalar(e)))")
                }
                run = i
            }
            if run < end { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<end])) }
            // The line is valid UTF-8 and other escapes give ASCII, so only numeric escapes can break it.
            if numeric {
                let invalid = out.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: $0[pieceStart...])) }
                if invalid != nil { throw fail("escapes that do not form UTF-8") }
            }
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
