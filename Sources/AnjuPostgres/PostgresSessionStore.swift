import AnjuStore
import Foundation
import PostgresNIO

/// Conversations in a PostgreSQL table, so that any instance can take a session's next
/// turn and a restart loses nothing: `session(id, state jsonb, expires_at)`.
///
/// `withSession` is one transaction: it inserts the row if absent (so a new session is
/// locked too), takes it with `SELECT … FOR UPDATE`, runs the turn while holding the row
/// lock, then writes the new state (or deletes the row) and commits. A second turn of the
/// same session — on this instance or another — waits on the lock and then sees the first
/// one's state; turns of different sessions do not wait for each other.
///
/// Give it its own `PostgresPool` (pool), not the member store's: a turn holds its
/// connection while the dialogue uses the member store, and a shared pool could run out.
///
/// When PostgreSQL cannot be reached and `fallbackWhenUnavailable` is set, the turn runs
/// without memory (state nil, nothing stored, `SessionMemory.unavailable` set), so policy
/// questions are still answered.
public struct PostgresSessionStore<State: Codable & Sendable>: SessionStore {
    /// The pool (its own: see above).
    public let database: PostgresPool
    /// A session idle longer than this is forgotten.
    public let idleTimeout: TimeInterval
    /// How long a turn waits for another turn of the same session (PostgreSQL
    /// `lock_timeout`) before failing.
    public let lockTimeout: Duration
    /// Whether a turn runs statelessly when the store is unreachable (rather than failing).
    public let fallbackWhenUnavailable: Bool

    public init(database: PostgresPool, idleTimeout: TimeInterval = 30 * 60, lockTimeout: Duration = .seconds(30),
                fallbackWhenUnavailable: Bool = true) {
        self.database = database
        self.idleTimeout = idleTimeout
        self.lockTimeout = lockTimeout
        self.fallbackWhenUnavailable = fallbackWhenUnavailable
    }

    /// An error thrown by the caller's turn, carried through the transaction unchanged.
    private struct TurnError: Error {
        let error: any Error
    }

    public func withSession<T: Sendable>(_ id: String, now: Date,
                                         _ body: (inout State?) async throws -> T) async throws -> T {
        var started = false
        let logger = database.logger
        let milliseconds = Int(lockTimeout.components.seconds * 1000 + lockTimeout.components.attoseconds / 1_000_000_000_000_000)
        do {
            return try await database.withLeasedConnection(leaseTimeout: database.operationTimeout) { connection in
                try await PostgresPool.inTransaction(connection, logger: logger) {
                    try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = \(max(1, milliseconds))"),
                                               logger: logger)
                    try await connection.query(
                        "INSERT INTO session (id, state, expires_at) VALUES (\(id), NULL, \(now)) ON CONFLICT (id) DO NOTHING",
                        logger: logger)
                    var state: State?
                    for try await (json, expiresAt) in try await connection.query(
                        "SELECT state::text, expires_at FROM session WHERE id = \(id) FOR UPDATE", logger: logger
                    ).decode((String?, Date).self) {
                        // A state this build cannot read (an older format) starts the conversation afresh.
                        if let json, expiresAt > now { state = try? JSONDecoder().decode(State.self, from: Data(json.utf8)) }
                    }
                    started = true
                    let result: T
                    do {
                        result = try await body(&state)
                    } catch {
                        throw TurnError(error: error)
                    }
                    if let state {
                        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
                        let expiresAt = now.addingTimeInterval(idleTimeout)
                        try await connection.query(
                            "UPDATE session SET state = \(json)::jsonb, expires_at = \(expiresAt) WHERE id = \(id)",
                            logger: logger)
                    } else {
                        try await connection.query("DELETE FROM session WHERE id = \(id)", logger: logger)
                    }
                    return result
                }
            }
        } catch let error as TurnError {
            throw error.error
        } catch {
            let storeError = database.storeError(error)
            guard !started, fallbackWhenUnavailable, storeError.code == .storeUnavailable else { throw storeError }
            var state: State?
            return try await SessionMemory.$unavailable.withValue(true) { try await body(&state) }
        }
    }

    public func reset(_ id: String) async throws {
        try await database.run { client in
            _ = try await client.query("DELETE FROM session WHERE id = \(id)")
        }
    }

    /// The deployment's key for signed session ids (`SessionRegistry`), for instances
    /// started without `ANJU_SESSION_SECRET`: made once — 256 random bits — by whichever
    /// instance asks first (`INSERT … ON CONFLICT DO NOTHING`), then read by every other.
    public func sharedSecret(name: String = "session_ids") async throws(StoreError) -> String {
        var generator = SystemRandomNumberGenerator()
        let fresh = (0..<4).map { _ in
            let digits = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
        return try await database.run { client in
            try await client.query(
                "INSERT INTO deployment_secret (name, value) VALUES (\(name), \(fresh)) ON CONFLICT (name) DO NOTHING")
            for try await value in try await client.query(
                "SELECT value FROM deployment_secret WHERE name = \(name)").decode(String.self) {
                return value
            }
            throw StoreError(.database, "共享密钥 \(name) 未能保存 / the shared secret \(name) was not stored")
        }
    }

    /// Sessions held now (not expired). Also forgets expired ones that no turn is using.
    public func count(now: Date) async throws -> Int {
        try await database.run { client in
            try await client.query("""
                DELETE FROM session WHERE id IN
                    (SELECT id FROM session WHERE expires_at <= \(now) FOR UPDATE SKIP LOCKED)
                """)
            for try await count in try await client.query(
                "SELECT count(*) FROM session WHERE state IS NOT NULL AND expires_at > \(now)").decode(Int.self) {
                return count
            }
            return 0
        }
    }
}
