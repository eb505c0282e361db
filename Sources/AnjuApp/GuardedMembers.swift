import AnjuDialogue
import AnjuHTTP
import AnjuStore
import Foundation

/// The dialogue's member directory over any `MemberStore` (SQLite or PostgreSQL), with:
/// - a log writer: turns are queued, never written on the turn's path, and written in
///   batches through `MemberStore.logTurns`;
/// - attempt limiters: failed verifications — unknown ID and wrong PIN alike — counted per
///   connection and per session (`attempts`) and per client address (`peerAttempts`); over
///   the limit, verification answers `locked` without looking the member up;
/// - a health record: the first store failure is logged once, later ones counted;
/// - metrics (in `serve`): verification outcomes and store errors.
struct GuardedMembers: MemberDirectory {
    let store: any MemberStore
    let logWriter: ConversationLogWriter
    var attempts: AttemptLimiter? = nil
    var peerAttempts: AttemptLimiter? = nil
    var health: StoreHealth? = nil
    var metrics: AnjuMetrics? = nil

    func verify(idNumber: String, pin: String, now: Date) async throws -> VerificationOutcome {
        let outcome = try await limitedVerify(idNumber: idNumber, pin: pin, now: now)
        if let metrics {
            switch outcome {
            case .verified: metrics.recordVerification("verified")
            case .wrongPIN(let remaining): metrics.recordVerification(remaining == 0 ? "locked" : "wrong_pin")
            case .malformedPIN: metrics.recordVerification("wrong_pin")
            case .locked: metrics.recordVerification("locked")
            case .unknownMember, .invalidIDNumber: metrics.recordVerification("unknown_member")
            }
        }
        return outcome
    }

    private func limitedVerify(idNumber: String, pin: String, now: Date) async throws -> VerificationOutcome {
        let scope = TurnScope.current
        let keys = scope?.attemptKeys ?? []
        let peerKeys = scope.map { ["peer:\($0.context.peer)"] } ?? []
        if let until = attempts?.blockedUntil(keys, now: now) ?? peerAttempts?.blockedUntil(peerKeys, now: now) {
            return .locked(until: until)
        }
        let outcome: VerificationOutcome
        do {
            outcome = try await store.verify(idNumber: idNumber, pin: pin, now: now)
        } catch {
            failed(error, scope)
            throw error
        }
        /// A failed try: counted; over a limit it is answered as a lock-out.
        func failure() -> Date? {
            let a = attempts?.recordFailure(keys, now: now)
            let b = peerAttempts?.recordFailure(peerKeys, now: now)
            return a ?? b
        }
        switch outcome {
        case .verified, .locked, .malformedPIN: return outcome
        case .wrongPIN(let remaining):
            if let until = failure() { return .locked(until: until) }
            return .wrongPIN(remainingTries: remaining)
        case .unknownMember, .invalidIDNumber:
            if let until = failure() { return .locked(until: until) }
            return .unknownMember
        }
    }

    func logTurn(_ turn: TurnRecord) {
        logWriter.enqueue(turn, peer: TurnScope.current?.context.peer)
    }

    func lockedUntil(idNumber: String, now: Date) async throws -> Date? {
        do {
            return try await store.lockedUntil(idNumber: idNumber, now: now)
        } catch {
            failed(error, TurnScope.current)
            throw error
        }
    }

    private func failed(_ error: StoreError, _ scope: TurnScope?) {
        scope?.markStoreFailure()
        health?.writeFailed("verification", error)
        metrics?.recordStoreError()
    }
}
