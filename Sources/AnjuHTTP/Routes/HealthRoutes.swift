import AnjuProtocol
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// `GET /healthz` (the process answers), `GET /readyz` (the backend's ``HealthReport``:
/// 200 when ready, 503 otherwise) and `GET /metrics` (Prometheus text format).
struct HealthRoutes: Sendable {
    let backend: any AssistantBackend
    let metrics: AnjuMetrics

    func add(to router: Router<AnjuRequestContext>) {
        router.get("/healthz") { _, _ -> Response in
            metrics.recordHTTP(path: "/healthz", status: 200)
            return .json(Array(#"{"ok":true,"status":"alive"}"#.utf8), status: .ok)
        }
        router.get("/readyz") { _, _ -> Response in
            let reply = await ProtocolRequest(operation: .health).answer(with: backend)
            let ready = reply.json?.objectValue?["ready"] == .bool(true)
            let status: HTTPResponse.Status = reply.isError ? reply.httpStatus : (ready ? .ok : .serviceUnavailable)
            metrics.recordHTTP(path: "/readyz", status: Int(status.code))
            return .json(reply.bytes, status: status)
        }
        router.get("/metrics") { _, _ -> Response in
            metrics.recordHTTP(path: "/metrics", status: 200)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
    }
}
