import AnjuProtocol
import NIOCore

/// The connection's framing: bytes in, ``LineFrame``s out, paced by demand.
///
/// Unlike `ByteToMessageHandler`, which turns a whole socket read into messages at once (a
/// 64 KiB read of empty lines would be 65,536 messages in memory), this handler keeps
/// undecoded *bytes* and hands on at most `batchSize` frames per read cycle: more only when
/// the next handler asks with `read()` (the async channel does so while its buffer is below
/// its high watermark). It reads the socket only when no complete line is left in its
/// buffer. So per connection at most about `batchSize` + the async channel's watermark
/// frames, one socket read and one partial line (≤ `maximumLineLength` + 1 bytes) are held,
/// however fast the client sends. (The same pattern as NIOHTTP1's pipelining handler.)
///
/// End of input (with half-closure allowed) is passed on only after every line before it,
/// plus an unterminated last line, has been handed on.
final class LineFramingHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = LineFrame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var splitter: LineSplitter
    private let batchSize: Int
    /// Bytes received and not yet framed.
    private var buffer = ByteBuffer()
    /// A frame taken from `buffer` and not yet handed on (to answer "is one ready?").
    private var lookahead: LineFrame?
    /// The client ended its side; the event is held until the lines before it are handed on.
    private var inputEnded = false
    private var inputEndForwarded = false
    /// Inside `drain`: a re-entrant `read()` only asks for one more turn of its loop.
    private var draining = false
    private var readWanted = false

    init(maximumLineLength: Int, batchSize: Int = 8) {
        self.splitter = LineSplitter(maximumLineLength: maximumLineLength)
        self.batchSize = max(1, batchSize)
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = Self.unwrapInboundIn(data)
        if buffer.readableBytes == 0 {
            buffer = bytes  // no copy in the common case
        } else {
            // A partial line (or unframed lines) is waiting: keep only those bytes.
            buffer.discardReadBytes()
            buffer.writeBuffer(&bytes)
        }
        handOn(context: context)
        // The read-complete that follows this read delivers them.
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case ChannelEvent.inputClosed = event else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        inputEnded = true
        if hasFrame() {
            // Lines are still waiting: they go first, as demand allows.
            readWanted = true
            drain(context: context)
        } else {
            finishInput(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        buffer.clear()
        lookahead = nil
        context.fireChannelInactive()
    }

    // MARK: Outbound

    func read(context: ChannelHandlerContext) {
        if hasFrame() {
            readWanted = true
            if !draining { drain(context: context) }
        } else if inputEnded {
            if !inputEndForwarded { finishInput(context: context) }
        } else {
            context.read()
        }
    }

    // MARK: Delivery

    /// Hands on up to `batchSize` frames; returns how many.
    @discardableResult
    private func handOn(context: ChannelHandlerContext) -> Int {
        var count = 0
        while count < batchSize, let frame = takeFrame() {
            context.fireChannelRead(Self.wrapInboundOut(frame))
            count += 1
        }
        return count
    }

    /// Serves `read()`s from the buffer, one batch per read cycle. After each batch it asks
    /// the pipeline to read again, as auto-read would after a socket read: a next handler
    /// with room lets that `read()` through, which sets `readWanted` for another turn.
    private func drain(context: ChannelHandlerContext) {
        draining = true
        defer { draining = false }
        while readWanted {
            readWanted = false
            if handOn(context: context) > 0 {
                context.fireChannelReadComplete()
            }
            // Through the whole pipeline, so the next handler's demand decides; it comes
            // back here as `read()`, which reads the socket once no line is left.
            context.channel.read()
        }
    }

    private func finishInput(context: ChannelHandlerContext) {
        inputEndForwarded = true
        if let last = splitter.lastFrame(&buffer) {
            context.fireChannelRead(Self.wrapInboundOut(last))
            context.fireChannelReadComplete()
        }
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
    }

    private func hasFrame() -> Bool {
        if lookahead == nil { lookahead = splitter.nextFrame(&buffer) }
        return lookahead != nil
    }

    private func takeFrame() -> LineFrame? {
        if let frame = lookahead {
            lookahead = nil
            return frame
        }
        return splitter.nextFrame(&buffer)
    }
}
