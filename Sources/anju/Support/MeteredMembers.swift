import AnjuDialogue
import AnjuHTTP
import Foundation

/// The member directory with its verification outcomes, lockouts and store errors
/// recorded in the metrics.
struct MeteredMembers: MemberDirectory {
    let base: any MemberDirectory
    let metrics: AnjuMetrics

    func verify(idNumber: String, pin: String, now: Date) throws -> VerificationOutcome {
        let outcome: VerificationOutcome
        do {
            outcome = try base.verify(idNumber: idNumber, pin: pin, now: now)
        } catch {
            metrics.recordVerification("store_error")
            throw error
        }
        switch outcome {
        case .verified: metrics.recordVerification("verified")
        case .wrongPIN(let remaining): metrics.recordVerification(remaining == 0 ? "locked" : "wrong_pin")
        case .locked: metrics.recordVerification("locked")
        case .unknownMember: metrics.recordVerification("unknown_member")
        }
        return outcome
    }

    func logTurn(_ turn: TurnLog) { base.logTurn(turn) }

    func lockedUntil(idNumber: String, now: Date) throws -> Date? {
        do {
            return try base.lockedUntil(idNumber: idNumber, now: now)
        } catch {
            metrics.recordStoreError()
            throw error
        }
    }
}
