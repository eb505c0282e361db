import AnjuJSON

/// How well confidence matches accuracy: equal-width confidence bins with their accuracy,
/// and the expected calibration error ECE = Σ (n_b / N) · |accuracy_b − mean confidence_b|.
/// A prediction is right when its decided intent is acceptable.
public struct ReliabilityTable: Sendable, Equatable {
    /// One confidence bin [lower, upper) (the last one includes 1).
    public struct Bin: Sendable, Equatable {
        /// The bin's confidence range.
        public let lower: Double
        public let upper: Double
        /// Predictions in the bin.
        public let count: Int
        /// Right predictions in the bin.
        public let right: Int
        /// Mean confidence (0 when empty).
        public let meanConfidence: Double

        /// Share of right predictions (0 when empty).
        public var accuracy: Double { count == 0 ? 0 : Double(right) / Double(count) }
        /// `0.3–0.4`.
        public var label: String { String(format: "%.1f–%.1f", lower, upper) }
    }

    /// Every bin, empty ones included, lowest confidence first.
    public let bins: [Bin]
    /// The expected calibration error, 0 (perfect) to 1.
    public let expectedCalibrationError: Double

    /// Bins `(confidence, right)` pairs into `binCount` equal-width bins; confidences are
    /// clamped to 0–1.
    public init(_ outcomes: [(confidence: Double, right: Bool)], binCount: Int = 10) {
        let n = max(1, binCount)
        var counts = [Int](repeating: 0, count: n), rights = counts
        var sums = [Double](repeating: 0, count: n)
        for o in outcomes {
            let c = min(1, max(0, o.confidence.isNaN ? 0 : o.confidence))
            let b = min(n - 1, Int(c * Double(n)))
            counts[b] += 1
            sums[b] += c
            if o.right { rights[b] += 1 }
        }
        bins = (0..<n).map { b in
            Bin(lower: Double(b) / Double(n), upper: Double(b + 1) / Double(n), count: counts[b], right: rights[b],
                meanConfidence: counts[b] == 0 ? 0 : sums[b] / Double(counts[b]))
        }
        let total = Double(outcomes.count)
        expectedCalibrationError = total == 0 ? 0
            : bins.reduce(0) { $0 + Double($1.count) / total * abs($1.accuracy - $1.meanConfidence) }
    }

    /// The calibration of `predictions`.
    public init(predictions: [Prediction], binCount: Int = 10) {
        self.init(predictions.map { ($0.confidence, $0.isRightDecision) }, binCount: binCount)
    }

    /// `{ece, bins: [{lower, upper, count, mean_confidence, accuracy}]}`.
    public var json: JSONValue {
        .object(JSONObject([
            ("ece", .double(expectedCalibrationError)),
            ("bins", .array(bins.map { .object(JSONObject([
                ("lower", .double($0.lower)), ("upper", .double($0.upper)), ("count", .int($0.count)),
                ("mean_confidence", .double($0.meanConfidence)), ("accuracy", .double($0.accuracy)),
            ])) })),
        ]))
    }
}
