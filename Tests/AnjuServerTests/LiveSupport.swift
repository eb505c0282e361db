import AnjuJSON
import AnjuProtocol
@testable import AnjuServer
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Runs a ``LineServer`` on an ephemeral port for the duration of `body`, then cancels it.
func withServer<T>(
    _ configure: (inout LineServer.Configuration) -> Void = { _ in },
    backend: FakeBackend = FakeBackend(),
    logger: Logger = quietLogger,
    _ body: (SocketAddress) async throws -> T
) async throws -> T {
    var configuration = LineServer.Configuration(port: 0)
    configure(&configuration)
    let (addresses, continuation) = AsyncStream.makeStream(of: SocketAddress.self)
    let server = LineServer(configuration: configuration, backend: backend, logger: logger) { address in
        continuation.yield(address)
        continuation.finish()
    }
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        var iterator = addresses.makeAsyncIterator()
        guard let address = await iterator.next() else { throw TestError("server did not start") }
        defer { group.cancelAll() }
        return try await body(address)
    }
}

struct TestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A line client over a real socket. Every connection is closed by the test's event loop
/// after `deadline`, so a missing reply fails the test instead of hanging it.
final class LineClient {
    let channel: any NIOCore.Channel
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: [UInt8] = []
    private var ended = false

    init(
        channel: any NIOCore.Channel, inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    static func connect(to address: SocketAddress) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(to: address) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true))
                }
            }
    }

    /// Connects, runs `body`, closes. The guard `deadline` only stops a hang: in a full
    /// parallel run on 2 cores, the test process's 2 concurrency threads can be held by
    /// CPU-bound tests for tens of seconds while the event loop's timer keeps running —
    /// 15 s then closed healthy connections of every live-socket test at once.
    static func with<T>(
        _ address: SocketAddress, deadline: TimeAmount = .seconds(120), _ body: (LineClient) async throws -> T
    ) async throws -> T {
        let connection = try await connect(to: address)
        let channel = connection.channel
        let guardTimer = channel.eventLoop.scheduleTask(in: deadline) { channel.close(promise: nil) }
        defer { guardTimer.cancel() }
        return try await connection.executeThenClose { inbound, outbound in
            try await body(LineClient(channel: channel, inbound: inbound, outbound: outbound))
        }
    }

    func send(_ line: String) async throws {
        try await outbound.write(ByteBuffer(string: line + "\n"))
    }

    func sendRaw(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Half-closes: the server sees end of input.
    func finishSending() {
        outbound.finish()
    }

    /// The next line (without "\n"), or nil at end of input.
    func readLine() async throws -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            if ended { return nil }
            do {
                guard let buffer = try await inbound.next() else {
                    ended = true
                    continue
                }
                pending.append(contentsOf: buffer.readableBytesView)
            } catch {
                ended = true
            }
        }
    }

    func readJSON() async throws -> JSONObject {
        guard let line = try await readLine() else { throw TestError("connection ended, no reply") }
        guard let object = (try JSONValue.parse(line)).objectValue else { throw TestError("not an object: \(line)") }
        return object
    }

    func request(_ line: String) async throws -> JSONObject {
        try await send(line)
        return try await readJSON()
    }

    /// True when the server ends the connection (no more lines).
    func readsEOF() async throws -> Bool {
        try await readLine() == nil
    }
}

extension JSONObject {
    var code: String? { self["error"]?["code"]?.stringValue }
}
