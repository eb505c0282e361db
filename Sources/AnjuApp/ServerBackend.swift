import AnjuDialogue
import AnjuJSON
import AnjuRules
import AnjuProtocol
import Foundation
import Synchronization

/// The line-protocol server's backend: each op answered by the one assistant core.
///
/// Session namespaces: a server-issued id `X` is the dialogue session `#X`, a client-chosen
/// id `X` is the dialogue session `X` (`#` is not allowed in a protocol session id), so a
/// client that sends an issued id's string as its own id — or resets it — never reaches
/// the issued session's state. Replies carry the id as the client knows it.
struct ServerBackend: AssistantBackend {
    let assistant: Assistant
    /// The member store's readiness check.
    var store: StoreProbe
    /// The program's version.
    var version: String
    /// The fingerprint of the data the assistant was loaded from.
    var dataFingerprint: String

    /// The dialogue's key for a protocol session id.
    static func dialogueKey(_ session: String, secure: Bool) -> String {
        secure ? "#" + session : session
    }

    func ask(session: String, channel: AnjuProtocol.Channel, text: String, context: AskContext) async -> Result<JSONObject, BackendError> {
        let key = Self.dialogueKey(session, secure: context.secure)
        let scope = TurnScope(context: context, sessionKey: key)
        let reply = await TurnScope.$current.withValue(scope) {
            await assistant.ask(session: key, channel: channel, text: text, secure: context.secure)
        }
        if scope.storeFailed {
            // The member database is locked by another program: a clear error, not an
            // ok:true reply. The message is the dialogue's citizen-facing wording.
            return .failure(BackendError(code: "store_unavailable", message: reply.reply))
        }
        if let code = reply.errorCode { return .failure(BackendError(code: code, message: reply.reply)) }
        var fields = JSONObject(minimumCapacity: 10)
        for (name, value) in reply.protocolFields {
            fields.appendUnchecked(name, name == "session" ? .string(session) : value)
        }
        return .success(fields)
    }

    func classify(text: String, limit: Int) -> Result<JSONObject, BackendError> {
        .success(JSONObject(assistant.classifier.classify(text, limit: limit).protocolFields))
    }

    func classifyMembers(text: String, limit: Int) -> Result<[UInt8], BackendError> {
        var writer = JSONWriter(capacity: 384)
        assistant.classifier.classify(text, limit: limit).writeProtocolFields(to: &writer)
        return .success(writer.bytes)
    }

    func faq(query: String, limit: Int) -> Result<JSONObject, BackendError> {
        .success(JSONObject([("results", .array(assistant.faq.search(query, limit: limit).map(\.json)))]))
    }

    func check(rule: String, facts: JSONValue) -> Result<JSONObject, BackendError> {
        switch assistant.engine.check(rule: rule, facts: facts, today: CalendarDate(Date())) {
        case .success(let result): return .success(JSONObject([("result", result.json)]))
        case .failure(let error): return .failure(BackendError(code: error.code.rawValue, message: error.message))
        }
    }

    func reset(session: String, secure: Bool) async {
        // A shared session store that cannot be reached forgets nothing now; the session
        // expires there on its own.
        try? await assistant.reset(session: Self.dialogueKey(session, secure: secure))
    }

    func health() async -> HealthReport {
        var checks = [HealthReport.Check(
            name: "data", ok: !assistant.classifier.catalog.intents.isEmpty,
            detail: "\(assistant.classifier.catalog.intents.count) intents loaded")]
        checks.append(await store.check())
        return HealthReport(version: version, dataFingerprint: dataFingerprint, checks: checks)
    }
}

/// What the member directory may know about the turn it serves: who asks (connection,
/// peer, session) — for per-connection limits on failed verifications and per-peer limits
/// on log rows — and a flag it raises when the store was unavailable. Bound with a task
/// local for the duration of one `Assistant.ask`.
final class TurnScope: Sendable {
    @TaskLocal static var current: TurnScope?

    let context: AskContext
    /// The dialogue's session key (namespaced, see `ServerBackend`).
    let sessionKey: String
    private let failure = Atomic<Bool>(false)

    init(context: AskContext, sessionKey: String) {
        self.context = context
        self.sessionKey = sessionKey
    }

    /// The store could not be reached during this turn (verification).
    var storeFailed: Bool { failure.load(ordering: .relaxed) }

    func markStoreFailure() { failure.store(true, ordering: .relaxed) }

    /// Keys of the per-connection and per-session verification limits.
    var attemptKeys: [String] { ["conn:\(context.connection)", "session:\(sessionKey)"] }
}
