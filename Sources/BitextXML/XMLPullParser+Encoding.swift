#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts a document in another encoding to UTF-8. The XML module has no character sets of its
/// own: readers that have ICU hand one in (`Transcoding` in BitextICU).
public struct XMLTranscoder: Sendable {
    /// UTF-8 for the bytes in the named encoding, or an error with the offset of the first byte
    /// that is not valid in it.
    public var convert: @Sendable (_ bytes: [UInt8], _ encoding: String) -> Result<[UInt8], XMLTranscodingFailure>
    /// The offset in the original bytes of a UTF-8 offset in the converted text.
    public var sourceOffset: @Sendable (_ utf8Offset: Int, _ bytes: [UInt8], _ encoding: String) -> Int

    public init(convert: @escaping @Sendable ([UInt8], String) -> Result<[UInt8], XMLTranscodingFailure>,
                sourceOffset: @escaping @Sendable (Int, [UInt8], String) -> Int) {
        self.convert = convert
        self.sourceOffset = sourceOffset
    }
}

public struct XMLTranscodingFailure: Error, Sendable {
    public var byteOffset: Int?
    public var message: String

    public init(byteOffset: Int?, message: String) {
        self.byteOffset = byteOffset
        self.message = message
    }
}

/// The original bytes of a converted document, for mapping offsets back.
final class TranscodedInput: @unchecked Sendable {
    let encoding: String
    let original: [UInt8]
    let skipped: Int
    let transcoder: XMLTranscoder

    init(encoding: String, original: [UInt8], skipped: Int, transcoder: XMLTranscoder) {
        self.encoding = encoding
        self.original = original
        self.skipped = skipped
        self.transcoder = transcoder
    }

    func originalOffset(_ utf8Offset: Int) -> Int {
        skipped + transcoder.sourceOffset(utf8Offset, original, encoding)
    }
}

extension XMLPullParser {
    /// The encoding that a document's first bytes show: nil for UTF-8 (with or without its byte
    /// order mark, or with no declaration); else the encoding's name and the length of its byte
    /// order mark. UTF-16 is told by its mark or by `<?` in two bytes a character; other encodings
    /// by the XML declaration.
    public static func declaredEncoding(_ head: [UInt8]) -> (name: String, byteOrderMark: Int)? {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
        if head.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
        if head.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
        if head.starts(with: [0x3C, 0x00, 0x3F, 0x00]) || head.starts(with: [0x3C, 0x00, 0x21, 0x00]) { return ("UTF-16LE", 0) }
        if head.starts(with: [0x00, 0x3C, 0x00, 0x3F]) || head.starts(with: [0x00, 0x3C, 0x00, 0x21]) { return ("UTF-16BE", 0) }
        guard head.starts(with: Array("<?xml".utf8)), let close = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = Array(head[..<close])
        let key = Array("encoding".utf8)
        guard let at = (0...max(0, declaration.count - key.count)).first(where: { declaration[$0...].starts(with: key) }),
              declaration.count >= key.count else { return nil }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        var k = at + key.count
        while k < declaration.count && isSpace(declaration[k]) { k += 1 }
        guard k < declaration.count, declaration[k] == UInt8(ascii: "=") else { return nil }
        k += 1
        while k < declaration.count && isSpace(declaration[k]) { k += 1 }
        guard k < declaration.count, declaration[k] == 0x22 || declaration[k] == 0x27 else { return nil }
        let quote = declaration[k]
        let value = declaration[(k + 1)...].prefix { $0 != quote }
        let name = String(decoding: value, as: UTF8.self)
        let lower = String(decoding: value.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        if lower == "utf-8" || lower == "utf8" || name.isEmpty { return nil }
        return (name, 0)
    }

    /// Opens a file in any encoding: UTF-8 is read as `init(path:chunkSize:input:)` reads it;
    /// another encoding is converted to UTF-8 first through `transcoder` (errors then name lines
    /// of the converted text, which are the file's lines, and byte offsets in the file).
    /// - Throws: `XMLError` when the file cannot be read, when its encoding is unknown, or at the
    ///   first byte that is not valid in its encoding.
    public init(path: String, chunkSize: Int = 65536, input: FileInput = .automatic, transcoder: XMLTranscoder?) throws(XMLError) {
        let head = Self.readHead(path)
        guard let (encoding, mark) = Self.declaredEncoding(head) else {
            try self.init(path: path, chunkSize: chunkSize, input: input)
            return
        }
        func failure(_ message: String, _ offset: Int) -> XMLError {
            XMLError(source: path, line: 1, column: 1, byteOffset: offset, message: message)
        }
        guard let transcoder else {
            throw failure("the document is in \(encoding); this reader reads UTF-8 only", 0)
        }
        let all: [UInt8]
        do { all = try Self.readAll(path) } catch { throw failure("cannot read the file: \(error.message)", 0) }
        let original = Array(all[mark...])
        switch transcoder.convert(original, encoding) {
        case let .success(utf8):
            self.init(bytes: utf8, sourceName: path)
            transcoded = TranscodedInput(encoding: encoding, original: original, skipped: mark, transcoder: transcoder)
        case let .failure(f):
            if let offset = f.byteOffset {
                throw failure("\(f.message) at byte \(offset + mark) (the file declares \(encoding))", offset + mark)
            }
            throw failure("\(f.message) (declared by the file)", 0)
        }
    }

    private struct ReadFailure: Error { let message: String }

    private static func readHead(_ path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { _ = close(fd) }
        var head = [UInt8](repeating: 0, count: 1024)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return n > 0 ? Array(head[..<n]) : []
    }

    private static func readAll(_ path: String) throws(ReadFailure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadFailure(message: systemError()) }
        defer { _ = close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { out += chunk[..<n] } else if n == 0 { return out } else if errno != EINTR { throw ReadFailure(message: systemError()) }
        }
    }
}
