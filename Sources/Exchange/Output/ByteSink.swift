#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a writer's bytes go: memory, or a file descriptor in 64 KiB blocks.
public final class ByteSink {
    /// The buffered bytes. They live behind a pointer held in a constant, so that appending a byte
    /// does not pay for the dynamic exclusivity checks of a mutable class property.
    private struct Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count: Int
        var capacity: Int
    }

    private let storage: UnsafeMutablePointer<Storage>
    private let fd: Int32?
    private let name: String
    private var failure: ExchangeError?
    private static let blockSize = 1 << 16

    /// A sink that keeps everything in memory; read it with `bytes`.
    public init() {
        fd = nil
        name = "<memory>"
        storage = Self.makeStorage(capacity: 256)
    }

    /// A sink that writes to an open file descriptor, which it does not close.
    public init(fileDescriptor: Int32, name: String) {
        fd = fileDescriptor
        self.name = name
        storage = Self.makeStorage(capacity: Self.blockSize + 4096)
    }

    private static func makeStorage(capacity: Int) -> UnsafeMutablePointer<Storage> {
        let storage = UnsafeMutablePointer<Storage>.allocate(capacity: 1)
        storage.initialize(to: Storage(base: .allocate(capacity: capacity), count: 0, capacity: capacity))
        return storage
    }

    deinit {
        storage.pointee.base.deallocate()
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    private var buffered: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage.pointee.base, count: storage.pointee.count)
    }

    /// Everything written so far (memory sinks only).
    public var bytes: [UInt8] { Array(buffered) }

    /// The memory contents as a string.
    public var string: String { String(decoding: buffered, as: UTF8.self) }

    /// Makes room for `extra` more bytes.
    @inline(never)
    private func grow(_ extra: Int) {
        let old = storage.pointee
        let capacity = max(old.capacity * 2, old.count + extra)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bigger.initialize(from: old.base, count: old.count)
        old.base.deallocate()
        storage.pointee = Storage(base: bigger, count: old.count, capacity: capacity)
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if storage.pointee.count == storage.pointee.capacity { grow(1) }
        storage.pointee.base[storage.pointee.count] = byte
        storage.pointee.count &+= 1
    }

    func append(_ s: StaticString) {
        s.withUTF8Buffer { append(contentsOf: $0) }
    }

    func append(_ s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }

    @inline(__always)
    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let source = bytes.baseAddress else { return }
        if storage.pointee.capacity - storage.pointee.count < n { grow(n) }
        (storage.pointee.base + storage.pointee.count).initialize(from: source, count: n)
        storage.pointee.count &+= n
    }

    /// Writes the buffer out when it has grown past a block; a no-op for memory sinks.
    func flushIfFull() throws(ExchangeError) {
        if fd != nil && storage.pointee.count >= Self.blockSize { try flush() }
    }

    /// Writes everything buffered.
    public func flush() throws(ExchangeError) {
        guard let fd, storage.pointee.count > 0 else { return }
        if let failure { throw failure }
        let raw = buffered
        var ok = true
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                ok = false
                break
            }
            offset += n
        }
        storage.pointee.count = 0
        if !ok {
            let error = ExchangeError("cannot write: \(String(cString: strerror(errno)))", location: .init(file: name), kind: .unwritable)
            failure = error
            throw error
        }
    }
}
