import Exchange
import Foundation
import Glossary
import Jobs

/// Collects the starting files of every target into `out/seeds/<target>/`: the project's own
/// examples, a job that `prepare` makes of them in every format (its files are also the returned
/// files for `merge`), the project's term bases and SRX, the samples in `../shared`, and any
/// folders of real files given with `--seeds`. Workers read the seeds from there, so that the
/// supervisor and its workers see the same bytes.
enum Seeds {
    /// The largest seed taken: bigger files make each input slow and add little.
    static let maximumSize = 512 << 10

    static func collect(root: String, locales: String, extra: [String], out: String, targets: [FuzzTarget]) throws -> [String: Int] {
        let fm = FileManager.default
        var files: [(name: String, bytes: [UInt8])] = []
        func add(_ path: String, as name: String? = nil) {
            guard let data = fm.contents(atPath: path), data.count <= maximumSize else { return }
            files.append((name ?? (path as NSString).lastPathComponent, Array(data)))
        }
        func addTree(_ dir: String, prefix: String = "") {
            guard let walker = fm.enumerator(atPath: dir) else { return }
            for case let rel as String in walker {
                var isDir: ObjCBool = false
                let path = dir + "/" + rel
                guard fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
                add(path, as: prefix + rel.replacingOccurrences(of: "/", with: "_"))
            }
        }

        // A job of the three example articles in every format, with targets filled in.
        let job = out + "/seed-job"
        try? fm.removeItem(atPath: job)
        let examples = ["txt", "html", "md"].map { root + "/Examples/azerbaijan-nato." + $0 }.filter { fm.fileExists(atPath: $0) }
        let request = PrepareRequest(inputs: examples, sourceLanguage: "en", targetLanguages: ["ru"],
                                     glossaries: [root + "/Glossary/security.tbx"], formats: ExchangeFormat.allCases,
                                     outputDirectory: job, overwrite: true, prefillTarget: true, localesPath: locales, parallelism: 1)
        _ = try Prepare.run(request)
        for name in try fm.contentsOfDirectory(atPath: job + "/ru").sorted() {
            add(job + "/ru/" + name)
            add(job + "/ru/" + name, as: "returned-" + name)
        }
        for e in examples { add(e) }
        add(root + "/Glossary/security.tbx")
        add(root + "/Glossary/security.csv", as: "glossary-security.csv")
        if let base = try? TermBaseFile.read(path: root + "/Glossary/security.tbx") {
            let languages = ["en", "ru", "de", "az"]
            let rows = base.concepts.map { c in
                ([c.id] + languages.map { l in c.terms(in: l).first?.text ?? "" } + [c.terms.first?.status.rawValue ?? ""]).joined(separator: "\t")
            }
            let text = (["id"] + languages + ["status"]).joined(separator: "\t") + "\n" + rows.joined(separator: "\n") + "\n"
            files.append(("glossary-security.tsv", Array(text.utf8)))
        }
        add(locales + "/segmentation.srx")
        addTree(root + "/Tests/ExchangeTests/Fixtures")
        addTree(root + "/Tests/SegmentationTests/Fixtures")
        let shared = root + "/../shared"
        addTree(shared + "/tools/samples", prefix: "shared-")
        for dir in ["corpora/terms", "schemas/tbx"] {
            guard let names = try? fm.contentsOfDirectory(atPath: shared + "/" + dir) else { continue }
            for n in names.sorted() where n.hasSuffix(".tsv") || n.hasSuffix(".csv") || n.hasSuffix(".tbx") {
                // The shared term lists have no header: their name says the languages (en-de.cldr.tsv).
                let pair = n.split(separator: ".").first.map { $0.split(separator: "-").map(String.init) } ?? []
                if n.hasSuffix(".tsv"), pair.count == 2, let data = fm.contents(atPath: shared + "/" + dir + "/" + n) {
                    let head = Array((pair.joined(separator: "\t") + "\n").utf8)
                    files.append(("glossary-shared-" + n, head + Array(data.prefix(64 << 10))))
                } else {
                    add(shared + "/" + dir + "/" + n, as: "glossary-shared-" + n)
                }
            }
        }
        files.append(("builtin-2008.tbx", Array(builtinTBX2008.utf8)))
        files.append(("builtin-plural.po", Array(builtinPO.utf8)))
        for dir in extra { addTree(dir, prefix: "extra-") }

        var counts: [String: Int] = [:]
        for target in targets {
            let dir = out + "/seeds/" + target.name
            try? fm.removeItem(atPath: dir)
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            var k = 0
            for f in files where target.accepts(f.name, f.bytes) && (target.name == "merge" || !f.name.hasPrefix("returned-")) {
                k += 1
                let name = target.name == "merge" ? f.name : String(format: "%04d-", k) + f.name
                fm.createFile(atPath: dir + "/" + name, contents: Data(f.bytes))
            }
            counts[target.name] = k
        }
        return counts
    }

    /// The seeds of a target, in a fixed order.
    static func load(_ dir: String) throws -> [(name: String, bytes: [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted().compactMap { name in
            FileManager.default.contents(atPath: dir + "/" + name).map { (name, Array($0)) }
        }
    }

    static let builtinTBX2008 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>MultiTerm export</p></sourceDesc></fileDesc></martifHeader>
        <text><body>
        <termEntry id="c1"><descrip type="subjectField">defence</descrip>
        <langSet xml:lang="en"><tig><term>Partnership for Peace</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>PfP</term><termNote type="termType">acronym</termNote></tig></langSet>
        <langSet xml:lang="ru"><tig><term>Партнёрство ради мира</term></tig>
        <tig><term>Партнерство во имя мира</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
        </termEntry>
        <termEntry id="c2"><langSet xml:lang="en"><ntig><termGrp><term>NATO</term></termGrp></ntig></langSet>
        <langSet xml:lang="ru"><ntig><termGrp><term>НАТО</term></termGrp></ntig></langSet></termEntry>
        </body></text></martif>
        """

    static let builtinPO = """
        # Translation of an article.
        msgid ""
        msgstr ""
        "Language: ru\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

        #. A note for the translator
        #: article.txt:1
        #, fuzzy
        msgctxt "s1"
        msgid "Azerbaijan joined the Partnership for Peace in 1994."
        msgstr "Азербайджан присоединился к программе «Партнёрство ради мира» в 1994 году."

        msgid "%d goal"
        msgid_plural "%d goals"
        msgstr[0] "%d цель"
        msgstr[1] "%d цели"
        msgstr[2] "%d целей"

        #~ msgid "Old"
        #~ msgstr "Старое"

        """
}
