import BitextCore
import Exchange
import Segmentation

/// Turns a plain-text document into units: one per sentence segment, with its byte range in the
/// original, and boilerplate lines ("Must read", "- Advertisement -") marked not to translate.
public enum DocumentSource {
    /// The units of a text file.
    /// - Parameters:
    ///   - idPrefix: Put before each segment number, so that ids stay unique across several documents.
    /// - Throws: `SegmentationError` for unreadable input or invalid UTF-8.
    public static func units(path: String, segmenter: Segmenter, idPrefix: String = "") throws(SegmentationError) -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        try segmenter.segment(path: path) { span, bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let translate = !segmenter.isBoilerplate(text)
            units.append(TranslationUnit(id: idPrefix + String(units.count + 1), source: Content(text),
                                         notes: translate ? [] : ["Boilerplate: kept for the layout, not translated."],
                                         translate: translate, originalRange: span.range))
        }
        return units
    }
}
