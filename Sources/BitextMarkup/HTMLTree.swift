@_implementationOnly import CLibXML2

/// An element as libxml2's HTML parser built it, tied to the tokens of its tags.
final class HTMLElement {
    let name: String
    /// Attribute values as libxml2 decoded them.
    var attributes: [(name: String, value: String)]
    /// The start tag's token, nil for an element libxml2 implied (html, head, body, p).
    var startToken: Int?
    /// The end tag's token, nil when the element was closed implicitly.
    var endToken: Int?
    var contentStart: Int
    var contentEnd: Int
    var children: [HTMLNode] = []

    init(name: String, attributes: [(name: String, value: String)], contentStart: Int) {
        self.name = name
        self.attributes = attributes
        self.contentStart = contentStart
        self.contentEnd = contentStart
    }

    func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
    }

    var elementChildren: [HTMLElement] {
        children.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
    }
}

enum HTMLNode {
    case element(HTMLElement)
    /// Decoded text, as libxml2 delivered it.
    case text(String)
}

/// The document libxml2 parsed, with each element's tag tokens.
final class HTMLDocument {
    let bytes: [UInt8]
    let tokens: [HTMLToken]
    /// A synthetic root holding the top-level elements.
    let root = HTMLElement(name: "#document", attributes: [], contentStart: 0)
    /// The element that claimed each token, by token index.
    var owner: [Int: HTMLElement] = [:]
    var stack: [HTMLElement] = []
    var pendingText: [UInt8] = []
    /// Where an element opened deeper than `maximumDepth`; the tree is cut there and the document refused.
    var tooDeep: Int?

    /// Elements nested deeper than this are refused: no real page comes near it, and the tree
    /// (built, walked and freed with recursion bounded by this depth) stays safe on any thread.
    static let maximumDepth = 256

    init(bytes: [UInt8], tokens: [HTMLToken]) {
        self.bytes = bytes
        self.tokens = tokens
        root.contentEnd = bytes.count
        stack = [root]
    }

    func outerRange(_ e: HTMLElement) -> Range<Int> {
        let lo = e.startToken.map { tokens[$0].range.lowerBound } ?? e.contentStart
        let hi = e.endToken.map { tokens[$0].range.upperBound } ?? e.contentEnd
        return lo ..< max(lo, hi)
    }

    func flushText() {
        guard !pendingText.isEmpty, let top = stack.last else { return }
        let s = String(decoding: pendingText, as: UTF8.self)
        pendingText.removeAll(keepingCapacity: true)
        if case .text(let prev)? = top.children.last {
            top.children[top.children.count - 1] = .text(prev + s)
        } else {
            top.children.append(.text(s))
        }
    }

    // MARK: SAX events

    func startElement(_ name: String, _ attributes: [(name: String, value: String)], offset: Int) {
        guard tooDeep == nil else { return }
        if stack.count > Self.maximumDepth {
            tooDeep = max(0, min(offset, bytes.count))
            return
        }
        flushText()
        let n = bytes.count
        var claimed: Int? = nil
        var contentStart = offset
        if n > 0, let i = HTMLScanner.index(of: min(max(offset, 0), n - 1), in: tokens) {
            let t = tokens[i]
            if t.kind == .startTag && t.name == name && owner[i] == nil && t.range.lowerBound < offset {
                claimed = i
                contentStart = t.range.upperBound
            } else if t.kind != .text && t.range.lowerBound < offset {
                contentStart = t.range.lowerBound
            } else if offset > 0, let j = HTMLScanner.index(of: offset - 1, in: tokens), tokens[j].kind == .text {
                // Implied by text (a <p> around text directly in <html>): libxml2 has read the text already.
                contentStart = tokens[j].range.lowerBound
            }
        }
        let e = HTMLElement(name: name, attributes: attributes, contentStart: contentStart)
        if let claimed {
            e.startToken = claimed
            owner[claimed] = e
        }
        stack.last?.children.append(.element(e))
        stack.append(e)
    }

    func endElement(_ name: String, offset: Int) {
        guard tooDeep == nil else { return }
        flushText()
        guard let depth = stack.lastIndex(where: { $0.name == name }), depth > 0 else { return }
        // Elements libxml2 closed without telling (a start tag cut off at the end of input).
        while stack.count - 1 > depth {
            let e = stack.removeLast()
            e.contentEnd = max(e.contentStart, offset)
        }
        let e = stack.removeLast()
        var end = offset
        if offset > 0, let i = HTMLScanner.index(of: offset - 1, in: tokens) {
            let t = tokens[i]
            if t.kind == .endTag && t.name == name && owner[i] == nil && t.range.upperBound == offset {
                e.endToken = i
                owner[i] = e
                end = t.range.lowerBound
            } else if i == e.startToken {
                end = t.range.upperBound
            } else if t.kind != .text {
                end = t.range.lowerBound
            }
        }
        e.contentEnd = max(e.contentStart, end)
    }

    func characters(_ p: UnsafePointer<UInt8>, _ len: Int) {
        guard tooDeep == nil else { return }
        pendingText.append(contentsOf: UnsafeBufferPointer(start: p, count: len))
    }

    func finish() {
        flushText()
        while stack.count > 1 {
            let e = stack.removeLast()
            e.contentEnd = max(e.contentStart, bytes.count)
        }
    }

    // MARK: Parsing

    /// Parses `bytes` (valid UTF-8 without NUL bytes) with libxml2's HTML parser, never fetching anything.
    static func parse(_ bytes: [UInt8]) -> HTMLDocument? {
        _ = libxmlInitialized
        let doc = HTMLDocument(bytes: bytes, tokens: HTMLScanner.scan(bytes))
        let ok: Bool = bytes.withUnsafeBufferPointer { buf -> Bool in
            guard let base = buf.baseAddress else { return true }
            let ctxt = UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buf.count) {
                htmlCreateMemoryParserCtxt($0, Int32(buf.count))
            }
            guard let ctxt else { return false }
            defer {
                if let d = ctxt.pointee.myDoc { xmlFreeDoc(d); ctxt.pointee.myDoc = nil }
                htmlFreeParserCtxt(ctxt)
            }
            let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
            htmlCtxtUseOptions(ctxt, options)
            bx_html_pin_utf8(ctxt)
            guard let sax = ctxt.pointee.sax else { return false }
            sax.pointee.startElement = { ctx, name, atts in
                guard let ctx, let name else { return }
                let d = Unmanaged<HTMLDocument>.fromOpaque(bx_html_private(ctx)).takeUnretainedValue()
                var attributes: [(name: String, value: String)] = []
                if var a = atts {
                    while let n = a.pointee {
                        let v = (a + 1).pointee
                        attributes.append((String(cString: n), v.map { String(cString: $0) } ?? ""))
                        a += 2
                    }
                }
                d.startElement(String(cString: name), attributes, offset: bx_html_ctx_offset(ctx))
                if d.tooDeep != nil { bx_html_stop(ctx) }
            }
            sax.pointee.endElement = { ctx, name in
                guard let ctx, let name else { return }
                let d = Unmanaged<HTMLDocument>.fromOpaque(bx_html_private(ctx)).takeUnretainedValue()
                d.endElement(String(cString: name), offset: bx_html_ctx_offset(ctx))
            }
            let characters: charactersSAXFunc = { ctx, ch, len in
                guard let ctx, let ch, len > 0 else { return }
                let d = Unmanaged<HTMLDocument>.fromOpaque(bx_html_private(ctx)).takeUnretainedValue()
                d.characters(ch, Int(len))
            }
            sax.pointee.characters = characters
            sax.pointee.ignorableWhitespace = characters
            sax.pointee.cdataBlock = characters
            sax.pointee.comment = { _, _ in }
            sax.pointee.processingInstruction = { _, _, _ in }
            ctxt.pointee._private = Unmanaged.passUnretained(doc).toOpaque()
            _ = htmlParseDocument(ctxt)
            return true
        }
        guard ok else { return nil }
        doc.finish()
        return doc
    }
}

private let libxmlInitialized: Void = { xmlInitParser() }()
