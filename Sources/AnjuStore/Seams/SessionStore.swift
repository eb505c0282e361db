import Foundation

/// Where conversations live between turns: in memory (one process, the default), or in a
/// shared table (PostgreSQL) so that any instance can take a member's next turn and a
/// restart loses nothing.
///
/// `State` is the dialogue's session state; shared stores keep it as JSON (`Codable`).
///
/// Contract (the store test suite runs against each implementation):
/// - `withSession` runs `body` as the only turn of that session in progress, across all
///   instances sharing the store (memory: a per-session lock; PostgreSQL: a row lock
///   `SELECT … FOR UPDATE` or an advisory lock held for the turn). Turns of different
///   sessions run in parallel.
/// - `body` receives the state, or nil when the session is unknown or was idle longer
///   than the store's idle timeout; what it leaves in `state` is stored (nil forgets it).
/// - If `body` throws, nothing is stored and the error is rethrown.
public protocol SessionStore<State>: Sendable {
    associatedtype State: Codable & Sendable

    /// One turn of session `id`, exclusive across instances (see the contract above).
    func withSession<T: Sendable>(_ id: String, now: Date,
                                  _ body: (inout State?) async throws -> T) async throws -> T
    /// Forgets a session.
    func reset(_ id: String) async throws
    /// Sessions held now (not expired).
    func count(now: Date) async throws -> Int
}

/// Whether the turn running now has no session memory because the shared session store
/// cannot be reached (PostgreSQL down): the turn is answered as the first of a new
/// conversation and nothing it says is kept.
///
/// The dialogue reads it to refuse what needs memory across turns — a member question would
/// otherwise ask for an ID number that the next turn forgets — with `store_unavailable`
/// at once, while policy questions are answered as usual.
public enum SessionMemory {
    /// True inside a turn a session store runs without its state.
    @TaskLocal public static var unavailable = false
}
