import BitextCore
import BitextICU

/// Term bases as CSV or TSV: one row per concept (rows with the same `id` join one concept),
/// a column per language, and optional columns for the rest.
///
/// Columns (case-insensitive): a BCP 47 tag (`en`, `ru`, `az-Latn`) holds that language's term;
/// several synonyms in one cell are separated by ` | `. `id` (or `concept`) names the concept;
/// `status`, `type`, `pos`, `dnt` (yes/no), `case` (sensitive/insensitive), `note` and
/// `definition` apply to the row; `<tag>_status`, `<tag>_type` and `<tag>_note` to one language.
/// A header alone with one column `en` is a valid one-language list.
public enum DelimitedTermBase {
    enum Column: Equatable {
        case id, status, type, pos, dnt, caseSensitivity, note, definition, subject
        case language(String)
        case languageStatus(String), languageType(String), languageNote(String)
    }

    /// Reads CSV or TSV text.
    /// - Throws: `GlossaryError.malformed` with line and column for a bad header or field.
    public static func read(_ text: String, dialect: DelimitedText.Dialect, name: String) throws(GlossaryError) -> TermBase {
        let rows: [DelimitedText.Row]
        do { rows = try DelimitedText.rows(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, dialect: dialect) } catch {
            throw .malformed(SourceLocation(file: name, line: error.line, column: error.column), error.message)
        }
        guard let header = rows.first else { throw .empty(SourceLocation(file: name, line: 1)) }
        var columns: [Column] = []
        for (k, raw) in header.fields.enumerated() {
            let field = raw.trimmingWhitespace()
            guard let column = Self.column(field) else {
                throw .malformed(SourceLocation(file: name, line: header.line, column: k + 1),
                                 "unknown column '\(field)': expected a BCP 47 language tag or one of id, status, type, pos, dnt, case, note, definition")
            }
            columns.append(column)
        }
        guard columns.contains(where: { if case .language = $0 { return true }; return false }) else {
            throw .malformed(SourceLocation(file: name, line: header.line, column: 1), "no language column in the header")
        }
        var concepts: [Concept] = []
        var index: [String: Int] = [:]
        var warnings: [String] = []
        for row in rows.dropFirst() {
            guard row.fields.count <= columns.count else {
                throw .malformed(SourceLocation(file: name, line: row.line, column: columns.count + 1),
                                 "row has \(row.fields.count) fields, the header \(columns.count)")
            }
            func value(_ c: Column) -> String? {
                guard let k = columns.firstIndex(of: c), k < row.fields.count else { return nil }
                let v = row.fields[k].trimmingWhitespace()
                return v.isEmpty ? nil : v
            }
            func bad(_ c: Column, _ message: String) -> GlossaryError {
                .malformed(SourceLocation(file: name, line: row.line, column: (columns.firstIndex(of: c) ?? 0) + 1), message)
            }
            let id = value(.id) ?? "c\(row.line)"
            // A status Bitext does not know is kept as written (lint reports it), never refused or made preferred.
            let status = value(.status)
            var type: TermType?
            if let t = value(.type) {
                guard let parsed = TermType(tbx: t) else { throw bad(.type, "unknown term type '\(t)'") }
                type = parsed
            }
            let dnt = value(.dnt).map { ["yes", "true", "1", "dnt", "x"].contains($0.lowercased()) } ?? false
            let caseSensitive = value(.caseSensitivity).map { !$0.lowercased().contains("insensitive") && !["no", "false", "0"].contains($0.lowercased()) }
            var terms: [Term] = []
            for (k, column) in columns.enumerated() {
                guard case let .language(tag) = column, k < row.fields.count else { continue }
                let termStatus = value(.languageStatus(tag)) ?? status
                var termType = type
                if let t = value(.languageType(tag)) {
                    guard let parsed = TermType(tbx: t) else { throw bad(.languageType(tag), "unknown term type '\(t)'") }
                    termType = parsed
                }
                for text in row.fields[k].split(separator: "|").map({ String($0).trimmingWhitespace() }) where !text.isEmpty {
                    var term = Term(text: text, language: tag, type: termType, partOfSpeech: value(.pos),
                                    caseSensitive: caseSensitive, doNotTranslate: dnt,
                                    notes: value(.languageNote(tag)).map { [$0] } ?? [],
                                    location: SourceLocation(file: name, line: row.line, column: k + 1))
                    if let termStatus { term.declareStatus(termStatus) }
                    if let warning = term.overlongWarning { warnings.append(warning) } else { terms.append(term) }
                }
            }
            if let existing = index[id] {
                concepts[existing].terms += terms
                if let n = value(.note) { concepts[existing].notes.append(n) }
                if concepts[existing].definition == nil { concepts[existing].definition = value(.definition) }
            } else {
                index[id] = concepts.count
                concepts.append(Concept(id: id, definition: value(.definition), subjectField: value(.subject),
                                        notes: value(.note).map { [$0] } ?? [], terms: terms,
                                        location: SourceLocation(file: name, line: row.line)))
            }
        }
        var base = TermBase(concepts: concepts.filter { !$0.terms.isEmpty }, source: name)
        base.warnings = warnings
        if base.termCount == 0 && rows.count > 1 { throw .empty(SourceLocation(file: name, line: rows.last?.line ?? 1)) }
        return base
    }

    static func column(_ name: String) -> Column? {
        let lowered = name.lowercased()
        switch lowered {
        case "id", "concept", "concept id", "conceptid": return .id
        case "status": return .status
        case "type", "termtype": return .type
        case "pos", "partofspeech", "part of speech": return .pos
        case "dnt", "donottranslate", "do not translate": return .dnt
        case "case", "casesensitive", "case sensitivity": return .caseSensitivity
        case "note", "notes", "comment": return .note
        case "definition": return .definition
        case "subject", "subjectfield", "domain": return .subject
        default: break
        }
        for (suffix, make) in [("_status", Column.languageStatus), ("_type", Column.languageType), ("_note", Column.languageNote)]
        where lowered.hasSuffix(suffix) {
            let tag = String(lowered.dropLast(suffix.count))
            return isLanguageTag(tag) ? make(tag) : nil
        }
        return isLanguageTag(lowered) ? .language(lowered) : nil
    }

    /// A BCP 47 tag whose primary subtag is an ISO 639 code of two or three letters.
    static func isLanguageTag(_ tag: String) -> Bool {
        let primary = tag.split(separator: "-", omittingEmptySubsequences: false).first ?? ""
        return (2...3).contains(primary.count) && primary.allSatisfy({ $0.isASCII && $0.isLetter })
            && LanguageTags.icuLocale(forTag: tag) != nil
    }

    /// Writes a term base as CSV or TSV in the shape `read` takes.
    public static func write(_ base: TermBase, dialect: DelimitedText.Dialect) -> String {
        let languages = base.languages
        let hasTermNotes = base.concepts.contains { $0.terms.contains { !$0.notes.isEmpty } }
        var header = ["id"] + languages + ["status", "type", "pos", "dnt", "case", "definition", "note"]
        if hasTermNotes { header += languages.map { $0 + "_note" } }
        var out = DelimitedText.encodeRow(header, dialect: dialect)
        for concept in base.concepts {
            // Terms that share every row-level property share rows; one term per language per row.
            struct Key: Hashable { var status: String; var type: TermType?; var pos: String?; var dnt: Bool; var caseSensitive: Bool? }
            var groups: [(Key, [Term])] = []
            for term in concept.terms {
                // The status as given (normalised when known); none when the term base gave none.
                let status = term.declaredStatus.map { TermStatus(tbx: $0)?.rawValue ?? $0 } ?? ""
                let key = Key(status: status, type: term.type, pos: term.partOfSpeech, dnt: term.doNotTranslate, caseSensitive: term.caseSensitive)
                if let g = groups.firstIndex(where: { $0.0 == key }) { groups[g].1.append(term) } else { groups.append((key, [term])) }
            }
            var firstRow = true
            for (key, terms) in groups {
                var byLanguage = Dictionary(grouping: terms, by: \.language)
                while !byLanguage.isEmpty {
                    var fields = [concept.id]
                    var notes: [String] = []
                    for language in languages {
                        if var list = byLanguage[language], !list.isEmpty {
                            let term = list.removeFirst()
                            fields.append(term.text)
                            notes.append(term.notes.joined(separator: "; "))
                            byLanguage[language] = list.isEmpty ? nil : list
                        } else {
                            fields.append("")
                            notes.append("")
                        }
                    }
                    fields += [key.status, key.type?.rawValue ?? "", key.pos ?? "", key.dnt ? "yes" : "",
                               key.caseSensitive.map { $0 ? "sensitive" : "insensitive" } ?? "",
                               firstRow ? concept.definition ?? "" : "", firstRow ? concept.notes.joined(separator: "; ") : ""]
                    if hasTermNotes { fields += notes }
                    out += DelimitedText.encodeRow(fields, dialect: dialect)
                    firstRow = false
                }
            }
        }
        return out
    }
}
