import AnjuJSON
import AnjuProtocol
import Synchronization

/// A backend with fixed answers and a readiness switch, for the HTTP tests.
final class StubBackend: AssistantBackend {
    private let readyFlag = Mutex(true)
    private let turns = Mutex([String: Int]())

    var ready: Bool {
        get { readyFlag.withLock { $0 } }
        set { readyFlag.withLock { $0 = newValue } }
    }

    func ask(session: String, channel: Channel, text: String, context: AskContext) -> Result<JSONObject, BackendError> {
        if text == "locked" { return .failure(BackendError(code: "locked", message: "locked for 30 minutes")) }
        if text == "boom" { return .failure(BackendError(code: "internal", message: "internal error")) }
        let turn = turns.withLock { counts in
            counts[session, default: 0] += 1
            return counts[session]!
        }
        let intent = text == "转人工" ? "human_agent" : text == "天气" ? "out_of_scope" : "withdraw_rent"
        return .success(JSONObject([
            ("session", .string(session)), ("intent", .string(intent)), ("confidence", .double(0.9)),
            ("reply", .string("\(channel.rawValue) #\(turn): \(text)")), ("expecting", .null), ("options", .array([])),
            ("handoff", .bool(intent == "human_agent")), ("citations", .array([])), ("result", .null),
        ]))
    }

    func classify(text: String, limit: Int) -> Result<JSONObject, BackendError> {
        .success(JSONObject([("intent", .string("withdraw_rent")), ("confidence", .double(0.5)), ("candidates", .array([])),
                             ("tokens", .array([.string(text)]))]))
    }

    func faq(query: String, limit: Int) -> Result<JSONObject, BackendError> {
        .success(JSONObject([("results", .array(Array(repeating: .string(query), count: limit)))]))
    }

    func check(rule: String, facts: JSONValue) -> Result<JSONObject, BackendError> {
        guard rule == "loan_repayment" else { return .failure(BackendError(code: "unknown_rule", message: "unknown rule")) }
        return .success(JSONObject([("result", .object(JSONObject([("monthly", .int(1234))])))]))
    }

    func reset(session: String, secure: Bool) { turns.withLock { $0[session] = nil } }

    func health() -> HealthReport {
        HealthReport(version: "test", dataFingerprint: "sha256:00", checks: [
            .init(name: "data", ok: true, detail: "loaded"), .init(name: "store", ok: ready, detail: ready ? "ok" : "unreadable"),
        ])
    }
}
