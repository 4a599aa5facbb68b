import Foundation
import GRDB

extension TranslationMemory {
    /// Finds stored translations for `source`.
    ///
    /// - Context match: same source text (NFC, whitespace collapsed) and the same previous and
    ///   next source segments; only when the query gives at least one of them (a missing one
    ///   matches a unit stored without it).
    /// - Exact match: same source text.
    /// - Fuzzy match: word-level similarity at least `threshold` (clamped to 1...100), at most 99
    ///   since the text differs (for example only in case).
    ///
    /// - Returns: At most `limit` matches, best first: context, exact, then fuzzy by similarity;
    ///   ties go to the exact language tag, then to the most recently changed unit.
    public func lookup(_ source: String, previous: String?, next: String?, sourceLanguage: String, targetLanguage: String,
                       threshold: Int = 75, limit: Int = 5) throws -> [TMMatch] {
        guard limit > 0 else { return [] }
        let threshold = min(100, max(1, threshold))
        let sourceTag = TextKey.tag(sourceLanguage), targetTag = TextKey.tag(targetLanguage)
        let base = TextKey.base(sourceTag)
        let normalized = TextKey.normalized(source)
        guard !normalized.isEmpty else { return [] }
        let sourceHash = TextKey.hash(base, normalized)
        let hasContext = previous != nil || next != nil
        let contextHash = Self.contextHash(previous: previous, next: next)
        let tokens = try tokenizers.tokens(normalized, language: base)

        return try run {
            try db.read { db -> [TMMatch] in
                var found: [(match: TMMatch, exactTag: Bool)] = []
                var seen = Set<Int64>()
                // Exact and context matches through the hash index.
                let exact = try db.cachedStatement(sql: """
                    SELECT id, source_lang, target_lang, source, target, origin, created, changed, context_hash
                    FROM unit WHERE source_hash = ?
                    """)
                for row in try Row.fetchAll(exact, arguments: [sourceHash]) {
                    let (sl, tl): (String, String) = (row[1], row[2])
                    guard TextKey.languageMatches(sl, sourceTag), TextKey.languageMatches(tl, targetTag) else { continue }
                    let text: String = row[3]
                    guard TextKey.normalized(text) == normalized else { continue }
                    let isContext = hasContext && (row[8] as Int64) == contextHash
                    let id: Int64 = row[0]
                    seen.insert(id)
                    found.append((Self.match(row, kind: isContext ? .context : .exact, similarity: 100), sl == sourceTag && tl == targetTag))
                }
                if found.count < limit && !tokens.isEmpty {
                    found += try fuzzy(db, tokens: tokens, base: base, sourceTag: sourceTag, targetTag: targetTag,
                                       threshold: threshold, limit: limit - found.count, exclude: seen)
                }
                found.sort { a, b in
                    if a.match.kind != b.match.kind { return a.match.kind < b.match.kind }
                    if a.match.similarity != b.match.similarity { return a.match.similarity > b.match.similarity }
                    if a.exactTag != b.exactTag { return a.exactTag }
                    if a.match.changed != b.match.changed { return a.match.changed > b.match.changed }
                    return a.match.id > b.match.id
                }
                return found.prefix(limit).map(\.match)
            }
        }
    }

    static func match(_ row: Row, kind: TMMatch.Kind, similarity: Int) -> TMMatch {
        TMMatch(kind: kind, similarity: similarity, source: row[3], target: row[4], sourceLanguage: row[1], targetLanguage: row[2],
                origin: row[5], id: row[0], created: Date(timeIntervalSince1970: row[6]), changed: Date(timeIntervalSince1970: row[7]))
    }

    /// Fuzzy candidates from the inverted index, verified by word edit distance.
    func fuzzy(_ db: Database, tokens: [String], base: String, sourceTag: String, targetTag: String,
               threshold: Int, limit: Int, exclude: Set<Int64>) throws -> [(match: TMMatch, exactTag: Bool)] {
        let n = tokens.count
        // Query tokens: vocabulary id and document frequency; unknown tokens get ids no unit has.
        struct QueryToken { var id: Int64?; var df: Int; var count: Int }
        var distinct: [String: QueryToken] = [:]
        let findToken = try db.cachedStatement(sql: "SELECT id, df FROM vocab WHERE lang = ? AND text = ?")
        var queryIDs: [UInt32] = []
        queryIDs.reserveCapacity(n)
        var unknown: UInt32 = .max
        for token in tokens {
            if distinct[token] == nil {
                if let row = try Row.fetchOne(findToken, arguments: [base, token]) {
                    distinct[token] = QueryToken(id: row[0], df: row[1], count: 0)
                } else {
                    distinct[token] = QueryToken(id: nil, df: 0, count: 0)
                }
            }
            distinct[token]!.count += 1
            if let id = distinct[token]!.id {
                queryIDs.append(UInt32(id))
            } else {
                // The same unknown token gets the same id within the query.
                if let i = tokens.firstIndex(of: token), i < queryIDs.count {
                    queryIDs.append(queryIDs[i])
                } else {
                    queryIDs.append(unknown)
                    unknown -= 1
                }
            }
        }
        // Length filter: |n − m| ≤ dmax(max(n, m)).
        let dmax = { (l: Int) in TMSimilarity.maxDistance(l, threshold: threshold) }
        let minLen = n - dmax(n)
        var maxLen = n
        while (maxLen + 1) - n <= dmax(maxLen + 1) { maxLen += 1 }
        // Units reaching the threshold share at least L − dmax(L) tokens (multiset) with the query,
        // L = max(n, m); so each shares one of the rarest dmax(n) + 1 query token occurrences.
        let required = { (m: Int) -> Int in let l = max(n, m); return l - dmax(l) }
        let ordered = distinct.values.sorted { ($0.df, $0.id ?? -1) < ($1.df, $1.id ?? -1) }
        let prefix = dmax(n) + 1
        var processed = 0
        var candidates: [Int64: (hits: Int, len: Int)] = [:]
        // Unit and length packed in one integer: the cursor then reads plain Int64 columns.
        let postings = try db.cachedStatement(sql: "SELECT unit * 65536 + min(len, 65535) FROM posting WHERE token = ? AND len BETWEEN ? AND ?")
        var index = 0
        while index < ordered.count && processed < prefix {
            let t = ordered[index]
            index += 1
            processed += t.count
            guard let id = t.id else { continue }
            let cursor = try Int64.fetchCursor(postings, arguments: [id, minLen, maxLen])
            while let packed = try cursor.next() {
                let unit = packed >> 16
                if let c = candidates[unit] {
                    candidates[unit] = (c.hits + t.count, c.len)
                } else {
                    candidates[unit] = (t.count, Int(packed & 0xFFFF))
                }
            }
        }
        func prune() {
            let rest = n - processed
            candidates = candidates.filter { $0.value.hits + rest >= required($0.value.len) }
        }
        prune()
        // Count filter: reading one more posting list is cheaper than verifying many candidates.
        while index < ordered.count && !candidates.isEmpty {
            let t = ordered[index]
            // A posting entry costs about a fiftieth of a verification.
            guard let id = t.id, t.df <= 50 * candidates.count else { break }
            index += 1
            processed += t.count
            let cursor = try Int64.fetchCursor(postings, arguments: [id, minLen, maxLen])
            while let packed = try cursor.next() {
                let unit = packed >> 16
                if let c = candidates[unit] { candidates[unit] = (c.hits + t.count, c.len) }
            }
            prune()
        }
        for id in exclude { candidates[id] = nil }
        guard !candidates.isEmpty else { return [] }

        // Verify, best upper bound first, until no remaining candidate can enter the top `limit`.
        let rest = n - processed
        var ranked: [(unit: Int64, bound: Int, len: Int)] = candidates.map { unit, c in
            let l = max(n, c.len)
            let overlap = min(c.hits + rest, min(n, c.len))
            return (unit, TMSimilarity.score(distance: l - overlap, n, c.len), c.len)
        }
        ranked.sort { ($0.bound, $0.unit) > ($1.bound, $1.unit) }
        // Language pairs the query may use.
        var pairs = Set<Int64>(), exactPairs = Set<Int64>()
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT id, source_lang, target_lang FROM pair")) {
            let (sl, tl): (String, String) = (row[1], row[2])
            guard TextKey.languageMatches(sl, sourceTag), TextKey.languageMatches(tl, targetTag) else { continue }
            pairs.insert(row[0])
            if sl == sourceTag && tl == targetTag { exactPairs.insert(row[0]) }
        }
        let unitTokens = try db.cachedStatement(sql: "SELECT pair, tokens FROM unit_tokens WHERE id = ?")
        var hits: [(unit: Int64, similarity: Int, exactTag: Bool)] = []
        for candidate in ranked {
            if hits.count >= limit {
                let worst = hits.map(\.similarity).min()!
                if candidate.bound < worst { break }
            }
            guard let row = try Row.fetchOne(unitTokens, arguments: [candidate.unit]) else { continue }
            let pair: Int64 = row[0]
            guard pairs.contains(pair) else { continue }
            let ids: [UInt32] = try row.withUnsafeData(atIndex: 1) { data in
                guard let data else { return [] }
                return data.withUnsafeBytes { raw in Array(raw.bindMemory(to: UInt32.self)) }
            }
            let l = max(n, ids.count)
            let d = TMSimilarity.distance(queryIDs, ids, limit: dmax(l))
            guard d <= dmax(l) else { continue }
            let similarity = min(99, TMSimilarity.score(distance: d, n, ids.count))
            guard similarity >= threshold else { continue }
            hits.append((candidate.unit, similarity, exactPairs.contains(pair)))
        }
        let details = try db.cachedStatement(sql: "SELECT id, source_lang, target_lang, source, target, origin, created, changed FROM unit WHERE id = ?")
        var result: [(match: TMMatch, exactTag: Bool)] = []
        for hit in hits {
            if let row = try Row.fetchOne(details, arguments: [hit.unit]) {
                result.append((Self.match(row, kind: .fuzzy, similarity: hit.similarity), hit.exactTag))
            }
        }
        return result
    }
}
