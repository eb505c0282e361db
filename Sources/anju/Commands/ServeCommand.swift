import AnjuHTTP
import AnjuProtocol
import AnjuServer
import AnjuStore
import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle

/// `anju serve`: the line-protocol server (shared/spec/protocol.md) and, with
/// `--http-port`, HTTP and WebSocket (docs/protocol-1.1-http.md) in the same process, over
/// the same backend.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the line protocol over TCP, and HTTP/WebSocket with --http-port. / 启动 TCP 行协议服务（及 HTTP）。",
        discussion: """
        JSON lines ({"op": "ask", "session": "s1", "text": "租房能提多少"}) or plain text (nc 127.0.0.1 7420).
        With --http-port: POST /v1/ask|classify|faq|check|reset, WebSocket /v1/chat, GET /healthz, /readyz, /metrics,
        and the web chat page at /.
        Every option can also come from the environment: ANJU_HOST, ANJU_PORT, ANJU_HTTP_HOST, ANJU_HTTP_PORT, ANJU_DB,
        ANJU_PROFILE, ANJU_DATA, ANJU_LOG_LEVEL, ANJU_LOG_FORMAT; a flag wins over its variable.
        SIGTERM/SIGINT: stop accepting, finish requests in flight, close connections, exit 0.
        Example: anju serve --port 7420 --http-port 8080 --profile reference --log-format json
        """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(name: .customLong("host"), help: "Address to listen on (env ANJU_HOST; default 127.0.0.1). / 监听地址。")
    var hostFlag: String?
    @Option(name: .customLong("port"), help: "Line-protocol port, 0 = any free port (env ANJU_PORT; default 7420). / 端口。")
    var portFlag: Int?
    @Option(name: .customLong("http-port"), help: "Also serve HTTP and WebSocket on this port (env ANJU_HTTP_PORT; default off). / HTTP 端口。")
    var httpPortFlag: Int?
    @Option(name: .customLong("http-host"), help: "Address for HTTP (env ANJU_HTTP_HOST; default: --host). / HTTP 监听地址。")
    var httpHostFlag: String?
    @Option(help: "Longest request line (and HTTP body) in bytes. / 最长请求行（字节）。") var maxLine = 16 * 1024
    @Option(help: "Seconds a connection may stay idle. / 连接空闲超时（秒）。") var idleTimeout = 300
    @Option(help: "Connections served at once; more are answered busy. / 最大并发连接数。") var maxConnections = 4096
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env ANJU_LOG_LEVEL; default info). / 日志级别。")
    var logLevelFlag: String?
    @Option(name: .customLong("log-format"), help: "text or json: one JSON object per line (env ANJU_LOG_FORMAT; default text). / 日志格式。")
    var logFormatFlag: String?
    @Flag(help: "Do not load the demo members into an empty database. / 不载入演示会员。") var noDemo = false

    /// The settings after flags and environment are combined.
    struct Settings {
        var host: String
        var port: Int
        var httpHost: String
        var httpPort: Int?
        var logLevel: Logger.Level
        var json: Bool
    }

    func settings() throws -> Settings {
        let host = try EnvironmentSetting.value(hostFlag, env: "ANJU_HOST", default: "127.0.0.1")
        let port = try EnvironmentSetting.value(portFlag, env: "ANJU_PORT", default: 7420)
        let httpPort = try EnvironmentSetting.optional(httpPortFlag, env: "ANJU_HTTP_PORT")
        let httpHost = try EnvironmentSetting.value(httpHostFlag, env: "ANJU_HTTP_HOST", default: host)
        let levelName = try EnvironmentSetting.value(logLevelFlag, env: "ANJU_LOG_LEVEL", default: "info")
        guard let level = Logger.Level(rawValue: levelName.lowercased()) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical / 日志级别无效")
        }
        let format = try EnvironmentSetting.value(logFormatFlag, env: "ANJU_LOG_FORMAT", default: "text").lowercased()
        guard format == "text" || format == "json" else { throw ValidationError("--log-format must be text or json / 日志格式须为 text 或 json") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535 / 端口须在 0–65535 之间") }
        if let httpPort, !(0...65535).contains(httpPort) {
            throw ValidationError("--http-port must be 0–65535 / HTTP 端口须在 0–65535 之间")
        }
        return Settings(host: host, port: port, httpHost: httpHost, httpPort: httpPort, logLevel: level, json: format == "json")
    }

    func validate() throws {
        _ = try settings()
        guard maxLine >= 64 else { throw ValidationError("--max-line must be at least 64 / --max-line 至少 64") }
        guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout must be at least 1 second / 空闲超时至少 1 秒") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1 / 最大连接数至少 1") }
    }

    func run() async throws {
        let settings = try settings()
        let json = settings.json, level = settings.logLevel
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "anju.server")
        logger.logLevel = level

        let metrics = AnjuMetrics()
        let bundle = try dataOptions.bundle()
        let path = databaseOptions.path
        var store: AccountStore?
        var openError: String?
        do {
            store = try databaseOptions.openStore(bundle: bundle, seedDemo: !noDemo)
        } catch {
            openError = "\(error)"
            logger.error("member data unavailable, policy questions still work / 会员数据不可用，政策咨询不受影响", metadata: ["error": "\(error)"])
        }
        let members = store.map { MeteredMembers(base: StoreMemberDirectory(store: $0), metrics: metrics) }
        let assistant = try dataOptions.assistant(members: members)
        metrics.add(AnjuMetrics.Sampler(label: "anju_sessions_active") { assistant.sessionCount })
        let fingerprint = dataOptions.data == nil ? BuildInfo.embeddedFingerprint : BuildInfo.fingerprint(of: bundle)
        let serverBackend = ServerBackend(assistant: assistant, store: StoreProbe(store: store, path: path, openError: openError),
                                          dataFingerprint: fingerprint)
        let backend = MeteredBackend(serverBackend, metrics: metrics)
        logger.info("starting", metadata: ["version": "\(BuildInfo.version)", "data": "\(fingerprint)"])

        var alongside: [any Service] = []
        if let httpPort = settings.httpPort {
            let http = HTTPServer.makeApplication(
                configuration: .init(host: settings.httpHost, port: httpPort, maxBody: maxLine),
                backend: backend, metrics: metrics, logger: Logger(label: "anju.http")
            ) { address in
                print("anju: http listening on \(address.ipAddress ?? settings.httpHost):\(address.port ?? httpPort)")
                fflush(nil)
            }
            alongside.append(http)
        }
        let configuration = LineServer.Configuration(host: settings.host, port: settings.port, maxLine: maxLine,
                                                     idleTimeout: .seconds(idleTimeout), maxConnections: maxConnections)
        do {
            try await runServer(configuration: configuration, backend: backend, logger: logger, alongside: alongside)
        } catch {
            throw CLIError("cannot serve on \(settings.host):\(settings.port)\(settings.httpPort.map { " / http \($0)" } ?? ""): \(error) / 无法在该地址启动服务（端口被占用？）")
        }
    }
}
