import AnjuText

/// What the classifier decided for one query.
public struct Classification: Sendable {
    /// An intent id, `out_of_scope`, or `unclear`.
    public let intent: String
    /// 0–1.
    public let confidence: Double
    /// In-scope intents, best first, with their confidence. When `unclear`, the first
    /// ones are the options.
    public let candidates: [Candidate]
    /// The intents to choose from when `unclear`; empty otherwise.
    public let options: [String]
    /// The normalised text and its tokens.
    public let analysis: TextAnalysis
    /// Why each top candidate scored (filled when asked for).
    public let explanation: [CandidateExplanation]
    /// Further intents a long message also asks about (its other questions), in the order
    /// asked; empty for a single question.
    public var also: [String] = []

    public struct Candidate: Sendable, Equatable {
        public let intent: String
        public let score: Double
    }
}

/// The terms that made one candidate score, for `--explain`.
public struct CandidateExplanation: Sendable {
    public let intent: String
    /// The combined raw score.
    public let total: Double
    public let confidence: Double
    /// Keywords found, with their weights.
    public let keywords: [(term: String, weight: Double)]
    /// Negative keywords found.
    public let negatives: [String]
    /// The best matching example and its normalised BM25 score.
    public let bestExample: (text: String, score: Double)?
    /// Normalised BM25 score against all the intent's examples.
    public let intentScore: Double
    /// The query features that matched the best example, with their contribution.
    public let matchedFeatures: [(feature: String, score: Double)]
}
