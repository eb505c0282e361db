import AnjuStore
import Foundation

/// One verified member's own data, as the answers and rule facts need it, kept in the
/// session state (so `Codable`): the store's `Account` without its credentials and
/// verification state. Built from an `Account` in one place, `init(_:)`.
public struct Member: Codable, Sendable, Equatable {
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

    /// The member's data of a verified account.
    public init(_ a: Account) {
        self.init(accountNo: a.accountNo, name: a.name, status: a.status.rawValue, balance: a.balance,
                  monthlyDeposit: a.monthlyDeposit, depositBase: a.depositBase, continuousMonths: a.continuousMonths,
                  lastDeposit: a.lastDeposit, sealedSince: a.sealedSince, homesOwned: a.homesOwned, children: a.children,
                  married: a.married, loansUsed: a.loansUsed, loanOutstanding: a.loanOutstanding,
                  loanMonthlyPayment: a.loanMonthlyPayment, overdue: a.overdue, birth: a.birth, gender: a.gender.rawValue)
    }

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
