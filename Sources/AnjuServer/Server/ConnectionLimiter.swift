import Synchronization

/// Counts the connections being served, against ``LineServer/Configuration/maxConnections``.
final class ConnectionLimiter: Sendable {
    let limit: Int
    private let active = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot; false when all are taken.
    func tryAcquire() -> Bool {
        let now = active.wrappingAdd(1, ordering: .relaxed).newValue
        if now > limit {
            active.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func release() {
        active.wrappingSubtract(1, ordering: .relaxed)
    }

    var current: Int { active.load(ordering: .relaxed) }
}
