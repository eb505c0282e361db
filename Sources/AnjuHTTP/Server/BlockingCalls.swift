import AnjuProtocol

extension AnjuProtocol.Request {
    /// Answers the request: calls that wait on the stores (``Request/mayBlock``) suspend
    /// this task while they do, the others (tens of microseconds of CPU) run inline.
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
        if let reply = request.runImmediately(on: backend, context: context) { return reply }
        return await request.run(on: backend, context: context)
    }

    /// ``answer(with:gate:known:connection:peer:)`` for a request outside any connection.
    func answer(with backend: any AssistantBackend, gate: SessionGate = SessionGate()) async -> Reply {
        var known: SessionGate.KnownSessions? = nil
        return await answer(with: backend, gate: gate, known: &known)
    }
}
