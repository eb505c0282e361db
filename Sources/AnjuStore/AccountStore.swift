import AnjuData
import Foundation
import GRDB
import Synchronization

/// The member store: accounts, PIN verification with lock-out, and the conversation log,
/// in one SQLite file.
///
/// ```swift
/// let store = try AccountStore(path: AccountStore.defaultPath(), seed: .demo)
/// switch try store.verify(idNumber: id, pin: pin) {
/// case .verified(let account): …
/// case .locked(let until): …   // protocol error `locked`
/// …
/// }
/// ```
///
/// Every method is synchronous and safe to call from any thread; each one is a single
/// transaction, so nothing is ever half written. Errors are `StoreError`s naming the file
/// and what to do. A value is cheap to copy; copies share the connection.
public struct AccountStore: Sendable {
    /// What to load into a database whose account table is empty.
    public enum Seed: Sendable {
        /// Nothing.
        case none
        /// The demo members of `Corpus/demo/accounts.csv` embedded in the binary.
        case demo
        /// The members of this account CSV text (e.g. the demo file of `--data DIR`).
        case csv(String)
    }

    /// Tunables; the defaults are the policy's.
    public struct Options: Sendable {
        /// How long to wait for another connection's lock before failing with
        /// `.databaseLocked` (seconds).
        public var busyTimeout: TimeInterval
        /// PBKDF2 rounds for new PIN hashes.
        public var pinIterations: Int
        /// Wrong PINs in a row that lock a member out.
        public var maxFailedAttempts: Int
        /// How long a lock-out lasts.
        public var lockDuration: TimeInterval
        /// How long verification (a conversation turn) waits for another program's lock
        /// before failing with `.storeUnavailable` (seconds).
        public var verificationBusyTimeout: TimeInterval

        public init(busyTimeout: TimeInterval = 2, pinIterations: Int = PINHasher.defaultIterations,
                    maxFailedAttempts: Int = 5, lockDuration: TimeInterval = 15 * 60,
                    verificationBusyTimeout: TimeInterval = 0.2) {
            self.busyTimeout = busyTimeout
            self.pinIterations = pinIterations
            self.maxFailedAttempts = maxFailedAttempts
            self.lockDuration = lockDuration
            self.verificationBusyTimeout = verificationBusyTimeout
        }
    }

    /// The path of the embedded demo accounts.
    public static let demoAccountsPath = "Corpus/demo/accounts.csv"

    let database: AppDatabase
    let hasher: PINHasher
    /// The options the store was opened with.
    public let options: Options
    /// How many members the seed loaded when the store was opened (0 when the table
    /// already had members or no seed was asked for).
    public let seededCount: Int

    /// The database file, or `:memory:`.
    public var path: String { database.path }

    /// Opens the database at `path`, creating the file and its folders when missing,
    /// bringing its schema up to date, and — when its account table is empty — loading
    /// `seed`.
    ///
    /// Throws `.cannotOpen` (folder cannot be created, file cannot be opened), `.readOnly`,
    /// `.corrupt` (not a SQLite file), `.databaseLocked` (another program holds the lock
    /// past `options.busyTimeout`), `.newerSchema`, or `.badCSV` for a bad seed.
    ///
    /// Seeding hashes every demo PIN: about 1.6 s for the 64 demo members in a release
    /// build on two cores (about 7 s in a debug build). `progress` is called as it goes,
    /// so a command line can say what it is doing on a first run.
    public init(path: String, seed: Seed = .none, options: Options = Options(),
                progress: (ImportProgress) -> Void = { _ in }) throws(StoreError) {
        try self.init(database: AppDatabase(path: path, busyTimeout: options.busyTimeout), seed: seed, options: options,
                      progress: progress)
    }

    /// A private in-memory store, for tests.
    public static func inMemory(seed: Seed = .none, options: Options = Options()) throws(StoreError) -> AccountStore {
        try AccountStore(database: AppDatabase(inMemoryLabel: "test"), seed: seed, options: options, progress: { _ in })
    }

    init(database: AppDatabase, seed: Seed, options: Options,
                 progress: (ImportProgress) -> Void) throws(StoreError) {
        self.database = database
        self.options = options
        self.hasher = PINHasher(iterations: options.pinIterations)
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
        if let text, try database.read({ try Account.fetchCount($0) }) == 0 {
            let summary = try AccountStore.importRows(text: text, path: AccountStore.demoAccountsPath, database: database,
                                                      hasher: hasher, onlyIfEmpty: true, actor: "anju (demo seed)",
                                                      progress: progress)
            seededCount = summary.inserted
        } else {
            seededCount = 0
        }
    }

    /// Where the database lives when no `--db` is given: `$XDG_DATA_HOME/anju/anju.sqlite`
    /// when `XDG_DATA_HOME` is set to an absolute path (the XDG rule: relative values are
    /// ignored), else `$HOME/.local/share/anju/anju.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("anju/anju.sqlite").path
        }
        let home: String
        if let value = environment["HOME"], !value.isEmpty {
            home = value
        } else {
            home = FileManager.default.homeDirectoryForCurrentUser.path
        }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/anju/anju.sqlite").path
    }

    // MARK: - Accounts

    /// The member with this account number, or nil.
    public func account(number: String) throws(StoreError) -> Account? {
        try database.read { try Account.fetchOne($0, key: number) }
    }

    /// The member with this ID number (a lowercase final `x` is accepted), or nil —
    /// also when the text is not a valid ID number.
    public func account(idNumber: String) throws(StoreError) -> Account? {
        guard let id = IDNumber(idNumber) else { return nil }
        return try database.read { try Account.filter(Column("id_number") == id.value).fetchOne($0) }
    }

    /// Members in the table.
    public func accountCount() throws(StoreError) -> Int {
        try database.read { try Account.fetchCount($0) }
    }

    /// What `unlock` found.
    public struct UnlockResult: Sendable, Hashable {
        /// The member was locked out (the lock had not yet expired).
        public let wasLocked: Bool
        /// Failed tries that were cleared.
        public let clearedAttempts: Int
        /// Whether anything changed.
        public var changed: Bool { wasLocked || clearedAttempts > 0 }
    }

    /// Ends a member's lock-out and clears the failed tries (staff, after checking the
    /// member's identity), and writes an audit row — also when there was nothing to clear
    /// (the row's count is then 0). Throws `.notFound` when there is no such account.
    @discardableResult
    public func unlock(accountNo: String, actor: String = AuditEntry.defaultActor(), now: Date = Date()) throws(StoreError) -> UnlockResult {
        let result = try database.write { db -> UnlockResult? in
            guard var account = try Account.fetchOne(db, key: accountNo) else { return nil }
            let wasLocked = account.lockedUntil.map { $0 > now } ?? false
            let result = UnlockResult(wasLocked: wasLocked, clearedAttempts: account.failedAttempts)
            if account.failedAttempts != 0 || account.lockedUntil != nil {
                account.failedAttempts = 0
                account.lockedUntil = nil
                try account.update(db)
            }
            var entry = AuditEntry(time: now, actor: actor, action: .unlock, subject: accountNo, count: result.changed ? 1 : 0,
                                   detail: result.wasLocked ? "解除锁定 / lock-out ended"
                                       : result.clearedAttempts > 0 ? "清除 \(result.clearedAttempts) 次失败记录 / cleared \(result.clearedAttempts) failed tries"
                                       : "未锁定，无需解除 / was not locked")
            try entry.insert(db)
            return result
        }
        guard let result else { throw AccountStore.notFound(accountNo, path: path) }
        return result
    }

    static func notFound(_ accountNo: String, path: String) -> StoreError {
        StoreError(.notFound, "没有账号为 \(accountNo) 的会员 / no member with account number \(accountNo)", path: path)
    }

    // MARK: - Import

    /// Progress of an import, reported while PINs are hashed (the slow part: about 30 ms
    /// a row, spread over the cores).
    public struct ImportProgress: Sendable, Hashable {
        /// Rows whose PIN has been hashed.
        public let processed: Int
        /// Rows in the file.
        public let total: Int
    }

    /// What an import did.
    public struct ImportSummary: Sendable, Hashable {
        /// Data rows in the file.
        public let rows: Int
        /// Members that were new.
        public let inserted: Int
        /// Members that were already there (same `account_no`) and were updated.
        public let updated: Int
        /// Disagreements that did not stop the import (see `AccountCSV`).
        public let warnings: [ImportIssue]
    }

    /// Imports an account CSV (see `AccountCSV` for the columns and checks): all rows or
    /// none. A member whose `account_no` exists is updated; its failed tries and lock-out
    /// are kept (an import is a data refresh, not an unlock), and an empty `pin` keeps its
    /// PIN. Throws `.badCSV` listing every bad value by line and column, and writes nothing.
    ///
    /// - Parameter progress: called on the calling thread as PINs are hashed.
    @discardableResult
    public func importCSV(text: String, path: String? = nil, actor: String = AuditEntry.defaultActor(),
                          progress: (ImportProgress) -> Void = { _ in }) throws(StoreError) -> ImportSummary {
        try AccountStore.importRows(text: text, path: path, database: database, hasher: hasher, onlyIfEmpty: false,
                                    actor: actor, progress: progress)
    }

    /// Checks an account CSV without any database (the checks that need none: columns,
    /// values, control characters). Throws `.badCSV` like an import would. Lets a command
    /// refuse a bad file before it creates a database file.
    public static func validateCSV(text: String, path: String? = nil) throws(StoreError) {
        _ = try AccountCSV.parse(text, path: path)
    }

    /// Reads and imports the CSV file at `url` (UTF-8, with or without a byte order mark).
    @discardableResult
    public func importCSV(contentsOf url: URL, actor: String = AuditEntry.defaultActor(),
                          progress: (ImportProgress) -> Void = { _ in }) throws(StoreError) -> ImportSummary {
        try importCSV(text: AccountStore.readCSV(contentsOf: url), path: url.path, actor: actor, progress: progress)
    }

    /// The text of the CSV file at `url`; `.io` when it cannot be read, `.badCSV` when it is
    /// not UTF-8 (with what to do in Excel).
    public static func readCSV(contentsOf url: URL) throws(StoreError) -> String {
        let path = url.path
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw StoreError(.io, exists
                ? "无法读取文件 \(path)：请检查权限。 / cannot read \(path): check its permissions."
                : "文件不存在：\(path) / no such file: \(path)", path: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StoreError(.badCSV, """
                \(path) 不是 UTF-8 编码。请在 Excel 中“另存为 CSV UTF-8”后重新导入；没有写入任何数据。 / \
                \(path) is not UTF-8: save it as “CSV UTF-8” and import again; nothing was written.
                """, path: path, line: 1, column: "-")
        }
        return text
    }

    private static func importRows(text: String, path: String?, database: AppDatabase, hasher: PINHasher,
                                   onlyIfEmpty: Bool, actor: String,
                                   progress: (ImportProgress) -> Void) throws(StoreError) -> ImportSummary {
        let parsed = try AccountCSV.parse(text, path: path)
        let rows = parsed.rows

        // Rows without a PIN must be updates; ID numbers must stay unique across the table.
        let existing: [String: String] = try database.read { db in
            var map: [String: String] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT account_no, id_number FROM account")
            while let row = try cursor.next() { map[row["account_no"]] = row["id_number"] }
            return map
        }
        var issues: [ImportIssue] = []
        var owner: [String: String] = [:]  // id_number → account_no after the import
        for (accountNo, idNumber) in existing { owner[idNumber] = accountNo }
        let fileAccounts = Set(rows.map(\.fields.accountNo))
        for (idNumber, accountNo) in owner where fileAccounts.contains(accountNo) { owner[idNumber] = nil }
        for row in rows {
            if row.pin == nil, existing[row.fields.accountNo] == nil {
                issues.append(ImportIssue(line: row.line, column: "pin",
                    message: "新会员必须设置6位查询密码 / a new member needs a 6-digit PIN"))
            }
            if let other = owner[row.fields.idNumber], other != row.fields.accountNo {
                issues.append(ImportIssue(line: row.line, column: "id_number",
                    message: "该身份证号码已属于账号 \(other) / the ID number already belongs to account \(other)"))
            }
            owner[row.fields.idNumber] = row.fields.accountNo
        }
        guard issues.isEmpty else { throw AccountCSV.badCSV(issues.sorted { $0.line < $1.line }, path: path) }

        let credentials = hashPINs(rows.map(\.pin), hasher: hasher, progress: progress)
        let now = Date()
        return try database.write { db -> ImportSummary in
            if onlyIfEmpty, try Account.fetchCount(db) > 0 {
                // Another process seeded the database while the PINs were hashed.
                return ImportSummary(rows: rows.count, inserted: 0, updated: 0, warnings: [])
            }
            var inserted = 0, updated = 0
            for (row, credential) in zip(rows, credentials) {
                let f = row.fields
                let old = try Account.fetchOne(db, key: f.accountNo)
                guard let hash = credential?.hash ?? old?.pinHash, let salt = credential?.salt ?? old?.pinSalt,
                      let iterations = credential?.iterations ?? old?.pinIterations
                else { continue }  // excluded above: a new member without a PIN
                let account = Account(
                    accountNo: f.accountNo, idNumber: f.idNumber, name: f.name, phone: f.phone, birth: f.birth,
                    gender: f.gender, status: f.status, balance: f.balance, monthlyDeposit: f.monthlyDeposit,
                    depositBase: f.depositBase, continuousMonths: f.continuousMonths, lastDeposit: f.lastDeposit,
                    sealedSince: f.sealedSince, homesOwned: f.homesOwned, children: f.children, married: f.married,
                    loansUsed: f.loansUsed, loanOutstanding: f.loanOutstanding, loanMonthlyPayment: f.loanMonthlyPayment,
                    overdue: f.overdue, pinHash: hash, pinSalt: salt, pinIterations: iterations,
                    failedAttempts: old?.failedAttempts ?? 0, lockedUntil: old?.lockedUntil, updatedAt: now)
                if old == nil {
                    try account.insert(db)
                    inserted += 1
                } else {
                    try account.update(db)
                    updated += 1
                }
            }
            var audit = AuditEntry(time: now, actor: actor, action: .import, subject: path ?? "-", count: rows.count,
                                   detail: "新增 \(inserted)，更新 \(updated) / \(inserted) new, \(updated) updated")
            try audit.insert(db)
            return ImportSummary(rows: rows.count, inserted: inserted, updated: updated, warnings: parsed.warnings)
        }
    }

    /// Hashes the given PINs on all cores, in chunks, reporting progress between chunks.
    private static func hashPINs(_ pins: [String?], hasher: PINHasher,
                                 progress: (ImportProgress) -> Void) -> [(hash: Data, salt: Data, iterations: Int)?] {
        typealias Credential = (hash: Data, salt: Data, iterations: Int)
        let results = Mutex<[Credential?]>(Array(repeating: nil, count: pins.count))
        let total = pins.count
        let chunk = max(16, ProcessInfo.processInfo.activeProcessorCount * 8)
        var start = 0
        progress(ImportProgress(processed: 0, total: total))
        while start < total {
            let end = min(total, start + chunk)
            let base = start
            DispatchQueue.concurrentPerform(iterations: end - start) { offset in
                let index = base + offset
                guard let pin = pins[index] else { return }
                let credential = hasher.makeCredential(pin: pin)
                results.withLock { $0[index] = credential }
            }
            start = end
            progress(ImportProgress(processed: end, total: total))
        }
        return results.withLock { $0 }
    }
}
