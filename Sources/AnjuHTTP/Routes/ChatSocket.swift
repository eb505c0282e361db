import AnjuProtocol
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The WebSocket `/v1/chat`: each text message is one JSON request of the line protocol
/// (`op` defaults to `ask`), answered by one text message with the JSON reply, in order.
/// A binary message, or one over the size limit, gets an error reply; the socket stays open.
struct ChatSocket: Sendable {
    let backend: any AssistantBackend
    /// Issued sessions and `open`: a turn is `secure` only in a session this server issued.
    let gate: SessionGate
    let metrics: AnjuMetrics
    let maxMessage: Int

    func add(to router: Router<AnjuRequestContext>) {
        router.ws("/v1/chat") { _, _ in
            metrics.recordHTTP(path: "/v1/chat", status: 101)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let peer = context.requestContext.peer
            metrics.webSocket(opened: true)
            defer { metrics.webSocket(opened: false) }
            // Frames are read one at a time and each is answered before the next is read:
            // replies stay in request order and a session's turns run one after another.
            var frames = inbound.makeAsyncIterator()
            // Client-chosen session ids this socket has used (new ones count against the
            // new-session limit, as on a line connection).
            var known: SessionGate.KnownSessions? = SessionGate.KnownSessions()
            while let frame = try await frames.nextMessage(maxSize: maxMessage) {
                let reply: Reply
                switch frame {
                case .text(let text):
                    reply = await answer(text, known: &known, peer: peer)
                case .binary:
                    reply = .error(Self.binaryRefused, id: nil, format: .json)
                }
                try await outbound.write(.text(reply.text))
            }
        }
    }

    func answer(_ text: String, known: inout SessionGate.KnownSessions?, peer: String = "?") async -> Reply {
        switch ProtocolRequest.decode(utf8: text.utf8) {
        case .failure(let rejection): return rejection.reply
        case .success(let request): return await request.answer(with: backend, gate: gate, known: &known, peer: peer)
        }
    }

    static let binaryRefused = ProtocolError(
        code: .badRequest,
        message: "请用文本消息发送 JSON 请求，不要用二进制消息。 / Send each JSON request as a text message, not a binary one.")
}
