import Foundation
import Testing
@testable import Exchange

/// What a reader gives until the end or its first error, and how many units its workers read.
struct ReadOutcome {
    var events: [ExchangeEvent] = []
    var error: ExchangeError?
    var readInParallel = 0

    var units: [TranslationUnit] {
        events.compactMap { event -> TranslationUnit? in
            if case let .unit(unit) = event { return unit }
            return nil
        }
    }
}

/// Reads everything from a reader made by `make`, which maps even small files, with stretches of `chunkBytes`.
func readThrough<Reader: ExchangeReader & ReadsInParallel>(chunkBytes: Int, _ make: () throws(ExchangeError) -> Reader) -> ReadOutcome {
    var outcome = ReadOutcome()
    var reader: Reader?
    do {
        let opened = try make()
        reader = opened
        opened.parallelReading.minimumBytes = 0
        opened.parallelReading.chunkBytes = chunkBytes
        while let event = try opened.next() { outcome.events.append(event) }
    } catch {
        outcome.error = error
    }
    outcome.readInParallel = reader?.parallelReading.unitsRead ?? 0
    return outcome
}

/// Reading a large TMX file on several threads must give exactly what reading it in order gives: the same units,
/// ids and states in the same order, and the same error at the same place.
@Suite("TMX: reading on several threads")
struct TMXParallelTests {
    /// A TMX file whose units exercise what could go wrong when the body is cut into stretches by looking at bytes:
    /// CDATA and comments that contain `<tu `, units without `tuid` (numbered by position), notes, props, inline
    /// codes, references, CRLF, and a namespace bound on the root.
    static func document(units: Int, broken: Int? = nil) -> String {
        var tmx = """
        <?xml version="1.0" encoding="UTF-8"?>\r
        <tmx version="1.4" xmlns:x="urn:example:x">
          <header srclang="en" creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>
          <body>\n
        """
        for n in 1...units {
            let id = n % 7 == 0 ? "" : " tuid=\"t\(n)\""
            switch n % 6 {
            case 0:
                tmx += "    <!-- <tu tuid=\"fake\"> inside a comment -->\n"
                tmx += "    <tu\(id) x:flag=\"\(n)\"><tuv xml:lang=\"en\"><seg><![CDATA[</tu>\n    <tu tuid=\"cdata\">]]> \(n)</seg></tuv>"
                tmx += "<tuv xml:lang=\"ru\"><seg>Раз &amp; два \(n)</seg></tuv></tu>\n"
            case 1:
                tmx += "    <tu\(id)>\r\n      <prop type=\"x-bitext-state\">needs-review</prop>\r\n"
                tmx += "      <note>Примечание &lt;tu&gt; \(n)</note>\r\n"
                tmx += "      <tuv xml:lang=\"EN\"><seg>Bold <bpt i=\"1\">&lt;b&gt;</bpt>text<ept i=\"1\">&lt;/b&gt;</ept> \(n)</seg></tuv>\r\n"
                tmx += "      <tuv xml:lang=\"ru\"><seg>Жирный <ph x=\"2\">&lt;br/&gt;</ph> \(n)</seg></tuv>\r\n    </tu>\r\n"
            case 2:
                tmx += "    <tu\(id)><prop type=\"x-bitext-translate\">no</prop><tuv xml:lang=\"en\"><seg>- Advertisement - \(n)</seg></tuv></tu>\n"
            case 3:
                tmx += "    <tu\(id)><tuv xml:lang=\"de\"><seg>Nicht \(n)</seg></tuv><tuv xml:lang=\"en\"><seg>Not <hi>really</hi> \(n)</seg></tuv>"
                tmx += "<tuv xml:lang=\"ru\"><seg>Не \(n) 😀</seg></tuv></tu>\n"
            case 4:
                tmx += "<tu\(id)\n><tuv xml:lang=\"en\"><seg>   spaces   \(n)</seg></tuv><tuv xml:lang=\"ru\"><seg></seg></tuv></tu>"
            default:
                tmx += "    <?pi <tu ?>\n    <tu\(id)><prop type=\"x-bitext-range\">\(n)-\(n + 5)</prop><tuv xml:lang=\"en\"><seg>Range \(n)</seg></tuv>"
                tmx += "<tuv xml:lang=\"ru\"><seg>Диапазон \(n)</seg></tuv></tu>\n"
            }
            if n == broken {
                tmx += "    <tu tuid=\"bad\"><tuv xml:lang=\"en\"><seg>x</seg></tuv><tuv xml:lang=\"ru\"><seg>y</sek></tuv></tu>\n"
            }
        }
        return tmx + "  </body>\n</tmx>\n"
    }

    static func write(_ text: String, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("bitext-tmx-\(ProcessInfo.processInfo.processIdentifier)-\(name).tmx").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every event until the end or the first error.
    static func read(_ path: String, workers: Int, chunkBytes: Int, target: String? = "ru") -> ReadOutcome {
        readThrough(chunkBytes: chunkBytes) { () throws(ExchangeError) in
            try TMX.Reader(path: path, targetLanguage: target, workers: workers, input: .map)
        }
    }

    @Test("The same units in the same order, whatever the stretch length", arguments: [1, 40, 333, 4096, 1 << 20])
    func sameUnits(chunkBytes: Int) throws {
        let path = try Self.write(Self.document(units: 600), name: "same\(chunkBytes)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inOrder = Self.read(path, workers: 1, chunkBytes: chunkBytes)
        #expect(inOrder.error == nil)
        #expect(inOrder.readInParallel == 0)
        let units = inOrder.units
        #expect(units.count == 600)
        #expect(units.first { $0.id == "42" }?.source.text.hasPrefix("</tu>") == true, "a unit without tuid is numbered")
        #expect(units.contains { $0.notes == ["Примечание <tu> 1"] && $0.state == .needsReview })
        #expect(units.contains { !$0.translate })
        // Each unit knows the line of its <tu>, also when a stretch read on another thread counted from its own start.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lineTexts = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let firstTU = lineTexts.firstIndex { $0.contains("<tu ") || $0.contains("<tu>") }.map { $0 + 1 }
        #expect(units.first?.line == firstTU)
        #expect(zip(units, units.dropFirst()).allSatisfy { ($0.line ?? 0) <= ($1.line ?? 0) }, "lines never go back")
        for workers in [2, 3] {
            let parallel = Self.read(path, workers: workers, chunkBytes: chunkBytes)
            #expect(parallel.error == nil)
            #expect(parallel.events == inOrder.events, "workers \(workers)")
            #expect(parallel.units.map(\.line) == units.map(\.line), "workers \(workers): the same lines")
            if chunkBytes < 1 << 20 { #expect(parallel.readInParallel > 150, "workers \(workers) read units") }
        }
    }

    @Test("The target language is taken from the first unit when it is not given")
    func inferredTarget() throws {
        let path = try Self.write(Self.document(units: 200), name: "inferred")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inOrder = Self.read(path, workers: 1, chunkBytes: 100, target: nil)
        let parallel = Self.read(path, workers: 2, chunkBytes: 100, target: nil)
        #expect(inOrder.error == nil && parallel.error == nil)
        #expect(parallel.events == inOrder.events)
        #expect(parallel.readInParallel > 50)
    }

    @Test("An error in the middle is the same error, after the same units", arguments: [57, 300, 4096])
    func sameError(chunkBytes: Int) throws {
        let path = try Self.write(Self.document(units: 400, broken: 250), name: "broken\(chunkBytes)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inOrder = Self.read(path, workers: 1, chunkBytes: chunkBytes)
        let parallel = Self.read(path, workers: 2, chunkBytes: chunkBytes)
        let error = try #require(inOrder.error)
        #expect(error.description.contains("sek"))
        #expect(error.location?.line != nil && error.location?.line ?? 0 > 100)
        #expect(parallel.error == error)
        #expect(parallel.events == inOrder.events)
        #expect(parallel.readInParallel > 0, "the units before the error came from the workers")
        #expect(parallel.events.count > 250)
    }

    @Test("A truncated large file fails like reading it in order")
    func truncated() throws {
        let whole = Self.document(units: 300)
        let path = try Self.write(String(whole.prefix(whole.count * 2 / 3)), name: "truncated")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inOrder = Self.read(path, workers: 1, chunkBytes: 500)
        let parallel = Self.read(path, workers: 2, chunkBytes: 500)
        #expect(inOrder.error != nil)
        #expect(parallel.error == inOrder.error)
        #expect(parallel.events == inOrder.events)
        #expect(parallel.readInParallel > 0)
    }

    @Test("Stretches start at `<tu` followed by whitespace or `>` only")
    func unitStarts() {
        let bytes = Array("<tuv> <tu\n<tux <tu>".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(unitStart(in: buffer, element: "tu", from: 0) == 6)
            #expect(unitStart(in: buffer, element: "tu", from: 7) == 15)
            #expect(unitStart(in: buffer, element: "tu", from: 16) == nil)
        }
    }
}

/// The same for XLIFF 2: units directly in `<file>` are read on several threads, and groups, file-level notes and
/// further files are read in order.
@Suite("XLIFF 2: reading on several threads")
struct XLIFF2ParallelTests {
    static func document(units: Int, broken: Int? = nil, files: Int = 2) -> String {
        var xliff = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0" \
        xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.1" srcLang="en" trgLang="ru">\n
        """
        var n = 0
        for file in 1...files {
            xliff += "  <file id=\"f\(file)\" original=\"article\(file).txt\">\n"
            xliff += "    <notes><note>File note with <![CDATA[<unit id=\"fake\">]]></note></notes>\n"
            for _ in 0..<units {
                n += 1
                switch n % 10 {
                case 0:
                    xliff += "    <!-- <unit id=\"comment\"> -->\n"
                    xliff += "    <unit id=\"u\(n)\"><segment state=\"translated\"><source><![CDATA[</unit>\n<unit id=\"x\">]]> \(n)</source>"
                    xliff += "<target>Перевод &amp; \(n)</target></segment></unit>\n"
                case 1, 4, 8:
                    xliff += "    <unit id=\"u\(n)\" translate=\"no\"><notes><note>Не переводить</note></notes>"
                    xliff += "<segment><source>- Advertisement - \(n)</source></segment></unit>\n"
                case 5 where n % 20 == 15:
                    // translate="no" on a group reaches the units inside, nested groups too, unless a unit says yes.
                    xliff += "    <group id=\"g\(n)\" translate=\"no\"><group id=\"h\(n)\"><unit id=\"u\(n)\"><segment><source>Kept \(n)</source>"
                    xliff += "</segment></unit></group><unit id=\"v\(n)\" translate=\"yes\"><segment><source>Again \(n)</source></segment></unit></group>\n"
                case 5:
                    xliff += "    <group id=\"g\(n)\"><unit id=\"u\(n)\"><segment state=\"final\"><source>In a group \(n)</source>"
                    xliff += "<target>В группе \(n)</target></segment></unit></group>\n"
                case 3, 6:
                    xliff += "    <unit id=\"u\(n)\"><gls:glossary><gls:glossEntry><gls:term source=\"x\">NATO</gls:term>"
                    xliff += "<gls:translation>НАТО</gls:translation></gls:glossEntry></gls:glossary>"
                    xliff += "<segment><source>NATO \(n). </source></segment><ignorable><source> </source></ignorable>"
                    xliff += "<segment state=\"reviewed\"><source>Second \(n)</source><target>Второе</target></segment></unit>\n"
                case 7:
                    xliff += "    <?pi <unit ?>\n    <unit id=\"u\(n)\"\n><segment><source xml:space=\"preserve\">  spaces \(n) 😀  </source></segment></unit>\n"
                default:
                    xliff += "    <unit id=\"u\(n)\"><segment state=\"translated\"><source>Plain \(n)</source><target>Просто \(n)</target></segment></unit>\n"
                }
                if n == broken {
                    xliff += "    <unit id=\"bad\"><segment><source>x</sourse></segment></unit>\n"
                }
            }
            xliff += "  </file>\n"
        }
        return xliff + "</xliff>\n"
    }

    static func read(_ path: String, workers: Int, chunkBytes: Int) -> ReadOutcome {
        readThrough(chunkBytes: chunkBytes) { () throws(ExchangeError) in
            try XLIFF2.Reader(path: path, workers: workers, input: .map)
        }
    }

    @Test("The same events in the same order, whatever the stretch length", arguments: [1, 90, 700, 1 << 20])
    func sameEvents(chunkBytes: Int) throws {
        let path = try TMXParallelTests.write(Self.document(units: 300), name: "xliff\(chunkBytes)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inOrder = Self.read(path, workers: 1, chunkBytes: chunkBytes)
        #expect(inOrder.error == nil)
        #expect(inOrder.readInParallel == 0)
        let units = inOrder.units
        #expect(units.count == 630, "600 numbered units and 30 more in translate=\"no\" groups")
        #expect(units.first { $0.id == "u15" }?.translate == false, "inherited from the group")
        #expect(units.first { $0.id == "v15" }?.translate == true, "the unit says yes")
        #expect(inOrder.events.filter { $0 == .endFile }.count == 2)
        #expect(units.first { $0.id == "u10" }?.source.text.hasPrefix("</unit>") == true)
        for workers in [2, 3] {
            let parallel = Self.read(path, workers: workers, chunkBytes: chunkBytes)
            #expect(parallel.error == nil)
            #expect(parallel.events == inOrder.events, "workers \(workers)")
            if chunkBytes < 1000 { #expect(parallel.readInParallel > 200, "workers \(workers) read units") }
        }
    }

    @Test("An error in the middle is the same error, after the same units", arguments: [77, 4096])
    func sameError(chunkBytes: Int) throws {
        let path = try TMXParallelTests.write(Self.document(units: 200, broken: 260), name: "xliffbroken\(chunkBytes)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inOrder = Self.read(path, workers: 1, chunkBytes: chunkBytes)
        let parallel = Self.read(path, workers: 2, chunkBytes: chunkBytes)
        let error = try #require(inOrder.error)
        #expect(error.description.contains("sourse"))
        #expect(parallel.error == error)
        #expect(parallel.events == inOrder.events)
        #expect(parallel.readInParallel > 0, "the units before the error came from the workers")
    }
}

/// Random damage to files meant to trip the cuts: reading on several threads must still give exactly what reading
/// in order gives, units and error alike.
@Suite("Parallel reading: random damage")
struct ParallelReadingDamageTests {
    /// A small deterministic generator, so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    static let insertions = ["<tu ", "<tu>", "</tu>", "<unit ", "</unit>", "<group>", "</group>", "<!--", "-->",
                             "<![CDATA[", "]]>", "<?pi ", "?>", "&amp;", "&bogus;", "\"", "<", ">", "\n", "ə"]

    static func damaged(_ text: String, _ generator: inout Generator) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let at = Int.random(in: 0..<bytes.count, using: &generator)
            if Bool.random(using: &generator) {
                bytes.insert(contentsOf: Array(insertions.randomElement(using: &generator)!.utf8), at: at)
            } else {
                bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...12, using: &generator)))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("TMX and XLIFF 2 files with random damage read the same in order and on several threads")
    func randomDamage() throws {
        var generator = Generator(state: 20261127)
        let tmx = TMXParallelTests.document(units: 120)
        let xliff = XLIFF2ParallelTests.document(units: 60)
        var failures = 0
        for round in 0..<120 {
            let isTMX = round % 2 == 0
            let text = Self.damaged(isTMX ? tmx : xliff, &generator)
            let path = try TMXParallelTests.write(text, name: "damage\(round)")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let chunk = [1, 50, 200, 900].randomElement(using: &generator)!
            let (inOrder, parallel) = isTMX
                ? (TMXParallelTests.read(path, workers: 1, chunkBytes: chunk), TMXParallelTests.read(path, workers: 2, chunkBytes: chunk))
                : (XLIFF2ParallelTests.read(path, workers: 1, chunkBytes: chunk), XLIFF2ParallelTests.read(path, workers: 2, chunkBytes: chunk))
            if inOrder.error != nil { failures += 1 }
            #expect(parallel.error == inOrder.error, "round \(round)")
            #expect(parallel.events == inOrder.events, "round \(round)")
        }
        #expect(failures > 10, "the damage makes some files fail")
        #expect(failures < 120, "and leaves others readable")
    }
}
