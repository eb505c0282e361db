import AnjuJSON
import AnjuProtocol
@testable import AnjuBench
import AnjuServer
import NIOCore
import Testing

@Suite("LoadGenerator (bench-server's core)")
struct LoadGeneratorTests {
    @Test(arguments: LoadGenerator.Operation.allCases)
    func requestLinesAreValidRequests(operation: LoadGenerator.Operation) async {
        let handler = ProtocolHandler(backend: FakeBackend())
        for index in 0..<25 {
            let line = LoadGenerator.requestLine(operation, index: index, connection: 3, texts: LoadGenerator.defaultTexts)
            let reply = await handler.reply(toRequest: try! JSONValue.parse(line))
            #expect(reply.errorCode == nil, "\(line) → \(reply.text)")
            #expect(reply.object["id"] == .int(index))
        }
        #expect(LoadGenerator.defaultTexts.count == 20)
    }

    @Test func errorCodeIsReadFromTheReplyLine() {
        let line = ByteBuffer(string: #"{"ok":false,"id":3,"error":{"code":"busy","message":"…"}}"#)
        #expect(ReplyLineDecoder.errorCode(in: line.readableBytesView) == "busy")
        #expect(ReplyLineDecoder.errorCode(in: ByteBuffer(string: "错误：x").readableBytesView) == "?")
    }

    @Test func runsAFixedNumberOfRequests() async throws {
        try await withServer { address in
            let configuration = LoadGenerator.Configuration(
                host: "127.0.0.1", port: address.port!, connections: 8, inFlight: 4, requests: 600, operation: .classify)
            let report = try await LoadGenerator(configuration: configuration).run()
            #expect(report.completed == 600)
            #expect(report.errorCount == 0)
            #expect(report.failedConnections == 0)
            #expect(report.latencies.count == 600)
            #expect(report.latency(0.5) <= report.latency(0.99))
            #expect(report.description.contains("requests/s"))
        }
    }

    @Test func runsForADuration() async throws {
        try await withServer { address in
            let configuration = LoadGenerator.Configuration(
                host: "127.0.0.1", port: address.port!, connections: 2, inFlight: 1, duration: .seconds(2),
                operation: .ask)
            let clock = ContinuousClock()
            let started = clock.now
            let report = try await LoadGenerator(configuration: configuration).run()
            // Long enough that a loaded CI machine still completes requests within it
            // (300 ms once saw none while the whole suite ran in parallel).
            #expect(clock.now - started >= .seconds(2))
            #expect(report.completed > 0)
            #expect(report.errorCount == 0)
        }
    }

    @Test func countsErrorsAndFailedConnections() async throws {
        try await withServer({ $0.maxConnections = 2 }) { address in
            let configuration = LoadGenerator.Configuration(
                host: "127.0.0.1", port: address.port!, connections: 4, inFlight: 2, requests: 1_000,
                operation: .ping)
            let report = try await LoadGenerator(configuration: configuration).run()
            #expect(report.completed > 0)
            // Two connections over the limit each get one `busy` line and are closed.
            #expect(report.errors["busy"] == 2)
            #expect(report.failedConnections == 2)
        }
    }

    /// Several `--port`s (two instances measured together): connection i goes to the i-th
    /// port, round robin. Two servers taking two connections each serve four connections
    /// without a `busy` (one of them alone would refuse two).
    @Test func spreadsConnectionsOverSeveralPorts() async throws {
        try await withServer({ $0.maxConnections = 2 }) { first in
            try await withServer({ $0.maxConnections = 2 }) { second in
                let configuration = LoadGenerator.Configuration(
                    host: "127.0.0.1", connections: 4, inFlight: 2, requests: 400, operation: .ping,
                    ports: [first.port!, second.port!])
                #expect(configuration.port == first.port!)
                let report = try await LoadGenerator(configuration: configuration).run()
                #expect(report.completed == 400)
                #expect(report.errorCount == 0, "\(report.errors)")
                #expect(report.failedConnections == 0)
                #expect(report.description.contains("over ports \(first.port!), \(second.port!)"))
            }
        }
    }
}
