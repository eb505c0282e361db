import AnjuProtocol
import NIOCore

/// Splits bytes into lines, with a hard cap on memory: the pure part of
/// ``LineFramingHandler``.
///
/// - A line ends at `\n`; a `\r` just before it is dropped.
/// - A line longer than `maximumLineLength` bytes (not counting its line ending) becomes one
///   ``LineFrame/tooLong(_:)`` frame as soon as that is certain, and the rest of it, up to
///   the next `\n`, is skipped as it arrives — never kept. So a 1 MB or endless line costs
///   at most `maximumLineLength + 1` bytes plus one socket read.
/// - A line that is not valid UTF-8 becomes ``LineFrame/badUTF8(_:)``.
///
/// The search for `\n` resumes where the previous call stopped, so a line that arrives one
/// byte at a time costs linear, not quadratic, time.
public struct LineSplitter {
    /// The longest line kept, in bytes, without its line ending.
    public let maximumLineLength: Int
    /// Skipping the rest of a line that was too long.
    private var discarding = false
    /// Bytes of the current (incomplete) line already searched for `\n`.
    private var scanned = 0

    /// A splitter that keeps lines of at most `maximumLineLength` bytes.
    public init(maximumLineLength: Int) {
        precondition(maximumLineLength >= 0)
        self.maximumLineLength = maximumLineLength
    }

    /// The next frame the buffer holds, consuming its bytes; nil when more bytes are needed
    /// (after dropping the bytes of an over-long line, if that is what it holds).
    public mutating func nextFrame(_ buffer: inout ByteBuffer) -> LineFrame? {
        let view = buffer.readableBytesView
        if discarding {
            guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
                buffer.moveReaderIndex(to: buffer.writerIndex)
                return nil
            }
            buffer.moveReaderIndex(to: newline + 1)
            discarding = false
            return nextFrame(&buffer)
        }
        let searchFrom = view.startIndex + min(scanned, view.count)
        if let newline = view[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > view.startIndex, view[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = view[view.startIndex..<end]
            let frame = line.count > maximumLineLength ? .tooLong(ReplyFormat.of(line: line)) : Self.frame(for: line)
            buffer.moveReaderIndex(to: newline + 1)
            scanned = 0
            return frame
        }
        // No line end yet. Over the limit even if "\r\n" comes next?
        if view.count > maximumLineLength + 1 {
            let format = ReplyFormat.of(line: view)
            buffer.moveReaderIndex(to: buffer.writerIndex)
            discarding = true
            scanned = 0
            return .tooLong(format)
        }
        scanned = view.count
        return nil
    }

    /// At end of input: the unterminated last line, if any (so `printf 'ping' | nc -N`
    /// works; if the client has gone, its reply simply cannot be written).
    public mutating func lastFrame(_ buffer: inout ByteBuffer) -> LineFrame? {
        defer {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            discarding = false
            scanned = 0
        }
        guard !discarding, buffer.readableBytes > 0 else { return nil }
        var line = buffer.readableBytesView
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return Self.frame(for: line)
    }

    static func frame(for line: ByteBufferView) -> LineFrame {
        let text =
            line.withContiguousStorageIfAvailable { String(validating: $0, as: UTF8.self) }
            ?? String(validating: Array(line), as: UTF8.self)
        guard let text else { return .badUTF8(ReplyFormat.of(line: line)) }
        return .line(text)
    }
}
