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
        subcommands: [Import.self, Show.self, Unlock.self])

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

        func run() throws {
            let store = try databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
            let progress = ProgressLine(label: "导入 / importing", enabled: !quiet)
            let summary: AccountStore.ImportSummary
            do {
                summary = try store.importCSV(contentsOf: URL(fileURLWithPath: file)) { progress.update($0) }
            } catch {
                progress.finish()
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
            discussion: "Example: anju accounts show 330900100001")

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var demoOptions: DemoOptions
        @Argument(help: ArgumentHelp("The account number (an 18-character ID number also works). / 账号（也可输入身份证号）。",
                                     valueName: "account-no"))
        var accountNo: String

        func run() throws {
            let store = try databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: demoOptions.seed)
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
            discussion: "Check the member's identity first. 请先核实会员身份。 Example: anju accounts unlock 330900100001")

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var demoOptions: DemoOptions
        @Argument(help: ArgumentHelp("The account number. / 账号。", valueName: "account-no"))
        var accountNo: String

        func run() throws {
            let store = try databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: demoOptions.seed)
            do {
                try store.unlock(accountNo: accountNo)
            } catch {
                throw CLIError(error.message)
            }
            print("已解除账号 \(accountNo) 的锁定。 / account \(accountNo) unlocked.")
        }
    }
}

/// Where the member database is. Every command that touches member data takes it
/// (the REPL and the server too: add `@OptionGroup var databaseOptions: DatabaseOptions`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The member database file (SQLite; created when missing; env ANJU_DB). Default: $XDG_DATA_HOME/anju/anju.sqlite, else ~/.local/share/anju/anju.sqlite. / 会员数据库文件。",
        valueName: "path"))
    var db: String?

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
    func openStore(bundle: DataBundle, seedDemo: Bool) throws -> AccountStore {
        let path = self.path
        var seed = AccountStore.Seed.none
        if seedDemo {
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

/// `--no-demo`: for commands that may create the database.
struct DemoOptions: ParsableArguments {
    @Flag(name: .customLong("no-demo"), help: ArgumentHelp(
        "Do not load the demo members into an empty database. / 数据库为空时不载入演示会员。"))
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
