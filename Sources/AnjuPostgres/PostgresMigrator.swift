import AnjuStore
import Foundation
import PostgresNIO

/// Brings a PostgreSQL database's schema up to date (`anju store migrate`, and every store
/// on opening).
///
/// The migrations (`Migrations/`, numbered SQL) run in order, each once, in ONE transaction
/// that first takes a transaction-scoped advisory lock: two instances starting at once
/// queue on the lock, and the second finds the work done. Applied versions are kept in
/// `anju_schema_migration`. A database with a version this build does not know was written
/// by a newer anju: `.newerSchema`, nothing is changed.
public enum PostgresMigrator {
    /// The advisory lock key (any constant shared by all instances: "anju" in ASCII).
    static let lockKey = 0x616E_6A75

    /// The newest schema version this build knows.
    public static var latestVersion: Int { Migration.all.map(\.version).max() ?? 0 }

    /// What `migrate` did.
    public struct Result: Sendable, Hashable {
        /// Versions applied now, in order (empty when the schema was up to date).
        public let applied: [Int]
        /// The schema version after it.
        public let version: Int
    }

    /// Applies the migrations not yet applied. Safe to run from several processes at once.
    @discardableResult
    public static func migrate(_ database: PostgresPool) async throws(StoreError) -> Result {
        let location = database.location
        // Unreachable: fail within the operation timeout, not the migration's long one.
        try await database.execute(unsafeSQL: "SELECT 1")
        return try await database.transaction(timeout: .seconds(60)) { connection in
            let logger = database.logger
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS anju_schema_migration (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            var done: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM anju_schema_migration",
                                                                 logger: logger).decode(Int.self) {
                done.insert(version)
            }
            if let newest = done.max(), newest > latestVersion {
                throw StoreError(.newerSchema, """
                    PostgreSQL 数据库 \(location) 的结构版本为 \(newest)，由更新版本的 anju 创建；本版本只认识到 \(latestVersion)。请升级 anju。 / \
                    the PostgreSQL database \(location) has schema version \(newest), written by a newer anju (this one knows up to \(latestVersion)): upgrade anju.
                    """, path: location.description)
            }
            var applied: [Int] = []
            for migration in Migration.all where !done.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO anju_schema_migration (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                applied.append(migration.version)
            }
            return Result(applied: applied, version: max(latestVersion, done.max() ?? 0))
        }
    }
}
