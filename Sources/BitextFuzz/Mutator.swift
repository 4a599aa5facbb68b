import BitextCore

/// Deterministic hostile inputs: input number `i` of a target is always the same bytes, so that a
/// supervisor can rebuild the input a worker died on from its number alone.


/// FNV-1a of a name: a stable hash (Swift's own is randomized per process).
func stableHash(_ s: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
    return h
}

enum Mutator {
    /// Fragments that readers of these formats treat specially, and bytes that are not text.
    static let tokens: [[UInt8]] = {
        let text = [
            "<", ">", "&", ";", "\"", "'", "]]>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "&#x110000;", "&#xD800;",
            "&lt", "&unknown;", "</", "/>", "<?", "?>", "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>", "&a;",
            "<!DOCTYPE x SYSTEM \"file:///etc/passwd\">", "<!ENTITY % p SYSTEM \"http://example.com/x.dtd\"> %p;",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<?xml version=\"1.1\"?>", "xmlns=\"\"", "xml:lang=\"\"",
            "xml:lang=\"../../x\"", "trgLang=\"../../../outside\"", "target-language=\"../x\"", "Language: ../../x\\n",
            "id=\"\"", "id=\"1\"", "<unit id=\"u\">", "</unit>", "<segment>", "<source>", "</source>", "<target>",
            "<trans-unit id=\"t\">", "<group>", "</group>", "<file>", "</file>", "<pc id=\"1\">", "</pc>",
            "<sc id=\"1\"/>", "<ec startRef=\"9\"/>", "<ph id=\"1\"/>", "<bpt i=\"1\">", "<ept i=\"2\">", "<it pos=\"x\">",
            "<mrk mtype=\"seg\" mid=\"1\">", "<seg>", "<tu>", "<tuv xml:lang=\"ru\">", "<termEntry>", "<conceptEntry id=\"c\">",
            "<langSec xml:lang=\"ru\">", "<termSec>", "<term>", "<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>",
            "<rule break=\"no\">", "<beforebreak>", "<afterbreak>", "(\\p{L}+\\s?)+\\d", "(a|aa)+$", "[", "(", ")", "\\",
            "msgid \"", "msgstr \"", "msgstr[0] \"", "msgid_plural \"", "msgctxt \"", "#, fuzzy\n", "#~ ", "#: a.c:1\n",
            "\"\"\n", "\\n", "\\", "\n", "\r", "\r\n", "\t", "\u{0C}", "\u{0B}", ",", "\"\"", "{", "}", "[", "]", ":",
            "\\u0000", "\\ud800", "\\uDC00\\uD800", "null", "1e999", "{\"id\":", "\"source\":", "\"target\":",
            "---\n", "**", "*", "_", "`", "```\n", "<b>", "</b>", "<div>", "<script>", "</script>", "<br>", "#", "> ",
            "- ", "1. ", "[x](", "![", "|", "<!-- x", "\u{FEFF}", "\u{200B}", "\u{1F600}", "\u{0301}",
        ]
        var list = text.map { Array($0.utf8) }
        list += [[0], [0xFF], [0xFE], [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
                 [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0x1B]]
        return list
    }()

    static let interestingBytes: [UInt8] = [0, 0x0C, 0x7F, 0x80, 0xBF, 0xC0, 0xFF, 0x3C, 0x3E, 0x26, 0x22, 0x27, 0x3B,
                                            0x0A, 0x0D, 0x09, 0x2C, 0x5C, 0x2F, 0x23, 0x2A, 0x5B, 0x5D]

    /// Openers repeated for deep nesting.
    static let openers: [String] = ["<b>", "<div>", "<pc id=\"1\">", "<g id=\"1\">", "<group>", "<mrk mid=\"1\">", "<bpt i=\"1\">",
                                    "<span>", "**", "_", "> ", "- ", "[", "{\"a\":", "<langSec xml:lang=\"en\">", "<x>"]

    /// Input number `index` for a target with these seeds.
    static func input(index: Int, seeds: [[UInt8]], runSeed: UInt64, target: String, heavyEvery: Int) -> (seed: Int, bytes: [UInt8]) {
        var rng = SplitMix64(seed: runSeed ^ stableHash(target) ^ (UInt64(index) &* 0xD6E8_FEB8_6659_FD93))
        guard !seeds.isEmpty else { return (0, []) }
        let seed = rng.below(seeds.count)
        var bytes = seeds[seed]
        // Most inputs take one to four small mutations; one in `heavyEvery` takes a heavy one (deep nesting,
        // a long line, a huge attribute, many attributes, an entity bomb), which costs more time.
        if rng.oneIn(heavyEvery) {
            heavy(&bytes, &rng, seeds: seeds)
        } else {
            for _ in 0...(rng.oneIn(2) ? 0 : rng.below(4)) { light(&bytes, &rng, seeds: seeds) }
        }
        // Now and then the whole input in UTF-16 (as Trados writes TMX), or declared in another encoding.
        if rng.oneIn(25) {
            let bigEndian = rng.oneIn(2), mark = !rng.oneIn(3)
            var out: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
            for unit in String(decoding: bytes, as: UTF8.self).utf16 {
                let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
                out += bigEndian ? [hi, lo] : [lo, hi]
            }
            if rng.oneIn(4) && !out.isEmpty { out.removeLast() }  // an odd byte at the end
            bytes = out
        } else if rng.oneIn(40) {
            let declaration = Array("<?xml version=\"1.0\" encoding=\"\(["windows-1252", "ISO-8859-5", "CP1251", "koi8-r", "x-unknown", "UTF-32"][rng.below(6)])\"?>".utf8)
            bytes = declaration + bytes
        }
        return (seed, bytes)
    }

    static func light(_ b: inout [UInt8], _ rng: inout SplitMix64, seeds: [[UInt8]]) {
        let n = b.count
        switch rng.below(9) {
        case 0 where n > 0:  // flip bits
            for _ in 0...rng.below(3) { b[rng.below(n)] ^= UInt8(1 << rng.below(8)) }
        case 1 where n > 0:  // a special byte
            b[rng.below(n)] = interestingBytes[rng.below(interestingBytes.count)]
        case 2 where n > 0:  // truncate
            b.removeSubrange(rng.below(n)...)
        case 3 where n > 0:  // delete a span
            let start = rng.below(n)
            let length = min(n - start, 1 + rng.below(rng.oneIn(4) ? max(1, n / 4) : 64))
            b.removeSubrange(start..<(start + length))
        case 4 where n > 0:  // duplicate a span
            let start = rng.below(n)
            let length = min(n - start, 1 + rng.below(256))
            let span = Array(b[start..<(start + length)])
            b.insert(contentsOf: span, at: rng.below(n + 1))
        case 5 where n > 0:  // move a span elsewhere (reorder)
            let start = rng.below(n)
            let length = min(n - start, 1 + rng.below(128))
            let span = Array(b[start..<(start + length)])
            b.removeSubrange(start..<(start + length))
            b.insert(contentsOf: span, at: rng.below(b.count + 1))
        case 6:  // splice with another seed
            let other = seeds[rng.below(seeds.count)]
            let cut = rng.below(n + 1), otherCut = rng.below(other.count + 1)
            b = Array(b[..<cut]) + Array(other[otherCut...])
        default:  // insert a token, at a random place or just after a '<' or a quote
            let token = tokens[rng.below(tokens.count)]
            var at = rng.below(n + 1)
            if n > 0 && rng.oneIn(2) {
                let probe = rng.below(n)
                if let k = b[probe...].firstIndex(where: { $0 == 0x3C || $0 == 0x22 || $0 == 0x0A }) { at = k + 1 }
            }
            b.insert(contentsOf: token, at: at)
        }
    }

    static func heavy(_ b: inout [UInt8], _ rng: inout SplitMix64, seeds: [[UInt8]]) {
        let at = rng.below(b.count + 1)
        switch rng.below(7) {
        case 0, 1:  // deep nesting, with or without the closers
            let opener = Array(openers[rng.below(openers.count)].utf8)
            let depth = [300, 3_000, 30_000, 100_000][rng.below(4)]
            var chunk: [UInt8] = []
            chunk.reserveCapacity(opener.count * depth)
            for _ in 0..<depth { chunk += opener }
            b.insert(contentsOf: chunk, at: at)
        case 2:  // a long line
            let length = rng.oneIn(10) ? 10_000_000 : 1 + rng.below(1_000_000)
            let fill: [UInt8] = rng.oneIn(2) ? Array(repeating: 0x61, count: length)
                : (0..<length).map { $0 % 6 == 5 ? 0x20 : UInt8(0x61 + $0 % 26) }
            b.insert(contentsOf: fill, at: at)
        case 3:  // a huge attribute after the next element name
            let k = b[min(at, b.count)...].firstIndex(of: 0x3C).map { $0 + 2 } ?? at
            let value = Array(repeating: UInt8(0x78), count: 1 + rng.below(2_000_000))
            b.insert(contentsOf: Array(" huge=\"".utf8) + value + [0x22, 0x20], at: min(k, b.count))
        case 4:  // many attributes on one element
            let k = b[min(at, b.count)...].firstIndex(of: 0x3C).map { $0 + 2 } ?? at
            var attrs: [UInt8] = []
            for j in 0..<(500 + rng.below(5_000)) { attrs += Array(" a\(j)=\"\(j)\"".utf8) }
            b.insert(contentsOf: attrs + [0x20], at: min(k, b.count))
        case 5:  // an entity bomb in front
            let bomb = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">\
            <!ENTITY ext SYSTEM "file:///etc/passwd">]>
            """
            b = Array(bomb.utf8) + b
            b.insert(contentsOf: Array("&lol4;&ext;".utf8), at: min(b.count, Array(bomb.utf8).count + at))
        default:  // very many short lines
            var lines: [UInt8] = []
            let separator: [UInt8] = [[0x0A], [0x0D], [0x0D, 0x0A], [0x0C]][rng.below(4)]
            for j in 0..<(10_000 + rng.below(200_000)) { lines += Array("Line \(j)".utf8) + separator }
            b.insert(contentsOf: lines, at: at)
        }
    }
}
