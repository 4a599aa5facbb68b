/// A token of the original HTML bytes, found the way libxml2's HTML parser reads them, so that
/// the elements libxml2 reports can be matched to their exact tag bytes.
struct HTMLToken {
    enum Kind: Equatable {
        case text, startTag, endTag, comment, doctype, processingInstruction
        /// The content of `<script>` and `<style>`.
        case rawText
        /// `</` not followed by a name.
        case junk
    }

    struct Attribute {
        var name: String
        /// The value's bytes (inside the quotes), nil when the attribute has no value.
        var valueRange: Range<Int>?
    }

    var kind: Kind
    var range: Range<Int>
    /// Lower-cased tag name for start and end tags.
    var name: String = ""
    var attributes: [Attribute] = []
    var selfClosing = false
}

/// Splits HTML bytes into tokens that cover the input contiguously.
enum HTMLScanner {
    @inline(__always) static func isNameStart(_ b: UInt8) -> Bool {
        isASCIILetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b == UInt8(ascii: ".")
    }

    @inline(__always) static func isNameChar(_ b: UInt8) -> Bool {
        isASCIILetter(b) || isASCIIDigit(b) || b == UInt8(ascii: ":") || b == UInt8(ascii: "-")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
    }

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func scan(_ bytes: [UInt8]) -> [HTMLToken] {
        let n = bytes.count
        var tokens: [HTMLToken] = []
        var textStart: Int? = nil
        var p = 0

        func name(from start: Int) -> (String, Int) {
            var q = start
            while q < n && isNameChar(bytes[q]) { q += 1 }
            return (String(decoding: bytes[start ..< q].map(lowerASCII), as: UTF8.self), q)
        }
        func flushText(upTo end: Int) {
            if let s = textStart, s < end { tokens.append(HTMLToken(kind: .text, range: s ..< end)) }
            textStart = nil
        }
        func find(_ needle: [UInt8], from start: Int, caseInsensitive: Bool = false) -> Int? {
            guard needle.count <= n else { return nil }
            var q = start
            while q + needle.count <= n {
                var k = 0
                while k < needle.count && (caseInsensitive ? lowerASCII(bytes[q + k]) : bytes[q + k]) == needle[k] { k += 1 }
                if k == needle.count { return q }
                q += 1
            }
            return nil
        }

        while p < n {
            guard bytes[p] == UInt8(ascii: "<"), p + 1 < n else {
                if textStart == nil { textStart = p }
                p += 1
                continue
            }
            let c = bytes[p + 1]
            if c == UInt8(ascii: "/") {
                flushText(upTo: p)
                guard p + 2 < n, isNameStart(bytes[p + 2]) else {
                    tokens.append(HTMLToken(kind: .junk, range: p ..< min(p + 2, n)))
                    p += 2
                    continue
                }
                let (tagName, afterName) = name(from: p + 2)
                var q = afterName
                while q < n && bytes[q] != UInt8(ascii: ">") { q += 1 }
                if q < n { q += 1 }
                tokens.append(HTMLToken(kind: .endTag, range: p ..< q, name: tagName))
                p = q
            } else if c == UInt8(ascii: "!") {
                if p + 3 < n && bytes[p + 2] == UInt8(ascii: "-") && bytes[p + 3] == UInt8(ascii: "-") {
                    flushText(upTo: p)
                    let end = find(Array("-->".utf8), from: p + 4).map { $0 + 3 } ?? n
                    tokens.append(HTMLToken(kind: .comment, range: p ..< end))
                    p = end
                } else if p + 9 <= n && bytes[p + 2 ..< p + 9].map(lowerASCII).elementsEqual("doctype".utf8) {
                    flushText(upTo: p)
                    let q = find([UInt8(ascii: ">")], from: p + 9).map { $0 + 1 } ?? n
                    tokens.append(HTMLToken(kind: .doctype, range: p ..< q))
                    p = q
                } else {
                    if textStart == nil { textStart = p }
                    p += 1
                }
            } else if c == UInt8(ascii: "?") {
                flushText(upTo: p)
                let q = find([UInt8(ascii: ">")], from: p + 2).map { $0 + 1 } ?? n
                tokens.append(HTMLToken(kind: .processingInstruction, range: p ..< q))
                p = q
            } else if isASCIILetter(c) {
                flushText(upTo: p)
                let token = startTag(bytes, at: p, name: name)
                p = token.range.upperBound
                let isRaw = token.name == "script" || token.name == "style"
                let selfClosing = token.selfClosing
                tokens.append(token)
                if isRaw && !selfClosing && p < n {
                    let close = find(Array("</".utf8) + Array(token.name.utf8), from: p, caseInsensitive: true) ?? n
                    if close > p { tokens.append(HTMLToken(kind: .rawText, range: p ..< close)) }
                    p = close
                }
            } else {
                // A stray '<' is text, as libxml2 reads it.
                if textStart == nil { textStart = p }
                p += 1
            }
        }
        flushText(upTo: n)
        return tokens
    }

    /// A start tag at `p` (`<` then a letter), read as libxml2's htmlParseStartTag does.
    static func startTag(_ bytes: [UInt8], at p: Int, name: (Int) -> (String, Int)) -> HTMLToken {
        let n = bytes.count
        let (tagName, afterName) = name(p + 1)
        var token = HTMLToken(kind: .startTag, range: p ..< n, name: tagName)
        var q = afterName
        while true {
            while q < n && isBlank(bytes[q]) { q += 1 }
            if q >= n { break }
            if bytes[q] == UInt8(ascii: ">") { token.range = p ..< q + 1; return token }
            if bytes[q] == UInt8(ascii: "/") && q + 1 < n && bytes[q + 1] == UInt8(ascii: ">") {
                token.selfClosing = true
                token.range = p ..< q + 2
                return token
            }
            if isNameStart(bytes[q]) {
                let (attrName, afterAttr) = name(q)
                q = afterAttr
                var r = q
                while r < n && isBlank(bytes[r]) { r += 1 }
                var valueRange: Range<Int>? = nil
                if r < n && bytes[r] == UInt8(ascii: "=") {
                    r += 1
                    while r < n && isBlank(bytes[r]) { r += 1 }
                    if r < n && (bytes[r] == UInt8(ascii: "\"") || bytes[r] == UInt8(ascii: "'")) {
                        let quote = bytes[r]
                        var e = r + 1
                        while e < n && bytes[e] != quote { e += 1 }
                        valueRange = r + 1 ..< e
                        q = e < n ? e + 1 : n
                    } else {
                        var e = r
                        while e < n && !isBlank(bytes[e]) && bytes[e] != UInt8(ascii: ">") { e += 1 }
                        valueRange = r ..< e
                        q = e
                    }
                }
                token.attributes.append(HTMLToken.Attribute(name: attrName, valueRange: valueRange))
            } else {
                // A bogus attribute: libxml2 skips to the next blank or the end of the tag.
                while q < n && !isBlank(bytes[q]) && bytes[q] != UInt8(ascii: ">")
                    && !(bytes[q] == UInt8(ascii: "/") && q + 1 < n && bytes[q + 1] == UInt8(ascii: ">")) { q += 1 }
            }
        }
        token.range = p ..< n
        return token
    }

    /// The index of the token that contains byte `offset` (tokens cover the input contiguously).
    static func index(of offset: Int, in tokens: [HTMLToken]) -> Int? {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].range.upperBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < tokens.count && tokens[lo].range.contains(offset) ? lo : nil
    }
}
