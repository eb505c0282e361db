import Dispatch
import Foundation
import GRDB

/// The SQLite store as a `MemberStore`: each async method runs today's synchronous GRDB
/// call on a dispatch queue and resumes when it is done, so a turn waiting on SQLite (or on
/// the 30 ms PIN hash of `verify`) never holds one of Swift concurrency's few threads.
extension AccountStore: MemberStore {
    /// The database file, or `:memory:`.
    public var location: String { path }

    public func verify(idNumber: String, pin: String, now: Date) async throws(StoreError) -> VerificationOutcome {
        try await StoreWork.run { () throws(StoreError) in try self.verify(idNumber: idNumber, pin: pin, now: now) }
    }

    public func lockedUntil(idNumber: String, now: Date) async throws(StoreError) -> Date? {
        try await StoreWork.run { () throws(StoreError) in try self.lockedUntil(idNumber: idNumber, now: now) }
    }

    public func account(number: String) async throws(StoreError) -> Account? {
        try await StoreWork.run { () throws(StoreError) in try self.account(number: number) }
    }

    public func accountCount() async throws(StoreError) -> Int {
        try await StoreWork.run { () throws(StoreError) in try self.accountCount() }
    }

    public func unlock(accountNo: String, actor: String, now: Date) async throws(StoreError) -> UnlockResult {
        try await StoreWork.run { () throws(StoreError) in try self.unlock(accountNo: accountNo, actor: actor, now: now) }
    }

    /// Runs on the calling task's thread (a staff command's, never a conversation's):
    /// `progress` is not escaping, so it cannot be handed to another queue. The PIN hashing
    /// spreads over the cores itself.
    public func importCSV(text: String, path: String?, actor: String,
                          progress: @Sendable (ImportProgress) -> Void) async throws(StoreError) -> ImportSummary {
        let importNow: (String, String?, String, (ImportProgress) -> Void) throws(StoreError) -> ImportSummary =
            importCSV(text:path:actor:progress:)
        return try importNow(text, path, actor, progress)
    }

    public func auditEntries(limit: Int) async throws(StoreError) -> [AuditEntry] {
        try await StoreWork.run { () throws(StoreError) in try self.auditEntries(limit: limit) }
    }

    public func logTurns(_ turns: [TurnRecord]) async throws(StoreError) {
        try await StoreWork.run { () throws(StoreError) in try self.logTurns(turns) }
    }

    public func purgeTurns(before date: Date, actor: String) async throws(StoreError) -> Int {
        try await StoreWork.run { () throws(StoreError) in try self.purgeTurns(before: date, actor: actor) }
    }

    public func turns(session: String) async throws(StoreError) -> [LoggedTurn] {
        try await StoreWork.run { () throws(StoreError) in try self.turns(session: session) }
    }

    public func review(since: Date, until: Date, limit: Int, lowConfidence: Double) async throws(StoreError) -> ReviewReport {
        try await StoreWork.run { () throws(StoreError) in
            try self.review(since: since, until: until, limit: limit, lowConfidence: lowConfidence)
        }
    }

    public func ping() async throws(StoreError) {
        _ = try await accountCount()
    }

    /// Writes turns, masked (see `logTurn`), in one transaction.
    public func logTurns(_ turns: [TurnRecord]) throws(StoreError) {
        guard !turns.isEmpty else { return }
        try database.write { db in
            for turn in turns {
                var row = LoggedTurn(masking: turn)
                try row.insert(db)
            }
        }
    }

    /// Rows `ConversationLogWriter` masked when it queued them, written as they are (masking
    /// them again changes nothing, and cost the writer as much as the inserts).
    func logMaskedTurns(_ turns: [TurnRecord]) throws(StoreError) {
        guard !turns.isEmpty else { return }
        try database.write { db in
            for turn in turns {
                var row = LoggedTurn(alreadyMasked: turn)
                try row.insert(db)
            }
        }
    }
}

/// Where the SQLite store's blocking calls run: a concurrent dispatch queue of their own
/// (GRDB serialises each connection itself), off Swift concurrency's cooperative threads.
enum StoreWork {
    static let queue = DispatchQueue(label: "anju.store", qos: .userInitiated, attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws(StoreError) -> T) async throws(StoreError) -> T {
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(StoreError) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
