import AnjuJSON
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `anju serve --port 0 --http-port 0` as a real process: both listeners, one backend.
final class HTTPServerProcess {
    let process = Process()
    let linePort: Int
    let httpPort: Int
    let directory: URL
    var database: URL { directory.appendingPathComponent("anju.sqlite") }

    init(arguments: [String] = [], environment: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("anju-http-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process.executableURL = CLIRunner.executable
        process.arguments = ["serve", "--port", "0", "--db", directory.appendingPathComponent("anju.sqlite").path, "--no-demo"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["ANJU_HTTP_PORT"] = "0"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        FileManager.default.createFile(atPath: directory.appendingPathComponent("stderr.log").path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: directory.appendingPathComponent("stderr.log"))
        try process.run()
        // "anju: listening on 127.0.0.1:PORT" and "anju: http listening on 127.0.0.1:PORT", in either order.
        var text = ""
        var ports: [String: Int] = [:]
        while ports.count < 2 {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            for line in text.split(separator: "\n") {
                guard let port = line.split(separator: ":").last.flatMap({ Int($0) }) else { continue }
                ports[line.hasPrefix("anju: http") ? "http" : "line"] = port
            }
        }
        guard let line = ports["line"], let http = ports["http"] else {
            process.terminate()
            throw CLIError("server did not report its ports: \(text)")
        }
        linePort = line
        httpPort = http
    }

    /// What the server has written to standard error so far (its log).
    var standardError: String {
        (try? String(contentsOf: directory.appendingPathComponent("stderr.log"), encoding: .utf8)) ?? ""
    }

    func stop() -> Int32 {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
        return process.terminationStatus
    }

    deinit { _ = stop() }

    /// One HTTP/1.1 request (`Connection: close`); the status and the body.
    func http(_ method: String, _ path: String, body: String = "") throws -> (status: Int, body: String) {
        let client = try LineClient(port: httpPort)
        let bytes = Array(body.utf8)
        client.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\n\r\n")
        client.send(bytes)
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(client.fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            buffer += chunk[0..<n]
        }
        let text = String(decoding: buffer, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n"), let status = Int(text.split(separator: " ").dropFirst().first ?? "") else {
            throw CLIError("not an HTTP response: \(text.prefix(200))")
        }
        return (status, String(text[split.upperBound...]))
    }
}

@Suite("anju serve with HTTP, as a real process", .serialized)
struct ServeHTTPE2ETests {
    @Test("HTTP and the line protocol give the same classify, faq and check replies; SIGTERM stops both and exits 0")
    func sameRepliesOnBothTransports() async throws {
        try await offPool { try Self.sameRepliesOnBothTransportsBody() }
    }

    static func sameRepliesOnBothTransportsBody() throws {
        let server = try HTTPServerProcess()
        let line = try LineClient(port: server.linePort)
        let requests: [(String, String)] = [
            ("classify", #"{"id":1,"text":"租房能提多少"}"#),
            ("faq", #"{"id":2,"query":"租房提取 额度","limit":3}"#),
            ("check", #"{"id":3,"rule":"loan_repayment","facts":{"principal":1000000,"term_years":30}}"#),
            ("check", #"{"id":4,"rule":"no_such_rule","facts":{}}"#),
        ]
        for (op, body) in requests {
            let viaLine = try line.request(String(body.dropLast()) + #","op":"\#(op)"}"#)
            let viaHTTP = try server.http("POST", "/v1/\(op)", body: body)
            #expect(try JSONValue.parse(viaHTTP.body) == viaLine, "\(op)")
            #expect(viaHTTP.status == (viaLine.objectValue?["ok"] == .bool(true) ? 200 : 422))
        }
        #expect(server.stop() == 0)
    }

    @Test("/readyz turns 503 when the member database is made unreadable or moved away, and 200 again after; the health op agrees")
    func readinessFollowsTheDatabase() async throws {
        try await offPool { try Self.readinessFollowsTheDatabaseBody() }
    }

    static func readinessFollowsTheDatabaseBody() throws {
        let server = try HTTPServerProcess()
        let path = server.database.path
        #expect(try server.http("GET", "/readyz").status == 200)
        chmod(path, 0)
        let down = try server.http("GET", "/readyz")
        #expect(down.status == 503)
        #expect(down.body.contains(#""status":"not_ready""#))
        let line = try LineClient(port: server.linePort)
        #expect(try line.request(#"{"op":"health"}"#).objectValue?["ready"] == .bool(false))
        chmod(path, 0o644)
        #expect(try server.http("GET", "/readyz").status == 200)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".away")
        #expect(try server.http("GET", "/readyz").status == 503)
        try FileManager.default.moveItem(atPath: path + ".away", toPath: path)
        #expect(try server.http("GET", "/readyz").status == 200)
        #expect(try line.request(#"{"op":"health"}"#).objectValue?["ready"] == .bool(true))
        #expect(try server.http("GET", "/healthz").status == 200)
    }

    @Test("anju --version prints the version and the embedded data's SHA-256, as /readyz reports them")
    func versionAndFingerprint() async throws {
        try await offPool { try Self.versionAndFingerprintBody() }
    }

    static func versionAndFingerprintBody() throws {
        let output = try CLIRunner.run(["--version"])
        #expect(output.status == 0)
        let fingerprint = output.stdout.split(separator: " ").first { $0.hasPrefix("sha256:") }.map { String($0.trimmingCharacters(in: .punctuationCharacters)) }
        #expect(output.stdout.hasPrefix("anju 1.1.0 (data sha256:"))
        let server = try HTTPServerProcess()
        let ready = try JSONValue.parse(server.http("GET", "/readyz").body).objectValue
        #expect(ready?["version"]?.stringValue == "1.1.0")
        #expect(fingerprint != nil && fingerprint == ready?["data"]?.stringValue)
    }

    @Test("/metrics counts the line protocol's and HTTP's requests together")
    func metricsCountBothTransports() async throws {
        try await offPool { try Self.metricsCountBothTransportsBody() }
    }

    static func metricsCountBothTransportsBody() throws {
        let server = try HTTPServerProcess()
        let line = try LineClient(port: server.linePort)
        _ = try line.request(#"{"op":"classify","text":"怎么提取公积金"}"#)
        _ = try server.http("POST", "/v1/classify", body: #"{"text":"怎么提取公积金"}"#)
        let metrics = try server.http("GET", "/metrics").body
        #expect(metrics.contains(#"anju_requests_total{op="classify",code="ok"} 2"#))
        #expect(metrics.contains("anju_sessions_active"))
    }

    @Test("one set of session rules for both transports: HTTP counts an address's new sessions, and the line server counts them with it")
    func sessionRulesSharedAcrossTransports() async throws {
        try await offPool { try Self.sessionRulesSharedAcrossTransportsBody() }
    }

    static func sessionRulesSharedAcrossTransportsBody() throws {
        let server = try HTTPServerProcess(arguments: ["--max-new-sessions-per-minute", "3"])
        defer { _ = server.stop() }
        let opened = try JSONValue.parse(server.http("POST", "/v1/open", body: "{}").body).objectValue
        #expect(opened?["session"]?.stringValue?.count == 32)
        _ = try server.http("POST", "/v1/ask", body: #"{"text":"租房能提多少"}"#)
        // Two new sessions over HTTP from 127.0.0.1; the third (3 a minute) is the line's,
        // the fourth is refused on either transport.
        let line = try LineClient(port: server.linePort)
        #expect(try line.request(#"{"op":"open"}"#).objectValue?["ok"]?.boolValue == true)
        let refusedLine = try line.request(#"{"op":"open"}"#).objectValue
        #expect(refusedLine?["error"]?.objectValue?["code"]?.stringValue == "busy", "\(String(describing: refusedLine))")
        let refusedHTTP = try server.http("POST", "/v1/open", body: "{}")
        #expect(refusedHTTP.body.contains(#""code":"busy""#), "\(refusedHTTP.body)")
        let metrics = try server.http("GET", "/metrics").body
        #expect(metrics.contains(#"anju_connections{transport="line"} 1"#), "\(metrics)")
        #expect(metrics.contains("anju_log_queue_rows"))
        #expect(metrics.contains(#"anju_log_rows{state="dropped"} 0"#))
    }

    @Test("settings come from ANJU_* variables, a flag wins over its variable, and --log-format json logs JSON lines")
    func environmentAndJSONLogs() async throws {
        try await offPool { try Self.environmentAndJSONLogsBody() }
    }

    static func environmentAndJSONLogsBody() throws {
        // ANJU_PORT=1 would fail to bind; the --port 0 flag wins. ANJU_HTTP_PORT=0 (set by
        // HTTPServerProcess) turns HTTP on; ANJU_PROFILE picks the profile; ANJU_LOG_FORMAT the log format.
        let server = try HTTPServerProcess(environment: ["ANJU_PORT": "1", "ANJU_PROFILE": "yancheng", "ANJU_LOG_FORMAT": "json",
                                                        "ANJU_LOG_LEVEL": "debug"])
        #expect(try server.http("GET", "/healthz").status == 200)
        let log = server.standardError.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(!log.isEmpty)
        for line in log {
            let object = try JSONValue.parse(String(line)).objectValue
            #expect(object?["level"]?.stringValue != nil && object?["message"]?.stringValue != nil && object?["time"] != nil)
        }
        #expect(log.contains { $0.contains(#""message":"starting""#) && $0.contains(#""version":"1.1.0""#) })
        #expect(server.stop() == 0)

        let bad = try CLIRunner.run(["serve", "--port", "0", "--log-level", "loud"])
        #expect(bad.status != 0 && bad.stderr.contains("--log-level"))
        let badEnvironment = try CLIRunner.run(["serve", "--port", "0"], environment: ["ANJU_HTTP_PORT": "eighty"])
        #expect(badEnvironment.status != 0 && badEnvironment.stderr.contains("ANJU_HTTP_PORT"))
        let unknownProfile = try CLIRunner.run(["serve", "--port", "0", "--no-demo", "--db", "/tmp/anju-e2e-never.sqlite"],
                                               environment: ["ANJU_PROFILE": "nowhere"])
        #expect(unknownProfile.status != 0 && unknownProfile.stderr.contains("nowhere"))
        try? FileManager.default.removeItem(atPath: "/tmp/anju-e2e-never.sqlite")
    }
}
