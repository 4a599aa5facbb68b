import BitextCore
import BitextICU
import Foundation

/// The `Locales/` directory: SRX rules and per-language lists.
public struct LocaleData: Sendable {
    /// Path of the directory.
    public let path: String
    /// The parsed `segmentation.srx`.
    public let srx: SRXDocument

    /// Opens a Locales directory and reads its SRX file.
    public init(path: String) throws(SegmentationError) {
        self.path = path
        srx = try SRXDocument(path: path + "/segmentation.srx")
    }

    /// Finds the Locales directory: the explicit path, `BITEXT_LOCALES`, beside the executable's
    /// package (`.build/release/bitext` → `Locales/`), `share/bitext/Locales` beside `bin/`, then `./Locales`.
    public static func locate(explicit: String? = nil) throws(SegmentationError) -> LocaleData {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit + "/segmentation.srx") else {
                throw .localesNotFound(searched: [explicit])
            }
            return try LocaleData(path: explicit)
        }
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["BITEXT_LOCALES"], !env.isEmpty { candidates.append(env) }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        var dir = exe
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("Locales").path)
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("share/bitext/Locales").path)
        candidates.append(FileManager.default.currentDirectoryPath + "/Locales")
        for c in candidates where FileManager.default.fileExists(atPath: c + "/segmentation.srx") {
            return try LocaleData(path: c)
        }
        throw .localesNotFound(searched: candidates)
    }

    /// Languages that have their own rules (a folder under Locales/ or a languagemap other than the catch-all).
    public var languages: [String] {
        let dirs = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return dirs.filter { d in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/" + d, isDirectory: &isDir) && isDir.boolValue
        }.sorted()
    }

    /// Reads `Locales/<language>/<name>`, or nil when it does not exist.
    func file(_ language: String, _ name: String) throws(SegmentationError) -> (text: String, path: String)? {
        let p = "\(path)/\(language)/\(name)"
        guard FileManager.default.fileExists(atPath: p) else { return nil }
        guard let data = FileManager.default.contents(atPath: p) else {
            throw .badLocaleData(SourceLocation(file: p), "cannot read file")
        }
        if let bad = data.withUnsafeBytes({ UTF8Validation.firstInvalidOffset($0.bindMemory(to: UInt8.self)) }) {
            throw .invalidUTF8(SourceLocation(file: p, byteOffset: bad))
        }
        return (String(decoding: data, as: UTF8.self), p)
    }

    /// Lines of a list file without comments and blank lines, with their line numbers.
    func listLines(_ language: String, _ name: String) throws(SegmentationError) -> (lines: [(Int, String)], path: String)? {
        guard let (text, p) = try file(language, name) else { return nil }
        var result: [(Int, String)] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            result.append((i + 1, line))
        }
        return (result, p)
    }
}
