import BitextCore
import BitextICU
import BitextXML
import Exchange
import Foundation
import GRDB

extension TMError {
    init(_ error: ExchangeError, file: String) {
        let kind: Kind
        switch error.kind {
        case .data: kind = .data
        case .unreadable: kind = .unreadable
        case .unwritable: kind = .unwritable
        }
        self.init(error.message, kind: kind, file: error.location?.file ?? file, line: error.location?.line, unit: error.unit)
    }
}

extension TranslationMemory {
    /// Imports the translated units of a TMX file (through Exchange's TMX reader), all in one
    /// transaction: a malformed file imports nothing.
    ///
    /// The source is the header's `srclang`; `sourceLanguage`, when given, must match it (see the
    /// language rule in the type's documentation). The target is the `tuv` in `targetLanguage`,
    /// or else in the first language other than the source in the file. Units without a target
    /// are skipped; inline codes are kept as their original markup text; the origin is the file's
    /// name.
    /// - Returns: The number of units stored (added or updated).
    public func importTMX(path: String, sourceLanguage: String?, targetLanguage: String?) throws -> Int {
        do { _ = try FileBytes.head(path, count: 1) } catch { throw TMError(error.reason, kind: .unreadable, file: path) }
        // The reader compares tags exactly: find the file's own spelling (`ru-RU` for `ru`).
        // Without a match no unit has a translation; the file is still read, to report errors.
        let target = try Self.firstTargetLanguage(path: path, matching: targetLanguage.map(TextKey.tag)) ?? targetLanguage
        var entries: [TMEntry] = []
        var source = ""
        let origin = (path as NSString).lastPathComponent
        do {
            let reader = try TMX.Reader(path: path, targetLanguage: target)
            while let event = try reader.next() {
                switch event {
                case let .startDocument(header):
                    source = header.sourceLanguage
                    if let sourceLanguage, !TextKey.languageMatches(TextKey.tag(sourceLanguage), TextKey.tag(source)) {
                        throw TMError("the file's source language is \(source) (srclang of <header>), not \(sourceLanguage)", kind: .data,
                                      file: path, line: header.line)
                    }
                case let .unit(unit):
                    guard unit.translate, !unit.target.isEmpty, let target else { continue }
                    entries.append(TMEntry(source: unit.source.flattened, target: unit.target.flattened,
                                           sourceLanguage: source, targetLanguage: target, origin: origin))
                default:
                    continue
                }
            }
        } catch let error as ExchangeError {
            throw TMError(error, file: path)
        }
        return try add(entries)
    }

    /// The `xml:lang` of the first `tuv` that is not in the header's `srclang` (and that matches
    /// `wanted` by the language rule), from a byte scan of at most 64 MiB: Exchange's reader
    /// neither reports which target it chose nor matches `ru` to `ru-RU`.
    static func firstTargetLanguage(path: String, matching wanted: String?) throws -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TMError("cannot read the file: \(String(cString: strerror(errno)))", kind: .unreadable, file: path) }
        defer { close(fd) }
        var sourceLanguage: String?
        var scanned = 0
        // The start of an unfinished tag carried over from the last chunk (at most `tagLimit` bytes).
        var carry: [UInt8] = []
        let tagLimit = 1 << 16
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        // A file in UTF-16 (Trados, Wordfast) or another encoding is scanned in its UTF-8 form; an
        // encoding error is left for the reader to report with its place.
        var converted: [UInt8]?
        var head = [UInt8](repeating: 0, count: 1024)
        let headCount = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        if headCount > 0, let (encoding, mark) = XMLPullParser.declaredEncoding(Array(head[..<headCount])) {
            guard let all = try? FileBytes.read(path), all.count >= mark,
                  let utf8 = try? Transcoding.utf8(Array(all[mark...]), from: encoding) else { return nil }
            converted = utf8
        }
        while scanned < 64 << 20 {
            let got: Int
            if let converted {
                got = min(chunk.count, converted.count - scanned)
                if got > 0 { chunk.replaceSubrange(0 ..< got, with: converted[scanned ..< scanned + got]) }
            } else {
                got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if got < 0 && errno == EINTR { continue }
            }
            if got <= 0 { break }
            scanned += got
            var window = carry
            window.append(contentsOf: chunk[0 ..< got])
            carry = []
            var i = 0
            while let lt = window[i...].firstIndex(of: UInt8(ascii: "<")) {
                guard let gt = window[lt...].firstIndex(of: UInt8(ascii: ">")) else {
                    if window.count - lt <= tagLimit { carry = Array(window[lt...]) }
                    break
                }
                let tag = String(decoding: window[(lt + 1) ..< gt], as: UTF8.self)
                i = gt + 1
                if sourceLanguage == nil {
                    if tag.hasPrefix("header") && tag.dropFirst(6).first.map({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "/" }) ?? true {
                        sourceLanguage = Self.attribute("srclang", in: tag[...])?.lowercased() ?? ""
                    }
                } else if tag.hasPrefix("tuv"), let lang = Self.attribute("xml:lang", in: tag[...]) ?? Self.attribute("lang", in: tag[...]),
                          lang.lowercased() != sourceLanguage, wanted.map({ TextKey.languageMatches(TextKey.tag(lang), $0) }) ?? true {
                    return lang
                }
            }
        }
        return nil
    }

    /// The value of attribute `name` in the text of a start tag.
    static func attribute(_ name: String, in tag: Substring) -> String? {
        for quote in ["\"", "'"] {
            if let r = tag.range(of: " " + name + "=" + quote) ?? tag.range(of: "\n" + name + "=" + quote) ?? tag.range(of: "\t" + name + "=" + quote) {
                let rest = tag[r.upperBound...]
                if let end = rest.firstIndex(of: Character(quote)) { return String(rest[..<end]) }
            }
        }
        return nil
    }

    /// Writes the units of one language pair as TMX 1.4b, atomically (through a temporary file).
    ///
    /// Without languages, the store must hold a single pair. With them, units are selected by the
    /// language rule (`ru` also selects `ru-RU`) and the header uses the given tags.
    /// - Parameter overwrite: Replace an existing file; without it an existing file is an error.
    /// - Returns: The number of units written.
    public func exportTMX(path: String, sourceLanguage: String?, targetLanguage: String?, overwrite: Bool) throws -> Int {
        let pairs = try run {
            try db.read { db in
                try Row.fetchAll(db, sql: "SELECT DISTINCT source_lang, target_lang FROM unit").map { ($0[0] as String, $0[1] as String) }
            }
        }
        let sourceTag = sourceLanguage.map(TextKey.tag), targetTag = targetLanguage.map(TextKey.tag)
        let selected = pairs.filter { pair in
            (sourceTag.map { TextKey.languageMatches(pair.0, $0) } ?? true) && (targetTag.map { TextKey.languageMatches(pair.1, $0) } ?? true)
        }
        let header: (String, String)
        if let sourceLanguage, let targetLanguage {
            header = (sourceLanguage, targetLanguage)
        } else {
            let sources = Set(selected.map(\.0)), targets = Set(selected.map(\.1))
            guard sources.count <= 1, targets.count <= 1 else {
                let list = selected.map { "\($0.0)→\($0.1)" }.sorted().joined(separator: ", ")
                throw TMError("the memory holds several language pairs (\(list)); give the source and target language", kind: .usage, file: self.path)
            }
            header = (sourceLanguage ?? sources.first ?? "en", targetLanguage ?? targets.first ?? "und")
        }
        do {
            let file = try AtomicFile(path: path, overwrite: overwrite)
            let writer = TMX.Writer(sink: file.sink)
            try writer.write(.startDocument(DocumentHeader(sourceLanguage: header.0, targetLanguage: header.1)))
            try writer.write(.startFile(FileInfo(id: "f1")))
            var count = 0
            let selectedSet = Set(selected.map { "\($0.0)\u{0}\($0.1)" })
            try run {
                try db.read { db in
                    let cursor = try Row.fetchCursor(db, sql: "SELECT id, source_lang, target_lang, source, target FROM unit ORDER BY id")
                    while let row = try cursor.next() {
                        guard selectedSet.contains("\(row[1] as String)\u{0}\(row[2] as String)") else { continue }
                        let id: Int64 = row[0]
                        let unit = TranslationUnit(id: String(id), source: Content(row[3] as String), target: Content(row[4] as String))
                        do { try writer.write(.unit(unit)) } catch let error as ExchangeError { throw TMError(error, file: path) }
                        count += 1
                    }
                }
            }
            try writer.write(.endFile)
            try writer.write(.endDocument)
            try file.commit()
            return count
        } catch let error as ExchangeError {
            throw TMError(error, file: path)
        }
    }
}
