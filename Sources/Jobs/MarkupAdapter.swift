import BitextCore
import BitextMarkup
import Foundation
import Exchange
import Segmentation

extension DocumentSource {
    /// The units of an article of any kind: plain text by the segmenter, Markdown by libcmark,
    /// HTML by libxml2 (the article only: navigation, ads and the like are left out, boilerplate
    /// inside the article becomes non-translatable units).
    /// - Throws: `ExchangeError` naming the file for unreadable or malformed input.
    public static func units(path: String, kind: DocumentKind, segmenter: Segmenter, idPrefix: String = "") throws -> [TranslationUnit] {
        switch kind {
        case .text:
            return try units(path: path, segmenter: segmenter, idPrefix: idPrefix)
        case .markdown, .html:
            let bytes = try readBytes(path)
            let blocks: [MarkupBlock]
            do {
                blocks = kind == .markdown ? try MarkdownArticle.blocks(bytes) : try HTMLArticle.blocks(bytes)
            } catch {
                throw ExchangeError(error.message, location: SourceLocation(file: path, line: error.line > 0 ? error.line : nil,
                                                                            column: error.column > 0 ? error.column : nil,
                                                                            byteOffset: error.byteOffset))
            }
            return units(blocks: blocks.map(ArticleBlock.init), original: bytes, segmenter: segmenter, idPrefix: idPrefix)
        }
    }

    /// A file's bytes, checked to be UTF-8.
    static func readBytes(_ path: String) throws(ExchangeError) -> [UInt8] {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch {
            throw ExchangeError(error.reason, location: SourceLocation(file: path), kind: .unreadable)
        }
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            throw ExchangeError("invalid UTF-8", location: SourceLocation(file: path, byteOffset: bad))
        }
        return bytes
    }
}

extension ArticleBlock {
    init(_ block: MarkupBlock) {
        var isAttribute = false
        if case .attribute = block.role { isAttribute = true }
        self.init(pieces: block.pieces.map { piece in
            switch piece.kind {
            case let .text(t): return .text(t, piece.range)
            case let .open(id): return .code(.open, id: id, piece.range)
            case let .close(id): return .code(.close, id: id, piece.range)
            case let .placeholder(id): return .code(.placeholder, id: id, piece.range)
            }
        }, isBoilerplate: block.isBoilerplate, isAttribute: isAttribute)
    }
}
