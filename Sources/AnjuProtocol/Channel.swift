/// How a reply is worded (protocol.md, "Channel wording").
public enum Channel: String, Sendable, Hashable, CaseIterable {
    /// The web chat: full sentences, line breaks and short lists allowed.
    case chat
    /// The phone bridge: short, spoken figures, no symbols.
    case ivr
    /// Counter staff: the fullest answer, every citation and figure.
    case staff
}
