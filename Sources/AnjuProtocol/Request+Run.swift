import AnjuJSON

extension Request {
    /// Answers the request with the backend: the one place where an operation becomes a
    /// reply, for every transport. Suspends (on the stores) when ``mayBlock`` is true; the
    /// other operations are answered by ``runImmediately(on:context:)``.
    ///
    /// `context` says who asks (``AskContext``): `ask` passes it on, `reset` forgets the
    /// session in the namespace `context.secure` names. Sessions are issued by the
    /// transport's ``SessionGate`` before this runs: an `ask` without a session, or an
    /// `open`, that reaches here without one is answered `internal`.
    public func run(on backend: any AssistantBackend, context: AskContext = AskContext(secure: false)) async -> Reply {
        let result: Result<JSONObject, BackendError>
        switch operation {
        case .health:
            return .success(id: id, fields: await backend.health().fields)
        case .ask(let session?, let channel, let text):
            result = await backend.ask(session: session, channel: channel, text: text, context: context)
        case .reset(let session):
            await backend.reset(session: session, secure: context.secure)
            result = .success(["session": .string(session)])
        default:
            return runImmediately(on: backend, context: context) ?? .error(.internalError, id: id, format: .json)
        }
        switch result {
        case .success(let fields): return .success(id: id, fields: fields)
        case .failure(let error): return .error(ProtocolError(error), id: id, format: .json)
        }
    }

    /// The reply to an operation that never waits (``mayBlock`` false: ping, classify,
    /// faq, check), computed on the calling thread; nil for the others.
    public func runImmediately(on backend: any AssistantBackend, context: AskContext = AskContext(secure: false)) -> Reply? {
        let result: Result<JSONObject, BackendError>
        switch operation {
        case .ping:
            return .success(id: id, fields: ["pong": true])
        case .open, .ask(session: nil, _, _):
            return .error(.internalError, id: id, format: .json)
        case .ask, .health, .reset:
            return nil
        case .classify(let text, let limit):
            switch backend.classifyMembers(text: text, limit: limit) {
            case .success(let members): return .success(id: id, members: members)
            case .failure(let error): return .error(ProtocolError(error), id: id, format: .json)
            }
        case .faq(let query, let limit):
            result = backend.faq(query: query, limit: limit)
        case .check(let rule, let facts):
            result = backend.check(rule: rule, facts: facts)
        }
        switch result {
        case .success(let fields): return .success(id: id, fields: fields)
        case .failure(let error): return .error(ProtocolError(error), id: id, format: .json)
        }
    }
}
