import Foundation
import Testing
@testable import TranslationMemory

@Suite("TMX import and export")
struct TMXTests {
    @Test func roundTrip() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let entries = [
            entry("Use <b>bold</b> & \"quotes\"", "Используйте <b>жирный</b> & «кавычки»"),
            entry("Line one", "Строка один"),
            entry("Third unit", "Третья единица"),
        ]
        try tm.add(entries)
        let file = dir + "/out.tmx"
        #expect(try tm.exportTMX(path: file, sourceLanguage: nil, targetLanguage: nil, overwrite: false) == 3)
        // Never overwrite without the flag.
        #expect { try tm.exportTMX(path: file, sourceLanguage: nil, targetLanguage: nil, overwrite: false) } throws: {
            ($0 as? TMError)?.kind == .unwritable && ($0 as? TMError)?.file == file
        }
        #expect(try tm.exportTMX(path: file, sourceLanguage: "en", targetLanguage: "ru", overwrite: true) == 3)

        let copy = try TranslationMemory(path: dir + "/copy.sqlite")
        #expect(try copy.importTMX(path: file, sourceLanguage: nil, targetLanguage: nil) == 3)
        for e in entries {
            let r = try copy.lookup(e.source, previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru")
            #expect(r.first?.kind == .exact)
            #expect(r.first?.target == e.target)
            #expect(r.first?.origin == "out.tmx")
        }
        // Importing again updates, it does not double.
        #expect(try copy.importTMX(path: file, sourceLanguage: "en", targetLanguage: "ru") == 3)
        #expect(try copy.statistics().units == 3)
        // A source language that the file does not have.
        #expect { try copy.importTMX(path: file, sourceLanguage: "de", targetLanguage: nil) } throws: { ($0 as? TMError)?.kind == .data }
    }

    @Test func severalPairsNeedLanguages() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tm.add([entry("One", "Один"), entry("One", "Eins", "en", "de")])
        #expect { try tm.exportTMX(path: dir + "/x.tmx", sourceLanguage: nil, targetLanguage: nil, overwrite: false) } throws: {
            ($0 as? TMError)?.kind == .usage
        }
        #expect(try tm.exportTMX(path: dir + "/x.tmx", sourceLanguage: "en", targetLanguage: "de", overwrite: false) == 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/y.tmx"))
    }

    @Test func multilingualFileAndTarget() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header srclang="en-US" creationtool="x" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
        <body>
        <tu><tuv xml:lang="en-US"><seg>Print the page</seg></tuv><tuv xml:lang="de-DE"><seg>Seite drucken</seg></tuv><tuv xml:lang="ru-RU"><seg>Печать страницы</seg></tuv></tu>
        <tu><tuv xml:lang="en-US"><seg>No translation</seg></tuv></tu>
        </body></tmx>
        """
        let file = dir + "/multi.tmx"
        try tmx.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try tm.importTMX(path: file, sourceLanguage: "en", targetLanguage: nil) == 1)
        #expect(try tm.importTMX(path: file, sourceLanguage: nil, targetLanguage: "ru") == 1)
        // A language the file does not have is an error that names the ones it has, not 0 units in silence.
        #expect { try tm.importTMX(path: file, sourceLanguage: nil, targetLanguage: "fr") } throws: { "\($0)".contains("de-DE, ru-RU") }
        #expect(try tm.statistics().languagePairs.map { "\($0.sourceLanguage)>\($0.targetLanguage)" }.sorted() == ["en-us>de-de", "en-us>ru-ru"])
        #expect(try tm.lookup("Print the page", previous: nil, next: nil, sourceLanguage: "en", targetLanguage: "ru").first?.target == "Печать страницы")
    }

    @Test func malformedFileNamesFileAndLine() throws {
        let (tm, dir) = try temporaryTM()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/bad.tmx"
        try """
        <?xml version="1.0"?>
        <tmx version="1.4"><header srclang="en"/>
        <body>
        <tu tuid="7"><tuv xml:lang="en"><seg>ok</seg></tuv><tuv xml:lang="ru"><seg>да</seg></tuv></tu>
        <tu tuid="8"><tuv><seg>no language</seg></tuv></tu>
        </body></tmx>
        """.write(toFile: file, atomically: true, encoding: .utf8)
        do {
            _ = try tm.importTMX(path: file, sourceLanguage: nil, targetLanguage: "ru")
            Issue.record("expected an error")
        } catch let error as TMError {
            #expect(error.kind == .data)
            #expect(error.file == file)
            #expect(error.line == 5)
            #expect(error.unit == "8")
            #expect(error.description.contains("bad.tmx:5"))
        }
        // Nothing was imported: the import is one transaction.
        #expect(try tm.statistics().units == 0)
        #expect { try tm.importTMX(path: dir + "/missing.tmx", sourceLanguage: nil, targetLanguage: nil) } throws: { ($0 as? TMError)?.kind == .unreadable }
    }
}
