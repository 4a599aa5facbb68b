/// Numbers in text, read by a language's conventions so that "1,500.5" (en) and "1 500,5" (ru)
/// or "1.500,5" (de) are the same value, and "%50" (tr) is 50.
public enum Numbers {
    /// The decimal separator a language writes: "," for most of Europe, "." for English.
    public static func decimalSeparator(_ language: String) -> Character {
        switch language.lowercased().split(separator: "-").first ?? "" {
        case "en", "ja", "zh", "ko", "he", "th", "hi": return "."
        default: return ","
        }
    }

    /// Each number in `text` as a canonical value ("1500.5"), with its UTF-8 range.
    public static func values(in text: String, language: String) -> [(value: String, range: Range<Int>)] {
        let decimal = decimalSeparator(language)
        let chars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        var o = 0
        for c in chars { offsets.append(o); o += String(c).utf8.count }
        offsets.append(o)
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < chars.count && chars[i].properties.numericType == .decimal && chars[i].isASCII }
        func isGroupSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\u{A0}" || c == "\u{202F}" || c == "\u{2009}" }
        var result: [(String, Range<Int>)] = []
        var i = 0
        while i < chars.count {
            guard isDigit(i), !isDigit(i - 1), !(i > 0 && chars[i - 1].properties.isAlphabetic) else { i += 1; continue }
            var j = i
            var raw: [Unicode.Scalar] = []
            while j < chars.count {
                if isDigit(j) { raw.append(chars[j]); j += 1; continue }
                let c = chars[j]
                // A separator counts only between digits; a space only before a group of three.
                if (c == "." || c == "," || c == "'") && isDigit(j + 1) && isDigit(j - 1) {
                    raw.append(c); j += 1; continue
                }
                if isGroupSpace(c) && isDigit(j - 1) && isDigit(j + 1) && isDigit(j + 2) && isDigit(j + 3) && !isDigit(j + 4) {
                    raw.append(" "); j += 1; continue
                }
                break
            }
            result.append((canonical(raw, decimal: decimal), offsets[i]..<offsets[j]))
            i = j
        }
        return result
    }

    static func canonical(_ raw: [Unicode.Scalar], decimal: Character) -> String {
        let s = String(String.UnicodeScalarView(raw))
        let dots = s.filter { $0 == "." }.count, commas = s.filter { $0 == "," }.count
        var decimalChar: Character?
        if dots > 0 && commas > 0 {
            decimalChar = s.lastIndex(of: ".")! > s.lastIndex(of: ",")! ? "." : ","
        } else if dots + commas == 1 {
            let sep: Character = dots == 1 ? "." : ","
            let after = s.split(separator: sep, omittingEmptySubsequences: false).last?.count ?? 0
            // "1,500" is a thousand in English, "1.500" a thousand in German; otherwise a decimal.
            decimalChar = (after == 3 && sep != decimal) ? nil : sep
        }
        var intPart = "", fraction = ""
        var inFraction = false
        for (k, c) in s.enumerated() {
            if c.isNumber { if inFraction { fraction.append(c) } else { intPart.append(c) } }
            else if let d = decimalChar, c == d, k == s.distance(from: s.startIndex, to: s.lastIndex(of: d)!) { inFraction = true }
        }
        intPart = String(intPart.drop { $0 == "0" })
        if intPart.isEmpty { intPart = "0" }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? intPart : intPart + "." + fraction
    }
}
