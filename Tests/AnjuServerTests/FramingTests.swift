import AnjuProtocol
@testable import AnjuServer
import NIOCore
import NIOEmbedded
import Testing

@Suite("Line framing and connection control (EmbeddedChannel)")
struct FramingTests {
    func makeChannel(maxLine: Int = 16, batchSize: Int = 8) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(LineFramingHandler(maximumLineLength: maxLine, batchSize: batchSize))
        return channel
    }

    func feed(_ channel: EmbeddedChannel, _ text: String) throws {
        try channel.writeInbound(ByteBuffer(string: text))
    }

    func feed(_ channel: EmbeddedChannel, bytes: [UInt8]) throws {
        try channel.writeInbound(ByteBuffer(bytes: bytes))
    }

    /// Every frame the pipeline hands on, asking for more (`read()`) until none come.
    func frames(_ channel: EmbeddedChannel) throws -> [LineFrame] {
        var out: [LineFrame] = []
        while true {
            let before = out.count
            while let frame = try channel.readInbound(as: LineFrame.self) { out.append(frame) }
            channel.read()
            while let frame = try channel.readInbound(as: LineFrame.self) { out.append(frame) }
            if out.count == before { return out }
        }
    }

    @Test func splitsLinesInOneRead() throws {
        let channel = try makeChannel()
        try feed(channel, "a\nbb\n\nccc\npartial")
        #expect(try frames(channel) == [.line("a"), .line("bb"), .line(""), .line("ccc")])
        try feed(channel, "-end\n")
        #expect(try frames(channel) == [.line("partial-end")])
        _ = try channel.finish()
    }

    @Test func stripsCRLFButKeepsInnerCR() throws {
        let channel = try makeChannel()
        try feed(channel, "one\r\ntw\ro\r\n\r\n")
        #expect(try frames(channel) == [.line("one"), .line("tw\ro"), .line("")])
        _ = try channel.finish()
    }

    @Test func limitIsOnTheLineWithoutItsEnding() throws {
        let channel = try makeChannel(maxLine: 16)
        let sixteen = String(repeating: "x", count: 16)
        try feed(channel, sixteen + "\n" + sixteen + "\r\n" + sixteen + "y\n")
        #expect(try frames(channel) == [.line(sixteen), .line(sixteen), .tooLong(.plain)])
        _ = try channel.finish()
    }

    @Test func overlongLineThenNormalLineInOneRead() throws {
        let channel = try makeChannel(maxLine: 16)
        try feed(channel, "{" + String(repeating: "z", count: 40) + "\n{\"op\":\"ping\"}\n")
        #expect(try frames(channel) == [.tooLong(.json), .line(#"{"op":"ping"}"#)])
        _ = try channel.finish()
    }

    @Test func overlongLineIsReportedEarlyAndNotBuffered() throws {
        let channel = try makeChannel(maxLine: 1024)
        try feed(channel, String(repeating: "a", count: 1000))
        #expect(try frames(channel) == [])
        // Crossing the limit (plus one byte for a possible "\r") reports it at once …
        try feed(channel, String(repeating: "a", count: 100))
        #expect(try frames(channel) == [.tooLong(.plain)])
        // … and a megabyte more of the same line yields nothing and is not kept.
        let chunk = ByteBuffer(repeating: UInt8(ascii: "b"), count: 64 * 1024)
        for _ in 0..<16 { try channel.writeInbound(chunk) }
        #expect(try frames(channel) == [])
        try feed(channel, "tail of the long line\nnext\n")
        #expect(try frames(channel) == [.line("next")])
        _ = try channel.finish()
    }

    @Test func lineSplitAcrossManyReads() throws {
        let channel = try makeChannel(maxLine: 64)
        let line = #"{"op":"ask","session":"s","text":"公积金"}"#
        for byte in Array(line.utf8) + [0x0D, 0x0A] {
            try feed(channel, bytes: [byte])
        }
        #expect(try frames(channel) == [.line(line)])
        _ = try channel.finish()
    }

    @Test func invalidUTF8() throws {
        let channel = try makeChannel()
        try feed(channel, bytes: [0x61, 0xC3, 0x28, 0x0A])  // bad continuation byte
        try feed(channel, bytes: [0x7B, 0xED, 0xA0, 0x80, 0x7D, 0x0A])  // "{" + a UTF-16 surrogate + "}"
        try feed(channel, bytes: [0xE5, 0x85, 0x0A])  // truncated 3-byte sequence
        try feed(channel, bytes: Array("好\n".utf8))
        #expect(try frames(channel) == [.badUTF8(.plain), .badUTF8(.json), .badUTF8(.plain), .line("好")])
        _ = try channel.finish()
    }

    @Test func unterminatedLastLineIsDeliveredAtEOFAfterTheOthers() throws {
        let channel = try makeChannel(batchSize: 1)
        let events = EventRecorder()
        try channel.pipeline.syncOperations.addHandler(events)
        try feed(channel, "ping\r\nsecond\nlast\r")
        #expect(try channel.readInbound(as: LineFrame.self) == .line("ping"))
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(try frames(channel) == [.line("second"), .line("last")])
        #expect(events.inputClosed == 1)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    @Test func handsOnABatchPerReadAndReadsTheSocketOnlyWhenNoLineIsLeft() throws {
        let channel = EmbeddedChannel()
        let socket = SocketReadCounter()
        let gate = ReadGate()
        try channel.pipeline.syncOperations.addHandlers([
            socket, LineFramingHandler(maximumLineLength: 100, batchSize: 8), gate,
        ])
        // 10,000 empty lines in one socket read: only one batch becomes frames …
        try channel.writeInbound(ByteBuffer(repeating: UInt8(ascii: "\n"), count: 10_000))
        var got: [LineFrame] = []
        while let frame = try channel.readInbound(as: LineFrame.self) { got.append(frame) }
        #expect(got.count == 8)
        // … and while the next handler has no room, nothing more, and no socket read.
        channel.read()
        #expect(try channel.readInbound(as: LineFrame.self) == nil)
        #expect(socket.reads == 0)
        // With room, batches follow; the socket is read once the lines are used up.
        gate.open = true
        channel.read()
        while let frame = try channel.readInbound(as: LineFrame.self) { got.append(frame) }
        #expect(got.count == 10_000)
        #expect(got.allSatisfy { $0 == .line("") })
        #expect(socket.reads == 1)
        _ = try channel.finish()
    }

    // MARK: ConnectionControlHandler

    func makeControlledChannel(idle: TimeAmount) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(LineFramingHandler(maximumLineLength: 100))
        try channel.pipeline.syncOperations.addHandler(ConnectionControlHandler(idleTimeout: idle))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    @Test func idleTimeoutFiresWhenNothingHappens() throws {
        let channel = try makeControlledChannel(idle: .seconds(5))
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(try frames(channel) == [])
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(try frames(channel) == [.idleTimeout])
        // Once cut, later lines are dropped.
        try feed(channel, "late\n")
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        #expect(try frames(channel) == [])
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    @Test func idleClockCountsFromTheLastLineOrReply() throws {
        let channel = try makeControlledChannel(idle: .seconds(5))
        channel.embeddedEventLoop.advanceTime(by: .seconds(3))
        try feed(channel, "q\n")
        #expect(try frames(channel) == [.line("q")])
        // A reply is pending: a slow backend never times the client out.
        channel.embeddedEventLoop.advanceTime(by: .seconds(30))
        #expect(try frames(channel) == [])
        try channel.writeOutbound(ByteBuffer(string: "answer\n"))
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(try frames(channel) == [])
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(try frames(channel) == [.idleTimeout])
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    @Test func trickledBytesWithoutALineDoNotKeepTheConnectionAlive() throws {
        let channel = try makeControlledChannel(idle: .seconds(5))
        for _ in 0..<6 {
            try feed(channel, "x")
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        }
        #expect(try frames(channel) == [.idleTimeout])
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    @Test func clientThatReadsNoRepliesIsClosed() throws {
        let channel = try makeControlledChannel(idle: .seconds(5))
        try feed(channel, "q\n")
        #expect(try frames(channel) == [.line("q")])
        channel.isWritable = false  // the reply cannot leave: the client is not reading
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    @Test func shutdownEventMarksTheStreamAndLaterLinesStillPass() throws {
        let channel = try makeControlledChannel(idle: .seconds(5))
        try feed(channel, "a\n")
        channel.pipeline.fireUserInboundEventTriggered(ShutdownConnectionEvent())
        try feed(channel, "b\n")
        // Lines already sent are answered while the connection drains (issue 13 #8).
        #expect(try frames(channel) == [.line("a"), .shutdown, .line("b")])
        channel.pipeline.fireUserInboundEventTriggered(ShutdownConnectionEvent())
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        // Only once, and no idle timeout while draining.
        #expect(try frames(channel) == [])
        _ = try channel.finish(acceptAlreadyClosed: true)
    }
}

/// Lets `read()` through only when open, like the async channel at its high watermark.
final class ReadGate: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer
    var open = false

    func read(context: ChannelHandlerContext) {
        guard open else { return }
        context.read()
    }
}

/// At the head of the pipeline: counts the reads that would reach the socket.
final class SocketReadCounter: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer
    var reads = 0

    func read(context: ChannelHandlerContext) {
        reads += 1
        context.read()
    }
}

/// Counts the input-closed events that pass.
final class EventRecorder: ChannelInboundHandler {
    typealias InboundIn = LineFrame
    typealias InboundOut = LineFrame
    var inputClosed = 0

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { inputClosed += 1 }
        context.fireUserInboundEventTriggered(event)
    }
}
