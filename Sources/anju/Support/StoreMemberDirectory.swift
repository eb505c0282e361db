import AnjuDialogue
import AnjuStore
import Foundation

/// The dialogue's member directory over the SQLite account store.
///
/// In the server (`ServeCommand`) it also has:
/// - a log writer: turns are queued, never written on the turn's path;
/// - attempt limiters: failed verifications — unknown ID and wrong PIN alike — counted per
///   connection and per session (`attempts`) and per client address (`peerAttempts`); over
///   the limit, verification answers `locked` without looking the member up;
/// - a health record: the first store failure is logged once, later ones counted.
/// The REPL uses it bare: synchronous logging, no limits beyond the per-member lock-out.
struct StoreMemberDirectory: MemberDirectory {
    let store: AccountStore
    var logWriter: ConversationLogWriter? = nil
    var attempts: AttemptLimiter? = nil
    var peerAttempts: AttemptLimiter? = nil
    var health: StoreHealth? = nil

    func verify(idNumber: String, pin: String, now: Date) throws -> AnjuDialogue.VerificationOutcome {
        let scope = TurnScope.current
        let keys = scope?.attemptKeys ?? []
        let peerKeys = scope.map { ["peer:\($0.context.peer)"] } ?? []
        if let until = attempts?.blockedUntil(keys, now: now) ?? peerAttempts?.blockedUntil(peerKeys, now: now) {
            return .locked(until: until)
        }
        let outcome: AnjuStore.VerificationOutcome
        do {
            outcome = try store.verify(idNumber: idNumber, pin: pin, now: now)
        } catch {
            scope?.markStoreFailure()
            health?.writeFailed("verification", error)
            throw error
        }
        /// A failed try: counted; over a limit it is answered as a lock-out.
        func failed() -> Date? {
            let a = attempts?.recordFailure(keys, now: now)
            let b = peerAttempts?.recordFailure(peerKeys, now: now)
            return a ?? b
        }
        switch outcome {
        case .verified(let a): return .verified(Self.member(a))
        case .wrongPIN(let remaining):
            if let until = failed() { return .locked(until: until) }
            return .wrongPIN(remainingTries: remaining)
        case .locked(let until): return .locked(until: until)
        case .unknownMember, .invalidIDNumber:
            if let until = failed() { return .locked(until: until) }
            return .unknownMember
        case .malformedPIN: return .wrongPIN(remainingTries: 5)
        }
    }

    func logTurn(_ turn: TurnLog) {
        let record = TurnRecord(session: turn.session, time: turn.time, channel: turn.channel, text: turn.normalizedText,
                                intent: turn.intent, confidence: turn.confidence, reply: turn.reply, containsPIN: turn.containsPIN)
        if let logWriter {
            logWriter.enqueue(record, peer: TurnScope.current?.context.peer)
            return
        }
        // A failed log write must not fail the conversation.
        do {
            try store.logTurn(record)
        } catch {
            health?.writeFailed("conversation log", error)
        }
    }

    func lockedUntil(idNumber: String, now: Date) throws -> Date? {
        do {
            return try store.lockedUntil(idNumber: idNumber, now: now)
        } catch {
            TurnScope.current?.markStoreFailure()
            health?.writeFailed("verification", error)
            throw error
        }
    }

    static func member(_ a: Account) -> Member {
        Member(accountNo: a.accountNo, name: a.name, status: a.status.rawValue, balance: a.balance, monthlyDeposit: a.monthlyDeposit,
               depositBase: a.depositBase, continuousMonths: a.continuousMonths, lastDeposit: a.lastDeposit, sealedSince: a.sealedSince,
               homesOwned: a.homesOwned, children: a.children, married: a.married, loansUsed: a.loansUsed,
               loanOutstanding: a.loanOutstanding, loanMonthlyPayment: a.loanMonthlyPayment, overdue: a.overdue,
               birth: a.birth, gender: a.gender.rawValue)
    }
}
