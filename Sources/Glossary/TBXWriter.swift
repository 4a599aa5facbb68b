import BitextCore
import BitextXML

/// Writes TBX v3, TBX-Basic dialect (`urn:iso:std:iso:30042:ed-2`).
public enum TBXWriter {
    /// The TBX document for `base`.
    /// - Throws: `GlossaryError.malformed` naming the concept when a term holds a character XML 1.0 cannot carry.
    public static func write(_ base: TermBase, sourceLanguage: String = "en") throws(GlossaryError) -> String {
        func text(_ s: String, _ concept: Concept) throws(GlossaryError) -> String {
            guard XMLEscaping.isXML10String(s) else {
                throw .malformed(concept.location ?? SourceLocation(file: base.source),
                                 "concept '\(concept.id)' holds a character that XML 1.0 cannot carry")
            }
            return XMLEscaping.escapeText(s)
        }
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tbx type="TBX-Basic" style="dca" xml:lang="\(XMLEscaping.escapeAttribute(sourceLanguage))" xmlns="urn:iso:std:iso:30042:ed-2">
          <tbxHeader>
            <fileDesc>
              <sourceDesc><p>Written by Bitext</p></sourceDesc>
            </fileDesc>
          </tbxHeader>
          <text>
            <body>

        """
        for concept in base.concepts {
            out += "      <conceptEntry id=\"\(XMLEscaping.escapeAttribute(Self.xmlID(concept.id)))\">\n"
            if let s = concept.subjectField { out += "        <descrip type=\"subjectField\">\(try text(s, concept))</descrip>\n" }
            if let d = concept.definition { out += "        <descrip type=\"definition\">\(try text(d, concept))</descrip>\n" }
            for n in concept.notes { out += "        <note>\(try text(n, concept))</note>\n" }
            for language in concept.languages {
                out += "        <langSec xml:lang=\"\(XMLEscaping.escapeAttribute(language))\">\n"
                if let d = concept.definitions[language] { out += "          <descrip type=\"definition\">\(try text(d, concept))</descrip>\n" }
                for term in concept.terms where term.language == language {
                    out += "          <termSec>\n"
                    out += "            <term>\(try text(term.text, concept))</term>\n"
                    if let pos = term.partOfSpeech { out += "            <termNote type=\"partOfSpeech\">\(try text(pos, concept))</termNote>\n" }
                    if let g = term.grammaticalGender { out += "            <termNote type=\"grammaticalGender\">\(try text(g, concept))</termNote>\n" }
                    if let t = term.type { out += "            <termNote type=\"termType\">\(t.rawValue)</termNote>\n" }
                    // Only a status the term base gave; one outside TBX's picklist goes into a note.
                    if let declared = term.declaredStatus {
                        if let known = TermStatus(tbx: declared) {
                            out += "            <termNote type=\"administrativeStatus\">\(known.tbxValue)</termNote>\n"
                        } else {
                            out += "            <note>status: \(try text(declared, concept))</note>\n"
                        }
                    }
                    if term.doNotTranslate {
                        out += "            <note>\(DoNotTranslate.note)</note>\n"
                    }
                    if let c = term.caseSensitive { out += "            <note>\(c ? "case-sensitive" : "case-insensitive")</note>\n" }
                    for n in term.notes { out += "            <note>\(try text(n, concept))</note>\n" }
                    out += "          </termSec>\n"
                }
                out += "        </langSec>\n"
            }
            out += "      </conceptEntry>\n"
        }
        out += "    </body>\n  </text>\n</tbx>\n"
        return out
    }

    /// An XML ID: a name that starts with a letter or underscore ("c12" for "12").
    static func xmlID(_ id: String) -> String {
        var s = String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        if let f = s.first, !(f.isLetter || f == "_") { s = "c" + s }
        return s.isEmpty ? "c" : s
    }
}
