import Exchange

/// The kinds of article Bitext reads, by file extension.
public enum DocumentKind: String, Sendable {
    case text, markdown, html

    /// The kind of a file, by its extension; nil for others.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else {
            self = .text
            return
        }
        switch name[name.index(after: dot)...].lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm", "xhtml": self = .html
        default: return nil
        }
    }

    /// The kind of a job document (plain text when the extension says nothing else).
    init(name: String) { self = DocumentKind(path: name) ?? .text }

    /// A translated unit as it goes back into the document: codes as their markup, text escaped
    /// for HTML. When the target came back through a flat format (PO, CSV, …), its markup is
    /// already text, and it goes in as it is.
    func render(_ content: Content, codesKept: Bool) -> String {
        guard codesKept, self == .html else { return content.flattened }
        var out = ""
        for piece in content.pieces {
            switch piece {
            case let .text(t): out += Self.escapeHTML(t)
            case let .code(code): out += code.data
            }
        }
        return out
    }

    static func escapeHTML(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
