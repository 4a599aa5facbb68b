// bitext-fuzz: hostile inputs through every reader, each target in its own worker process.
//
// The supervisor collects seeds, starts one worker per target (two at a time by default) and
// watches it: a worker reports the number of each input before it runs it, so when the worker
// dies on a signal or stops reporting for longer than the timeout, the supervisor rebuilds that
// input from its number, saves it under out/failures/, and starts a new worker after it.
// See Tests/README.md for the short run CI makes and the long one.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Segmentation

struct Options {
    var targets: [String] = FuzzTarget.all.map(\.name)
    var inputs = 2_000
    var runSeed: UInt64 = 1
    var timeout = 10.0
    var jobs = 2
    var heavyEvery = 40
    var out = FileManager.default.temporaryDirectory.path + "/bitext-fuzz"
    var extraSeeds: [String] = []
    var replay: String?
    var locales: String?
    // Worker only.
    var worker: String?
    var from = 0
    var files: String?

    static let usage = """
        usage: bitext-fuzz [--target NAME[,NAME...]] [--inputs N] [--seed S] [--heavy N] [--timeout SECONDS] [--jobs N]
                           [--seeds DIR]... [--out DIR] [--locales DIR]
               bitext-fuzz --replay DIR     (each file under DIR/<target>/ is one input of that target)
               bitext-fuzz --list
        """

    static func parse(_ args: [String]) -> Options {
        var o = Options()
        var i = 0
        func number<T: LosslessStringConvertible>(_ flag: String) -> T {
            guard let n = T(value()) else { fail("\(flag) takes a number") }
            return n
        }
        func value() -> String {
            i += 1
            guard i < args.count else { fail("\(args[i - 1]) needs a value\n\(usage)") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--target": o.targets = value().split(separator: ",").map(String.init)
            case "--inputs": o.inputs = number("--inputs")
            case "--seed": o.runSeed = number("--seed")
            case "--timeout": o.timeout = number("--timeout")
            case "--jobs": o.jobs = max(1, number("--jobs"))
            case "--heavy": o.heavyEvery = max(1, number("--heavy"))
            case "--out": o.out = value()
            case "--seeds": o.extraSeeds.append(value())
            case "--replay": o.replay = value()
            case "--locales": o.locales = value()
            case "--worker": o.worker = value()
            case "--from": o.from = Int(value()) ?? 0
            case "--files": o.files = value()
            case "--list":
                for t in FuzzTarget.all { print("\(t.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(t.summary)") }
                exit(0)
            case "-h", "--help": print(usage); exit(0)
            default: fail("unknown argument \(args[i])\n\(usage)")
            }
            i += 1
        }
        for t in o.targets where FuzzTarget.named(t) == nil { fail("unknown target \(t) (see --list)") }
        return o
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("bitext-fuzz: " + message + "\n").utf8))
    exit(2)
}

/// Prints a line of the report at once (the report may go to a file that someone is watching).
func say(_ line: String) {
    print(line)
    fflush(nil)
}

/// Writes one line to the supervisor, unbuffered, so that it is there if the next input kills us.
func report(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress! + done, $0.count - done) }
        if n <= 0 { if errno == EINTR { continue }; exit(3) }
        done += n
    }
}

/// Whether an error message says where: a line, a column or a byte.
func namesPosition(_ message: String) -> Bool {
    let s = Substring(message)
    for marker in ["byte ", "line ", "offset "] {
        var rest = s[...]
        while let r = rest.range(of: marker) {
            if let c = rest[r.upperBound...].first, c.isNumber { return true }
            rest = rest[r.upperBound...]
        }
    }
    // "file:12:" or "file:12 "
    var k = s.startIndex
    while let colon = s[k...].firstIndex(of: ":") {
        let after = s[s.index(after: colon)...]
        if let d = after.first, d.isNumber { return true }
        k = s.index(after: colon)
    }
    return false
}

// MARK: - Inputs

/// The inputs of one target: generated from seeds, or files to replay.
struct Inputs {
    let target: FuzzTarget
    let seeds: [(name: String, bytes: [UInt8])]
    let replay: [(name: String, bytes: [UInt8])]?
    let runSeed: UInt64
    var heavyEvery = 40

    var count: Int? { replay?.count }

    func input(_ i: Int) -> (name: String, bytes: [UInt8]) {
        if let replay { return replay[i] }
        let (seed, bytes) = Mutator.input(index: i, seeds: seeds.map(\.bytes), runSeed: runSeed, target: target.name,
                                         heavyEvery: heavyEvery)
        return (seeds[seed].name, bytes)
    }
}

// MARK: - Worker

func runWorker(_ o: Options, target: FuzzTarget) -> Never {
    // An input that needs more memory than this fails its allocation (a crash the supervisor
    // reports) instead of sending the machine into the out-of-memory killer.
    var limit = rlimit(rlim_cur: 8 << 30, rlim_max: 8 << 30)
    _ = setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    let total = o.inputs
    let inputs: Inputs
    do {
        if let files = o.files {
            inputs = Inputs(target: target, seeds: [], replay: try Seeds.load(files), runSeed: 0)
        } else {
            inputs = Inputs(target: target, seeds: try Seeds.load(o.out + "/seeds/" + target.name), replay: nil, runSeed: o.runSeed,
                            heavyEvery: o.heavyEvery)
        }
    } catch { fail("cannot read the seeds: \(error)") }
    // The sandbox sits alone in a cage folder: anything that appears beside it, or among the
    // supervisor's own files, was written outside the job or the output folder.
    let cage = o.out + "/cage-\(target.name)-\(getpid())"
    let sandbox = cage + "/box"
    try? FileManager.default.removeItem(atPath: cage)
    do { try FileManager.default.createDirectory(atPath: sandbox, withIntermediateDirectories: true) } catch { fail("\(error)") }
    let runner: Runner
    do {
        runner = try Runner(target: target, sandbox: sandbox, locales: o.locales!, seedJob: o.out + "/seed-job")
    } catch { fail("cannot set up \(target.name): \(error)") }
    func strays() -> [String] {
        let beside = ((try? FileManager.default.contentsOfDirectory(atPath: cage)) ?? []).filter { $0 != "box" }.map { cage + "/" + $0 }
        let above = ((try? FileManager.default.contentsOfDirectory(atPath: o.out)) ?? []).filter { name in
            !(name.hasPrefix("cage-") || name.hasSuffix(".stderr") || ["seeds", "seed-job", "failures"].contains(name))
        }.map { o.out + "/" + $0 }
        return beside + above
    }
    let end = inputs.count ?? total
    var accepted = 0, refused = 0, positionless = 0
    var slowest = 0.0, slowestIndex = -1
    for i in o.from..<end {
        let (name, bytes) = inputs.input(i)
        let path = runner.inputPath(seedName: name)
        report("S \(i)")
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { fail("cannot write \(path)") }
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            _ = try runner.run(path: path)
            accepted += 1
        } catch {
            refused += 1
            let message = "\(error)"
            if !namesPosition(message) {
                positionless += 1
                report("P \(i) " + String(message.prefix(300)).replacingOccurrences(of: "\n", with: " "))
            }
        }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if ms > slowest { slowest = ms; slowestIndex = i }
        if ms > 2_000 { report("T \(i) \(Int(ms))") }
        if i % 500 == 499 { report("C \(accepted) \(refused)") }
        if target.name == "merge" || i % 64 == 0 {
            // Nothing may appear beside the sandbox (a write that escaped the job or -o).
            for stray in strays() {
                report("E \(i) \(stray)")
                try? FileManager.default.removeItem(atPath: stray)
            }
        }
    }
    report("D \(accepted) \(refused) \(positionless) \(Int(slowest)) \(slowestIndex)")
    try? FileManager.default.removeItem(atPath: cage)
    exit(0)
}

// MARK: - Supervisor

final class Watch {
    let target: FuzzTarget
    let inputs: Inputs
    let total: Int
    var next = 0
    var pid: pid_t = 0
    var fd: Int32 = -1
    var buffer: [UInt8] = []
    var current = -1
    var lastProgress = Date()
    var accepted = 0, refused = 0, positionless = 0, slowest = 0, slowestIndex = -1
    var crashes: [String] = [], hangs: [String] = [], escapes: [String] = [], slow: [String] = []
    var positionlessSamples: [String] = []
    var done = false
    var nextAtSpawn = 0
    /// The last counts a running worker reported.
    var runningCounts = (accepted: 0, refused: 0)
    var stderrPath: String

    init(target: FuzzTarget, inputs: Inputs, total: Int, out: String) {
        self.target = target
        self.inputs = inputs
        self.total = total
        stderrPath = out + "/\(target.name).stderr"
    }
}

func spawnWorker(_ w: Watch, _ o: Options, replayDir: String?) {
    var args = [CommandLine.arguments[0], "--worker", w.target.name, "--from", String(w.next), "--inputs", String(w.total),
                "--seed", String(o.runSeed), "--heavy", String(o.heavyEvery), "--out", o.out, "--locales", o.locales!]
    if let replayDir { args += ["--files", replayDir] }
    var pipeFDs: [Int32] = [0, 0]
    guard pipe(&pipeFDs) == 0 else { fail("pipe: \(errno)") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
    posix_spawn_file_actions_addopen(&actions, 2, w.stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = args.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, CommandLine.arguments[0].contains("/") ? CommandLine.arguments[0] : "/proc/self/exe", &actions, nil, argv, environ)
    close(pipeFDs[1])
    guard rc == 0 else { fail("cannot start a worker: \(rc)") }
    w.pid = pid
    w.fd = pipeFDs[0]
    w.buffer = []
    w.lastProgress = Date()
    w.nextAtSpawn = w.next
    w.current = -1
    w.runningCounts = (0, 0)
}

/// Saves the input a worker stopped on, with what it printed, and says where.
func saveFailure(_ w: Watch, _ kind: String, _ o: Options) -> String {
    let i = w.current
    guard i >= 0 else { return "\(kind) before the first input (see \(w.stderrPath))" }
    let dir = o.out + "/failures"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let (name, bytes) = w.inputs.input(i)
    let ext = (name as NSString).pathExtension
    let path = "\(dir)/\(w.target.name)-\(kind)-\(i).\(ext.isEmpty ? "bin" : ext)"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    let tail = (try? String(contentsOfFile: w.stderrPath, encoding: .utf8)).map { String($0.suffix(2_000)) } ?? ""
    try? (tail + "\nseed: \(name)\n").write(toFile: path + ".txt", atomically: true, encoding: .utf8)
    return "input \(i) (from \(name), \(bytes.count) bytes) → \(path)"
}

func handle(line: String, _ w: Watch) {
    let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
    guard let kind = parts.first else { return }
    switch kind {
    case "S": w.current = Int(parts[1]) ?? -1; w.next = w.current + 1
    case "P":
        w.positionless += 1
        if w.positionlessSamples.count < 5 { w.positionlessSamples.append("input \(parts[1]): \(parts.count > 2 ? parts[2] : "")") }
    case "T": w.slow.append("input \(parts[1]): \(parts.count > 2 ? parts[2] : "") ms")
    case "E": w.escapes.append("input \(parts[1]) wrote \(parts.count > 2 ? parts[2] : "")")
    case "C":
        // Counts so far of the running worker, kept in case it dies before its last line.
        let n = line.split(separator: " ").dropFirst().map { Int($0) ?? 0 }
        if n.count >= 2 { w.runningCounts = (n[0], n[1]) }
    case "D":
        let n = line.split(separator: " ").dropFirst().map { Int($0) ?? 0 }
        w.accepted += n[0]; w.refused += n[1]
        w.runningCounts = (0, 0)
        if n[3] > w.slowest { w.slowest = n[3]; w.slowestIndex = n[4] }
        w.done = true
    default: break
    }
}

func supervise(_ o: Options) -> Int32 {
    let targets = o.targets.compactMap(FuzzTarget.named)
    var replayDirs: [String: String] = [:]
    var watches: [Watch] = []
    if let replay = o.replay {
        for t in targets {
            let dir = replay + "/" + t.name
            guard let files = try? Seeds.load(dir), !files.isEmpty else { continue }
            replayDirs[t.name] = dir
            watches.append(Watch(target: t, inputs: Inputs(target: t, seeds: [], replay: files, runSeed: 0), total: files.count, out: o.out))
        }
        // Merge replays run against the seed job.
        if watches.contains(where: { $0.target.name == "merge" }) {
            do { _ = try Seeds.collect(root: projectRoot(), locales: o.locales!, extra: [], out: o.out, targets: []) } catch {
                fail("cannot prepare the seed job: \(error)")
            }
        }
        say("replaying \(watches.reduce(0) { $0 + $1.total }) inputs of \(watches.count) targets from \(replay)")
    } else {
        let counts: [String: Int]
        do {
            counts = try Seeds.collect(root: projectRoot(), locales: o.locales!, extra: o.extraSeeds, out: o.out, targets: targets)
        } catch { fail("cannot collect seeds: \(error)") }
        for t in targets {
            guard let seeds = try? Seeds.load(o.out + "/seeds/" + t.name), !seeds.isEmpty else { fail("no seeds for \(t.name)") }
            watches.append(Watch(target: t, inputs: Inputs(target: t, seeds: seeds, replay: nil, runSeed: o.runSeed, heavyEvery: o.heavyEvery),
                                 total: o.inputs, out: o.out))
        }
        say("fuzzing \(targets.count) targets, \(o.inputs) inputs each (one in \(o.heavyEvery) heavy), seed \(o.runSeed), \(o.jobs) at a time; seeds: "
              + targets.map { "\($0.name) \(counts[$0.name] ?? 0)" }.joined(separator: ", "))
    }
    let started = Date()
    var pending = watches
    var running: [Watch] = []
    while !pending.isEmpty || !running.isEmpty {
        while running.count < o.jobs, !pending.isEmpty {
            let w = pending.removeFirst()
            spawnWorker(w, o, replayDir: replayDirs[w.target.name])
            running.append(w)
        }
        var polls = running.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        _ = poll(&polls, nfds_t(polls.count), 500)
        for (k, w) in running.enumerated() {
            var ended = false
            if polls[k].revents != 0 {
                var chunk = [UInt8](repeating: 0, count: 65536)
                let n = read(w.fd, &chunk, chunk.count)
                if n > 0 {
                    w.buffer += chunk[0..<n]
                    w.lastProgress = Date()
                    while let nl = w.buffer.firstIndex(of: 0x0A) {
                        handle(line: String(decoding: w.buffer[..<nl], as: UTF8.self), w)
                        w.buffer.removeSubrange(...nl)
                    }
                } else if n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN) {
                    ended = true
                }
            }
            if !ended && Date().timeIntervalSince(w.lastProgress) > o.timeout {
                kill(w.pid, SIGKILL)
                w.hangs.append(saveFailure(w, "hang", o))
                w.accepted += w.runningCounts.accepted
                w.refused += w.runningCounts.refused
                w.runningCounts = (0, 0)
                var status: Int32 = 0
                while waitpid(w.pid, &status, 0) < 0 && errno == EINTR {}
                close(w.fd)
                w.fd = -1
                ended = true
            } else if ended {
                var status: Int32 = 0
                while waitpid(w.pid, &status, 0) < 0 && errno == EINTR {}
                close(w.fd)
                w.fd = -1
                w.accepted += w.runningCounts.accepted
                w.refused += w.runningCounts.refused
                w.runningCounts = (0, 0)
                let signal = status & 0x7F
                if signal != 0 {
                    w.crashes.append("signal \(signal) on " + saveFailure(w, "crash", o))
                } else if !w.done {
                    w.crashes.append("exit \((status >> 8) & 0xFF) on " + saveFailure(w, "exit", o))
                }
            }
            if ended {
                if !w.done && w.next == w.nextAtSpawn && w.current < 0 {
                    w.crashes.append("the worker stopped before its first input: \((try? String(contentsOfFile: w.stderrPath, encoding: .utf8)) ?? "")")
                    w.done = true
                }
                if w.done || w.next >= w.total { w.done = true } else { spawnWorker(w, o, replayDir: replayDirs[w.target.name]); continue }
            }
        }
        for w in running where w.done && w.fd < 0 { for line in summary(w) { say(line) } }
        running.removeAll { $0.done && $0.fd < 0 }
    }

    var failed = 0
    var total = 0
    for w in watches {
        // A refusal that does not say where is a failure too: the promise is a message with a position.
        failed += w.crashes.count + w.hangs.count + w.escapes.count + w.positionless
        total += w.total
    }
    let seconds = Int(Date().timeIntervalSince(started))
    say("fuzz: \(total) inputs, \(total - failed) passed, \(failed) failed, in \(seconds) s")
    return failed == 0 ? 0 : 1
}

/// The report on one target: a line of counts, then each failure and a few refusals without a position.
func summary(_ w: Watch) -> [String] {
    var lines = ["\(w.target.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(w.total) inputs: \(w.accepted) read, "
        + "\(w.refused) refused (\(w.positionless) without a position), \(w.crashes.count) crashes, \(w.hangs.count) hangs, "
        + "\(w.escapes.count) writes outside, slowest \(w.slowest) ms"]
    lines += w.crashes.map { "    crash: \($0)" }
    lines += w.hangs.map { "    hang: \($0)" }
    lines += w.escapes.map { "    outside: \($0)" }
    lines += w.slow.prefix(3).map { "    slow: \($0)" }
    lines += w.positionlessSamples.map { "    no position: \($0)" }
    return lines
}

/// The package root: the folder above `.build` that holds the executable, or the current folder.
func projectRoot() -> String {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<5 {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        url = url.deletingLastPathComponent()
    }
    return FileManager.default.currentDirectoryPath
}

var options = Options.parse(Array(CommandLine.arguments.dropFirst()))
if options.locales == nil {
    do { options.locales = try LocaleData.locate().path } catch { fail("\(error)") }
}
if let name = options.worker, let target = FuzzTarget.named(name) {
    runWorker(options, target: target)
}
do { try FileManager.default.createDirectory(atPath: options.out, withIntermediateDirectories: true) } catch { fail("\(error)") }
options.out = URL(fileURLWithPath: options.out).standardizedFileURL.path
signal(SIGPIPE, SIG_IGN)
exit(supervise(options))
