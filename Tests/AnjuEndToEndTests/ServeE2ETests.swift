import AnjuJSON
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `anju serve` started as a real process on a free port, talked to over TCP.
final class ServerProcess {
    let process = Process()
    let port: Int
    let directory: URL

    init(extraArguments: [String] = [], setup: (URL) throws -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("anju-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try setup(directory)
        process.executableURL = CLIRunner.executable
        process.arguments = ["serve", "--port", "0", "--db", directory.appendingPathComponent("anju.sqlite").path, "--no-demo"] + extraArguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line says where it listens: "anju: listening on 127.0.0.1:PORT".
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let colon = text.split(separator: "\n").first?.split(separator: ":").last, let p = Int(colon.trimmingCharacters(in: .whitespaces)) else {
            process.terminate()
            throw CLIError("server did not report its port: \(text)")
        }
        port = p
    }

    /// Sends SIGTERM and waits; returns the exit status.
    func stop() -> Int32 {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
        return process.terminationStatus
    }

    /// A test that fails before `stop()` must not leave its server running.
    deinit { _ = stop() }
}

struct CLIError: Error { let message: String; init(_ m: String) { message = m } }

/// A blocking TCP client for tests.
final class LineClient {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard ok == 0 else { throw CLIError("connect failed") }
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) } }
    func send(_ text: String) { send(Array(text.utf8)) }

    /// Reads `count` lines.
    func lines(_ count: Int) -> [String] {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while buffer.filter({ $0 == 0x0A }).count < count {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            buffer += chunk[0..<n]
        }
        return String(decoding: buffer, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).prefix(count).map(String.init)
    }

    func request(_ line: String) throws -> JSONValue { send(line + "\n"); return try JSONValue.parse(lines(1).first ?? "") }
}

@Suite("anju serve over a real TCP socket", .serialized)
struct ServeE2ETests {
    @Test("every op answers as protocol.md says, and SIGTERM exits 0")
    func ops() throws {
        let server = try ServerProcess()
        let c = try LineClient(port: server.port)
        #expect(try c.request(#"{"id":7,"op":"ping"}"#) == ["ok": true, "id": 7, "pong": true])
        let ask = try c.request(#"{"id":"q","op":"ask","session":"e2e","text":"我连续交了3年，余额5万，月收入一万二，想买首套，能贷多少"}"#)
        #expect(ask["ok"] == true && ask["id"] == "q")
        #expect(ask["intent"]?.stringValue == "loan_quota")
        #expect(ask["result"]?["amount"]?.doubleValue == 750000)
        #expect(ask["citations"]?.arrayValue?.isEmpty == false)
        let classify = try c.request(#"{"op":"classify","text":"租房能提多少","limit":3}"#)
        #expect(classify["intent"]?.stringValue == "withdraw_rent")
        #expect(classify["candidates"]?.arrayValue?.count == 3)
        let faq = try c.request(#"{"op":"faq","query":"商转公 条件"}"#)
        #expect(faq["results"]?.arrayValue?.first?["intent"]?.stringValue == "loan_commercial_transfer")
        let check = try c.request(#"{"op":"check","rule":"loan_repayment","facts":{"principal":1000000,"term_years":30}}"#)
        #expect(check["result"]?["monthly_payment"]?.doubleValue == 4003.4)
        #expect(try c.request(#"{"op":"check","rule":"nope","facts":{}}"#)["error"]?["code"]?.stringValue == "unknown_rule")
        #expect(try c.request(#"{"op":"reset","session":"e2e"}"#)["ok"] == true)
        #expect(try c.request(#"{"op":"fly"}"#)["error"]?["code"]?.stringValue == "unknown_op")
        #expect(try c.request(#"{"op":"ask","session":"","text":"hi"}"#)["error"]?["code"]?.stringValue == "bad_request")
        #expect(try c.request("{not json")["error"]?["code"]?.stringValue == "bad_json")
        c.send("租房能提多少\n")
        #expect(c.lines(1).first?.contains("连续缴存") == true)
        #expect(server.stop() == 0)
    }

    @Test("a 1 MB line is answered line_too_long and the connection keeps serving; invalid UTF-8 is bad_utf8")
    func hostileLines() throws {
        let server = try ServerProcess()
        let c = try LineClient(port: server.port)
        c.send(Array(#"{"op":"ask","text":""#.utf8) + [UInt8](repeating: 0x61, count: 1 << 20) + [0x0A])
        #expect(try JSONValue.parse(c.lines(1)[0])["error"]?["code"]?.stringValue == "line_too_long")
        // In plain-text mode the same limit answers with a plain line, and the connection stays.
        c.send([UInt8](repeating: 0x61, count: 1 << 20) + [0x0A])
        #expect(c.lines(1).first?.isEmpty == false)
        c.send([0x7B, 0xFF, 0xFE, 0x7D, 0x0A])
        #expect(try JSONValue.parse(c.lines(1)[0])["error"]?["code"]?.stringValue == "bad_utf8")
        #expect(try c.request(#"{"op":"ping"}"#)["pong"] == true)
        #expect(server.stop() == 0)
    }

    @Test("pipelined requests come back in order")
    func pipelined() throws {
        let server = try ServerProcess()
        let c = try LineClient(port: server.port)
        let texts = ["查余额", "租房能提多少", "今天天气怎么样", "商转公", "我能贷多少"]
        var batch = ""
        for i in 0..<100 { batch += #"{"id":\#(i),"op":"classify","text":"\#(texts[i % texts.count])"}"# + "\n" }
        c.send(batch)
        let replies = c.lines(100).map { try? JSONValue.parse($0) }
        #expect(replies.count == 100)
        for (i, r) in replies.enumerated() { #expect(r?["id"]?.intValue == i) }
        #expect(server.stop() == 0)
    }

    @Test("a member verifies over the socket; five wrong PINs answer locked")
    func verificationAndLock() throws {
        let csv = """
        account_no,id_number,name,phone,pin,birth,gender,status,balance,monthly_deposit,deposit_base,continuous_months,last_deposit,sealed_since,homes_owned,children,married,loans_used,loan_outstanding,loan_monthly_payment,overdue
        330900100001,330902198807150013,张明远,13857201234,135790,1988-07,male,normal,86420.50,1920.00,8000,96,2026-11,,1,1,true,0,420000.00,1905.41,false
        """
        let server = try ServerProcess { dir in
            let file = dir.appendingPathComponent("m.csv")
            try csv.write(to: file, atomically: true, encoding: .utf8)
            let out = try CLIRunner.run(["accounts", "import", file.path, "--db", dir.appendingPathComponent("anju.sqlite").path])
            guard out.status == 0 else { throw CLIError(out.stderr) }
        }
        let c = try LineClient(port: server.port)
        // Member data only in server-issued sessions (protocol 1.1).
        var issued: [String: String] = [:]
        for name in ["m1", "m2"] { issued[name] = try c.request(#"{"op":"open"}"#)["session"]?.stringValue }
        func ask(_ s: String, _ t: String) throws -> JSONValue {
            try c.request(#"{"op":"ask","session":"\#(issued[s] ?? s)","text":"\#(t)"}"#)
        }
        #expect(try ask("m1", "查余额")["expecting"]?.stringValue == "id_number")
        #expect(try ask("m1", "330902198807150013")["expecting"]?.stringValue == "pin")
        #expect(try ask("m1", "135790")["reply"]?.stringValue?.contains("86,420.50元") == true)
        _ = try ask("m2", "查余额")
        _ = try ask("m2", "330902198807150013")
        var last: JSONValue = nil
        for _ in 0..<5 { last = try ask("m2", "000000") }
        #expect(last["ok"] == false)
        #expect(last["error"]?["code"]?.stringValue == "locked")
        #expect(server.stop() == 0)
    }
}
