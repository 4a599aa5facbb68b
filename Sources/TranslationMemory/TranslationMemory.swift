import BitextICU
import Foundation
import GRDB

/// A translation memory: translated segments in an embedded SQLite database (through GRDB),
/// with exact, context and fuzzy lookup.
///
/// One instance can be shared by many threads: lookups read in parallel (SQLite WAL through a
/// `DatabasePool`), writes are serialized.
///
/// Languages: tags are compared case-insensitively, with `_` read as `-`. A stored unit serves
/// a query when its tag equals the query's, or when one tag is the other with more subtags
/// (a lookup for `ru` finds `ru-RU` units and a lookup for `ru-RU` finds `ru` units, but `ru-RU`
/// does not find `ru-UA`). Equal scores rank the exact tag first.
///
/// Fuzzy matches: see `TMSimilarity` and `WordTokenizer` for the measure; candidates come from
/// an inverted index of token ids (table `posting`, keyed by token, segment length in tokens and
/// unit) with a prefix filter (only the rarest query tokens that every unit above the threshold
/// must share are read, plus further rare tokens when that prunes candidates cheaply) and a
/// length filter in the index key, so lookups never scan the whole memory.
public final class TranslationMemory: Sendable {
    public let path: String
    let db: any DatabaseWriter
    let tokenizers = TokenizerPool()

    static let schemaVersion = 1
    /// How long a write waits for another process's write to the same memory.
    static let busyTimeout: TimeInterval = 60

    /// Opens the store at `path`, creating the file and its schema when missing. `:memory:` opens
    /// a private in-memory store.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.label = "TranslationMemory"
        // Another process writing the same memory (a second `tm import`, a merge) is waited for, not an error.
        config.busyMode = .timeout(Self.busyTimeout)
        config.maximumReaderCount = max(2, ProcessInfo.processInfo.activeProcessorCount)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA mmap_size = 2147418112")
        }
        do {
            if path == ":memory:" {
                db = try DatabaseQueue(configuration: config)
            } else {
                let directory = (path as NSString).deletingLastPathComponent
                if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
                    throw TMError("the directory does not exist", kind: .unwritable, file: path)
                }
                db = try DatabasePool(path: path, configuration: config)
            }
            try db.write { db in try Self.createSchema(db, path: path) }
        } catch let error as TMError {
            throw error
        } catch let error as DatabaseError {
            throw Self.mapped(error, path: path)
        }
    }

    static func mapped(_ error: DatabaseError, path: String) -> TMError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return TMError("not a translation memory (SQLite) file: \(error.message ?? "\(error)")", kind: .data, file: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return TMError("the translation memory stayed locked by another process for \(Int(busyTimeout)) s; try again when it is done", kind: .unwritable, file: path)
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_FULL, .SQLITE_IOERR:
            return TMError("cannot open or write the translation memory: \(error.message ?? "\(error)")", kind: .unwritable, file: path)
        default:
            return TMError("database error: \(error.message ?? "\(error)")", kind: .data, file: path)
        }
    }

    func run<R>(_ body: () throws -> R) throws -> R {
        do { return try body() } catch let error as DatabaseError { throw Self.mapped(error, path: path) }
    }

    static func createSchema(_ db: Database, path: String) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS unit(
                id INTEGER PRIMARY KEY,
                source_lang TEXT NOT NULL,
                target_lang TEXT NOT NULL,
                source TEXT NOT NULL,
                target TEXT NOT NULL,
                previous TEXT,
                next TEXT,
                origin TEXT,
                created REAL NOT NULL,
                changed REAL NOT NULL,
                source_hash INTEGER NOT NULL,
                target_hash INTEGER NOT NULL,
                context_hash INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS pair(id INTEGER PRIMARY KEY, source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, UNIQUE(source_lang, target_lang));
            CREATE TABLE IF NOT EXISTS unit_tokens(id INTEGER PRIMARY KEY, pair INTEGER NOT NULL, tokens BLOB NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS unit_pair ON unit(source_hash, target_hash, source_lang, target_lang);
            CREATE TABLE IF NOT EXISTS vocab(
                id INTEGER PRIMARY KEY,
                lang TEXT NOT NULL,
                text TEXT NOT NULL,
                df INTEGER NOT NULL,
                UNIQUE(lang, text)
            );
            CREATE TABLE IF NOT EXISTS posting(
                token INTEGER NOT NULL,
                len INTEGER NOT NULL,
                unit INTEGER NOT NULL,
                PRIMARY KEY(token, len, unit)
            ) WITHOUT ROWID;
            """)
        let version = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema'")
        if let version {
            guard version == schemaVersion else {
                throw TMError("translation memory schema \(version) is not supported (expected \(schemaVersion))", kind: .data, file: path)
            }
        } else {
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('schema', ?), ('changes', 0)", arguments: [schemaVersion])
        }
    }

    // MARK: - Adding

    struct Prepared {
        var entry: TMEntry
        var sourceTag: String
        var targetTag: String
        var base: String
        var tokens: [String]
        var sourceHash: Int64
        var targetHash: Int64
        var contextHash: Int64
    }

    static func contextHash(previous: String?, next: String?) -> Int64 {
        TextKey.hash("ctx", previous.map(TextKey.normalized) ?? "", next.map(TextKey.normalized) ?? "")
    }

    func prepare(_ entry: TMEntry) throws -> Prepared? {
        let sourceTag = TextKey.tag(entry.sourceLanguage), targetTag = TextKey.tag(entry.targetLanguage)
        guard !sourceTag.isEmpty, !targetTag.isEmpty else {
            throw TMError("a unit without a source or target language", kind: .usage)
        }
        let source = TextKey.normalized(entry.source), target = TextKey.normalized(entry.target)
        guard !source.isEmpty, !target.isEmpty else { return nil }
        let base = TextKey.base(sourceTag)
        return Prepared(entry: entry, sourceTag: sourceTag, targetTag: targetTag, base: base,
                        tokens: try tokenizers.tokens(source, language: base),
                        sourceHash: TextKey.hash(base, source), targetHash: TextKey.hash(TextKey.base(targetTag), target),
                        contextHash: Self.contextHash(previous: entry.previous, next: entry.next))
    }

    /// Stores `entries` in one transaction. A unit with the same source, target and languages as
    /// a stored one replaces its context, origin and change date instead of being added again.
    /// Entries with an empty source or target are skipped.
    /// - Returns: How many entries were stored (added or updated).
    @discardableResult
    public func add(_ entries: [TMEntry]) throws -> Int {
        let prepared = try prepareAll(entries)
        return try run { try db.write { db in try self.store(prepared, db) } }
    }

    /// Tokenizes on all cores: ICU word breaking is the costly part of adding.
    func prepareAll(_ entries: [TMEntry]) throws -> [Prepared] {
        if entries.count < 2048 { return try entries.compactMap { try prepare($0) } }
        let chunk = 1024
        let chunks = (entries.count + chunk - 1) / chunk
        nonisolated(unsafe) var results = [[Prepared]](repeating: [], count: chunks)
        nonisolated(unsafe) var failure: Error?
        let lock = NSLock()
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                do {
                    out[c] = try entries[(c * chunk)..<min(entries.count, (c + 1) * chunk)].compactMap { try self.prepare($0) }
                } catch {
                    lock.lock(); failure = failure ?? error; lock.unlock()
                }
            }
        }
        if let failure { throw failure }
        return results.flatMap { $0 }
    }

    func store(_ prepared: [Prepared], _ db: Database) throws -> Int {
        let now = Date().timeIntervalSince1970
        // Large batches touch pages all over the index: keep them in memory until the commit.
        if prepared.count > 5000 {
            try db.execute(sql: "PRAGMA cache_size = -524288")
        }
        defer { if prepared.count > 5000 { try? db.execute(sql: "PRAGMA cache_size = -32768") } }
        let findUnit = try db.cachedStatement(sql: "SELECT id FROM unit WHERE source_hash = ? AND target_hash = ? AND source_lang = ? AND target_lang = ?")
        let update = try db.cachedStatement(sql: "UPDATE unit SET source = ?, target = ?, previous = ?, next = ?, context_hash = ?, origin = ?, changed = ? WHERE id = ?")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO unit(source_lang, target_lang, source, target, previous, next, origin, created, changed,
                             source_hash, target_hash, context_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let findToken = try db.cachedStatement(sql: "SELECT id FROM vocab WHERE lang = ? AND text = ?")
        let insertTokens = try db.cachedStatement(sql: "INSERT INTO unit_tokens(id, pair, tokens) VALUES (?, ?, ?)")
        var pairIDs: [String: Int64] = [:]
        func pairID(_ source: String, _ target: String) throws -> Int64 {
            let key = source + "\u{0}" + target
            if let id = pairIDs[key] { return id }
            try db.execute(sql: "INSERT OR IGNORE INTO pair(source_lang, target_lang) VALUES (?, ?)", arguments: [source, target])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM pair WHERE source_lang = ? AND target_lang = ?", arguments: [source, target])!
            pairIDs[key] = id
            return id
        }
        let insertToken = try db.cachedStatement(sql: "INSERT INTO vocab(lang, text, df) VALUES (?, ?, 0)")
        var vocabulary: [String: [String: Int64]] = [:]
        var dfDelta: [Int64: Int] = [:]
        var postings: [(token: Int64, len: Int, unit: Int64)] = []
        postings.reserveCapacity(prepared.count * 16)
        var stored = 0
        for p in prepared {
            let e = p.entry
            if let id = try Int64.fetchOne(findUnit, arguments: [p.sourceHash, p.targetHash, p.sourceTag, p.targetTag]) {
                try update.execute(arguments: [e.source, e.target, e.previous, e.next, p.contextHash, e.origin, now, id])
                stored += 1
                continue
            }
            var ids: [UInt32] = []
            ids.reserveCapacity(p.tokens.count)
            for token in p.tokens {
                if let id = vocabulary[p.base]?[token] {
                    ids.append(UInt32(id))
                    continue
                }
                var id = try Int64.fetchOne(findToken, arguments: [p.base, token])
                if id == nil {
                    try insertToken.execute(arguments: [p.base, token])
                    id = db.lastInsertedRowID
                }
                vocabulary[p.base, default: [:]][token] = id!
                ids.append(UInt32(id!))
            }
            let blob = ids.withUnsafeBufferPointer { Data(buffer: $0) }
            try insert.execute(arguments: [p.sourceTag, p.targetTag, e.source, e.target, e.previous, e.next, e.origin, now, now,
                                           p.sourceHash, p.targetHash, p.contextHash])
            let unit = db.lastInsertedRowID
            try insertTokens.execute(arguments: [unit, try pairID(p.sourceTag, p.targetTag), blob])
            for id in Set(ids) {
                dfDelta[Int64(id), default: 0] += 1
                postings.append((Int64(id), ids.count, unit))
            }
            stored += 1
        }
        // Sorted, the index pages are written in order.
        postings.sort { ($0.token, $0.len, $0.unit) < ($1.token, $1.len, $1.unit) }
        let insertPosting = try db.cachedStatement(sql: "INSERT OR IGNORE INTO posting(token, len, unit) VALUES (?, ?, ?)")
        for p in postings {
            insertPosting.setUncheckedArguments([p.token, p.len, p.unit])
            try insertPosting.execute()
        }
        let bumpDF = try db.cachedStatement(sql: "UPDATE vocab SET df = df + ? WHERE id = ?")
        for (id, delta) in dfDelta { try bumpDF.execute(arguments: [delta, id]) }
        if stored > 0 {
            try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE key = 'changes'")
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('last_change', ?)", arguments: [now])
        }
        return stored
    }

    // MARK: - Statistics

    /// Units per language pair, size on disk and the last change.
    public func statistics() throws -> TMStatistics {
        let (units, pairs, tokens, last) = try run {
            try db.read { db -> (Int, [TMStatistics.LanguagePair], Int, Double?) in
                var pairs: [TMStatistics.LanguagePair] = []
                for row in try Row.fetchAll(db, sql: "SELECT source_lang, target_lang, count(*) FROM unit GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2") {
                    pairs.append(.init(sourceLanguage: row[0], targetLanguage: row[1], units: row[2]))
                }
                let tokens = try Int.fetchOne(db, sql: "SELECT count(*) FROM vocab") ?? 0
                let last = try Double.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_change'")
                return (pairs.reduce(0) { $0 + $1.units }, pairs, tokens, last)
            }
        }
        var bytes: Int64 = 0
        if path != ":memory:" {
            for file in [path, path + "-wal"] {
                if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber { bytes += size.int64Value }
            }
        }
        return TMStatistics(units: units, languagePairs: pairs, indexedTokens: tokens, bytes: bytes,
                            lastChange: last.map { Date(timeIntervalSince1970: $0) })
    }

    /// Identifies the store's contents for job records: the unit count, the number of changes and
    /// the time of the last one, e.g. `units=1200;changes=3;last=1767225600.123`.
    public var fingerprint: String {
        get throws {
            try run {
                try db.read { db in
                    let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0
                    let changes = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'changes'") ?? 0
                    let last = try Double.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_change'") ?? 0
                    return "units=\(count);changes=\(changes);last=\(String(format: "%.3f", last))"
                }
            }
        }
    }
}
