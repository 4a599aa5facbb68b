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
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        temporaryPath = directory + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
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

    /// Removes the temporary file; the target is left as it was.
    public func abort() {
        guard !done else { return }
        done = true
        close(fd)
        unlink(temporaryPath)
    }
}
