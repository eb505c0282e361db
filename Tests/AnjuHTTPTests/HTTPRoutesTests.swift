import AnjuHTTP
import AnjuJSON
import AnjuProtocol
import AnjuServer
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import Logging
import NIOCore
import Synchronization
import Testing

/// The HTTP routes over a stub backend, compared with the line protocol's replies.
@Suite("HTTP and WebSocket (docs/protocol-1.1-http.md)")
struct HTTPRoutesTests {
    let backend = StubBackend()
    let metrics = AnjuMetrics()

    func application() -> some ApplicationProtocol {
        HTTPServer.makeApplication(configuration: .init(host: "127.0.0.1", port: 0), backend: backend, metrics: metrics,
                                   logger: Logger(label: "test"))
    }

    /// What the line protocol answers to the same request (as one JSON line).
    func lineReply(_ json: String) async -> String {
        var connection = ConnectionState()
        return await ProtocolHandler(backend: backend).reply(toLine: json, connection: &connection).text
    }

    @Test("every POST /v1/{op} answers the same JSON the line protocol sends for that op")
    func httpRepliesEqualLineReplies() async throws {
        let cases: [(String, String)] = [
            ("ask", #"{"id":1,"session":"h1","text":"租房能提多少","channel":"ivr"}"#),
            ("classify", #"{"id":"c","text":"租房能提多少","limit":3}"#),
            ("faq", #"{"query":"租房","limit":2}"#),
            ("check", #"{"rule":"loan_repayment","facts":{"principal":1000000,"term_years":30}}"#),
            ("check", #"{"id":7,"rule":"nope","facts":{}}"#),
            ("reset", #"{"session":"h1"}"#),
            ("ask", #"{"session":"bad session!","text":"x"}"#),
            ("classify", #"{"text":""}"#),
            ("health", #"{}"#),
            ("ping", #"{}"#),
        ]
        try await application().test(.router) { client in
            for (op, body) in cases {
                // The line protocol reads the op from the body; HTTP from the path.
                var object = try JSONValue.parse(body).objectValue!
                object["op"] = .string(op)
                let expected = await lineReply(JSONValue.object(object).jsonString)
                _ = backend.reset(session: "h1", secure: false)
                try await client.execute(uri: "/v1/\(op)", method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(String(buffer: response.body) == expected, "\(op) \(body)")
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                }
                _ = backend.reset(session: "h1", secure: false)
            }
        }
    }

    @Test("POST /v1/open issues a session id the server then treats as its own (reset revokes it)")
    func openOverHTTP() async throws {
        try await application().test(.router) { client in
            let issued = try await client.execute(uri: "/v1/open", method: .post, body: ByteBuffer(string: #"{"id":5}"#)) { response in
                #expect(response.status == .ok)
                let reply = try JSONValue.parse(String(buffer: response.body))
                #expect(reply.objectValue?["id"] == .int(5))
                return reply.objectValue?["session"]?.stringValue
            }
            let session = try #require(issued)
            try await client.execute(uri: "/v1/reset", method: .post, body: ByteBuffer(string: #"{"session":"\#(session)"}"#)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(session))
            }
        }
    }

    @Test("error codes map to HTTP statuses: bad_json/bad_request 400, unknown_op 404, unknown_rule 422, locked 423, internal 500")
    func errorStatuses() async throws {
        let cases: [(String, String, HTTPResponse.Status, String)] = [
            ("ask", "{not json", .badRequest, "bad_json"),
            // (an ask without a session is valid since protocol 1.1: the server issues one)
            ("ask", #"{"session":"s"}"#, .badRequest, "bad_request"),
            ("nope", "{}", .notFound, "unknown_op"),
            ("check", #"{"rule":"nope","facts":{}}"#, .unprocessableContent, "unknown_rule"),
            ("ask", #"{"session":"s","text":"locked"}"#, .init(code: 423), "locked"),
            ("ask", #"{"session":"s","text":"boom"}"#, .internalServerError, "internal"),
            ("ask", #"{"session":"s","text":"\#(String(repeating: "长", count: 9000))"}"#, .contentTooLarge, "line_too_long"),
        ]
        try await application().test(.router) { client in
            for (op, body, status, code) in cases {
                try await client.execute(uri: "/v1/\(op)", method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == status, "\(op) \(body.prefix(40))")
                    let reply = try JSONValue.parse(String(buffer: response.body))
                    #expect(reply.objectValue?["error"]?.objectValue?["code"]?.stringValue == code)
                }
            }
        }
    }

    @Test("/healthz is 200 while the process runs; /readyz is 200 when ready and 503 with the failing check when not")
    func healthAndReadiness() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""status":"ready""#))
            }
            backend.ready = false
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains(#""store":{"ok":false,"detail":"unreadable"}"#))
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            backend.ready = true
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("/metrics is Prometheus text whose counters move with the traffic")
    func metricsMoveWithTraffic() async throws {
        let metered = MeteredBackend(backend, metrics: metrics)
        let app = HTTPServer.makeApplication(configuration: .init(port: 0), backend: metered, metrics: metrics, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            func scrape() async throws -> [String: Double] {
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                    return try PrometheusText.samples(String(buffer: response.body))
                }
            }
            let before = try await scrape()
            for _ in 0..<3 {
                try await client.execute(uri: "/v1/classify", method: .post, body: ByteBuffer(string: #"{"text":"租房"}"#)) { _ in }
            }
            try await client.execute(uri: "/v1/ask", method: .post, body: ByteBuffer(string: #"{"session":"m","text":"转人工"}"#)) { _ in }
            try await client.execute(uri: "/v1/ask", method: .post, body: ByteBuffer(string: #"{"session":"m","text":"天气"}"#)) { _ in }
            let after = try await scrape()
            let classify = #"anju_requests_total{op="classify",code="ok"}"#
            #expect(after[classify, default: 0] - before[classify, default: 0] == 3)
            #expect(after[#"anju_turn_outcomes_total{outcome="handoff"}"#] == 1)
            #expect(after[#"anju_turn_outcomes_total{outcome="out_of_scope"}"#] == 1)
            #expect(after[#"anju_intents_total{channel="chat",intent="human_agent"}"#] == 1)
            #expect(after[#"anju_request_duration_seconds_count{op="classify"}"#, default: 0] >= 3)
            #expect(after[#"anju_http_requests_total{path="/v1/classify",status="200"}"#] == 3)
        }
    }

    @Test("the chat page is one HTML document with no external assets")
    func chatPage() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                #expect(page.contains("/v1/chat") && page.contains(#"fetch("/v1/""#))
                #expect(!page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("@import"))
            }
        }
    }

    @Test("the WebSocket /v1/chat answers each text frame with one reply, in order, and survives bad frames")
    func webSocketInOrder() async throws {
        try await application().test(.live) { client in
            let replies = Mutex<[String]>([])
            try await client.ws("/v1/chat") { inbound, outbound, _ in
                let requests = (1...20).map { #"{"id":\#($0),"session":"w","text":"第\#($0)句"}"# } + ["{oops", #"{"op":"ping","id":"p"}"#]
                for request in requests { try await outbound.write(.text(request)) }
                var frames = inbound.makeAsyncIterator()
                for _ in requests {
                    guard case .text(let text)? = try await frames.nextMessage(maxSize: 1 << 16) else { break }
                    replies.withLock { $0.append(text) }
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
            let got = replies.withLock { $0 }
            #expect(got.count == 22)
            for (index, text) in got.prefix(20).enumerated() {
                let reply = try JSONValue.parse(text).objectValue!
                #expect(reply["id"] == .int(index + 1))
                #expect(reply["reply"]?.stringValue == "chat #\(index + 1): 第\(index + 1)句")
            }
            #expect(got.count > 21 && got[20].contains(#""code":"bad_json""#))
            #expect(got.count > 21 && got[21] == #"{"ok":true,"id":"p","pong":true}"#)
        }
    }

    @Test("the line protocol's health op carries the same facts as /readyz")
    func healthOpOnTheLine() async throws {
        backend.ready = false
        let line = await lineReply(#"{"op":"health","id":3}"#)
        #expect(line.hasPrefix(#"{"ok":true,"id":3,"status":"not_ready","ready":false,"version":"test","data":"sha256:00""#))
        try await application().test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(String(buffer: response.body) == line.replacingOccurrences(of: #","id":3"#, with: ""))
            }
        }
    }
}
