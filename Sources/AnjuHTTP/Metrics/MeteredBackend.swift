import AnjuJSON
import AnjuProtocol

/// A backend that records every call in ``AnjuMetrics`` and passes it on: one object that
/// both servers share, so the metrics count the line protocol, HTTP and the WebSocket alike.
public struct MeteredBackend: AssistantBackend {
    /// The backend that answers.
    public let base: any AssistantBackend
    /// Where the calls are recorded.
    public let metrics: AnjuMetrics

    public init(_ base: any AssistantBackend, metrics: AnjuMetrics) {
        self.base = base
        self.metrics = metrics
    }

    public func ask(session: String, channel: Channel, text: String, context: AskContext) async -> Result<JSONObject, BackendError> {
        let start = ContinuousClock.now
        let result = await base.ask(session: session, channel: channel, text: text, context: context)
        record("ask", result, since: start)
        if case .success(let fields) = result {
            metrics.recordTurn(channel: channel.rawValue, intent: fields["intent"]?.stringValue ?? "none",
                               handoff: fields["handoff"] == .bool(true))
        }
        return result
    }

    public func classify(text: String, limit: Int) -> Result<JSONObject, BackendError> {
        timed("classify") { base.classify(text: text, limit: limit) }
    }

    public func classifyMembers(text: String, limit: Int) -> Result<[UInt8], BackendError> {
        timed("classify") { base.classifyMembers(text: text, limit: limit) }
    }

    public func faq(query: String, limit: Int) -> Result<JSONObject, BackendError> {
        timed("faq") { base.faq(query: query, limit: limit) }
    }

    public func check(rule: String, facts: JSONValue) -> Result<JSONObject, BackendError> {
        timed("check") { base.check(rule: rule, facts: facts) }
    }

    public func reset(session: String, secure: Bool) async {
        let start = ContinuousClock.now
        await base.reset(session: session, secure: secure)
        metrics.recordRequest(op: "reset", code: "ok", duration: .now - start)
    }

    public func health() async -> HealthReport {
        let start = ContinuousClock.now
        let report = await base.health()
        metrics.recordRequest(op: "health", code: report.ready ? "ok" : "not_ready", duration: .now - start)
        return report
    }

    private func timed<T>(_ op: String, _ call: () -> Result<T, BackendError>) -> Result<T, BackendError> {
        let start = ContinuousClock.now
        let result = call()
        record(op, result, since: start)
        return result
    }

    private func record<T>(_ op: String, _ result: Result<T, BackendError>, since start: ContinuousClock.Instant) {
        let code: String
        switch result {
        case .success: code = "ok"
        case .failure(let error): code = error.code
        }
        metrics.recordRequest(op: op, code: code, duration: .now - start)
    }
}
