import AnjuStore
import Foundation

/// What the dialogue needs from member storage during a turn: verification (the store's
/// one `VerificationOutcome`), the lock-out check, and the conversation log.
///
/// The application's implementation (`AnjuApp`'s `GuardedMembers`) is a `MemberStore`
/// — SQLite or PostgreSQL — with the per-session and per-peer attempt limits and the
/// batching log writer in front; tests use a fake.
public protocol MemberDirectory: Sendable {
    /// Checks the PIN of the member with this ID number. Throws when the store cannot be
    /// reached (the dialogue answers `store_unavailable`).
    func verify(idNumber: String, pin: String, now: Date) async throws -> VerificationOutcome
    /// Hands one turn to the conversation log: masked and written later, in a batch, by
    /// one writer — never waits on the store.
    func logTurn(_ turn: TurnRecord)
    /// When the member with this ID number is locked out, until when; else nil.
    func lockedUntil(idNumber: String, now: Date) async throws -> Date?
}

extension MemberDirectory {
    /// Directories without lock-out information never report a lock in advance.
    public func lockedUntil(idNumber: String, now: Date) async throws -> Date? { nil }
}
