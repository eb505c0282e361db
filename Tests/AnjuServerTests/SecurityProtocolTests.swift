import AnjuProtocol
import AnjuJSON
@testable import AnjuServer
import NIOCore
import ServiceLifecycle
import Testing

/// Issue 13: server-issued sessions, per-peer limits, exact id echo, drain at SIGTERM.
@Suite("Protocol 1.1 security")
struct SecurityProtocolTests {
    let backend = FakeBackend()

    @Test func openIssuesAnUnguessableSessionID() async {
        let handler = ProtocolHandler(backend: backend)
        var state = ConnectionState()
        let first = await handler.reply(toLine: #"{"id":1,"op":"open"}"#, connection: &state)
        let second = await handler.reply(toLine: #"{"op":"open"}"#, connection: &state)
        let a = first.object["session"]?.stringValue ?? ""
        let b = second.object["session"]?.stringValue ?? ""
        #expect(a.count == 32 && a.allSatisfy(\.isHexDigit))
        #expect(a != b)
        #expect(handler.sessions.isIssued(a))
        #expect(first.object["id"] == 1)
    }

    @Test func askWithoutSessionIssuesOneAndIsSecure() async {
        let handler = ProtocolHandler(backend: backend)
        var state = ConnectionState(connectionID: 7, peer: "10.0.0.9")
        let r = await handler.reply(toLine: #"{"op":"ask","text":"查余额"}"#, connection: &state)
        let session = r.object["session"]?.stringValue ?? ""
        #expect(session.count == 32)
        #expect(backend.contexts.last == AskContext(secure: true, connection: 7, peer: "10.0.0.9"))
        _ = await handler.reply(toLine: #"{"op":"ask","session":"\#(session)","text":"二"}"#, connection: &state)
        #expect(backend.contexts.last?.secure == true)
    }

    @Test func clientChosenIDsAreNotSecureAndCannotTouchIssuedSessions() async {
        let handler = ProtocolHandler(backend: backend)
        var owner = ConnectionState()
        let issued = await handler.reply(toLine: #"{"op":"open"}"#, connection: &owner).object["session"]?.stringValue ?? ""
        _ = await handler.reply(toLine: #"{"session":"\#(issued)","text":"一"}"#, connection: &owner)
        // Another connection with a made-up id gets an insecure turn in its own namespace.
        var other = ConnectionState()
        _ = await handler.reply(toLine: #"{"session":"s1","text":"一"}"#, connection: &other)
        #expect(backend.contexts.last?.secure == false)
        let r = await handler.reply(toLine: #"{"op":"reset","session":"s1"}"#, connection: &other)
        #expect(r.object["ok"] == true)
        #expect(backend.resets == ["s1"])
        // The issued session's state is untouched: its next turn is its second.
        let next = await handler.reply(toLine: #"{"session":"\#(issued)","text":"二"}"#, connection: &owner)
        #expect(next.object["reply"]?.stringValue?.contains("第 2 轮") == true)
        // Reset with the issued id (held only by its owner) ends it; the id is then spent.
        _ = await handler.reply(toLine: #"{"op":"reset","session":"\#(issued)"}"#, connection: &owner)
        #expect(backend.resets.last == "#" + issued)
        #expect(!handler.sessions.isIssued(issued))
    }

    @Test func plainTextSessionIsSecure() async {
        let handler = ProtocolHandler(backend: backend)
        var state = ConnectionState()
        _ = await handler.reply(toLine: "查余额", connection: &state)
        #expect(backend.contexts.last?.secure == true)
        #expect(state.plainSession.count == "plain:".count + 32)
    }

    @Test func newSessionsPerPeerAreLimited() async {
        let handler = ProtocolHandler(backend: backend, newSessions: PeerRateLimiter(perMinute: 3))
        var a = ConnectionState(peer: "10.0.0.1")
        var codes: [String?] = []
        for n in 0..<5 { codes.append(await handler.reply(toLine: #"{"session":"x\#(n)","text":"一"}"#, connection: &a).code) }
        #expect(codes == [nil, nil, nil, "busy", "busy"])
        // A session already used on the connection keeps working; opening is refused too.
        #expect(await handler.reply(toLine: #"{"session":"x0","text":"二"}"#, connection: &a).code == nil)
        #expect(await handler.reply(toLine: #"{"op":"open"}"#, connection: &a).code == "busy")
        // Another peer is not affected.
        var b = ConnectionState(peer: "10.0.0.2")
        #expect(await handler.reply(toLine: #"{"op":"open"}"#, connection: &b).code == nil)
    }

    @Test(arguments: [
        "123456789012345678901234567890", "-0", "1E300", "0.10", "1e2", #""a\u0062c""#, #""\/x""#, #""编号""#,
        "9223372036854775808",
    ])
    func idIsEchoedByteForByte(id: String) async {
        let handler = ProtocolHandler(backend: backend)
        var state = ConnectionState()
        let ok = await handler.reply(toLine: #"{"op":"ping", "id" : \#(id) }"#, connection: &state)
        #expect(ok.text == #"{"ok":true,"id":\#(id),"pong":true}"#)
        let error = await handler.reply(toLine: #"{"id":\#(id),"op":"nope"}"#, connection: &state)
        #expect(error.text.hasPrefix(#"{"ok":false,"id":\#(id),"error":"#))
    }

    @Test func idInsideNestedValuesIsNotTakenForTheTopLevelID() {
        #expect(RequestID.rawToken(in: Array(#"{"facts":{"id":1},"x":[{"id":2}],"id":"top"}"#.utf8)) == Array(#""top""#.utf8))
        #expect(RequestID.rawToken(in: Array(#"{"a":"\"id\":9","id":3}"#.utf8)) == Array("3".utf8))
        #expect(RequestID.rawToken(in: Array(#"{"op":"ping"}"#.utf8)) == nil)
    }

    @Test func connectionsPerPeerAreLimited() async throws {
        try await withServer({ $0.maxConnectionsPerPeer = 2 }) { address in
            try await LineClient.with(address) { first in
                #expect(try await first.request(#"{"op":"ping"}"#)["pong"] == true)
                try await LineClient.with(address) { second in
                    #expect(try await second.request(#"{"op":"ping"}"#)["pong"] == true)
                    try await LineClient.with(address) { third in
                        let reply = try await third.readJSON()
                        #expect(reply.code == "busy")
                        #expect(try await third.readsEOF())
                    }
                }
            }
        }
    }

    @Test func shutdownAnswersEveryPipelinedLine() async throws {
        let backend = FakeBackend(slowDelay: .milliseconds(300))
        let (addresses, continuation) = AsyncStream.makeStream(of: SocketAddress.self)
        let server = LineServer(
            configuration: .init(port: 0, maxPendingLines: 2), backend: backend, logger: quietLogger,
            onListening: { continuation.yield($0) })
        let group = ServiceGroup(services: [server], logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = addresses.makeAsyncIterator()
            let address = try #require(await iterator.next())
            try await LineClient.with(address) { client in
                // One slow ask, then 167 more lines sent at once.
                var batch = #"{"id":0,"session":"s","text":"slow"}"# + "\n"
                for n in 1..<168 { batch += #"{"id":\#(n),"op":"ping"}"# + "\n" }
                try await client.sendRaw(Array(batch.utf8))
                try await waitUntil { backend.started == 1 }
                await group.triggerGracefulShutdown()
                var ids: [Int] = []
                while let line = try await client.readLine() {
                    ids.append((try? JSONValue.parse(line))?["id"]?.intValue ?? -1)
                }
                #expect(ids == Array(0..<168))
            }
            try await tasks.next()
        }
    }
}
