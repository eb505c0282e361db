import Yams

/// Weights and thresholds of the classifier, from `Intents/classifier.yaml`.
public struct ClassifierConfig: Sendable, Decodable, Equatable {
    /// BM25 term-frequency saturation and length normalisation.
    public var k1: Double = 1.2
    public var b: Double = 0.75
    /// Weight of a character-bigram feature relative to a word feature.
    public var bigramWeight: Double = 0.5
    /// Weight of the best single-example match.
    public var exampleWeight: Double = 1.0
    /// Weight of the match against all of an intent's examples together.
    public var intentWeight: Double = 0.5
    /// Weight of matched keywords (their summed weights, squashed to 0–1).
    public var keywordWeight: Double = 1.0
    /// Keyword weight sum that gives about 63% of the keyword score (1 − e⁻¹).
    public var keywordScale: Double = 5.0
    /// How much keyword coverage matters: 0 = not at all, 1 = keywords count only in
    /// proportion to the share of the query they cover.
    public var keywordCoverage: Double = 0.5
    /// Subtracted from every intent's score when the query contains no keyword of any intent.
    public var domainlessPenalty: Double = 0
    /// Subtracted from every intent's score when the query names another institution and
    /// nothing of the fund (`Intents/text/domain.tsv`).
    public var neighbourPenalty: Double = 0
    /// The best intent must beat the out-of-scope topics by this much.
    public var oosMargin: Double = 0.0
    /// Subtracted per matched negative keyword.
    public var negativePenalty: Double = 0.3
    /// Subtracted from a `cued` intent's score (the progress of a withdrawal) when none of its
    /// keywords is said: a bare "公积金提取" asks how to withdraw, not where a withdrawal stands.
    public var uncuedPenalty: Double = 0
    /// Softmax temperature that turns scores into confidences.
    public var temperature: Double = 0.1
    /// Below this raw score for the best intent: out of scope.
    public var minScore: Double = 0.25
    /// When the best two intents together have less confidence than this, the query is
    /// out of scope (its probability is spread over many unrelated intents).
    public var minConfidence: Double = 0
    /// Top two raw scores closer than this: ask which one was meant (`unclear`).
    public var unclearMargin: Double = 0.03
    /// At most this many options when unclear.
    public var maxOptions: Int = 3
    /// Weight of the learned model's class probability (logistic regression over the
    /// examples' word and character-bigram features) in an intent's raw score.
    public var learnedWeight: Double = 0
    /// Training of the learned model: passes over the examples, step size, L2 shrinkage.
    public var learnedEpochs: Int = 12
    public var learnedRate: Double = 0.4
    public var learnedL2: Double = 1e-4
    /// How raw scores become the probability that a decision is right (fitted by `anju fit`).
    public var calibration = Calibration()

    public init() {}

    enum CodingKeys: String, CodingKey {
        case k1, b
        case bigramWeight = "bigram_weight", exampleWeight = "example_weight", intentWeight = "intent_weight"
        case keywordWeight = "keyword_weight", keywordScale = "keyword_scale", negativePenalty = "negative_penalty", uncuedPenalty = "uncued_penalty"
        case keywordCoverage = "keyword_coverage", oosMargin = "oos_margin", domainlessPenalty = "domainless_penalty", neighbourPenalty = "neighbour_penalty"
        case temperature, minScore = "min_score", minConfidence = "min_confidence"
        case unclearMargin = "unclear_margin", maxOptions = "max_options"
        case calibration
        case learnedWeight = "learned_weight", learnedEpochs = "learned_epochs", learnedRate = "learned_rate", learnedL2 = "learned_l2"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ClassifierConfig()
        k1 = try c.decodeIfPresent(Double.self, forKey: .k1) ?? d.k1
        b = try c.decodeIfPresent(Double.self, forKey: .b) ?? d.b
        bigramWeight = try c.decodeIfPresent(Double.self, forKey: .bigramWeight) ?? d.bigramWeight
        exampleWeight = try c.decodeIfPresent(Double.self, forKey: .exampleWeight) ?? d.exampleWeight
        intentWeight = try c.decodeIfPresent(Double.self, forKey: .intentWeight) ?? d.intentWeight
        keywordWeight = try c.decodeIfPresent(Double.self, forKey: .keywordWeight) ?? d.keywordWeight
        keywordScale = try c.decodeIfPresent(Double.self, forKey: .keywordScale) ?? d.keywordScale
        negativePenalty = try c.decodeIfPresent(Double.self, forKey: .negativePenalty) ?? d.negativePenalty
        uncuedPenalty = try c.decodeIfPresent(Double.self, forKey: .uncuedPenalty) ?? d.uncuedPenalty
        keywordCoverage = try c.decodeIfPresent(Double.self, forKey: .keywordCoverage) ?? d.keywordCoverage
        oosMargin = try c.decodeIfPresent(Double.self, forKey: .oosMargin) ?? d.oosMargin
        domainlessPenalty = try c.decodeIfPresent(Double.self, forKey: .domainlessPenalty) ?? d.domainlessPenalty
        neighbourPenalty = try c.decodeIfPresent(Double.self, forKey: .neighbourPenalty) ?? d.neighbourPenalty
        temperature = try c.decodeIfPresent(Double.self, forKey: .temperature) ?? d.temperature
        minScore = try c.decodeIfPresent(Double.self, forKey: .minScore) ?? d.minScore
        minConfidence = try c.decodeIfPresent(Double.self, forKey: .minConfidence) ?? d.minConfidence
        unclearMargin = try c.decodeIfPresent(Double.self, forKey: .unclearMargin) ?? d.unclearMargin
        maxOptions = try c.decodeIfPresent(Int.self, forKey: .maxOptions) ?? d.maxOptions
        learnedWeight = try c.decodeIfPresent(Double.self, forKey: .learnedWeight) ?? d.learnedWeight
        learnedEpochs = try c.decodeIfPresent(Int.self, forKey: .learnedEpochs) ?? d.learnedEpochs
        learnedRate = try c.decodeIfPresent(Double.self, forKey: .learnedRate) ?? d.learnedRate
        learnedL2 = try c.decodeIfPresent(Double.self, forKey: .learnedL2) ?? d.learnedL2
        calibration = try c.decodeIfPresent(Calibration.self, forKey: .calibration) ?? d.calibration
    }

    /// Parses `classifier.yaml`; checks every value is in its range.
    public static func parse(yaml: String, path: String = "Intents/classifier.yaml") throws(IntentDataError) -> ClassifierConfig {
        let config: ClassifierConfig
        do {
            config = try YAMLDecoder().decode(ClassifierConfig.self, from: yaml)
        } catch {
            throw IntentDataError(path: path, message: "cannot read classifier config / 分类器配置格式错误: \(error)")
        }
        let checks: [(String, Bool)] = [
            ("k1", config.k1 > 0), ("b", (0...1).contains(config.b)), ("temperature", config.temperature > 0),
            ("keyword_scale", config.keywordScale > 0), ("max_options", (2...5).contains(config.maxOptions)),
            ("min_confidence", (0...1).contains(config.minConfidence)), ("unclear_margin", config.unclearMargin >= 0),
            ("learned_weight", config.learnedWeight >= 0), ("learned_epochs", (0...100).contains(config.learnedEpochs)),
            ("learned_rate", config.learnedRate > 0), ("learned_l2", config.learnedL2 >= 0),
        ]
        for (key, ok) in checks where !ok {
            throw IntentDataError(path: path, message: "'\(key)' is out of range / 参数超出范围")
        }
        return config
    }
}
