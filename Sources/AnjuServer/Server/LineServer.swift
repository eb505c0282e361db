import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The line-protocol server (protocol.md) over SwiftNIO, as a swift-service-lifecycle
/// `Service`.
///
/// Run it in a `ServiceGroup` (``runServer(configuration:backend:logger:)`` does that): on
/// graceful shutdown it stops accepting, answers the lines each connection has already
/// sent, closes the connections and returns. Connections still open after
/// ``Configuration/shutdownTimeout`` (a client that does not read its replies) are cut.
///
/// Per connection, requests are handled one after another, in order: this keeps replies in
/// request order without a reordering buffer, and `ask` turns of one session — which
/// depend on each other — run in the order they were sent. Parallelism comes from serving
/// many connections at once. Read-ahead is bounded (``Configuration/maxPendingLines``
/// decoded lines, then the socket is not read until the loop catches up), and a client that
/// does not read its replies stalls only its own loop (the writer waits for the socket to
/// drain), so neither memory nor other clients suffer.
///
/// Backend calls run on a `NIOThreadPool` of ``Configuration/backendThreads`` threads, never
/// on an event loop or Swift's cooperative pool, because they may block (SQLite); with
/// `backendThreads = 0` they run inline in the connection's task (only for a backend that
/// never blocks). Parsing, validation and `ping` run in the connection's task.
///
/// Limits: ``Configuration/maxConnections`` connections are served; one over gets a `busy`
/// line and is closed. There is no separate global in-flight limit: with one request at a
/// time per connection, requests in flight never exceed the connections served.
public struct LineServer: Service {
    public struct Configuration: Sendable {
        /// Address to bind. Default 127.0.0.1.
        public var host: String
        /// Port to bind; 0 picks a free one (see `onListening`). Default 7420.
        public var port: Int
        /// Longest line in bytes, not counting its line ending. Default 16 KiB.
        public var maxLine: Int
        /// A connection with no complete line in and no reply pending for this long gets
        /// `idle_timeout` and is closed. Default 300 s.
        public var idleTimeout: Duration
        /// Connections served at once; one more is accepted, told `busy` and closed (while
        /// more than maxConnections / 8 are being refused at once, extra ones are closed
        /// without a word). Default 1024.
        public var maxConnections: Int
        /// Lines a connection may have waiting for the request loop before the server stops
        /// reading its socket (back-pressure for pipelining clients): at most about twice
        /// this many are held, plus one socket read of raw bytes. Default 8.
        public var maxPendingLines: Int
        /// Threads that run backend calls (they may block). Default: the number of cores.
        /// 0 runs them inline in the connection's task instead — faster, but only for a
        /// backend that never blocks.
        public var backendThreads: Int
        /// How long graceful shutdown waits for connections to finish before cutting them.
        /// Default 10 s.
        public var shutdownTimeout: Duration
        /// Closing a connection (idle timeout, shutdown, `busy`): how long to wait for the
        /// last replies to leave, and then for the client to close its side, so that bytes
        /// it sent meanwhile do not turn the close into a reset that destroys the replies.
        /// Default 1 s.
        public var closeLinger: Duration
        /// Listen backlog. Default 1024.
        public var backlog: Int32

        public init(
            host: String = "127.0.0.1",
            port: Int = 7420,
            maxLine: Int = 16 * 1024,
            idleTimeout: Duration = .seconds(300),
            maxConnections: Int = 1024,
            maxPendingLines: Int = 8,
            backendThreads: Int = System.coreCount,
            shutdownTimeout: Duration = .seconds(10),
            closeLinger: Duration = .seconds(1),
            backlog: Int32 = 1024
        ) {
            self.host = host
            self.port = port
            self.maxLine = maxLine
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
            self.maxPendingLines = maxPendingLines
            self.backendThreads = backendThreads
            self.shutdownTimeout = shutdownTimeout
            self.closeLinger = closeLinger
            self.backlog = backlog
        }
    }

    public let configuration: Configuration
    let handler: ProtocolHandler
    let logger: Logger
    let eventLoopGroup: any EventLoopGroup
    let onListening: @Sendable (SocketAddress) -> Void

    /// - Parameters:
    ///   - logger: used for one line per connection opened and closed, one per error reply
    ///     (its code only), and start/stop. Request text is never logged.
    ///   - eventLoopGroup: the event loops for sockets (default: NIO's shared singleton).
    ///   - onListening: called once with the bound address, before the first accept.
    public init(
        configuration: Configuration = Configuration(),
        backend: any AssistantBackend,
        logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onListening: @escaping @Sendable (SocketAddress) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.handler = ProtocolHandler(backend: backend)
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.onListening = onListening
    }

    public func run() async throws {
        guard configuration.backendThreads > 0 else {
            try await serve(runner: .inline)
            return
        }
        let pool = NIOThreadPool(numberOfThreads: configuration.backendThreads)
        pool.start()
        do {
            try await serve(runner: .threadPool(pool))
        } catch {
            try? await pool.shutdownGracefully()
            throw error
        }
        try await pool.shutdownGracefully()
    }

    typealias Connection = NIOAsyncChannel<LineFrame, ByteBuffer>

    private func serve(runner: BackendRunner) async throws {
        let server = try await bind()
        guard let address = server.channel.localAddress else {
            server.channel.close(promise: nil)
            throw ChannelError.inappropriateOperationForState
        }
        logger.info("listening", metadata: ["address": "\(Self.describe(address))"])
        onListening(address)

        enum Outcome: Sendable { case finished, deadline, cancelled }
        let shutdownTimeout = configuration.shutdownTimeout
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            group.addTask {
                try await self.acceptLoop(server, runner: runner)
                return .finished
            }
            group.addTask {
                do {
                    try await gracefulShutdown()
                } catch {
                    return .cancelled
                }
                self.logger.info("graceful shutdown: no longer accepting, finishing requests in flight")
                server.channel.close(promise: nil)
                do {
                    try await Task.sleep(for: shutdownTimeout)
                } catch {
                    return .cancelled
                }
                return .deadline
            }
            while let outcome = try await group.next() {
                switch outcome {
                case .finished:
                    group.cancelAll()
                    return
                case .deadline:
                    self.logger.warning("graceful shutdown timed out: closing the connections still open")
                    group.cancelAll()
                case .cancelled:
                    continue
                }
            }
        }
        logger.info("stopped")
    }

    private func bind() async throws -> NIOAsyncChannel<Connection, Never> {
        let maxLine = configuration.maxLine
        let idleTimeout = TimeAmount(configuration.idleTimeout)
        let highWatermark = max(1, configuration.maxPendingLines)
        let channelConfiguration = Connection.Configuration(
            backPressureStrategy: .init(lowWatermark: max(1, highWatermark / 2), highWatermark: highWatermark),
            isOutboundHalfClosureEnabled: false
        )
        return try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: configuration.backlog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // Keep the output open after the client's EOF, to send the last replies (`nc -N`).
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(host: configuration.host, port: configuration.port) { channel in
                // Handlers are not Sendable: create them here, on the channel's event loop,
                // and wrap the channel before any read can happen.
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(LineFramingHandler(maximumLineLength: maxLine, batchSize: highWatermark))
                    try pipeline.addHandler(ConnectionControlHandler(idleTimeout: idleTimeout))
                    return try Connection(wrappingChannelSynchronously: channel, configuration: channelConfiguration)
                }
            }
    }

    private func acceptLoop(_ server: NIOAsyncChannel<Connection, Never>, runner: BackendRunner) async throws {
        let limiter = ConnectionLimiter(limit: configuration.maxConnections)
        // Refusing takes a moment (the `busy` line, then a short linger): bound that too, so
        // a flood of connections cannot grow memory. Beyond it, connections close unanswered.
        let refusals = ConnectionLimiter(limit: max(16, configuration.maxConnections / 8))
        var nextID: UInt64 = 0
        try await server.executeThenClose { inbound in
            // A discarding group: finished connection tasks are not kept.
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in inbound {
                    nextID += 1
                    let id = nextID
                    if limiter.tryAcquire() {
                        group.addTask {
                            await self.serveConnection(connection, id: id, runner: runner)
                            limiter.release()
                        }
                    } else if refusals.tryAcquire() {
                        group.addTask {
                            await self.refuseConnection(connection, id: id)
                            refusals.release()
                        }
                    } else {
                        group.addTask {
                            try? await connection.executeThenClose { _, _ in }
                        }
                    }
                }
            }
        }
    }

    /// "127.0.0.1:7420", "[::1]:7420".
    public static func describe(_ address: SocketAddress?) -> String {
        guard let address else { return "?" }
        switch address {
        case .v4:
            return "\(address.ipAddress ?? "?"):\(address.port ?? 0)"
        case .v6:
            return "[\(address.ipAddress ?? "?")]:\(address.port ?? 0)"
        case .unixDomainSocket:
            return address.pathname ?? "unix"
        }
    }
}
