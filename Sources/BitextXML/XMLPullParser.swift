#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming, namespace-aware XML 1.0 pull parser over UTF-8 that never fetches or expands a DTD
/// (internal subsets are refused, external ones ignored) and reads files in bounded memory.
public struct XMLPullParser: ~Copyable {
    /// Bounds on the shape of a document; beyond them the parser refuses with the position.
    public struct Limits: Sendable, Equatable {
        /// Elements nested deeper than this are refused.
        public var depth: Int
        /// Attributes on one element beyond this are refused.
        public var attributes: Int

        public init(depth: Int, attributes: Int) {
            self.depth = depth
            self.attributes = attributes
        }

        /// Far beyond any real XLIFF, TMX, TBX or SRX file, and a bound on the recursion of readers
        /// that descend into inline codes.
        public static let standard = Limits(depth: 256, attributes: 1024)
        /// No bounds but memory: the parser itself never recurses.
        public static let unlimited = Limits(depth: .max, attributes: .max)
    }

    /// The bounds in force (default: `Limits.standard`).
    public var limits = Limits.standard

    enum State {
        case documentStart, beforeRoot, inRoot, afterRoot, finished
    }

    struct OpenElement {
        var box: ResolvedName
        var name: XMLName { box.name }
        var nameStart: Int
        var nameLength: Int
        /// Where the local name starts, counted from `nameStart` (after the colon of a prefixed name).
        var localOffset: Int
        var namespaceUndoCount: Int
        var offset: Int
        var line = 0
        var column = 0
    }

    struct NamespaceUndo {
        var prefix: String?
        var previous: String?
    }

    struct RawAttribute {
        var start: Int
        var end: Int
        var colon: Int
        var valueStart: Int
        var valueEnd: Int
        /// Index in `decodedValues` when the value had references or whitespace to normalise, else -1.
        var decoded: Int
    }

    struct Tracker {
        var offset = 0
        var line = 1
        var column = 0
        var afterCR = false
    }

    /// The file path or the name given for in-memory input, used in errors.
    public let sourceName: String
    var fileDescriptor: Int32
    let chunkSize: Int
    var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var pos = 0
    var end = 0
    var base = 0
    var atEOF: Bool
    var tracker = Tracker()
    var eventOffset = 0
    let locations = LocationCache()
    var firstUnresolvedOpen = 0
    var state = State.documentStart
    /// Whether a `<!DOCTYPE` with an external ID was skipped.
    var sawDocumentType = false
    var contentStart = 0
    var pendingEnd = false
    var failure: XMLError?
    var failed = false
    /// Set when the document was converted to UTF-8 from another encoding: the declaration may name
    /// that encoding, and byte offsets in errors are mapped back to the file as it is on disk.
    var transcoded: TranscodedInput?
    var openElements = UnsafeStack<OpenElement>()
    var nameStack: UnsafeMutablePointer<UInt8>
    var nameStackCount = 0
    var nameStackCapacity = 256
    var rootName: String?
    var prefixes: [String: String] = ["xml": XMLName.xmlNamespace]
    var defaultNamespace: String?
    var namespaceUndo: [NamespaceUndo] = []
    var rawAttributes = UnsafeStack<RawAttribute>()
    var decodedValues: [String] = []
    /// The element name of the last start or end token, kept alive by the open element (start) or by
    /// `poppedBox` (end), so that passing it on costs no reference counting.
    var tokenBox = Unmanaged.passUnretained(ResolvedName.none)
    /// The name of the element closed by the last end token.
    var poppedBox: ResolvedName?
    var tokenName: XMLName { tokenBox._withUnsafeGuaranteedRef { $0.name } }
    /// Where the last start or end token's local name is in `nameStack`, and its length.
    var tokenLocalStart = 0
    var tokenLocalLength = 0
    /// Resolved element names by their bytes, valid while `namespaceGeneration` is unchanged.
    var elementNames = [CachedElementName](repeating: .empty, count: 256)
    /// Changes whenever a namespace binding is made or undone.
    var namespaceGeneration = 0
    /// The last text token: bytes `tokenTextStart..<tokenTextEnd` of the buffer, or `scratch` when `tokenTextInScratch`.
    var tokenTextStart = 0
    var tokenTextEnd = 0
    var tokenTextInScratch = false
    var tokenIsCDATA = false
    /// A comment's content or a processing instruction's target.
    var tokenString = ""
    /// A processing instruction's data.
    var tokenData = ""
    var seenNames: Set<String> = []
    var scratch: [UInt8] = []
    var nameCache = [CachedName](repeating: .empty, count: 256)
    /// The mapping that `buffer` points into, when the file is mapped.
    var mapped: MappedFile?
    /// When `pos` reaches this, the mapped pages behind it are handed back to the kernel (never, for read input).
    var releaseAt = Int.max

    /// How a file's bytes reach the parser.
    public enum FileInput: Sendable {
        /// Map regular files of at least `mappingThreshold` bytes, read the others.
        case automatic
        /// Read the file `chunkSize` bytes at a time into a buffer that is reused.
        case read
        /// Map the file into memory when it is a regular file, and read it otherwise.
        case map
    }

    /// Files at least this large are mapped by `FileInput.automatic`.
    public static let mappingThreshold = 1 << 20

    /// Opens a file and parses it in bounded memory: a large regular file is mapped and the pages behind the
    /// parser are released as it goes; anything else is read `chunkSize` bytes at a time.
    /// - Parameters:
    ///   - path: The file to read.
    ///   - chunkSize: Bytes per read; memory stays near this plus the largest single token.
    ///   - input: Whether to map the file or read it.
    /// - Throws: `XMLError` without a position when the file cannot be opened.
    public init(path: String, chunkSize: Int = 65536, input: FileInput = .automatic) throws(XMLError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw XMLError(source: path, line: 0, column: 0, byteOffset: 0,
                           message: "cannot open file: \(Self.systemError())")
        }
        sourceName = path
        self.chunkSize = max(1, chunkSize)
        nameStack = .allocate(capacity: nameStackCapacity)
        if input != .read, let mapping = MappedFile(descriptor: fd, minimumSize: input == .map ? 1 : Self.mappingThreshold) {
            _ = close(fd)
            fileDescriptor = -1
            mapped = mapping
            releaseAt = Self.releaseStride
            buffer = mapping.bytes
            capacity = mapping.count
            end = mapping.count
            atEOF = true
            return
        }
        fileDescriptor = fd
        capacity = max(2 * self.chunkSize, 64)
        buffer = .allocate(capacity: capacity + Self.slack)
        buffer.initialize(repeating: 0, count: capacity + Self.slack)
        atEOF = false
    }

    /// Parses bytes held in memory.
    /// - Parameters:
    ///   - bytes: The UTF-8 document.
    ///   - sourceName: The name used in errors.
    public init(bytes: [UInt8], sourceName: String = "<input>") {
        self.sourceName = sourceName
        fileDescriptor = -1
        chunkSize = 0
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count + Self.slack)
        bytes.withUnsafeBufferPointer { source in
            if let address = source.baseAddress { storage.initialize(from: address, count: source.count) }
        }
        (storage + bytes.count).initialize(repeating: 0, count: Self.slack)
        capacity = bytes.count
        nameStack = .allocate(capacity: nameStackCapacity)
        buffer = storage
        end = bytes.count
        atEOF = true
    }

    /// Parses a string held in memory.
    /// - Parameters:
    ///   - string: The document.
    ///   - sourceName: The name used in errors.
    public init(string: String, sourceName: String = "<input>") {
        self.init(bytes: Array(string.utf8), sourceName: sourceName)
    }

    deinit {
        if mapped == nil { buffer.deallocate() }
        nameStack.deallocate()
        rawAttributes.deallocate()
        openElements.deallocate()
        if fileDescriptor >= 0 { _ = close(fileDescriptor) }
    }

    /// 1-based line of the start of the last event returned.
    public var line: Int { eventLocation().line }

    /// 1-based column, in Unicode scalars, of the start of the last event returned.
    public var column: Int { eventLocation().column }

    /// 0-based byte offset of the start of the last event returned.
    public var byteOffset: Int { eventOffset }

    /// The number of elements open after the last event (1 after the root's start tag, 0 after its end).
    public var depth: Int { mutating get { openElements.count } }

    /// Returns the next event, or nil at the end of a well-formed document.
    /// - Throws: `XMLError` at the first well-formedness, security or I/O problem; later calls throw it again.
    public mutating func next() throws(XMLError) -> XMLEvent? {
        guard let token = try nextToken() else { return nil }
        switch token {
        case .startElement: return .startElement(tokenName, attributes: materializeAttributes())
        case .endElement: return .endElement(tokenName)
        case .text: return .text(text, isCDATA: tokenIsCDATA)
        case .comment: return .comment(tokenString)
        case .processingInstruction: return .processingInstruction(target: tokenString, data: tokenData)
        }
    }

    /// Reads the next token like `nextToken()`, but passes over text that is only whitespace and is followed by a
    /// tag or a processing instruction, for readers that ignore such text between elements.
    /// - Throws: `XMLError` at the first well-formedness, security or I/O problem; later calls throw it again.
    public mutating func nextMarkupToken() throws(XMLError) -> XMLToken? {
        if failed { throw failure! }
        do {
            return try readToken(skippingWhitespace: true)
        } catch {
            failure = error
            failed = true
            throw error
        }
    }

    /// Reads the next token, or nil at the end of a well-formed document; the same events as `next()`, but the
    /// name, attributes and text are read through the accessors and only built when asked for.
    /// - Throws: `XMLError` at the first well-formedness, security or I/O problem; later calls throw it again.
    @inline(__always)
    public mutating func nextToken() throws(XMLError) -> XMLToken? {
        if failed { throw failure! }
        do {
            return try readToken()
        } catch {
            failure = error
            failed = true
            throw error
        }
    }

    /// Mapped bytes are handed back to the kernel this many at a time.
    static let releaseStride = 8 << 20

    /// Hands the mapped pages before `pos` back to the kernel, so that resident memory does not grow with the file.
    mutating func releaseConsumedPages() {
        mapped?.release(from: releaseAt - 2 * Self.releaseStride, upTo: pos)
        releaseAt = pos + Self.releaseStride
    }

    /// Initialised bytes kept after the buffer's capacity so that word-sized loads near its end stay in bounds.
    static let slack = 16

    static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

extension XMLPullParser: @unchecked Sendable {}

/// A resolved element name, shared by reference so that passing it around costs one reference count.
final class ResolvedName: Sendable {
    let name: XMLName

    init(_ name: XMLName) {
        self.name = name
    }

    /// The name before any token is read.
    static let none = ResolvedName(XMLName(""))
}

struct CachedElementName {
    var low: UInt64
    var high: UInt64
    var length: Int
    var generation: Int
    var box: ResolvedName?

    static let empty = CachedElementName(low: 0, high: 0, length: -1, generation: -1, box: nil)
}

struct SourceLocation {
    var line: Int
    var column: Int
    var offset: Int
}

/// Where the last event's location was computed; a class so that the `line` and `column` getters can remember it.
final class LocationCache {
    var memo = XMLPullParser.Tracker()
    var resolvedOffset = 0
    var resolved = SourceLocation(line: 1, column: 1, offset: 0)

    func resolve(_ offset: Int, _ tracker: XMLPullParser.Tracker) {
        memo = tracker
        resolvedOffset = offset
        resolved = SourceLocation(line: tracker.line, column: tracker.column + 1, offset: offset)
    }
}
