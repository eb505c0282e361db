/// Random search over the classifier's weights and thresholds on a labelled set, for
/// `anju eval --tune`. The objective rewards in-scope accuracy and out-of-scope recall and
/// penalises false rejections and `unclear` answers beyond their targets.
public struct Tuner: Sendable {
    public struct Trial: Sendable {
        public let config: ClassifierConfig
        public let objective: Double
        public let inScopeAccuracy: Double
        public let outOfScopeRecall: Double
        public let falseRejectionRate: Double
        public let unclearRate: Double
    }

    let catalog: IntentCatalog
    let classifier: IntentClassifier
    let set: EvalSet

    public init(classifier: IntentClassifier, set: EvalSet) {
        self.classifier = classifier
        self.catalog = classifier.catalog
        self.set = set
    }

    public static func objective(_ e: Evaluation) -> Double {
        // Both headline measures must clear their targets with room to spare on unseen data:
        // falling below 0.94 costs three times as much as rising above it gains.
        e.inScopeAccuracy + e.outOfScopeRecall
            - 3 * max(0, 0.94 - e.inScopeAccuracy) - 3 * max(0, 0.94 - e.outOfScopeRecall)
            - 2 * max(0, e.falseRejectionRate - 0.03) - 2 * max(0, e.unclearRate - 0.04)
    }

    public func evaluate(_ config: ClassifierConfig) -> Trial {
        let candidate = IntentClassifier(catalog: catalog, config: config, analyzer: classifier.analyzer)
        let e = Evaluation(set: set, classifier: candidate)
        return Trial(config: config, objective: Self.objective(e), inScopeAccuracy: e.inScopeAccuracy,
                     outOfScopeRecall: e.outOfScopeRecall, falseRejectionRate: e.falseRejectionRate, unclearRate: e.unclearRate)
    }

    /// Runs `trials` random trials: half broad samples, half perturbations of the best so far.
    public func search(trials: Int, seed: UInt64, progress: (Int, Trial) -> Void) -> Trial {
        var rng = SplitMix64(seed: seed)
        var best = evaluate(classifier.config)
        progress(0, best)
        for t in 1...max(1, trials) {
            var c = best.config
            let broad = t <= trials / 2
            func pick(_ value: Double, _ range: ClosedRange<Double>) -> Double {
                if broad { return Double.random(in: range, using: &rng) }
                let width = (range.upperBound - range.lowerBound) * 0.15
                return min(range.upperBound, max(range.lowerBound, value + Double.random(in: -width...width, using: &rng)))
            }
            c.k1 = pick(c.k1, 0.5...2.0)
            c.b = pick(c.b, 0.2...1.0)
            c.bigramWeight = pick(c.bigramWeight, 0.1...1.0)
            c.exampleWeight = pick(c.exampleWeight, 0.2...1.5)
            c.intentWeight = pick(c.intentWeight, 0.0...1.5)
            c.keywordWeight = pick(c.keywordWeight, 0.2...2.0)
            c.keywordScale = pick(c.keywordScale, 1.5...10)
            c.keywordCoverage = pick(c.keywordCoverage, 0...1)
            c.negativePenalty = pick(c.negativePenalty, 0...0.8)
            c.minScore = pick(c.minScore, 0.05...0.5)
            c.oosMargin = pick(c.oosMargin, -0.1...0.3)
            c.unclearMargin = pick(c.unclearMargin, 0...0.05)
            c.domainlessPenalty = pick(c.domainlessPenalty, 0...0.5)
            let trial = evaluate(c)
            if trial.objective > best.objective {
                best = trial
                progress(t, best)
            }
        }
        return best
    }
}

extension ClassifierConfig {
    /// The config as the YAML of `Intents/classifier.yaml`.
    public var yaml: String {
        func f(_ x: Double) -> String { String((x * 1000).rounded() / 1000) }
        return """
        k1: \(f(k1))
        b: \(f(b))
        bigram_weight: \(f(bigramWeight))
        example_weight: \(f(exampleWeight))
        intent_weight: \(f(intentWeight))
        keyword_weight: \(f(keywordWeight))
        keyword_scale: \(f(keywordScale))
        keyword_coverage: \(f(keywordCoverage))
        negative_penalty: \(f(negativePenalty))
        temperature: \(f(temperature))
        min_score: \(f(minScore))
        oos_margin: \(f(oosMargin))
        unclear_margin: \(f(unclearMargin))
        min_confidence: \(f(minConfidence))
        domainless_penalty: \(f(domainlessPenalty))
        neighbour_penalty: \(f(neighbourPenalty))
        max_options: \(maxOptions)
        learned_weight: \(f(learnedWeight))
        learned_epochs: \(learnedEpochs)
        learned_rate: \(learnedRate)
        learned_l2: \(learnedL2)
        # Confidence = σ(w · [logit(top share), gap to the next intent, best score, gap to
        # out of scope, logit(out-of-scope share), 1]), fitted per decision kind by `anju fit`.
        calibration:
          intent: [\(calibration.intent.map { String($0) }.joined(separator: ", "))]
          out_of_scope: [\(calibration.outOfScope.map { String($0) }.joined(separator: ", "))]
          unclear: [\(calibration.unclear.map { String($0) }.joined(separator: ", "))]
          bare_input: \(f(calibration.bareInputConfidence))
        """
    }
}
