import Foundation

/// What the assistant and the staff commands need from member storage, whichever engine
/// holds it: SQLite (`AccountStore`, the embedded default) or PostgreSQL (the shared store
/// of a multi-instance deployment).
///
/// Every method is async: PostgreSQL is reached over the network (PostgresNIO), SQLite
/// through GRDB's own queue. Errors are `StoreError`s with a code a caller can act on
/// (`store_unavailable` when the engine cannot be reached or is locked).
///
/// Contract shared by the implementations (the store test suite runs against each):
/// - `verify` counts failed tries and locks after `maxFailedAttempts` in one atomic step,
///   exact under races across sessions, processes and instances; `unknownMember` costs as
///   long as a wrong PIN; see `VerificationOutcome` for which outcomes count.
/// - `logTurns` masks ID numbers, phones and PINs (`Redactor`) before anything is written;
///   it is called by one batching writer, never on a turn's path.
/// - `unlock`, `importCSV` and `purgeTurns` write an audit row in the same transaction.
public protocol MemberStore: Sendable {
    /// A short description for errors and `health` (a file path, or `postgres://host/db`
    /// without the password).
    var location: String { get }

    /// Checks a member's ID number and enquiry PIN (see `AccountStore.verify`).
    func verify(idNumber: String, pin: String, now: Date) async throws(StoreError) -> VerificationOutcome
    /// When the member with this ID number is locked out, until when; else nil.
    func lockedUntil(idNumber: String, now: Date) async throws(StoreError) -> Date?
    /// The member with this account number, if any.
    func account(number: String) async throws(StoreError) -> Account?
    /// Members stored.
    func accountCount() async throws(StoreError) -> Int
    /// Ends a lock-out and clears failed tries; audited. `.notFound` when there is no such account.
    func unlock(accountNo: String, actor: String, now: Date) async throws(StoreError) -> AccountStore.UnlockResult
    /// Imports an account CSV, all rows or none; audited.
    func importCSV(text: String, path: String?, actor: String,
                   progress: @Sendable (AccountStore.ImportProgress) -> Void) async throws(StoreError) -> AccountStore.ImportSummary
    /// The newest audit rows first.
    func auditEntries(limit: Int) async throws(StoreError) -> [AuditEntry]
    /// Writes turns (masked here) in one transaction.
    func logTurns(_ turns: [TurnRecord]) async throws(StoreError)
    /// Deletes turns older than `date`; audited. Returns how many.
    func purgeTurns(before date: Date, actor: String) async throws(StoreError) -> Int
    /// The conversation log's turns of one session, oldest first.
    func turns(session: String) async throws(StoreError) -> [LoggedTurn]
    /// Frequent out-of-scope, unclear and low-confidence queries (`anju review`).
    func review(since: Date, until: Date, limit: Int, lowConfidence: Double) async throws(StoreError) -> ReviewReport
    /// Whether the store answers now (for `/readyz` and `health`): throws when it does not.
    func ping() async throws(StoreError)
}
