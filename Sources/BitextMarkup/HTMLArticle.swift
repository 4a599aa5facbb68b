@_implementationOnly import CLibXML2

/// Translatable blocks of an HTML page's article, read with libxml2's HTML parser.
///
/// Extracts the `<title>` (role `.title`) and, inside the article (the `<article>` with the most
/// paragraph text, else `<main>`/`role=main`/`itemprop=articleBody`, else the element with the most
/// direct paragraph text): headings, paragraphs, list items, block quotes, table cells, figure
/// captions, text directly in containers (`div`), and the `alt`/`title` of images that are not
/// inside running text. Inline elements become open/close codes with their exact tag bytes;
/// `br`, `img` and other void or opaque elements (script, svg, button…) inside text become
/// placeholders. Outside the article nothing is extracted (menus, cookie banners, footers,
/// "Latest article" lists). Inside it, scripts, styles, forms, iframes, `pre` and hidden elements
/// are dropped; navigation, asides, footers and elements whose class, id or ARIA role names an
/// ad, share widget, newsletter box, related list and the like, and short kickers such as
/// "Must read" or "- Advertisement -", are returned with `isBoilerplate`.
///
/// libxml2 gives no byte offsets, so the tags it reports are matched to a scan of the original
/// bytes through the parser's input cursor; text between tags is read from the original bytes and
/// checked against libxml2's text. A block that fails the check is skipped and counted.
public enum HTMLArticle {
    public static func blocks(_ bytes: [UInt8]) throws(MarkupError) -> [MarkupBlock] {
        try extract(bytes).blocks
    }

    public static func extract(_ bytes: [UInt8]) throws(MarkupError) -> MarkupExtraction {
        try validateUTF8(bytes)
        if let nul = bytes.firstIndex(of: 0) { throw MarkupError("NUL byte in HTML", at: nul, in: bytes) }
        guard bytes.count < Int(Int32.max) else { throw MarkupError("input too large for libxml2", at: 0, in: bytes) }
        if bytes.isEmpty { return MarkupExtraction(blocks: [], skippedBlocks: 0) }
        guard let doc = HTMLDocument.parse(bytes) else {
            throw MarkupError("libxml2 could not create an HTML parser", at: 0, in: bytes)
        }
        if let offset = doc.tooDeep {
            // The start tag libxml2 had just read when the limit was passed.
            let tag = bytes[..<offset].lastIndex(of: UInt8(ascii: "<")) ?? offset
            throw MarkupError("elements nested deeper than \(HTMLDocument.maximumDepth)", at: tag, in: bytes)
        }
        var extractor = HTMLExtractor(doc: doc)
        extractor.run()
        return MarkupExtraction(blocks: extractor.blocks, skippedBlocks: extractor.skipped)
    }
}

struct HTMLExtractor {
    let doc: HTMLDocument
    var bytes: [UInt8] { doc.bytes }
    var blocks: [MarkupBlock] = []
    var skipped = 0
    var inlineMemo: [ObjectIdentifier: Bool] = [:]

    init(doc: HTMLDocument) { self.doc = doc }

    static let inlineNames: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
        "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
        "time", "tt", "u", "var",
    ]
    /// Elements that sit inside running text as one placeholder (their content is not text).
    static let atomicNames: Set<String> = [
        "br", "wbr", "img", "input", "button", "select", "textarea", "script", "style", "noscript", "template",
        "iframe", "object", "embed", "svg", "math", "canvas", "video", "audio", "picture", "source", "track",
        "meta", "link", "area", "map", "param", "form",
    ]
    /// Never extracted from, inside the article either.
    static let droppedNames: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas", "video",
        "audio", "form", "select", "button", "input", "textarea", "pre", "head", "dialog", "map",
    ]
    static let boilerplateNames: Set<String> = ["nav", "aside", "footer", "menu"]
    static let boilerplateRoles: Set<String> = [
        "navigation", "complementary", "contentinfo", "banner", "menu", "menubar", "search", "dialog",
        "alertdialog", "toolbar",
    ]
    static let boilerplateTokens: Set<String> = [
        "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adspot", "adslot", "adsense",
        "adsbygoogle", "adbox", "adunit", "banner", "promo", "promotion", "sponsor", "sponsored", "newsletter",
        "subscribe", "subscription", "signup", "share", "sharing", "sharer", "social", "related", "latest",
        "recommended", "recommendations", "sidebar", "menu", "nav", "navbar", "navigation", "breadcrumb",
        "breadcrumbs", "cookie", "cookies", "consent", "gdpr", "comments", "comment", "footer", "widget",
        "popup", "modal", "outbrain", "taboola", "toolbar", "pagination", "tags", "more",
    ]
    static let boilerplatePhrases: Set<String> = [
        "must read", "advertisement", "advertisment", "ad", "ads", "sponsored", "sponsored content",
        "latest article", "latest articles", "latest news", "latest", "more articles", "more news",
        "related", "related articles", "related posts", "related news", "read more", "read also", "also read",
        "share", "share this", "share this article", "share on facebook", "share on twitter", "follow us",
        "subscribe", "newsletter", "recommended", "recommended for you", "popular", "most read", "most popular",
        "trending", "you may also like", "you might also like", "more from", "tags", "comments",
        "leave a comment", "leave a reply", "print", "email", "spot img",
    ]

    // MARK: Driver

    mutating func run() {
        let all = descendants(doc.root)
        if let title = all.first(where: { $0.name == "title" && $0.startToken != nil }) {
            runs(of: title, role: .title, boilerplate: false, ownRole: true)
        }
        if let root = articleRoot(all) {
            walk(root, isRoot: true, inherited: .paragraph, boilerplate: false)
        }
        blocks.sort { $0.range.lowerBound < $1.range.lowerBound }
        // Safety: never hand out overlapping blocks.
        var kept: [MarkupBlock] = []
        for b in blocks {
            if let last = kept.last, last.range.upperBound > b.range.lowerBound { skipped += 1; continue }
            kept.append(b)
        }
        blocks = kept
    }

    func descendants(_ e: HTMLElement) -> [HTMLElement] {
        var out: [HTMLElement] = []
        var stack = e.elementChildren.reversed() as [HTMLElement]
        while let x = stack.popLast() {
            out.append(x)
            stack.append(contentsOf: x.elementChildren.reversed())
        }
        return out
    }

    func textLength(_ e: HTMLElement) -> Int {
        var n = 0
        for c in e.children {
            switch c {
            case .text(let s): n += s.utf8.reduce(0) { $0 + (isASCIISpace($1) ? 0 : 1) }
            case .element(let x): if !Self.droppedNames.contains(x.name) { n += textLength(x) }
            }
        }
        return n
    }

    /// Text in `e`'s paragraph descendants (or direct paragraph children).
    func paragraphText(_ e: HTMLElement, directOnly: Bool) -> Int {
        var n = 0
        for x in e.elementChildren {
            if x.name == "p" { n += textLength(x) } else if !directOnly && !Self.droppedNames.contains(x.name) {
                n += paragraphText(x, directOnly: false)
            }
        }
        return n
    }

    func articleRoot(_ all: [HTMLElement]) -> HTMLElement? {
        let body = all.first(where: { $0.name == "body" })
        var best: HTMLElement? = nil
        var bestScore = -1
        for e in all where e.name != "body" && e.name != "html" {
            let s = paragraphText(e, directOnly: true)
            if s > bestScore { best = e; bestScore = s }
        }
        let articles = all.filter { $0.name == "article" }
        if let a = articles.max(by: { paragraphText($0, directOnly: false) < paragraphText($1, directOnly: false) }),
           paragraphText(a, directOnly: false) * 2 >= max(bestScore, 0) {
            return a
        }
        if let m = all.first(where: { $0.name == "main" || $0.attribute("role") == "main" || $0.attribute("itemprop") == "articleBody" }),
           paragraphText(m, directOnly: false) * 2 >= max(bestScore, 0) {
            return m
        }
        if let best, bestScore > 0 { return best }
        return body ?? all.first
    }

    // MARK: Classification

    func isHidden(_ e: HTMLElement) -> Bool {
        if e.attributes.contains(where: { $0.name == "hidden" }) { return true }
        if e.attribute("aria-hidden")?.lowercased() == "true" { return true }
        if let style = e.attribute("style")?.lowercased().filter({ $0 != " " }),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        return false
    }

    func isBoilerplateContainer(_ e: HTMLElement) -> Bool {
        if Self.boilerplateNames.contains(e.name) { return true }
        if let role = e.attribute("role")?.lowercased(), Self.boilerplateRoles.contains(role) { return true }
        for attr in ["class", "id"] {
            guard let v = e.attribute(attr) else { continue }
            var token: [UInt8] = []
            for b in v.utf8 + [0x20] {
                if isASCIILetter(b) || isASCIIDigit(b) {
                    token.append(lowerASCII(b))
                } else {
                    if !token.isEmpty, Self.boilerplateTokens.contains(String(decoding: token, as: UTF8.self)) { return true }
                    token.removeAll()
                }
            }
        }
        return false
    }

    func isAtomic(_ e: HTMLElement) -> Bool {
        Self.atomicNames.contains(e.name) || isHidden(e)
    }

    /// An inline element with real tags whose content is text, inline or atomic elements only.
    mutating func isInline(_ e: HTMLElement) -> Bool {
        if let m = inlineMemo[ObjectIdentifier(e)] { return m }
        var r = Self.inlineNames.contains(e.name) && e.startToken != nil
        if r {
            for c in e.elementChildren where !isAtomic(c) && !isInline(c) { r = false; break }
        }
        inlineMemo[ObjectIdentifier(e)] = r
        return r
    }

    static func ownRole(_ name: String) -> MarkupBlock.Role? {
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6": return .heading(level: Int(name.utf8.last! - 0x30))
        case "li", "dd", "dt": return .listItem
        case "td", "th": return .tableCell
        case "figcaption", "caption": return .caption
        case "blockquote": return .blockQuote
        default: return nil
        }
    }

    // MARK: Walk

    mutating func walk(_ e: HTMLElement, isRoot: Bool, inherited: MarkupBlock.Role, boilerplate: Bool) {
        if !isRoot && (Self.droppedNames.contains(e.name) || isHidden(e)) { return }
        let bp = boilerplate || (!isRoot && isBoilerplateContainer(e))
        let own = Self.ownRole(e.name)
        var inheritedHere = inherited
        if let own, case .heading = own {} else if let own { inheritedHere = own }
        runs(of: e, role: own ?? inherited, boilerplate: bp, ownRole: own != nil)
        for c in e.elementChildren where !isInline(c) && !isAtomic(c) {
            walk(c, isRoot: false, inherited: inheritedHere, boilerplate: bp)
        }
    }

    /// Makes blocks of the runs of inline content between `e`'s block-level children.
    mutating func runs(of e: HTMLElement, role: MarkupBlock.Role, boilerplate: Bool, ownRole: Bool) {
        var runStart = e.contentStart
        var members: [HTMLNode] = []
        for c in e.children {
            if case .element(let x) = c, !isInline(x), !isAtomic(x) {
                let r = doc.outerRange(x)
                run(runStart ..< max(runStart, r.lowerBound), members, role: role, boilerplate: boilerplate)
                runStart = max(runStart, r.upperBound)
                members = []
            } else {
                members.append(c)
            }
        }
        run(runStart ..< max(runStart, e.contentEnd), members, role: role, boilerplate: boilerplate)
    }

    /// libxml2's text of run members, atomic elements left out.
    func memberText(_ nodes: [HTMLNode], into s: inout String) {
        for n in nodes {
            switch n {
            case .text(let t): s += t
            case .element(let x): if !isAtomic(x) { memberText(x.children, into: &s) }
            }
        }
    }

    func atomicMembers(_ nodes: [HTMLNode], into out: inout [HTMLElement]) {
        for n in nodes {
            if case .element(let x) = n {
                if isAtomic(x) { out.append(x) } else { atomicMembers(x.children, into: &out) }
            }
        }
    }

    mutating func run(_ range: Range<Int>, _ members: [HTMLNode], role: MarkupBlock.Role, boilerplate: Bool) {
        var expected = ""
        memberText(members, into: &expected)
        let hasText = !expected.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
        var blockRange: Range<Int>? = nil
        if hasText {
            if let raw = pieces(range),
               let pieces = trimmedPieces(raw, bytes: bytes, trimPlaceholders: true),
               pieces.isContiguous,
               squeezed(expected) == squeezed(pieces.compactMap(\.text).joined()) || squeezed(expected) == squeezed(raw.compactMap(\.text).joined()) {
                var block = MarkupBlock(role: role, pieces: pieces, isBoilerplate: boilerplate)
                if !boilerplate && isBoilerplatePhrase(block.text) { block.isBoilerplate = true }
                blocks.append(block)
                blockRange = block.range
            } else {
                skipped += 1
            }
        }
        // alt and title of images that are not inside the block's text.
        var atomics: [HTMLElement] = []
        atomicMembers(members, into: &atomics)
        for a in atomics where a.name == "img" || a.name == "area" || a.name == "input" {
            let r = doc.outerRange(a)
            if let b = blockRange, r.overlaps(b) { continue }
            attributeBlocks(a, boilerplate: boilerplate)
        }
    }

    func squeezed(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in s.unicodeScalars where !scalar.properties.isWhitespace { out.append(contentsOf: String(scalar).utf8) }
        return out
    }

    func isBoilerplatePhrase(_ text: String) -> Bool {
        var norm = ""
        var space = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if space && !norm.isEmpty { norm += " " }
                norm += String(scalar).lowercased()
                space = false
            } else {
                space = true
            }
        }
        return norm.utf8.count <= 40 && Self.boilerplatePhrases.contains(norm)
    }

    mutating func attributeBlocks(_ e: HTMLElement, boilerplate: Bool) {
        guard let t = e.startToken else { return }
        let tag = doc.tokens[t]
        for attr in tag.attributes where attr.name == "alt" || attr.name == "title" {
            guard let vr = attr.valueRange, let value = e.attribute(attr.name), worthTranslating(value) else { continue }
            var builder = PieceBuilder()
            decodeText(vr, into: &builder)
            guard let pieces = trimmedPieces(builder.pieces, bytes: bytes, trimPlaceholders: true) else { continue }
            guard squeezed(pieces.compactMap(\.text).joined()) == squeezed(value) else { skipped += 1; continue }
            blocks.append(MarkupBlock(role: .attribute(name: attr.name), pieces: pieces, isBoilerplate: boilerplate))
        }
    }

    /// Has a letter, and is not an identifier-like single token (`spot_img`, `photo.jpg`).
    func worthTranslating(_ s: String) -> Bool {
        guard s.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return false }
        let trimmed = s.unicodeScalars.filter { !$0.properties.isWhitespace }
        if trimmed.count == s.unicodeScalars.count {
            if s.contains("_") || s.contains(".") || s.contains("/") || s.contains("=") { return false }
        }
        return true
    }

    // MARK: Pieces

    /// The pieces of the source range: text with entities split off, codes for tags.
    func pieces(_ range: Range<Int>) -> [MarkupPiece]? {
        guard !range.isEmpty else { return [] }
        let tokens = doc.tokens
        guard var i = HTMLScanner.index(of: range.lowerBound, in: tokens) else { return nil }
        var builder = PieceBuilder()
        var openIDs: [ObjectIdentifier: Int] = [:]
        var p = range.lowerBound
        while p < range.upperBound && i < tokens.count {
            let t = tokens[i]
            let tr = max(t.range.lowerBound, p) ..< min(t.range.upperBound, range.upperBound)
            switch t.kind {
            case .text:
                decodeText(tr, into: &builder)
                p = tr.upperBound
                i += 1
            case .startTag:
                guard tr == t.range else { return nil }
                if let e = doc.owner[i], e.startToken == i {
                    if isAtomic(e) || e.endToken == nil {
                        let outer = isAtomic(e) ? doc.outerRange(e) : t.range
                        guard outer.upperBound <= range.upperBound else { return nil }
                        builder.placeholder(outer)
                        p = outer.upperBound
                        while i < tokens.count && tokens[i].range.upperBound <= p { i += 1 }
                        if i < tokens.count && tokens[i].range.lowerBound < p { return nil }
                        continue
                    }
                    openIDs[ObjectIdentifier(e)] = builder.open(t.range)
                } else {
                    builder.placeholder(t.range)
                }
                p = t.range.upperBound
                i += 1
            case .endTag:
                guard tr == t.range else { return nil }
                if let e = doc.owner[i], let id = openIDs[ObjectIdentifier(e)] {
                    builder.close(t.range, id: id)
                } else {
                    builder.placeholder(t.range)
                }
                p = t.range.upperBound
                i += 1
            default:
                guard tr == t.range else { return nil }
                builder.placeholder(t.range)
                p = t.range.upperBound
                i += 1
            }
        }
        return builder.pieces
    }

    /// Text bytes with entity and character references split off and decoded as libxml2 does.
    func decodeText(_ range: Range<Int>, into builder: inout PieceBuilder) {
        var runStart = range.lowerBound
        var p = range.lowerBound
        while p < range.upperBound {
            if bytes[p] == UInt8(ascii: "&"), let (len, value) = reference(at: p, limit: range.upperBound) {
                builder.rawText(runStart ..< p, in: bytes)
                builder.text(p ..< p + len, value)
                p += len
                runStart = p
            } else {
                p += 1
            }
        }
        builder.rawText(runStart ..< range.upperBound, in: bytes)
    }

    /// An entity (`&amp;`, HTML 4 names, with `;`) or character reference (`&#8217;`, `&#x2019;`).
    func reference(at p: Int, limit: Int) -> (Int, String)? {
        var q = p + 1
        guard q < limit else { return nil }
        if bytes[q] == UInt8(ascii: "#") {
            q += 1
            var hex = false
            if q < limit && (bytes[q] | 0x20) == UInt8(ascii: "x") { hex = true; q += 1 }
            let digitsStart = q
            var value: UInt32 = 0
            while q < limit {
                let b = bytes[q]
                let d: UInt32
                if isASCIIDigit(b) { d = UInt32(b - 0x30) }
                else if hex && (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 { d = UInt32((b | 0x20) - 0x61 + 10) }
                else { break }
                value = min(value * (hex ? 16 : 10) + d, 0x110000)
                q += 1
            }
            guard q > digitsStart else { return nil }
            if q < limit && bytes[q] == UInt8(ascii: ";") { q += 1 }
            let ok = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF)
                || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)
            guard ok, let scalar = Unicode.Scalar(value) else { return nil }
            return (q - p, String(scalar))
        }
        let nameStart = q
        while q < limit && q - nameStart < 32 && (isASCIILetter(bytes[q]) || isASCIIDigit(bytes[q])) { q += 1 }
        guard q > nameStart, q < limit, bytes[q] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: bytes[nameStart ..< q], as: UTF8.self)
        let value = bx_html_entity_value(name)
        guard value > 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (q + 1 - p, String(scalar))
    }
}
