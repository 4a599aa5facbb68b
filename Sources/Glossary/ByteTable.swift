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
