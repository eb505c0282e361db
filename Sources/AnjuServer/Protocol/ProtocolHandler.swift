import AnjuJSON

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
    /// Client-chosen session ids this connection has used (at most
    /// ``ConnectionState/knownSessionLimit``): a new one counts against the peer's new
    /// sessions per minute.
    var knownSessions: Set<String> = []
    static let knownSessionLimit = 256

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
/// Backend methods may block, so the server calls ``prepare(line:connection:)`` (cheap:
/// parsing and validation) where it likes and runs the returned ``BackendCall`` off its
/// event loops; ``reply(toLine:connection:)`` does both in one go.
public struct ProtocolHandler: Sendable {
    /// Largest `text`, in Unicode scalars.
    public static let maxTextLength = 500
    /// Range and default of `limit`.
    public static let limitRange = 1...20
    public static let defaultLimit = 5
    /// Longest `session`, in characters of `[A-Za-z0-9_.:-]`.
    public static let maxSessionLength = 64

    public let backend: any AssistantBackend
    /// The session ids this server issued.
    public let sessions: SessionRegistry
    /// New sessions (issued, or client-chosen ids new to a connection) per peer per minute.
    public let newSessions: PeerRateLimiter

    public init(backend: any AssistantBackend, sessions: SessionRegistry = SessionRegistry(),
                newSessions: PeerRateLimiter = PeerRateLimiter(perMinute: 0)) {
        self.backend = backend
        self.sessions = sessions
        self.newSessions = newSessions
    }

    // MARK: One-shot API

    /// The reply to one request line (without its line ending).
    public func reply(toLine line: String, connection: inout ConnectionState) -> Reply {
        switch prepare(line: line, connection: &connection) {
        case .reply(let reply): return reply
        case .call(let call): return call.run(on: backend)
        }
    }

    /// The reply to one request line given as bytes (without its line ending): `bad_utf8`
    /// when they are not valid UTF-8.
    public func reply<Bytes: Collection>(toLineBytes bytes: Bytes, connection: inout ConnectionState) -> Reply
    where Bytes.Element == UInt8 {
        let decoded =
            bytes.withContiguousStorageIfAvailable { String(validating: $0, as: UTF8.self) }
            ?? String(validating: Array(bytes), as: UTF8.self)
        guard let line = decoded else {
            return Reply.error(.badUTF8, id: nil, format: ReplyFormat.of(line: bytes))
        }
        return reply(toLine: line, connection: &connection)
    }

    /// The reply to a JSON-mode request that is already parsed (any JSON value; only an
    /// object is a request).
    public func reply(toRequest request: JSONValue) -> Reply {
        var connection = ConnectionState()
        switch prepare(request: request, rawID: nil, connection: &connection) {
        case .reply(let reply): return reply
        case .call(let call): return call.run(on: backend)
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
        guard case .object(let object) = request else {
            return .reply(.error(.notAnObject, id: nil, format: .json))
        }
        // `id` first, so that every later error can echo it — as sent, byte for byte.
        var id: RequestID? = nil
        if let raw = object["id"] {
            switch raw {
            case .string, .int, .double: id = rawID.map(RequestID.init(raw:)) ?? RequestID(raw)
            default: return .reply(.error(FieldProblem.wrongType(.id, got: raw).error, id: nil, format: .json))
            }
        }
        do throws(ProtocolError) {
            let op: String
            switch object["op"] {
            case nil: op = "ask"
            case .string(let name)?: op = name
            case let other?: throw FieldProblem.wrongType(.op, got: other).error
            }
            switch op {
            case "ping":
                return .reply(.success(id: id, fields: ["pong": true]))
            case "open":
                guard newSessions.allow(connection.peer) else { throw ProtocolError.busySessions }
                return .reply(.success(id: id, fields: ["session": .string(sessions.issue())]))
            case "ask":
                let channel = try Fields.channel(object)
                let text = try Fields.text(object, op: op)
                let session: String
                let secure: Bool
                if object["session"] == nil {
                    // Protocol 1.1: the server issues the id and says it in the reply.
                    guard newSessions.allow(connection.peer) else { throw ProtocolError.busySessions }
                    session = sessions.issue()
                    secure = true
                } else {
                    session = try Fields.session(object, op: op)
                    secure = sessions.isIssued(session)
                    if !secure, !connection.knownSessions.contains(session) {
                        guard newSessions.allow(connection.peer) else { throw ProtocolError.busySessions }
                        if connection.knownSessions.count < ConnectionState.knownSessionLimit {
                            connection.knownSessions.insert(session)
                        }
                    }
                }
                let context = AskContext(secure: secure, connection: connection.connectionID, peer: connection.peer)
                return .call(BackendCall(id: id, kind: .ask(session: session, channel: channel, text: text, context: context)))
            case "classify":
                let text = try Fields.text(object, op: op)
                let limit = try Fields.limit(object)
                return .call(BackendCall(id: id, kind: .classify(text: text, limit: limit)))
            case "faq":
                let query = try Fields.query(object, op: op)
                let limit = try Fields.limit(object)
                return .call(BackendCall(id: id, kind: .faq(query: query, limit: limit)))
            case "check":
                let rule = try Fields.rule(object, op: op)
                let facts = try Fields.facts(object, op: op)
                return .call(BackendCall(id: id, kind: .check(rule: rule, facts: facts)))
            case "reset":
                let session = try Fields.session(object, op: op)
                // Holding an issued id is the proof of owning it (it is unguessable); a
                // client-chosen id resets only its own namespace, never an issued session.
                let secure = sessions.isIssued(session)
                if secure { sessions.revoke(session) }
                return .call(BackendCall(id: id, kind: .reset(session: session, secure: secure)))
            default:
                throw ProtocolError.unknownOp(op)
            }
        } catch {
            return .reply(.error(error, id: id, format: .json))
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
        return .call(BackendCall(id: nil, kind: .plainAsk(session: connection.plainSession, text: String(question), context: context)))
    }

    static let emptyLineHint =
        "请输入您的问题，例如：怎么提取公积金？（以 { 开头的一行是 JSON 请求）"
        + " / Type a question, e.g. 怎么提取公积金? (a line starting with { is a JSON request)"
}

// MARK: - Backend calls

/// A validated request waiting for the backend. Running it may block (SQLite).
struct BackendCall: Sendable {
    /// Whether the call may wait on I/O (the member database): only conversation turns.
    var mayBlock: Bool {
        switch kind {
        case .ask, .plainAsk: true
        default: false
        }
    }

    enum Kind: Sendable {
        case ask(session: String, channel: Channel, text: String, context: AskContext)
        case plainAsk(session: String, text: String, context: AskContext)
        case classify(text: String, limit: Int)
        case faq(query: String, limit: Int)
        case check(rule: String, facts: JSONValue)
        case reset(session: String, secure: Bool)
    }

    var id: RequestID?
    var kind: Kind

    /// The format of the reply (and of an error if the call cannot run).
    var format: ReplyFormat {
        if case .plainAsk = kind { return .plain }
        return .json
    }

    func run(on backend: any AssistantBackend) -> Reply {
        let result: Result<JSONObject, BackendError>
        switch kind {
        case .ask(let session, let channel, let text, let context):
            result = backend.ask(session: session, channel: channel, text: text, context: context)
        case .plainAsk(let session, let text, let context):
            return Self.plainReply(backend.ask(session: session, channel: .chat, text: text, context: context))
        case .classify(let text, let limit):
            switch backend.classifyMembers(text: text, limit: limit) {
            case .success(let members): return .success(id: id, members: members)
            case .failure(let error): return .error(ProtocolError(error), id: id, format: .json)
            }
        case .faq(let query, let limit):
            result = backend.faq(query: query, limit: limit)
        case .check(let rule, let facts):
            result = backend.check(rule: rule, facts: facts)
        case .reset(let session, let secure):
            backend.reset(session: session, secure: secure)
            result = .success(["session": .string(session)])
        }
        switch result {
        case .success(let fields): return .success(id: id, fields: fields)
        case .failure(let error): return .error(ProtocolError(error), id: id, format: .json)
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
        BackendCall(id: nil, kind: .reset(session: session, secure: true))
    }
}

// MARK: - Field validation

/// The request fields of protocol.md, with what each must be (in both languages).
enum Field: String {
    case id, op, session, channel, text, query, limit, rule, facts

    var expectedChinese: String {
        switch self {
        case .id: return "字符串或数字"
        case .op: return "字符串（ask、open、classify、faq、check、reset、ping 之一）"
        case .session: return "1–64 个字符的字符串，只含英文字母、数字和 _ . : -"
        case .channel: return "\"chat\"、\"ivr\" 或 \"staff\""
        case .text: return "1–500 个字符的字符串"
        case .query: return "非空字符串"
        case .limit: return "1–20 的整数"
        case .rule: return "规则编号字符串（见 policy.md）"
        case .facts: return "JSON 对象（该规则的输入，见 policy.md）"
        }
    }

    var expectedEnglish: String {
        switch self {
        case .id: return "a string or a number"
        case .op: return "a string (one of ask, open, classify, faq, check, reset, ping)"
        case .session: return "a string of 1–64 characters from A–Z, a–z, 0–9, _ . : -"
        case .channel: return "\"chat\", \"ivr\" or \"staff\""
        case .text: return "a string of 1–500 characters"
        case .query: return "a non-empty string"
        case .limit: return "an integer from 1 to 20"
        case .rule: return "a rule id string (see policy.md)"
        case .facts: return "a JSON object of the rule's inputs (see policy.md)"
        }
    }
}

/// Why a field is not acceptable. Every message names the field and says what it must be.
enum FieldProblem {
    case missing(Field, op: String)
    case wrongType(Field, got: JSONValue)
    /// Right type, unacceptable value; the details say what was received, without quoting it.
    case invalid(Field, chinese: String, english: String)

    var error: ProtocolError {
        switch self {
        case .missing(let field, let op):
            return ProtocolError(
                code: .badRequest,
                message: "缺少字段 \(field.rawValue)：op \(op) 需要 \(field.rawValue)，应为\(field.expectedChinese)。"
                    + " / Missing field `\(field.rawValue)`: op \(op) needs `\(field.rawValue)`, \(field.expectedEnglish).")
        case .wrongType(let field, let value):
            return ProtocolError(
                code: .badRequest,
                message: "字段 \(field.rawValue) 的类型不对：应为\(field.expectedChinese)，收到的是 \(value.typeName)。请改正后重新发送。"
                    + " / Field `\(field.rawValue)` has the wrong type: expected \(field.expectedEnglish), got \(value.typeName). Fix it and send again.")
        case .invalid(let field, let chinese, let english):
            return ProtocolError(
                code: .badRequest,
                message: "字段 \(field.rawValue) 的值不对：应为\(field.expectedChinese)，\(chinese)。请改正后重新发送。"
                    + " / Field `\(field.rawValue)` is invalid: expected \(field.expectedEnglish), \(english). Fix it and send again.")
        }
    }
}

enum Fields {
    static func session(_ object: JSONObject, op: String) throws(ProtocolError) -> String {
        guard let raw = object["session"] else { throw FieldProblem.missing(.session, op: op).error }
        guard case .string(let session) = raw else { throw FieldProblem.wrongType(.session, got: raw).error }
        let count = session.utf8.count
        if count == 0 {
            throw FieldProblem.invalid(.session, chinese: "收到的是空字符串", english: "got an empty string").error
        }
        if count > ProtocolHandler.maxSessionLength {
            throw FieldProblem.invalid(.session, chinese: "收到的长度超过 64", english: "got more than 64 characters").error
        }
        for byte in session.utf8 where !isSessionByte(byte) {
            throw FieldProblem.invalid(.session, chinese: "收到的含有不允许的字符", english: "got a character that is not allowed").error
        }
        return session
    }

    @inline(__always)
    static func isSessionByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    static func channel(_ object: JSONObject) throws(ProtocolError) -> Channel {
        guard let raw = object["channel"] else { return .chat }
        guard case .string(let name) = raw else { throw FieldProblem.wrongType(.channel, got: raw).error }
        guard let channel = Channel(rawValue: name) else {
            throw FieldProblem.invalid(.channel, chinese: "收到的不是这三者之一", english: "got something else").error
        }
        return channel
    }

    static func text(_ object: JSONObject, op: String) throws(ProtocolError) -> String {
        guard let raw = object["text"] else { throw FieldProblem.missing(.text, op: op).error }
        guard case .string(let text) = raw else { throw FieldProblem.wrongType(.text, got: raw).error }
        if text.isEmpty {
            throw FieldProblem.invalid(.text, chinese: "收到的是空字符串", english: "got an empty string").error
        }
        // Cheap bound first: every scalar takes 1–4 UTF-8 bytes.
        if text.utf8.count > ProtocolHandler.maxTextLength {
            let length = text.unicodeScalars.count
            if length > ProtocolHandler.maxTextLength {
                throw FieldProblem.invalid(
                    .text, chinese: "收到 \(length) 个字符，请缩短或分几次发送",
                    english: "got \(length) characters; shorten it or split it into several requests"
                ).error
            }
        }
        return text
    }

    static func query(_ object: JSONObject, op: String) throws(ProtocolError) -> String {
        guard let raw = object["query"] else { throw FieldProblem.missing(.query, op: op).error }
        guard case .string(let query) = raw else { throw FieldProblem.wrongType(.query, got: raw).error }
        if query.isEmpty {
            throw FieldProblem.invalid(.query, chinese: "收到的是空字符串", english: "got an empty string").error
        }
        return query
    }

    static func limit(_ object: JSONObject) throws(ProtocolError) -> Int {
        guard let raw = object["limit"] else { return ProtocolHandler.defaultLimit }
        guard raw.isNumber else { throw FieldProblem.wrongType(.limit, got: raw).error }
        guard let limit = raw.intValue else {
            throw FieldProblem.invalid(.limit, chinese: "收到的不是整数", english: "got a number that is not an integer").error
        }
        guard ProtocolHandler.limitRange.contains(limit) else {
            throw FieldProblem.invalid(.limit, chinese: "收到 \(limit)", english: "got \(limit)").error
        }
        return limit
    }

    static func rule(_ object: JSONObject, op: String) throws(ProtocolError) -> String {
        guard let raw = object["rule"] else { throw FieldProblem.missing(.rule, op: op).error }
        guard case .string(let rule) = raw else { throw FieldProblem.wrongType(.rule, got: raw).error }
        return rule
    }

    static func facts(_ object: JSONObject, op: String) throws(ProtocolError) -> JSONValue {
        guard let raw = object["facts"] else { throw FieldProblem.missing(.facts, op: op).error }
        guard case .object = raw else { throw FieldProblem.wrongType(.facts, got: raw).error }
        return raw
    }
}
