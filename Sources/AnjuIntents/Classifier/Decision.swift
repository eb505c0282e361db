import Foundation

/// From raw class scores to a decision: an intent, out of scope, or unclear (which to ask
/// about), and the calibrated probability that the decision is right.
package struct Decision: Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case intent, outOfScope = "out_of_scope", unclear
    }

    package let kind: Kind
    /// The best classes, best first (the out-of-scope class among them).
    package let order: [Int]
    /// Softmax of the raw scores.
    package let probabilities: [Double]
    /// The options to ask about when unclear (class indices).
    package let options: [Int]
    /// What the calibration reads.
    package let features: Calibration.Features
    /// The probability that the decision is right.
    package let confidence: Double

    /// - Parameters:
    ///   - raw: raw scores, one per class; `outOfScope` is the out-of-scope class.
    ///   - keep: how many of the best classes to keep in `order`.
    package init(raw: [Double], config: ClassifierConfig, outOfScope: Int, keep: Int) {
        let probabilities = IntentClassifier.softmax(raw, temperature: config.temperature)
        var order = IntentClassifier.top(max(3, keep), of: raw)
        var first = order[0]
        var second = order.count > 1 ? order[1] : first
        var secondInScope = order.first { $0 != first && $0 != outOfScope } ?? second
        var kind = Kind.intent
        var options: [Int] = []
        if first == outOfScope {
            kind = .outOfScope
        } else if raw[first] < config.minScore || raw[first] - raw[outOfScope] < config.oosMargin
                    || probabilities[first] + (second != outOfScope ? probabilities[second] : 0) < config.minConfidence {
            // Too weak, too close to the out-of-scope topics, or spread thin over many
            // intents (even the best two together are unlikely): not a fund question.
            kind = .outOfScope
        } else if second != outOfScope, raw[first] - raw[second] < config.unclearMargin {
            kind = .unclear
            options = order.filter { $0 != outOfScope }.prefix(config.maxOptions).filter { raw[first] - raw[$0] < config.unclearMargin }
        }
        var features = Calibration.Features(
            top: probabilities[first], gap: raw[first] - raw[secondInScope], best: raw[first], outOfScopeGap: raw[first] - raw[outOfScope],
            outOfScopeShare: probabilities[outOfScope])
        // A rejection the rejection model finds unlikely to be right is overturned: the best
        // intent is decided (scores diluted by a long story fall under the thresholds, yet
        // the pattern of them still says "about the fund").
        if kind == .outOfScope, let right = config.calibration.rejectionRight(features), right < config.calibration.rejectionFloor,
           let best = order.first(where: { $0 != outOfScope }) {
            order = [best] + order.filter { $0 != best }
            first = best
            second = order[1]
            secondInScope = order.first { $0 != first && $0 != outOfScope } ?? second
            kind = .intent
            features = Calibration.Features(
                top: probabilities[first], gap: raw[first] - raw[secondInScope], best: raw[first], outOfScopeGap: raw[first] - raw[outOfScope],
                outOfScopeShare: probabilities[outOfScope])
        }
        let top = probabilities[first]
        self.kind = kind
        self.order = order
        self.probabilities = probabilities
        self.options = options
        self.features = features
        if let calibrated = config.calibration.confidence(kind, features) {
            confidence = calibrated
        } else {
            // Uncalibrated: the softmax share of what was decided.
            switch kind {
            case .intent, .unclear: confidence = top
            case .outOfScope: confidence = first == outOfScope ? top : 1 - top
            }
        }
    }
}
