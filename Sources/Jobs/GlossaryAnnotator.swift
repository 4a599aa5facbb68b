import BitextCore
import Exchange
import Glossary

/// A step that finds glossary terms in each unit's source and attaches them with their approved
/// renderings in the target language (preferred first, then admitted).
public final class GlossaryAnnotator {
    public let termBase: TermBase
    private let matcher: TermMatcher
    private let targetLanguage: String?

    /// - Throws: `GlossaryError` when the matcher cannot be built (no terms in the source language).
    /// Definitions are given in this language where the term base has one for it.
    private let sourceLanguage: String

    public init(termBase: TermBase, sourceLanguage: String, targetLanguage: String?, localesPath: String) throws(GlossaryError) {
        self.termBase = termBase
        self.targetLanguage = targetLanguage
        self.sourceLanguage = sourceLanguage
        matcher = try TermMatcher(termBase: termBase, language: sourceLanguage,
                                  inflection: Inflection.load(language: sourceLanguage, localesPath: localesPath))
    }

    /// The terms of `text`, in order of occurrence.
    public func annotations(for text: String) -> [TermAnnotation] {
        annotations(for: matcher.occurrences(in: text))
    }

    private func annotations(for occurrences: [TermOccurrence]) -> [TermAnnotation] {
        occurrences.map { occurrence in
            let concept = termBase.concepts[occurrence.concept]
            let term = concept.terms[occurrence.term]
            var renderings: [String] = []
            if let targetLanguage {
                let candidates = concept.terms(in: targetLanguage)
                renderings = candidates.filter { $0.status == .preferred }.map(\.text)
                    + candidates.filter { $0.status == .admitted }.map(\.text)
            }
            if term.doNotTranslate { renderings = [term.text] }
            return TermAnnotation(range: occurrence.range, term: occurrence.text, translations: renderings,
                                  definition: concept.definition(in: sourceLanguage), origin: concept.id, translate: !term.doNotTranslate)
        }
    }

    /// Attaches terms to a unit that has none yet, with a note for each deprecated or superseded
    /// source term that names the preferred one (unless the unit has that note already).
    public func annotate(_ unit: inout TranslationUnit) {
        guard unit.terms.isEmpty, !unit.source.isEmpty else { return }
        let occurrences = matcher.occurrences(in: unit.source.text)
        unit.terms = annotations(for: occurrences)
        for occurrence in occurrences {
            let concept = termBase.concepts[occurrence.concept]
            let term = concept.terms[occurrence.term]
            guard term.status == .deprecated || term.status == .superseded else { continue }
            let preferred = concept.terms(in: matcher.language).filter { $0.status == .preferred }.map { "\"\($0.text)\"" }
            var note = "The source uses the \(term.status.rawValue) term \"\(occurrence.text)\""
            if !preferred.isEmpty { note += "; the preferred term is \(preferred.joined(separator: " or "))" }
            note += "."
            // A unit read back from a format that keeps notes but not terms (TMX, PO) has the note already.
            if !unit.notes.contains(note) { unit.notes.append(note) }
        }
    }
}
