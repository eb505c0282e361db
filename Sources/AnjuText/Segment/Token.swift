/// One unit of segmented text.
public struct Token: Sendable, Hashable, CustomStringConvertible {
    /// How the segmenter found the token.
    public enum Kind: String, Sendable, Hashable {
        /// A domain lexicon term (公积金, 商转公).
        case term
        /// A lexicon term recognised by its sound (工积金 → 公积金); `surface` holds what was written.
        case homophone
        /// A word from ICU's dictionary that is not in the lexicon.
        case word
        /// A single Chinese character that belongs to no word.
        case character
        /// A number with its unit (24个月, 600000元, 5%), or a digit string (ID, phone).
        case number
        /// A Latin word (app, ok).
        case latin
    }

    /// The token's canonical text (for a homophone: the lexicon term).
    public let text: String
    public let kind: Kind
    /// What the normalised input had at this place, when it differs from `text`.
    public let surface: String?

    public init(_ text: String, kind: Kind, surface: String? = nil) {
        self.text = text
        self.kind = kind
        self.surface = surface
    }

    public var description: String { text }
}

/// The result of normalising and segmenting one query.
public struct TextAnalysis: Sendable {
    /// The normalised text as scalar values (what feature extraction reads).
    public let scalars: [UInt32]
    public let tokens: [Token]

    /// The input after normalisation (simplified, half-width, digits, no fillers); built
    /// when asked for — classifying needs only the scalars.
    public var normalized: String { String(scalars: scalars) }
}
