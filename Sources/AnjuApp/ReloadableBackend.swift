import AnjuJSON
import AnjuProtocol
import Synchronization

/// The backend the transports hold: it forwards every op to the current ``ServerBackend``,
/// which ``App/reload(data:profile:dataFingerprint:)`` replaces (SIGHUP) without touching
/// the session store or the member store — so a reload drops no conversation.
///
/// A turn already running finishes on the backend it started on; the next one uses the new
/// data. Reading the current backend is one uncontended lock per request.
final class ReloadableBackend: AssistantBackend {
    private let current: Mutex<ServerBackend>

    init(_ backend: ServerBackend) {
        current = Mutex(backend)
    }

    /// The backend requests go to now.
    var backend: ServerBackend { current.withLock { $0 } }

    /// Makes `backend` answer every request from now on.
    func replace(with backend: ServerBackend) {
        current.withLock { $0 = backend }
    }

    func ask(session: String, channel: Channel, text: String, context: AskContext) async -> Result<JSONObject, BackendError> {
        await backend.ask(session: session, channel: channel, text: text, context: context)
    }

    func classify(text: String, limit: Int) -> Result<JSONObject, BackendError> {
        backend.classify(text: text, limit: limit)
    }

    func classifyMembers(text: String, limit: Int) -> Result<[UInt8], BackendError> {
        backend.classifyMembers(text: text, limit: limit)
    }

    func faq(query: String, limit: Int) -> Result<JSONObject, BackendError> {
        backend.faq(query: query, limit: limit)
    }

    func check(rule: String, facts: JSONValue) -> Result<JSONObject, BackendError> {
        backend.check(rule: rule, facts: facts)
    }

    func reset(session: String, secure: Bool) async {
        await backend.reset(session: session, secure: secure)
    }

    func health() async -> HealthReport {
        await backend.health()
    }
}
