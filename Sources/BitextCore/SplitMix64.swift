/// SplitMix64: a small, fast, seeded generator that gives the same numbers on every machine, for
/// tests whose failures must repeat and for the fuzzer, whose input number `i` must always be the
/// same bytes.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (0 for n < 1).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

    /// True once in `n` draws.
    public mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }
}
