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
        uncued_penalty: \(f(uncuedPenalty))
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
          # A rejection whose σ(rejection · features) is under rejection_floor is overturned.
          rejection: [\(calibration.rejection.map { String($0) }.joined(separator: ", "))]
          rejection_floor: \(f(calibration.rejectionFloor))
        """
    }
}
