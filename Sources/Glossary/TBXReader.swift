import BitextCore
import BitextICU
import BitextXML

/// Reads TBX term bases: TBX 2008 (`martif`, termEntry/langSet/tig or ntig) and TBX v3
/// (`tbx`, conceptEntry/langSec/termSec, namespace `urn:iso:std:iso:30042:ed-2`), TBX-Basic.
///
/// The reader streams; it never fetches a DTD and refuses entity declarations.
public enum TBXReader {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// Reads a TBX file.
    /// - Throws: `GlossaryError` with file, line and column.
    public static func read(path: String) throws(GlossaryError) -> TermBase {
        let parser: XMLPullParser
        do { parser = try XMLPullParser(path: path, transcoder: .icu) } catch {
            if error.line == 0 { throw .unreadable(path: path, reason: error.message) }
            throw .malformed(SourceLocation(file: path, line: error.line, column: error.column), error.message)
        }
        return try read(parser: parser, name: path)
    }

    /// Reads TBX from memory.
    public static func read(xml: String, name: String = "<tbx>") throws(GlossaryError) -> TermBase {
        try read(parser: XMLPullParser(string: xml, sourceName: name), name: name)
    }

    static func read(parser: consuming XMLPullParser, name: String) throws(GlossaryError) -> TermBase {
        var parser = parser
        var concepts: [Concept] = []
        var stack: [String] = []
        var concept: Concept?
        var language: String?
        var term: Term?
        var text = ""
        var capturing = false
        var noteType: String?
        var root: String?
        var warnings: [String] = []
        func location() -> SourceLocation { SourceLocation(file: name, line: parser.line, column: parser.column) }
        func fail(_ message: String) -> GlossaryError { .malformed(location(), message) }
        do {
            while let event = try parser.next() {
                switch event {
                case let .startElement(element, attributes):
                    let local = element.localName
                    if root == nil {
                        root = local
                        guard local == "martif" || local == "tbx" else {
                            throw fail("not a TBX file: the root element is <\(element.qualifiedName)>, expected <tbx> or <martif>")
                        }
                    }
                    stack.append(local)
                    switch local {
                    case "termEntry", "conceptEntry":
                        guard concept == nil else { throw fail("<\(local)> inside another concept") }
                        let id = attributes.value(of: "id") ?? "c\(concepts.count + 1)"
                        concept = Concept(id: id, location: location())
                    case "langSet", "langSec":
                        guard concept != nil else { throw fail("<\(local)> outside a concept") }
                        guard let lang = attributes.value(of: "lang", namespaceURI: xmlNamespace), !lang.isEmpty else {
                            throw fail("<\(local)> without xml:lang")
                        }
                        language = lang.lowercased()
                    case "tig", "ntig", "termSec":
                        guard let language else { throw fail("<\(local)> outside a language section") }
                        term = Term(text: "", language: language, location: location())
                    case "term":
                        guard term != nil else { throw fail("<term> outside <tig>, <ntig> or <termSec>") }
                        capturing = true
                        text = ""
                    case "termNote", "descrip", "note", "admin":
                        noteType = attributes.value(of: "type") ?? local
                        capturing = true
                        text = ""
                    case _ where dataCategories.contains(local):
                        // TBX v3 DCT style: the data category is the element (<min:administrativeStatus>).
                        noteType = local
                        capturing = true
                        text = ""
                    default:
                        break
                    }
                case let .text(t, _):
                    if capturing { text += t }
                case let .endElement(element):
                    let local = element.localName
                    stack.removeLast()
                    switch local {
                    case "term":
                        capturing = false
                        term?.text = text.trimmingWhitespace()
                    case "termNote", "descrip", "note", "admin":
                        capturing = stack.last == "term"
                        let value = text.trimmingWhitespace()
                        apply(noteType ?? local, element: local, value: value, term: &term, concept: &concept, language: language)
                        noteType = nil
                    case _ where dataCategories.contains(local) && noteType == local:
                        capturing = stack.last == "term"
                        apply(local, element: "termNote", value: text.trimmingWhitespace(), term: &term, concept: &concept, language: language)
                        noteType = nil
                    case "tig", "ntig", "termSec":
                        if let t = term {
                            if t.text.isEmpty {
                                // MultiTerm writes empty terms as placeholders: skip them, and say so.
                                warnings.append("\(t.location ?? location()): warning: an empty <term> was skipped")
                            } else if let warning = t.overlongWarning {
                                warnings.append(warning)
                            } else {
                                concept?.terms.append(t)
                            }
                        }
                        term = nil
                    case "langSet", "langSec":
                        language = nil
                    case "termEntry", "conceptEntry":
                        if let c = concept { concepts.append(c) }
                        concept = nil
                    default:
                        break
                    }
                default:
                    break
                }
            }
        } catch let error as XMLError {
            throw .malformed(SourceLocation(file: name, line: error.line, column: error.column), error.message)
        } catch let error as GlossaryError {
            throw error
        } catch {
            throw fail("\(error)")
        }
        var base = TermBase(concepts: concepts, source: name)
        base.warnings = warnings
        if base.termCount == 0 { throw .empty(SourceLocation(file: name, line: max(1, parser.line))) }
        return base
    }

    /// Applies one `termNote`, `descrip`, `note` or `admin` to the current term, or to the concept.
    /// Data categories that TBX v3's DCT style writes as elements of their own.
    static let dataCategories: Set<String> = ["administrativeStatus", "normativeAuthorization", "usageStatus", "termType",
                                              "partOfSpeech", "grammaticalGender", "definition", "subjectField", "context",
                                              "transferComment", "caseSensitivity", "customerSubset", "source", "crossReference",
                                              "externalCrossReference", "geographicalUsage", "termLocation", "responsibility",
                                              "projectSubset", "xGraphic", "xSource"]

    /// - Parameter language: The language section it stands in, if any (definitions are kept per language).
    static func apply(_ type: String, element: String, value: String, term: inout Term?, concept: inout Concept?, language: String?) {
        let lowered = value.lowercased()
        if DoNotTranslate.matches(type: type, value: lowered) {
            if term != nil { term?.doNotTranslate = true } else {
                for i in (concept?.terms.indices ?? 0..<0) { concept?.terms[i].doNotTranslate = true }
            }
            return
        }
        switch type {
        case "administrativeStatus", "normativeAuthorization", "usageStatus":
            // Every status is kept as written; one Bitext does not know is never taken for preferred.
            if !value.isEmpty { term?.declareStatus(value) }
        case "termType":
            term?.type = TermType(tbx: value)
        case "partOfSpeech":
            term?.partOfSpeech = value
        case "grammaticalGender":
            term?.grammaticalGender = value
        case "caseSensitivity":
            term?.caseSensitive = !(lowered.contains("insensitive") || lowered == "no" || lowered == "false")
        case "definition":
            if let language {
                if concept?.definitions[language] == nil { concept?.definitions[language] = value }
            } else if concept?.definition == nil {
                concept?.definition = value
            }
        case "subjectField":
            concept?.subjectField = value
        default:
            if lowered == "case-sensitive" || lowered == "case sensitive" {
                if term != nil { term?.caseSensitive = true }
            } else if lowered == "case-insensitive" || lowered == "case insensitive" {
                if term != nil { term?.caseSensitive = false }
            } else if !value.isEmpty && (element == "note" || type == "context" || type == "transferComment") {
                if term != nil { term?.notes.append(value) } else { concept?.notes.append(value) }
            }
        }
    }
}

/// How a do-not-translate term is marked. TBX-Basic has no data category for it (and its rules
/// refuse `termNote type="transferComment"`); Bitext writes `<note>do not translate</note>` and
/// reads a `note`, `admin` or `termNote` whose text is "do not translate", "do-not-translate" or "DNT".
enum DoNotTranslate {
    static let note = "do not translate"

    static func matches(type: String, value: String) -> Bool {
        if type == "doNotTranslate" || type == "translatable" {
            return value == "yes" || value == "true" ? type == "doNotTranslate" : type == "translatable" && (value == "no" || value == "false")
        }
        return value == "do not translate" || value == "do-not-translate" || value == "dnt"
    }
}
