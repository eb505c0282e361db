import AnjuApp
import AnjuData
import AnjuStore
import ArgumentParser
import Foundation

/// `anju accounts`: staff commands over the member database.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Import and inspect member accounts. / 导入和查看会员账户。",
        discussion: """
        The member store is a SQLite file (--store PATH, or by default \
        $XDG_DATA_HOME/anju/anju.sqlite, else ~/.local/share/anju/anju.sqlite, created on first \
        use) or a PostgreSQL database (--store postgres://user@host/db). 会员数据库默认位于 ~/.local/share/anju/anju.sqlite，首次使用时自动创建。
        """,
        subcommands: [Import.self, Show.self, Unlock.self, Audit.self, Backup.self])

    /// `anju accounts import FILE.csv`
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import members from an account CSV, all rows or none. / 从 CSV 导入会员（全部成功才写入）。",
            discussion: """
            The CSV has a header row naming policy.md's columns, in any order: account_no, id_number, \
            name, phone, pin, birth, gender, status, balance, monthly_deposit, deposit_base, \
            continuous_months, last_deposit, sealed_since, homes_owned, children, married, loans_used, \
            loan_outstanding, loan_monthly_payment, overdue. A member whose account_no exists is \
            updated (an empty pin keeps the PIN). A bad value is reported by line and column and \
            nothing of the file is written. PINs are stored only as salted PBKDF2 hashes.
            Importing never loads the demo members.
            Example: anju accounts import Corpus/demo/accounts.csv
            """)

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @Argument(help: ArgumentHelp("The CSV file (UTF-8). / CSV 文件（UTF-8 编码）。", valueName: "file.csv"))
        var file: String
        @Flag(help: "No progress line. / 不显示进度。") var quiet = false
        @OptionGroup var actorOptions: ActorOptions

        func run() async throws {
            // A bad file is refused before any database file is created.
            let url = URL(fileURLWithPath: file)
            if let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) {
                do {
                    try AccountStore.validateCSV(text: text, path: url.path)
                } catch {
                    throw CLIError(error.message)
                }
            }
            let location = databaseOptions.location
            let existed: Bool
            if case .sqlite(let path) = location { existed = FileManager.default.fileExists(atPath: path) } else { existed = true }
            let store = try await databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
            let progress = ProgressLine(label: "导入 / importing", enabled: !quiet)
            let summary: AccountStore.ImportSummary
            do {
                let text = try AccountStore.readCSV(contentsOf: url)
                summary = try await store.importCSV(text: text, path: url.path, actor: actorOptions.actor) { progress.update($0) }
            } catch {
                progress.finish()
                if !existed, case .sqlite(let path) = location {
                    // Nothing was imported: leave no empty database behind.
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                }
                throw CLIError(error.message)
            }
            progress.finish()
            for warning in summary.warnings.prefix(50) {
                StandardError.write("提示 / warning: \(file): \(warning)")
            }
            if summary.warnings.count > 50 {
                StandardError.write("…另有 \(summary.warnings.count - 50) 条提示 / and \(summary.warnings.count - 50) more warnings")
            }
            print("已导入 \(summary.rows) 行：新增 \(summary.inserted)，更新 \(summary.updated)。 / imported \(summary.rows) rows: \(summary.inserted) new, \(summary.updated) updated. (\(store.location))")
        }
    }

    /// `anju accounts show ACCOUNT_NO`
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one member's record for staff, ID and phone masked. / 查看会员资料（证件号、手机号脱敏）。",
            discussion: "Never loads demo members. Example: anju accounts show 330900100001")

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var demoOptions: DemoOptions
        @Argument(help: ArgumentHelp("The account number (an 18-character ID number also works). / 账号（也可输入身份证号）。",
                                     valueName: "account-no"))
        var accountNo: String

        func run() async throws {
            let store = try await databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
            var account: Account?
            do {
                account = try await store.account(number: accountNo)
                if account == nil, let sqlite = store as? AccountStore { account = try sqlite.account(idNumber: accountNo) }
            } catch {
                throw CLIError(error.message)
            }
            guard let account else {
                throw CLIError("没有账号为 \(Redactor.mask(accountNo)) 的会员（\(store.location)）。 / no member with account number \(Redactor.mask(accountNo)).")
            }
            for field in account.staffFields() {
                print("\(field.label)：\(field.value)")
            }
        }
    }

    /// `anju accounts unlock ACCOUNT_NO`
    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlock",
            abstract: "End a member's lock-out after five wrong PINs. / 解除会员的查询锁定。",
            discussion: """
            Check the member's identity first. 请先核实会员身份。 Writes an audit row (who, when).             Exit status: 0 unlocked (or failed tries cleared), 3 nothing was locked, 1 error. Never loads demo members.
            Example: anju accounts unlock 330900100001 --actor clerk07
            """)

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var demoOptions: DemoOptions
        @OptionGroup var actorOptions: ActorOptions
        @Argument(help: ArgumentHelp("The account number. / 账号。", valueName: "account-no"))
        var accountNo: String

        func run() async throws {
            let store = try await databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
            let result: AccountStore.UnlockResult
            do {
                result = try await store.unlock(accountNo: accountNo, actor: actorOptions.actor, now: Date())
            } catch {
                throw CLIError(error.message)
            }
            if result.wasLocked {
                print("已解除账号 \(accountNo) 的锁定。 / account \(accountNo) unlocked.")
            } else if result.clearedAttempts > 0 {
                print("账号 \(accountNo) 未被锁定；已清除 \(result.clearedAttempts) 次失败记录。 / account \(accountNo) was not locked; \(result.clearedAttempts) failed tries cleared.")
            } else {
                print("账号 \(accountNo) 未被锁定，无需解除。 / account \(accountNo) was not locked: nothing to do.")
                throw ExitCode(3)
            }
        }
    }

    /// `anju accounts audit`
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "List staff actions: imports, unlocks, purges, backups. / 查看操作审计记录。",
            discussion: "Newest first. Example: anju accounts audit --limit 20")

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Rows to show. / 显示条数。") var limit = 50

        func run() async throws {
            let store = try await databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
            let entries: [AuditEntry]
            do {
                entries = try await store.auditEntries(limit: limit)
            } catch {
                throw CLIError(error.message)
            }
            if entries.isEmpty { print("没有审计记录。 / no audit rows.") }
            let format = ISO8601DateFormatter()
            for entry in entries {
                print("\(format.string(from: entry.time))\t\(entry.actor)\t\(entry.action)\t\(entry.subject)\t\(entry.count)\t\(entry.detail)")
            }
        }
    }

    /// `anju accounts backup FILE`
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the member database with SQLite's online backup. / 在线备份会员数据库。",
            discussion: """
            Safe while the server runs (a plain copy of a WAL database is not). The file is created             with mode 0600 and must not exist. Writes an audit row. Example: anju accounts backup /backup/anju-2026-11-22.sqlite
            """)

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var actorOptions: ActorOptions
        @Argument(help: ArgumentHelp("The backup file to create. / 备份文件。", valueName: "file")) var file: String

        func run() async throws {
            let store = try databaseOptions.openSQLite()
            let target = URL(fileURLWithPath: (file as NSString).expandingTildeInPath).standardizedFileURL.path
            do {
                try store.backup(to: target, actor: actorOptions.actor)
            } catch {
                throw CLIError(error.message)
            }
            print("已备份到 \(target)。 / backed up to \(target).")
        }
    }
}

/// `--actor`: who is recorded in the audit table.
struct ActorOptions: ParsableArguments {
    @Option(name: .customLong("actor"), help: ArgumentHelp(
        "Who to record in the audit table (default: $USER). / 审计记录中的操作人（默认 $USER）。", valueName: "name"))
    var actorName: String?

    var actor: String {
        if let actorName, !actorName.isEmpty { return actorName }
        return AuditEntry.defaultActor()
    }
}

/// Where the member database is. Every command that touches member data takes it
/// (the REPL and the server too: add `@OptionGroup var databaseOptions: DatabaseOptions`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: [.customLong("store"), .customLong("db")], help: ArgumentHelp(
        "The member store: a SQLite file (created when missing) or postgres://user@host/db (env ANJU_STORE, or ANJU_DB; --db is the same option). Default: $XDG_DATA_HOME/anju/anju.sqlite, else ~/.local/share/anju/anju.sqlite. / 会员数据库（SQLite 文件或 postgres:// 地址）。",
        valueName: "url|path"))
    var store: String?

    @Flag(name: .customLong("demo"), help: ArgumentHelp(
        "Load the demo members into an empty store given with --store (the default database gets them anyway). / 向 --store 指定的空数据库载入演示会员。"))
    var demo = false

    /// `--store`/`--db`, else `$ANJU_STORE`, else `$ANJU_DB`; nil: the default file.
    var given: String? {
        let env = ProcessInfo.processInfo.environment
        return store ?? [env["ANJU_STORE"], env["ANJU_DB"]].lazy.compactMap { $0 }.first { !$0.isEmpty }
    }

    /// Where the store is.
    var location: StoreLocation { given.map(StoreLocation.init(parsing:)) ?? .defaultSQLite }

    /// The SQLite file, or the store's description for PostgreSQL (in messages).
    var path: String {
        if case .sqlite(let path) = location { return path }
        return location.description
    }

    /// What an empty store gets: demo members go only into the default database, or into a
    /// `--store` given with an explicit `--demo`, so a production store never gets them by
    /// accident (from the data bundle's `Corpus/demo/accounts.csv`, else the embedded one).
    func seed(bundle: DataBundle, seedDemo: Bool) -> AccountStore.Seed {
        guard seedDemo, given == nil || demo else { return .none }
        return bundle.text(AccountStore.demoAccountsPath).map { .csv($0) } ?? .demo
    }

    /// Opens the store (through the composition root), loading the demo members into an
    /// empty one when `seedDemo` (see `seed`). Says on standard error when it does, since
    /// hashing the demo PINs takes a few seconds.
    func openStore(bundle: DataBundle, seedDemo: Bool) async throws -> any MemberStore {
        let announce = SeedAnnouncement(path: location.description)
        do {
            let store = try await AnjuApp.openMemberStore(location, seed: seed(bundle: bundle, seedDemo: seedDemo),
                                                          progress: announce.update)
            announce.finish()
            return store
        } catch {
            announce.finish()
            throw CLIError(error.message)
        }
    }

    /// The SQLite store, for what only SQLite does (online backup); a clear error for PostgreSQL.
    func openSQLite() throws -> AccountStore {
        guard case .sqlite(let path) = location else {
            throw CLIError("该命令仅适用于 SQLite 数据库；PostgreSQL 请使用 pg_dump。 / this command is for a SQLite store only; use pg_dump for PostgreSQL.")
        }
        do {
            return try AccountStore(path: path)
        } catch {
            throw CLIError(error.message)
        }
    }
}

/// Says once, on standard error, that a new store is being filled with the demo members,
/// then shows the progress. Called from the one thread the import runs on.
final class SeedAnnouncement: @unchecked Sendable {
    private let path: String
    private let line = ProgressLine(label: "载入演示会员 / loading demo members", enabled: true)
    private var announced = false

    init(path: String) { self.path = path }

    func update(_ progress: AccountStore.ImportProgress) {
        if !announced {
            announced = true
            StandardError.write("首次使用：正在建立会员数据库 \(path)，载入演示会员… / first use: creating \(path) with the demo members…")
        }
        line.update(progress)
    }

    func finish() { line.finish() }
}

/// `--no-demo`: accepted for compatibility by commands that used to seed; they never do now.
struct DemoOptions: ParsableArguments {
    @Flag(name: .customLong("no-demo"), help: ArgumentHelp(
        "Ignored: this command never loads demo members. / 已无作用：本命令从不载入演示会员。", visibility: .hidden))
    var noDemo = false

    /// Whether an empty database gets the demo members.
    var seed: Bool { !noDemo }
}

/// A one-line progress report on standard error for long imports: rewritten in place on
/// a terminal, a line per tenth otherwise. Silent for small jobs. Used from one thread at a
/// time (the import's).
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let terminal = isatty(STDERR_FILENO) == 1
    private var lastTenth = -1
    private var shown = false

    /// Jobs smaller than this finish too fast to need a progress line.
    static let minimumRows = 200

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    func update(_ progress: AccountStore.ImportProgress) {
        guard enabled, progress.total >= ProgressLine.minimumRows else { return }
        let percent = progress.total == 0 ? 100 : progress.processed * 100 / progress.total
        let text = "\(label): \(progress.processed)/\(progress.total) (\(percent)%)"
        if terminal {
            FileHandle.standardError.write(Data(("\r" + text).utf8))
            shown = true
        } else if percent / 10 != lastTenth {
            lastTenth = percent / 10
            StandardError.write(text)
        }
    }

    /// Ends the in-place line.
    func finish() {
        if shown {
            FileHandle.standardError.write(Data("\n".utf8))
            shown = false
        }
    }
}
