import AnjuJSON
import AnjuProtocol
import Testing

@Suite("Request.decode: protocol.md's request table, for every transport")
struct RequestDecodingTests {
    func decode(_ json: String, op: Request.Op? = nil) -> Result<Request, RequestRejection> {
        Request.decode(utf8: json.utf8, op: op)
    }

    @Test("a body without op is an ask; its id, session, channel and text are kept")
    func defaultsToAsk() throws {
        let request = try decode(#"{"id":"a","session":"s1","channel":"ivr","text":"租房能提多少"}"#).get()
        #expect(request.op == .ask)
        #expect(request.id == RequestID(.string("a")))
        guard case .ask(let session, let channel, let text) = request.operation else { Issue.record("not ask"); return }
        #expect(session == "s1" && channel == .ivr && text == "租房能提多少")
        #expect(request.mayBlock)
    }

    @Test("an op fixed by the transport (an HTTP path) wins over the body's op")
    func fixedOpWins() throws {
        let request = try decode(#"{"op":"ping","text":"公积金","limit":3}"#, op: .classify).get()
        guard case .classify(let text, let limit) = request.operation else { Issue.record("not classify"); return }
        #expect(text == "公积金" && limit == 3)
        #expect(!request.mayBlock)
    }

    @Test("health is an op of its own, which may block (it reads the store)")
    func healthOp() throws {
        let request = try decode(#"{"op":"health","id":9}"#).get()
        #expect(request.op == .health && request.mayBlock && request.id == RequestID(.int(9)))
    }

    @Test("rejections echo the id and name the field; bad JSON and unknown ops have their codes")
    func rejections() {
        func code(_ json: String, op: Request.Op? = nil) -> (String?, RequestID?, String) {
            switch decode(json, op: op) {
            case .success: return (nil, nil, "")
            case .failure(let rejection): return (rejection.error.code.rawValue, rejection.id, rejection.error.message)
            }
        }
        #expect(code("{oops").0 == "bad_json")
        #expect(code("[1]").0 == "bad_request")
        #expect(code(#"{"op":"fly","id":3}"#).0 == "unknown_op")
        #expect(code(#"{"op":"fly","id":3}"#).1 == RequestID(.int(3)))
        // An ask without a session is valid (protocol 1.1: the server issues one); without text it is not.
        let missing = code(#"{"id":4,"session":"s"}"#)
        #expect(missing.0 == "bad_request" && missing.1 == RequestID(.int(4)) && missing.2.contains("text"))
        #expect(code(#"{"session":"s","text":"x","channel":"fax"}"#).2.contains("channel"))
        #expect(code(#"{"text":"x","limit":21}"#, op: .classify).2.contains("limit"))
        #expect(code(#"{"id":[1]}"#).1 == nil)
    }

    @Test("a health report is ready only when every check passes, and says so in its fields")
    func healthReport() {
        var report = HealthReport(version: "1.1.0", dataFingerprint: "sha256:ab", checks: [
            .init(name: "data", ok: true, detail: "40 intents loaded"), .init(name: "store", ok: true, detail: "64 members"),
        ])
        #expect(report.ready)
        #expect(JSONValue.object(report.fields).jsonString.hasPrefix(#"{"status":"ready","ready":true,"version":"1.1.0","data":"sha256:ab""#))
        report.checks[1].ok = false
        #expect(!report.ready)
        #expect(report.fields["status"] == .string("not_ready"))
    }

    @Test("replies are written once: ok first, the id echoed, then the fields")
    func replyWriting() async {
        let reply = await Request(id: RequestID(.string("x")), operation: .ping).run(on: NoBackend())
        #expect(reply.text == #"{"ok":true,"id":"x","pong":true}"#)
        #expect(Reply.error(.unknownOp("fly"), id: RequestID(.int(1)), format: .json).errorCode == .unknownOp)
    }
}

/// A backend that must not be called.
struct NoBackend: AssistantBackend {
    func ask(session: String, channel: Channel, text: String, context: AskContext) -> Result<JSONObject, BackendError> { fatalError() }
    func classify(text: String, limit: Int) -> Result<JSONObject, BackendError> { fatalError() }
    func faq(query: String, limit: Int) -> Result<JSONObject, BackendError> { fatalError() }
    func check(rule: String, facts: JSONValue) -> Result<JSONObject, BackendError> { fatalError() }
    func reset(session: String, secure: Bool) { fatalError() }
}
