import AnjuData
import AnjuStore
import ArgumentParser
import Foundation

/// `anju accounts`: staff commands over the member database.
struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Import and inspect member accounts. / 导入和查看会员账户。",
        discussion: """
        The member database is a SQLite file: --db PATH, or by default \
        $XDG_DATA_HOME/anju/anju.sqlite (else ~/.local/share/anju/anju.sqlite), created on first \
        use. 会员数据库默认位于 ~/.local/share/anju/anju.sqlite，首次使用时自动创建。
        """,
        subcommands: [Import.self, Show.self, Unlock.self, Audit.self, Backup.self])

    /// `anju accounts import FILE.csv`
    struct Import: ParsableCommand {
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

        func run() throws {
            // A bad file is refused before any database file is created.
            let url = URL(fileURLWithPath: file)
            if let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) {
                do {
                    try AccountStore.validateCSV(text: text, path: url.path)
                } catch {
                    throw CLIError(error.message)
                }
            }
            let path = databaseOptions.path
            let existed = FileManager.default.fileExists(atPath: path)
            let store = try databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
            let progress = ProgressLine(label: "导入 / importing", enabled: !quiet)
            let summary: AccountStore.ImportSummary
            do {
                summary = try store.importCSV(contentsOf: url, actor: actorOptions.actor) { progress.update($0) }
            } catch {
                progress.finish()
                if !existed {
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
            print("已导入 \(summary.rows) 行：新增 \(summary.inserted)，更新 \(summary.updated)。 / imported \(summary.rows) rows: \(summary.inserted) new, \(summary.updated) updated. (\(store.path))")
        }
    }

    /// `anju accounts show ACCOUNT_NO`
    struct Show: ParsableCommand {
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

        func run() throws {
            let store = try databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
            var account: Account?
            do {
                account = try store.account(number: accountNo)
                if account == nil { account = try store.account(idNumber: accountNo) }
            } catch {
                throw CLIError(error.message)
            }
            guard let account else {
                throw CLIError("没有账号为 \(Redactor.mask(accountNo)) 的会员（\(store.path)）。 / no member with account number \(Redactor.mask(accountNo)).")
            }
            for field in account.staffFields() {
                print("\(field.label)：\(field.value)")
            }
        }
    }

    /// `anju accounts unlock ACCOUNT_NO`
    struct Unlock: ParsableCommand {
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

        func run() throws {
            let store = try databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
            let result: AccountStore.UnlockResult
            do {
                result = try store.unlock(accountNo: accountNo, actor: actorOptions.actor)
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
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "List staff actions: imports, unlocks, purges, backups. / 查看操作审计记录。",
            discussion: "Newest first. Example: anju accounts audit --limit 20")

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Rows to show. / 显示条数。") var limit = 50

        func run() throws {
            let store = try databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
            let entries: [AuditEntry]
            do {
                entries = try store.auditEntries(limit: limit)
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
    struct Backup: ParsableCommand {
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

        func run() throws {
            let store = try databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
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
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The member database file (SQLite; created when missing; env ANJU_DB). Default: $XDG_DATA_HOME/anju/anju.sqlite, else ~/.local/share/anju/anju.sqlite. / 会员数据库文件。",
        valueName: "path"))
    var db: String?

    @Flag(name: .customLong("demo"), help: ArgumentHelp(
        "Load the demo members into an empty database given with --db (the default database gets them anyway). / 向 --db 指定的空数据库载入演示会员。"))
    var demo = false

    /// The file to use: `--db`, else `$ANJU_DB`, else the XDG default.
    var path: String {
        guard let db = db ?? ProcessInfo.processInfo.environment["ANJU_DB"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return AccountStore.defaultPath()
        }
        return URL(fileURLWithPath: (db as NSString).expandingTildeInPath).standardizedFileURL.path
    }

    /// Opens the store, loading the demo members into an empty database when `seedDemo`
    /// (from the data bundle's `Corpus/demo/accounts.csv`, else the embedded one). Says on
    /// standard error when it does, since hashing the demo PINs takes a few seconds.
    ///
    /// Demo members go only into the default database, or into a `--db` file with an
    /// explicit `--demo`: a production file named with `--db` never gets them by accident.
    func openStore(bundle: DataBundle, seedDemo: Bool) throws -> AccountStore {
        let path = self.path
        var seed = AccountStore.Seed.none
        if seedDemo, db == nil || demo {
            seed = bundle.text(AccountStore.demoAccountsPath).map { .csv($0) } ?? .demo
        }
        let announce = ProgressLine(label: "载入演示会员 / loading demo members", enabled: true)
        var announced = false
        do {
            let store = try AccountStore(path: path, seed: seed) { progress in
                if !announced {
                    announced = true
                    StandardError.write("首次使用：正在建立会员数据库 \(path)，载入演示会员… / first use: creating \(path) with the demo members…")
                }
                announce.update(progress)
            }
            announce.finish()
            return store
        } catch {
            announce.finish()
            throw CLIError(error.message)
        }
    }
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
/// a terminal, a line per tenth otherwise. Silent for small jobs.
final class ProgressLine {
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
