import AnjuProtocol
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// `POST /v1/ask`, `/v1/classify`, `/v1/faq`, `/v1/check`, `/v1/reset` (and `/v1/ping`,
/// `/v1/health`): the body is the line protocol's JSON request (its `op` is ignored: the
/// path names it), the reply is the line protocol's JSON reply, with an HTTP status by
/// error code.
struct APIRoutes: Sendable {
    let backend: any AssistantBackend
    /// Issued sessions and `open`: a turn is `secure` only in a session this server issued.
    let gate: SessionGate
    let metrics: AnjuMetrics
    let maxBody: Int

    func add(to router: Router<AnjuRequestContext>) {
        router.post("/v1/:op") { request, context -> Response in
            let name = context.parameters.get("op") ?? ""
            let response = await respond(op: name, body: request.body, peer: context.peer)
            metrics.recordHTTP(path: "/v1/" + (ProtocolRequest.Op(rawValue: name)?.rawValue ?? "unknown"), status: Int(response.status.code))
            return response
        }
    }

    func respond(op name: String, body: RequestBody, peer: String = "?") async -> Response {
        guard let op = ProtocolRequest.Op(rawValue: name) else {
            return .json(RequestRejection(id: nil, error: .unknownOp(name)).reply)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: maxBody)
        } catch {
            return .json(Reply.error(.lineTooLong(limit: maxBody), id: nil, format: .json))
        }
        let bytes = buffer.readableBytesView
        let decoded = ProtocolRequest.decode(utf8: bytes.starts(with: ReplyFormat.utf8BOM) ? bytes.dropFirst(3) : bytes[...], op: op)
        switch decoded {
        case .failure(let rejection):
            return .json(rejection.reply)
        case .success(let request):
            // No connection: every client-chosen id counts as seen (nil), but issued ones
            // (`open`, `ask` without a session) count against this address's limit.
            var known: SessionGate.KnownSessions? = nil
            return .json(await request.answer(with: backend, gate: gate, known: &known, peer: peer))
        }
    }
}
