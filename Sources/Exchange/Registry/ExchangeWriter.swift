import BitextCore
/// Settings shared by all writers.
public struct WriteOptions: Sendable {
    /// XLIFF 1.2: fill empty targets with the source (OmegaT ignores units without a target).
    public var prefillTarget: Bool
    /// The version recorded as the creating tool's.
    public var toolVersion: String

    public init(prefillTarget: Bool = false, toolVersion: String = Bitext.version) {
        self.prefillTarget = prefillTarget
        self.toolVersion = toolVersion
    }
}

/// The tool's name and version as written into files.
public enum Bitext {
    public static let name = "Bitext"
    public static let version = "0.4.0"
}

/// A writer consumes the events of one document, in order, and writes its format to a sink.
public protocol ExchangeWriter: AnyObject {
    /// Writes one event.
    /// - Throws: `ExchangeError` for content the format cannot carry, naming the unit, or a write failure.
    func write(_ event: ExchangeEvent) throws(ExchangeError)
}

/// A reader produces the events of one document, in order; `nil` after `endDocument`.
public protocol ExchangeReader: AnyObject {
    /// The next event.
    /// - Throws: `ExchangeError` with the file and line.
    func next() throws(ExchangeError) -> ExchangeEvent?
    /// What the reader passed over so far (a column, a key, a comment it does not keep): never dropped in silence.
    var warnings: [ExchangeWarning] { get }
}

extension ExchangeReader {
    public var warnings: [ExchangeWarning] { [] }
}

/// Something a reader read but does not keep, counted once per kind with its first place.
public struct ExchangeWarning: Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    /// How many times it occurred.
    public var count: Int

    public init(_ message: String, location: SourceLocation, count: Int = 1) {
        self.message = message
        self.location = location
        self.count = count
    }

    public var description: String {
        "\(location): \(message)\(count > 1 ? " (\(count) times; the first is shown)" : "")"
    }
}

/// Collects warnings by message, keeping the first place and a count.
struct WarningList {
    private(set) var all: [ExchangeWarning] = []

    mutating func add(_ message: String, _ location: @autoclosure () -> SourceLocation) {
        if let k = all.firstIndex(where: { $0.message == message }) {
            all[k].count += 1
        } else {
            all.append(ExchangeWarning(message, location: location()))
        }
    }
}

extension ExchangeWriter {
    /// Writes a whole document: header, one file, its units.
    public func writeDocument(_ header: DocumentHeader, file: FileInfo = FileInfo(id: "f1"), units: [TranslationUnit]) throws(ExchangeError) {
        try write(.startDocument(header))
        try write(.startFile(file))
        for unit in units { try write(.unit(unit)) }
        try write(.endFile)
        try write(.endDocument)
    }
}

extension ExchangeReader {
    /// Reads everything: the header and all units of all files, in order.
    public func readAll() throws(ExchangeError) -> (header: DocumentHeader, files: [FileInfo], units: [TranslationUnit]) {
        var header = DocumentHeader(sourceLanguage: "")
        var files: [FileInfo] = []
        var units: [TranslationUnit] = []
        while let event = try next() {
            switch event {
            case let .startDocument(h): header = h
            case let .startFile(f): files.append(f)
            case let .unit(u): units.append(u)
            case .endFile, .endDocument: break
            }
        }
        return (header, files, units)
    }
}
