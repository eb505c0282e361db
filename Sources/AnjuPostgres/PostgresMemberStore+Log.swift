import AnjuStore
import Foundation
import PostgresNIO

extension PostgresMemberStore {
    /// Rows per `INSERT` of `logTurns` (8 parameters a row, well under PostgreSQL's 65,535).
    static let logBatchRows = 500

    /// Writes turns, masked (`Redactor`: ID numbers, phones and 6-digit numbers; a PIN
    /// turn keeps no text), in one transaction of multi-row inserts. Called by the batching
    /// `ConversationLogWriter`, never on a turn's path.
    public func logTurns(_ turns: [TurnRecord]) async throws(StoreError) {
        guard !turns.isEmpty else { return }
        let masked = turns.map(EngineSupport.masked)
        try await database.transaction { connection in
            for start in stride(from: 0, to: masked.count, by: Self.logBatchRows) {
                let batch = masked[start..<min(masked.count, start + Self.logBatchRows)]
                var bindings = PostgresBindings(capacity: batch.count * 8)
                var values: [String] = []
                values.reserveCapacity(batch.count)
                for turn in batch {
                    let n = bindings.count
                    values.append("($\(n + 1), $\(n + 2), $\(n + 3), $\(n + 4), $\(n + 5), $\(n + 6), $\(n + 7), $\(n + 8))")
                    bindings.append(turn.session)
                    bindings.append(turn.time)
                    bindings.append(turn.channel)
                    bindings.append(turn.text)
                    bindings.append(turn.intent)
                    bindings.append(turn.confidence)
                    bindings.append(turn.reply)
                    bindings.append(turn.pinTurn)
                }
                let sql = "INSERT INTO turn (session, time, channel, text, intent, confidence, reply, pin_turn) VALUES "
                    + values.joined(separator: ", ")
                try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: database.logger)
            }
        }
    }

    /// Deletes the turns logged before `date` (retention) and writes an audit row, in one
    /// transaction; returns how many were deleted.
    public func purgeTurns(before date: Date, actor: String) async throws(StoreError) -> Int {
        try await database.transaction(timeout: database.operationTimeout + .seconds(30)) { connection in
            let logger = database.logger
            var deleted = 0
            for try await count in try await connection.query(
                "WITH gone AS (DELETE FROM turn WHERE time < \(date) RETURNING 1) SELECT count(*) FROM gone",
                logger: logger).decode(Int.self) {
                deleted = count
            }
            try await Self.insertAudit(connection, logger: logger, time: Date(), actor: actor, action: .purge,
                                       subject: ISO8601DateFormatter().string(from: date), count: deleted,
                                       detail: "删除此前的对话记录 / conversation turns before this time deleted")
            return deleted
        }
    }

    /// The number of logged turns.
    public func turnCount() async throws(StoreError) -> Int {
        try await database.run { client in
            for try await count in try await client.query("SELECT count(*) FROM turn").decode(Int.self) { return count }
            return 0
        }
    }

    /// The logged turns of `session` (as logged, i.e. masked), oldest first.
    public func turns(session: String) async throws(StoreError) -> [LoggedTurn] {
        let key = Redactor.mask(session)
        return try await fetchTurns(
            "SELECT \(unescaped: Self.turnColumns) FROM turn WHERE session = \(key) ORDER BY id")
    }

    /// The queries of `since..<until` the assistant handled badly, grouped as
    /// `AccountStore.review` groups them (the same code): out-of-scope, unclear and
    /// low-confidence turns, PIN turns left out.
    public func review(since: Date, until: Date, limit: Int, lowConfidence: Double) async throws(StoreError) -> ReviewReport {
        let total = try await database.run { client in
            for try await count in try await client.query(
                "SELECT count(*) FROM turn WHERE time >= \(since) AND time < \(until)").decode(Int.self) {
                return count
            }
            return 0
        }
        let candidates = try await fetchTurns("""
            SELECT \(unescaped: Self.turnColumns) FROM turn
            WHERE time >= \(since) AND time < \(until) AND NOT pin_turn
              AND (intent IN ('out_of_scope', 'unclear') OR confidence < \(lowConfidence))
            ORDER BY time, id
            """)
        return EngineSupport.reviewReport(since: since, until: until, lowConfidence: lowConfidence, totalTurns: total,
                                          candidates: candidates, limit: limit)
    }

    static let turnColumns = "id, session, time, channel, text, intent, confidence, reply, pin_turn"

    private func fetchTurns(_ query: PostgresQuery) async throws(StoreError) -> [LoggedTurn] {
        typealias Columns = (Int64, String, Date, String, String, String, Double, String, Bool)
        let rows = try await database.run(timeout: database.operationTimeout + .seconds(30)) { client in
            var rows: [Columns] = []
            for try await row in try await client.query(query).decode(Columns.self) { rows.append(row) }
            return rows
        }
        var turns: [LoggedTurn] = []
        turns.reserveCapacity(rows.count)
        for r in rows {
            turns.append(try EngineSupport.loggedTurn(id: r.0, session: r.1, time: r.2, channel: r.3, text: r.4, intent: r.5,
                                                      confidence: r.6, reply: r.7, pinTurn: r.8))
        }
        return turns
    }
}
