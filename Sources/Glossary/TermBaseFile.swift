import BitextCore
import Foundation

/// Term base files by extension: `.tbx`, `.csv`, `.tsv`.
public enum TermBaseFile {
    public enum Format: String, Sendable, CaseIterable {
        case tbx, csv, tsv

        /// The format named by a path's extension.
        public init?(path: String) {
            guard let ext = path.split(separator: ".").last.map({ $0.lowercased() }), let f = Format(rawValue: ext) else { return nil }
            self = f
        }
    }

    /// Reads a term base.
    /// - Throws: `GlossaryError` naming the file, and the line and column where it can.
    public static func read(path: String, format: Format? = nil) throws(GlossaryError) -> TermBase {
        guard let format = format ?? Format(path: path) else { throw .unknownFormat(path: path) }
        guard FileManager.default.fileExists(atPath: path) else { throw .unreadable(path: path, reason: "no such file") }
        switch format {
        case .tbx:
            return try TBXReader.read(path: path)
        case .csv, .tsv:
            let data: [UInt8]
            do { data = try FileBytes.read(path) } catch { throw .unreadable(path: path, reason: error.reason) }
            if let bad = UTF8Validation.firstInvalidOffset(data) {
                throw .malformed(SourceLocation(file: path, byteOffset: bad), "invalid UTF-8")
            }
            return try DelimitedTermBase.read(String(decoding: data, as: UTF8.self), dialect: format == .csv ? .csv : .tsv, name: path)
        }
    }

    /// Reads several term bases into one; the concepts keep their order, file by file.
    /// - Throws: `GlossaryError` for the first file that cannot be read.
    public static func read(paths: [String]) throws(GlossaryError) -> TermBase {
        var base = TermBase(source: paths.joined(separator: ", "))
        for path in paths {
            let one = try read(path: path)
            base.concepts += one.concepts
            base.warnings += one.warnings
        }
        return base
    }

    /// The file contents for `base` in `format`.
    public static func render(_ base: TermBase, format: Format) throws(GlossaryError) -> String {
        switch format {
        case .tbx: return try TBXWriter.write(base)
        case .csv: return DelimitedTermBase.write(base, dialect: .csv)
        case .tsv: return DelimitedTermBase.write(base, dialect: .tsv)
        }
    }

    /// Writes atomically: a temporary file beside the target, then a rename.
    /// - Throws: `GlossaryError.unwritable`; with `overwrite` false, also when the file exists.
    public static func write(_ base: TermBase, path: String, format: Format? = nil, overwrite: Bool) throws(GlossaryError) {
        guard let format = format ?? Format(path: path) else { throw .unknownFormat(path: path) }
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw .unwritable(path: path, reason: "the file exists; pass --force to overwrite it")
        }
        let text = try render(base, format: format)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }
}
