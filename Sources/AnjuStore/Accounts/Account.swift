import Foundation
import GRDB

/// One member's provident fund account: a row of the `account` table.
///
/// It holds every column of the account CSV (policy.md, "Member data") except the PIN,
/// which is kept only as a salted PBKDF2 hash, plus the verification state. Money is in
/// yuan (at most 2 decimals); months are "YYYY-MM".
///
/// `description` masks the ID and phone numbers and leaves the credentials out, so an
/// `Account` printed into a log leaks nothing; `staffFields` is what staff may see.
public struct Account: Codable, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The member's gender, as in the CSV and policy.md's facts.
    public enum Gender: String, Codable, Sendable, Hashable, CaseIterable {
        case male, female
    }

    /// The account's status, as in the CSV and policy.md's `account_status`.
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        /// 正常: contributions are being paid.
        case normal
        /// 封存: the member left the employer; nothing is paid in.
        case sealed
        /// 销户: closed, the balance withdrawn.
        case closed

        /// 正常 / 封存 / 销户.
        public var chinese: String {
            switch self {
            case .normal: "正常"
            case .sealed: "封存"
            case .closed: "销户"
            }
        }
    }

    /// The centre's account number (the table's primary key), `account_no`.
    public var accountNo: String
    /// The member's 18-character ID number, `X` in upper case; unique.
    public var idNumber: String
    public var name: String
    /// An 11-digit mobile number, or empty.
    public var phone: String
    /// "YYYY-MM".
    public var birth: String
    public var gender: Gender
    public var status: Status
    /// Yuan.
    public var balance: Double
    /// Yuan per month, employer and member together.
    public var monthlyDeposit: Double
    /// Yuan per month: the wage the contributions are computed on.
    public var depositBase: Double
    public var continuousMonths: Int
    /// "YYYY-MM" of the latest contribution, or nil.
    public var lastDeposit: String?
    /// "YYYY-MM" since when the account is sealed, or nil.
    public var sealedSince: String?
    /// Homes the family owns in the city.
    public var homesOwned: Int
    public var children: Int
    public var married: Bool
    /// Settled provident fund loans of the family.
    public var loansUsed: Int
    /// Principal still owed on a provident fund loan, 0 when none.
    public var loanOutstanding: Double
    /// Yuan per month, 0 when no loan.
    public var loanMonthlyPayment: Double
    /// Overdue on any loan now.
    public var overdue: Bool

    /// PBKDF2-HMAC-SHA256 of the PIN (32 bytes). Not public: nothing outside the store
    /// needs it, and nothing should print it.
    var pinHash: Data
    /// The random 16-byte salt of `pinHash`.
    var pinSalt: Data
    /// The PBKDF2 rounds `pinHash` was made with (kept per row so it can be raised later).
    var pinIterations: Int

    /// Wrong PINs since the last success or the end of the last lock-out.
    public internal(set) var failedAttempts: Int
    /// While in the future, verification is refused (`VerificationOutcome.locked`).
    public internal(set) var lockedUntil: Date?
    /// When the row was last imported.
    public internal(set) var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case accountNo = "account_no"
        case idNumber = "id_number"
        case name
        case phone
        case birth
        case gender
        case status
        case balance
        case monthlyDeposit = "monthly_deposit"
        case depositBase = "deposit_base"
        case continuousMonths = "continuous_months"
        case lastDeposit = "last_deposit"
        case sealedSince = "sealed_since"
        case homesOwned = "homes_owned"
        case children
        case married
        case loansUsed = "loans_used"
        case loanOutstanding = "loan_outstanding"
        case loanMonthlyPayment = "loan_monthly_payment"
        case overdue
        case pinHash = "pin_hash"
        case pinSalt = "pin_salt"
        case pinIterations = "pin_iterations"
        case failedAttempts = "failed_attempts"
        case lockedUntil = "locked_until"
        case updatedAt = "updated_at"
    }

    /// Whether the member has an unsettled provident fund loan.
    public var hasOutstandingLoan: Bool { loanOutstanding > 0 }

    /// Whether verification is refused at `now`.
    public func isLocked(at now: Date = Date()) -> Bool {
        guard let lockedUntil else { return false }
        return lockedUntil > now
    }

    /// The ID number masked: `330***********0013`.
    public var maskedIDNumber: String { Masking.idNumber(idNumber) }
    /// The phone number masked: `138****1234`.
    public var maskedPhone: String { Masking.phone(phone) }

    public var description: String {
        "Account(\(accountNo), \(maskedIDNumber), \(status.rawValue))"
    }

    public var debugDescription: String { description }
}

extension Account: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "account"
}

extension Account {
    /// One labelled line of `anju accounts show`.
    public struct StaffField: Sendable, Hashable {
        /// Chinese label with the CSV column name, e.g. `身份证号 id_number`.
        public let label: String
        public let value: String
    }

    /// The record as staff may see it: every column, the ID and phone numbers masked, the
    /// verification state, never the PIN or its hash.
    public func staffFields(now: Date = Date()) -> [StaffField] {
        func yuan(_ x: Double) -> String { String(format: "%.2f 元", x) }
        func bool(_ b: Bool) -> String { b ? "是 (true)" : "否 (false)" }
        var lock = "未锁定 (not locked)"
        if let lockedUntil, lockedUntil > now {
            lock = "锁定至 (locked until) \(StoreTime.display(lockedUntil))"
        }
        let fields: [(String, String)] = [
            ("账号 account_no", accountNo),
            ("姓名 name", name),
            ("身份证号 id_number", maskedIDNumber),
            ("手机 phone", phone.isEmpty ? "—" : maskedPhone),
            ("出生年月 birth", birth),
            ("性别 gender", gender == .male ? "男 (male)" : "女 (female)"),
            ("账户状态 status", "\(status.chinese) (\(status.rawValue))"),
            ("余额 balance", yuan(balance)),
            ("月缴存额 monthly_deposit", yuan(monthlyDeposit)),
            ("缴存基数 deposit_base", yuan(depositBase)),
            ("连续缴存月数 continuous_months", String(continuousMonths)),
            ("最近缴存 last_deposit", lastDeposit ?? "—"),
            ("封存起始 sealed_since", sealedSince ?? "—"),
            ("本市住房套数 homes_owned", String(homesOwned)),
            ("子女数 children", String(children)),
            ("已婚 married", bool(married)),
            ("已结清公积金贷款 loans_used", String(loansUsed)),
            ("贷款余额 loan_outstanding", yuan(loanOutstanding)),
            ("月还款额 loan_monthly_payment", yuan(loanMonthlyPayment)),
            ("逾期 overdue", bool(overdue)),
            ("连续验证失败 failed_attempts", String(failedAttempts)),
            ("查询锁定 locked_until", lock),
            ("更新时间 updated_at", StoreTime.display(updatedAt)),
        ]
        return fields.map { StaffField(label: $0.0, value: $0.1) }
    }
}

/// How the store shows times to people: local time, minutes.
enum StoreTime {
    static func display(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
