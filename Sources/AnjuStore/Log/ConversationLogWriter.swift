import Dispatch
import Foundation
import GRDB
import Synchronization

/// The one writer of the conversation log: turns are queued by the conversation (never
/// waiting on the store) and written in batches through `MemberStore.logTurns` — one
/// transaction each, SQLite or PostgreSQL — by a thread of its own (for SQLite, on a
/// connection of its own: `AccountStore.makeLogWriter`).
///
/// - A write lock held by another program (an import, the `sqlite3` shell), or a database
///   that cannot be reached, delays only this thread: the rows wait in the queue and the
///   batch is retried (10 ms, doubling to 0.5 s) until it is written, so no row is lost once
///   the store answers again.
/// - The queue is bounded (`Options.capacity` rows, the batch being written included); when
///   it is full, new rows are dropped and counted, with one warning (`StoreHealth`).
/// - Each peer (the client's address) may add at most `Options.rowsPerPeerPerMinute` rows a
///   minute; further rows of that minute are dropped and counted, with one warning per peer.
/// - `flush(timeout:)` waits until everything queued is written; `close(timeout:)` flushes
///   and stops the thread.
///
/// Rows are masked (`Redactor`) when queued, so unmasked text never waits in memory longer
/// than the turn that produced it.
public final class ConversationLogWriter: Sendable {
    /// Tunables.
    public struct Options: Sendable {
        /// Rows held at most (queued and being written). Default 10,000.
        public var capacity: Int
        /// Rows written per transaction at most. Default 256.
        public var batchSize: Int
        /// Rows one peer may log per minute; 0 = no limit. Default 600.
        public var rowsPerPeerPerMinute: Int

        public init(capacity: Int = 10_000, batchSize: Int = 256, rowsPerPeerPerMinute: Int = 600) {
            self.capacity = max(1, capacity)
            self.batchSize = max(1, batchSize)
            self.rowsPerPeerPerMinute = max(0, rowsPerPeerPerMinute)
        }
    }

    private struct PeerWindow {
        var start: Date
        var count: Int
    }

    private struct State {
        var queue: [TurnRecord] = []
        var writing = 0
        /// Rows given a place and being masked, not yet in `queue`.
        var reserved = 0
        var wakePending = false
        var closed = false
        var peers: [String: PeerWindow] = [:]
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let store: any MemberStore
    /// Where failures and drops are counted and reported.
    public let health: StoreHealth
    /// The options in force.
    public let options: Options

    /// A writer of `store`'s log. Call `close()` before the process exits.
    public init(store: any MemberStore, options: Options = .init(), health: StoreHealth = StoreHealth()) {
        self.store = store
        self.options = options
        self.health = health
        let thread = Thread { [self] in self.run() }
        thread.name = "anju.log-writer"
        thread.start()
    }

    /// Queues one turn, masked. Returns false when it was dropped (queue full, peer over
    /// its rate, or the writer closed). Never blocks on the database.
    ///
    /// The row's place is taken first and the row masked after, outside the lock: a row
    /// that is dropped is never masked, and turns on other threads do not wait for a mask.
    @discardableResult
    public func enqueue(_ turn: TurnRecord, peer: String? = nil) -> Bool {
        let perMinute = options.rowsPerPeerPerMinute
        enum Verdict { case reserved, full, rate, closed }
        let verdict = state.withLock { state -> Verdict in
            if state.closed { return .closed }
            if let peer, perMinute > 0 {
                var window = state.peers[peer] ?? PeerWindow(start: turn.time, count: 0)
                if turn.time.timeIntervalSince(window.start) >= 60 || turn.time < window.start {
                    window = PeerWindow(start: turn.time, count: 0)
                }
                if window.count >= perMinute {
                    state.peers[peer] = window
                    return .rate
                }
                window.count += 1
                state.peers[peer] = window
                if state.peers.count > 50_000 {
                    // Forget windows that are over.
                    state.peers = state.peers.filter { turn.time.timeIntervalSince($0.value.start) < 60 }
                }
            }
            if state.queue.count + state.writing + state.reserved >= options.capacity { return .full }
            state.reserved += 1
            return .reserved
        }
        switch verdict {
        case .reserved:
            let row = LoggedTurn(masking: turn).record
            let wake = state.withLock { state -> Bool in
                state.reserved -= 1
                state.queue.append(row)
                let wake = !state.wakePending
                state.wakePending = true
                return wake
            }
            if wake { self.wake.signal() }
            return true
        case .full:
            health.dropped(rows: 1)
            return false
        case .rate:
            health.rateLimited(peer: peer ?? "?")
            return false
        case .closed:
            return false
        }
    }

    /// Rows queued or being written now.
    public var pending: Int { state.withLock { $0.queue.count + $0.writing + $0.reserved } }

    /// Waits until every row queued so far is written (true) or `timeout` passes (false).
    @discardableResult
    public func flush(timeout: TimeInterval = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while pending > 0 {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return true
    }

    /// Stops taking rows, writes what is queued (waiting at most `timeout` for a lock held
    /// elsewhere; rows still unwritten then are counted as dropped) and ends the thread.
    /// Returns whether everything was written.
    @discardableResult
    public func close(timeout: TimeInterval = 5) -> Bool {
        let first = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return pending == 0 }
        let written = flush(timeout: timeout)
        state.withLock { $0.wakePending = true }
        wake.signal()
        _ = finished.wait(timeout: .now() + 1)
        if !written { health.dropped(rows: pending) }
        return written
    }

    // MARK: The thread

    private func run() {
        defer { finished.signal() }
        while true {
            wake.wait()
            while true {
                let batch = state.withLock { state -> [TurnRecord]? in
                    state.wakePending = false
                    if state.queue.isEmpty { return state.closed ? nil : [] }
                    let batch = Array(state.queue.prefix(options.batchSize))
                    state.queue.removeFirst(batch.count)
                    state.writing = batch.count
                    return batch
                }
                guard let batch else { return }
                if batch.isEmpty { break }
                write(batch)
                state.withLock { $0.writing = 0 }
            }
        }
    }

    /// Writes one batch in one transaction, retrying until it is written (or the writer is
    /// closed and still cannot write).
    private func write(_ batch: [TurnRecord]) {
        var delay = 0.01
        while true {
            if let error = send(batch) {
                health.writeFailed("conversation log", error)
                if state.withLock({ $0.closed }) && delay >= 0.5 {
                    // Closing and the lock is still held: give up on this batch.
                    health.dropped(rows: batch.count)
                    return
                }
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 0.5)
            } else {
                health.wrote(rows: batch.count)
                return
            }
        }
    }

    /// Writes one batch; its error, if any. SQLite is written right here, on the writer's own
    /// thread and connection; another store through its async `logTurns`, waited for here.
    private func send(_ batch: [TurnRecord]) -> StoreError? {
        if let sqlite = store as? AccountStore {
            do throws(StoreError) { try sqlite.logMaskedTurns(batch) } catch { return error }
            return nil
        }
        return Self.waitFor { [store] () async throws(StoreError) in try await store.logTurns(batch) }
    }

    /// Runs `operation` and waits for it on this (the writer's own) thread; its error, if any.
    private static func waitFor(_ operation: @escaping @Sendable () async throws(StoreError) -> Void) -> StoreError? {
        let done = DispatchSemaphore(value: 0)
        let failure = Mutex<StoreError?>(nil)
        Task {
            do throws(StoreError) { try await operation() } catch { failure.withLock { $0 = error } }
            done.signal()
        }
        done.wait()
        return failure.withLock { $0 }
    }
}

extension LoggedTurn {
    /// The masked turn as a record to write (masking it again changes nothing).
    var record: TurnRecord {
        TurnRecord(session: session, time: time, channel: channel, text: pinTurn ? "" : text, intent: intent,
                   confidence: confidence, reply: reply, containsPIN: pinTurn)
    }
}

extension AccountStore {
    /// A log writer with a connection of its own to this store's file (for an in-memory
    /// store, this store's connection). Call `close()` before the process exits.
    ///
    /// Its connection waits up to 1 s per try for another program's lock, off every
    /// conversation's path; the writer retries after that.
    public func makeLogWriter(options: ConversationLogWriter.Options = .init(),
                              health: StoreHealth = StoreHealth()) throws(StoreError) -> ConversationLogWriter {
        ConversationLogWriter(store: try logConnection(), options: options, health: health)
    }

    /// This store on a connection of its own for the log writer (an in-memory store: this
    /// store), which waits up to 1 s per try for another program's lock.
    public func logConnection() throws(StoreError) -> AccountStore {
        guard database.path != ":memory:" else { return self }
        return try AccountStore(database: AppDatabase(path: database.path, busyTimeout: 1), seed: .none,
                                options: options, progress: { _ in })
    }
}
