import AnjuServer
import ArgumentParser
import Logging

/// `anju serve`: the line-protocol server (shared/spec/protocol.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the line protocol over TCP. / 启动 TCP 行协议服务。",
        discussion: """
        JSON lines ({"op": "ask", "session": "s1", "text": "租房能提多少"}) or plain text (nc 127.0.0.1 7420).
        SIGTERM/SIGINT: stop accepting, finish requests in flight, close connections, exit 0.
        Example: anju serve --port 7420 --profile reference
        """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "Address to listen on. / 监听地址。") var host = "127.0.0.1"
    @Option(help: "Port (0 = any free port). / 端口。") var port = 7420
    @Option(help: "Longest request line in bytes. / 最长请求行（字节）。") var maxLine = 16 * 1024
    @Option(help: "Seconds a connection may stay idle. / 连接空闲超时（秒）。") var idleTimeout = 300
    @Option(help: "Connections served at once; more are answered busy. / 最大并发连接数。") var maxConnections = 4096
    @Flag(help: "Do not load the demo members into an empty database. / 不载入演示会员。") var noDemo = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535 / 端口须在 0–65535 之间") }
        guard maxLine >= 64 else { throw ValidationError("--max-line must be at least 64 / --max-line 至少 64") }
        guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout must be at least 1 second / 空闲超时至少 1 秒") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1 / 最大连接数至少 1") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "anju.server")
        logger.logLevel = .info
        let members = openMembers(dataOptions: dataOptions, databaseOptions: databaseOptions, seedDemo: !noDemo)
        let assistant = try dataOptions.assistant(members: members)
        let configuration = LineServer.Configuration(host: host, port: port, maxLine: maxLine, idleTimeout: .seconds(idleTimeout),
                                                     maxConnections: maxConnections)
        do {
            try await runServer(configuration: configuration, backend: ServerBackend(assistant: assistant), logger: logger)
        } catch {
            throw CLIError("cannot serve on \(host):\(port): \(error) / 无法在该地址启动服务（端口被占用？）")
        }
    }
}
