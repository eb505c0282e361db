import Synchronization

/// Counts what went wrong with the store's writes, and says so once: the first failure of
/// each kind goes to `warn`, later ones are only counted (a held lock must not turn into a
/// log line per conversation turn).
///
/// Shared by the conversation log writer, verification and the server; the server reads the
/// counters (e.g. on shutdown) and passes a `warn` that writes to its logger.
public final class StoreHealth: Sendable {
    /// The counters at one moment.
    public struct Counts: Sendable, Hashable {
        /// Store writes that failed (each retry of a log batch counts once).
        public var writeFailures = 0
        /// Log rows dropped because the log writer's queue was full.
        public var droppedRows = 0
        /// Log rows dropped because one peer sent more than its share per minute.
        public var rateLimitedRows = 0
        /// Log rows written.
        public var writtenRows = 0
    }

    private struct State {
        var counts = Counts()
        var warned: Set<String> = []
    }

    private let state = Mutex(State())
    private let warn: @Sendable (String) -> Void

    /// - Parameter warn: receives one line per kind of trouble, the first time it happens.
    public init(warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.warn = warn
    }

    /// The counters now.
    public var counts: Counts { state.withLock { $0.counts } }

    /// A store write failed; the first one (per `kind`) is reported.
    public func writeFailed(_ kind: String, _ error: StoreError) {
        let first = state.withLock { state -> Bool in
            state.counts.writeFailures += 1
            return state.warned.insert("write:" + kind).inserted
        }
        if first {
            warn("store write failed (\(kind), code \(error.code)); further failures are counted, not logged: \(error.message)")
        }
    }

    func dropped(rows: Int) {
        let first = state.withLock { state -> Bool in
            state.counts.droppedRows += rows
            return state.warned.insert("overflow").inserted
        }
        if first { warn("conversation log queue full: rows are being dropped and counted") }
    }

    func rateLimited(peer: String) {
        let first = state.withLock { state -> Bool in
            state.counts.rateLimitedRows += 1
            return state.warned.insert("rate:" + peer).inserted
        }
        if first { warn("conversation log: peer \(peer) is over its rows per minute; its extra rows are dropped and counted") }
    }

    func wrote(rows: Int) {
        state.withLock { $0.counts.writtenRows += rows }
    }
}
