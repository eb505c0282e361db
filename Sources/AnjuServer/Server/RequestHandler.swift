import AnjuProtocol
import Logging
import NIOCore
import NIOPosix

/// What every connection's ``RequestHandler`` shares: the protocol, where blocking calls
/// run, the log and the limits.
struct ConnectionServices: Sendable {
    let protocolHandler: ProtocolHandler
    let logger: Logger
    let maxLine: Int
    let idleTimeoutSeconds: Int64
    let closeLinger: TimeAmount
    /// Draining at shutdown: close after this long without a new line.
    let drainQuiet: TimeAmount
}

/// One connection's request loop, on the connection's event loop: each ``LineFrame`` gets
/// its reply line, in order.
///
/// - Parsing, validation and the calls that cannot block (classify, faq, check, reset,
///   ping: tens of microseconds of CPU on in-memory data) run right here, on the event
///   loop: no thread hop per request, and replies are flushed once per read cycle, so a
///   pipelining client gets a batch of replies in one write.
/// - A call that may wait (`ask`, `reset`, `health`: the member and session stores) runs as
///   a Swift concurrency task; the frames that arrive meanwhile wait in order, and the
///   socket is not read until the call is done (back-pressure), so replies stay in request
///   order and a connection's turns run one after another.
/// - While the socket cannot take more (a client that does not read its replies), frames
///   wait and the socket is not read either: memory stays bounded, and only that client
///   waits. ``ConnectionControlHandler`` closes it after the idle timeout.
/// - On `idleTimeout` or `shutdown` frames it sends what it must, half-closes, and waits
///   (at most ``ConnectionServices/closeLinger``) for the client to close its side, so
///   bytes still in flight do not turn the close into a reset that destroys replies.
final class RequestHandler: ChannelDuplexHandler {
    typealias InboundIn = LineFrame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let services: ConnectionServices
    private let id: UInt64
    private var logger: Logger
    private var state = ConnectionState()
    /// Frames waiting for a blocking call to finish or for the socket to drain.
    private var waiting = CircularBuffer<LineFrame>(initialCapacity: 8)
    /// A call that waits on the stores is running.
    private var busy = false
    /// A `read()` held back while busy or unwritable.
    private var readHeld = false
    private var needsFlush = false
    /// The client ended its side: close once everything before that is answered.
    private var inputEnded = false
    /// Closing (idle timeout, shutdown, end of input): later frames are dropped.
    private var closing = false
    private var linger: Scheduled<Void>?
    private var removed = false
    private var requests = 0
    private var ending = "client closed"
    /// Errors the server itself detects (idle timeout) are worded like the last line.
    private var lastFormat = ReplyFormat.json
    private var started = NIODeadline.now()
    private var remote = "?"

    /// Shutting down: lines keep being answered until none has arrived for `drainQuiet`.
    private var draining = false
    private var lastFrame = NIODeadline.now()
    private var drainCheck: Scheduled<Void>?

    init(services: ConnectionServices, id: UInt64) {
        self.services = services
        self.id = id
        self.state.connectionID = id
        var logger = services.logger
        logger[metadataKey: "conn"] = "\(id)"
        self.logger = logger
    }

    // MARK: Lifecycle

    func channelActive(context: ChannelHandlerContext) {
        started = .now()
        remote = LineServer.describe(context.channel.remoteAddress)
        state.peer = ConnectionRegistry.peer(of: context.channel.remoteAddress)
        logger.info("connection opened", metadata: ["remote": "\(remote)"])
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        linger?.cancel()
        linger = nil
        drainCheck?.cancel()
        drainCheck = nil
        let duration = (NIODeadline.now() - started).nanoseconds / 1_000_000
        logger.info(
            "connection closed",
            metadata: ["remote": "\(remote)", "duration_ms": "\(duration)", "requests": "\(requests)", "reason": "\(ending)"])
        if state.plainSessionUsed {
            // Forget the connection's plain-text conversation.
            let call = BackendCall.forget(session: state.plainSession), backend = services.protocolHandler.backend
            Task { _ = await call.run(on: backend) }
        }
        waiting.removeAll()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        removed = true
        linger?.cancel()
        drainCheck?.cancel()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        ending = "connection error"
        logger.debug("connection error", metadata: ["error": "\(type(of: error))"])
        context.close(promise: nil)
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        lastFrame = .now()
        waiting.append(Self.unwrapInboundIn(data))
        process(context: context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded(context: context)
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            process(context: context)
            flushIfNeeded(context: context)
            releaseRead(context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            inputEnded = true
            if closing {
                // The client closed its side while we lingered: done.
                context.close(promise: nil)
            } else {
                process(context: context)
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: Outbound

    func read(context: ChannelHandlerContext) {
        if readingMustWait(context) {
            readHeld = true
        } else {
            context.read()
        }
    }

    // MARK: The loop

    /// Answers waiting frames in order while nothing blocks them.
    private func process(context: ChannelHandlerContext) {
        while !busy, !closing, context.channel.isWritable, let frame = waiting.popFirst() {
            handle(frame, context: context)
        }
        if !busy, !closing, waiting.isEmpty, inputEnded {
            // Every line the client sent is answered: send ours and close.
            closing = true
            flushIfNeeded(context: context)
            closeOutputThenClose(context: context)
        }
    }

    private func handle(_ frame: LineFrame, context: ChannelHandlerContext) {
        switch frame {
        case .line(let line):
            requests += 1
            switch services.protocolHandler.prepare(line: line, connection: &state) {
            case .reply(let reply):
                send(reply, context: context)
            case .call(let call):
                if let reply = call.runImmediately(on: services.protocolHandler.backend) {
                    send(reply, context: context)
                } else {
                    runAsync(call, context: context)
                }
            }
        case .tooLong(let format):
            requests += 1
            send(.error(.lineTooLong(limit: services.maxLine), id: nil, format: format), context: context)
        case .badUTF8(let format):
            requests += 1
            send(.error(.badUTF8, id: nil, format: format), context: context)
        case .idleTimeout:
            ending = "idle timeout"
            send(.error(.idleTimeout(seconds: services.idleTimeoutSeconds), id: nil, format: lastFormat), context: context)
            closeGently(context: context)
        case .shutdown:
            // Every line the client has sent is still answered — those waiting here, in the
            // framing buffer and in the socket; the connection closes once it is quiet.
            ending = "server shutdown"
            draining = true
            scheduleDrainCheck(context: context)
        }
    }

    /// Runs a call that waits on the stores as a task; its reply is sent on the event loop,
    /// then the frames that waited are answered in order.
    private func runAsync(_ call: BackendCall, context: ChannelHandlerContext) {
        busy = true
        let backend = services.protocolHandler.backend
        let promise = context.eventLoop.makePromise(of: Reply.self)
        promise.completeWithTask { await call.run(on: backend) }
        let future = promise.futureResult
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        future.whenComplete { result in
            let (handler, context) = bound.value
            handler.busy = false
            guard !handler.removed else { return }
            switch result {
            case .success(let reply):
                handler.send(reply, context: context)
            case .failure:
                // The task could not run (it cannot throw today): answer, never hang.
                handler.send(.error(.internalError, id: call.id, format: call.format), context: context)
            }
            handler.process(context: context)
            handler.flushIfNeeded(context: context)
            handler.releaseRead(context: context)
        }
    }

    private func send(_ reply: Reply, context: ChannelHandlerContext) {
        lastFormat = reply.format
        if let code = reply.errorCode {
            let level: Logger.Level
            switch code {
            case .internal: level = .error
            case .busy: level = .warning
            default: level = .notice
            }
            logger.log(level: level, "error reply", metadata: ["code": "\(code.rawValue)"])
        }
        context.write(Self.wrapOutboundOut(LineServer.buffer(reply, allocator: context.channel.allocator)), promise: nil)
        needsFlush = true
    }

    private func flushIfNeeded(context: ChannelHandlerContext) {
        guard needsFlush else { return }
        needsFlush = false
        context.flush()
    }

    /// A blocking call runs, frames wait, or the socket cannot take more: read no further.
    private func readingMustWait(_ context: ChannelHandlerContext) -> Bool {
        busy || !waiting.isEmpty || !context.channel.isWritable
    }

    /// Passes on a held `read()` once nothing blocks reading.
    private func releaseRead(context: ChannelHandlerContext) {
        guard readHeld, !readingMustWait(context) else { return }
        readHeld = false
        context.read()
    }

    // MARK: Closing

    /// While draining: close once nothing is pending and no line came for `drainQuiet`.
    private func scheduleDrainCheck(context: ChannelHandlerContext) {
        drainCheck?.cancel()
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        drainCheck = context.eventLoop.scheduleTask(in: services.drainQuiet) {
            let (handler, context) = bound.value
            handler.drainCheck = nil
            guard !handler.closing, !handler.removed else { return }
            let quietFor = NIODeadline.now() - handler.lastFrame
            if !handler.busy, handler.waiting.isEmpty, quietFor >= handler.services.drainQuiet {
                handler.closeGently(context: context)
            } else {
                handler.scheduleDrainCheck(context: context)
            }
        }
    }

    /// Idle timeout or shutdown: the replies written so far go out, then FIN; the client
    /// then has ``ConnectionServices/closeLinger`` to close its side before we close ours.
    private func closeGently(context: ChannelHandlerContext) {
        closing = true
        waiting.removeAll()
        flushIfNeeded(context: context)
        context.close(mode: .output, promise: nil)
        if inputEnded {
            context.close(promise: nil)
            return
        }
        scheduleClose(context: context)
        // Keep reading, so the client's EOF (or anything it still sends, dropped) is seen.
        context.read()
    }

    /// End of input: the last replies go out, then FIN, then the connection closes (at the
    /// latest after the linger, for a client that does not read them).
    private func closeOutputThenClose(context: ChannelHandlerContext) {
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.close(mode: .output, promise: promise)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        promise.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
        scheduleClose(context: context)
    }

    private func scheduleClose(context: ChannelHandlerContext) {
        guard linger == nil else { return }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        linger = context.eventLoop.scheduleTask(in: services.closeLinger) {
            bound.value.close(promise: nil)
        }
    }
}
