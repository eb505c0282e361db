import Foundation
import Synchronization

/// The session ids this server issued (protocol 1.1: `open`, or `ask` without `session`).
///
/// An issued id is 128 random bits from the system's secure generator, written as 32
/// lowercase hex digits — unguessable, so holding it is the proof of being the end user it
/// was issued to. The registry remembers each id until it has been idle for
/// `idleTimeout` (the dialogue's session timeout), and holds at most `capacity` ids (the
/// least recently used go first), so memory stays bounded. An id it no longer knows is
/// treated as client-chosen: it still gets policy answers, never member data.
public final class SessionRegistry: Sendable {
    private struct State {
        var lastUsed: [String: ContinuousClock.Instant] = [:]
        var operations = 0
    }

    private let state = Mutex(State())
    /// How long an unused id stays valid.
    public let idleTimeout: Duration
    /// Ids kept at most.
    public let capacity: Int

    public init(idleTimeout: Duration = .seconds(600), capacity: Int = 200_000) {
        self.idleTimeout = idleTimeout
        self.capacity = max(1, capacity)
    }

    /// A new id, remembered as issued.
    public func issue(now: ContinuousClock.Instant = .now) -> String {
        let id = Self.randomID()
        state.withLock { state in
            state.lastUsed[id] = now
            state.operations += 1
            if state.lastUsed.count > capacity || state.operations % 4096 == 0 { prune(&state, now: now) }
        }
        return id
    }

    /// Whether `id` was issued here and has not expired; using it keeps it alive.
    public func isIssued(_ id: String, now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            guard let last = state.lastUsed[id] else { return false }
            if now - last > idleTimeout {
                state.lastUsed[id] = nil
                return false
            }
            state.lastUsed[id] = now
            return true
        }
    }

    /// Forgets `id` (after `reset`: the id is spent).
    public func revoke(_ id: String) {
        _ = state.withLock { $0.lastUsed.removeValue(forKey: id) }
    }

    /// Ids held now.
    public var count: Int { state.withLock { $0.lastUsed.count } }

    private func prune(_ state: inout State, now: ContinuousClock.Instant) {
        state.lastUsed = state.lastUsed.filter { now - $0.value <= idleTimeout }
        if state.lastUsed.count > capacity {
            let keep = capacity - capacity / 10
            let sorted = state.lastUsed.sorted { $0.value > $1.value }.prefix(max(1, keep))
            state.lastUsed = Dictionary(uniqueKeysWithValues: sorted.map { ($0.key, $0.value) })
        }
    }

    /// 32 lowercase hex digits of `SystemRandomNumberGenerator` (getrandom / arc4random).
    public static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex16(high) + hex16(low)
    }

    static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
