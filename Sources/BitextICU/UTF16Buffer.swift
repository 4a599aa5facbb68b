/// A growable UTF-16 buffer that ICU handles can point into.
///
/// The buffer owns its memory. Break iterators, regular expressions and searches keep a
/// strong reference to the buffer they read and notice, through `generation`, when its
/// contents were replaced, so that no handle ever reads freed memory.
public final class UTF16Buffer {
    private(set) var base: UnsafeMutablePointer<UInt16>
    private var capacity: Int
    /// Number of UTF-16 code units in the buffer.
    public private(set) var count: Int = 0
    /// Bumped on every change, so handles know to re-attach.
    private(set) var generation: UInt64 = 0

    public init(minimumCapacity: Int = 1024) {
        capacity = max(16, minimumCapacity)
        base = .allocate(capacity: capacity)
    }

    public convenience init(_ string: String) {
        self.init(minimumCapacity: string.utf16.count)
        replace(with: string)
    }

    deinit { base.deallocate() }

    /// Makes room for at least `n` code units, discarding the current contents.
    private func reserveDiscarding(_ n: Int) {
        guard n > capacity else { return }
        base.deallocate()
        capacity = max(n, capacity * 2)
        base = .allocate(capacity: capacity)
    }

    /// Replaces the contents with the UTF-16 form of `string`.
    public func replace(with string: String) {
        let n = string.utf16.count
        reserveDiscarding(n)
        var i = 0
        for unit in string.utf16 { base[i] = unit; i += 1 }
        count = n
        generation &+= 1
    }

    /// Replaces the contents with the given code units.
    public func replace<C: Collection>(withUnits units: C) where C.Element == UInt16 {
        let n = units.count
        reserveDiscarding(n)
        var i = 0
        for unit in units { base[i] = unit; i += 1 }
        count = n
        generation &+= 1
    }

    /// Replaces the contents by letting `fill` write at most `maximumCount` units; it returns how many it wrote.
    public func replace(maximumCount: Int, _ fill: (UnsafeMutableBufferPointer<UInt16>) -> Int) {
        reserveDiscarding(maximumCount)
        let written = fill(UnsafeMutableBufferPointer(start: base, count: maximumCount))
        precondition(written >= 0 && written <= maximumCount, "UTF16Buffer fill wrote out of bounds")
        count = written
        generation &+= 1
    }

    /// Overwrites one code unit in place (used to turn soft line breaks into spaces).
    public subscript(index: Int) -> UInt16 {
        get {
            precondition(index >= 0 && index < count, "UTF16Buffer index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "UTF16Buffer index out of range")
            base[index] = newValue
            generation &+= 1
        }
    }

    /// Read-only access to the code units.
    public func withUnits<R>(_ body: (UnsafeBufferPointer<UInt16>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The contents, or a part of them, as a Swift string.
    public func string(_ range: Range<Int>? = nil) -> String {
        let r = range ?? 0..<count
        precondition(r.lowerBound >= 0 && r.upperBound <= count, "UTF16Buffer range out of bounds")
        return String(decoding: UnsafeBufferPointer(start: base + r.lowerBound, count: r.count), as: UTF16.self)
    }
}
