#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading whole files, or their first bytes, with a reason when it cannot be done: no such file,
/// a directory, no permission. Never traps (Foundation's `FileHandle.readData` does, on a directory).
public enum FileBytes {
    /// Why a file cannot be read.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// The file does not exist (exit 66 for the CLI); otherwise it exists but cannot be read.
        public var missing: Bool
        public var description: String { "\(path): \(reason)" }
    }

    /// The largest file read whole (larger inputs are refused, never an out-of-memory kill).
    public static let maximumSize = 4 << 30

    /// The whole file.
    /// - Throws: `Failure` for a missing file, a directory, a file over `maximumSize` or a read error.
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        let fd = try open(path)
        defer { close(fd) }
        var st = stat()
        let size = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0
        guard size <= maximumSize else {
            throw Failure(path: path, reason: "the file is larger than \(maximumSize >> 30) GiB", missing: false)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 1)
        var chunk = [UInt8](repeating: 0, count: max(1 << 16, min(size + 1, 1 << 24)))
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: "cannot read: \(String(cString: strerror(errno)))", missing: false)
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0 ..< got])
            if bytes.count > maximumSize {
                throw Failure(path: path, reason: "the file is larger than \(maximumSize >> 30) GiB", missing: false)
            }
        }
        return bytes
    }

    /// At most the first `count` bytes of the file.
    public static func head(_ path: String, count: Int) throws(Failure) -> [UInt8] {
        let fd = try open(path)
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, count - filled) }
            if got < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: "cannot read: \(String(cString: strerror(errno)))", missing: false)
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(count - filled)
        return bytes
    }

    /// Whether `path` names a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Opens a file for reading; a directory is refused here, before any read.
    static func open(_ path: String) throws(Failure) -> Int32 {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            throw Failure(path: path, reason: e == ENOENT ? "no such file" : "cannot open: \(String(cString: strerror(e)))", missing: e == ENOENT)
        }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw Failure(path: path, reason: "is a directory, not a file", missing: false)
        }
        return fd
    }
}
