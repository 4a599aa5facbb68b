#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a writer's bytes go: memory, or a file descriptor in 64 KiB blocks.
public final class ByteSink {
    private var buffer: [UInt8] = []
    private let fd: Int32?
    private let name: String
    private var failure: ExchangeError?
    private static let blockSize = 1 << 16

    /// A sink that keeps everything in memory; read it with `bytes`.
    public init() {
        fd = nil
        name = "<memory>"
    }

    /// A sink that writes to an open file descriptor, which it does not close.
    public init(fileDescriptor: Int32, name: String) {
        fd = fileDescriptor
        self.name = name
        buffer.reserveCapacity(Self.blockSize + 4096)
    }

    /// Everything written so far (memory sinks only).
    public var bytes: [UInt8] { buffer }

    /// The memory contents as a string.
    public var string: String { String(decoding: buffer, as: UTF8.self) }

    @inline(__always)
    func append(_ byte: UInt8) {
        buffer.append(byte)
    }

    func append(_ s: StaticString) {
        s.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    func append(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
    }

    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Writes the buffer out when it has grown past a block; a no-op for memory sinks.
    func flushIfFull() throws(ExchangeError) {
        if fd != nil && buffer.count >= Self.blockSize { try flush() }
    }

    /// Writes everything buffered.
    public func flush() throws(ExchangeError) {
        guard let fd, !buffer.isEmpty else { return }
        if let failure { throw failure }
        let ok = buffer.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        buffer.removeAll(keepingCapacity: true)
        if !ok {
            let error = ExchangeError("cannot write: \(String(cString: strerror(errno)))", location: .init(file: name), kind: .unwritable)
            failure = error
            throw error
        }
    }
}
