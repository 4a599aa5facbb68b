import BitextCore
import Foundation

/// Bilingual CSV (RFC 4180) and TSV (backslash escapes for tab, newline, carriage return and
/// backslash) with an `id,source,target,state,note` header. Inline codes travel as their markup.
///
/// Reading also takes a headerless two-column file (source, target), where the id is the line
/// number, and any header that names `source` and `target` (plus optional `id`, `state`, `note`,
/// `translate`).
public enum DelimitedUnits {
    static let columns = ["id", "source", "target", "state", "note"]

    /// Writes one row per unit after the header.
    public final class Writer: ExchangeWriter {
        private let sink: ByteSink
        private let dialect: DelimitedText.Dialect

        public init(sink: ByteSink, dialect: DelimitedText.Dialect) {
            self.sink = sink
            self.dialect = dialect
        }

        public func write(_ event: ExchangeEvent) throws(ExchangeError) {
            switch event {
            case .startDocument:
                sink.append(DelimitedText.encodeRow(DelimitedUnits.columns, dialect: dialect))
            case let .unit(u):
                let fields = [u.id, u.source.flattened, u.target.flattened, u.state.rawValue, u.notes.joined(separator: "\n")]
                if dialect == .csv, let bad = fields.first(where: { $0.utf8.contains(0) }) {
                    _ = bad
                    throw ExchangeError("U+0000 cannot be carried by CSV", unit: u.id)
                }
                sink.append(DelimitedText.encodeRow(fields, dialect: dialect))
                try sink.flushIfFull()
            case .startFile, .endFile:
                break
            case .endDocument:
                try sink.flush()
            }
        }
    }

    /// Reads the whole file, then hands out its units.
    public final class Reader: ExchangeReader {
        private var events: [ExchangeEvent] = []
        private var position = 0

        /// - Parameters:
        ///   - sourceLanguage: CSV and TSV do not record languages; these fill the header.
        public convenience init(path: String, dialect: DelimitedText.Dialect, sourceLanguage: String = "", targetLanguage: String? = nil) throws(ExchangeError) {
            let data: [UInt8]
            do { data = try FileBytes.read(path) } catch {
                throw ExchangeError(error.reason, location: SourceLocation(file: path), kind: .unreadable)
            }
            try self.init(bytes: data, name: path, dialect: dialect, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        }

        public init(bytes: [UInt8], name: String, dialect: DelimitedText.Dialect, sourceLanguage: String = "", targetLanguage: String? = nil) throws(ExchangeError) {
            if let bad = UTF8Validation.firstInvalidOffset(bytes) {
                throw ExchangeError("invalid UTF-8", location: SourceLocation(file: name, byteOffset: bad))
            }
            var text = String(decoding: bytes, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            let rows: [DelimitedText.Row]
            do { rows = try DelimitedText.rows(text, dialect: dialect) } catch {
                throw ExchangeError(error.message, location: SourceLocation(file: name, line: error.line, column: error.column))
            }
            events = [.startDocument(DocumentHeader(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)), .startFile(FileInfo(id: "f1"))]
            guard let first = rows.first else {
                events += [.endFile, .endDocument]
                return
            }
            let names = first.fields.map { $0.trimmingWhitespace().lowercased() }
            var column: [String: Int] = [:]
            for (index, name) in names.enumerated() where column[name] == nil { column[name] = index }
            let hasHeader = column["source"] != nil && column["target"] != nil
            if !hasHeader && first.fields.count != 2 {
                throw ExchangeError("expected a header naming id, source and target, or two columns (source, target); the first row has \(first.fields.count)",
                                    location: SourceLocation(file: name, line: first.line))
            }
            let note = column["note"] ?? column["notes"]
            if hasHeader {
                let known: Set<String> = ["id", "source", "target", "state", "note", "notes", "translate"]
                let unknown = names.filter { !known.contains($0) }
                if !unknown.isEmpty {
                    warningList.add("column\(unknown.count == 1 ? "" : "s") \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) not kept (Bitext reads \(known.sorted().joined(separator: ", ")))",
                                    SourceLocation(file: name, line: first.line))
                }
                for (k, n) in names.enumerated() where column[n] != k && known.contains(n) {
                    warningList.add("column \"\(n)\" appears twice; the first is read", SourceLocation(file: name, line: first.line))
                }
            }
            var seen: [String: Int] = [:]
            for row in hasHeader ? rows.dropFirst() : rows[...] {
                func field(_ index: Int?) -> String? {
                    guard let index, index < row.fields.count else { return nil }
                    return row.fields[index]
                }
                if row.fields.count == 1 && row.fields[0].isEmpty { continue }
                let location = SourceLocation(file: name, line: row.line)
                if hasHeader && row.fields.count != names.count {
                    throw ExchangeError("\(row.fields.count) fields, but the header has \(names.count)", location: location)
                }
                if !hasHeader && row.fields.count != 2 {
                    throw ExchangeError("\(row.fields.count) fields, expected 2 (source, target)", location: location)
                }
                let id = hasHeader ? (field(column["id"]).flatMap { $0.isEmpty ? nil : $0 } ?? String(row.line)) : String(row.line)
                if let earlier = seen[id] {
                    throw ExchangeError("the id \"\(id)\" is used again (first on line \(earlier))", location: location)
                }
                seen[id] = row.line
                let source = field(hasHeader ? column["source"] : 0) ?? ""
                let target = field(hasHeader ? column["target"] : 1) ?? ""
                var state: UnitState?
                if let value = field(column["state"]), !value.isEmpty {
                    guard let s = UnitState(name: value) else {
                        throw ExchangeError("unknown state \"\(value)\" (expected one of \(UnitState.allCases.map(\.rawValue).joined(separator: ", ")))", location: location)
                    }
                    state = s
                }
                let notes = field(note).map { $0.isEmpty ? [] : [$0] } ?? []
                let translate = field(column["translate"]).map { !["no", "false", "0"].contains($0.lowercased()) } ?? true
                var unit = TranslationUnit(id: id, source: Content(source), target: Content(target), state: state,
                                           notes: notes, translate: translate)
                unit.line = row.line
                events.append(.unit(unit))
            }
            events += [.endFile, .endDocument]
        }

        private var warningList = WarningList()
        public var warnings: [ExchangeWarning] { warningList.all }

        public func next() throws(ExchangeError) -> ExchangeEvent? {
            guard position < events.count else { return nil }
            defer { position += 1 }
            return events[position]
        }
    }
}
