import Foundation
import Synchronization

/// Counts events per peer (client address) in one-minute windows and says when a peer is
/// over its share: used for new sessions per minute (protocol error `busy`).
///
/// Bounded: at most `capacity` peers are tracked; windows that are over are forgotten
/// first, and if every tracked peer is live the table is cleared (a flood of addresses
/// resets the counts rather than growing memory).
public final class PeerRateLimiter: Sendable {
    private struct Window {
        var start: ContinuousClock.Instant
        var count: Int
    }

    private let windows = Mutex<[String: Window]>([:])
    /// Events allowed per peer per minute; 0 = no limit.
    public let perMinute: Int
    public let capacity: Int

    public init(perMinute: Int, capacity: Int = 65_536) {
        self.perMinute = max(0, perMinute)
        self.capacity = max(16, capacity)
    }

    /// Counts one event for `peer`; false when the peer is over its limit (not counted).
    public func allow(_ peer: String, now: ContinuousClock.Instant = .now) -> Bool {
        guard perMinute > 0 else { return true }
        return windows.withLock { windows in
            var window = windows[peer] ?? Window(start: now, count: 0)
            if now - window.start >= .seconds(60) { window = Window(start: now, count: 0) }
            guard window.count < perMinute else { return false }
            window.count += 1
            if windows[peer] == nil, windows.count >= capacity {
                windows = windows.filter { now - $0.value.start < .seconds(60) }
                if windows.count >= capacity { windows.removeAll(keepingCapacity: true) }
            }
            windows[peer] = window
            return true
        }
    }
}
