import AnjuJSON

extension Request {
    /// Answers the request with the backend: the one place where an operation becomes a
    /// reply, for every transport. May block when ``mayBlock`` is true.
    ///
    /// `context` says who asks (``AskContext``): `ask` passes it on, `reset` forgets the
    /// session in the namespace `context.secure` names. Sessions are issued by the
    /// transport's ``SessionGate`` before this runs: an `ask` without a session, or an
    /// `open`, that reaches here without one is answered `internal`.
    public func run(on backend: any AssistantBackend, context: AskContext = AskContext(secure: false)) -> Reply {
        let result: Result<JSONObject, BackendError>
        switch operation {
        case .ping:
            return .success(id: id, fields: ["pong": true])
        case .health:
            return .success(id: id, fields: backend.health().fields)
        case .open, .ask(session: nil, _, _):
            return .error(.internalError, id: id, format: .json)
        case .ask(let session?, let channel, let text):
            result = backend.ask(session: session, channel: channel, text: text, context: context)
        case .classify(let text, let limit):
            switch backend.classifyMembers(text: text, limit: limit) {
            case .success(let members): return .success(id: id, members: members)
            case .failure(let error): return .error(ProtocolError(error), id: id, format: .json)
            }
        case .faq(let query, let limit):
            result = backend.faq(query: query, limit: limit)
        case .check(let rule, let facts):
            result = backend.check(rule: rule, facts: facts)
        case .reset(let session):
            backend.reset(session: session, secure: context.secure)
            result = .success(["session": .string(session)])
        }
        switch result {
        case .success(let fields): return .success(id: id, fields: fields)
        case .failure(let error): return .error(ProtocolError(error), id: id, format: .json)
        }
    }
}
