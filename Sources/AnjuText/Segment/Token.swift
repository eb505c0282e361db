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
    /// The normalised text as scalar values (what feature extraction and keyword matching
    /// read), with each term heard by its sound written as the term (还代提区 → 还贷提取), so
    /// keywords and character pairs see what the speaker meant, as the words do.
    public let scalars: [UInt32]
    public let tokens: [Token]

    /// The input after normalisation (simplified, half-width, digits, no fillers); built
    /// when asked for — classifying needs only the scalars.
    public var normalized: String { String(scalars: scalars) }

    /// Pairs the normalised `scalars` with their `tokens`, writing each homophone's term in
    /// place of what was heard.
    public init(scalars: [UInt32], tokens: [Token]) {
        self.tokens = tokens
        guard tokens.contains(where: { $0.kind == .homophone }) else { self.scalars = scalars; return }
        var heard = scalars
        var from = 0
        for token in tokens where token.kind == .homophone {
            guard let surface = token.surface?.unicodeScalars.map(\.value),
                  let term = Optional(token.text.unicodeScalars.map(\.value)), term.count == surface.count,
                  let at = Self.index(of: surface, in: heard, from: from) else { continue }
            heard.replaceSubrange(at..<(at + term.count), with: term)
            from = at + term.count
        }
        self.scalars = heard
    }

    private static func index(of part: [UInt32], in s: [UInt32], from: Int) -> Int? {
        guard !part.isEmpty, s.count >= part.count, from <= s.count - part.count else { return nil }
        return (from...(s.count - part.count)).first { s[$0..<($0 + part.count)].elementsEqual(part) }
    }
}
