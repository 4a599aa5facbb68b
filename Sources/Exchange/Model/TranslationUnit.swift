/// A glossary term found in a unit's source, with its approved renderings.
public struct TermAnnotation: Sendable, Hashable {
    /// UTF-8 byte range of the term in the source's text (`Content.text`); nil when it is not known.
    public var range: Range<Int>?
    /// The term as it stands in the source.
    public var term: String
    /// Approved renderings in the target language.
    public var translations: [String]
    public var definition: String?
    /// Where the term comes from: a concept id or a term base name.
    public var origin: String?
    /// False for a do-not-translate term, which the target must carry verbatim.
    public var translate: Bool

    public init(range: Range<Int>?, term: String, translations: [String] = [], definition: String? = nil,
                origin: String? = nil, translate: Bool = true) {
        self.range = range
        self.term = term
        self.translations = translations
        self.definition = definition
        self.origin = origin
        self.translate = translate
    }
}

/// A translation memory match offered to the translator (XLIFF 2 `mtc:match`, XLIFF 1.2 `alt-trans`).
public struct MatchCandidate: Sendable, Hashable {
    public var source: String
    public var target: String
    /// 0–100; context and exact matches are 100.
    public var similarity: Int
    /// Where the match comes from, such as the translation memory's file.
    public var origin: String?

    public init(source: String, target: String, similarity: Int, origin: String? = nil) {
        self.source = source
        self.target = target
        self.similarity = similarity
        self.origin = origin
    }
}

/// One unit of a bilingual document: XLIFF's words, id, source, target, state and notes.
public struct TranslationUnit: Sendable, Hashable {
    public static func == (a: TranslationUnit, b: TranslationUnit) -> Bool {
        a.id == b.id && a.source == b.source && a.target == b.target && a.state == b.state && a.notes == b.notes
            && a.translate == b.translate && a.terms == b.terms && a.originalRange == b.originalRange && a.matches == b.matches
            && a.pluralForm == b.pluralForm
    }

    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(source)
        h.combine(target)
        h.combine(state)
        h.combine(notes)
        h.combine(translate)
        h.combine(terms)
        h.combine(originalRange)
        h.combine(matches)
        h.combine(pluralForm)
    }

    public var id: String
    public var source: Content
    /// Empty when there is no translation yet.
    public var target: Content
    public var state: UnitState
    public var notes: [String]
    /// False for non-translatable units (boilerplate kept so that a document can be rebuilt).
    public var translate: Bool
    /// Glossary terms found in the source.
    public var terms: [TermAnnotation]
    /// UTF-8 byte range of the unit in its original document, when it comes from one.
    public var originalRange: Range<Int>?
    /// Translation memory matches, best first.
    public var matches: [MatchCandidate] = []
    /// The line where the unit starts in the file it was read from, for messages about it. Not
    /// part of a unit's identity: two units that say the same are equal wherever they stand.
    public var line: Int?
    /// For one form of a plural message (gettext `msgid_plural`): which group of units it belongs
    /// to, and which of how many forms it is.
    public var pluralForm: PluralForm?

    public init(id: String, source: Content, target: Content = Content(), state: UnitState? = nil,
                notes: [String] = [], translate: Bool = true, terms: [TermAnnotation] = [], originalRange: Range<Int>? = nil) {
        self.id = id
        self.source = source
        self.target = target
        self.state = state ?? (target.isEmpty ? .new : .translated)
        self.notes = notes
        self.translate = translate
        self.terms = terms
        self.originalRange = originalRange
    }
}

/// What a bilingual document says about itself.
public struct DocumentHeader: Sendable, Hashable {
    public var sourceLanguage: String
    public var targetLanguage: String?
    /// The tool that wrote the file, when the format records it.
    public var tool: String?
    /// The line of the element or entry that records the languages, for messages about them; not
    /// part of the header's identity.
    public var line: Int?

    public static func == (a: DocumentHeader, b: DocumentHeader) -> Bool {
        a.sourceLanguage == b.sourceLanguage && a.targetLanguage == b.targetLanguage && a.tool == b.tool
    }

    public func hash(into h: inout Hasher) {
        h.combine(sourceLanguage)
        h.combine(targetLanguage)
        h.combine(tool)
    }

    public init(sourceLanguage: String, targetLanguage: String? = nil, tool: String? = nil) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.tool = tool
    }
}

/// One file of a bilingual document (XLIFF `<file>`); flat formats have exactly one.
public struct FileInfo: Sendable, Hashable {
    public var id: String
    /// The original document's name, when known.
    public var original: String?

    public init(id: String, original: String? = nil) {
        self.id = id
        self.original = original
    }
}

/// A bilingual document as a stream: readers produce these events in order, writers consume them.
///
/// The order is always `startDocument`, then per file `startFile`, its units, `endFile`, and
/// finally `endDocument`.
public enum ExchangeEvent: Sendable, Hashable {
    case startDocument(DocumentHeader)
    case startFile(FileInfo)
    case unit(TranslationUnit)
    case endFile
    case endDocument
}

/// One form of a plural message: the units of a group share the source's singular (form 0) and
/// plural (the others), and each has the target of its form (`msgstr[N]`).
public struct PluralForm: Sendable, Hashable {
    /// The id the forms share (gettext's `msgctxt`, or the entry's number).
    public var group: String
    /// 0-based.
    public var index: Int
    /// How many forms the group has.
    public var count: Int

    public init(group: String, index: Int, count: Int) {
        self.group = group
        self.index = index
        self.count = count
    }
}
