import BitextICU

/// Unicode scalar values of `s`.
///
/// Swift's `==` on `String` compares by canonical equivalence, so "é" == "e\u{301}" is true.
/// Normalization and case-mapping tests compare scalars so that they can actually fail.
func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

/// The pieces of `buffer` between consecutive `boundaries`.
func pieces(_ buffer: UTF16Buffer, _ boundaries: [Int]) -> [String] {
    zip(boundaries, boundaries.dropFirst()).map { buffer.string($0..<$1) }
}

/// The substrings of `text` at `ranges`.
func substrings(_ text: String, _ ranges: [Range<String.Index>]) -> [String] {
    ranges.map { String(text[$0]) }
}
