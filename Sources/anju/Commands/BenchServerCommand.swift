import AnjuBench
import AnjuServer
import ArgumentParser

/// `anju bench-server`: load for a running `anju serve` — N connections, K requests in
/// flight on each; reports requests/s, latency percentiles and errors.
struct BenchServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-server",
        abstract: "Load-test a running server over the line protocol. / 对运行中的服务做压力测试。",
        discussion: """
            Opens --connections connections and keeps --in-flight requests outstanding on each \
            (a new one is sent as each reply arrives), for --requests requests in all or for \
            --duration seconds (default: 100000 requests). classify and ask rotate through 20 \
            built-in questions; ask uses one session per connection. Latency is measured from \
            writing a request to reading its reply.
            Example: anju serve & anju bench-server --connections 64 --in-flight 4 --duration 10
            Two instances: anju bench-server --port 7420 --port 7421 --op ask --in-flight 1 --duration 10
            """)

    @Option(help: "Server address. / 服务器地址。") var host = "127.0.0.1"
    @Option(help: "Server port; repeat it to spread the connections over several servers (connection i goes to the i-th port, round robin). / 端口；可重复，连接轮流分配到各服务器。")
    var port: [Int] = [7420]
    @Option(help: "Connections to open. / 连接数。") var connections = 64
    @Option(name: .customLong("in-flight"), help: "Requests outstanding per connection. / 每个连接同时等待的请求数。")
    var inFlight = 4
    @Option(help: "Total requests to send (default 100000 unless --duration is given). / 请求总数。")
    var requests: Int?
    @Option(help: "Run for this many seconds instead of a request count. / 运行秒数。")
    var duration: Double?
    @Option(help: "Operation: classify, ask or ping. / 操作。")
    var op = "classify"

    func validate() throws {
        guard LoadGenerator.Operation(rawValue: op) != nil else {
            throw ValidationError("--op must be classify, ask or ping (got \(op)).")
        }
        guard connections >= 1 else { throw ValidationError("--connections must be at least 1.") }
        guard inFlight >= 1 else { throw ValidationError("--in-flight must be at least 1.") }
        guard !port.isEmpty, port.allSatisfy({ (1...65535).contains($0) }) else {
            throw ValidationError("--port must be 1–65535.")
        }
        if requests != nil, duration != nil { throw ValidationError("Give --requests or --duration, not both.") }
        if let requests, requests < 1 { throw ValidationError("--requests must be at least 1.") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be more than 0 seconds.") }
    }

    func run() async throws {
        var configuration = LoadGenerator.Configuration(
            host: host, connections: connections, inFlight: inFlight,
            operation: LoadGenerator.Operation(rawValue: op) ?? .classify, ports: port)
        if let duration {
            configuration.duration = .milliseconds(Int64(duration * 1000))
        } else {
            configuration.requests = requests ?? 100_000
        }
        let report = try await LoadGenerator(configuration: configuration).run()
        print(report)
        if report.completed == 0 {
            throw ValidationError("No request was answered: is the server running on \(host):\(port.map(String.init).joined(separator: ","))?")
        }
    }
}
