import Glibc
import Testing
@testable import BitextMarkup

// MARK: Helpers

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

func readExample(_ name: String) -> [UInt8] {
    var path = "\(#filePath)"
    for _ in 0 ..< 3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    path += "/Examples/\(name)"
    guard let f = fopen(path, "rb") else { Issue.record("cannot open \(path)"); return [] }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        out.append(contentsOf: buf[0 ..< n])
    }
    return out
}

func source(_ b: [UInt8], _ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }

/// Checks invariants 1–4 on every block.
/// `count` copies of `original`, each with one to four random edits: an ASCII byte deleted, or one of `inserts`
/// put before an ASCII byte (so the UTF-8 stays valid). The same seed gives the same copies.
func randomMutations(of original: [UInt8], inserts: [[UInt8]], count: Int, seed: UInt64) -> [[UInt8]] {
    var state = seed
    func next() -> Int {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return Int(state % UInt64(Int.max))
    }
    return (0 ..< count).map { _ in
        var b = original
        for _ in 0 ..< 1 + next() % 4 {
            let at = next() % b.count
            if next() % 2 == 0 {
                if b[at] < 0x80 { b.remove(at: at) }
            } else if b[at] < 0x80 {
                b.insert(contentsOf: inserts[next() % inserts.count], at: at)
            }
        }
        return b
    }
}

func checkInvariants(_ blocks: [MarkupBlock], _ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    var previousEnd = 0
    for block in blocks {
        #expect(!block.pieces.isEmpty, sourceLocation: sourceLocation)
        #expect(block.range.lowerBound >= previousEnd, "blocks overlap or are out of order", sourceLocation: sourceLocation)
        #expect(block.range.upperBound <= input.count, sourceLocation: sourceLocation)
        previousEnd = block.range.upperBound
        // Contiguity, and the rebuilt bytes equal the block's bytes.
        var rebuilt: [UInt8] = []
        for (i, p) in block.pieces.enumerated() {
            if i > 0 {
                #expect(block.pieces[i - 1].range.upperBound == p.range.lowerBound, "gap in \(block.text)", sourceLocation: sourceLocation)
            }
            #expect(!p.range.isEmpty, sourceLocation: sourceLocation)
            rebuilt += input[p.range]
        }
        #expect(rebuilt == Array(input[block.range]), sourceLocation: sourceLocation)
        // No white space at the edges.
        let first = input[block.range.lowerBound], last = input[block.range.upperBound - 1]
        #expect(![0x20, 0x09, 0x0A, 0x0D].contains(first) && ![0x20, 0x09, 0x0A, 0x0D].contains(last),
                "white space at the edge of \(source(input, block.range).debugDescription)", sourceLocation: sourceLocation)
        // Text pieces: exact bytes, or one reference / escape.
        var opened: [Int: Int] = [:]
        var ids: [Int] = []
        for p in block.pieces {
            let raw = Array(input[p.range])
            switch p.kind {
            case .text(let s):
                if Array(s.utf8) != raw {
                    let isEscape = raw.count == 2 && raw[0] == UInt8(ascii: "\\")
                    let isReference = raw.first == UInt8(ascii: "&") && !raw.dropFirst().contains(UInt8(ascii: "&"))
                        && !raw.contains(where: { $0 == 0x20 || $0 == 0x0A })
                    #expect(isEscape || isReference, "text piece \(s.debugDescription) over \(source(input, p.range).debugDescription)", sourceLocation: sourceLocation)
                }
            case .open(let id):
                opened[id, default: 0] += 1
                ids.append(id)
            case .close(let id):
                #expect(opened[id] == 1, "close without open", sourceLocation: sourceLocation)
                opened[id] = 2
            case .placeholder(let id):
                ids.append(id)
            }
        }
        #expect(opened.values.allSatisfy { $0 == 2 }, "open without close in \(block.text.debugDescription)", sourceLocation: sourceLocation)
        #expect(ids == Array(1 ... max(ids.count, 1)).prefix(ids.count).map { $0 }, "ids \(ids)", sourceLocation: sourceLocation)
    }
}

func md(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [MarkupBlock] {
    let b = bytes(s)
    let x = try MarkdownArticle.extract(b)
    #expect(x.skippedBlocks == 0, "skipped blocks in \(s.debugDescription)", sourceLocation: sourceLocation)
    checkInvariants(x.blocks, b, sourceLocation: sourceLocation)
    return x.blocks
}

func html(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [MarkupBlock] {
    let b = bytes(s)
    let x = try HTMLArticle.extract(b)
    #expect(x.skippedBlocks == 0, "skipped blocks in \(s.debugDescription)", sourceLocation: sourceLocation)
    checkInvariants(x.blocks, b, sourceLocation: sourceLocation)
    return x.blocks
}

/// A compact rendering: text as is, codes as {o1} {c1} {p2}.
func render(_ block: MarkupBlock) -> String {
    block.pieces.map { p -> String in
        switch p.kind {
        case .text(let s): return s
        case .open(let id): return "{o\(id)}"
        case .close(let id): return "{c\(id)}"
        case .placeholder(let id): return "{p\(id)}"
        }
    }.joined()
}

func codes(_ block: MarkupBlock, _ input: String) -> [String] {
    let b = bytes(input)
    return block.pieces.compactMap { p in p.text == nil ? source(b, p.range) : nil }
}

func squeeze(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
}
