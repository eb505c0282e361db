import Foundation

/// What the dialogue needs from member storage: verification and the conversation log.
/// `AnjuStore`'s account store conforms through an adapter; tests use a fake.
public protocol MemberDirectory: Sendable {
    /// Checks the PIN of the member with this (check-digit-valid) ID number.
    func verify(idNumber: String, pin: String, now: Date) throws -> VerificationOutcome
    /// Stores one turn; the directory masks ID numbers, phones and PINs.
    func logTurn(_ turn: TurnLog)
    /// When the member with this ID number is locked out, until when; else nil.
    func lockedUntil(idNumber: String, now: Date) throws -> Date?
}

extension MemberDirectory {
    /// Directories without lock-out information never report a lock in advance.
    public func lockedUntil(idNumber: String, now: Date) throws -> Date? { nil }
}

/// The result of one verification attempt.
public enum VerificationOutcome: Sendable {
    case verified(Member)
    case wrongPIN(remainingTries: Int)
    case locked(until: Date)
    case unknownMember
}

/// One member's own data, as the answers and rule facts need it.
public struct Member: Sendable, Equatable {
    public var accountNo: String
    public var name: String
    /// normal | sealed | closed
    public var status: String
    public var balance: Double
    public var monthlyDeposit: Double
    public var depositBase: Double
    public var continuousMonths: Int
    /// YYYY-MM, or nil
    public var lastDeposit: String?
    /// YYYY-MM, or nil
    public var sealedSince: String?
    public var homesOwned: Int
    public var children: Int
    public var married: Bool
    public var loansUsed: Int
    public var loanOutstanding: Double
    public var loanMonthlyPayment: Double
    public var overdue: Bool
    /// YYYY-MM
    public var birth: String
    /// male | female
    public var gender: String

    public init(accountNo: String, name: String, status: String, balance: Double, monthlyDeposit: Double, depositBase: Double,
                continuousMonths: Int, lastDeposit: String?, sealedSince: String?, homesOwned: Int, children: Int, married: Bool,
                loansUsed: Int, loanOutstanding: Double, loanMonthlyPayment: Double, overdue: Bool, birth: String, gender: String) {
        self.accountNo = accountNo; self.name = name; self.status = status; self.balance = balance
        self.monthlyDeposit = monthlyDeposit; self.depositBase = depositBase; self.continuousMonths = continuousMonths
        self.lastDeposit = lastDeposit; self.sealedSince = sealedSince; self.homesOwned = homesOwned; self.children = children
        self.married = married; self.loansUsed = loansUsed; self.loanOutstanding = loanOutstanding
        self.loanMonthlyPayment = loanMonthlyPayment; self.overdue = overdue; self.birth = birth; self.gender = gender
    }
}

/// One conversation turn for the log.
public struct TurnLog: Sendable {
    public let session: String
    public let time: Date
    public let channel: String
    public let normalizedText: String
    public let intent: String
    public let confidence: Double
    public let reply: String
    /// The text was a PIN answer: it must not be stored at all.
    public let containsPIN: Bool
}

