import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of every HTTP route and the WebSocket: Hummingbird's WebSocket
/// context plus the peer's address, so the per-address limits (new sessions per minute,
/// failed verifications) count an HTTP client as they count a line connection.
public struct AnjuRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// The connected client's address (nil for a test client without a socket).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The key the per-peer limits count under: the IP address, as on the line server.
    var peer: String { remoteAddress?.ipAddress ?? remoteAddress?.pathname ?? "?" }
}
