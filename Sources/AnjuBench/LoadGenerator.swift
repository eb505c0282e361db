import AnjuProtocol
import AnjuJSON
import NIOCore
import NIOPosix
import Synchronization

/// A load generator for the line protocol (the core of `anju bench-server`).
///
/// Opens N connections and keeps K requests in flight on each (a new request is sent as
/// each reply arrives), until a total number of requests has been sent or a duration has
/// passed. Latency is measured per request, from just before its line is written to when
/// its reply line is read, as the client sees it.
///
/// Replies are matched to requests by order (the protocol answers in order); a reply counts
/// as an error when it does not begin `{"ok":true` — the server always writes `ok` first.
public struct LoadGenerator: Sendable {
    public enum Operation: String, CaseIterable, Sendable {
        case classify, ask, ping
    }

    public struct Configuration: Sendable {
        public var host: String
        /// The first of ``ports`` (the only one, unless several servers are measured together).
        public var port: Int { ports[0] }
        /// Servers to load, one port each (never empty): connection `i` goes to
        /// `ports[i % ports.count]`, so several instances share the connections evenly.
        public var ports: [Int]
        public var connections: Int
        public var inFlight: Int
        /// Stop after this many requests in all …
        public var requests: Int?
        /// … or after this long (when `requests` is nil).
        public var duration: Duration?
        public var operation: Operation
        /// The texts `classify` and `ask` rotate through.
        public var texts: [String]

        public init(
            host: String = "127.0.0.1", port: Int = 7420, connections: Int = 64, inFlight: Int = 4,
            requests: Int? = nil, duration: Duration? = nil, operation: Operation = .classify,
            texts: [String] = LoadGenerator.defaultTexts, ports: [Int]? = nil
        ) {
            self.host = host
            self.ports = ports.flatMap { $0.isEmpty ? nil : $0 } ?? [port]
            self.connections = connections
            self.inFlight = inFlight
            self.requests = requests
            self.duration = duration
            self.operation = operation
            self.texts = texts
        }
    }

    public struct Report: Sendable, CustomStringConvertible {
        public var connections: Int
        /// The ports loaded (several: the connections were spread over them).
        public var ports: [Int] = []
        public var inFlight: Int
        public var operation: Operation
        /// Replies received.
        public var completed: Int
        /// Replies with `"ok": false` (or not JSON), by error code ("?" when none could be read).
        public var errors: [String: Int]
        /// Connections that could not be opened, or that ended before all their replies came.
        public var failedConnections: Int
        public var elapsed: Duration
        /// Sorted latencies, in nanoseconds.
        public var latencies: [Int64]

        public var errorCount: Int { errors.values.reduce(0, +) }
        public var requestsPerSecond: Double {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return seconds > 0 ? Double(completed) / seconds : 0
        }

        /// The latency at quantile `q` (0…1), in milliseconds.
        public func latency(_ q: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            let index = min(latencies.count - 1, Int((Double(latencies.count) * q).rounded(.down)))
            return Double(latencies[index]) / 1e6
        }

        public var description: String {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            var lines = [
                "bench-server: \(connections) connections × \(inFlight) in flight, op \(operation.rawValue)"
                    + (ports.count > 1 ? ", over ports " + ports.map(String.init).joined(separator: ", ") : ""),
                "requests: \(completed) in \(format(seconds, 2)) s = \(format(requestsPerSecond, 0)) requests/s",
                "latency: p50 \(format(latency(0.5), 3)) ms, p99 \(format(latency(0.99), 3)) ms, max \(format(latency(1), 3)) ms",
                "errors: \(errorCount)"
                    + (errors.isEmpty ? "" : " (" + errors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"),
            ]
            if failedConnections > 0 { lines.append("failed connections: \(failedConnections)") }
            return lines.joined(separator: "\n")
        }

        private func format(_ value: Double, _ decimals: Int) -> String {
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            let rounded = (value * scale).rounded() / scale
            if decimals == 0 { return String(Int(rounded)) }
            var text = String(rounded)
            if let dot = text.firstIndex(of: ".") {
                let have = text.distance(from: dot, to: text.endIndex) - 1
                if have < decimals { text += String(repeating: "0", count: decimals - have) }
            }
            return text
        }
    }

    /// Twenty questions members ask, for `classify` and `ask`.
    public static let defaultTexts = [
        "我想提取公积金买房需要什么材料", "公积金贷款最多能贷多少", "怎么查询公积金余额", "租房可以提取公积金吗",
        "离职以后公积金怎么办", "退休了怎么销户提取", "公积金贷款利率是多少", "异地买房能用公积金贷款吗",
        "缴存基数怎么调整", "我的公积金被封存了怎么办", "装修房子能提取公积金吗", "提前还款需要预约吗",
        "公积金每个月什么时候到账", "二套房公积金贷款首付比例", "父母买房可以用我的公积金吗", "重大疾病可以提取吗",
        "公积金贷款需要连续缴存几个月", "怎么修改查询密码", "在哪里办理公积金业务", "灵活就业人员可以缴存公积金吗",
    ]

    public let configuration: Configuration
    let eventLoopGroup: any EventLoopGroup

    public init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    /// The request line (without "\n") number `index` of connection `connection`.
    public static func requestLine(_ operation: Operation, index: Int, connection: Int, texts: [String]) -> String {
        let text = texts.isEmpty ? "公积金" : texts[(index + connection) % texts.count]
        switch operation {
        case .ping:
            return #"{"id":\#(index),"op":"ping"}"#
        case .classify:
            return #"{"id":\#(index),"op":"classify","text":\#(JSONValue.string(text).jsonString)}"#
        case .ask:
            return #"{"id":\#(index),"op":"ask","session":"bench-\#(connection)","text":\#(JSONValue.string(text).jsonString)}"#
        }
    }

    /// Opens every connection first, then starts the clock and the load; throws only when
    /// no connection could be opened.
    public func run() async throws -> Report {
        let configuration = self.configuration
        let connectionCount = max(1, configuration.connections)
        let budget = RequestBudget(total: configuration.requests)
        // 1. Connect (not timed). Each connection's handler waits for the start signal.
        var connections: [Connected] = []
        var connectFailures = 0
        var lastError: (any Error)?
        await withTaskGroup(of: Result<Connected, any Error>.self) { group in
            for index in 0..<connectionCount {
                group.addTask {
                    do {
                        return .success(try await connect(index: index, budget: budget))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for await outcome in group {
                switch outcome {
                case .success(let connection): connections.append(connection)
                case .failure(let error):
                    connectFailures += 1
                    lastError = error
                }
            }
        }
        if connections.isEmpty, let lastError { throw lastError }

        // 2. Load: every connection runs on its event loop until the budget or the
        //    deadline is used up and its last reply is in.
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = configuration.requests == nil
            ? NIODeadline.now() + TimeAmount(configuration.duration ?? .seconds(10)) : nil
        for connection in connections {
            connection.channel.pipeline.fireUserInboundEventTriggered(LoadConnectionHandler.Start(deadline: deadline))
        }
        var results: [ConnectionResult] = []
        for connection in connections {
            results.append(try await connection.result.get())
        }
        let elapsed = clock.now - started
        var latencies: [Int64] = []
        latencies.reserveCapacity(results.reduce(0) { $0 + $1.latencies.count })
        var errors: [String: Int] = [:]
        for result in results {
            latencies.append(contentsOf: result.latencies)
            errors.merge(result.errors, uniquingKeysWith: +)
        }
        latencies.sort()
        return Report(
            connections: configuration.connections, ports: configuration.ports, inFlight: configuration.inFlight, operation: configuration.operation,
            completed: results.reduce(0) { $0 + $1.completed }, errors: errors,
            failedConnections: connectFailures + results.filter(\.failed).count, elapsed: elapsed, latencies: latencies)
    }

    struct ConnectionResult: Sendable {
        var completed = 0
        var errors: [String: Int] = [:]
        var latencies: [Int64] = []
        var failed = false
    }

    struct Connected: Sendable {
        let channel: any NIOCore.Channel
        let result: EventLoopFuture<ConnectionResult>
    }

    private func connect(index: Int, budget: RequestBudget) async throws -> Connected {
        let configuration = self.configuration
        let promise = eventLoopGroup.next().makePromise(of: ConnectionResult.self)
        do {
            let channel = try await ClientBootstrap(group: eventLoopGroup)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ReplyLineDecoder()))
                        try channel.pipeline.syncOperations.addHandler(
                            LoadConnectionHandler(configuration: configuration, index: index, budget: budget, done: promise))
                    }
                }
                .connect(host: configuration.host, port: configuration.ports[index % configuration.ports.count])
                .get()
            return Connected(channel: channel, result: promise.futureResult)
        } catch {
            promise.fail(error)
            throw error
        }
    }
}

final class RequestBudget: Sendable {
    private let remaining: Atomic<Int>
    private let unlimited: Bool

    init(total: Int?) {
        remaining = Atomic(total ?? 0)
        unlimited = total == nil
    }

    func take() -> Bool {
        if unlimited { return true }
        return remaining.wrappingSubtract(1, ordering: .relaxed).newValue >= 0
    }
}

/// A reply line, as the load generator sees it.
enum ReplyOutcome: Sendable {
    case ok
    case error(code: String)
}

/// Splits reply lines and classifies them without building strings for the good ones.
struct ReplyLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ReplyOutcome
    private static let okPrefix = Array(#"{"ok":true"#.utf8)
    private var scanned = 0

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view[(view.startIndex + scanned)...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = view.count
            return .needMoreData
        }
        let line = view[view.startIndex..<newline]
        let outcome: ReplyOutcome
        if line.starts(with: Self.okPrefix) {
            outcome = .ok
        } else {
            outcome = .error(code: Self.errorCode(in: line))
        }
        buffer.moveReaderIndex(to: newline + 1)
        scanned = 0
        context.fireChannelRead(Self.wrapInboundOut(outcome))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }

    /// The `error.code` of an error reply: found by its key, so no JSON parser is needed.
    static func errorCode(in line: ByteBufferView) -> String {
        let key = Array(#""code":""#.utf8)
        let bytes = Array(line)
        guard bytes.count >= key.count else { return "?" }
        for start in 0...(bytes.count - key.count) where bytes[start..<(start + key.count)].elementsEqual(key) {
            let from = start + key.count
            guard let end = bytes[from...].firstIndex(of: UInt8(ascii: "\"")) else { return "?" }
            return String(decoding: bytes[from..<end], as: UTF8.self)
        }
        return "?"
    }
}
