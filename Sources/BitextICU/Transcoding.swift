@_implementationOnly import CICU

/// Text in other encodings (UTF-16, windows-1252, ISO-8859-*, CP1251, ...) turned into UTF-8 by
/// ICU's converters, for readers that get such files from other tools. Writing stays UTF-8.
public enum Transcoding {
    /// A byte sequence the encoding does not allow, or an encoding ICU does not know.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// Offset in the original bytes; nil when the encoding itself is unknown.
        public var byteOffset: Int?
        public var message: String

        public var description: String { message }
    }

    /// The UTF-8 form of `bytes`, which are in `encoding` (a name ICU knows: `UTF-16LE`,
    /// `windows-1252`, `ISO-8859-9`, `CP1251`, ...).
    /// - Throws: `Failure` with the offset of the first byte that is not valid in the encoding.
    public static func utf8(_ bytes: [UInt8], from encoding: String) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        try convert(bytes, from: encoding) { unit, _ in
            out.append(contentsOf: unit)
            return true
        }
        return out
    }

    /// The offset in the original `bytes` where the character at UTF-8 offset `offset` of the
    /// converted text came from (for messages that must point into the file as it is on disk).
    public static func sourceOffset(ofUTF8 offset: Int, in bytes: [UInt8], from encoding: String) -> Int {
        var produced = 0
        var found = bytes.count
        try? convert(bytes, from: encoding) { unit, source in
            if produced + unit.count > offset {
                found = source
                return false
            }
            produced += unit.count
            return true
        }
        return found
    }

    /// Converts, handing each character's UTF-8 bytes and its offset in `bytes` to `body`, which
    /// returns false to stop.
    private static func convert(_ bytes: [UInt8], from encoding: String,
                                _ body: (ArraySlice<UInt8>, Int) -> Bool) throws(Failure) {
        var status = U_ZERO_ERROR
        guard let converter = bx_ucnv_open(encoding, &status), bx_success(status) != 0 else {
            throw Failure(byteOffset: nil, message: "unknown encoding '\(encoding)'")
        }
        defer { bx_ucnv_close(converter) }
        bx_ucnv_stopOnIllegal(converter, &status)
        let capacity = 1 << 14
        var units = [UInt16](repeating: 0, count: capacity)
        var offsets = [Int32](repeating: 0, count: capacity)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(4)
        var pendingHigh: (unit: UInt16, offset: Int)?
        var failure: Failure?
        bytes.withUnsafeBufferPointer { raw in
            guard let start = raw.baseAddress else { return }
            let base = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
            var source: UnsafePointer<CChar>? = base
            let sourceLimit = base + raw.count
            var stop = false
            while !stop {
                let chunkStart = source! - base
                status = U_ZERO_ERROR
                let produced: Int = units.withUnsafeMutableBufferPointer { u in
                    offsets.withUnsafeMutableBufferPointer { o in
                        var target: UnsafeMutablePointer<UInt16>? = u.baseAddress
                        bx_ucnv_toUnicode(converter, &target, u.baseAddress! + capacity, &source, sourceLimit, o.baseAddress!, 1, &status)
                        return target! - u.baseAddress!
                    }
                }
                for k in 0..<produced {
                    let unit = units[k]
                    let at = chunkStart + Int(offsets[k])
                    var scalar: Unicode.Scalar?
                    var from = at
                    if let high = pendingHigh {
                        pendingHigh = nil
                        if unit >= 0xDC00 && unit <= 0xDFFF {
                            scalar = Unicode.Scalar(0x10000 + ((UInt32(high.unit) - 0xD800) << 10) + (UInt32(unit) - 0xDC00))
                            from = high.offset
                        } else {
                            failure = Failure(byteOffset: high.offset, message: "an unpaired UTF-16 surrogate")
                            stop = true
                            break
                        }
                    } else if unit >= 0xD800 && unit <= 0xDBFF {
                        pendingHigh = (unit, at)
                        continue
                    } else if unit >= 0xDC00 && unit <= 0xDFFF {
                        failure = Failure(byteOffset: at, message: "an unpaired UTF-16 surrogate")
                        stop = true
                        break
                    } else {
                        scalar = Unicode.Scalar(unit)
                    }
                    encoded.removeAll(keepingCapacity: true)
                    UTF8.encode(scalar!, into: { encoded.append($0) })
                    if !body(encoded[...], from) { stop = true; break }
                }
                if stop { break }
                if bx_is_buffer_overflow(status) != 0 { continue }
                if bx_success(status) == 0 {
                    let bad = max(0, (source! - base) - Int(bx_ucnv_invalidLength(converter)))
                    failure = Failure(byteOffset: bad, message: "a byte sequence that is not valid \(encoding)")
                }
                break
            }
        }
        if let failure { throw failure }
        if let high = pendingHigh { throw Failure(byteOffset: high.offset, message: "an unpaired UTF-16 surrogate") }
    }
}

import BitextXML

extension XMLTranscoder {
    /// ICU's converters, for XML readers that meet UTF-16 TMX from Trados or windows-1252 XLIFF.
    public static let icu = XMLTranscoder(
        convert: { bytes, encoding in
            do throws(Transcoding.Failure) { return .success(try Transcoding.utf8(bytes, from: encoding)) } catch {
                return .failure(XMLTranscodingFailure(byteOffset: error.byteOffset, message: error.message))
            }
        },
        sourceOffset: { offset, bytes, encoding in Transcoding.sourceOffset(ofUTF8: offset, in: bytes, from: encoding) })
}
