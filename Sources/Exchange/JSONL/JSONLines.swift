import BitextCore

/// JSON Lines for data pipelines: one `{"id","source","target","state","notes"}` object per line,
/// plus `"translate": false` for non-translatable units and `"range": [start, end]` when known.
public enum JSONLines {
    /// Writes one object per unit.
    public final class Writer: ExchangeWriter {
        private let sink: ByteSink
        private var scratch: [UInt8] = []

        public init(sink: ByteSink) { self.sink = sink }

        public func write(_ event: ExchangeEvent) throws(ExchangeError) {
            switch event {
            case let .unit(u):
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: "{\"id\":".utf8)
                quote(u.id)
                scratch.append(contentsOf: ",\"source\":".utf8)
                quote(u.source.flattened)
                scratch.append(contentsOf: ",\"target\":".utf8)
                quote(u.target.flattened)
                scratch.append(contentsOf: ",\"state\":\"".utf8)
                scratch.append(contentsOf: u.state.rawValue.utf8)
                scratch.append(contentsOf: "\",\"notes\":[".utf8)
                for (i, note) in u.notes.enumerated() {
                    if i > 0 { scratch.append(0x2C) }
                    quote(note)
                }
                scratch.append(0x5D)
                if !u.translate { scratch.append(contentsOf: ",\"translate\":false".utf8) }
                if let r = u.originalRange { scratch.append(contentsOf: ",\"range\":[\(r.lowerBound),\(r.upperBound)]".utf8) }
                if let p = u.pluralForm {
                    scratch.append(contentsOf: ",\"plural\":{\"group\":".utf8)
                    quote(p.group)
                    scratch.append(contentsOf: ",\"form\":\(p.index),\"count\":\(p.count)}".utf8)
                }
                scratch.append(contentsOf: "}\n".utf8)
                scratch.withUnsafeBufferPointer { sink.append(contentsOf: $0) }
                try sink.flushIfFull()
            case .endDocument:
                try sink.flush()
            case .startDocument, .startFile, .endFile:
                break
            }
        }

        private func quote(_ s: String) {
            var s = s
            scratch.append(0x22)
            s.withUTF8 { JSONEscaping.appendEscaped($0, to: &scratch) }
            scratch.append(0x22)
        }
    }

    /// Reads one object per line; blank lines are skipped.
    public final class Reader: ExchangeReader {
        private let lines: LineReader
        private let header: DocumentHeader
        private var phase = 0
        private var seen: [String: Int] = [:]

        /// - Parameters:
        ///   - sourceLanguage: JSON Lines does not record languages; these fill the header.
        public init(path: String, sourceLanguage: String = "", targetLanguage: String? = nil) throws(ExchangeError) {
            lines = try LineReader(path: path)
            header = DocumentHeader(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        }

        public init(bytes: [UInt8], name: String = "<jsonl>", sourceLanguage: String = "", targetLanguage: String? = nil) {
            lines = LineReader(bytes: bytes, name: name)
            header = DocumentHeader(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        }

        static let knownKeys: Set<String> = ["id", "source", "target", "state", "notes", "note", "translate", "range", "plural"]
        private var warningList = WarningList()
        public var warnings: [ExchangeWarning] { warningList.all }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            switch phase {
            case 0:
                phase = 1
                return .startDocument(header)
            case 1:
                phase = 2
                return .startFile(FileInfo(id: "f1"))
            case 2:
                while let line = try lines.nextLine() {
                    if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
                    return .unit(try unit(line))
                }
                phase = 3
                return .endFile
            case 3:
                phase = 4
                return .endDocument
            default:
                return nil
            }
        }

        private func unit(_ line: String) throws(ExchangeError) -> TranslationUnit {
            let lineNumber = lines.lineNumber
            func fail(_ message: String, column: Int? = nil) -> ExchangeError {
                ExchangeError(message, location: SourceLocation(file: lines.name, line: lineNumber, column: column))
            }
            let object: JSONValue
            do { object = try JSONValue.parse(Array(line.utf8)) } catch {
                throw fail("not valid JSON: \(error.message)", column: error.offset + 1)
            }
            guard case let .object(members) = object else { throw fail("each line must be a JSON object") }
            for (key, _) in members where !Self.knownKeys.contains(key) {
                warningList.add("key \"\(key.prefix(80))\" not kept (Bitext reads \(Self.knownKeys.sorted().joined(separator: ", ")))",
                                SourceLocation(file: lines.name, line: lineNumber))
            }
            guard case let .string(source)? = object["source"] else { throw fail("no \"source\" string") }
            let id: String
            switch object["id"] {
            case let .string(s)?: id = s
            case let .number(n)?: id = n
            case nil: id = String(lineNumber)
            default: throw fail("\"id\" must be a string or a number")
            }
            if let earlier = seen[id] { throw fail("the id \"\(id)\" is used again (first on line \(earlier))") }
            seen[id] = lineNumber
            var target = ""
            switch object["target"] {
            case let .string(s)?: target = s
            case .null?, nil: break
            default: throw fail("\"target\" must be a string")
            }
            var state: UnitState?
            switch object["state"] {
            case let .string(name)?:
                guard let value = UnitState(name: name) else {
                    throw fail("unknown state \"\(name)\" (expected one of \(UnitState.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                state = value
            case .null?, nil: break
            default: throw fail("\"state\" must be a string")
            }
            var notes: [String] = []
            switch object["notes"] ?? object["note"] {
            case let .array(items)?:
                for item in items {
                    guard case let .string(s) = item else { throw fail("\"notes\" must hold strings") }
                    notes.append(s)
                }
            case let .string(s)? where !s.isEmpty: notes = [s]
            default: break
            }
            var unit = TranslationUnit(id: id, source: Content(source), target: Content(target), state: state, notes: notes)
            unit.line = lineNumber
            if case let .bool(translate)? = object["translate"] { unit.translate = translate }
            if case let .array(range)? = object["range"], range.count == 2,
               case let .number(a) = range[0], case let .number(b) = range[1], let lo = Int(a), let hi = Int(b), lo <= hi {
                unit.originalRange = lo..<hi
            }
            if case let .object(fields)? = object["plural"] {
                let plural = Dictionary(fields, uniquingKeysWith: { a, _ in a })
                guard case let .string(group)? = plural["group"], case let .number(f)? = plural["form"], case let .number(c)? = plural["count"],
                      let form = Int(f), let count = Int(c), form >= 0, form < count, count <= 32 else {
                    throw fail("\"plural\" needs \"group\", and \"form\" below \"count\" (at most 32)")
                }
                unit.pluralForm = PluralForm(group: group, index: form, count: count)
            }
            return unit
        }
    }
}
