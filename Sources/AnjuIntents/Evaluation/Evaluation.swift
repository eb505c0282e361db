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
        public let line: Int
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

    /// Classifies every item and computes the measures.
    public init(set: EvalSet, classifier: IntentClassifier) {
        var misses: [Miss] = []
        var inScope = 0, inScopeRight = 0, inScopeWithOptions = 0, oos = 0, oosRight = 0, rejected = 0, unclear = 0
        var tp: [String: Int] = [:], fp: [String: Int] = [:], fn: [String: Int] = [:], support: [String: Int] = [:]
        var tagTotals: [String: (right: Int, count: Int)] = [:]
        var confusion: [String: Int] = [:]
        for item in set.items {
            let result = classifier.classify(item.text)
            let predicted = result.intent
            let right = item.expected.contains(predicted)
            if predicted == IntentCatalog.unclear { unclear += 1 }
            if item.inScope {
                inScope += 1
                if right { inScopeRight += 1 }
                if right || result.options.contains(where: item.expected.contains) { inScopeWithOptions += 1 }
                if predicted == IntentCatalog.outOfScope { rejected += 1 }
            } else {
                oos += 1
                if right { oosRight += 1 }
            }
            // Per-intent counts use the first acceptable label when wrong, the matched one when right.
            let label = right ? predicted : item.expected[0]
            support[label, default: 0] += 1
            if right { tp[label, default: 0] += 1 } else {
                fn[label, default: 0] += 1
                fp[predicted, default: 0] += 1
                confusion["\(item.expected.joined(separator: "|"))\t\(predicted)", default: 0] += 1
                misses.append(Miss(line: item.line, text: item.text, expected: item.expected, predicted: predicted, confidence: result.confidence))
            }
            for tag in item.tags {
                var t = tagTotals[tag] ?? (0, 0)
                t.count += 1
                if right { t.right += 1 }
                tagTotals[tag] = t
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        total = set.items.count
        inScopeCount = inScope
        outOfScopeCount = oos
        inScopeAccuracy = ratio(inScopeRight, inScope)
        inScopeAccuracyWithOptions = ratio(inScopeWithOptions, inScope)
        outOfScopeRecall = ratio(oosRight, oos)
        falseRejectionRate = ratio(rejected, inScope)
        unclearRate = ratio(unclear, set.items.count)
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
    }

    /// A report for a person.
    public func report(showMisses: Bool) -> String {
        func pct(_ x: Double) -> String { String(format: "%.3f", x) }
        var out = """
        queries: \(total) (in scope \(inScopeCount), out of scope \(outOfScopeCount))
        in-scope accuracy      \(pct(inScopeAccuracy))   (target ≥ 0.92; with unclear options \(pct(inScopeAccuracyWithOptions)))
        out-of-scope recall    \(pct(outOfScopeRecall))   (target ≥ 0.90)
        false rejection rate   \(pct(falseRejectionRate))   (target ≤ 0.05)
        unclear rate           \(pct(unclearRate))   (target ≤ 0.05)

        per intent                      P      R      F1    n

        """
        for s in perIntent {
            out += s.intent.padding(toLength: 28, withPad: " ", startingAt: 0) + "  \(pct(s.precision))  \(pct(s.recall))  \(pct(s.f1))  \(s.support)\n"
        }
        out += "\naccuracy per tag\n"
        for t in perTag { out += "  " + t.tag.padding(toLength: 14, withPad: " ", startingAt: 0) + "\(pct(t.accuracy))  (\(t.count))\n" }
        out += "\ntop confusions (expected → predicted)\n"
        for c in confusions { out += "  \(c.count)×  \(c.expected) → \(c.predicted)\n" }
        if showMisses {
            out += "\nmisses\n"
            for m in misses { out += "  line \(m.line): \(m.expected.joined(separator: "|")) → \(m.predicted) (\(pct(m.confidence)))  \(m.text)\n" }
        }
        return out
    }

    /// The same measures as JSON.
    public var json: JSONValue {
        .object(JSONObject([
            ("total", .int(total)), ("in_scope", .int(inScopeCount)), ("out_of_scope", .int(outOfScopeCount)),
            ("in_scope_accuracy", .double(inScopeAccuracy)), ("out_of_scope_recall", .double(outOfScopeRecall)),
            ("false_rejection_rate", .double(falseRejectionRate)), ("unclear_rate", .double(unclearRate)),
            ("per_intent", .array(perIntent.map { .object(JSONObject([
                ("intent", .string($0.intent)), ("precision", .double($0.precision)), ("recall", .double($0.recall)),
                ("f1", .double($0.f1)), ("support", .int($0.support)),
            ])) })),
            ("per_tag", .array(perTag.map { .object(JSONObject([("tag", .string($0.tag)), ("accuracy", .double($0.accuracy)), ("count", .int($0.count))])) })),
            ("confusions", .array(confusions.map { .object(JSONObject([("expected", .string($0.expected)), ("predicted", .string($0.predicted)), ("count", .int($0.count))])) })),
            ("misses", .array(misses.map { .object(JSONObject([("line", .int($0.line)), ("text", .string($0.text)), ("expected", .string($0.expected.joined(separator: "|"))), ("predicted", .string($0.predicted))])) })),
        ]))
    }
}
