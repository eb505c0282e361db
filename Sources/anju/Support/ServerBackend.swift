import AnjuDialogue
import AnjuJSON
import AnjuRules
import AnjuProtocol
import AnjuServer
import Foundation

/// The line-protocol server's backend: each op answered by the one assistant core.
struct ServerBackend: AssistantBackend {
    let assistant: Assistant

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
}
