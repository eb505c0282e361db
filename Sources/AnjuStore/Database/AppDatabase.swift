import Foundation
import GRDB

/// The SQLite database: one `DatabaseWriter`, its schema, and the translation of SQLite
/// failures into `StoreError`s that name the file and say what to do.
///
/// A file database is a `DatabaseQueue` in WAL mode: one connection serialises this
/// process's reads and writes (each takes microseconds; the slow PIN hashing happens
/// outside it), while WAL lets another process — `anju accounts import` next to a running
/// server — read and write beside it. A short busy timeout turns a lock held too long by
/// another program into a `.databaseLocked` error instead of a hang.
struct AppDatabase: Sendable {
    /// The connection.
    let writer: any DatabaseWriter
    /// The file, or `:memory:`.
    let path: String
    /// The busy timeout the connection was opened with, in milliseconds.
    let configuredBusyMilliseconds: Int

    /// Opens (creating if needed) the database at `path` and migrates it.
    init(path: String, busyTimeout: TimeInterval) throws(StoreError) {
        self.path = path
        self.configuredBusyMilliseconds = max(1, Int(busyTimeout * 1000))
        try AppDatabase.createDirectory(for: path)
        try AppDatabase.createPrivateFile(at: path)
        var configuration = AppDatabase.configuration(busyTimeout: busyTimeout)
        configuration.journalMode = .wal
        // In WAL mode NORMAL keeps every commit across a crash of the process (only a power
        // loss can drop the last ones) without an fsync per conversation turn: FULL capped
        // `ask` at ~1.6k turns/s on this machine.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            writer = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw AppDatabase.storeError(error, path: path)
        }
        try migrate()
    }

    /// A private in-memory database (tests).
    init(inMemoryLabel label: String) throws(StoreError) {
        path = ":memory:"
        configuredBusyMilliseconds = 1000
        do {
            writer = try DatabaseQueue(named: nil, configuration: AppDatabase.configuration(busyTimeout: 1))
        } catch {
            throw AppDatabase.storeError(error, path: path)
        }
        try migrate()
    }

    private static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var configuration = Configuration()
        configuration.label = "anju.store"
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        return configuration
    }

    /// Creates the folders above `path`; a failure names the folder.
    private static func createDirectory(for path: String) throws(StoreError) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError(.cannotOpen, """
                    无法打开数据库：\(directory.path) 不是目录。请用 --db 指定其他位置。 / \
                    cannot open the database: \(directory.path) is not a directory; choose another place with --db.
                    """, path: path)
            }
            return
        }
        do {
            // Member data: folders we create are the owner's only (0700).
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(.cannotOpen, """
                无法创建数据库目录 \(directory.path)：请检查权限，或用 --db 指定可写的位置。 / \
                cannot create the database directory \(directory.path): check its permissions or choose a writable place with --db.
                """, path: path)
        }
    }

    /// Creates `path` empty with mode 0600 when it does not exist, before SQLite opens it:
    /// SQLite gives the `-wal` and `-shm` files the mode of the database file, so all three
    /// are the owner's only. An existing file keeps its mode (the owner chose it).
    static func createPrivateFile(at path: String) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            // The umask may have taken bits away, never added any; make it exactly 0600.
            fchmod(fd, 0o600)
            close(fd)
            return
        }
        if errno == EEXIST { return }
        throw StoreError(.cannotOpen, """
            无法创建数据库文件 \(path)：请检查目录权限，或用 --db 指定可写的位置。 / \
            cannot create the database file \(path): check the directory's permissions or choose a writable place with --db.
            """, path: path)
    }

    // MARK: - Schema

    /// The schema, one migration per change; names are plain strings, never Swift types,
    /// so renaming a type never changes the schema.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: accounts and conversation log") { db in
            try db.create(table: "account") { t in
                t.primaryKey("account_no", .text)
                t.column("id_number", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("phone", .text).notNull()
                t.column("birth", .text).notNull()
                t.column("gender", .text).notNull().check(sql: "gender IN ('male', 'female')")
                t.column("status", .text).notNull().check(sql: "status IN ('normal', 'sealed', 'closed')")
                t.column("balance", .double).notNull()
                t.column("monthly_deposit", .double).notNull()
                t.column("deposit_base", .double).notNull()
                t.column("continuous_months", .integer).notNull()
                t.column("last_deposit", .text)
                t.column("sealed_since", .text)
                t.column("homes_owned", .integer).notNull()
                t.column("children", .integer).notNull()
                t.column("married", .boolean).notNull()
                t.column("loans_used", .integer).notNull()
                t.column("loan_outstanding", .double).notNull()
                t.column("loan_monthly_payment", .double).notNull()
                t.column("overdue", .boolean).notNull()
                t.column("pin_hash", .blob).notNull()
                t.column("pin_salt", .blob).notNull()
                t.column("pin_iterations", .integer).notNull()
                t.column("failed_attempts", .integer).notNull().defaults(to: 0)
                t.column("locked_until", .datetime)
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "turn") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("session", .text).notNull()
                t.column("time", .datetime).notNull().indexed()
                t.column("channel", .text).notNull()
                t.column("text", .text).notNull()
                t.column("intent", .text).notNull()
                t.column("confidence", .double).notNull()
                t.column("reply", .text).notNull()
                t.column("pin_turn", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v2: staff audit trail") { db in
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .datetime).notNull().indexed()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("count", .integer).notNull()
                t.column("detail", .text).notNull()
            }
        }
        return migrator
    }

    private func migrate() throws(StoreError) {
        let migrator = AppDatabase.migrator
        do {
            let (superseded, complete) = try writer.read { db in
                (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
            }
            if superseded {
                throw StoreError(.newerSchema, """
                    数据库文件 \(path) 由更新版本的 anju 创建，本版本无法使用。请升级 anju，或用 --db 指定其他文件。 / \
                    the database \(path) was written by a newer anju: upgrade, or choose another file with --db.
                    """, path: path)
            }
            // An up-to-date schema is left alone: no write lock taken on every start.
            if !complete { try migrator.migrate(writer) }
        } catch {
            throw AppDatabase.storeError(error, path: path)
        }
    }

    // MARK: - Access

    /// Runs `body` in a read transaction, translating errors.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw AppDatabase.storeError(error, path: path)
        }
    }

    /// Runs `body` in an immediate write transaction: all of it is written or none.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw AppDatabase.storeError(error, path: path)
        }
    }

    /// Runs `body` outside any transaction with the connection's busy timeout set to
    /// `busyTimeout` for its duration (then back to the configured one): verification
    /// waits at most a moment for another program's lock. `body` opens its own
    /// transactions. SQLITE_BUSY becomes `.storeUnavailable`.
    func withShortBusyTimeout<T>(_ busyTimeout: TimeInterval, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                let milliseconds = max(1, Int(busyTimeout * 1000))
                try db.execute(sql: "PRAGMA busy_timeout = \(milliseconds)")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(configuredBusyMilliseconds)") }
                return try body(db)
            }
        } catch {
            let translated = AppDatabase.storeError(error, path: path)
            guard translated.code == .databaseLocked else { throw translated }
            throw StoreError(.storeUnavailable, """
                会员数据库 \(path) 正被其他程序锁定，暂时无法核验身份，请稍后再试。 / \
                the member database \(path) is locked by another program: verification is unavailable for a moment, try again shortly.
                """, path: path)
        }
    }

    /// Runs `body` while another connection holds an exclusive lock on the database at
    /// `path` — what another program writing to the file looks like. For tests.
    static func withExclusiveLock<T>(onDatabaseAt path: String, _ body: () throws -> T) throws -> T {
        let other = try DatabaseQueue(path: path)
        return try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            defer { try? db.execute(sql: "ROLLBACK") }
            return try body()
        }
    }

    // MARK: - Errors

    /// Maps any error of an access to the store's errors.
    static func storeError(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return StoreError(.io, "数据库 \(path) 出错：\(error) / database error", path: path)
        }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.databaseLocked, """
                数据库文件 \(path) 正被其他程序锁定（如另一个 anju 正在导入）。请稍后重试，或结束占用它的程序。 / \
                the database \(path) is locked by another program (another anju importing?): try again shortly, or stop that program.
                """, path: path)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(.readOnly, """
                数据库文件 \(path) 或其所在目录只读，无法写入。请授予写权限（如 chmod u+w），或用 --db 指定可写的文件。 / \
                the database \(path) (or its directory) is read-only: make it writable (e.g. chmod u+w) or choose another file with --db.
                """, path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(.corrupt, """
                数据库文件 \(path) 已损坏或不是 SQLite 数据库。请从备份恢复；或将它移走后重新运行，anju 会新建数据库（载入演示数据）。 / \
                the database \(path) is damaged or not a SQLite database: restore it from a backup, or move it aside and run again to create a new one.
                """, path: path)
        case .SQLITE_CANTOPEN:
            return StoreError(.cannotOpen, """
                无法打开数据库文件 \(path)：请检查文件和目录是否存在、是否有权限，或用 --db 指定其他位置。 / \
                cannot open the database \(path): check that it and its directory exist and are accessible, or choose another place with --db.
                """, path: path)
        case .SQLITE_IOERR, .SQLITE_FULL:
            return StoreError(.io, """
                读写数据库文件 \(path) 时出错（\(detail)）：请检查磁盘空间和磁盘状态后重试。 / \
                a disk error on the database \(path) (\(detail)): check free space and the disk, then try again.
                """, path: path)
        default:
            return StoreError(.database, "数据库 \(path) 出错：\(detail) / database error: \(detail)", path: path)
        }
    }
}
