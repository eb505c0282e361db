import Foundation
import Synchronization

/// Conversations in this process's memory (the default): idle expiry, a bound on their
/// number (least recently used dropped first), and one turn of a session at a time.
///
/// - `withSession` waits until no other turn of the same session is in progress (turns
///   of one session run one after another, in the order they asked; turns of different
///   sessions run in parallel). The wait is a suspension, never a blocked thread.
/// - The table lock is held only for dictionary operations, never while a turn runs.
/// - Every 1,024 stores, and whenever the table is over `capacity`, expired sessions are
///   dropped; still over capacity, the least recently used tenth goes at once, so eviction
///   stays rare.
///
/// A restart forgets every conversation: a multi-instance deployment uses a shared store.
public final class MemorySessionStore<State: Codable & Sendable>: SessionStore, Sendable {
    private struct Entry: Sendable {
        var state: State
        var lastActive: Date
    }

    /// The turns waiting for a session's turn in progress (present while one runs).
    private struct Queue: Sendable {
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// A session just taken for a turn, with its state (nil: none).
    private struct Taken {
        var state: State?
    }

    private struct Table: Sendable {
        var sessions: [String: Entry] = [:]
        var running: [String: Queue] = [:]
        var writes = 0
    }

    private let table = Mutex(Table())
    /// A session idle longer than this (seconds) is forgotten.
    public let idleTimeout: TimeInterval
    /// Sessions kept at most.
    public let capacity: Int

    public init(idleTimeout: TimeInterval = 600, capacity: Int = 20_000) {
        self.idleTimeout = idleTimeout
        self.capacity = max(1, capacity)
    }

    public func withSession<T: Sendable>(_ id: String, now: Date,
                                         _ body: (inout State?) async throws -> T) async throws -> T {
        // Uncontended (the usual case): the session is taken and its state read under one
        // lock; stored and handed on under one more.
        var state: State?
        if let taken = tryBeginTurn(id, now: now) {
            state = taken.state
        } else {
            await waitForTurn(id)
            state = table.withLock { Self.load(id, now: now, idleTimeout: idleTimeout, from: &$0) }
        }
        let result: T
        do {
            result = try await body(&state)
        } catch {
            endTurn(id)
            throw error
        }
        storeAndEndTurn(id, state, now: now)
        return result
    }

    /// The state of session `id` (nil when unknown or idle too long: then forgotten).
    private static func load(_ id: String, now: Date, idleTimeout: TimeInterval, from t: inout Table) -> State? {
        guard let entry = t.sessions[id] else { return nil }
        if now.timeIntervalSince(entry.lastActive) > idleTimeout {
            t.sessions[id] = nil
            return nil
        }
        return entry.state
    }

    public func reset(_ id: String) {
        _ = table.withLock { $0.sessions.removeValue(forKey: id) }
    }

    public func count(now: Date) -> Int {
        table.withLock { t in t.sessions.values.count { now.timeIntervalSince($0.lastActive) <= idleTimeout } }
    }

    /// Sessions held now, expired ones not yet dropped included (cheap: for metrics).
    public var heldCount: Int { table.withLock { $0.sessions.count } }

    // MARK: One turn at a time

    /// Takes session `id` when no turn of it is in progress, reading its state in the same
    /// lock; nil when another turn holds it.
    private func tryBeginTurn(_ id: String, now: Date) -> Taken? {
        table.withLock { t -> Taken? in
            guard t.running[id] == nil else { return nil }
            t.running[id] = Queue()
            return Taken(state: Self.load(id, now: now, idleTimeout: idleTimeout, from: &t))
        }
    }

    /// Waits until the turn in progress hands session `id` over (or it is free).
    private func waitForTurn(_ id: String) async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let freeNow = table.withLock { t -> Bool in
                guard t.running[id] != nil else {
                    t.running[id] = Queue()
                    return true
                }
                t.running[id]!.waiters.append(waiter)
                return false
            }
            if freeNow { waiter.resume() }
        }
    }

    /// Hands the session to the next waiting turn (which then owns it), or frees it.
    private func endTurn(_ id: String) {
        table.withLock { Self.handOver(id, in: &$0) }?.resume()
    }

    /// The next waiting turn of `id`, now owning the session; or nil, the session freed.
    private static func handOver(_ id: String, in t: inout Table) -> CheckedContinuation<Void, Never>? {
        guard var queue = t.running[id] else { return nil }
        guard !queue.waiters.isEmpty else {
            t.running[id] = nil
            return nil
        }
        let next = queue.waiters.removeFirst()
        t.running[id] = queue
        return next
    }

    // MARK: Storing

    /// Stores what the turn left and hands the session on, under one lock.
    private func storeAndEndTurn(_ id: String, _ state: State?, now: Date) {
        let next = table.withLock { t -> CheckedContinuation<Void, Never>? in
            store(id, state, now: now, in: &t)
            return Self.handOver(id, in: &t)
        }
        next?.resume()
    }

    private func store(_ id: String, _ state: State?, now: Date, in t: inout Table) {
        guard let state else {
            t.sessions[id] = nil
            return
        }
        t.sessions[id] = Entry(state: state, lastActive: now)
        t.writes += 1
        if t.sessions.count > capacity || t.writes % 1024 == 0 {
            t.sessions = t.sessions.filter { now.timeIntervalSince($0.value.lastActive) <= idleTimeout }
            if t.sessions.count > capacity {
                let keep = capacity - capacity / 10
                let sorted = t.sessions.sorted { $0.value.lastActive > $1.value.lastActive }
                t.sessions = Dictionary(uniqueKeysWithValues: sorted.prefix(max(1, keep)).map { ($0.key, $0.value) })
            }
        }
    }
}
