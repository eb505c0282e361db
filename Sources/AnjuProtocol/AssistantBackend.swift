import AnjuJSON

/// What the servers (the line protocol and HTTP) need from the assistant: one method per
/// protocol op.
///
/// The servers own framing, request validation, error replies and connections; the backend
/// owns meaning. `AnjuDialogue`'s assistant conforms through an adapter in the command
/// line, so this module knows nothing of dialogue, rules or storage — and tests can run
/// the servers on a fake backend. `ask`, `reset` and `health` are async: they may wait on
/// the member and session stores (SQLite, PostgreSQL), and the servers call them from Swift
/// concurrency. The others are synchronous and must not block — they are CPU work on
/// in-memory data, and the line server calls them on its event loops (classify is the
/// busiest op: no hop at all).
public protocol AssistantBackend: Sendable {
    /// `ask`: one turn of a conversation. Returns the reply fields of protocol.md
    /// (`session`, `intent`, `confidence`, `reply`, `expecting`, `options`, `handoff`,
    /// `citations`, `result`), without `ok` and `id`.
    ///
    /// `context.secure` is true only for a session id the server issued (unguessable, held
    /// by one end user): only then may a member be verified and their data said. Server-issued
    /// and client-chosen ids are different namespaces: the backend must keep their state
    /// apart even when the strings are equal (e.g. by prefixing the key), and must reply with
    /// `session` as given.
    func ask(session: String, channel: Channel, text: String, context: AskContext) async -> Result<JSONObject, BackendError>
    /// `classify`: `intent`, `confidence`, `candidates`, `tokens`. Keeps no state.
    func classify(text: String, limit: Int) -> Result<JSONObject, BackendError>
    /// `faq`: `results`.
    func faq(query: String, limit: Int) -> Result<JSONObject, BackendError>
    /// `check`: `result`. Errors `unknown_rule` / `bad_request` as policy.md says.
    func check(rule: String, facts: JSONValue) -> Result<JSONObject, BackendError>
    /// `reset`: forgets the session — in the namespace `secure` says (see `ask`).
    func reset(session: String, secure: Bool) async
    /// `classify` with its fields already written as compact JSON object members
    /// (`"intent":…,"confidence":…`, no braces, no `ok` or `id`): the busiest op's fast
    /// path, which skips building a value tree. The default writes `classify(text:limit:)`'s
    /// object.
    func classifyMembers(text: String, limit: Int) -> Result<[UInt8], BackendError>
    /// `health`: whether the assistant can serve everything (member store reachable, data
    /// loaded), with its version and data fingerprint. Waits on the store.
    /// The default says ready with no checks — for test backends that hold no store.
    func health() async -> HealthReport
}

extension AssistantBackend {
    public func classifyMembers(text: String, limit: Int) -> Result<[UInt8], BackendError> {
        classify(text: text, limit: limit).map { object in
            var writer = JSONWriter(capacity: 256)
            writer.members(of: object)
            return writer.bytes
        }
    }

    public func health() -> HealthReport {
        HealthReport(version: "unknown", dataFingerprint: "unknown", checks: [])
    }
}

/// Who is asking, as far as the server knows: for the backend's security decisions and
/// per-client limits (failed verifications, log rows).
public struct AskContext: Sendable, Hashable {
    /// The session id was issued by this server (see `AssistantBackend.ask`).
    public var secure: Bool
    /// The connection, unique while the server runs.
    public var connection: UInt64
    /// The client's address without its port (`127.0.0.1`, `::1`), or `?`.
    public var peer: String

    public init(secure: Bool, connection: UInt64 = 0, peer: String = "?") {
        self.secure = secure
        self.connection = connection
        self.peer = peer
    }
}

