import BitextCore
import BitextICU
import BitextXML

/// An SRX 2.0 rule set: language rules plus the map that picks them for a language.
///
/// Regular expressions use ICU's syntax, as SRX 2.0 prescribes (it is Java's, which ICU follows).
public struct SRXDocument: Sendable {
    /// One `<rule>`: a break or no-break decision for positions between `before` and `after`.
    public struct Rule: Sendable, Equatable {
        public var isBreak: Bool
        public var before: String
        public var after: String
        /// Where the rule came from, for `--explain`: "English #3 (segmentation.srx:42)".
        public var origin: String

        public init(isBreak: Bool, before: String, after: String, origin: String) {
            self.isBreak = isBreak
            self.before = before
            self.after = after
            self.origin = origin
        }
    }

    /// One `<languagemap>`: a pattern over language tags and the rule set it selects.
    public struct LanguageMap: Sendable, Equatable {
        public var pattern: String
        public var ruleName: String
        /// The line of the `<languagemap>` in its file, for messages.
        public var line: Int?

        public init(pattern: String, ruleName: String, line: Int? = nil) {
            self.pattern = pattern
            self.ruleName = ruleName
            self.line = line
        }

        public static func == (a: LanguageMap, b: LanguageMap) -> Bool { a.pattern == b.pattern && a.ruleName == b.ruleName }
    }

    public var cascade: Bool
    public var languageRules: [String: [Rule]]
    public var maps: [LanguageMap]

    /// Reads an SRX 2.0 file.
    /// - Throws: `SegmentationError.badLocaleData` with file, line and column.
    public init(path: String) throws(SegmentationError) {
        let parser: XMLPullParser
        do {
            parser = try XMLPullParser(path: path, transcoder: .icu)
        } catch {
            throw .badLocaleData(SourceLocation(file: path, line: error.line, column: error.column), error.message)
        }
        try self.init(parser: parser, name: path)
    }

    /// Reads SRX from memory (tests).
    public init(xml: String, name: String = "<srx>") throws(SegmentationError) {
        try self.init(parser: XMLPullParser(bytes: Array(xml.utf8), sourceName: name), name: name)
    }

    private init(parser: consuming XMLPullParser, name: String) throws(SegmentationError) {
        var cascade = true
        var languageRules: [String: [Rule]] = [:]
        var maps: [LanguageMap] = []
        var currentRules: String?
        var ruleIsBreak = true
        var ruleLine = 0
        var before = "", after = ""
        var inRule = false
        var capture: String?  // "before" or "after" while inside those elements
        var text = ""
        var sawRoot = false
        var parser = parser
        func fail(_ message: String) -> SegmentationError {
            .badLocaleData(SourceLocation(file: name, line: parser.line, column: parser.column), message)
        }
        func attribute(_ attributes: [XMLAttribute], _ local: String) -> String? {
            attributes.first { $0.name.localName == local && $0.name.namespaceURI == nil }?.value
        }
        do {
            while let event = try parser.next() {
                switch event {
                case let .startElement(element, attributes):
                    switch element.localName {
                    case "srx":
                        sawRoot = true
                        if let v = attribute(attributes, "version"), !v.hasPrefix("2") {
                            throw fail("SRX version \(v) is not supported; Bitext reads SRX 2.0")
                        }
                    case "header":
                        cascade = (attribute(attributes, "cascade") ?? "yes").lowercased() != "no"
                    case "languagerule":
                        guard let n = attribute(attributes, "languagerulename") else {
                            throw fail("<languagerule> without languagerulename")
                        }
                        currentRules = n
                        languageRules[n, default: []] = languageRules[n] ?? []
                    case "rule":
                        guard currentRules != nil else { throw fail("<rule> outside <languagerule>") }
                        inRule = true
                        ruleIsBreak = (attribute(attributes, "break") ?? "yes").lowercased() != "no"
                        ruleLine = parser.line
                        before = ""; after = ""
                    case "beforebreak", "afterbreak":
                        guard inRule else { throw fail("<\(element.localName)> outside <rule>") }
                        capture = element.localName
                        text = ""
                    case "languagemap":
                        guard let p = attribute(attributes, "languagepattern"),
                              let r = attribute(attributes, "languagerulename") else {
                            throw fail("<languagemap> needs languagepattern and languagerulename")
                        }
                        maps.append(LanguageMap(pattern: p, ruleName: r, line: parser.line))
                    default:
                        break
                    }
                case let .text(t, _):
                    if capture != nil { text += t }
                case let .endElement(element):
                    switch element.localName {
                    case "beforebreak": before = text; capture = nil
                    case "afterbreak": after = text; capture = nil
                    case "rule":
                        guard let n = currentRules else { break }
                        let index = (languageRules[n]?.count ?? 0) + 1
                        languageRules[n, default: []].append(
                            Rule(isBreak: ruleIsBreak, before: before, after: after,
                                 origin: "\(n) #\(index) (\(Self.shortName(name)):\(ruleLine))"))
                        inRule = false
                    case "languagerule": currentRules = nil
                    default: break
                    }
                default:
                    break
                }
            }
        } catch let error as XMLError {
            throw .badLocaleData(SourceLocation(file: name, line: error.line, column: error.column), error.message)
        } catch let error as SegmentationError {
            throw error
        } catch {
            throw fail("\(error)")
        }
        guard sawRoot else { throw .badLocaleData(SourceLocation(file: name, line: 1, column: 1), "not an SRX document: no <srx> root") }
        for map in maps where languageRules[map.ruleName] == nil {
            throw .badLocaleData(SourceLocation(file: name, line: map.line), "languagemap names undefined languagerule '\(map.ruleName)'")
        }
        self.cascade = cascade
        self.languageRules = languageRules
        self.maps = maps
    }

    static func shortName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
