import AnjuStore
import Dispatch
import Foundation
import PostgresNIO
import Synchronization

extension PostgresMemberStore {
    /// Imports an account CSV exactly as `AccountStore.importCSV` does (same checks, same
    /// warnings, all rows or none, failed tries and lock-outs kept, an empty `pin` keeps the
    /// stored PIN), in one transaction with its audit row.
    public func importCSV(text: String, path: String?, actor: String,
                          progress: @Sendable (AccountStore.ImportProgress) -> Void) async throws(StoreError) -> AccountStore.ImportSummary {
        try await importRows(text: text, path: path, actor: actor, onlyIfEmpty: false, progress: progress)
    }

    /// Key of the advisory lock that serialises imports (and the seeding of an empty table).
    static let importLockKey = 0x616E_6A76

    func importRows(text: String, path: String?, actor: String, onlyIfEmpty: Bool,
                    progress: @Sendable (AccountStore.ImportProgress) -> Void) async throws(StoreError) -> AccountStore.ImportSummary {
        let (rows, warnings) = try EngineSupport.parseCSV(text, path: path)

        // Rows without a PIN must be updates; ID numbers must stay unique across the table.
        let existing: [String: String] = try await database.run { client in
            var map: [String: String] = [:]
            for try await (accountNo, idNumber) in try await client.query(
                "SELECT account_no, id_number FROM account").decode((String, String).self) {
                map[accountNo] = idNumber
            }
            return map
        }
        var issues: [ImportIssue] = []
        var owner: [String: String] = [:]  // id_number → account_no after the import
        for (accountNo, idNumber) in existing { owner[idNumber] = accountNo }
        let fileAccounts = Set(rows.map(\.accountNo))
        for (idNumber, accountNo) in owner where fileAccounts.contains(accountNo) { owner[idNumber] = nil }
        for row in rows {
            if row.pin == nil, existing[row.accountNo] == nil {
                issues.append(ImportIssue(line: row.line, column: "pin",
                    message: "新会员必须设置6位查询密码 / a new member needs a 6-digit PIN"))
            }
            if let other = owner[row.idNumber], other != row.accountNo {
                issues.append(ImportIssue(line: row.line, column: "id_number",
                    message: "该身份证号码已属于账号 \(other) / the ID number already belongs to account \(other)"))
            }
            owner[row.idNumber] = row.accountNo
        }
        guard issues.isEmpty else { throw EngineSupport.badCSV(issues.sorted { $0.line < $1.line }, path: path) }

        let credentials = Self.hashPINs(rows.map(\.pin), iterations: options.pinIterations, progress: progress)
        let now = Date()
        let subject = path ?? "-"
        let timeout = database.operationTimeout + .seconds(max(10, rows.count / 100))
        return try await database.transaction(timeout: timeout) { connection in
            let logger = database.logger
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.importLockKey))", logger: logger)
            if onlyIfEmpty {
                for try await count in try await connection.query("SELECT count(*) FROM account", logger: logger).decode(Int.self)
                where count > 0 {
                    // Another instance seeded the table while the PINs were hashed.
                    return EngineSupport.importSummary(rows: rows.count, inserted: 0, updated: 0, warnings: [])
                }
            }
            var inserted = 0, updated = 0
            for (row, credential) in zip(rows, credentials) {
                if let credential {
                    let a = row.makeAccount(credential.hash, credential.salt, credential.iterations, 0, nil, now)
                    let result = try await connection.query("""
                        INSERT INTO account (\(unescaped: Self.accountColumns))
                        VALUES (\(a.accountNo), \(a.idNumber), \(a.name), \(a.phone), \(a.birth), \(a.gender.rawValue),
                                \(a.status.rawValue), \(a.balance), \(a.monthlyDeposit), \(a.depositBase), \(a.continuousMonths),
                                \(a.lastDeposit), \(a.sealedSince), \(a.homesOwned), \(a.children), \(a.married), \(a.loansUsed),
                                \(a.loanOutstanding), \(a.loanMonthlyPayment), \(a.overdue), \(credential.hash), \(credential.salt),
                                \(credential.iterations), 0, NULL, \(now))
                        ON CONFLICT (account_no) DO UPDATE SET
                            id_number = EXCLUDED.id_number, name = EXCLUDED.name, phone = EXCLUDED.phone,
                            birth = EXCLUDED.birth, gender = EXCLUDED.gender, status = EXCLUDED.status,
                            balance = EXCLUDED.balance, monthly_deposit = EXCLUDED.monthly_deposit,
                            deposit_base = EXCLUDED.deposit_base, continuous_months = EXCLUDED.continuous_months,
                            last_deposit = EXCLUDED.last_deposit, sealed_since = EXCLUDED.sealed_since,
                            homes_owned = EXCLUDED.homes_owned, children = EXCLUDED.children, married = EXCLUDED.married,
                            loans_used = EXCLUDED.loans_used, loan_outstanding = EXCLUDED.loan_outstanding,
                            loan_monthly_payment = EXCLUDED.loan_monthly_payment, overdue = EXCLUDED.overdue,
                            pin_hash = EXCLUDED.pin_hash, pin_salt = EXCLUDED.pin_salt,
                            pin_iterations = EXCLUDED.pin_iterations, updated_at = EXCLUDED.updated_at
                        RETURNING (xmax = 0) AS inserted
                        """, logger: logger).decode(Bool.self)
                    for try await isNew in result {
                        if isNew { inserted += 1 } else { updated += 1 }
                    }
                } else {
                    // No PIN in the file: an existing member whose PIN is kept.
                    let a = row.makeAccount(Data(), Data(), 0, 0, nil, now)
                    let result = try await connection.query("""
                        UPDATE account SET
                            id_number = \(a.idNumber), name = \(a.name), phone = \(a.phone), birth = \(a.birth),
                            gender = \(a.gender.rawValue), status = \(a.status.rawValue), balance = \(a.balance),
                            monthly_deposit = \(a.monthlyDeposit), deposit_base = \(a.depositBase),
                            continuous_months = \(a.continuousMonths), last_deposit = \(a.lastDeposit),
                            sealed_since = \(a.sealedSince), homes_owned = \(a.homesOwned), children = \(a.children),
                            married = \(a.married), loans_used = \(a.loansUsed), loan_outstanding = \(a.loanOutstanding),
                            loan_monthly_payment = \(a.loanMonthlyPayment), overdue = \(a.overdue), updated_at = \(now)
                        WHERE account_no = \(a.accountNo)
                        RETURNING 1
                        """, logger: logger)
                    var found = false
                    for try await _ in result { found = true }
                    guard found else {
                        throw EngineSupport.badCSV([ImportIssue(line: row.line, column: "pin",
                            message: "新会员必须设置6位查询密码 / a new member needs a 6-digit PIN")], path: path)
                    }
                    updated += 1
                }
            }
            try await Self.insertAudit(connection, logger: logger, time: now, actor: actor, action: .import, subject: subject,
                                       count: rows.count,
                                       detail: "新增 \(inserted)，更新 \(updated) / \(inserted) new, \(updated) updated")
            return EngineSupport.importSummary(rows: rows.count, inserted: inserted, updated: updated, warnings: warnings)
        }
    }

    /// Hashes the given PINs on all cores, in chunks, reporting progress between chunks.
    static func hashPINs(_ pins: [String?], iterations: Int,
                         progress: (AccountStore.ImportProgress) -> Void) -> [(hash: Data, salt: Data, iterations: Int)?] {
        typealias Credential = (hash: Data, salt: Data, iterations: Int)
        let results = Mutex<[Credential?]>(Array(repeating: nil, count: pins.count))
        let total = pins.count
        let chunk = max(16, ProcessInfo.processInfo.activeProcessorCount * 8)
        var start = 0
        progress(EngineSupport.importProgress(processed: 0, total: total))
        while start < total {
            let end = min(total, start + chunk)
            let base = start
            DispatchQueue.concurrentPerform(iterations: end - start) { offset in
                let index = base + offset
                guard let pin = pins[index] else { return }
                let credential = EngineSupport.makeCredential(pin: pin, iterations: iterations)
                results.withLock { $0[index] = credential }
            }
            start = end
            progress(EngineSupport.importProgress(processed: end, total: total))
        }
        return results.withLock { $0 }
    }
}
