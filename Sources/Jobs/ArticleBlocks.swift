import BitextCore
import Exchange
import Segmentation

/// A block of an article (a paragraph, heading, list item, caption or attribute value) as pieces
/// of the original: text a translator sees, and inline markup kept as codes.
struct ArticleBlock: Sendable {
    enum Piece: Sendable {
        /// Decoded text; when it differs from the original bytes, the piece is one entity or escape.
        case text(String, Range<Int>)
        case code(InlineCode.Kind, id: Int, Range<Int>)

        var range: Range<Int> {
            switch self {
            case let .text(_, r), let .code(_, _, r): return r
            }
        }
    }

    var pieces: [Piece]
    var isBoilerplate: Bool
    /// Attribute values (alt, title) are one unit each and are not split into sentences.
    var isAttribute: Bool
}

extension DocumentSource {
    /// Units for the blocks of a Markdown or HTML article: each block is split into sentences, and
    /// each sentence becomes a unit with its inline codes and its byte range in the original.
    /// - Parameter original: The article's bytes, for the codes' markup.
    static func units(blocks: [ArticleBlock], original: [UInt8], segmenter: Segmenter, idPrefix: String = "") -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        for block in blocks where !block.pieces.isEmpty {
            for sentence in sentences(of: block, segmenter: segmenter) {
                var content = Content()
                for piece in sentence {
                    switch piece {
                    case let .text(text, _): content.append(.text(text))
                    case let .code(kind, id, range):
                        content.append(.code(InlineCode(kind, id: String(id), data: String(decoding: original[range], as: UTF8.self))))
                    }
                }
                guard let first = sentence.first, let last = sentence.last else { continue }
                let text = content.text
                let translate = !block.isBoilerplate && !segmenter.isBoilerplate(text) && text.contains(where: { !$0.isWhitespace })
                units.append(TranslationUnit(id: idPrefix + String(units.count + 1), source: content,
                                             notes: translate || text.allSatisfy(\.isWhitespace) ? [] : ["Boilerplate: kept for the layout, not translated."],
                                             translate: translate, originalRange: first.range.lowerBound..<last.range.upperBound))
            }
        }
        return units
    }

    /// Splits a block into sentences by the segmenter's rules, run on the block's text alone.
    /// A code goes with the sentence it sits in; between sentences, a closing code stays with the
    /// sentence before and an opening code or placeholder goes with the sentence after.
    static func sentences(of block: ArticleBlock, segmenter: Segmenter) -> [[ArticleBlock.Piece]] {
        // The block's text, with where each text piece starts in it.
        var text = ""
        var starts: [Int] = []
        for piece in block.pieces {
            starts.append(text.utf8.count)
            if case let .text(t, _) = piece { text += t }
        }
        let spans: [Range<Int>] = block.isAttribute ? [0..<text.utf8.count] : segmenter.segments(of: text).map(\.range)
        guard spans.count > 1 else { return [trimmed(block.pieces)] }
        // Cut points in the text: the end of each sentence but the last.
        let cuts = spans.dropLast().map(\.upperBound)
        var result: [[ArticleBlock.Piece]] = [[]]
        var cutIndex = 0
        // A cut that fell at the end of a text piece: taken at the next piece that is not a closing code.
        var pending = false
        for (index, piece) in block.pieces.enumerated() {
            let start = starts[index]
            if pending {
                if case .code(.close, _, _) = piece {
                    result[result.count - 1].append(piece)
                    continue
                }
                result.append([])
                pending = false
            }
            guard case let .text(t, range) = piece else {
                result[result.count - 1].append(piece)
                continue
            }
            let length = t.utf8.count
            // Verbatim text can be split; an entity or escape moves as a whole.
            let verbatim = length == range.count
            var offset = 0
            while cutIndex < cuts.count, cuts[cutIndex] <= start + length {
                let cut = cuts[cutIndex] - start
                cutIndex += 1
                if cut >= length {
                    pending = true
                    break
                }
                guard verbatim, cut > offset else { continue }
                result[result.count - 1].append(.text(t.utf8Slice(offset..<cut), range.lowerBound + offset..<range.lowerBound + cut))
                result.append([])
                offset = cut
            }
            if offset < length {
                result[result.count - 1].append(.text(verbatim ? t.utf8Slice(offset..<length) : t,
                                                      (verbatim ? range.lowerBound + offset : range.lowerBound)..<range.upperBound))
            }
        }
        return result.map(trimmed).filter { !$0.isEmpty }
    }

    /// Moves leading and trailing white space out of a sentence (it stays in the skeleton).
    static func trimmed(_ pieces: [ArticleBlock.Piece]) -> [ArticleBlock.Piece] {
        var pieces = pieces
        while let first = pieces.first, case let .text(t, r) = first, t.utf8.count == r.count {
            let kept = t.drop(while: { $0.isWhitespace })
            if kept.isEmpty { pieces.removeFirst(); continue }
            let dropped = t.utf8.count - kept.utf8.count
            pieces[0] = .text(String(kept), r.lowerBound + dropped..<r.upperBound)
            break
        }
        while let last = pieces.last, case let .text(t, r) = last, t.utf8.count == r.count {
            var kept = Substring(t)
            while let c = kept.last, c.isWhitespace { kept.removeLast() }
            if kept.isEmpty { pieces.removeLast(); continue }
            pieces[pieces.count - 1] = .text(String(kept), r.lowerBound..<r.lowerBound + kept.utf8.count)
            break
        }
        return pieces
    }
}


