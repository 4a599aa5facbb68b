import BitextCore

@inline(__always) func isASCIISpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
}

@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool {
    (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
}

@inline(__always) func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

@inline(__always) func isASCIIPunctuation(_ b: UInt8) -> Bool {
    (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
}

@inline(__always) func lowerASCII(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

/// Throws when `bytes` is not well-formed UTF-8.
func validateUTF8(_ bytes: [UInt8]) throws(MarkupError) {
    if let bad = UTF8Validation.firstInvalidOffset(bytes) {
        throw MarkupError("invalid UTF-8", at: bad, in: bytes)
    }
}

/// Builds blocks piece by piece, keeping them contiguous and numbering codes per block.
struct PieceBuilder {
    var pieces: [MarkupPiece] = []
    var nextID = 1

    mutating func text(_ range: Range<Int>, _ s: String) {
        guard !range.isEmpty else { return }
        pieces.append(MarkupPiece(range: range, kind: .text(s)))
        lastIsRaw = false
    }

    /// Whether the last piece is plain text (its own bytes), which the next plain text may extend.
    var lastIsRaw = false

    /// Plain text whose decoded value is its own bytes; merged with plain text right before it.
    mutating func rawText(_ range: Range<Int>, in bytes: [UInt8]) {
        guard !range.isEmpty else { return }
        let k = pieces.count - 1
        if lastIsRaw, k >= 0, pieces[k].range.upperBound == range.lowerBound, case .text(var merged) = pieces[k].kind {
            // Append in place (the piece lets go of its string first): decoding the whole run again for each
            // piece took time in the square of the run's length, on a paragraph of many short lines.
            pieces[k].kind = .text("")
            merged += String(decoding: bytes[range], as: UTF8.self)
            pieces[k] = MarkupPiece(range: pieces[k].range.lowerBound ..< range.upperBound, kind: .text(merged))
            return
        }
        text(range, String(decoding: bytes[range], as: UTF8.self))
        lastIsRaw = true
    }

    mutating func newID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    mutating func open(_ range: Range<Int>) -> Int {
        let id = newID()
        pieces.append(MarkupPiece(range: range, kind: .open(id: id)))
        lastIsRaw = false
        return id
    }

    mutating func close(_ range: Range<Int>, id: Int) {
        pieces.append(MarkupPiece(range: range, kind: .close(id: id)))
        lastIsRaw = false
    }

    mutating func placeholder(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        pieces.append(MarkupPiece(range: range, kind: .placeholder(id: newID())))
        lastIsRaw = false
    }
}

extension Array where Element == MarkupPiece {
    /// True when the pieces are contiguous.
    var isContiguous: Bool {
        var i = 1
        while i < count {
            if self[i - 1].range.upperBound != self[i].range.lowerBound { return false }
            i += 1
        }
        return true
    }
}

/// Trims white space and standalone placeholders from both ends of a block, splitting raw
/// text pieces where needed, then renumbers codes from 1. Returns nil when no text is left.
func trimmedPieces(_ input: [MarkupPiece], bytes: [UInt8], trimPlaceholders: Bool) -> [MarkupPiece]? {
    var pieces = input
    var changed = true
    while changed {
        changed = false
        trimEdges(&pieces, bytes: bytes, trimPlaceholders: trimPlaceholders)
        // An open at the start whose close is at the end wraps the whole block: both go to the skeleton.
        if pieces.count > 2, case .open(let a) = pieces.first!.kind, case .close(let b) = pieces.last!.kind, a == b {
            pieces.removeFirst()
            pieces.removeLast()
            changed = true
        }
    }
    return renumbered(pieces)
}

func trimEdges(_ pieces: inout [MarkupPiece], bytes: [UInt8], trimPlaceholders: Bool) {
    func isBlankText(_ p: MarkupPiece) -> Bool {
        guard case .text(let s) = p.kind else { return false }
        return s.utf8.allSatisfy(isASCIISpace)
    }
    func isRaw(_ p: MarkupPiece) -> Bool {
        guard case .text(let s) = p.kind else { return false }
        return s.utf8.count == p.range.count && s.utf8.elementsEqual(bytes[p.range])
    }
    // Leading.
    while let first = pieces.first {
        if isBlankText(first) && isRaw(first) { pieces.removeFirst(); continue }
        if trimPlaceholders, case .placeholder = first.kind { pieces.removeFirst(); continue }
        if case .text = first.kind, isRaw(first) {
            var lo = first.range.lowerBound
            while lo < first.range.upperBound && isASCIISpace(bytes[lo]) { lo += 1 }
            if lo != first.range.lowerBound {
                pieces[0] = MarkupPiece(range: lo ..< first.range.upperBound,
                                        kind: .text(String(decoding: bytes[lo ..< first.range.upperBound], as: UTF8.self)))
            }
        }
        break
    }
    // Trailing.
    while let last = pieces.last {
        if isBlankText(last) && isRaw(last) { pieces.removeLast(); continue }
        if trimPlaceholders, case .placeholder = last.kind { pieces.removeLast(); continue }
        if case .text = last.kind, isRaw(last) {
            var hi = last.range.upperBound
            while hi > last.range.lowerBound && isASCIISpace(bytes[hi - 1]) { hi -= 1 }
            if hi != last.range.upperBound {
                pieces[pieces.count - 1] = MarkupPiece(range: last.range.lowerBound ..< hi,
                                                       kind: .text(String(decoding: bytes[last.range.lowerBound ..< hi], as: UTF8.self)))
            }
        }
        break
    }
}

func renumbered(_ input: [MarkupPiece]) -> [MarkupPiece]? {
    var pieces = input
    // Opens whose close was trimmed away (and closes without opens) cannot stay paired.
    var opened = Set<Int>(), closed = Set<Int>()
    for p in pieces {
        switch p.kind {
        case .open(let id): opened.insert(id)
        case .close(let id): closed.insert(id)
        default: break
        }
    }
    var hasText = false
    for p in pieces {
        if case .text(let s) = p.kind, !s.utf8.allSatisfy(isASCIISpace) { hasText = true; break }
    }
    guard hasText else { return nil }
    // Renumber from 1 in order of first appearance.
    var map: [Int: Int] = [:]
    var next = 1
    func renumber(_ id: Int) -> Int {
        if let n = map[id] { return n }
        map[id] = next
        next += 1
        return next - 1
    }
    for i in pieces.indices {
        switch pieces[i].kind {
        case .open(let id):
            pieces[i].kind = closed.contains(id) ? .open(id: renumber(id)) : .placeholder(id: renumber(id))
        case .close(let id):
            pieces[i].kind = opened.contains(id) ? .close(id: renumber(id)) : .placeholder(id: renumber(id))
        case .placeholder(let id):
            pieces[i].kind = .placeholder(id: renumber(id))
        case .text: break
        }
    }
    return pieces
}
