import BitextICU
import BitextXML

/// The root element of an XML file, read from its first bytes without parsing the document: what
/// format detection goes by. The prolog (declaration, comments, processing instructions, a
/// DOCTYPE with its internal subset) is skipped; the root's prefix is resolved against the
/// namespace declarations on the root itself.
struct RootElement: Equatable {
    var prefix: String
    var localName: String
    var namespace: String?
    var attributes: [(name: String, value: String)]

    static func == (a: RootElement, b: RootElement) -> Bool {
        a.prefix == b.prefix && a.localName == b.localName && a.namespace == b.namespace
            && a.attributes.map(\.name) == b.attributes.map(\.name) && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    /// The value of an attribute without a prefix (`version`, not `its:version`).
    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// `<xlf:xliff>` in namespace `urn:…`, for messages.
    var described: String {
        "<\(prefix.isEmpty ? "" : prefix + ":")\(localName)>" + (namespace.map { " in namespace \($0)" } ?? " in no namespace")
    }

    /// Reads the root from a file's first bytes, converting UTF-16 or a declared encoding first.
    /// Nil when the bytes do not reach a root start tag (not XML, or a prolog longer than the head).
    static func read(head raw: [UInt8]) -> RootElement? {
        var head = raw
        if let (encoding, mark) = XMLPullParser.declaredEncoding(raw) {
            // The head may end inside a character: try a few shorter cuts.
            var body = Array(raw[min(mark, raw.count)...])
            if encoding.uppercased().hasPrefix("UTF-16"), body.count % 2 == 1 { body.removeLast() }
            var converted: [UInt8]?
            for cut in 0..<4 where body.count >= cut {
                if let c = try? Transcoding.utf8(Array(body.dropLast(cut)), from: encoding) { converted = c; break }
            }
            guard let converted else { return nil }
            head = converted
        } else if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            head.removeFirst(3)
        }
        return parse(head)
    }

    static func parse(_ b: [UInt8]) -> RootElement? {
        var i = 0
        let n = b.count
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        func skip(past terminator: [UInt8]) -> Bool {
            while i + terminator.count <= n {
                if b[i] == terminator[0] && Array(b[i..<(i + terminator.count)]) == terminator { i += terminator.count; return true }
                i += 1
            }
            return false
        }
        while i < n {
            while i < n && isSpace(b[i]) { i += 1 }
            guard i + 1 < n, b[i] == UInt8(ascii: "<") else { return nil }
            if b[i + 1] == UInt8(ascii: "?") {
                guard skip(past: Array("?>".utf8)) else { return nil }
            } else if b[i...].starts(with: Array("<!--".utf8)) {
                guard skip(past: Array("-->".utf8)) else { return nil }
            } else if b[i...].starts(with: Array("<!DOCTYPE".utf8)) {
                // Up to the '>' that is not inside the internal subset or a quoted literal.
                var depth = 0
                var quote: UInt8?
                i += 9
                while i < n {
                    let c = b[i]
                    if let q = quote { if c == q { quote = nil } } else if c == 0x22 || c == 0x27 { quote = c } else if c == UInt8(ascii: "[") { depth += 1 } else if c == UInt8(ascii: "]") { depth -= 1 } else if c == UInt8(ascii: ">") && depth <= 0 { break }
                    i += 1
                }
                guard i < n else { return nil }
                i += 1
            } else {
                return startTag(b, from: i + 1)
            }
        }
        return nil
    }

    private static func startTag(_ b: [UInt8], from start: Int) -> RootElement? {
        let n = b.count
        func isNameByte(_ c: UInt8) -> Bool {
            !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "="))
        }
        var i = start
        while i < n && isNameByte(b[i]) { i += 1 }
        guard i > start, i < n else { return nil }
        let qname = String(decoding: b[start..<i], as: UTF8.self)
        var attributes: [(String, String)] = []
        while i < n {
            while i < n && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) { i += 1 }
            guard i < n else { return nil }
            if b[i] == UInt8(ascii: ">") || b[i] == UInt8(ascii: "/") { break }
            let nameStart = i
            while i < n && isNameByte(b[i]) { i += 1 }
            let name = String(decoding: b[nameStart..<i], as: UTF8.self)
            while i < n && b[i] != UInt8(ascii: "=") { i += 1 }
            i += 1
            while i < n && b[i] != 0x22 && b[i] != 0x27 { i += 1 }
            guard i < n else { return nil }
            let quote = b[i]
            i += 1
            let valueStart = i
            while i < n && b[i] != quote { i += 1 }
            guard i < n else { return nil }
            attributes.append((name, String(decoding: b[valueStart..<i], as: UTF8.self)))
            i += 1
        }
        let parts = qname.split(separator: ":", maxSplits: 1).map(String.init)
        let prefix = parts.count == 2 ? parts[0] : ""
        let local = parts.count == 2 ? parts[1] : qname
        let declaration = prefix.isEmpty ? "xmlns" : "xmlns:" + prefix
        let namespace = attributes.first { $0.0 == declaration }?.1
        return RootElement(prefix: prefix, localName: local, namespace: namespace, attributes: attributes.map { (name: $0.0, value: $0.1) })
    }
}
