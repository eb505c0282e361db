import AnjuStore
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// A pool of connections to one PostgreSQL database, and the lifecycle of the task that
/// runs it.
///
/// PostgresNIO's `PostgresClient` only hands out connections while its `run()` is running;
/// this type starts that task when it is made and ends it in `shutdown()` (or when the
/// value goes away). The pool opens connections as they are needed and replaces the ones
/// that break, so the store reconnects on its own after PostgreSQL restarts or the network
/// comes back; until then every operation fails within its timeout with `.storeUnavailable`.
public final class PostgresPool: Sendable {
    /// Where the database is (its `description` has no password).
    public let location: PostgresLocation
    /// How long one store operation may take, connection included, before it fails with
    /// `.storeUnavailable`.
    public let operationTimeout: Duration
    let client: PostgresClient
    let logger: Logger
    private let runner: Mutex<Task<Void, Never>?>

    /// Starts a pool of at most `maximumConnections` connections to `location`.
    ///
    /// One connection attempt may take `connectTimeout` (by default the operation timeout,
    /// at most 5 seconds); the pool retries failed attempts while operations wait.
    public init(location: PostgresLocation, maximumConnections: Int = 16, operationTimeout: Duration = .seconds(3),
                connectTimeout: Duration? = nil, logger: Logger = PostgresPool.quietLogger) {
        self.location = location
        self.operationTimeout = operationTimeout
        self.logger = logger
        let client = PostgresClient(
            configuration: location.clientConfiguration(maximumConnections: maximumConnections,
                                                        connectTimeout: connectTimeout ?? min(operationTimeout, .seconds(5))),
            backgroundLogger: logger)
        self.client = client
        self.runner = Mutex(Task { await client.run() })
    }

    /// Parses `url` and starts a pool (see `init(location:…)`).
    public convenience init(url: String, maximumConnections: Int = 16, operationTimeout: Duration = .seconds(3),
                            connectTimeout: Duration? = nil, logger: Logger = PostgresPool.quietLogger) throws(StoreError) {
        self.init(location: try PostgresLocation(url), maximumConnections: maximumConnections,
                  operationTimeout: operationTimeout, connectTimeout: connectTimeout, logger: logger)
    }

    /// PostgresNIO's background messages at warning level and above (a failed connection
    /// attempt is reported through the operation's `StoreError`, not once per retry).
    public static var quietLogger: Logger {
        var logger = Logger(label: "anju.postgres")
        logger.logLevel = .warning
        return logger
    }

    deinit {
        runner.withLock { $0?.cancel() }
    }

    /// Closes the pool's connections and ends its task; operations after it fail with
    /// `.storeUnavailable`. Calling it again does nothing.
    public func shutdown() async {
        let task = runner.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await task?.value
    }

    // MARK: - Running operations

    /// Runs one SQL statement as written (no parameters): administration and tests.
    func execute(unsafeSQL sql: String) async throws(StoreError) {
        try await run { client in _ = try await client.query(PostgresQuery(unsafeSQL: sql)) }
    }

    /// Runs `operation` with the pool within `timeout` (default `operationTimeout`),
    /// translating every failure into a `StoreError`.
    func run<T: Sendable>(timeout: Duration? = nil,
                          _ operation: @escaping @Sendable (PostgresClient) async throws -> T) async throws(StoreError) -> T {
        let client = self.client
        do {
            return try await Deadline.run(timeout ?? operationTimeout) { try await operation(client) }
        } catch {
            throw storeError(error)
        }
    }

    /// Runs `body` in a transaction on one connection within the operation timeout: all of
    /// it is committed, or (when it throws) none.
    func transaction<T: Sendable>(timeout: Duration? = nil,
                                  _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        let logger = self.logger
        return try await run(timeout: timeout) { client in
            try await client.withConnection { connection in
                try await PostgresPool.inTransaction(connection, logger: logger) { try await body(connection) }
            }
        }
    }

    /// `BEGIN`, `body`, `COMMIT`; `ROLLBACK` and rethrow when `body` throws.
    static func inTransaction<T>(_ connection: PostgresConnection, logger: Logger,
                                 _ body: () async throws -> T) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        let result: T
        do {
            result = try await body()
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        try await connection.query("COMMIT", logger: logger)
        return result
    }

    /// Leases a connection within `leaseTimeout`, then runs `body` on it with no time
    /// limit (a conversation turn holding its session's row lock). The lease is given back
    /// when `body` returns.
    ///
    /// `body` is not `Sendable` (the dialogue's turn), so it runs in the calling task; a
    /// child task leases the connection, hands it over and holds the lease until released.
    func withLeasedConnection<T>(leaseTimeout: Duration,
                                 _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let (events, eventSink) = AsyncStream<LeaseEvent>.makeStream()
        let (release, releaseSink) = AsyncStream<Void>.makeStream()
        let client = self.client
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await client.withConnection { connection in
                        eventSink.yield(.leased(connection))
                        for await _ in release {}
                    }
                } catch {
                    eventSink.yield(.failed(error))
                }
            }
            group.addTask {
                try? await Task.sleep(for: leaseTimeout)
                eventSink.yield(.timedOut)
            }
            defer {
                releaseSink.finish()
                group.cancelAll()
            }
            var iterator = events.makeAsyncIterator()
            switch await iterator.next() {
            case .leased(let connection)?:
                return try await body(connection)
            case .failed(let error)?:
                throw storeError(error)
            case .timedOut?, nil:
                throw storeError(Deadline.Exceeded(timeout: leaseTimeout))
            }
        }
    }

    // MARK: - Errors

    /// Translates a PostgresNIO failure: connection trouble → `.storeUnavailable`, anything
    /// the server refused → `.database` with the server's words. Never the password.
    func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        let reason: String
        switch error {
        case let error as Deadline.Exceeded:
            reason = "\(error.timeout) 内无响应 / no answer within \(error.timeout)"
        case let error as PSQLError:
            if error.code == .server, let state = error.serverInfo?[.sqlState] {
                let message = error.serverInfo?[.message] ?? ""
                // 08 connection, 28 authorisation, 3D no database, 53 resources, 57P shutdown/startup.
                let unavailable = ["08", "28", "3D", "53", "57"].contains(String(state.prefix(2)))
                guard unavailable else {
                    return StoreError(.database, """
                        PostgreSQL 数据库 \(location) 出错：\(message)（SQLSTATE \(state)） / \
                        PostgreSQL error on \(location): \(message) (SQLSTATE \(state))
                        """, path: location.description)
                }
                reason = "\(message) (SQLSTATE \(state))"
            } else if let underlying = error.underlying {
                reason = "\(error.code): \(underlying)"
            } else {
                reason = "\(error.code)"
            }
        case is CancellationError:
            reason = "操作被取消 / cancelled"
        default:
            reason = String(describing: type(of: error))
        }
        return StoreError(.storeUnavailable, """
            暂时无法连接 PostgreSQL 数据库 \(location)（\(reason)），会员资料暂时无法查询；anju 会自动重连，请稍后再试。 / \
            cannot reach the PostgreSQL database \(location) (\(reason)): member data is unavailable for now; anju reconnects by itself, try again shortly.
            """, path: location.description)
    }
}

/// What happened to a connection lease of `withLeasedConnection`.
private enum LeaseEvent: Sendable {
    case leased(PostgresConnection)
    case failed(any Error)
    case timedOut
}

/// Runs an operation against a time limit.
enum Deadline {
    /// The limit passed.
    struct Exceeded: Error, Sendable {
        let timeout: Duration
    }

    private enum Outcome<T: Sendable>: Sendable {
        case value(T)
        case timedOut
    }

    /// `operation`'s result, or `Exceeded` after `timeout` (the operation is then cancelled).
    static func run<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
            group.addTask { .value(try await operation()) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return .timedOut
            }
            defer { group.cancelAll() }
            switch try await group.next() {
            case .value(let value)?: return value
            case .timedOut?, nil: throw Exceeded(timeout: timeout)
            }
        }
    }
}
