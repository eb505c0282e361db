import AnjuProtocol
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// The HTTP side of Anju (docs/protocol-1.1-http.md): `POST /v1/{op}`, the WebSocket
/// `/v1/chat`, `GET /healthz`, `/readyz`, `/metrics` and the chat page at `/`, over
/// Hummingbird.
///
/// ``makeApplication(configuration:backend:metrics:logger:onListening:)`` returns a
/// swift-service-lifecycle `Service`: run it in the same `ServiceGroup` as the line server
/// (`runServer(…, alongside:)`), over the same ``AssistantBackend``.
public enum HTTPServer {
    /// Where and how to listen.
    public struct Configuration: Sendable {
        /// Address to bind. Default 127.0.0.1.
        public var host: String
        /// Port to bind; 0 picks a free one (see `onListening`). Default 8080.
        public var port: Int
        /// Largest request body (and WebSocket message) in bytes. Default 16 KiB, as a line.
        public var maxBody: Int

        public init(host: String = "127.0.0.1", port: Int = 8080, maxBody: Int = 16 * 1024) {
            self.host = host
            self.port = port
            self.maxBody = maxBody
        }
    }

    /// The HTTP routes: `/v1/{op}`, health, metrics and the page.
    public static func makeRouter(
        configuration: Configuration,
        backend: any AssistantBackend,
        metrics: AnjuMetrics,
        gate: SessionGate = SessionGate()
    ) -> Router<AnjuRequestContext> {
        let router = Router(context: AnjuRequestContext.self)
        APIRoutes(backend: backend, gate: gate, metrics: metrics, maxBody: configuration.maxBody).add(to: router)
        HealthRoutes(backend: backend, metrics: metrics).add(to: router)
        ChatPage.add(to: router, metrics: metrics)
        return router
    }

    /// The WebSocket upgrades: `/v1/chat` only, in a router of its own, so plain HTTP
    /// requests are not matched twice.
    public static func makeWebSocketRouter(
        configuration: Configuration,
        backend: any AssistantBackend,
        metrics: AnjuMetrics,
        gate: SessionGate = SessionGate()
    ) -> Router<AnjuRequestContext> {
        let router = Router(context: AnjuRequestContext.self)
        ChatSocket(backend: backend, gate: gate, metrics: metrics, maxMessage: configuration.maxBody).add(to: router)
        return router
    }

    /// The HTTP server as a `Service`. `onListening` gets the bound address once listening
    /// (the real port when `configuration.port` is 0).
    public static func makeApplication(
        configuration: Configuration,
        backend: any AssistantBackend,
        metrics: AnjuMetrics,
        gate: SessionGate = SessionGate(),
        logger: Logger,
        onListening: @escaping @Sendable (SocketAddress) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = makeRouter(configuration: configuration, backend: backend, metrics: metrics, gate: gate)
        let webSocketRouter = makeWebSocketRouter(configuration: configuration, backend: backend, metrics: metrics, gate: gate)
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: webSocketRouter,
                configuration: .init(ws: WebSocketServerConfiguration(maxFrameSize: configuration.maxBody))),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "anju"),
            onServerRunning: { channel in
                if let address = channel.localAddress { await onListening(address) }
            },
            logger: logger
        )
    }
}
