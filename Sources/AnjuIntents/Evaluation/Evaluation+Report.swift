import AnjuJSON
import Foundation

extension Evaluation {
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
        if !perTag.isEmpty {
            out += "\naccuracy per tag\n"
            for t in perTag { out += "  " + t.tag.padding(toLength: 14, withPad: " ", startingAt: 0) + "\(pct(t.accuracy))  (\(t.count))\n" }
        }
        out += "\ntop confusions (expected → predicted)\n"
        for c in confusions { out += "  \(c.count)×  \(c.expected) → \(c.predicted)\n" }
        out += "\ncalibration: ECE \(pct(calibration.expectedCalibrationError))  (10 equal-width confidence bins; right = an acceptable intent)\n"
        out += "  bin         n      confidence  accuracy\n"
        for b in calibration.bins {
            out += "  " + b.label.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "%5d", b.count)
            out += b.count == 0 ? "      –           –\n" : "      \(pct(b.meanConfidence))       \(pct(b.accuracy))\n"
        }
        out += "\naccuracy by length (characters)\n"
        for l in byLength { out += "  " + l.label.padding(toLength: 8, withPad: " ", startingAt: 0) + "\(pct(l.accuracy))  (\(l.count))\n" }
        if showMisses {
            out += "\nmisses\n"
            for m in misses {
                let place = m.fold.map { "fold \($0)" } ?? "line \(m.line)"
                out += "  \(place): \(m.expected.joined(separator: "|")) → \(m.predicted) (\(pct(m.confidence)))  \(m.text)\n"
            }
        }
        return out
    }

    /// The same measures as JSON.
    public var json: JSONValue {
        .object(JSONObject([
            ("total", .int(total)), ("in_scope", .int(inScopeCount)), ("out_of_scope", .int(outOfScopeCount)),
            ("in_scope_accuracy", .double(inScopeAccuracy)), ("out_of_scope_recall", .double(outOfScopeRecall)),
            ("false_rejection_rate", .double(falseRejectionRate)), ("unclear_rate", .double(unclearRate)),
            ("accuracy", .double(accuracy)), ("ece", .double(calibration.expectedCalibrationError)),
            ("reliability", .array(calibration.bins.map { .object(JSONObject([
                ("bin", .string($0.label)), ("lower", .double($0.lower)), ("upper", .double($0.upper)), ("count", .int($0.count)),
                ("mean_confidence", .double($0.meanConfidence)), ("accuracy", .double($0.accuracy)),
            ])) })),
            ("by_length", .array(byLength.map(\.json))),
            ("per_intent", .array(perIntent.map { .object(JSONObject([
                ("intent", .string($0.intent)), ("precision", .double($0.precision)), ("recall", .double($0.recall)),
                ("f1", .double($0.f1)), ("support", .int($0.support)),
            ])) })),
            ("per_tag", .array(perTag.map { .object(JSONObject([("tag", .string($0.tag)), ("accuracy", .double($0.accuracy)), ("count", .int($0.count))])) })),
            ("confusions", .array(confusions.map { .object(JSONObject([("expected", .string($0.expected)), ("predicted", .string($0.predicted)), ("count", .int($0.count))])) })),
            ("misses", .array(misses.map { .object(JSONObject([("line", .int($0.line)), ("text", .string($0.text)), ("expected", .string($0.expected.joined(separator: "|"))), ("predicted", .string($0.predicted)),
                ("confidence", .double($0.confidence))] + ($0.fold.map { [("fold", JSONValue.int($0))] } ?? []))) })),
        ]))
    }
}
