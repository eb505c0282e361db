import Foundation
import GRDB

/// What another store engine (the PostgreSQL store in `AnjuPostgres`) shares with the SQLite
/// store, so that both behave the same: the same PIN hashing, CSV checks, masking, records
/// and review grouping. Package-internal: only modules of this package use it.
package enum EngineSupport {
    // MARK: PINs

    /// A new salt and the PBKDF2 hash of `pin` with `iterations` rounds (as `AccountStore`
    /// stores it).
    package static func makeCredential(pin: String, iterations: Int) -> (hash: Data, salt: Data, iterations: Int) {
        PINHasher(iterations: iterations).makeCredential(pin: pin)
    }

    /// Whether `pin` matches a stored hash; constant time in where the bytes differ.
    package static func pinMatches(_ pin: String, salt: Data, iterations: Int, expected: Data) -> Bool {
        PINHasher(iterations: iterations).matches(pin: pin, salt: salt, iterations: iterations, expected: expected)
    }

    /// Burns the time of one verification (an unknown ID number answers as slowly as a
    /// wrong PIN).
    package static func simulateVerification(pin: String, iterations: Int) {
        PINHasher(iterations: iterations).simulateVerification(pin: pin)
    }

    // MARK: Import

    /// One checked CSV row, with the PIN in clear (hash it, never keep it).
    package struct CSVRow: Sendable {
        /// The 1-based line of the row.
        package let line: Int
        /// The account number.
        package let accountNo: String
        /// The normalised ID number.
        package let idNumber: String
        /// The PIN, nil when the cell was empty (keep the stored one).
        package let pin: String?
        /// Builds the account of this row with the given credentials and verification state.
        package let makeAccount: @Sendable (_ hash: Data, _ salt: Data, _ iterations: Int, _ failedAttempts: Int,
                                            _ lockedUntil: Date?, _ updatedAt: Date) -> Account
    }

    /// Parses and checks an account CSV exactly as `AccountStore.importCSV` does; throws
    /// `.badCSV` with every problem.
    package static func parseCSV(_ text: String, path: String?) throws(StoreError) -> (rows: [CSVRow], warnings: [ImportIssue]) {
        let parsed = try AccountCSV.parse(text, path: path)
        let rows = parsed.rows.map { row in
            let f = row.fields
            return CSVRow(line: row.line, accountNo: f.accountNo, idNumber: f.idNumber, pin: row.pin) {
                hash, salt, iterations, failed, lockedUntil, updatedAt in
                Account(
                    accountNo: f.accountNo, idNumber: f.idNumber, name: f.name, phone: f.phone, birth: f.birth,
                    gender: f.gender, status: f.status, balance: f.balance, monthlyDeposit: f.monthlyDeposit,
                    depositBase: f.depositBase, continuousMonths: f.continuousMonths, lastDeposit: f.lastDeposit,
                    sealedSince: f.sealedSince, homesOwned: f.homesOwned, children: f.children, married: f.married,
                    loansUsed: f.loansUsed, loanOutstanding: f.loanOutstanding, loanMonthlyPayment: f.loanMonthlyPayment,
                    overdue: f.overdue, pinHash: hash, pinSalt: salt, pinIterations: iterations,
                    failedAttempts: failed, lockedUntil: lockedUntil, updatedAt: updatedAt)
            }
        }
        return (rows, parsed.warnings)
    }

    /// The `.badCSV` error `AccountStore` throws for these issues.
    package static func badCSV(_ issues: [ImportIssue], path: String?) -> StoreError {
        AccountCSV.badCSV(issues, path: path)
    }

    // MARK: Records

    /// The stored credentials of an account (for writing it elsewhere).
    package static func credentials(of account: Account) -> (hash: Data, salt: Data, iterations: Int) {
        (account.pinHash, account.pinSalt, account.pinIterations)
    }

    /// A column value of another engine's row.
    package enum Value: Sendable {
        case text(String), real(Double), integer(Int), bool(Bool), blob(Data), date(Date), null

        var databaseValue: (any DatabaseValueConvertible)? {
            switch self {
            case .text(let v): v
            case .real(let v): v
            case .integer(let v): v
            case .bool(let v): v
            case .blob(let v): v
            case .date(let v): v
            case .null: nil
            }
        }
    }

    /// An account from its columns, as named in the `account` table.
    package static func account(columns: [String: Value]) throws(StoreError) -> Account {
        do {
            return try Account(row: Row(columns.mapValues(\.databaseValue)))
        } catch {
            throw StoreError(.database, "无法读取会员记录 / an account row could not be read: \(error)")
        }
    }

    /// The masked columns of a turn as the log stores it (`Redactor.mask`, `[PIN]`).
    package static func masked(_ turn: TurnRecord) -> LoggedTurn {
        LoggedTurn(masking: turn)
    }

    /// A logged turn read back, with its row id.
    package static func loggedTurn(id: Int64, session: String, time: Date, channel: String, text: String,
                                   intent: String, confidence: Double, reply: String, pinTurn: Bool) throws(StoreError) -> LoggedTurn {
        do {
            return try LoggedTurn(row: Row([
                "id": id, "session": session, "time": time, "channel": channel, "text": text, "intent": intent,
                "confidence": confidence, "reply": reply, "pin_turn": pinTurn,
            ]))
        } catch {
            throw StoreError(.database, "无法读取对话记录 / a log row could not be read: \(error)")
        }
    }

    /// An audit row read back, with its row id.
    package static func auditEntry(id: Int64, time: Date, actor: String, action: String, subject: String,
                                   count: Int, detail: String) throws(StoreError) -> AuditEntry {
        do {
            return try AuditEntry(row: Row([
                "id": id, "time": time, "actor": actor, "action": action, "subject": subject,
                "count": count, "detail": detail,
            ]))
        } catch {
            throw StoreError(.database, "无法读取审计记录 / an audit row could not be read: \(error)")
        }
    }

    /// The message of an unlock's audit row (as `AccountStore.unlock` writes it).
    package static func unlockDetail(_ result: AccountStore.UnlockResult) -> String {
        result.wasLocked ? "解除锁定 / lock-out ended"
            : result.clearedAttempts > 0 ? "清除 \(result.clearedAttempts) 次失败记录 / cleared \(result.clearedAttempts) failed tries"
            : "未锁定，无需解除 / was not locked"
    }

    /// An unlock's result.
    package static func unlockResult(wasLocked: Bool, clearedAttempts: Int) -> AccountStore.UnlockResult {
        AccountStore.UnlockResult(wasLocked: wasLocked, clearedAttempts: clearedAttempts)
    }

    /// An import's summary.
    package static func importSummary(rows: Int, inserted: Int, updated: Int, warnings: [ImportIssue]) -> AccountStore.ImportSummary {
        AccountStore.ImportSummary(rows: rows, inserted: inserted, updated: updated, warnings: warnings)
    }

    /// Import progress.
    package static func importProgress(processed: Int, total: Int) -> AccountStore.ImportProgress {
        AccountStore.ImportProgress(processed: processed, total: total)
    }

    /// The "no such account" error of `unlock`.
    package static func notFound(_ accountNo: String, location: String) -> StoreError {
        AccountStore.notFound(accountNo, path: location)
    }

    // MARK: Review

    /// The review report of `AccountStore.review` from the period's total and its candidate
    /// turns (not PIN turns; `out_of_scope`, `unclear` or below `lowConfidence`), oldest first.
    package static func reviewReport(since: Date, until: Date, lowConfidence: Double, totalTurns: Int,
                                     candidates: [LoggedTurn], limit: Int) -> ReviewReport {
        var byCategory: [ReviewReport.Category: [LoggedTurn]] = [:]
        for turn in candidates {
            let category: ReviewReport.Category = switch turn.intent {
            case "out_of_scope": .outOfScope
            case "unclear": .unclear
            default: .lowConfidence
            }
            byCategory[category, default: []].append(turn)
        }
        return ReviewReport(
            since: since, until: until, lowConfidenceThreshold: lowConfidence, totalTurns: totalTurns,
            turnCounts: byCategory.mapValues(\.count),
            groups: byCategory.mapValues { ReviewReport.group($0, limit: max(1, limit)) })
    }
}
