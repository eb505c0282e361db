import AnjuProtocol
import Logging
import NIOCore

/// Over capacity: one `busy` line, then close gently, as ``RequestHandler`` does (FIN,
/// then wait at most the linger for the client to close its side).
final class RefusalHandler: ChannelInboundHandler {
    typealias InboundIn = LineFrame
    typealias OutboundOut = ByteBuffer

    private let logger: Logger
    private let closeLinger: TimeAmount
    private let error: ProtocolError
    private var linger: Scheduled<Void>?

    init(logger: Logger, closeLinger: TimeAmount, error: ProtocolError = .busyConnections) {
        self.logger = logger
        self.closeLinger = closeLinger
        self.error = error
    }

    func channelActive(context: ChannelHandlerContext) {
        logger.warning(
            "connection refused: too many connections (all, or from this address)",
            metadata: ["remote": "\(LineServer.describe(context.channel.remoteAddress))", "code": "busy"])
        let reply = Reply.error(error, id: nil, format: .json)
        context.writeAndFlush(Self.wrapOutboundOut(LineServer.buffer(reply, allocator: context.channel.allocator)), promise: nil)
        context.close(mode: .output, promise: nil)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        linger = context.eventLoop.scheduleTask(in: closeLinger) { bound.value.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        linger?.cancel()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
