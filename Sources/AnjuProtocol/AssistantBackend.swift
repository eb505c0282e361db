import AnjuJSON

/// What the servers (the line protocol and HTTP) need from the assistant: one method per
/// protocol op.
///
/// The servers own framing, request validation, error replies and connections; the backend
/// owns meaning. `AnjuDialogue`'s assistant conforms through an adapter in the command
/// line, so this module knows nothing of dialogue, rules or storage — and tests can run
/// the servers on a fake backend. Methods are synchronous. `ask` and `health` may block
/// briefly (SQLite): the servers run them off their event loops. The others must not
/// block — they are CPU work on in-memory data, and the line server calls them on its
/// event loops.
public protocol AssistantBackend: Sendable {
    /// `ask`: one turn of a conversation. Returns the reply fields of protocol.md
    /// (`session`, `intent`, `confidence`, `reply`, `expecting`, `options`, `handoff`,
    /// `citations`, `result`), without `ok` and `id`.
    func ask(session: String, channel: Channel, text: String) -> Result<JSONObject, BackendError>
    /// `classify`: `intent`, `confidence`, `candidates`, `tokens`. Keeps no state.
    func classify(text: String, limit: Int) -> Result<JSONObject, BackendError>
    /// `faq`: `results`.
    func faq(query: String, limit: Int) -> Result<JSONObject, BackendError>
    /// `check`: `result`. Errors `unknown_rule` / `bad_request` as policy.md says.
    func check(rule: String, facts: JSONValue) -> Result<JSONObject, BackendError>
    /// `reset`: forgets the session.
    func reset(session: String)
    /// `classify` with its fields already written as compact JSON object members
    /// (`"intent":…,"confidence":…`, no braces, no `ok` or `id`): the busiest op's fast
    /// path, which skips building a value tree. The default writes `classify(text:limit:)`'s
    /// object.
    func classifyMembers(text: String, limit: Int) -> Result<[UInt8], BackendError>
    /// `health`: whether the assistant can serve everything (member store reachable, data
    /// loaded), with its version and data fingerprint. May block (it reads the store).
    /// The default says ready with no checks — for test backends that hold no store.
    func health() -> HealthReport
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

