// In-process segmentation throughput, measured the way ../shared's icu_raw --bench measures ICU:
// the file is read and split into paragraphs at blank lines first; then each paragraph is
// segmented (UTF-8 to UTF-16, ICU, rules), best of N runs, MB/s of paragraph bytes.
import Foundation
import BitextCore
import Segmentation

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write("usage: bitext-bench LANG FILE [--repeat N] [--locales DIR]\n".data(using: .utf8)!)
    exit(64)
}
let lang = args[1], path = args[2]
var repeats = 3
var localesPath: String?
var k = 3
while k < args.count {
    if args[k] == "--repeat", k + 1 < args.count { repeats = Int(args[k + 1]) ?? 3; k += 2 } else if args[k] == "--locales", k + 1 < args.count { localesPath = args[k + 1]; k += 2 } else { k += 1 }
}
guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write("bitext-bench: cannot read \(path)\n".data(using: .utf8)!)
    exit(66)
}
let bytes = [UInt8](data)
do {
    let segmenter = try Segmenter(language: lang, locales: LocaleData.locate(explicit: localesPath))
    try bytes.withUnsafeBufferPointer { buf in
        if let bad = BitextCore.UTF8Validation.firstInvalidOffset(buf) {
            throw SegmentationError.invalidUTF8(.init(file: path, byteOffset: bad))
        }
        let ranges = Paragraph.ranges(in: buf)
        let total = ranges.reduce(0) { $0 + $1.count }
        var best = Double.infinity
        var segments = 0
        for _ in 0..<repeats {
            segments = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for (i, r) in ranges.enumerated() {
                segmenter.segmentParagraph(Paragraph(bytes: UnsafeBufferPointer(rebasing: buf[r]), base: r.lowerBound, index: i)) { _ in
                    segments += 1
                }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print("{\"tool\": \"bitext\", \"lang\": \"\(lang)\", \"bytes\": \(total), \"paragraphs\": \(ranges.count), \"segments\": \(segments), \"best_s\": \(String(format: "%.4f", best)), \"MB_per_s\": \(String(format: "%.3f", Double(total) / 1e6 / best))}")
    }
} catch {
    FileHandle.standardError.write("bitext-bench: \(error)\n".data(using: .utf8)!)
    exit(65)
}
