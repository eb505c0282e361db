import AnjuJSON

/// The session rules of protocol 1.1 (issue 13), shared by every transport: server-issued
/// session ids (``SessionRegistry``), `open`, an `ask` without a session, and the per-peer
/// limit on new sessions (``PeerRateLimiter``).
///
/// Holding an issued id is the proof of owning it (it is unguessable): only then is the
/// turn `secure`. A client-chosen id lives in its own namespace and resets only that.
public struct SessionGate: Sendable {
    /// The session ids this server issued.
    public let sessions: SessionRegistry
    /// New sessions (issued, or client-chosen ids new to a connection) per peer per minute.
    public let newSessions: PeerRateLimiter

    public init(sessions: SessionRegistry = SessionRegistry(), newSessions: PeerRateLimiter = PeerRateLimiter(perMinute: 0)) {
        self.sessions = sessions
        self.newSessions = newSessions
    }

    /// What a validated request becomes: a reply made here (`open`, `ping`, a refusal), or
    /// the request to run with its context (its `ask` session filled in when issued here).
    public enum Step: Sendable {
        case reply(Reply)
        case run(Request, AskContext)
    }

    /// Client-chosen session ids one connection has used: a new one counts against the
    /// peer's new sessions per minute. At most ``limit`` are remembered.
    public struct KnownSessions: Sendable, Hashable {
        public var ids: Set<String> = []
        public static let limit = 256
        public init() {}
    }

    /// Applies the session rules to a validated request.
    /// - Parameter known: the connection's client-chosen ids; nil for transports without a
    ///   connection (an HTTP request), where every client-chosen id counts as seen.
    public func prepare(_ request: Request, connection: UInt64 = 0, peer: String = "?", known: inout KnownSessions?) -> Step {
        var request = request
        var context = AskContext(secure: false, connection: connection, peer: peer)
        switch request.operation {
        case .ping:
            return .reply(.success(id: request.id, fields: ["pong": true]))
        case .open:
            guard newSessions.allow(peer) else { return .reply(.error(.busySessions, id: request.id, format: .json)) }
            return .reply(.success(id: request.id, fields: ["session": .string(sessions.issue())]))
        case .ask(nil, let channel, let text):
            guard newSessions.allow(peer) else { return .reply(.error(.busySessions, id: request.id, format: .json)) }
            request.operation = .ask(session: sessions.issue(), channel: channel, text: text)
            context.secure = true
        case .ask(let session?, _, _):
            context.secure = sessions.isIssued(session)
            if !context.secure, var seen = known, !seen.ids.contains(session) {
                guard newSessions.allow(peer) else { return .reply(.error(.busySessions, id: request.id, format: .json)) }
                if seen.ids.count < KnownSessions.limit { seen.ids.insert(session) }
                known = seen
            }
        case .reset(let session):
            context.secure = sessions.isIssued(session)
            if context.secure { sessions.revoke(session) }
        case .classify, .faq, .check, .health:
            break
        }
        return .run(request, context)
    }
}
