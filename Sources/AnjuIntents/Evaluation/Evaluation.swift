import AnjuJSON
import Foundation

/// The measures `anju eval` reports for a labelled set.
public struct Evaluation: Sendable {
    public struct IntentScore: Sendable {
        public let intent: String
        public let precision: Double
        public let recall: Double
        public let f1: Double
        public let support: Int
    }

    public struct Miss: Sendable {
        /// The line in the labelled set (0 in cross-validation).
        public let line: Int
        /// The fold that held the example out (cross-validation only).
        public let fold: Int?
        public let text: String
        public let expected: [String]
        public let predicted: String
        public let confidence: Double
    }

    public let total: Int
    public let inScopeCount: Int
    public let outOfScopeCount: Int
    /// In-scope queries answered with an acceptable intent (`unclear` counts as wrong).
    public let inScopeAccuracy: Double
    /// Out-of-scope queries answered `out_of_scope`.
    public let outOfScopeRecall: Double
    /// In-scope queries answered `out_of_scope`.
    public let falseRejectionRate: Double
    /// Queries answered `unclear`.
    public let unclearRate: Double
    /// In-scope queries where an acceptable intent was among the options when `unclear`, or the answer.
    public let inScopeAccuracyWithOptions: Double
    public let perIntent: [IntentScore]
    /// Accuracy over all queries carrying each tag.
    public let perTag: [(tag: String, accuracy: Double, count: Int)]
    /// The most frequent (expected → predicted) errors.
    public let confusions: [(expected: String, predicted: String, count: Int)]
    public let misses: [Miss]

    /// Everything measured, one per query.
    public let predictions: [Prediction]
    /// Confidence against accuracy, in 10 bins.
    public let calibration: ReliabilityTable
    /// Accuracy by message length.
    public let byLength: [LengthBucket]
    /// True label × decided intent.
    public let confusionMatrix: ConfusionMatrix

    /// Classifies every item and computes the measures.
    public init(set: EvalSet, classifier: IntentClassifier) {
        self.init(predictions: set.items.map { Prediction(item: $0, classification: classifier.classify($0.text)) })
    }

    /// The measures of already classified queries (a labelled set, or cross-validation).
    public init(predictions: [Prediction]) {
        var misses: [Miss] = []
        var inScope = 0, inScopeRight = 0, inScopeWithOptions = 0, oos = 0, oosRight = 0, rejected = 0, unclear = 0
        var tp: [String: Int] = [:], fp: [String: Int] = [:], fn: [String: Int] = [:], support: [String: Int] = [:]
        var tagTotals: [String: (right: Int, count: Int)] = [:]
        var confusion: [String: Int] = [:]
        for p in predictions {
            let predicted = p.predicted
            let right = p.isRight
            if predicted == IntentCatalog.unclear { unclear += 1 }
            if p.inScope {
                inScope += 1
                if right { inScopeRight += 1 }
                if right || p.options.contains(where: p.expected.contains) { inScopeWithOptions += 1 }
                if predicted == IntentCatalog.outOfScope { rejected += 1 }
            } else {
                oos += 1
                if right { oosRight += 1 }
            }
            // Per-intent counts use the first acceptable label when wrong, the matched one when right.
            let label = p.trueLabel
            support[label, default: 0] += 1
            if right { tp[label, default: 0] += 1 } else {
                fn[label, default: 0] += 1
                fp[predicted, default: 0] += 1
                confusion["\(p.expected.joined(separator: "|"))\t\(predicted)", default: 0] += 1
                misses.append(Miss(line: p.line ?? 0, fold: p.fold, text: p.text, expected: p.expected, predicted: predicted, confidence: p.confidence))
            }
            for tag in p.tags {
                var t = tagTotals[tag] ?? (0, 0)
                t.count += 1
                if right { t.right += 1 }
                tagTotals[tag] = t
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        total = predictions.count
        inScopeCount = inScope
        outOfScopeCount = oos
        inScopeAccuracy = ratio(inScopeRight, inScope)
        inScopeAccuracyWithOptions = ratio(inScopeWithOptions, inScope)
        outOfScopeRecall = ratio(oosRight, oos)
        falseRejectionRate = ratio(rejected, inScope)
        unclearRate = ratio(unclear, predictions.count)
        let labels = Set(support.keys).union(fp.keys).subtracting([IntentCatalog.unclear])
        perIntent = labels.sorted().map { label in
            let p = ratio(tp[label] ?? 0, (tp[label] ?? 0) + (fp[label] ?? 0))
            let r = ratio(tp[label] ?? 0, support[label] ?? 0)
            return IntentScore(intent: label, precision: p, recall: r, f1: p + r == 0 ? 0 : 2 * p * r / (p + r), support: support[label] ?? 0)
        }
        perTag = tagTotals.keys.sorted().map { (tag: $0, accuracy: ratio(tagTotals[$0]!.right, tagTotals[$0]!.count), count: tagTotals[$0]!.count) }
        confusions = confusion.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(15).map {
            let parts = $0.key.split(separator: "\t")
            return (expected: String(parts[0]), predicted: String(parts[1]), count: $0.value)
        }
        self.misses = misses
        self.predictions = predictions
        self.calibration = ReliabilityTable(predictions: predictions)
        self.byLength = LengthBucket.buckets(predictions)
        self.confusionMatrix = ConfusionMatrix(predictions: predictions)
    }

    /// Share of all queries answered with an acceptable intent.
    public var accuracy: Double { total == 0 ? 0 : Double(predictions.count { $0.isRight }) / Double(total) }
}
