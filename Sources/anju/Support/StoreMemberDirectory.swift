import AnjuDialogue
import AnjuStore
import Foundation

/// The dialogue's member directory over the SQLite account store.
struct StoreMemberDirectory: MemberDirectory {
    let store: AccountStore

    func verify(idNumber: String, pin: String, now: Date) throws -> AnjuDialogue.VerificationOutcome {
        switch try store.verify(idNumber: idNumber, pin: pin, now: now) {
        case .verified(let a): return .verified(Self.member(a))
        case .wrongPIN(let remaining): return .wrongPIN(remainingTries: remaining)
        case .locked(let until): return .locked(until: until)
        case .unknownMember, .invalidIDNumber: return .unknownMember
        case .malformedPIN: return .wrongPIN(remainingTries: 5)
        }
    }

    func logTurn(_ turn: TurnLog) {
        // A failed log write must not fail the conversation; the store reports it.
        _ = try? store.logTurn(TurnRecord(session: turn.session, time: turn.time, channel: turn.channel, text: turn.normalizedText,
                                          intent: turn.intent, confidence: turn.confidence, reply: turn.reply, containsPIN: turn.containsPIN))
    }

    func lockedUntil(idNumber: String, now: Date) throws -> Date? {
        try store.lockedUntil(idNumber: idNumber, now: now)
    }

    static func member(_ a: Account) -> Member {
        Member(accountNo: a.accountNo, name: a.name, status: a.status.rawValue, balance: a.balance, monthlyDeposit: a.monthlyDeposit,
               depositBase: a.depositBase, continuousMonths: a.continuousMonths, lastDeposit: a.lastDeposit, sealedSince: a.sealedSince,
               homesOwned: a.homesOwned, children: a.children, married: a.married, loansUsed: a.loansUsed,
               loanOutstanding: a.loanOutstanding, loanMonthlyPayment: a.loanMonthlyPayment, overdue: a.overdue,
               birth: a.birth, gender: a.gender.rawValue)
    }
}
