import Testing
import BitextICU

@Suite("UTF16Buffer")
struct UTF16BufferTests {
    @Test func initFromStringHoldsItsUTF16Units() {
        let text = "a😀é"
        let buffer = UTF16Buffer(text)
        #expect(buffer.count == 4)  // a, surrogate pair, é
        #expect(buffer.withUnits { Array($0) } == Array(text.utf16))
        #expect(buffer.string() == text)
        #expect(buffer.string(1..<3) == "😀")
    }

    @Test func emptyBuffer() {
        let buffer = UTF16Buffer()
        #expect(buffer.count == 0)
        #expect(buffer.string() == "")
        #expect(buffer.withUnits { $0.count } == 0)
    }

    @Test func replaceGrowsPastTheInitialCapacity() {
        let buffer = UTF16Buffer(minimumCapacity: 4)
        let long = String(repeating: "Ab😀", count: 1000)
        buffer.replace(with: long)
        #expect(buffer.count == long.utf16.count)
        #expect(buffer.string() == long)
        buffer.replace(with: "x")
        #expect(buffer.count == 1)
        #expect(buffer.string() == "x")
    }

    @Test func replaceWithUnits() {
        let buffer = UTF16Buffer("old contents")
        buffer.replace(withUnits: [0x0048, 0x0069, 0xD83D, 0xDE00])
        #expect(buffer.count == 4)
        #expect(buffer.string() == "Hi😀")
    }

    @Test func replaceByFilling() {
        let buffer = UTF16Buffer("abc")
        buffer.replace(maximumCount: 5000) { dst in
            #expect(dst.count == 5000)
            for i in 0..<3000 { dst[i] = UInt16(UInt8(ascii: "z")) }
            return 3000
        }
        #expect(buffer.count == 3000)
        #expect(buffer.string() == String(repeating: "z", count: 3000))
    }

    @Test func subscriptReadsAndOverwritesOneUnit() {
        let buffer = UTF16Buffer("soft\nbreak")
        #expect(buffer[4] == 0x0A)
        buffer[4] = 0x20
        #expect(buffer[4] == 0x20)
        #expect(buffer.string() == "soft break")
    }

    @Test func outOfRangeSubscriptTraps() async {
        await #expect(processExitsWith: .failure) {
            let buffer = UTF16Buffer("ab")
            _ = buffer[2]
        }
    }

    @Test func outOfRangeStringTraps() async {
        await #expect(processExitsWith: .failure) {
            let buffer = UTF16Buffer("ab")
            _ = buffer.string(1..<3)
        }
    }

    @Test func fillThatOverrunsTraps() async {
        await #expect(processExitsWith: .failure) {
            let buffer = UTF16Buffer()
            buffer.replace(maximumCount: 4) { _ in 5 }
        }
    }
}
