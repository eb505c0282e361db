import AnjuDialogue
import AnjuPostgres
import AnjuStore
import Foundation

/// The PostgreSQL case of `AnjuApp.openStores`: a member store (its own pool), the same
/// store for the log writer, and shared sessions (a second pool: a turn holds its session's
/// connection while the dialogue uses the member store).
enum PostgresStores {
    /// Opens the stores at `url`, migrating the schema and seeding an empty account table.
    ///
    /// When PostgreSQL cannot be reached at start, the stores are still returned (on an
    /// existing schema: run `anju store migrate` when deploying), so the assistant answers
    /// policy questions at once and member questions as soon as the database is back —
    /// the pools reconnect on their own.
    static func open(url: String, seed: AccountStore.Seed,
                     progress: @escaping @Sendable (AccountStore.ImportProgress) -> Void) async throws(StoreError) -> AnjuApp.Stores {
        let location = try PostgresLocation(url)
        let memberPool = PostgresPool(location: location, maximumConnections: 16, operationTimeout: .seconds(2))
        let sessionPool = PostgresPool(location: location, maximumConnections: 64, operationTimeout: .seconds(2))
        let members: PostgresMemberStore
        do {
            members = try await PostgresMemberStore.open(database: memberPool, seed: seed, progress: progress)
        } catch where error.code == .storeUnavailable {
            FileHandle.standardError.write(Data("anju: \(error.message)\n".utf8))
            members = PostgresMemberStore(database: memberPool)
        }
        let sessions = PostgresSessionStore<SessionState>(database: sessionPool)
        return AnjuApp.Stores(members: members, log: members, sessions: sessions)
    }

    /// `anju store migrate`: brings the schema at `url` up to date.
    static func migrate(url: String) async throws(StoreError) -> PostgresMigrator.Result {
        let pool = PostgresPool(location: try PostgresLocation(url), maximumConnections: 1, operationTimeout: .seconds(10))
        do {
            let result = try await PostgresMigrator.migrate(pool)
            await pool.shutdown()
            return result
        } catch {
            await pool.shutdown()
            throw error
        }
    }
}

extension AnjuApp {
    /// `anju store migrate --store URL`: applies the PostgreSQL migrations not yet applied
    /// (safe while instances run); a SQLite file is migrated by opening it.
    public static func migrateStore(_ location: StoreLocation) async throws(StoreError) -> String {
        switch location {
        case .postgres(let url):
            let result = try await PostgresStores.migrate(url: url)
            return result.applied.isEmpty
                ? "结构已是最新（版本 \(result.version)） / schema up to date (version \(result.version))"
                : "已应用迁移 \(result.applied.map(String.init).joined(separator: ", "))，当前版本 \(result.version) / applied migrations \(result.applied.map(String.init).joined(separator: ", ")), now at version \(result.version)"
        case .sqlite(let path):
            _ = try AccountStore(path: path)
            return "SQLite \(path): 结构已是最新 / schema up to date"
        }
    }
}
