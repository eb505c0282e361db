@testable import AnjuPostgres
import AnjuStore
import Foundation
import Testing

/// Where the PostgreSQL tests run: `ANJU_TEST_POSTGRES` (see `.ci/postgres.sh`); each test
/// gets a database of its own, created from that one and dropped afterwards.
enum TestPostgres {
    /// The server's URL, when the tests should run against one.
    static let url = ProcessInfo.processInfo.environment["ANJU_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    /// Whether PostgreSQL tests run.
    static var available: Bool { url != nil }
    /// The reason shown when they are skipped.
    static let skipReason: Comment = "ANJU_TEST_POSTGRES is not set (start a server with .ci/postgres.sh start)"

    /// How long a test's store operation may wait. These tests pin down correctness, not
    /// speed: under `swift test`'s parallel load on a 2-core machine (debug build, browser
    /// and server processes beside them), one SCRAM login or a `CREATE DATABASE` has taken
    /// over 20 seconds, so a test waits minutes rather than failing on a slow neighbour.
    static let patience: Duration = .seconds(180)
    /// How long one connection attempt may take before the pool retries (see `patience`).
    static let connectPatience: Duration = .seconds(60)

    /// A pool on `url` with the tests' patience.
    static func pool(_ url: String, maximumConnections: Int) throws -> PostgresPool {
        try PostgresPool(url: url, maximumConnections: maximumConnections,
                         operationTimeout: patience, connectTimeout: connectPatience)
    }

    /// Runs `body` with the URL of a new, empty database, dropped afterwards.
    static func withFreshDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        let base = try PostgresLocation(url!)
        let name = "anju_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = PostgresPool(location: base, maximumConnections: 1, operationTimeout: patience,
                                 connectTimeout: connectPatience)
        try await admin.execute(unsafeSQL: "CREATE DATABASE \(name)")
        let components = URLComponents(string: url!)!
        var copy = components
        copy.path = "/" + name
        do {
            let result = try await body(copy.string!)
            try? await admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await admin.shutdown()
            return result
        } catch {
            try? await admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await admin.shutdown()
            throw error
        }
    }

    /// A migrated member store on a fresh database.
    static func withMemberStore<T>(pools: Int = 1, _ body: ([PostgresMemberStore]) async throws -> T) async throws -> T {
        try await withFreshDatabase { url in
            var databases: [PostgresPool] = []
            for _ in 0..<pools { databases.append(try pool(url, maximumConnections: 8)) }
            do {
                var stores: [PostgresMemberStore] = []
                for database in databases {
                    stores.append(try await PostgresMemberStore.open(database: database, options: Fixtures.fast))
                }
                let result = try await body(stores)
                for database in databases { await database.shutdown() }
                return result
            } catch {
                for database in databases { await database.shutdown() }
                throw error
            }
        }
    }
}

/// Shared values of the store tests (as in AnjuStoreTests' fixtures).
enum Fixtures {
    static let fast = AccountStore.Options(busyTimeout: 0.3, pinIterations: 1_000)
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    static let id = "330902198807150013"
    static let pin = "918273"
    static let header = AccountCSV.columns.joined(separator: ",")

    static func row(_ overrides: [String: String] = [:]) -> String {
        let base: [String: String] = [
            "account_no": "900000000001", "id_number": "330902198807150013", "name": "测试甲",
            "phone": "13800001111", "pin": "918273", "birth": "1988-07", "gender": "male", "status": "normal",
            "balance": "12345.67", "monthly_deposit": "960.00", "deposit_base": "4000", "continuous_months": "24",
            "last_deposit": "2026-10", "sealed_since": "", "homes_owned": "0", "children": "1", "married": "true",
            "loans_used": "0", "loan_outstanding": "0", "loan_monthly_payment": "0", "overdue": "false",
        ]
        let merged = base.merging(overrides) { $1 }
        return AccountCSV.columns.map { merged[$0]! }.joined(separator: ",")
    }

    static let otherMember: [String: String] = [
        "account_no": "900000000002", "id_number": "330903199203220026", "name": "测试乙",
        "phone": "13900002222", "pin": "564738", "birth": "1992-03", "gender": "female",
    ]

    static func csv(_ rows: [String]) -> String { ([header] + rows).joined(separator: "\n") + "\n" }
}

