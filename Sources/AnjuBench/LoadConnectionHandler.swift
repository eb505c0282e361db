import AnjuProtocol
import NIOCore

/// One load connection, driven on its event loop (no task hop per request, so the
/// generator leaves the CPU to the server it measures): on ``Start`` it sends its window of
/// requests, then one more as each reply arrives — writes flushed once per read cycle —
/// until the budget or the deadline runs out and every reply is in.
final class LoadConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ReplyOutcome
    typealias OutboundOut = ByteBuffer

    /// Begins the load (`deadline` nil: until the shared budget is spent).
    struct Start: Sendable {
        let deadline: NIODeadline?
    }

    private let configuration: LoadGenerator.Configuration
    private let index: Int
    private let budget: RequestBudget
    private let done: EventLoopPromise<LoadGenerator.ConnectionResult>
    private var deadline: NIODeadline?
    private var result = LoadGenerator.ConnectionResult()
    /// Send times of the requests awaiting replies, oldest first (replies come in order).
    private var sentAt = CircularBuffer<NIODeadline>(initialCapacity: 16)
    private var nextID = 0
    private var started = false
    private var canSend = true
    private var needsFlush = false
    private var finished = false

    init(configuration: LoadGenerator.Configuration, index: Int, budget: RequestBudget,
         done: EventLoopPromise<LoadGenerator.ConnectionResult>) {
        self.configuration = configuration
        self.index = index
        self.budget = budget
        self.done = done
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let start = event as? Start else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        started = true
        deadline = start.deadline
        while sentAt.count < max(1, configuration.inFlight), mayStart() { send(context: context) }
        flush(context: context)
        if sentAt.isEmpty { finish(context: context) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let outcome = Self.unwrapInboundIn(data)
        if let sent = sentAt.popFirst() {
            result.latencies.append((NIODeadline.now() - sent).nanoseconds)
        }
        result.completed += 1
        if case .error(let code) = outcome { result.errors[code, default: 0] += 1 }
        if canSend, mayStart() { send(context: context) }
        if sentAt.isEmpty { finish(context: context) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flush(context: context)
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Closed by the server (e.g. `busy`) or by the network: keep what was counted.
        if !sentAt.isEmpty || !started { result.failed = true }
        complete()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        canSend = false
        context.close(promise: nil)
    }

    private func mayStart() -> Bool {
        if let deadline { return NIODeadline.now() < deadline }
        return budget.take()
    }

    private func send(context: ChannelHandlerContext) {
        let text = LoadGenerator.requestLine(configuration.operation, index: nextID, connection: index, texts: configuration.texts)
        nextID += 1
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count + 1)
        buffer.writeString(text)
        buffer.writeInteger(UInt8(ascii: "\n"))
        sentAt.append(.now())
        context.write(Self.wrapOutboundOut(buffer), promise: nil)
        needsFlush = true
    }

    private func flush(context: ChannelHandlerContext) {
        guard needsFlush else { return }
        needsFlush = false
        context.flush()
    }

    /// Every request answered and none left to send.
    private func finish(context: ChannelHandlerContext) {
        complete()
        context.close(promise: nil)
    }

    private func complete() {
        guard !finished else { return }
        finished = true
        done.succeed(result)
    }
}
