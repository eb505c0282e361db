import AnjuApp
import AnjuDialogue
import AnjuHTTP
import AnjuProtocol
import AnjuServer
import AnjuStore
import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle

/// `anju serve`: the line-protocol server (shared/spec/protocol.md, with the 1.1 security
/// additions of docs/protocol-1.1-security.md) and, with `--http-port`, HTTP and WebSocket
/// (docs/protocol-1.1-http.md) in the same process, over the same backend.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the line protocol over TCP, and HTTP/WebSocket with --http-port. / 启动 TCP 行协议服务（及 HTTP）。",
        discussion: """
        JSON lines ({"op": "open"}, then {"op": "ask", "session": ID, "text": "租房能提多少"}) or plain text \
        (nc 127.0.0.1 7420). Member data is said only in sessions the server issued.
        With --http-port: POST /v1/open|ask|classify|faq|check|reset, WebSocket /v1/chat, GET /healthz, /readyz, /metrics,
        and the web chat page at /.
        Every option can also come from the environment: ANJU_HOST, ANJU_PORT, ANJU_HTTP_HOST, ANJU_HTTP_PORT, ANJU_STORE
        (or ANJU_DB), ANJU_SESSIONS, ANJU_PROFILE, ANJU_DATA, ANJU_LOG_LEVEL, ANJU_LOG_FORMAT; a flag wins over its variable.
        --store takes a SQLite file (the default) or postgres://user@host/db, the shared store of several instances;
        --sessions memory (default) keeps conversations in this process, --sessions postgres in the shared store.
        SIGTERM/SIGINT: stop accepting, answer every line already sent, close connections, exit 0.
        SIGHUP: read the data folder (--data) and the profile again; sessions and forms in progress are kept, a broken edit keeps the data loaded before. / 重新加载数据，会话保留。
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
    @Option(help: "Connections at once from one address (a gateway is one address). / 同一地址的最大连接数。")
    var maxConnectionsPerPeer = 256
    @Option(help: "New sessions per address per minute; more are answered busy (0 = no limit). / 同一地址每分钟新建会话上限。")
    var maxNewSessionsPerMinute = 600
    @Option(help: "Failed verifications per connection and per session in 15 minutes. / 每个连接或会话15分钟内身份核验失败上限。")
    var maxFailedVerifications = 5
    @Option(help: "Failed verifications per address in 15 minutes (0 = no limit). / 同一地址15分钟内身份核验失败上限。")
    var maxFailedVerificationsPerPeer = 100
    @Option(help: "Conversation log rows per address per minute; more are dropped and counted (0 = no limit). / 同一地址每分钟对话记录上限。")
    var maxLogRowsPerMinute = 600
    @Option(help: "Days the conversation log is kept; older turns are deleted at start and daily (0 = keep). / 对话记录保留天数。")
    var logRetention = 90
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env ANJU_LOG_LEVEL; default info). / 日志级别。")
    var logLevelFlag: String?
    @Option(name: .customLong("log-format"), help: "text or json: one JSON object per line (env ANJU_LOG_FORMAT; default text). / 日志格式。")
    var logFormatFlag: String?
    @Flag(help: "Do not load the demo members into an empty default database. / 不载入演示会员。") var noDemo = false
    @Option(name: .customLong("sessions"), help: ArgumentHelp(
        "Where conversations live: memory (this process; default) or postgres (the --store database, shared by instances; env ANJU_SESSIONS). / 会话存放位置。",
        valueName: "memory|postgres"))
    var sessionsFlag: String?

    /// The settings after flags and environment are combined.
    struct Settings {
        var host: String
        var port: Int
        var httpHost: String
        var httpPort: Int?
        var logLevel: Logger.Level
        var json: Bool
        var sessions: SessionsKind
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
        let sessionsName = try EnvironmentSetting.value(sessionsFlag, env: "ANJU_SESSIONS", default: "memory").lowercased()
        guard let sessions = SessionsKind(rawValue: sessionsName) else {
            throw ValidationError("--sessions must be memory or postgres / --sessions 须为 memory 或 postgres")
        }
        return Settings(host: host, port: port, httpHost: httpHost, httpPort: httpPort, logLevel: level, json: format == "json",
                        sessions: sessions)
    }

    func validate() throws {
        _ = try settings()
        guard maxLine >= 64 else { throw ValidationError("--max-line must be at least 64 / --max-line 至少 64") }
        guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout must be at least 1 second / 空闲超时至少 1 秒") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1 / 最大连接数至少 1") }
        guard maxConnectionsPerPeer >= 1 else {
            throw ValidationError("--max-connections-per-peer must be at least 1 / 同一地址最大连接数至少 1")
        }
        guard maxNewSessionsPerMinute >= 0, maxLogRowsPerMinute >= 0, maxFailedVerificationsPerPeer >= 0 else {
            throw ValidationError("limits must not be negative / 上限不能为负数")
        }
        guard maxFailedVerifications >= 1 else {
            throw ValidationError("--max-failed-verifications must be at least 1 / 核验失败上限至少 1")
        }
        guard (0...36_500).contains(logRetention) else {
            throw ValidationError("--log-retention must be 0–36500 days / 保留天数须在 0–36500 之间")
        }
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
        let storeLogger = logger
        let health = StoreHealth { storeLogger.warning("\($0)") }

        let metrics = AnjuMetrics()
        let limits = AnjuApp.Limits(
            failedVerifications: maxFailedVerifications,
            failedVerificationsPerPeer: maxFailedVerificationsPerPeer > 0 ? maxFailedVerificationsPerPeer : nil,
            logRowsPerPeerPerMinute: maxLogRowsPerMinute)
        let app = try await dataOptions.app(database: databaseOptions, seedDemo: !noDemo, sessions: settings.sessions,
                                            limits: limits, metrics: metrics, health: health)
        if let error = app.storeError {
            logger.error("member data unavailable, policy questions still work / 会员数据不可用，政策咨询不受影响", metadata: ["error": "\(error)"])
        }
        let retention = app.members.flatMap { store in
            logRetention > 0 ? Self.startRetention(store: store, days: logRetention, logger: logger, health: health) : nil
        }
        defer {
            retention?.cancel()
            if app.logWriter != nil {
                let complete = app.close(timeout: 5)
                let counts = health.counts
                logger.info("conversation log closed", metadata: [
                    "written": "\(counts.writtenRows)", "dropped": "\(counts.droppedRows)",
                    "rate_limited": "\(counts.rateLimitedRows)", "write_failures": "\(counts.writeFailures)",
                    "complete": "\(complete)"])
            }
        }
        if let memory = app.assistant.sessions as? MemorySessionStore<SessionState> {
            metrics.add(AnjuMetrics.Sampler(label: "anju_sessions_active") { memory.heldCount })
        }
        if let writer = app.logWriter {
            metrics.add(AnjuMetrics.Sampler(label: "anju_log_queue_rows") { writer.pending })
            metrics.add(AnjuMetrics.Sampler(label: "anju_log_rows", dimensions: [("state", "written")]) { health.counts.writtenRows })
            metrics.add(AnjuMetrics.Sampler(label: "anju_log_rows", dimensions: [("state", "dropped")]) { health.counts.droppedRows })
            metrics.add(AnjuMetrics.Sampler(label: "anju_log_rows", dimensions: [("state", "rate_limited")]) { health.counts.rateLimitedRows })
        }
        let fingerprint = dataOptions.data == nil ? BuildInfo.embeddedFingerprint : BuildInfo.fingerprint(of: try dataOptions.bundle())
        let backend = MeteredBackend(app.backend, metrics: metrics)
        logger.info("starting", metadata: ["version": "\(BuildInfo.version)", "data": "\(fingerprint)"])

        let configuration = LineServer.Configuration(host: settings.host, port: settings.port, maxLine: maxLine,
                                                     idleTimeout: .seconds(idleTimeout), maxConnections: maxConnections,
                                                     maxConnectionsPerPeer: maxConnectionsPerPeer,
                                                     maxNewSessionsPerMinute: maxNewSessionsPerMinute,
                                                     sessionSecret: app.sessionSecret)
        // One set of session rules for both transports: an id issued over HTTP is known on
        // the line, and an address's new sessions are counted once.
        let gate = LineServer.gate(for: configuration)
        var alongside: [any Service] = []
        if let httpPort = settings.httpPort {
            let http = HTTPServer.makeApplication(
                configuration: .init(host: settings.httpHost, port: httpPort, maxBody: maxLine),
                backend: backend, metrics: metrics, gate: gate, logger: Logger(label: "anju.http")
            ) { address in
                print("anju: http listening on \(address.ipAddress ?? settings.httpHost):\(address.port ?? httpPort)")
                fflush(nil)
            }
            alongside.append(http)
        }
        do {
            let dataOptions = dataOptions
            let reloadLogger = logger
            let reload: @Sendable () -> Void = {
                // SIGHUP: read the data folder (or the embedded files) and the profile again;
                // sessions and the member store stay. A bad edit keeps the old data.
                do {
                    let bundle = try dataOptions.bundle()
                    let fingerprint = dataOptions.data == nil ? BuildInfo.embeddedFingerprint : BuildInfo.fingerprint(of: bundle)
                    try app.reload(data: bundle, profile: dataOptions.profile, dataFingerprint: fingerprint)
                    reloadLogger.notice("data reloaded, sessions kept / 数据已重新加载，会话保留", metadata: ["data": "\(fingerprint)"])
                } catch {
                    reloadLogger.error("reload failed, still serving the data loaded before / 重新加载失败，继续使用原数据",
                                 metadata: ["error": "\(error)"])
                }
            }
            try await runServer(configuration: configuration, backend: backend, logger: logger, onHangup: reload, onServer: { server in
                metrics.add(AnjuMetrics.Sampler(label: "anju_connections", dimensions: [("transport", "line")]) { server.openConnections })
            }, gate: gate, alongside: alongside)
        } catch {
            throw CLIError("cannot serve on \(settings.host):\(settings.port)\(settings.httpPort.map { " / http \($0)" } ?? ""): \(error) / 无法在该地址启动服务（端口被占用？）")
        }
    }

    /// Deletes turns older than `days` now and then once a day, off the request path.
    static func startRetention(store: any MemberStore, days: Int, logger: Logger, health: StoreHealth) -> Task<Void, Never> {
        Task.detached(priority: .background) {
            while !Task.isCancelled {
                let cutoff = Date().addingTimeInterval(-Double(days) * 86_400)
                do throws(StoreError) {
                    let deleted = try await store.purgeTurns(before: cutoff, actor: "anju serve (--log-retention \(days))")
                    if deleted > 0 { logger.info("log retention: old turns deleted", metadata: ["deleted": "\(deleted)", "days": "\(days)"]) }
                } catch {
                    health.writeFailed("log retention", error)
                }
                try? await Task.sleep(for: .seconds(86_400))
            }
        }
    }
}
