import AnjuIntents
import AnjuJSON
import AnjuProtocol
@testable import AnjuServer
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import Testing

@Suite("LineServer over a real socket")
struct LiveServerTests {
    @Test func everyOp() async throws {
        let backend = FakeBackend()
        try await withServer(backend: backend) { address in
            try await LineClient.with(address) { client in
                #expect(try await client.request(#"{"op":"ping"}"#) == ["ok": true, "pong": true])
                let ask = try await client.request(#"{"id":1,"op":"ask","session":"live","text":"提取","channel":"ivr"}"#)
                #expect(ask["ok"] == true && ask["id"] == 1 && ask["session"] == "live")
                let classify = try await client.request(#"{"id":"c","op":"classify","text":"贷款","limit":2}"#)
                #expect(classify["candidates"]?.arrayValue?.count == 2)
                let faq = try await client.request(#"{"op":"faq","query":"提取"}"#)
                #expect(faq["results"]?.arrayValue?.count == 5)
                let check = try await client.request(#"{"op":"check","rule":"loan_eligibility","facts":{"a":1}}"#)
                #expect(check["result"]?["eligible"] == true)
                #expect(try await client.request(#"{"op":"reset","session":"live"}"#) == ["ok": true, "session": "live"])
                try await client.send("公积金能取吗")
                #expect(try await client.readLine() == "答：公积金能取吗 第 1 轮 （chat）")
                try await client.send("")
                #expect(try await client.readLine()?.contains("请输入") == true)
            }
            // The plain-text session is forgotten when the connection closes.
            try await waitUntil { backend.resets.contains { $0.hasPrefix("#plain:") } }
        }
        #expect(backend.calls.contains("ask:ivr"))
    }

    @Test func waitingCallsAnsweredInOrderWithImmediateOnes() async throws {
        try await withServer({ _ in }) { address in
            try await LineClient.with(address) { client in
                #expect(try await client.request(#"{"id":1,"op":"classify","text":"提取"}"#)["intent"] == "intent_0")
                #expect(try await client.request(#"{"id":2,"session":"s","text":"boom"}"#).code == "internal")
                try await client.send("你好")
                #expect(try await client.readLine()?.hasPrefix("答：你好") == true)
            }
        }
    }

    @Test func everyErrorCode() async throws {
        try await withServer({ $0.maxLine = 1024 }) { address in
            try await LineClient.with(address) { client in
                #expect(try await client.request("{oops").code == "bad_json")
                let bad = try await client.request(#"{"id":5,"op":"ask","session":"","text":"x"}"#)
                #expect(bad.code == "bad_request" && bad["id"] == 5)
                #expect(try await client.request(#"{"op":"fly"}"#).code == "unknown_op")
                #expect(try await client.request(#"{"op":"check","rule":"nope","facts":{}}"#).code == "unknown_rule")
                #expect(try await client.request("{" + String(repeating: "x", count: 2000) + "}").code == "line_too_long")
                try await client.sendRaw([0x7B, 0xFF, 0xFE, 0x7D, 0x0A])
                #expect(try await client.readJSON().code == "bad_utf8")
                #expect(try await client.request(#"{"session":"s","text":"locked"}"#).code == "locked")
                #expect(try await client.request(#"{"id":"i","session":"s","text":"boom"}"#).code == "internal")
                // Still usable after every one of them.
                #expect(try await client.request(#"{"op":"ping"}"#)["pong"] == true)
                // Plain-text errors are plain lines.
                try await client.sendRaw(Array("问".utf8) + [0xFF, 0x0A])
                #expect(try await client.readLine()?.hasPrefix("错误：") == true)
                try await client.send(String(repeating: "长", count: 400))
                #expect(try await client.readLine()?.hasPrefix("错误：") == true)
            }
        }
    }

    @Test func busyWhenOverCapacity() async throws {
        try await withServer({ $0.maxConnections = 1 }) { address in
            try await LineClient.with(address) { first in
                #expect(try await first.request(#"{"op":"ping"}"#)["pong"] == true)
                try await LineClient.with(address) { second async throws in
                    #expect(try await second.readJSON().code == "busy")
                    #expect(try await second.readsEOF())
                }
                #expect(try await first.request(#"{"op":"ping"}"#)["pong"] == true)
            }
            // The slot is free again.
            try await waitUntil {
                (try? await LineClient.with(address) { try await $0.request(#"{"op":"ping"}"#)["pong"] == true }) == true
            }
        }
    }

    @Test func megabyteLineThenGoodRequest() async throws {
        try await withServer { address in
            try await LineClient.with(address) { client in
                let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024)
                try await client.sendRaw(Array(#"{"text":""#.utf8))
                for _ in 0..<16 { try await client.sendRaw(chunk) }
                try await client.sendRaw(Array("\"}\n".utf8))
                try await client.send(#"{"id":2,"op":"ping"}"#)
                let tooLong = try await client.readJSON()
                #expect(tooLong.code == "line_too_long")
                #expect(tooLong["error"]?["message"]?.stringValue?.contains("16384") == true)
                #expect(try await client.readJSON() == ["ok": true, "id": 2, "pong": true])
            }
        }
    }

    @Test func randomBytesNeverBreakTheServer() async throws {
        try await withServer { address in
            var generator = SplitMix64(seed: 7)
            for round in 0..<5 {
                try await LineClient.with(address) { client in
                    let junk = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    let lines = junk.filter { $0 == 0x0A }.count
                    try await client.sendRaw(junk)
                    try await client.sendRaw([0x0A])
                    try await client.send(#"{"id":"after","op":"ping"}"#)
                    // One reply per line, whatever the line was; then the ping.
                    var replies: [String] = []
                    for _ in 0..<(lines + 2) {
                        guard let line = try await client.readLine() else { break }
                        replies.append(line)
                    }
                    #expect(replies.count == lines + 2, "round \(round)")
                    #expect(replies.last == #"{"ok":true,"id":"after","pong":true}"#)
                }
            }
        }
    }

    @Test func clientDisconnectingMidLine() async throws {
        try await withServer { address in
            try await LineClient.with(address) { client in
                try await client.sendRaw(Array(#"{"op":"ask","session":"s","te"#.utf8))
            }
            for _ in 0..<20 {
                let connection = try await LineClient.connect(to: address)
                try await connection.executeThenClose { _, outbound in
                    try await outbound.write(ByteBuffer(string: "半句话"))
                }
            }
            try await LineClient.with(address) { client async throws in
                #expect(try await client.request(#"{"op":"ping"}"#)["pong"] == true)
            }
        }
    }

    @Test func halfClosedClientGetsItsReplies() async throws {
        try await withServer { address in
            try await LineClient.with(address) { client in
                try await client.send(#"{"id":1,"op":"ping"}"#)
                try await client.sendRaw(Array(#"{"id":2,"op":"ping"}"#.utf8))  // no newline: last line at EOF
                client.finishSending()
                #expect(try await client.readJSON()["id"] == 1)
                #expect(try await client.readJSON()["id"] == 2)
                #expect(try await client.readsEOF())
            }
        }
    }

    @Test func twoHundredClientsAtOnce() async throws {
        try await withServer { address in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for c in 0..<200 {
                    group.addTask {
                        try await LineClient.with(address) { client in
                            var good = 0
                            for r in 0..<5 {
                                let reply = try await client.request(
                                    #"{"id":\#(r),"session":"c\#(c)","text":"第\#(r)问"}"#)
                                if reply["id"] == .int(r), reply["session"] == .string("c\(c)"),
                                    reply["reply"]?.stringValue?.contains("第 \(r + 1) 轮") == true
                                {
                                    good += 1
                                }
                            }
                            return good
                        }
                    }
                }
                var total = 0
                for try await good in group { total += good }
                #expect(total == 1000)
            }
        }
    }

    @Test func pipelinedRequestsAnsweredInOrder() async throws {
        try await withServer { address in
            try await LineClient.with(address) { client in
                var batch = ""
                for i in 0..<200 {
                    switch i % 4 {
                    case 0: batch += #"{"id":\#(i),"op":"ping"}"# + "\n"
                    case 1: batch += #"{"id":\#(i),"op":"classify","text":"提取"}"# + "\n"
                    case 2: batch += #"{"id":\#(i),"op":"nope"}"# + "\n"
                    default: batch += #"{"id":\#(i),"session":"p","text":"问"}"# + "\n"
                    }
                }
                try await client.sendRaw(Array(batch.utf8))
                var ids: [Int] = []
                var lastTurn = 0
                for _ in 0..<200 {
                    let reply = try await client.readJSON()
                    ids.append(reply["id"]?.intValue ?? -1)
                    if let words = reply["reply"]?.stringValue {
                        let turn = Int(words.split(separator: " ")[1])!
                        #expect(turn == lastTurn + 1)
                        lastTurn = turn
                    }
                }
                #expect(ids == Array(0..<200))
                #expect(lastTurn == 50)
            }
        }
    }

    @Test func slowClientDoesNotStallOthers() async throws {
        try await withServer { address in
            try await LineClient.with(address) { slow in
                // Pipeline many requests and read none of the replies.
                let batch = String(repeating: #"{"op":"faq","query":"q","limit":20}"# + "\n", count: 5_000)
                try await slow.sendRaw(Array(batch.utf8))
                try await LineClient.with(address) { other async throws in
                    for _ in 0..<20 {
                        #expect(try await other.request(#"{"op":"ping"}"#)["pong"] == true)
                    }
                }
            }
        }
    }

    @Test func idleTimeout() async throws {
        // 3 s, not 1: under a full parallel test run this process may not send its first line
        // within a second of connecting, and the idle clock starts at the connection.
        try await withServer({ $0.idleTimeout = .seconds(3) }) { address in
            // A long guard: on a 2-core machine running the whole suite (both transports'
            // end-to-end tests beside it) this task may wait >15 s for a thread.
            // On a loaded 2-core machine this process may not send its first line within the
            // 3 s after connecting; the server then rightly closes the idle connection before
            // the ping. That attempt is retried (it proves nothing either way), up to 3 times.
            var answered = false
            for _ in 0..<3 where !answered {
                let connected = ContinuousClock.now
                try await LineClient.with(address, deadline: .seconds(120)) { client in
                    // Timed from before the request: the idle clock starts at the reply, so at
                    // least 3 s pass however late this (possibly busy) test process reads it.
                    let started = ContinuousClock.now
                    let pong: JSONObject
                    do { pong = try await client.request(#"{"op":"ping"}"#) } catch {
                        #expect(ContinuousClock.now - connected >= .milliseconds(2950), "closed before it was idle: \(error)")
                        return
                    }
                    // The same late start, seen from the other side: the connection's
                    // `idle_timeout` line arrived where the pong would have.
                    if pong.code == "idle_timeout" {
                        #expect(ContinuousClock.now - connected >= .milliseconds(2950), "timed out before it was idle")
                        return
                    }
                    answered = true
                    #expect(pong["pong"] == true)
                    let reply = try await client.readJSON()
                    #expect(reply.code == "idle_timeout")
                    #expect(ContinuousClock.now - started >= .milliseconds(2950))  // not at once (3 s from the reply)
                    #expect(try await client.readsEOF())
                }
            }
            #expect(answered, "three connections in a row closed before their first line was read")
            // Plain-text clients get it in plain text. (Read to the end. On a loaded machine
            // this process may send so late that the connection is idle before the server has
            // read a line: then it cannot know the client is plain text, answers the idle
            // notice as JSON, and the check is tried again on a new connection — up to three.)
            var plainSeen: [String] = []
            for _ in 0..<3 where plainSeen.isEmpty {
                try await LineClient.with(address) { client in
                    try await client.send("你好")
                    var lines: [String] = []
                    while let line = try await client.readLine() { lines.append(line) }
                    #expect(lines.count <= 2, "\(lines)")
                    if lines.count == 2 { plainSeen = lines; return }
                    #expect(lines.last?.contains("idle_timeout") == true || lines.last?.hasPrefix("错误：连接空闲") == true, "\(lines)")
                }
            }
            #expect(plainSeen.last?.hasPrefix("错误：连接空闲") == true, "\(plainSeen)")
        }
    }

    @Test func clientThatStopsReadingIsClosedAfterTheIdleTimeout() async throws {
        // 3 s, not 1: under a full parallel test run this process may not send its first line
        // within a second of connecting, and the idle clock starts at the connection.
        try await withServer({ $0.idleTimeout = .seconds(3) }) { address in
            let started = ContinuousClock.now
            try await LineClient.with(address, deadline: .seconds(90)) { client in
                // Far more reply bytes (200 × 480 KB) than the sockets hold, none read for 8 s:
                // long enough for a loaded machine to fill the socket buffers and for the
                // server to see its replies stuck for the 3 s timeout (it checks at most every
                // 3 s). Reading sooner lets the replies move again, and the test would only
                // measure how fast this machine writes 96 MB of JSON (it failed that way).
                let batch = String(repeating: #"{"op":"faq","query":"big","limit":20}"# + "\n", count: 200)
                try? await client.sendRaw(Array(batch.utf8))
                try await Task.sleep(for: .seconds(8))
                var replies = 0
                while let line = try await client.readLine(), line.hasPrefix(#"{"ok":true"#) { replies += 1 }
                #expect(replies < 200)
            }
            // Closed by the server (about 1 s after replies stopped moving), not by the
            // client's 90 s guard (with room for a busy machine: the suite runs in parallel,
            // and 17 s were seen there with 15 s allowed).
            #expect(ContinuousClock.now - started < .seconds(60))
        }
    }

    @Test func gracefulShutdownFinishesTheRequestInFlight() async throws {
        let backend = FakeBackend(slowDelay: .milliseconds(400))
        let (addresses, continuation) = AsyncStream.makeStream(of: SocketAddress.self)
        let server = LineServer(
            configuration: .init(port: 0), backend: backend, logger: quietLogger,
            onListening: { continuation.yield($0) })
        let group = ServiceGroup(services: [server], logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = addresses.makeAsyncIterator()
            let address = try #require(await iterator.next())
            try await LineClient.with(address) { idle in
                #expect(try await idle.request(#"{"op":"ping"}"#)["pong"] == true)
                try await LineClient.with(address) { busy in
                    try await busy.send(#"{"id":"slow","op":"classify","text":"slow"}"#)
                    try await busy.send(#"{"id":"next","op":"ping"}"#)
                    try await waitUntil { backend.started == 1 }
                    await group.triggerGracefulShutdown()
                    let reply = try await busy.readJSON()
                    #expect(reply["id"] == "slow" && reply["ok"] == true)
                    #expect(try await busy.readJSON()["id"] == "next")
                    #expect(try await busy.readsEOF())
                }
                #expect(try await idle.readsEOF())
            }
            // The service returned (no error) and nobody is listening any more.
            try await tasks.next()
            await #expect(throws: (any Error).self) { try await LineClient.connect(to: address) }
        }
    }

    @Test func logsConnectionsAndErrorCodesButNeverRequestText() async throws {
        let capture = LogCapture()
        let secret = "110101199003074514"
        try await withServer(logger: capture.logger) { address in
            try await LineClient.with(address) { client in
                _ = try await client.request(#"{"op":"ask","session":"s","text":"身份证\#(secret)"}"#)
                _ = try await client.request(#"{"op":"ask","session":"s","text":"\#(secret)","channel":"x"}"#)
                try await client.send("我的号码是 \(secret)")
                _ = try await client.readLine()
                _ = try await client.request(#"{"op":"\#(secret)"}"#)
            }
            try await waitUntil { capture.all.contains { $0.contains("connection closed") } }
        }
        let lines = capture.all
        #expect(!lines.contains { $0.contains(secret) })
        #expect(lines.contains { $0.contains("connection opened") && $0.contains("remote=127.0.0.1:") })
        #expect(lines.contains { $0.contains("connection closed") && $0.contains("requests=4") && $0.contains("duration_ms=") })
        #expect(lines.contains { $0.contains("error reply") && $0.contains("code=bad_request") })
        #expect(lines.contains { $0.contains("error reply") && $0.contains("code=unknown_op") })
    }
}

/// Polls `condition` every 10 ms for up to 5 s.
/// Polls `condition` until it holds (60 s at most: a full parallel run on 2 cores can keep
/// the awaited task from a thread for many seconds; 5 s failed there).
func waitUntil(_ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    throw TestError("condition not met within 60 s")
}

