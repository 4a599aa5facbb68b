import BitextCore
import Foundation

/// A file written through a temporary file beside it and renamed into place on `commit()`, so
/// that readers never see half a file and a failed run leaves the old file untouched.
public final class AtomicFile {
    public let path: String
    private let temporaryPath: String
    private let fd: Int32
    private var done = false
    /// The sink to write to.
    public let sink: ByteSink

    /// Whether `commit()` syncs the file to disk before the rename.
    private let durable: Bool

    /// Creates the temporary file.
    /// - Parameters:
    ///   - overwrite: When false, an existing file at `path` is an error.
    ///   - durable: Sync to disk before the rename (survives a power cut, not only a crash); a
    ///     job that writes thousands of files turns it off.
    /// - Throws: `ExchangeError` when the file exists (without `overwrite`) or cannot be created.
    public init(path: String, overwrite: Bool, durable: Bool = true) throws(ExchangeError) {
        self.path = path
        self.durable = durable
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw ExchangeError("the file exists; pass --force to overwrite it", location: SourceLocation(file: path), kind: .unwritable)
        }
        if FileBytes.isDirectory(path) {
            throw ExchangeError("is a directory, not a file", location: SourceLocation(file: path), kind: .unwritable)
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        StaleTemporaries.clean(directory)
        temporaryPath = directory + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max))" + StaleTemporaries.suffix
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ExchangeError("cannot create the file: \(String(cString: strerror(errno)))", location: SourceLocation(file: path), kind: .unwritable)
        }
        sink = ByteSink(fileDescriptor: fd, name: path)
    }

    deinit { abort() }

    /// Flushes, syncs and renames the temporary file into place.
    public func commit() throws(ExchangeError) {
        guard !done else { return }
        do {
            try sink.flush()
        } catch {
            abort()
            throw error
        }
        done = true
        let synced = !durable || fsync(fd) == 0
        close(fd)
        guard synced, rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw ExchangeError("cannot write the file: \(reason)", location: SourceLocation(file: path), kind: .unwritable)
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename, which replaces
    /// a symbolic link at `path` rather than writing through it.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool = true, durable: Bool = false) throws(ExchangeError) {
        let file = try AtomicFile(path: path, overwrite: overwrite, durable: durable)
        bytes.withUnsafeBufferPointer { file.sink.append(contentsOf: $0) }
        try file.commit()
    }

    /// Removes the temporary file; the target is left as it was.
    public func abort() {
        guard !done else { return }
        done = true
        close(fd)
        unlink(temporaryPath)
    }
}

/// Temporary files that an interrupted Bitext left behind (`.NAME.PID.RANDOM.bitext-tmp`): removed
/// the first time this process writes into their folder, when the process that made them is gone.
enum StaleTemporaries {
    static let suffix = ".bitext-tmp"
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cleaned: Set<String> = []

    static func clean(_ directory: String) {
        lock.lock()
        let first = cleaned.insert(directory).inserted
        lock.unlock()
        guard first, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") && (name.hasSuffix(suffix) || name.hasSuffix(".tmp")) {
            // .NAME.PID.RANDOM.bitext-tmp (and the older .NAME.PID.RANDOM.tmp)
            let parts = name.split(separator: ".")
            guard parts.count >= 4, let pid = Int32(parts[parts.count - 3]), UInt32(parts[parts.count - 2]) != nil else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
        }
    }
}
