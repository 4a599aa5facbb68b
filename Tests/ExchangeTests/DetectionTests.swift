import Exchange
import Foundation
import Testing

/// A file's format comes from its content where the extension does not settle it: XLIFF under the
/// extensions CAT tools use, roots with a namespace prefix, attributes before `version`.
@Suite("format detection by content")
struct DetectionTests {
    static func write(_ text: String, _ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-detect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let body12 = """
        <file original="a.txt" source-language="en" target-language="fr" datatype="plaintext"><body>
        <trans-unit id="1"><source>Peace</source><target>Paix</target></trans-unit></body></file>
        """

    @Test("XLIFF 1.2 is told from XLIFF 2 whatever the extension, prefix and attribute order",
          arguments: [
            ("a.sdlxliff", "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">" + body12 + "</xliff>"),
            ("a.mqxliff", "<?xml version=\"1.0\"?>\n<!-- memoQ --><xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>" + body12 + "</xliff>"),
            ("a.xlf", "<xliff xmlns:its=\"http://www.w3.org/2005/11/its\" its:version=\"2.0\" version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">" + body12 + "</xliff>"),
            ("a.xliff", "<xlf:xliff xmlns:xlf=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">"
                + body12.replacingOccurrences(of: "<", with: "<xlf:").replacingOccurrences(of: "<xlf:/", with: "</xlf:") + "</xlf:xliff>"),
            ("a.xlf", "<?xml version=\"1.0\"?>\n<!-- OmegaT --><?pi x?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.1\">" + body12 + "</xliff>"),
            ("a.txlf", "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">" + body12 + "</xliff>"),
          ])
    func xliff12(name: String, text: String) throws {
        let path = try Self.write(text, name)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        #expect(try ExchangeFormat.detect(path: path) == .xliff12)
        let units = try ExchangeFormat.xliff12.makeReader(path: path).readAll().units
        #expect(units.map(\.target.flattened) == ["Paix"])
    }

    @Test("XLIFF 2 under a CAT tool's extension, and TMX under an unknown one")
    func others() throws {
        let x2 = try Self.write("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\"><file id=\"f\"><unit id=\"u\"><segment><source>Peace</source><target>Paix</target></segment></unit></file></xliff>", "a.mxliff")
        let tmx = try Self.write("<?xml version=\"1.0\"?><tmx version=\"1.4\"><header srclang=\"en\"/><body/></tmx>", "memory.xml")
        let text = try Self.write("just text", "notes.dat")
        #expect(try ExchangeFormat.detect(path: x2) == .xliff2)
        #expect(try ExchangeFormat.detect(path: tmx) == .tmx)
        #expect(try ExchangeFormat.detect(path: text) == nil)
    }

    @Test("when detection fails, the message says what was seen", arguments: [
        ("<foo:bar xmlns:foo=\"urn:example\"/>", "the root element is <foo:bar> in namespace urn:example, not <xliff>"),
        ("<xliff xmlns=\"urn:example\"/>", "XLIFF without version: <xliff> in namespace urn:example has no version attribute"),
        ("<xliff version=\"3.0\"/>", "has version \"3.0\""),
        ("not xml at all", "no root element"),
    ])
    func failures(text: String, message: String) throws {
        let path = try Self.write(text, "a.xlf")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        #expect { try ExchangeFormat.detect(path: path) } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("a.xlf")
        }
    }

    @Test("a TMX unit without the source language is skipped with a warning that names its line")
    func tmxWithoutSource() throws {
        let path = try Self.write("""
            <tmx version="1.4"><header srclang="en"/><body>
            <tu><tuv xml:lang="en"><seg>Peace</seg></tuv><tuv xml:lang="fr"><seg>Paix</seg></tuv></tu>
            <tu><tuv xml:lang="de"><seg>Frieden</seg></tuv><tuv xml:lang="fr"><seg>Paix</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>War</seg></tuv><tuv xml:lang="fr"><seg>Guerre</seg></tuv></tu>
            </body></tmx>
            """, "m.tmx")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let reader = try ExchangeFormat.tmx.makeReader(path: path, targetLanguage: "fr")
        let units = try reader.readAll().units
        #expect(units.map(\.source.flattened) == ["Peace", "War"])
        #expect(units.map(\.id) == ["1", "3"], "units keep their number in the file")
        #expect(reader.warnings.map(\.description) == ["\(path):3: a <tu> without a <tuv> in the source language en was skipped",
                                                       "\(path):1: languages not read (pick one with --target-lang): de (1 units)"])
    }
}

@Suite("multilingual TMX")
struct MultilingualTMXTests {
    static let tmx = """
        <tmx version="1.4"><header srclang="en"/><body>
        <tu><tuv xml:lang="en"><seg>Peace</seg></tuv><tuv xml:lang="de"><seg>Frieden</seg></tuv><tuv xml:lang="fr-CA"><seg>Paix</seg></tuv></tu>
        <tu><tuv xml:lang="en"><seg>War</seg></tuv><tuv xml:lang="fr-CA"><seg>Guerre</seg></tuv><tuv xml:lang="es"><seg>Guerra</seg></tuv></tu>
        </body></tmx>
        """

    static func read(_ target: String?) throws(ExchangeError) -> (units: [TranslationUnit], warnings: [String]) {
        let reader = TMX.Reader(bytes: Array(tmx.utf8), name: "m.tmx", targetLanguage: target)
        let units = try reader.readAll().units
        return (units, reader.warnings.map(\.description))
    }

    @Test("--target-lang chooses; fr finds fr-CA and says so; the languages left out are named")
    func choose() throws {
        let fr = try Self.read("fr")
        #expect(fr.units.map(\.target.flattened) == ["Paix", "Guerre"])
        #expect(fr.warnings == ["m.tmx:1: the target language fr is read from the file's fr-ca (BCP 47 match)",
                                "m.tmx:1: languages not read (pick one with --target-lang): de (1 units), es (1 units)"])
        let de = try Self.read("de")
        #expect(de.units.map(\.target.flattened) == ["Frieden", ""])
    }

    @Test("a language no unit has is an error that names the ones the file has")
    func missingLanguage() {
        #expect { try Self.read("ru") } throws: { "\($0)".contains("no unit has a <tuv> in ru; the file has de, fr-CA, es") }
    }
}
