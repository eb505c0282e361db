import AnjuData
import AnjuStore
import Foundation
import PostgresNIO

/// The member store on PostgreSQL: accounts, PIN verification with lock-out, the
/// conversation log and the audit trail, shared by every `anju serve` instance of a centre.
///
/// Behaves as the SQLite `AccountStore` does (the same `MemberStore` contract tests run
/// against both): the same PBKDF2 PIN hashes, so one account CSV gives the same
/// verification on either engine; the same CSV checks; the same masking of the log; the
/// same review groups. What differs is how it stays exact across instances: a wrong PIN is
/// counted, and the lock-out decided, by one `UPDATE … RETURNING` statement, which
/// PostgreSQL's row lock serialises across connections and processes.
///
/// Every operation fails within `PostgresPool.operationTimeout` with `.storeUnavailable`
/// when PostgreSQL cannot be reached (a clear message in Chinese and English, without the
/// password); the pool reconnects by itself when it is back.
public struct PostgresMemberStore: MemberStore {
    /// The connection pool.
    public let database: PostgresPool
    /// PIN rounds, tries before the lock-out and its length (as for SQLite).
    public let options: AccountStore.Options

    /// `postgres://user@host:port/database` (no password).
    public var location: String { database.location.description }

    /// A store on `database`, whose schema must be migrated (see `open`).
    public init(database: PostgresPool, options: AccountStore.Options = AccountStore.Options()) {
        self.database = database
        self.options = options
    }

    /// Migrates the schema (`PostgresMigrator`), then — when the account table is empty —
    /// loads `seed`, once even when several instances start together.
    public static func open(database: PostgresPool, seed: AccountStore.Seed = .none,
                            options: AccountStore.Options = AccountStore.Options(),
                            progress: @Sendable (AccountStore.ImportProgress) -> Void = { _ in }) async throws(StoreError) -> PostgresMemberStore {
        try await PostgresMigrator.migrate(database)
        let store = PostgresMemberStore(database: database, options: options)
        let text: String?
        switch seed {
        case .none: text = nil
        case .demo:
            guard let demo = DataBundle.embedded.text(AccountStore.demoAccountsPath) else {
                throw StoreError(.io, "缺少演示数据 \(AccountStore.demoAccountsPath) / the demo accounts are missing from the build",
                                 path: AccountStore.demoAccountsPath)
            }
            text = demo
        case .csv(let csv): text = csv
        }
        if let text, try await store.accountCount() == 0 {
            _ = try await store.importRows(text: text, path: AccountStore.demoAccountsPath, actor: "anju (demo seed)",
                                           onlyIfEmpty: true, progress: progress)
        }
        return store
    }

    // MARK: - Accounts

    /// The columns of `account`, in the order `Self.account(from:)` reads them.
    static let accountColumns = """
        account_no, id_number, name, phone, birth, gender, status, balance, monthly_deposit, deposit_base, \
        continuous_months, last_deposit, sealed_since, homes_owned, children, married, loans_used, loan_outstanding, \
        loan_monthly_payment, overdue, pin_hash, pin_salt, pin_iterations, failed_attempts, locked_until, updated_at
        """

    /// An `Account` from a row of `accountColumns`.
    static func account(from row: PostgresRow) throws -> Account {
        let r = row.makeRandomAccess()
        var columns: [String: EngineSupport.Value] = [:]
        for name in ["account_no", "id_number", "name", "phone", "birth", "gender", "status"] {
            columns[name] = .text(try r[name].decode(String.self))
        }
        for name in ["last_deposit", "sealed_since"] {
            columns[name] = try r[name].decode(String?.self).map { EngineSupport.Value.text($0) } ?? .null
        }
        for name in ["balance", "monthly_deposit", "deposit_base", "loan_outstanding", "loan_monthly_payment"] {
            columns[name] = .real(try r[name].decode(Double.self))
        }
        for name in ["continuous_months", "homes_owned", "children", "loans_used", "pin_iterations", "failed_attempts"] {
            columns[name] = .integer(try r[name].decode(Int.self))
        }
        for name in ["married", "overdue"] {
            columns[name] = .bool(try r[name].decode(Bool.self))
        }
        for name in ["pin_hash", "pin_salt"] {
            columns[name] = .blob(try r[name].decode(Data.self))
        }
        columns["locked_until"] = try r["locked_until"].decode(Date?.self).map { EngineSupport.Value.date($0) } ?? .null
        columns["updated_at"] = .date(try r["updated_at"].decode(Date.self))
        return try EngineSupport.account(columns: columns)
    }

    public func account(number: String) async throws(StoreError) -> Account? {
        try await database.run { client in
            let rows = try await client.query(
                "SELECT \(unescaped: Self.accountColumns) FROM account WHERE account_no = \(number)")
            for try await row in rows { return try Self.account(from: row) }
            return nil
        }
    }

    /// The member with this ID number (a lowercase final `x` is accepted), or nil — also
    /// when the text is not a valid ID number.
    public func account(idNumber: String) async throws(StoreError) -> Account? {
        guard let id = IDNumber(idNumber) else { return nil }
        return try await database.run { client in
            let rows = try await client.query(
                "SELECT \(unescaped: Self.accountColumns) FROM account WHERE id_number = \(id.value)")
            for try await row in rows { return try Self.account(from: row) }
            return nil
        }
    }

    public func accountCount() async throws(StoreError) -> Int {
        try await database.run { client in
            for try await count in try await client.query("SELECT count(*) FROM account").decode(Int.self) { return count }
            return 0
        }
    }

    public func unlock(accountNo: String, actor: String, now: Date) async throws(StoreError) -> AccountStore.UnlockResult {
        let result = try await database.transaction { connection -> AccountStore.UnlockResult? in
            let logger = database.logger
            var found: (Int, Date?)?
            for try await row in try await connection.query(
                "SELECT failed_attempts, locked_until FROM account WHERE account_no = \(accountNo) FOR UPDATE",
                logger: logger).decode((Int, Date?).self) {
                found = row
            }
            guard let (failed, lockedUntil) = found else { return nil }
            let result = EngineSupport.unlockResult(wasLocked: lockedUntil.map { $0 > now } ?? false, clearedAttempts: failed)
            if failed != 0 || lockedUntil != nil {
                try await connection.query(
                    "UPDATE account SET failed_attempts = 0, locked_until = NULL WHERE account_no = \(accountNo)",
                    logger: logger)
            }
            try await Self.insertAudit(connection, logger: logger, time: now, actor: actor, action: .unlock,
                                       subject: accountNo, count: result.changed ? 1 : 0,
                                       detail: EngineSupport.unlockDetail(result))
            return result
        }
        guard let result else { throw EngineSupport.notFound(accountNo, location: location) }
        return result
    }

    // MARK: - Audit

    /// Writes one audit row on its own (actions that change nothing else, e.g. a backup).
    public func recordAudit(_ entry: AuditEntry) async throws(StoreError) {
        let action = AuditEntry.Action(rawValue: entry.action) ?? .backup
        try await database.transaction { connection in
            try await Self.insertAudit(connection, logger: database.logger, time: entry.time, actor: entry.actor,
                                       action: action, subject: entry.subject, count: entry.count, detail: entry.detail)
        }
    }

    static func insertAudit(_ connection: PostgresConnection, logger: Logger, time: Date, actor: String,
                            action: AuditEntry.Action, subject: String, count: Int, detail: String) async throws {
        try await connection.query("""
            INSERT INTO audit (time, actor, action, subject, count, detail)
            VALUES (\(time), \(actor), \(action.rawValue), \(subject), \(count), \(detail))
            """, logger: logger)
    }

    public func auditEntries(limit: Int) async throws(StoreError) -> [AuditEntry] {
        let rows = try await database.run { client in
            var rows: [(Int64, Date, String, String, String, Int, String)] = []
            for try await row in try await client.query(
                "SELECT id, time, actor, action, subject, count, detail FROM audit ORDER BY id DESC LIMIT \(max(1, limit))"
            ).decode((Int64, Date, String, String, String, Int, String).self) {
                rows.append(row)
            }
            return rows
        }
        var entries: [AuditEntry] = []
        for row in rows {
            entries.append(try EngineSupport.auditEntry(id: row.0, time: row.1, actor: row.2, action: row.3, subject: row.4,
                                                        count: row.5, detail: row.6))
        }
        return entries
    }

    // MARK: - Health

    public func ping() async throws(StoreError) {
        try await database.run { client in
            for try await _ in try await client.query("SELECT 1") {}
        }
    }
}
