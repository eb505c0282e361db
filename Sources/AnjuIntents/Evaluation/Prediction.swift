import AnjuJSON

/// One labelled query and what the classifier decided for it: the unit `Evaluation`
/// measures, and what `CrossValidation.run` returns (to fit the confidence calibration on).
public struct Prediction: Sendable {
    /// The query.
    public let text: String
    /// Acceptable intents (`out_of_scope` for a query outside the assistant's topics).
    public let expected: [String]
    /// The decided intent: an intent id, `out_of_scope` or `unclear`.
    public let predicted: String
    /// The classifier's confidence in `predicted`, 0–1.
    public let confidence: Double
    /// The best in-scope intents with their softmax scores, best first.
    public let candidates: [Classification.Candidate]
    /// The intents offered when `unclear`.
    public let options: [String]
    /// The labelled set's tags for the query.
    public let tags: [String]
    /// The query's line in the labelled set (nil in cross-validation).
    public let line: Int?
    /// The fold that held the example out (cross-validation only).
    public let fold: Int?

    /// A prediction from its parts (tests and other evaluators build them this way).
    public init(text: String, expected: [String], predicted: String, confidence: Double,
                candidates: [Classification.Candidate] = [], options: [String] = [], tags: [String] = [],
                line: Int? = nil, fold: Int? = nil) {
        self.text = text
        self.expected = expected
        self.predicted = predicted
        self.confidence = confidence
        self.candidates = candidates
        self.options = options
        self.tags = tags
        self.line = line
        self.fold = fold
    }

    /// `classification` of a labelled-set item.
    public init(item: EvalSet.Item, classification c: Classification, fold: Int? = nil) {
        self.init(text: item.text, expected: item.expected, predicted: c.intent, confidence: c.confidence,
                  candidates: c.candidates, options: c.options, tags: item.tags, line: item.line, fold: fold)
    }

    /// Whether the decided intent is acceptable (`out_of_scope` on an out-of-scope query is
    /// right; `unclear` never is).
    public var isRight: Bool { expected.contains(predicted) }

    /// Whether the decision was right as calibration counts it (and as acceptance does):
    /// the expected intent, or any rejection (`out_of_scope` or `unclear`) of an
    /// out-of-scope query. `confidence` estimates this.
    public var isRightDecision: Bool {
        isRight || (!inScope && predicted == IntentCatalog.unclear)
    }

    /// Whether the query belongs to a provident-fund topic.
    public var inScope: Bool { !expected.contains(IntentCatalog.outOfScope) }

    /// The one true label for per-intent counts: the matched one when right, else the first.
    public var trueLabel: String { isRight ? predicted : expected[0] }

    /// As one JSON object (a line of `predictions.jsonl`).
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("text", .string(text)), ("expected", .string(expected.joined(separator: "|"))),
            ("predicted", .string(predicted)), ("confidence", .double(confidence)), ("right", .bool(isRight)),
            ("candidates", .array(candidates.map { .object(JSONObject([("intent", .string($0.intent)), ("score", .double($0.score))])) })),
        ]
        if !options.isEmpty { fields.append(("options", .array(options.map { .string($0) }))) }
        if !tags.isEmpty { fields.append(("tags", .array(tags.map { .string($0) }))) }
        if let line { fields.append(("line", .int(line))) }
        if let fold { fields.append(("fold", .int(fold))) }
        return .object(JSONObject(fields))
    }
}
