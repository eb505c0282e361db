import Foundation

/// The account CSV of policy.md: a header row naming the columns, in any order, then one
/// member per row. `AccountCSV.parse` checks every value and returns the rows, or all the
/// problems found; it touches no database.
///
/// Checks, per column:
/// - `account_no`: 1–32 letters or digits.
/// - `id_number`: a valid 18-character number (`IDNumber`); unique in the file.
/// - `name`: not empty, at most 64 characters.
/// - `phone`: an 11-digit mobile number starting with 1, or empty.
/// - `pin`: exactly 6 digits; may be left empty for a member already in the database
///   (the stored PIN is kept).
/// - `birth`: "YYYY-MM"; `last_deposit`, `sealed_since`: "YYYY-MM" or empty. Months are
///   1–12 and years 1900–2100.
/// - `gender`: `male` | `female`; `status`: `normal` | `sealed` | `closed`.
/// - money (`balance`, `monthly_deposit`, `deposit_base`, `loan_outstanding`,
///   `loan_monthly_payment`): a plain non-negative decimal, at most 2 decimals, below
///   one billion (no thousands separators, no currency sign).
/// - counts: whole numbers: `continuous_months` 0–600, `homes_owned` 0–20, `children`
///   0–10, `loans_used` 0–20.
/// - `married`, `overdue`: `true` | `false` (any case).
///
/// Values are trimmed of surrounding spaces. Unknown, duplicate and missing columns are
/// header errors (line 1). Disagreements between columns that do not stop an import (the
/// birth month or gender differs from the ID number, a sealed account without
/// `sealed_since`) are returned as warnings.
public enum AccountCSV {
    /// A control character (Unicode category Cc, plus the line and paragraph separators
    /// and the byte-order mark) — never part of a name, number or code.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return scalar == "\u{FEFF}"
        }
    }

    /// The columns, in policy.md's order.
    public static let columns = [
        "account_no", "id_number", "name", "phone", "pin", "birth", "gender", "status",
        "balance", "monthly_deposit", "deposit_base", "continuous_months", "last_deposit",
        "sealed_since", "homes_owned", "children", "married", "loans_used", "loan_outstanding",
        "loan_monthly_payment", "overdue",
    ]

    /// A checked row: the account's fields and the PIN in clear (hashed before storing,
    /// never kept).
    struct Row: Sendable {
        let line: Int
        var fields: AccountFields
        /// Nil when the cell was empty (keep the stored PIN).
        let pin: String?
    }

    /// The parsed file.
    struct Parsed: Sendable {
        var rows: [Row]
        var warnings: [ImportIssue]
    }

    /// Parses and checks the whole text; throws `.badCSV` with every issue found.
    static func parse(_ text: String, path: String?) throws(StoreError) -> Parsed {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(text)
        } catch {
            let issue = ImportIssue(line: error.line, column: "-", message: error.message)
            throw badCSV([issue], path: path)
        }
        guard let header = records.first else {
            throw badCSV([ImportIssue(line: 1, column: "-", message: "文件为空，缺少表头行 / the file is empty: a header row is needed")], path: path)
        }
        var index: [String: Int] = [:]
        var issues: [ImportIssue] = []
        for (position, raw) in header.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if !columns.contains(name) {
                issues.append(ImportIssue(line: header.line, column: name.isEmpty ? "#\(position + 1)" : name,
                    message: "未知的列名（列名须为 \(columns.joined(separator: ", "))） / unknown column"))
            } else if index[name] != nil {
                issues.append(ImportIssue(line: header.line, column: name, message: "列名重复 / the column appears twice"))
            } else {
                index[name] = position
            }
        }
        for name in columns where index[name] == nil {
            issues.append(ImportIssue(line: header.line, column: name, message: "缺少这一列 / the column is missing"))
        }
        guard issues.isEmpty else { throw badCSV(issues, path: path) }

        var rows: [Row] = []
        var warnings: [ImportIssue] = []
        var seenAccounts: [String: Int] = [:]
        var seenIDs: [String: Int] = [:]
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                issues.append(ImportIssue(line: record.line, column: "-",
                    message: "本行有 \(record.fields.count) 个字段，表头有 \(header.fields.count) 个 / the row has \(record.fields.count) fields, the header \(header.fields.count)"))
                continue
            }
            var cells = RowCells(line: record.line, fields: record.fields, index: index)
            guard let row = cells.row() else {
                issues.append(contentsOf: cells.issues)
                continue
            }
            warnings.append(contentsOf: cells.warnings)
            if let first = seenAccounts[row.fields.accountNo] {
                issues.append(ImportIssue(line: record.line, column: "account_no",
                    message: "账号 \(row.fields.accountNo) 已出现在第\(first)行 / the account number is already on line \(first)"))
            } else {
                seenAccounts[row.fields.accountNo] = record.line
            }
            if let first = seenIDs[row.fields.idNumber] {
                issues.append(ImportIssue(line: record.line, column: "id_number",
                    message: "身份证号码已出现在第\(first)行 / the ID number is already on line \(first)"))
            } else {
                seenIDs[row.fields.idNumber] = record.line
            }
            rows.append(row)
        }
        guard issues.isEmpty else { throw badCSV(issues, path: path) }
        return Parsed(rows: rows, warnings: warnings)
    }

    /// A `.badCSV` error listing the first 20 issues.
    static func badCSV(_ issues: [ImportIssue], path: String?) -> StoreError {
        let file = path ?? "CSV"
        var lines = ["\(file)：导入失败，没有写入任何数据；请改正后重新导入。 / import failed, nothing was written; correct the file and import it again."]
        for issue in issues.prefix(20) { lines.append("  \(issue)") }
        if issues.count > 20 { lines.append("  …另有 \(issues.count - 20) 处问题 / and \(issues.count - 20) more") }
        return StoreError(.badCSV, lines.joined(separator: "\n"), path: path,
                          line: issues.first?.line, column: issues.first?.column, issues: issues)
    }
}

/// The member columns of an account, without credentials or verification state.
struct AccountFields: Sendable, Hashable {
    var accountNo: String
    var idNumber: String
    var name: String
    var phone: String
    var birth: String
    var gender: Account.Gender
    var status: Account.Status
    var balance: Double
    var monthlyDeposit: Double
    var depositBase: Double
    var continuousMonths: Int
    var lastDeposit: String?
    var sealedSince: String?
    var homesOwned: Int
    var children: Int
    var married: Bool
    var loansUsed: Int
    var loanOutstanding: Double
    var loanMonthlyPayment: Double
    var overdue: Bool
}

/// The checks of one row; collects every problem of the row.
private struct RowCells {
    let line: Int
    let fields: [String]
    let index: [String: Int]
    var issues: [ImportIssue] = []
    var warnings: [ImportIssue] = []

    init(line: Int, fields: [String], index: [String: Int]) {
        self.line = line
        self.fields = fields
        self.index = index
    }

    func raw(_ column: String) -> String {
        fields[index[column]!].trimmingCharacters(in: .whitespaces)
    }

    mutating func fail(_ column: String, _ message: String) {
        issues.append(ImportIssue(line: line, column: column, message: message))
    }

    mutating func row() -> AccountCSV.Row? {
        // Control characters (NUL, escape sequences, line separators) in any column: a NUL
        // would cut the value short in C tools, the others garble what staff see.
        for column in AccountCSV.columns {
            if let scalar = fields[index[column]!].unicodeScalars.first(where: AccountCSV.isControl) {
                let code = String(format: "U+%04X", scalar.value)
                fail(column, "含有控制字符 \(code)，请删除后重新导入 / contains the control character \(code): remove it and import again")
            }
        }
        guard issues.isEmpty else { return nil }
        let accountNo = raw("account_no")
        if accountNo.isEmpty || accountNo.count > 32 || !accountNo.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) {
            fail("account_no", "账号应为1–32位字母或数字，现为 '\(accountNo)' / the account number must be 1–32 letters or digits")
        }

        let idText = raw("id_number")
        var idNumber: IDNumber?
        switch IDNumber.parse(idText) {
        case .success(let number):
            idNumber = number
        case .failure(let problem):
            var message = problem.message
            if problem == .wrongCheckDigit, let expected = IDNumber.checkCharacter(for: String(idText.prefix(17))) {
                message += "（末位应为 \(expected) / the last character should be \(expected)）"
            }
            // Never echo a whole ID number into an error that may be logged.
            fail("id_number", "\(message)：\(Masking.idNumber(idText))")
        }

        let name = raw("name")
        if name.isEmpty || name.count > 64 {
            fail("name", "姓名不能为空，最多64个字符 / the name must be 1–64 characters")
        }

        let phone = raw("phone")
        if !phone.isEmpty {
            let bytes = Array(phone.utf8)
            if !(bytes.count == 11 && bytes[0] == UInt8(ascii: "1") && bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })) {
                fail("phone", "手机号应为以1开头的11位数字或留空：\(Masking.phone(phone)) / the phone must be an 11-digit mobile number starting with 1, or empty")
            }
        }

        let pinText = raw("pin")
        var pin: String? = nil
        if !pinText.isEmpty {
            if PINHasher.isWellFormed(pinText) {
                pin = pinText
            } else {
                // The value itself is not repeated: it may be a real PIN with a typo.
                fail("pin", "查询密码应为6位数字 / the PIN must be exactly 6 digits")
            }
        }

        let birth = requiredMonth("birth")
        let gender = enumeration("gender", Account.Gender.self, allowed: "male、female")
        let status = enumeration("status", Account.Status.self, allowed: "normal、sealed、closed")
        let balance = money("balance")
        let monthlyDeposit = money("monthly_deposit")
        let depositBase = money("deposit_base")
        let continuousMonths = count("continuous_months", max: 600)
        let lastDeposit = optionalMonth("last_deposit")
        let sealedSince = optionalMonth("sealed_since")
        let homesOwned = count("homes_owned", max: 20)
        let children = count("children", max: 10)
        let married = boolean("married")
        let loansUsed = count("loans_used", max: 20)
        let loanOutstanding = money("loan_outstanding")
        let loanMonthlyPayment = money("loan_monthly_payment")
        let overdue = boolean("overdue")

        guard issues.isEmpty, let idNumber, let birth, let gender, let status, let balance, let monthlyDeposit,
              let depositBase, let continuousMonths, let lastDeposit, let sealedSince, let homesOwned, let children,
              let married, let loansUsed, let loanOutstanding, let loanMonthlyPayment, let overdue
        else { return nil }

        if birth != idNumber.birthMonth {
            warnings.append(ImportIssue(line: line, column: "birth",
                message: "出生年月 \(birth) 与身份证号码中的 \(idNumber.birthMonth) 不一致 / differs from the ID number"))
        }
        if gender != idNumber.gender {
            warnings.append(ImportIssue(line: line, column: "gender",
                message: "性别与身份证号码第17位不一致 / differs from the ID number's 17th digit"))
        }
        if status == .sealed, sealedSince == nil {
            warnings.append(ImportIssue(line: line, column: "sealed_since",
                message: "封存账户缺少封存起始年月 / a sealed account without sealed_since"))
        }

        let fields = AccountFields(
            accountNo: accountNo, idNumber: idNumber.value, name: name, phone: phone, birth: birth,
            gender: gender, status: status, balance: balance, monthlyDeposit: monthlyDeposit,
            depositBase: depositBase, continuousMonths: continuousMonths, lastDeposit: lastDeposit,
            sealedSince: sealedSince, homesOwned: homesOwned, children: children, married: married,
            loansUsed: loansUsed, loanOutstanding: loanOutstanding, loanMonthlyPayment: loanMonthlyPayment,
            overdue: overdue)
        return AccountCSV.Row(line: line, fields: fields, pin: pin)
    }

    /// A required "YYYY-MM"; nil when empty or invalid (an issue is recorded).
    mutating func requiredMonth(_ column: String) -> String? {
        guard !raw(column).isEmpty else {
            fail(column, "不能为空，应为 YYYY-MM / must not be empty: YYYY-MM")
            return nil
        }
        return optionalMonth(column) ?? nil
    }

    /// An optional "YYYY-MM": `.some(nil)` when empty, nil when invalid (an issue is recorded).
    mutating func optionalMonth(_ column: String) -> String?? {
        let text = raw(column)
        if text.isEmpty { return .some(nil) }
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let year = digits(0..<4), let month = digits(5..<7),
              (1900...2100).contains(year), (1...12).contains(month)
        else {
            fail(column, "日期 '\(text)' 无效，应为 YYYY-MM（如 1990-07） / '\(text)' is not a valid month: use YYYY-MM, e.g. 1990-07")
            return nil
        }
        return .some(text)
    }

    mutating func enumeration<E: RawRepresentable<String>>(_ column: String, _ type: E.Type, allowed: String) -> E? {
        let text = raw(column)
        guard let value = E(rawValue: text.lowercased()) else {
            fail(column, "未知的值 '\(text)'，应为 \(allowed) / unknown value '\(text)': use \(allowed.replacingOccurrences(of: "、", with: ", "))")
            return nil
        }
        return value
    }

    mutating func money(_ column: String) -> Double? {
        let text = raw(column)
        let bytes = Array(text.utf8)
        var digitsBefore = 0, digitsAfter = 0, sawPoint = false, ok = !bytes.isEmpty
        for b in bytes {
            if b == UInt8(ascii: ".") {
                if sawPoint { ok = false; break }
                sawPoint = true
            } else if b >= 0x30, b <= 0x39 {
                if sawPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            } else {
                ok = false
                break
            }
        }
        guard ok, digitsBefore > 0, !sawPoint || digitsAfter > 0, let value = Double(text) else {
            if text.hasPrefix("-"), Double(text) != nil {
                fail(column, "金额不能为负数：'\(text)' / the amount must not be negative")
            } else {
                fail(column, "'\(text)' 不是数字（应为如 12345.67 的金额，不带逗号和货币符号） / '\(text)' is not a number: write e.g. 12345.67, no separators or currency sign")
            }
            return nil
        }
        guard digitsAfter <= 2 else {
            fail(column, "'\(text)' 最多两位小数 / at most 2 decimals")
            return nil
        }
        guard value < 1_000_000_000 else {
            fail(column, "'\(text)' 超出范围（应小于10亿） / out of range: must be below 1,000,000,000")
            return nil
        }
        return value
    }

    mutating func count(_ column: String, max: Int) -> Int? {
        let text = raw(column)
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), text.utf8.count <= 6, let value = Int(text) else {
            if let number = Double(text), number.isFinite {
                fail(column, "'\(text)' 应为 0–\(max) 的整数 / must be a whole number 0–\(max)")
            } else {
                fail(column, "'\(text)' 不是数字，应为 0–\(max) 的整数 / '\(text)' is not a number: a whole number 0–\(max)")
            }
            return nil
        }
        guard value <= max else {
            fail(column, "'\(text)' 超出范围，应为 0–\(max) / out of range: 0–\(max)")
            return nil
        }
        return value
    }

    mutating func boolean(_ column: String) -> Bool? {
        switch raw(column).lowercased() {
        case "true": return true
        case "false": return false
        default:
            fail(column, "'\(raw(column))' 应为 true 或 false / must be true or false")
            return nil
        }
    }
}
