import NIOCore

/// Splits the byte stream into lines, with a hard cap on memory.
///
/// - A line ends at `\n`; a `\r` just before it is dropped.
/// - A line longer than `maximumLineLength` bytes (not counting its line ending) becomes one
///   ``LineFrame/tooLong(_:)`` frame as soon as that is certain, and the rest of it, up to
///   the next `\n`, is skipped as it arrives — never buffered. So a 1 MB or endless line
///   holds at most `maximumLineLength + 1` bytes plus one socket read.
/// - A line that is not valid UTF-8 becomes ``LineFrame/badUTF8(_:)``.
/// - At end of input, a non-empty unterminated last line is still a line (so `printf 'ping'
///   | nc -N` works); if the client has gone, its reply simply cannot be written.
///
/// The search for `\n` resumes where the previous read stopped, so a line that arrives one
/// byte at a time costs linear, not quadratic, time.
struct LineFramingDecoder: ByteToMessageDecoder {
    typealias InboundOut = LineFrame

    let maximumLineLength: Int
    /// Skipping the rest of a line that was too long.
    private var discarding = false
    /// Bytes of the current (incomplete) line already searched for `\n`.
    private var scanned = 0

    init(maximumLineLength: Int) {
        precondition(maximumLineLength >= 0)
        self.maximumLineLength = maximumLineLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = nextFrame(&buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while let frame = nextFrame(&buffer) {
            context.fireChannelRead(Self.wrapInboundOut(frame))
        }
        if !discarding, buffer.readableBytes > 0 {
            let view = buffer.readableBytesView
            context.fireChannelRead(Self.wrapInboundOut(frame(for: view[...])))
        }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        discarding = false
        scanned = 0
        return .needMoreData
    }

    /// The next frame the buffer holds, consuming its bytes; nil when more bytes are needed.
    /// Returns nil with an empty buffer after dropping bytes of an over-long line.
    mutating func nextFrame(_ buffer: inout ByteBuffer) -> LineFrame? {
        let view = buffer.readableBytesView
        if discarding {
            if let newline = view.firstIndex(of: UInt8(ascii: "\n")) {
                buffer.moveReaderIndex(to: newline + 1)
                discarding = false
                return nextFrame(&buffer)
            }
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return nil
        }
        let searchFrom = view.startIndex + min(scanned, view.count)
        if let newline = view[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > view.startIndex, view[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = view[view.startIndex..<end]
            let frame: LineFrame =
                line.count > maximumLineLength ? .tooLong(ReplyFormat.of(line: line)) : frame(for: line)
            buffer.moveReaderIndex(to: newline + 1)
            scanned = 0
            return frame
        }
        // No line end yet. Over the limit even if the line ends with "\r\n" next?
        if view.count > maximumLineLength + 1 {
            let format = ReplyFormat.of(line: view[...])
            buffer.moveReaderIndex(to: buffer.writerIndex)
            discarding = true
            scanned = 0
            return .tooLong(format)
        }
        scanned = view.count
        return nil
    }

    private func frame(for line: ByteBufferView.SubSequence) -> LineFrame {
        let text =
            line.withContiguousStorageIfAvailable { String(validating: $0, as: UTF8.self) }
            ?? String(validating: Array(line), as: UTF8.self)
        guard let text else { return .badUTF8(ReplyFormat.of(line: line)) }
        return .line(text)
    }
}
