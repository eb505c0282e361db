import AnjuJSON

extension Request {
    /// Answers the request with the backend: the one place where an operation becomes a
    /// reply, for every transport. May block when ``mayBlock`` is true.
    public func run(on backend: any AssistantBackend) -> Reply {
        let result: Result<JSONObject, BackendError>
        switch operation {
        case .ping:
            return .success(id: id, fields: ["pong": true])
        case .health:
            return .success(id: id, fields: backend.health().fields)
        case .ask(let session, let channel, let text):
            result = backend.ask(session: session, channel: channel, text: text)
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
            backend.reset(session: session)
            result = .success(["session": .string(session)])
        }
        switch result {
        case .success(let fields): return .success(id: id, fields: fields)
        case .failure(let error): return .error(ProtocolError(error), id: id, format: .json)
        }
    }
}
