import BitextCore
import Foundation

/// Every bilingual format Bitext reads and writes: the registry that the CLI and the conformance
/// tests go through.
public enum ExchangeFormat: String, Sendable, CaseIterable {
    case xliff2, xliff12, tmx, po, csv, tsv, jsonl, html

    /// The usual file extension.
    public var fileExtension: String {
        switch self {
        case .xliff2, .xliff12: return "xlf"
        case .tmx: return "tmx"
        case .po: return "po"
        case .csv: return "csv"
        case .tsv: return "tsv"
        case .jsonl: return "jsonl"
        case .html: return "html"
        }
    }

    /// A human-readable name.
    public var displayName: String {
        switch self {
        case .xliff2: return XLIFF2.formatName
        case .xliff12: return XLIFF12.formatName
        case .tmx: return TMX.formatName
        case .po: return PO.formatName
        case .csv: return "CSV"
        case .tsv: return "TSV"
        case .jsonl: return "JSON Lines"
        case .html: return ReviewPage.formatName
        }
    }

    /// Whether the format records inline codes as codes (the flat formats carry their markup as text).
    public var keepsInlineCodes: Bool {
        switch self {
        case .xliff2, .xliff12, .tmx, .html: return true
        case .po, .csv, .tsv, .jsonl: return false
        }
    }

    /// The format for writing to `path`, by extension: `.xlf` and `.xliff` mean XLIFF 2.1.
    public init?(outputPath path: String) {
        switch Self.extensionOf(path) {
        case "xlf", "xliff", "xlf2": self = .xliff2
        case "xlf12": self = .xliff12
        case "tmx": self = .tmx
        case "po", "pot": self = .po
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "jsonl", "ndjson": self = .jsonl
        case "html", "htm": self = .html
        default: return nil
        }
    }

    /// The format of an existing file: by extension, and for `.xlf`/`.xliff` by the root's `version`.
    /// Nil for files that are not bilingual (plain text, Markdown) or unknown, and for files that
    /// cannot be read or whose XLIFF version cannot be found (`detect(path:)` says why).
    public init?(inputPath path: String) {
        guard let format = try? Self.detect(path: path) else { return nil }
        self = format
    }

    /// The format of an existing file, as `init(inputPath:)`, with the reason when it cannot be told:
    /// XLIFF (`.xlf`, `.xliff`, `.sdlxliff`, `.mqxliff`, `.mxliff`, `.txlf`) and files of unknown
    /// extension by their root element, its namespace and `version`; the rest by extension.
    /// - Returns: nil for an extension that is not a bilingual format.
    /// - Throws: `ExchangeError` for a missing or unreadable file (`.unreadable`) and for an XLIFF
    ///   file without a recognisable root `version` (`.data`).
    public static func detect(path: String) throws(ExchangeError) -> ExchangeFormat? {
        let ext = extensionOf(path)
        let xliff = xliffExtensions.contains(ext)
        if FileBytes.isDirectory(path) {
            throw ExchangeError("is a directory, not a file", location: SourceLocation(file: path), kind: .unreadable)
        }
        // XLIFF under any of its extensions by its root element; other known extensions as they
        // say; an unknown extension by the root element when it is XLIFF or TMX, else nil.
        if !xliff, let known = ExchangeFormat(outputPath: path) { return known }
        let head: [UInt8]
        do { head = try FileBytes.head(path, count: 64 << 10) } catch {
            if !xliff { return nil }
            throw ExchangeError(error.reason, location: SourceLocation(file: path), kind: .unreadable)
        }
        guard let root = RootElement.read(head: head) else {
            if !xliff { return nil }
            throw ExchangeError("no root element in the first 64 KiB: not an XLIFF document",
                                location: SourceLocation(file: path, byteOffset: 0))
        }
        if !xliff && root.localName != "xliff" && root.localName != "tmx" { return nil }
        switch root.localName {
        case "xliff":
            if let version = root.attribute("version") {
                if version.hasPrefix("1.") { return .xliff12 }
                if version.hasPrefix("2.") { return .xliff2 }
                throw ExchangeError("\(root.described) has version \"\(version)\"; Bitext reads XLIFF 1.2 and 2.x",
                                    location: SourceLocation(file: path, byteOffset: 0))
            }
            switch root.namespace {
            // XLIFF 1.1 files (OmegaT, older tools) often have no version; 1.2 reads them.
            case XLIFF12.namespace?, XLIFF12.namespace11?: return .xliff12
            case let ns? where ns.hasPrefix("urn:oasis:names:tc:xliff:document:2."): return .xliff2
            default:
                throw ExchangeError("XLIFF without version: \(root.described) has no version attribute",
                                    location: SourceLocation(file: path, byteOffset: 0))
            }
        case "tmx":
            return .tmx
        default:
            throw ExchangeError("the root element is \(root.described), not <xliff>", location: SourceLocation(file: path, byteOffset: 0))
        }
    }

    /// Extensions of XLIFF files from CAT tools (Trados, memoQ, Memsource, Wordfast), read by content.
    static let xliffExtensions: Set<String> = ["xlf", "xliff", "xlf2", "xlf12", "sdlxliff", "mqxliff", "mxliff", "txlf"]

    /// A writer of this format.
    public func makeWriter(sink: ByteSink, options: WriteOptions = WriteOptions(), findings: [String: [ReviewPage.Finding]] = [:]) -> any ExchangeWriter {
        switch self {
        case .xliff2: return XLIFF2.Writer(sink: sink, options: options)
        case .xliff12: return XLIFF12.Writer(sink: sink, options: options)
        case .tmx: return TMX.Writer(sink: sink, options: options)
        case .po: return PO.Writer(sink: sink, options: options)
        case .csv: return DelimitedUnits.Writer(sink: sink, dialect: .csv)
        case .tsv: return DelimitedUnits.Writer(sink: sink, dialect: .tsv)
        case .jsonl: return JSONLines.Writer(sink: sink)
        case .html: return ReviewPage.Writer(sink: sink, options: options, findings: findings)
        }
    }

    /// A reader of a file in this format.
    /// - Parameters:
    ///   - sourceLanguage: For formats that do not record it (CSV, TSV, JSON Lines; PO from other tools).
    ///   - targetLanguage: Likewise; for TMX, which `tuv` is the target.
    public func makeReader(path: String, sourceLanguage: String = "", targetLanguage: String? = nil) throws(ExchangeError) -> any ExchangeReader {
        switch self {
        case .xliff2: return try XLIFF2.Reader(path: path)
        case .xliff12: return try XLIFF12.Reader(path: path)
        case .tmx: return try TMX.Reader(path: path, targetLanguage: targetLanguage)
        case .po: return try PO.Reader(path: path, sourceLanguage: sourceLanguage)
        case .csv: return try DelimitedUnits.Reader(path: path, dialect: .csv, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        case .tsv: return try DelimitedUnits.Reader(path: path, dialect: .tsv, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        case .jsonl: return try JSONLines.Reader(path: path, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        case .html: return try ReviewPage.Reader(path: path)
        }
    }

    /// A reader of in-memory bytes in this format.
    public func makeReader(bytes: [UInt8], name: String, sourceLanguage: String = "", targetLanguage: String? = nil) throws(ExchangeError) -> any ExchangeReader {
        switch self {
        case .xliff2: return XLIFF2.Reader(bytes: bytes, name: name)
        case .xliff12: return XLIFF12.Reader(bytes: bytes, name: name)
        case .tmx: return TMX.Reader(bytes: bytes, name: name, targetLanguage: targetLanguage)
        case .po: return PO.Reader(bytes: bytes, name: name, sourceLanguage: sourceLanguage)
        case .csv: return try DelimitedUnits.Reader(bytes: bytes, name: name, dialect: .csv, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        case .tsv: return try DelimitedUnits.Reader(bytes: bytes, name: name, dialect: .tsv, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        case .jsonl: return JSONLines.Reader(bytes: bytes, name: name, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        case .html: return ReviewPage.Reader(bytes: bytes, name: name)
        }
    }

    static func extensionOf(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "" }
        return path[path.index(after: dot)...].lowercased()
    }

}
