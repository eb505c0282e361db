import AnjuJSON
import AnjuProtocol
import Testing

@Suite("SessionGate: issued sessions, open and secure turns, for every transport")
struct SessionGateTests {
    func request(_ json: String) throws -> Request {
        try Request.decode(utf8: json.utf8).get()
    }

    @Test("open issues an id; an ask in it is secure, a client-chosen id is not; an ask without a session gets one")
    func secureOnlyForIssuedIds() throws {
        let gate = SessionGate()
        var known: SessionGate.KnownSessions? = SessionGate.KnownSessions()
        guard case .reply(let opened) = gate.prepare(try request(#"{"op":"open","id":1}"#), known: &known),
              let issued = opened.json?.objectValue?["session"]?.stringValue
        else { Issue.record("open gave no session"); return }
        #expect(gate.sessions.isIssued(issued))

        guard case .run(_, let secure) = gate.prepare(try request(#"{"session":"\#(issued)","text":"x"}"#), known: &known)
        else { Issue.record("ask not run"); return }
        #expect(secure.secure)

        guard case .run(_, let chosen) = gate.prepare(try request(#"{"session":"mine","text":"x"}"#), known: &known)
        else { Issue.record("ask not run"); return }
        #expect(!chosen.secure)
        #expect(known?.ids.contains("mine") == true)

        guard case .run(let filled, let fresh) = gate.prepare(try request(#"{"text":"x"}"#), known: &known),
              case .ask(let session?, _, _) = filled.operation
        else { Issue.record("no session issued"); return }
        #expect(fresh.secure && gate.sessions.isIssued(session))

        guard case .run(_, let reset) = gate.prepare(try request(#"{"op":"reset","session":"\#(issued)"}"#), known: &known)
        else { Issue.record("reset not run"); return }
        #expect(reset.secure && !gate.sessions.isIssued(issued))
    }

    @Test("new sessions over the per-peer limit are answered busy")
    func busyOverLimit() throws {
        let gate = SessionGate(newSessions: PeerRateLimiter(perMinute: 1))
        var known: SessionGate.KnownSessions? = nil
        guard case .reply(let first) = gate.prepare(try request(#"{"op":"open"}"#), peer: "p", known: &known),
              case .reply(let second) = gate.prepare(try request(#"{"op":"open","id":"x"}"#), peer: "p", known: &known)
        else { Issue.record("open not answered"); return }
        #expect(!first.isError)
        #expect(second.errorCode == .busy && second.text.contains(#""id":"x""#))
    }
}
