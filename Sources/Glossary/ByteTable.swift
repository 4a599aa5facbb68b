/// A read-only hash table from UTF-8 byte strings to symbols, looked up without making a String.
struct ByteTable {
    private var slots: [Int32]
    private var offsets: [Int32] = []
    private var lengths: [Int32] = []
    private var values: [Int32] = []
    private var arena: [UInt8] = []
    private let mask: Int

    init(_ entries: [String: Int]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        for (key, value) in entries {
            let bytes = Array(key.utf8)
            let index = Int32(values.count)
            offsets.append(Int32(arena.count)); lengths.append(Int32(bytes.count)); values.append(Int32(value))
            arena += bytes
            var slot = bytes.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash($0)) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = index
        }
    }

    /// FNV-1a.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// The symbol of `key`, or nil.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        return slots.withUnsafeBufferPointer { s in
            arena.withUnsafeBufferPointer { a in
                while true {
                    let index = Int(s[slot])
                    if index < 0 { return nil }
                    if Int(lengths[index]) == key.count {
                        let start = Int(offsets[index])
                        var same = true
                        for k in 0..<key.count where a[start + k] != key[k] { same = false; break }
                        if same { return Int(values[index]) }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }
}

/// A hash table from 64-bit keys to 32-bit values with a multiplicative hash: the automaton's
/// transitions, looked up once or more per word.
struct IntTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0
    private static let empty = UInt64.max

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
    }

    /// The value for `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64) -> Int32? {
        var s = slot(key)
        return keys.withUnsafeBufferPointer { k in
            while true {
                let found = k[s]
                if found == key { return values[s] }
                if found == Self.empty { return nil }
                s = (s + 1) & mask
            }
        }
    }

    /// Sets the value for `key`.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        var s = slot(key)
        while keys[s] != Self.empty && keys[s] != key { s = (s + 1) & mask }
        if keys[s] == Self.empty { count += 1 }
        keys[s] = key
        values[s] = value
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != Self.empty }
        self = IntTable(capacity: keys.count)
        for (k, v) in old { insert(k, v) }
    }
}
