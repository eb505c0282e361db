import AnjuProtocol
import NIOPosix

extension AnjuProtocol.Request {
    /// Answers the request without blocking a Swift concurrency thread: calls that may
    /// wait on the member database (``Request/mayBlock``) run on NIO's shared thread pool,
    /// the others (tens of microseconds of CPU) inline.
    ///
    /// The session rules (`open`, issued ids, `secure`) are applied first by `gate`; `known`
    /// is the WebSocket connection's client-chosen ids (nil for a plain HTTP request).
    func answer(with backend: any AssistantBackend, gate: SessionGate = SessionGate(),
                known: inout SessionGate.KnownSessions?, connection: UInt64 = 0, peer: String = "?") async -> Reply {
        let request: Self
        let context: AskContext
        switch gate.prepare(self, connection: connection, peer: peer, known: &known) {
        case .reply(let reply): return reply
        case .run(let prepared, let asked): (request, context) = (prepared, asked)
        }
        guard request.mayBlock else { return request.run(on: backend, context: context) }
        do {
            return try await NIOThreadPool.singleton.runIfActive { request.run(on: backend, context: context) }
        } catch {
            return .error(.internalError, id: id, format: .json)
        }
    }

    /// ``answer(with:gate:known:connection:peer:)`` for a request outside any connection.
    func answer(with backend: any AssistantBackend, gate: SessionGate = SessionGate()) async -> Reply {
        var known: SessionGate.KnownSessions? = nil
        return await answer(with: backend, gate: gate, known: &known)
    }
}
