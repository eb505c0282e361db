import AnjuProtocol

/// What the connection's pipeline hands to the request loop, in arrival order. Every frame
/// but the last two gets exactly one reply line.
public enum LineFrame: Sendable, Hashable {
    /// A complete line of valid UTF-8, without its `\n` or `\r\n`.
    case line(String)
    /// A line over the limit; its bytes were dropped. The format is the line's own (from its
    /// first bytes), so a JSON client gets a JSON error and a person a plain one.
    case tooLong(ReplyFormat)
    /// A line that is not valid UTF-8; its bytes were dropped.
    case badUTF8(ReplyFormat)
    /// No line arrived, and no reply was pending, for the idle timeout: say so and close.
    case idleTimeout
    /// The server is shutting down: answer the lines before this one, then close.
    case shutdown
}
