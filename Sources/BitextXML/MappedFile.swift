#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only, followed by at least one page of zeros so that word-sized loads past its last
/// byte stay in bounds. Pages the parser has passed are handed back to the kernel, so resident memory stays bounded
/// however large the file is. Parsers of fragments of the same file share the mapping, which is unmapped when the
/// last of them is gone.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeMutablePointer<UInt8>
    let count: Int
    private let reservedCount: Int

    /// Maps the file open at `descriptor`, or returns nil when it is not a regular file of at least `minimumSize`
    /// bytes or cannot be mapped (the caller then reads it).
    init?(descriptor: Int32, minimumSize: Int) {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size >= max(1, minimumSize) else { return nil }
        let page = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))
        let reserved = (size + page - 1) / page * page + page
        let failed = UnsafeMutableRawPointer(bitPattern: -1)
        // Reserve the file's pages plus one of zeros, then map the file over the start of the reservation.
        guard let region = mmap(nil, reserved, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), region != failed else {
            return nil
        }
        guard let file = mmap(region, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, descriptor, 0), file == region else {
            _ = munmap(region, reserved)
            return nil
        }
        _ = madvise(region, size, MADV_SEQUENTIAL)
        bytes = region.assumingMemoryBound(to: UInt8.self)
        count = size
        reservedCount = reserved
    }

    /// Hands the whole pages in `start..<offset` back to the kernel; they are read from the file again if touched.
    func release(from start: Int = 0, upTo offset: Int) {
        let page = 4096
        let first = (max(0, start) + page - 1) / page * page
        let last = min(offset, count) / page * page
        if last > first { _ = madvise(UnsafeMutableRawPointer(bytes + first), last - first, MADV_DONTNEED) }
    }

    deinit {
        _ = munmap(UnsafeMutableRawPointer(bytes), reservedCount)
    }
}
