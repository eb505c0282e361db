import Foundation
import Synchronization

/// Failed verifications counted per key — a connection, a session, a peer address — in
/// memory, so that trying ID numbers one after another costs something even when they
/// belong to nobody (the per-member count in the database only sees members).
///
/// After `limit` failures of one key within `window`, that key is refused until the window
/// of its first failure is over. Every failure counts, unknown ID and wrong PIN alike: a
/// limit on unknown IDs only would itself tell members from non-members.
///
/// The table is bounded (`capacity` keys, expired ones forgotten first), so a flood of
/// keys cannot grow memory.
public final class AttemptLimiter: Sendable {
    private struct Entry {
        var first: Date
        var count: Int
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Failures allowed per key per window. Default 5.
    public let limit: Int
    /// The window. Default 15 minutes.
    public let window: TimeInterval
    /// Keys kept at most.
    public let capacity: Int

    public init(limit: Int = 5, window: TimeInterval = 15 * 60, capacity: Int = 100_000) {
        self.limit = max(1, limit)
        self.window = window
        self.capacity = max(16, capacity)
    }

    /// Until when the first of `keys` that is over its limit is refused; nil when none is.
    public func blockedUntil(_ keys: [String], now: Date = Date()) -> Date? {
        entries.withLock { entries in
            var until: Date?
            for key in keys {
                guard let entry = entries[key] else { continue }
                let end = entry.first.addingTimeInterval(window)
                if end <= now {
                    entries[key] = nil
                } else if entry.count >= limit {
                    until = max(until ?? end, end)
                }
            }
            return until
        }
    }

    /// Counts one failure for each of `keys`; returns until when the worst of them is now
    /// refused, or nil when none has reached the limit.
    @discardableResult
    public func recordFailure(_ keys: [String], now: Date = Date()) -> Date? {
        entries.withLock { entries in
            if entries.count + keys.count > capacity {
                entries = entries.filter { $0.value.first.addingTimeInterval(window) > now }
                if entries.count + keys.count > capacity {
                    // Still full of live keys: forget the oldest half.
                    let keep = entries.sorted { $0.value.first > $1.value.first }.prefix(capacity / 2)
                    entries = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
                }
            }
            var until: Date?
            for key in keys {
                var entry = entries[key] ?? Entry(first: now, count: 0)
                if entry.first.addingTimeInterval(window) <= now { entry = Entry(first: now, count: 0) }
                entry.count += 1
                entries[key] = entry
                if entry.count >= limit {
                    let end = entry.first.addingTimeInterval(window)
                    until = max(until ?? end, end)
                }
            }
            return until
        }
    }

    /// Forgets `keys` (e.g. a session that verified successfully keeps no count).
    public func clear(_ keys: [String]) {
        entries.withLock { entries in for key in keys { entries[key] = nil } }
    }
}
