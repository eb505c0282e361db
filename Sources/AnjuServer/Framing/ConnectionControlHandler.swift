import AnjuProtocol
import NIOCore

/// Sent down a connection's pipeline (``ChannelPipeline/fireUserInboundEventTriggered(_:)``)
/// to make it finish: the lines already received are answered, then the connection closes.
struct ShutdownConnectionEvent: Sendable {}

/// Sits between the line decoder and the async channel; owns the connection's idle timeout
/// and its shutdown cut.
///
/// - Idle: the connection is idle while no reply is pending (every frame it forwards gets
///   exactly one reply, which it sees go out as a write) and nothing happened — no frame
///   in, no reply out — for `idleTimeout`. Then it forwards ``LineFrame/idleTimeout``, once.
///   A slow backend therefore never times a client out, and neither does a long pipeline;
///   but a client that trickles bytes without ever ending a line does get timed out.
///   A client that stops reading its replies (the socket stays unwritable, nothing moves
///   for `idleTimeout`) is closed outright: it could not read an `idle_timeout` line.
///   The timer is re-armed lazily (one scheduled task at a time, checked when it fires)
///   rather than rescheduled per line.
/// - Shutdown: on ``ShutdownConnectionEvent`` it forwards ``LineFrame/shutdown``, once, and
///   stops the idle timer; later lines still pass (they are answered while draining).
/// - After an idle timeout, later frames are dropped: the request loop is about to close.
final class ConnectionControlHandler: ChannelDuplexHandler {
    typealias InboundIn = LineFrame
    typealias InboundOut = LineFrame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let idleTimeout: TimeAmount
    private var lastActivity = NIODeadline.now()
    private var pendingReplies = 0
    private var idleCheck: Scheduled<Void>?
    private var cut = false
    private var shuttingDown = false

    init(idleTimeout: TimeAmount) {
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopTimer()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !cut else { return }
        pendingReplies += 1
        lastActivity = context.eventLoop.now
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if pendingReplies > 0 { pendingReplies -= 1 }
        lastActivity = context.eventLoop.now
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ShutdownConnectionEvent {
            // Not a cut: lines after this one are still passed on and answered (the
            // request loop closes once the client is quiet); the idle timer stops.
            guard !cut, !shuttingDown else { return }
            shuttingDown = true
            stopTimer()
            context.fireChannelRead(Self.wrapInboundOut(LineFrame.shutdown))
            context.fireChannelReadComplete()
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func start(context: ChannelHandlerContext) {
        guard idleCheck == nil, !cut, !shuttingDown else { return }
        lastActivity = context.eventLoop.now
        schedule(context: context, in: idleTimeout)
    }

    private func schedule(context: ChannelHandlerContext, in delay: TimeAmount) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        idleCheck = context.eventLoop.scheduleTask(in: delay) {
            let (handler, context) = loopBound.value
            handler.checkIdle(context: context)
        }
    }

    private func checkIdle(context: ChannelHandlerContext) {
        idleCheck = nil
        guard !cut, !shuttingDown else { return }
        let idleFor = context.eventLoop.now - lastActivity
        if pendingReplies > 0 {
            if context.channel.isWritable || idleFor < idleTimeout {
                // The backend is working on it (or the replies are still moving).
                schedule(context: context, in: idleFor < idleTimeout ? idleTimeout - idleFor : idleTimeout)
            } else {
                // Replies are stuck because the client reads none of them: it cannot be told
                // either, so close — which also frees the request loop waiting to write.
                cut = true
                stopTimer()
                context.close(promise: nil)
            }
            return
        }
        if idleFor >= idleTimeout {
            finish(context: context, with: .idleTimeout)
        } else {
            schedule(context: context, in: idleTimeout - idleFor)
        }
    }

    private func finish(context: ChannelHandlerContext, with frame: LineFrame) {
        guard !cut else { return }
        cut = true
        stopTimer()
        context.fireChannelRead(Self.wrapInboundOut(frame))
        // The async channel hands reads to the request loop on read-complete.
        context.fireChannelReadComplete()
    }

    private func stopTimer() {
        idleCheck?.cancel()
        idleCheck = nil
    }
}
