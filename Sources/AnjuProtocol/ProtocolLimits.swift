/// The bounds protocol.md sets on request fields.
public enum ProtocolLimits {
    /// Largest `text`, in Unicode scalars.
    public static let maxTextLength = 500
    /// Range of `limit`.
    public static let limitRange = 1...20
    /// `limit` when the request has none.
    public static let defaultLimit = 5
    /// Longest `session`, in characters of `[A-Za-z0-9_.:-]`.
    public static let maxSessionLength = 64
}
