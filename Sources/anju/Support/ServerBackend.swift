import AnjuDialogue
import AnjuJSON
import AnjuRules
import AnjuProtocol
import AnjuServer
import Foundation

/// The line-protocol server's backend: each op answered by the one assistant core.
struct ServerBackend: AssistantBackend {
    let assistant: Assistant
    /// The member database's readiness check; nil when the server runs without one.
    var store: StoreProbe? = nil
    /// The fingerprint of the data the assistant was loaded from.
    var dataFingerprint = BuildInfo.embeddedFingerprint

    func ask(session: String, channel: AnjuProtocol.Channel, text: String) -> Result<JSONObject, BackendError> {
        let reply = assistant.ask(session: session, channel: AnjuDialogue.Channel(rawValue: channel.rawValue) ?? .chat, text: text)
        if let code = reply.errorCode { return .failure(BackendError(code: code, message: reply.reply)) }
        return .success(reply.protocolFields)
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

    func reset(session: String) { assistant.reset(session: session) }

    func health() -> HealthReport {
        var checks = [HealthReport.Check(
            name: "data", ok: !assistant.classifier.catalog.intents.isEmpty,
            detail: "\(assistant.classifier.catalog.intents.count) intents loaded")]
        checks.append(store?.check() ?? HealthReport.Check(name: "store", ok: false, detail: "no member database"))
        return HealthReport(version: BuildInfo.version, dataFingerprint: dataFingerprint, checks: checks)
    }
}
