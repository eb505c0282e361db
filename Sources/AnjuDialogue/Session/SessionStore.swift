import Foundation
import Synchronization

/// Conversations in memory, with idle expiry and a bound on their number (least recently
/// used dropped first), so memory stays flat under any load.
///
/// A session is checked out for a turn and stored back after it; the lock is held only
/// for the dictionary operations, never while a turn is processed.
final class SessionStore: Sendable {
    private struct Entries: Sendable {
        var sessions: [String: SessionState] = [:]
        var writes = 0
    }

    private let entries = Mutex(Entries())
    let idleTimeout: TimeInterval
    let capacity: Int

    init(idleTimeout: TimeInterval = 600, capacity: Int = 20_000) {
        self.idleTimeout = idleTimeout
        self.capacity = max(1, capacity)
    }

    /// The session's state, or a fresh one when it is unknown or has been idle too long.
    func checkout(_ id: String, now: Date) -> SessionState {
        entries.withLock { e in
            if let state = e.sessions[id], now.timeIntervalSince(state.lastActive) <= idleTimeout { return state }
            e.sessions[id] = nil
            return SessionState(now: now)
        }
    }

    /// Stores the state after a turn; evicts expired and, over capacity, least recent ones.
    func store(_ id: String, _ state: SessionState, now: Date) {
        var state = state
        state.lastActive = now
        entries.withLock { e in
            e.sessions[id] = state
            e.writes += 1
            if e.sessions.count > capacity || e.writes % 1024 == 0 {
                e.sessions = e.sessions.filter { now.timeIntervalSince($0.value.lastActive) <= idleTimeout }
                if e.sessions.count > capacity {
                    // Drop the least recently used tenth at once, so eviction stays rare.
                    let keep = capacity - capacity / 10
                    let sorted = e.sessions.sorted { $0.value.lastActive > $1.value.lastActive }
                    e.sessions = Dictionary(uniqueKeysWithValues: sorted.prefix(max(1, keep)).map { ($0.key, $0.value) })
                }
            }
        }
    }

    /// Forgets a session.
    func reset(_ id: String) {
        _ = entries.withLock { $0.sessions.removeValue(forKey: id) }
    }

    /// Sessions held now.
    var count: Int { entries.withLock { $0.sessions.count } }
}
