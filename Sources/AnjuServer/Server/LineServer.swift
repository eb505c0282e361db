import AnjuProtocol
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The line-protocol server (protocol.md) over SwiftNIO, as a swift-service-lifecycle
/// `Service`.
///
/// Run it in a `ServiceGroup` (``runServer(configuration:backend:logger:)`` does that): on
/// graceful shutdown it stops accepting, answers every line each connection has sent — also
/// lines still in its buffers or the socket — and closes each connection once it has been
/// quiet for ``Configuration/drainQuietPeriod``; then returns. Connections still open after
/// ``Configuration/shutdownTimeout`` (a client that does not read its replies) are cut.
///
/// Each connection's pipeline: ``LineFramingHandler`` (bytes → lines, bounded) →
/// ``ConnectionControlHandler`` (idle timeout, shutdown cut) → ``RequestHandler`` (the
/// request loop). Per connection, requests are answered one after another, in order: this
/// keeps replies in request order without a reordering buffer, and `ask` turns of one
/// session — which depend on each other — run in the order they were sent. Parallelism
/// comes from serving many connections at once on the event loops (one per core).
/// Read-ahead is bounded (``Configuration/maxPendingLines`` decoded lines per read cycle;
/// the socket is not read while a blocking call runs or the client's replies are not being
/// read), so neither memory nor other clients suffer from a greedy or a stalled client.
///
/// Calls that cannot wait (classify, faq, check, ping) run on the connection's event loop —
/// tens of microseconds of CPU, cheaper than any thread hop. `ask`, `reset` and `health`
/// wait on the stores: they run as Swift concurrency tasks (the stores suspend instead of
/// blocking a thread), while the connection's later lines wait in order.
///
/// Limits: ``Configuration/maxConnections`` connections are served, at most
/// ``Configuration/maxConnectionsPerPeer`` from one address; one over gets a `busy` line and
/// is closed. New sessions per address per minute are bounded too (`busy`). There is no separate global in-flight limit: with one request at a
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
        /// without a word). Default 4096 (an idle connection costs a few KB).
        public var maxConnections: Int
        /// Lines decoded from a connection's input per read cycle (pipelining clients): the
        /// rest stays as bytes until they are answered. Default 8.
        public var maxPendingLines: Int
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
        /// Connections served at once from one client address; more are told `busy` and
        /// closed. Default 256. (A gateway in front of the server is one address: raise it.)
        public var maxConnectionsPerPeer: Int
        /// New sessions per client address per minute — ids issued (`open`, `ask` without
        /// `session`) and client-chosen ids new to their connection; more are answered
        /// `busy`. Default 600; 0 = no limit.
        public var maxNewSessionsPerMinute: Int
        /// How long an issued session id stays valid unused (match the dialogue's session
        /// idle timeout). Default 600 s.
        public var sessionIdleTimeout: Duration
        /// After SIGTERM, a connection with nothing left to answer is closed once no new
        /// line has arrived for this long (lines already sent are still answered). Default 100 ms.
        public var drainQuietPeriod: Duration

        public init(
            host: String = "127.0.0.1",
            port: Int = 7420,
            maxLine: Int = 16 * 1024,
            idleTimeout: Duration = .seconds(300),
            maxConnections: Int = 4096,
            maxPendingLines: Int = 8,
            shutdownTimeout: Duration = .seconds(10),
            closeLinger: Duration = .seconds(1),
            backlog: Int32 = 1024,
            maxConnectionsPerPeer: Int = 256,
            maxNewSessionsPerMinute: Int = 600,
            sessionIdleTimeout: Duration = .seconds(600),
            drainQuietPeriod: Duration = .milliseconds(100)
        ) {
            self.maxConnectionsPerPeer = maxConnectionsPerPeer
            self.maxNewSessionsPerMinute = maxNewSessionsPerMinute
            self.sessionIdleTimeout = sessionIdleTimeout
            self.drainQuietPeriod = drainQuietPeriod
            self.host = host
            self.port = port
            self.maxLine = maxLine
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
            self.maxPendingLines = maxPendingLines
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
        self.handler = ProtocolHandler(
            backend: backend, sessions: SessionRegistry(idleTimeout: configuration.sessionIdleTimeout),
            newSessions: PeerRateLimiter(perMinute: configuration.maxNewSessionsPerMinute))
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.onListening = onListening
    }

    public func run() async throws {
        let registry = ConnectionRegistry(limit: configuration.maxConnections, perPeerLimit: configuration.maxConnectionsPerPeer)
        let services = ConnectionServices(
            protocolHandler: handler, logger: logger, maxLine: configuration.maxLine,
            idleTimeoutSeconds: configuration.idleTimeout.components.seconds,
            closeLinger: TimeAmount(configuration.closeLinger), drainQuiet: TimeAmount(configuration.drainQuietPeriod))
        let server = try await bind(services: services, registry: registry)
        guard let address = server.localAddress else {
            server.close(promise: nil)
            throw ChannelError.inappropriateOperationForState
        }
        logger.info("listening", metadata: ["address": "\(Self.describe(address))"])
        onListening(address)

        do {
            try await gracefulShutdown()
        } catch {
            // Cancelled: cut every connection at once.
            try? await server.close()
            for channel in registry.stopAccepting() { channel.close(promise: nil) }
            _ = try? await registry.waitUntilEmpty(timeout: .seconds(2))
            logger.info("stopped")
            return
        }
        logger.info("graceful shutdown: no longer accepting, finishing requests in flight")
        try? await server.close()
        for channel in registry.stopAccepting() {
            channel.pipeline.fireUserInboundEventTriggered(ShutdownConnectionEvent())
        }
        let finished = (try? await registry.waitUntilEmpty(timeout: configuration.shutdownTimeout)) ?? false
        if !finished {
            logger.warning("graceful shutdown timed out: closing the connections still open")
            for channel in registry.channels { channel.close(promise: nil) }
            _ = try? await registry.waitUntilEmpty(timeout: .seconds(2))
        }
        logger.info("stopped")
    }

    private func bind(services: ConnectionServices, registry: ConnectionRegistry) async throws -> any NIOCore.Channel {
        let maxLine = configuration.maxLine
        let idleTimeout = TimeAmount(configuration.idleTimeout)
        let batchSize = max(1, configuration.maxPendingLines)
        let nextID = Atomic<UInt64>(0)
        return try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: configuration.backlog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // Keep the output open after the client's EOF, to send the last replies (`nc -N`).
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                // Handlers are not Sendable: create them here, on the channel's event loop.
                channel.eventLoop.makeCompletedFuture {
                    let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
                    let pipeline = channel.pipeline.syncOperations
                    switch registry.admit(channel) {
                    case .serve:
                        try pipeline.addHandler(LineFramingHandler(maximumLineLength: maxLine, batchSize: batchSize))
                        try pipeline.addHandler(ConnectionControlHandler(idleTimeout: idleTimeout))
                        try pipeline.addHandler(RequestHandler(services: services, id: id))
                    case .refuse(let error):
                        var logger = services.logger
                        logger[metadataKey: "conn"] = "\(id)"
                        try pipeline.addHandler(LineFramingHandler(maximumLineLength: maxLine, batchSize: batchSize))
                        try pipeline.addHandler(RefusalHandler(logger: logger, closeLinger: services.closeLinger, error: error))
                    case .drop:
                        channel.close(promise: nil)
                    }
                }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
    }

    /// One reply as a line to send.
    static func buffer(_ reply: Reply, allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: reply.bytes.count + 1)
        buffer.writeBytes(reply.bytes)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
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
