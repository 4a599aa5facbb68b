@_implementationOnly import CCMark

/// Translatable blocks of a CommonMark document, read with libcmark.
///
/// Headings, paragraphs, list items' paragraphs and block quotes' paragraphs become blocks.
/// Emphasis, strong emphasis and links become open/close codes (`*`, `**`, `[` and `](url)`);
/// inline code, inline HTML, autolinks, images inside text and hard breaks become placeholders.
/// A paragraph that holds nothing but an image becomes an `.attribute(name: "alt")` block covering
/// the alt text (`![` and `](…)` stay in the skeleton). Code blocks, HTML blocks, thematic breaks,
/// link reference definitions and YAML front matter are left out.
///
/// libcmark gives block source positions (1-based line, 1-based byte column); inline positions
/// are located here by matching each inline node's literal against the original bytes, so a
/// block whose bytes cannot be matched exactly is skipped (and counted) instead of guessed.
public enum MarkdownArticle {
    public static func blocks(_ bytes: [UInt8]) throws(MarkupError) -> [MarkupBlock] {
        try extract(bytes).blocks
    }

    public static func extract(_ bytes: [UInt8]) throws(MarkupError) -> MarkupExtraction {
        try validateUTF8(bytes)
        let bodyStart = frontMatterEnd(bytes)
        let count = bytes.count - bodyStart
        let doc: OpaquePointer? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.map { base in
                UnsafeRawPointer(base + bodyStart).withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
                    cmark_parse_document($0, count, bx_cmark_opt_sourcepos())
                }
            } ?? cmark_parse_document("", 0, bx_cmark_opt_sourcepos())
        }
        guard let doc else { throw MarkupError("libcmark could not parse the document", at: 0, in: bytes) }
        defer { cmark_node_free(doc) }
        var reader = MarkdownReader(bytes: bytes, bodyStart: bodyStart)
        if let deep = deepestNode(doc) {
            let offset = reader.offset(line: cmark_node_get_start_line(deep), column: max(1, cmark_node_get_start_column(deep))) ?? bodyStart
            throw MarkupError("blocks and inlines nested deeper than \(maximumDepth)", at: offset, in: bytes)
        }
        reader.walk(doc, container: .paragraph, quoteDepth: 0)
        return MarkupExtraction(blocks: reader.blocks, skippedBlocks: reader.skipped)
    }

    /// Nesting deeper than this (block quotes, lists, emphasis, links) is refused: no real article
    /// comes near it, and the walk over the tree, which recurses once per level, stays safe on any thread.
    static let maximumDepth = 256

    /// The first node nested deeper than `maximumDepth`, found with libcmark's iterator (no recursion), or nil.
    static func deepestNode(_ doc: OpaquePointer) -> OpaquePointer? {
        guard let iterator = cmark_iter_new(doc) else { return nil }
        defer { cmark_iter_free(iterator) }
        var depth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { return nil }
            guard let node = cmark_iter_get_node(iterator) else { return nil }
            switch cmark_node_get_type(node) {
            // Leaves get an enter event only.
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK,
                 CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                continue
            default:
                if event == CMARK_EVENT_ENTER {
                    depth += 1
                    if depth > maximumDepth { return node }
                } else if event == CMARK_EVENT_EXIT {
                    depth -= 1
                }
            }
        }
    }

    /// The end of YAML front matter (`---` on the first line, up to a `---` or `...` line), or 0.
    static func frontMatterEnd(_ bytes: [UInt8]) -> Int {
        var p = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { p = 3 }
        func lineEnd(_ from: Int) -> (content: Int, next: Int) {
            var i = from
            while i < bytes.count && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
            var next = i
            if next < bytes.count {
                next += (bytes[next] == 0x0D && next + 1 < bytes.count && bytes[next + 1] == 0x0A) ? 2 : 1
            }
            return (i, next)
        }
        func isFence(_ range: Range<Int>, _ ch: UInt8) -> Bool {
            var i = range.lowerBound
            guard range.count >= 3, bytes[i] == ch, bytes[i + 1] == ch, bytes[i + 2] == ch else { return false }
            i += 3
            while i < range.upperBound { if bytes[i] != 0x20 && bytes[i] != 0x09 { return false }; i += 1 }
            return true
        }
        let first = lineEnd(p)
        guard isFence(p ..< first.content, 0x2D), first.next > first.content else { return 0 }
        var line = first.next
        while line < bytes.count {
            let l = lineEnd(line)
            if isFence(line ..< l.content, 0x2D) || isFence(line ..< l.content, 0x2E) { return l.next }
            if l.next == line { break }
            line = l.next
        }
        return 0
    }
}

/// Thrown inside the matcher when the bytes do not match what libcmark parsed.
struct Mismatch: Error {}

struct MarkdownReader {
    let bytes: [UInt8]
    let bodyStart: Int
    /// Body-relative offsets of line starts (CommonMark line endings: LF, CRLF, CR).
    let lineStarts: [Int]
    var blocks: [MarkupBlock] = []
    var skipped = 0
    var entityCache: [[UInt8]: String?] = [:]

    // Matcher state.
    var pos = 0
    var quoteDepth = 0
    var builder = PieceBuilder()

    init(bytes: [UInt8], bodyStart: Int) {
        self.bytes = bytes
        self.bodyStart = bodyStart
        var starts = [0]
        var i = bodyStart
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                if b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1 - bodyStart)
            }
            i += 1
        }
        lineStarts = starts
    }

    /// The byte offset of a 1-based line and byte column, or nil when out of range.
    func offset(line: Int32, column: Int32) -> Int? {
        let l = Int(line), c = Int(column)
        guard l >= 1, l <= lineStarts.count, c >= 0 else { return nil }
        let o = bodyStart + lineStarts[l - 1] + c - 1
        return o <= bytes.count ? o : nil
    }

    func lineStartOffset(_ line: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        return bodyStart + lineStarts[line - 1]
    }

    mutating func walk(_ node: OpaquePointer, container: MarkupBlock.Role, quoteDepth: Int) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_LIST:
            walkChildren(node, container: container, quoteDepth: quoteDepth)
        case CMARK_NODE_BLOCK_QUOTE:
            walkChildren(node, container: .blockQuote, quoteDepth: quoteDepth + 1)
        case CMARK_NODE_ITEM:
            walkChildren(node, container: .listItem, quoteDepth: quoteDepth)
        case CMARK_NODE_PARAGRAPH:
            leafBlock(node, role: container, quoteDepth: quoteDepth)
        case CMARK_NODE_HEADING:
            leafBlock(node, role: .heading(level: Int(cmark_node_get_heading_level(node))), quoteDepth: quoteDepth)
        default:
            break // code blocks, HTML blocks, thematic breaks: skeleton
        }
    }

    mutating func walkChildren(_ node: OpaquePointer, container: MarkupBlock.Role, quoteDepth: Int) {
        var child = cmark_node_first_child(node)
        while let c = child {
            walk(c, container: container, quoteDepth: quoteDepth)
            child = cmark_node_next(c)
        }
    }

    // MARK: Leaf blocks

    mutating func leafBlock(_ node: OpaquePointer, role: MarkupBlock.Role, quoteDepth: Int) {
        guard let firstInline = cmark_node_first_child(node) else { return }
        self.quoteDepth = quoteDepth
        let startLine = Int(cmark_node_get_start_line(node)), endLine = Int(cmark_node_get_end_line(node))
        guard let start = offset(line: cmark_node_get_start_line(node), column: cmark_node_get_start_column(node)),
              let endIncl = offset(line: cmark_node_get_end_line(node), column: cmark_node_get_end_column(node))
        else { skipped += 1; return }
        let end = min(endIncl + 1, bytes.count)
        let isHeading: Bool
        if case .heading = role { isHeading = true } else { isHeading = false }
        let soleImage = cmark_node_next(firstInline) == nil && cmark_node_get_type(firstInline) == CMARK_NODE_IMAGE

        // libcmark does not move a paragraph's start past link reference definitions it removed,
        // so when the first line does not match, try the following line starts.
        var candidates = [start]
        if !isHeading && endLine > startLine {
            for line in (startLine + 1) ... endLine {
                guard let ls = lineStartOffset(line) else { break }
                candidates.append(skipPrefix(from: ls).end)
            }
        }
        for candidate in candidates {
            var s = candidate
            if isHeading && s < bytes.count && bytes[s] == UInt8(ascii: "#") {
                while s < end && bytes[s] == UInt8(ascii: "#") { s += 1 }
                while s < end && (bytes[s] == 0x20 || bytes[s] == 0x09) { s += 1 }
            }
            pos = s
            builder = PieceBuilder()
            do {
                if soleImage {
                    try imageAltOnly(firstInline)
                } else {
                    try inlines(firstInline)
                }
            } catch {
                continue
            }
            // What may follow the last inline up to the block's end: trailing blanks, and for headings
            // the closing `#`s or a setext underline (libcmark ends those at column 0 of the next line).
            let allowed: [UInt8] = isHeading ? Array(" \t\r\n#=->".utf8) : [0x20, 0x09]
            guard pos <= max(end, pos), (pos ..< max(end, pos)).allSatisfy({ allowed.contains(bytes[$0]) }), pos <= end || isHeading
            else { continue }
            if let pieces = trimmedPieces(builder.pieces, bytes: bytes, trimPlaceholders: false), pieces.isContiguous {
                blocks.append(MarkupBlock(role: soleImage ? .attribute(name: "alt") : role, pieces: pieces))
            }
            return
        }
        skipped += 1
    }

    /// For a paragraph that is one image: the pieces of its alt text only.
    mutating func imageAltOnly(_ image: OpaquePointer) throws(Mismatch) {
        guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "!"), bytes[pos + 1] == UInt8(ascii: "[") else { throw Mismatch() }
        pos += 2
        builder = PieceBuilder()
        if let child = cmark_node_first_child(image) { try inlines(child) }
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "]") else { throw Mismatch() }
        pos = linkTail(pos + 1)
    }

    // MARK: Inlines

    mutating func inlines(_ first: OpaquePointer) throws(Mismatch) {
        var node: OpaquePointer? = first
        while let n = node {
            try inline(n)
            node = cmark_node_next(n)
        }
    }

    func literal(_ node: OpaquePointer) -> [UInt8] {
        guard let c = cmark_node_get_literal(node) else { return [] }
        let p = UnsafeRawPointer(c).assumingMemoryBound(to: UInt8.self)
        var n = 0
        while p[n] != 0 { n += 1 }
        return Array(UnsafeBufferPointer(start: p, count: n))
    }

    mutating func inline(_ node: OpaquePointer) throws(Mismatch) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT:
            try matchText(literal(node))
        case CMARK_NODE_SOFTBREAK:
            try softBreak()
        case CMARK_NODE_LINEBREAK:
            try hardBreak()
        case CMARK_NODE_CODE:
            try codeSpan()
        case CMARK_NODE_HTML_INLINE:
            try rawHTML(literal(node))
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
            let n = cmark_node_get_type(node) == CMARK_NODE_EMPH ? 1 : 2
            let open = try delimiter(n)
            let id = builder.open(open)
            if let child = cmark_node_first_child(node) { try inlines(child) }
            builder.close(try delimiter(n), id: id)
        case CMARK_NODE_LINK:
            guard pos < bytes.count else { throw Mismatch() }
            if bytes[pos] == UInt8(ascii: "<") {
                // Autolink: the URL is not for translation.
                let s = pos
                while pos < bytes.count && bytes[pos] != UInt8(ascii: ">") && bytes[pos] != 0x0A { pos += 1 }
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ">") else { throw Mismatch() }
                pos += 1
                builder.placeholder(s ..< pos)
                return
            }
            guard bytes[pos] == UInt8(ascii: "[") else { throw Mismatch() }
            let id = builder.open(pos ..< pos + 1)
            pos += 1
            if let child = cmark_node_first_child(node) { try inlines(child) }
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "]") else { throw Mismatch() }
            let s = pos
            pos = linkTail(pos + 1)
            builder.close(s ..< pos, id: id)
        case CMARK_NODE_IMAGE:
            let s = pos
            let saved = builder
            try imageAltOnly(node)
            builder = saved
            builder.placeholder(s ..< pos)
        default:
            throw Mismatch()
        }
    }

    /// Matches a text node's literal, splitting off backslash escapes and entity references.
    mutating func matchText(_ lit: [UInt8]) throws(Mismatch) {
        var i = 0
        var runStart = pos
        while i < lit.count {
            guard pos < bytes.count else { throw Mismatch() }
            let b = bytes[pos]
            if b == UInt8(ascii: "\\"), pos + 1 < bytes.count, isASCIIPunctuation(bytes[pos + 1]) {
                guard lit[i] == bytes[pos + 1] else { throw Mismatch() }
                builder.rawText(runStart ..< pos, in: bytes)
                builder.text(pos ..< pos + 2, String(UnicodeScalar(bytes[pos + 1])))
                pos += 2
                i += 1
                runStart = pos
                continue
            }
            if b == UInt8(ascii: "&"), let (len, value) = entity(at: pos), lit[i...].starts(with: value.utf8) {
                builder.rawText(runStart ..< pos, in: bytes)
                builder.text(pos ..< pos + len, value)
                pos += len
                i += value.utf8.count
                runStart = pos
                continue
            }
            guard b == lit[i] else { throw Mismatch() }
            pos += 1
            i += 1
        }
        builder.rawText(runStart ..< pos, in: bytes)
    }

    /// An entity or numeric character reference at `p` as libcmark decodes it: (length, value).
    mutating func entity(at p: Int) -> (Int, String)? {
        var q = p + 1
        guard q < bytes.count else { return nil }
        if bytes[q] == UInt8(ascii: "#") {
            q += 1
            if q < bytes.count && (bytes[q] | 0x20) == UInt8(ascii: "x") { q += 1 }
        }
        let nameStart = q
        while q < bytes.count && q - nameStart < 40 && (isASCIILetter(bytes[q]) || isASCIIDigit(bytes[q])) { q += 1 }
        guard q > nameStart, q < bytes.count, bytes[q] == UInt8(ascii: ";") else { return nil }
        let raw = Array(bytes[p ... q])
        if let cached = entityCache[raw] { return cached.map { (raw.count, $0) } }
        // Let libcmark decode it, so that the rules are exactly its own.
        var decoded: String?
        let doc = raw.withUnsafeBufferPointer { buf in
            UnsafeRawPointer(buf.baseAddress!).withMemoryRebound(to: CChar.self, capacity: buf.count) {
                cmark_parse_document($0, buf.count, 0)
            }
        }
        if let doc {
            if let para = cmark_node_first_child(doc), let text = cmark_node_first_child(para),
               cmark_node_next(text) == nil, cmark_node_get_type(text) == CMARK_NODE_TEXT {
                let value = literal(text)
                if value != raw { decoded = String(decoding: value, as: UTF8.self) }
            }
            cmark_node_free(doc)
        }
        entityCache[raw] = .some(decoded)
        return decoded.map { (raw.count, $0) }
    }

    /// After a line ending: block-quote markers (up to the current depth) and indentation.
    func skipPrefix(from start: Int) -> (end: Int, hasQuote: Bool) {
        var p = start
        var q = quoteDepth
        var hasQuote = false
        while true {
            while p < bytes.count && (bytes[p] == 0x20 || bytes[p] == 0x09) { p += 1 }
            if q > 0 && p < bytes.count && bytes[p] == UInt8(ascii: ">") {
                p += 1
                q -= 1
                hasQuote = true
                continue
            }
            break
        }
        return (p, hasQuote)
    }

    /// Consumes a line ending at `p`; returns the offset after it, or nil.
    func lineEnding(at p: Int) -> Int? {
        guard p < bytes.count else { return nil }
        if bytes[p] == 0x0A { return p + 1 }
        if bytes[p] == 0x0D { return p + 1 < bytes.count && bytes[p + 1] == 0x0A ? p + 2 : p + 1 }
        return nil
    }

    /// A soft break stays text (trailing blanks, the line ending and indentation); block-quote
    /// markers on the next line become a placeholder.
    mutating func softBreak() throws(Mismatch) {
        let s = pos
        while pos < bytes.count && (bytes[pos] == 0x20 || bytes[pos] == 0x09) { pos += 1 }
        guard let nl = lineEnding(at: pos) else { throw Mismatch() }
        let prefix = skipPrefix(from: nl)
        if prefix.hasQuote {
            builder.rawText(s ..< nl, in: bytes)
            builder.placeholder(nl ..< prefix.end)
        } else {
            builder.rawText(s ..< prefix.end, in: bytes)
        }
        pos = prefix.end
    }

    /// A hard break (two spaces or a backslash before the line ending) is one placeholder,
    /// with the next line's markers and indentation.
    mutating func hardBreak() throws(Mismatch) {
        let s = pos
        if pos < bytes.count && bytes[pos] == UInt8(ascii: "\\") {
            pos += 1
        } else {
            while pos < bytes.count && (bytes[pos] == 0x20 || bytes[pos] == 0x09) { pos += 1 }
        }
        guard let nl = lineEnding(at: pos) else { throw Mismatch() }
        pos = skipPrefix(from: nl).end
        builder.placeholder(s ..< pos)
    }

    /// An inline code span, backtick run to matching backtick run, as one placeholder.
    mutating func codeSpan() throws(Mismatch) {
        let s = pos
        var n = 0
        while pos < bytes.count && bytes[pos] == UInt8(ascii: "`") { pos += 1; n += 1 }
        guard n > 0 else { throw Mismatch() }
        while pos < bytes.count {
            if bytes[pos] == UInt8(ascii: "`") {
                var m = 0
                while pos < bytes.count && bytes[pos] == UInt8(ascii: "`") { pos += 1; m += 1 }
                if m == n {
                    builder.placeholder(s ..< pos)
                    return
                }
            } else {
                pos += 1
            }
        }
        throw Mismatch()
    }

    /// Inline raw HTML, as one placeholder.
    mutating func rawHTML(_ lit: [UInt8]) throws(Mismatch) {
        let s = pos
        var i = 0
        while i < lit.count {
            if lit[i] == 0x0A || lit[i] == 0x0D {
                guard let nl = lineEnding(at: pos) else { throw Mismatch() }
                i += (lit[i] == 0x0D && i + 1 < lit.count && lit[i + 1] == 0x0A) ? 2 : 1
                pos = skipPrefix(from: nl).end
                while i < lit.count && (lit[i] == 0x20 || lit[i] == 0x09) { i += 1 }
                continue
            }
            guard pos < bytes.count, bytes[pos] == lit[i] else { throw Mismatch() }
            pos += 1
            i += 1
        }
        builder.placeholder(s ..< pos)
    }

    /// `n` emphasis delimiter characters at the cursor.
    mutating func delimiter(_ n: Int) throws(Mismatch) -> Range<Int> {
        guard pos + n <= bytes.count else { throw Mismatch() }
        let c = bytes[pos]
        guard c == UInt8(ascii: "*") || c == UInt8(ascii: "_") else { throw Mismatch() }
        for k in 0 ..< n where bytes[pos + k] != c { throw Mismatch() }
        pos += n
        return pos - n ..< pos
    }

    // MARK: Link tails

    /// The end of what follows a link's `]`: an inline `(destination "title")`, a reference
    /// label `[label]` or `[]`, or nothing (shortcut reference).
    func linkTail(_ p: Int) -> Int {
        guard p < bytes.count else { return p }
        if bytes[p] == UInt8(ascii: "("), let e = inlineLinkTail(p) { return e }
        if bytes[p] == UInt8(ascii: "["), let e = labelEnd(p) { return e }
        return p
    }

    func labelEnd(_ p: Int) -> Int? {
        var q = p + 1
        while q < bytes.count && q - p < 1002 {
            let c = bytes[q]
            if c == UInt8(ascii: "\\") && q + 1 < bytes.count && isASCIIPunctuation(bytes[q + 1]) { q += 2; continue }
            if c == UInt8(ascii: "[") { return nil }
            if c == UInt8(ascii: "]") { return q + 1 }
            q += 1
        }
        return nil
    }

    /// Spaces, at most one line ending (with the next line's prefix), spaces.
    func spnl(_ p: Int) -> Int {
        var q = p
        while q < bytes.count && (bytes[q] == 0x20 || bytes[q] == 0x09) { q += 1 }
        if let nl = lineEnding(at: q) { q = skipPrefix(from: nl).end }
        return q
    }

    func inlineLinkTail(_ p: Int) -> Int? {
        var q = spnl(p + 1)
        guard q < bytes.count else { return nil }
        if bytes[q] == UInt8(ascii: "<") {
            q += 1
            while q < bytes.count {
                let c = bytes[q]
                if c == UInt8(ascii: "\\") && q + 1 < bytes.count && isASCIIPunctuation(bytes[q + 1]) { q += 2; continue }
                if c == 0x0A || c == 0x0D || c == UInt8(ascii: "<") { return nil }
                if c == UInt8(ascii: ">") { break }
                q += 1
            }
            guard q < bytes.count else { return nil }
            q += 1
        } else {
            var depth = 0
            while q < bytes.count {
                let c = bytes[q]
                if c == UInt8(ascii: "\\") && q + 1 < bytes.count && isASCIIPunctuation(bytes[q + 1]) { q += 2; continue }
                if c == UInt8(ascii: "(") {
                    depth += 1
                    if depth > 32 { return nil }
                } else if c == UInt8(ascii: ")") {
                    if depth == 0 { break }
                    depth -= 1
                } else if c <= 0x20 || c == 0x7F {
                    break
                }
                q += 1
            }
            guard depth == 0 else { return nil }
        }
        let afterDest = q
        q = spnl(q)
        if q > afterDest, q < bytes.count {
            let opener = bytes[q]
            let closer: UInt8? = opener == UInt8(ascii: "\"") ? opener : opener == UInt8(ascii: "'") ? opener
                : opener == UInt8(ascii: "(") ? UInt8(ascii: ")") : nil
            if let closer {
                var t = q + 1
                var found = false
                while t < bytes.count {
                    let c = bytes[t]
                    if c == UInt8(ascii: "\\") && t + 1 < bytes.count && isASCIIPunctuation(bytes[t + 1]) { t += 2; continue }
                    if c == closer { found = true; break }
                    if opener == UInt8(ascii: "(") && c == UInt8(ascii: "(") { return nil }
                    t += 1
                }
                guard found else { return nil }
                q = spnl(t + 1)
            }
        }
        guard q < bytes.count, bytes[q] == UInt8(ascii: ")") else { return nil }
        return q + 1
    }
}
