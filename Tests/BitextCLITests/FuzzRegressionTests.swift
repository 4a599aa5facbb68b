import Foundation
import Testing

/// Every input that ever crashed or hung a reader (found by `bitext-fuzz`, kept in
/// `Tests/FuzzRegressions/<target>/`) goes through the command a user would run on it: it must
/// end with a status (0, or 65 with a message that says where), never on a signal.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    static let folder = CLIRunner.root + "/Tests/FuzzRegressions"

    static var cases: [String] {
        let fm = FileManager.default
        let targets = (try? fm.contentsOfDirectory(atPath: folder)) ?? []
        return targets.sorted().flatMap { target -> [String] in
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: folder + "/" + target, isDirectory: &isDir), isDir.boolValue else { return [] }
            return ((try? fm.contentsOfDirectory(atPath: folder + "/" + target)) ?? []).sorted().map { target + "/" + $0 }
        }
    }

    /// The command for an input of a fuzz target.
    static func arguments(_ target: String, _ path: String, _ out: String) -> [String]? {
        switch target {
        case "xliff2", "xliff12", "tmx", "po", "csv", "tsv", "jsonl", "review":
            return ["export", path, "--source-lang", "en", "--target-lang", "ru", "--to", "jsonl", "-o", out + "/out.jsonl", "--force"]
        case "tbx3", "tbx2008", "glossary-csv", "glossary-tsv":
            return ["glossary", "lint", path]
        case "html", "markdown", "text":
            return ["prepare", path, "--source-lang", "en", "--target-lang", "ru", "--no-tm", "--out", out + "/job", "--force"]
        case "tm-import":
            return ["tm", "import", path, "--tm", out + "/tm.sqlite"]
        default:
            return nil  // srx and merge need a Locales folder or a job: `bitext-fuzz --replay` runs them
        }
    }

    @Test("the folder holds regressions")
    func folderIsThere() {
        #expect(!Self.cases.isEmpty, "no files under \(Self.folder)")
    }

    @Test("a regression input ends with a status, not a signal", arguments: cases)
    func regression(_ name: String) throws {
        let target = String(name.split(separator: "/")[0])
        let out = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        guard let args = Self.arguments(target, Self.folder + "/" + name, out.path) else { return }
        let r = try CLIRunner.run(args)
        #expect(r.exited, "\(name) ended on signal \(r.status): \(r.stderr.suffix(500))")
        #expect(r.status == 0 || r.status == 65, "\(name): exit \(r.status): \(r.stderr.suffix(500))")
        if r.status == 65 {
            #expect(r.stderr.contains(name.split(separator: "/").last.map(String.init) ?? name), "the message names the file: \(r.stderr)")
        }
    }
}
