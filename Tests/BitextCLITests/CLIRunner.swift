import Foundation

/// Runs the built `bitext` binary as a user would.
enum CLIRunner {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `bitext` binary beside the test bundle in the build folder.
    static let binary: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("bitext").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return root + "/.build/debug/bitext"
    }()

    struct Result {
        var status: Int32
        /// False when the process ended on a signal (then `status` is the signal's number).
        var exited = true
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes at once (a full pipe would block the child), retrying reads that a
        // signal interrupts: FileHandle.readDataToEndOfFile() traps on EINTR under load.
        let errorBox = DataBox()
        let errorReader = Thread { errorBox.data = readAll(err.fileHandleForReading.fileDescriptor); errorBox.done.signal() }
        errorReader.start()
        let o = readAll(out.fileHandleForReading.fileDescriptor)
        errorBox.done.wait()
        let e = errorBox.data
        process.waitUntilExit()
        return Result(status: process.terminationStatus, exited: process.terminationReason == .exit, stdout: o,
                      stderr: String(decoding: e, as: UTF8.self))
    }

    final class DataBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    /// Everything up to the end of the file, retrying interrupted reads.
    static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                data.append(contentsOf: buffer[0..<n])
            } else if n == 0 || errno != EINTR {
                return data
            }
        }
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bitext-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
