/// A read-only hash table from UTF-8 byte strings to symbols, looked up without making a String.
///
/// A slot holds a key's first eight bytes and a check made of hash bits and the key's length, so
/// a lookup of a key of up to eight bytes reads one slot and nothing else; longer keys finish the
/// comparison in an arena.
struct ByteTable {
    private struct Slot {
        /// The key's first eight bytes, little-endian, zero-padded.
        var head: UInt64 = 0
        /// High hash bits over the low byte, which is the key's length (up to 255).
        var check: UInt32 = 0
        /// The symbol; -1 for an empty slot.
        var value: Int32 = -1
    }

    private let slots: [Slot]
    /// For keys longer than eight bytes, by slot: where the rest is in `arena`, and its length.
    private let tailStart: [Int32]
    private let tailCount: [Int32]
    private let arena: [UInt8]
    private let mask: Int

    init(_ entries: [String: Int]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        var slots = [Slot](repeating: Slot(), count: capacity)
        var tailStart = [Int32](repeating: 0, count: capacity), tailCount = [Int32](repeating: 0, count: capacity)
        var arena: [UInt8] = []
        for (key, value) in entries {
            let bytes = Array(key.utf8)
            let (hash, head) = bytes.withUnsafeBufferPointer { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].value >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(head: head, check: Self.check(hash, bytes.count), value: Int32(value))
            if bytes.count > 8 {
                tailStart[slot] = Int32(arena.count)
                tailCount[slot] = Int32(bytes.count - 8)
                arena += bytes[8...]
            }
        }
        self.slots = slots
        self.tailStart = tailStart
        self.tailCount = tailCount
        self.arena = arena
    }

    /// A hash of `key` eight bytes at a time, and its first eight bytes.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, head: UInt64) {
        hash(key) { start, count in
            var word: UInt64 = 0
            for k in 0..<count { word |= UInt64(key[start + k]) << (8 * k) }
            return word
        }
    }

    /// The hash of `key`, which has at least seven readable bytes after it, and its first eight
    /// bytes: the same as `hash(_:)`, with the last word loaded whole and masked.
    @inline(__always)
    static func hash(padded key: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, head: UInt64) {
        hash(key) { start, count in
            UnsafeRawPointer(key.baseAddress! + start).loadUnaligned(as: UInt64.self) & ~(UInt64.max << (8 * UInt64(count)))
        }
    }

    /// The hash of `key` word by word; `tail(start, count)` gives the last word when it has fewer than eight bytes.
    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>, tail: (Int, Int) -> UInt64) -> (hash: UInt64, head: UInt64) {
        let n = key.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        var head: UInt64 = 0
        var i = 0
        while i < n {
            let word = n - i >= 8 ? UnsafeRawPointer(key.baseAddress! + i).loadUnaligned(as: UInt64.self) : tail(i, n - i)
            if i == 0 { head = word }
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        return (h ^ (h >> 32), head)
    }

    @inline(__always)
    private static func check(_ hash: UInt64, _ count: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: hash >> 32) & 0xFFFF_FF00 | UInt32(min(count, 255))
    }

    /// The symbol of `key`, or nil.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let (hash, head) = Self.hash(key)
        return find(key, hash, head)
    }

    /// The symbol of `key`, which has at least seven readable bytes after it (whatever they hold), or nil.
    @inline(__always)
    func find(padded key: UnsafeBufferPointer<UInt8>) -> Int? {
        let (hash, head) = Self.hash(padded: key)
        return find(key, hash, head)
    }

    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, _ hash: UInt64, _ head: UInt64) -> Int? {
        let check = Self.check(hash, key.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { s in
            while true {
                let entry = s[slot]
                if entry.value < 0 { return nil }
                if entry.head == head && entry.check == check && (key.count <= 8 || tailMatches(slot, key)) {
                    return Int(entry.value)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private func tailMatches(_ slot: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(tailCount[slot]) == key.count - 8 else { return false }
        let start = Int(tailStart[slot])
        return arena.withUnsafeBufferPointer { a in
            for k in 8..<key.count where a[start + k - 8] != key[k] { return false }
            return true
        }
    }
}

/// A hash table from 64-bit keys to 32-bit values with a multiplicative hash: the automaton's
/// transitions, looked up once or more per word.
struct IntTable {
    private struct Entry {
        var key: UInt64
        var value: Int32
    }

    private var entries: [Entry]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0
    private static let empty = UInt64.max

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        entries = [Entry](repeating: Entry(key: Self.empty, value: 0), count: size)
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
        return entries.withUnsafeBufferPointer { e in
            while true {
                let found = e[s]
                if found.key == key { return found.value }
                if found.key == Self.empty { return nil }
                s = (s + 1) & mask
            }
        }
    }

    /// Sets the value for `key`.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > entries.count { grow() }
        var s = slot(key)
        while entries[s].key != Self.empty && entries[s].key != key { s = (s + 1) & mask }
        if entries[s].key == Self.empty { count += 1 }
        entries[s] = Entry(key: key, value: value)
    }

    private mutating func grow() {
        let old = entries.filter { $0.key != Self.empty }
        self = IntTable(capacity: entries.count)
        for e in old { insert(e.key, e.value) }
    }
}
