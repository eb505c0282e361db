#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AnjuJSON
import AnjuProtocol
@testable import AnjuServer
import Logging
import Synchronization

/// A backend with predictable answers, for the server's tests.
///
/// - ask: `reply` is "答：<text>\n第 N 轮" (N counts the session's turns, so order and
///   session separation are visible); text "boom" → `internal`; text "locked" → `locked`;
///   text "slow" sleeps `slowDelay` first.
/// - classify: text "slow" sleeps; "boom" → internal; candidates: `limit` entries.
/// - faq: `limit` results (with 24 KB snippets for the query "big").
/// - check: rule "loan_eligibility" → `{"result": {"eligible": true, "facts": n}}`, else `unknown_rule`.
final class FakeBackend: AssistantBackend {
    let slowDelay: Duration
    private let state = Mutex<State>(State())

    struct State {
        var turns: [String: Int] = [:]
        var resets: [String] = []
        var calls: [String] = []
        var started = 0
        var contexts: [AskContext] = []
    }

    init(slowDelay: Duration = .milliseconds(500)) {
        self.slowDelay = slowDelay
    }

    var resets: [String] { state.withLock { $0.resets } }
    var contexts: [AskContext] { state.withLock { $0.contexts } }
    var calls: [String] { state.withLock { $0.calls } }
    /// Backend calls begun so far.
    var started: Int { state.withLock { $0.started } }

    private func begin(_ name: String, text: String?) {
        state.withLock {
            $0.calls.append(name)
            $0.started += 1
        }
        if text == "slow" {
            let micros = slowDelay.components.seconds * 1_000_000 + slowDelay.components.attoseconds / 1_000_000_000_000
            usleep(useconds_t(micros))
        }
    }

    func ask(session: String, channel: Channel, text: String, context: AskContext) -> Result<JSONObject, BackendError> {
        begin("ask:\(channel.rawValue)", text: text)
        state.withLock { $0.contexts.append(context) }
        // Issued and client-chosen ids are separate namespaces, as the real backend keeps them.
        let key = context.secure ? "#" + session : session
        if text == "boom" { return .failure(BackendError(code: "internal", message: "后端出错了 / backend failed")) }
        if text == "locked" { return .failure(BackendError(code: "locked", message: "已锁定 15 分钟 / locked for 15 minutes")) }
        let turn = state.withLock { state -> Int in
            state.turns[key, default: 0] += 1
            return state.turns[key]!
        }
        return .success([
            "session": .string(session),
            "intent": "withdraw_purchase",
            "confidence": 0.9,
            "reply": .string("答：\(text)\n第 \(turn) 轮\r\n\n（\(channel.rawValue)）"),
            "expecting": nil,
            "options": [],
            "handoff": false,
            "citations": [],
            "result": nil,
        ])
    }

    func classify(text: String, limit: Int) -> Result<JSONObject, BackendError> {
        begin("classify", text: text)
        if text == "boom" { return .failure(BackendError(code: "internal", message: "classifier failed")) }
        let candidates = (0..<limit).map { i -> JSONValue in ["intent": .string("intent_\(i)"), "score": .double(1.0 / Double(i + 1))] }
        return .success([
            "intent": "intent_0", "confidence": 0.75, "candidates": .array(candidates),
            "tokens": .array(text.map { .string(String($0)) }),
        ])
    }

    func faq(query: String, limit: Int) -> Result<JSONObject, BackendError> {
        begin("faq", text: query)
        // Query "big": 24 KB snippets, for tests that need replies to pile up.
        let snippet: JSONValue = query == "big" ? .string(String(repeating: "摘", count: 8_000)) : "摘要"
        let results = (0..<limit).map { i -> JSONValue in
            ["id": .string("faq-\(i)"), "intent": "withdraw_purchase", "title": "标题", "snippet": snippet, "score": 1.0,
             "doc": "policy", "section": "1"]
        }
        return .success(["results": .array(results)])
    }

    func check(rule: String, facts: JSONValue) -> Result<JSONObject, BackendError> {
        begin("check", text: nil)
        guard rule == "loan_eligibility" else {
            return .failure(BackendError(code: "unknown_rule", message: "未知规则 / unknown rule"))
        }
        return .success(["result": ["eligible": true, "facts": .int(facts.objectValue?.count ?? -1)]])
    }

    func reset(session: String, secure: Bool) {
        begin("reset", text: nil)
        let session = secure ? "#" + session : session
        state.withLock {
            $0.resets.append(session)
            $0.turns[session] = nil
        }
    }
}

/// Collects log lines (message and metadata), to check what is logged — and what is not.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var logger: Logger {
        Logger(label: "test") { _ in CapturingHandler(capture: self) }
    }

    struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("\(event.level) \(event.message) \(rendered)")
        }
    }
}

let quietLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

extension Reply {
    /// The reply parsed as a JSON object (fails the test by returning an empty object).
    var object: JSONObject { json?.objectValue ?? [:] }
    var code: String? { object["error"]?["code"]?.stringValue }
    var message: String { object["error"]?["message"]?.stringValue ?? "" }
}
