import AnjuJSON
import AnjuProtocol

/// What the protocol remembers about one connection.
public struct ConnectionState: Sendable, Hashable {
    /// The session plain-text questions are asked in: one per connection, issued by the
    /// server and never sent to anyone (`plain:` and 32 random hex digits), so it is secure
    /// and cannot collide with a JSON client's session.
    public let plainSession: String
    /// True once a plain-text question was asked; the server then resets ``plainSession``
    /// when the connection closes, so the backend does not keep a dead conversation.
    public internal(set) var plainSessionUsed = false
    /// The connection's number (unique while the server runs).
    public var connectionID: UInt64
    /// The client's address without the port, or `?`.
    public var peer: String
    /// Client-chosen session ids this connection has used (see ``SessionGate/KnownSessions``):
    /// a new one counts against the peer's new sessions per minute.
    var knownSessions: SessionGate.KnownSessions? = SessionGate.KnownSessions()
    static let knownSessionLimit = SessionGate.KnownSessions.limit

    public init(plainSession: String = ConnectionState.makePlainSessionID(), connectionID: UInt64 = 0, peer: String = "?") {
        self.plainSession = plainSession
        self.connectionID = connectionID
        self.peer = peer
    }

    public static func makePlainSessionID() -> String {
        "plain:" + SessionRegistry.randomID()
    }
}

/// The line protocol of protocol.md, without any networking: one request line in, one reply
/// line out.
///
/// - JSON mode when the line's first byte is `{` (a leading UTF-8 BOM, spaces and tabs are
///   tolerated, see ``ReplyFormat/of(line:)``); plain-text mode otherwise.
/// - Validation follows protocol.md's request table; the first problem found is reported, as
///   `bad_request` naming the field. Fields an op does not use are ignored (not validated),
///   and unknown fields are ignored, so clients can send fields of later protocol versions.
///   `null` is not accepted for a field that is present: omit the field instead.
/// - `text` (ask, classify) counts Unicode scalars (1–500): the count Python's `len` gives
///   and never more than JavaScript's `length`, so a client-side check that passes also
///   passes here; and it bounds the backend's work, unlike grapheme clusters.
/// - `limit` must be an integral number (`5` or `5.0`), 1–20.
///
/// The handler is a value with no mutable state; the per-connection state is passed in.
/// Some backend methods wait on the stores, so the server calls ``prepare(line:connection:)``
/// (cheap: parsing and validation) on its event loop, answers the returned ``BackendCall``
/// there when it cannot wait (``BackendCall/runImmediately(on:)``) and from Swift
/// concurrency otherwise; ``reply(toLine:connection:)`` does both in one go.
public struct ProtocolHandler: Sendable {
    /// Largest `text`, in Unicode scalars.
    public static let maxTextLength = ProtocolLimits.maxTextLength
    /// Range and default of `limit`.
    public static let limitRange = ProtocolLimits.limitRange
    public static let defaultLimit = ProtocolLimits.defaultLimit
    /// Longest `session`, in characters of `[A-Za-z0-9_.:-]`.
    public static let maxSessionLength = ProtocolLimits.maxSessionLength

    public let backend: any AssistantBackend
    /// Issued sessions, `open`, and new sessions per peer per minute.
    public let gate: SessionGate
    /// The session ids this server issued.
    public var sessions: SessionRegistry { gate.sessions }
    /// New sessions (issued, or client-chosen ids new to a connection) per peer per minute.
    public var newSessions: PeerRateLimiter { gate.newSessions }

    public init(backend: any AssistantBackend, sessions: SessionRegistry = SessionRegistry(),
                newSessions: PeerRateLimiter = PeerRateLimiter(perMinute: 0)) {
        self.backend = backend
        self.gate = SessionGate(sessions: sessions, newSessions: newSessions)
    }

    // MARK: One-shot API

    /// The reply to one request line (without its line ending).
    public func reply(toLine line: String, connection: inout ConnectionState) async -> Reply {
        switch prepare(line: line, connection: &connection) {
        case .reply(let reply): return reply
        case .call(let call): return await call.run(on: backend)
        }
    }

    /// The reply to one request line given as bytes (without its line ending): `bad_utf8`
    /// when they are not valid UTF-8.
    public func reply<Bytes: Collection>(toLineBytes bytes: Bytes, connection: inout ConnectionState) async -> Reply
    where Bytes.Element == UInt8 {
        let decoded =
            bytes.withContiguousStorageIfAvailable { String(validating: $0, as: UTF8.self) }
            ?? String(validating: Array(bytes), as: UTF8.self)
        guard let line = decoded else {
            return Reply.error(.badUTF8, id: nil, format: ReplyFormat.of(line: bytes))
        }
        return await reply(toLine: line, connection: &connection)
    }

    /// The reply to a JSON-mode request that is already parsed (any JSON value; only an
    /// object is a request).
    public func reply(toRequest request: JSONValue) async -> Reply {
        var connection = ConnectionState()
        switch prepare(request: request, rawID: nil, connection: &connection) {
        case .reply(let reply): return reply
        case .call(let call): return await call.run(on: backend)
        }
    }

    /// An error line in the given format (for the errors the server itself detects:
    /// `line_too_long`, `bad_utf8`, `idle_timeout`, `busy`, `internal`).
    public static func errorReply(_ error: ProtocolError, id: JSONValue? = nil, format: ReplyFormat = .json) -> Reply {
        Reply.error(error, id: id.map(RequestID.init), format: format)
    }

    // MARK: Two-stage API (the server's)

    /// Parsing and validation: either the reply itself (errors, `ping`, an empty plain line)
    /// or the backend call to make.
    enum Step: Sendable {
        case reply(Reply)
        case call(BackendCall)
    }

    func prepare(line: String, connection: inout ConnectionState) -> Step {
        switch ReplyFormat.of(line: line.utf8) {
        case .json:
            var body = Substring(line)
            if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
            let value: JSONValue
            do {
                value = try JSONValue.parse(utf8: body.utf8)
            } catch {
                return .reply(.error(.badJSON(JSONParseErrorDescription(error)), id: nil, format: .json))
            }
            return prepare(request: value, rawID: RequestID.rawToken(in: Array(body.utf8)), connection: &connection)
        case .plain:
            return preparePlain(line: line, connection: &connection)
        }
    }

    func prepare(request: JSONValue, rawID: [UInt8]?, connection: inout ConnectionState) -> Step {
        switch Request.decode(request, rawID: rawID) {
        case .success(let request):
            switch gate.prepare(request, connection: connection.connectionID, peer: connection.peer, known: &connection.knownSessions) {
            case .reply(let reply): return .reply(reply)
            case .run(let request, let context): return .call(BackendCall(request, context: context))
            }
        case .failure(let rejection):
            return .reply(rejection.reply)
        }
    }

    /// Plain-text mode: the line (trimmed) is asked in the connection's own session on
    /// channel `chat`. An empty line gets a one-line hint (never no reply: replies stay one
    /// per line for pipelining); a question over the text limit gets an error line.
    func preparePlain(line: String, connection: inout ConnectionState) -> Step {
        let question = PlainText.trimmed(line[...])
        if question.isEmpty {
            return .reply(.plain(Self.emptyLineHint))
        }
        let length = question.unicodeScalars.count
        if length > Self.maxTextLength {
            return .reply(.error(.plainTextTooLong(limit: Self.maxTextLength, got: length), id: nil, format: .plain))
        }
        connection.plainSessionUsed = true
        let context = AskContext(secure: true, connection: connection.connectionID, peer: connection.peer)
        return .call(BackendCall(kind: .plainAsk(session: connection.plainSession, text: String(question), context: context)))
    }

    static let emptyLineHint =
        "请输入您的问题，例如：怎么提取公积金？（以 { 开头的一行是 JSON 请求）"
        + " / Type a question, e.g. 怎么提取公积金? (a line starting with { is a JSON request)"
}

// MARK: - Backend calls

/// A validated request waiting for the backend. Running it may wait on the stores.
struct BackendCall: Sendable {
    enum Kind: Sendable {
        /// A JSON-mode request.
        case request(Request, AskContext)
        /// A plain-text question, asked in the connection's own session on channel `chat`.
        case plainAsk(session: String, text: String, context: AskContext)
    }

    var kind: Kind

    init(_ request: Request, context: AskContext) { kind = .request(request, context) }
    init(kind: Kind) { self.kind = kind }

    /// The request's id, echoed in its reply.
    var id: RequestID? {
        if case .request(let request, _) = kind { return request.id }
        return nil
    }

    /// Whether the call may wait on I/O (the member database): turns and health checks.
    var mayBlock: Bool {
        switch kind {
        case .request(let request, _): request.mayBlock
        case .plainAsk: true
        }
    }

    /// The format of the reply (and of an error if the call cannot run).
    var format: ReplyFormat {
        if case .plainAsk = kind { return .plain }
        return .json
    }

    func run(on backend: any AssistantBackend) async -> Reply {
        switch kind {
        case .request(let request, let context):
            return await request.run(on: backend, context: context)
        case .plainAsk(let session, let text, let context):
            return Self.plainReply(await backend.ask(session: session, channel: .chat, text: text, context: context))
        }
    }

    /// The reply of a call that cannot wait (``mayBlock`` false), on the calling thread; nil otherwise.
    func runImmediately(on backend: any AssistantBackend) -> Reply? {
        switch kind {
        case .request(let request, let context): request.runImmediately(on: backend, context: context)
        case .plainAsk: nil
        }
    }

    /// Plain-text mode shows the `reply` words, on one line.
    static func plainReply(_ result: Result<JSONObject, BackendError>) -> Reply {
        switch result {
        case .success(let fields):
            guard let words = fields["reply"]?.stringValue else {
                return .error(.internalError, id: nil, format: .plain)
            }
            let line = PlainText.oneLine(words)
            return .plain(line.isEmpty ? "…" : line)
        case .failure(let error):
            return .error(ProtocolError(error), id: nil, format: .plain)
        }
    }

    /// The call to make for an errand that has no request line: forgetting a closed
    /// connection's plain-text session.
    static func forget(session: String) -> BackendCall {
        BackendCall(Request(operation: .reset(session: session)), context: AskContext(secure: true))
    }
}
