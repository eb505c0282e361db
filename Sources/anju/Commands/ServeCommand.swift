import AnjuServer
import AnjuStore
import ArgumentParser
import Foundation
import Logging

/// `anju serve`: the line-protocol server (shared/spec/protocol.md, with the 1.1 security
/// additions of docs/protocol-1.1-security.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the line protocol over TCP. / 启动 TCP 行协议服务。",
        discussion: """
        JSON lines ({"op": "open"}, then {"op": "ask", "session": ID, "text": "租房能提多少"}) or plain text \
        (nc 127.0.0.1 7420). Member data is said only in sessions the server issued.
        SIGTERM/SIGINT: stop accepting, answer every line already sent, close connections, exit 0.
        SIGHUP: logged and ignored (reload is not supported yet; restart to load new data).
        Example: anju serve --port 7420 --profile reference
        """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "Address to listen on. / 监听地址。") var host = "127.0.0.1"
    @Option(help: "Port (0 = any free port). / 端口。") var port = 7420
    @Option(help: "Longest request line in bytes. / 最长请求行（字节）。") var maxLine = 16 * 1024
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
    @Flag(help: "Do not load the demo members into an empty default database. / 不载入演示会员。") var noDemo = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535 / 端口须在 0–65535 之间") }
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
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "anju.server")
        logger.logLevel = .info
        let storeLogger = logger
        let health = StoreHealth { storeLogger.warning("\($0)") }

        var members: StoreMemberDirectory?
        var writer: ConversationLogWriter?
        do {
            let store = try databaseOptions.openStore(bundle: try dataOptions.bundle(), seedDemo: !noDemo)
            let logWriter = try store.makeLogWriter(
                options: .init(rowsPerPeerPerMinute: maxLogRowsPerMinute), health: health)
            writer = logWriter
            members = StoreMemberDirectory(
                store: store, logWriter: logWriter, attempts: AttemptLimiter(limit: maxFailedVerifications),
                peerAttempts: maxFailedVerificationsPerPeer > 0 ? AttemptLimiter(limit: maxFailedVerificationsPerPeer) : nil,
                health: health)
        } catch {
            StandardError.write("anju: member data unavailable, policy questions still work / 会员数据不可用，政策咨询不受影响: \(error)")
        }
        let assistant = try dataOptions.assistant(members: members)
        let configuration = LineServer.Configuration(
            host: host, port: port, maxLine: maxLine, idleTimeout: .seconds(idleTimeout), maxConnections: maxConnections,
            maxConnectionsPerPeer: maxConnectionsPerPeer, maxNewSessionsPerMinute: maxNewSessionsPerMinute)

        let retention = members.flatMap { members in
            logRetention > 0 ? Self.startRetention(store: members.store, days: logRetention, logger: logger, health: health) : nil
        }
        defer {
            retention?.cancel()
            if let writer {
                let complete = writer.close(timeout: 5)
                let counts = health.counts
                logger.info("conversation log closed", metadata: [
                    "written": "\(counts.writtenRows)", "dropped": "\(counts.droppedRows)",
                    "rate_limited": "\(counts.rateLimitedRows)", "write_failures": "\(counts.writeFailures)",
                    "complete": "\(complete)"])
            }
        }
        do {
            try await runServer(configuration: configuration, backend: ServerBackend(assistant: assistant), logger: logger)
        } catch {
            throw CLIError("cannot serve on \(host):\(port): \(error) / 无法在该地址启动服务（端口被占用？）")
        }
    }

    /// Deletes turns older than `days` now and then once a day, off the request path.
    static func startRetention(store: AccountStore, days: Int, logger: Logger, health: StoreHealth) -> Task<Void, Never> {
        Task.detached(priority: .background) {
            while !Task.isCancelled {
                let cutoff = Date().addingTimeInterval(-Double(days) * 86_400)
                do throws(StoreError) {
                    let deleted = try store.purgeTurns(before: cutoff, actor: "anju serve (--log-retention \(days))")
                    if deleted > 0 { logger.info("log retention: old turns deleted", metadata: ["deleted": "\(deleted)", "days": "\(days)"]) }
                } catch {
                    health.writeFailed("log retention", error)
                }
                try? await Task.sleep(for: .seconds(86_400))
            }
        }
    }
}
