import Foundation

/// Chooses the classifier's weights and thresholds and fits its confidence calibration on
/// cross-validated predictions (`anju fit`), never on a set that is reported.
///
/// The intent examples are split into `folds` parts (stratified per intent, seeded); each
/// part is scored by a classifier built — learned model included — from the other parts.
/// Labelled sets of our own (`Corpus/eval/`) may be added, scored by the full classifier
/// (they are not training data). Scores are kept as weight-independent `Components`, so a
/// weight trial costs arithmetic only.
public struct ModelFit: Sendable {
    /// One scored text.
    public struct Sample: Sendable {
        let parts: Components?
        let expected: Set<String>
        let outOfScope: Bool
        /// Which group it came from (cross-validation or a set's name): each group weighs the same.
        let group: String
    }

    /// The measures a trial reached, per sample group averaged.
    public struct Score: Sendable {
        public var objective = 0.0
        public var inScopeAccuracy = 0.0
        public var outOfScopeRecall = 0.0
        public var falseRejection = 0.0
        public var unclear = 0.0
    }

    public let samples: [Sample]
    let classIDs: [String]
    let outOfScope: Int

    /// Scores the examples by `folds`-fold cross-validation and `sets` with the full classifier.
    public init(classifier: IntentClassifier, folds: Int, seed: UInt64, sets: [(name: String, set: EvalSet)],
                progress: (String) -> Void = { _ in }) {
        var config = classifier.config
        if config.learnedWeight == 0 { config.learnedWeight = 1 }  // the learned model must exist to be weighed
        let catalog = classifier.catalog
        let assignments = CrossValidation.split(catalog, folds: folds, seed: seed)
        var samples: [Sample] = []
        for f in 0..<max(1, folds) {
            progress("fold \(f + 1)/\(folds): training on the other folds / 第 \(f + 1)/\(folds) 折")
            let heldOut = assignments.filter { $0.fold == f }
            let held = Set(heldOut.map { "\($0.intent)\t\($0.index)" })
            let model = classifier.retrained(on: CrossValidation.foldCatalog(catalog) { !held.contains("\($0)\t\($1)") }, config: config)
            for a in heldOut {
                samples.append(Sample(parts: model.components(a.text), expected: [a.intent],
                                      outOfScope: a.intent == IntentCatalog.outOfScope, group: "cross-validation"))
            }
        }
        let full = classifier.retrained(on: catalog, config: config)
        for (name, set) in sets {
            progress("scoring \(name) (\(set.items.count) queries) / 评分")
            for item in set.items {
                samples.append(Sample(parts: full.components(item.text), expected: Set(item.expected), outOfScope: !item.inScope, group: name))
            }
        }
        self.samples = samples
        self.classIDs = classifier.classIDs
        self.outOfScope = classifier.outOfScopeClass
    }

    /// The decision on one sample under `config` (nil parts: input that asks nothing).
    func decision(_ s: Sample, _ config: ClassifierConfig) -> Decision? {
        guard let parts = s.parts else { return nil }
        return Decision(raw: parts.raw(config, outOfScope: outOfScope), config: config, outOfScope: outOfScope, keep: 3)
    }

    /// Whether a decision is right, as acceptance counts it (a rejection of an out-of-scope
    /// query is right; `unclear` is right for an in-scope query only when scoring accuracy
    /// with options, which this objective does not).
    func isRight(_ d: Decision?, _ s: Sample) -> Bool {
        guard let d else { return s.outOfScope }
        switch d.kind {
        case .intent: return s.expected.contains(classIDs[d.order[0]])
        case .outOfScope, .unclear: return s.outOfScope
        }
    }

    /// The measures of `config`, each group weighing the same.
    public func score(_ config: ClassifierConfig) -> Score {
        var groups: [String: (inScope: Int, right: Int, oos: Int, oosRight: Int, rejected: Int, unclear: Int, total: Int)] = [:]
        for s in samples {
            let d = decision(s, config)
            var g = groups[s.group] ?? (0, 0, 0, 0, 0, 0, 0)
            g.total += 1
            if d?.kind == .unclear { g.unclear += 1 }
            if s.outOfScope {
                g.oos += 1
                if d == nil || d!.kind != .intent { g.oosRight += 1 }
            } else {
                g.inScope += 1
                if isRight(d, s) { g.right += 1 } else if d == nil || d!.kind == .outOfScope { g.rejected += 1 }
            }
            groups[s.group] = g
        }
        var score = Score()
        let n = Double(max(1, groups.count))
        for g in groups.values {
            score.inScopeAccuracy += Double(g.right) / Double(max(1, g.inScope)) / n
            score.outOfScopeRecall += Double(g.oosRight) / Double(max(1, g.oos)) / n
            score.falseRejection += Double(g.rejected) / Double(max(1, g.inScope)) / n
            score.unclear += Double(g.unclear) / Double(max(1, g.total)) / n
        }
        score.objective = score.inScopeAccuracy + score.outOfScopeRecall
            - 2 * max(0, score.falseRejection - 0.04) - 1 * max(0, score.unclear - 0.04)
        return score
    }

    /// Random search around `start`: half broad samples, half perturbations of the best so far.
    public func search(from start: ClassifierConfig, trials: Int, seed: UInt64, progress: (Int, Score) -> Void = { _, _ in }) -> (ClassifierConfig, Score) {
        var rng = SplitMix64(seed: seed)
        var best = start
        if best.learnedWeight == 0 { best.learnedWeight = 1 }
        var bestScore = score(best)
        progress(0, bestScore)
        for t in 1...max(1, trials) {
            var c = best
            let broad = t <= trials / 3
            func pick(_ value: Double, _ range: ClosedRange<Double>) -> Double {
                if broad { return Double.random(in: range, using: &rng) }
                let width = (range.upperBound - range.lowerBound) * 0.1
                return min(range.upperBound, max(range.lowerBound, value + Double.random(in: -width...width, using: &rng)))
            }
            c.exampleWeight = pick(c.exampleWeight, 0.0...2.0)
            c.intentWeight = pick(c.intentWeight, 0.0...2.0)
            c.keywordWeight = pick(c.keywordWeight, 0.0...2.0)
            c.learnedWeight = pick(c.learnedWeight, 0.0...4.0)
            c.negativePenalty = pick(c.negativePenalty, 0...0.8)
            c.minScore = pick(c.minScore, 0.0...1.0)
            c.oosMargin = pick(c.oosMargin, -0.3...0.5)
            c.unclearMargin = pick(c.unclearMargin, 0...0.1)
            c.domainlessPenalty = pick(c.domainlessPenalty, 0...0.5)
            c.neighbourPenalty = pick(c.neighbourPenalty, 0...1.0)
            let s = score(c)
            if s.objective > bestScore.objective {
                best = c
                bestScore = s
                progress(t, s)
            }
        }
        return (best, bestScore)
    }

    /// Fits the calibration of `config`'s decisions: one logistic model per decision kind.
    /// Each sample group weighs the same, as in `score` (the few hundred real questions of
    /// `Corpus/eval/real/` count as much as the thousands of cross-validated examples: real
    /// language is where the confidence is used, and team-written examples are easier).
    ///
    /// First the rejection model (how likely an out-of-scope decision is right, before any is
    /// overturned) and its floor (the one of a few that scores best, ties to the lowest);
    /// then, with those rejections overturned, the confidence of each kind of decision.
    public func calibration(for config: ClassifierConfig) -> Calibration {
        var uncalibrated = config
        uncalibrated.calibration = Calibration()
        uncalibrated.calibration.rejection = fitKinds(uncalibrated).outOfScope
        var bestFloor = (floor: 0.0, objective: -Double.infinity)
        for floor in stride(from: 0.0, through: 0.5, by: 0.025) {
            uncalibrated.calibration.rejectionFloor = floor
            let objective = score(uncalibrated).objective
            if objective > bestFloor.objective + 1e-9 { bestFloor = (floor, objective) }
        }
        uncalibrated.calibration.rejectionFloor = bestFloor.floor
        var c = fitKinds(uncalibrated)
        c.rejection = uncalibrated.calibration.rejection
        c.rejectionFloor = bestFloor.floor
        return c
    }

    /// The per-kind calibration of the decisions `config` makes (its own calibration only
    /// overturns rejections; confidences are not read).
    private func fitKinds(_ uncalibrated: ClassifierConfig) -> Calibration {
        var byKind: [Decision.Kind: [(Calibration.Features, Bool)]] = [:]
        var weightsByKind: [Decision.Kind: [Double]] = [:]
        var bare = (n: 0, right: 0)
        var groupSizes: [String: Int] = [:]
        for s in samples { groupSizes[s.group, default: 0] += 1 }
        let perGroup = Double(samples.count) / Double(max(1, groupSizes.count))
        for s in samples {
            guard let d = decision(s, uncalibrated) else {
                bare.n += 1
                if s.outOfScope { bare.right += 1 }
                continue
            }
            byKind[d.kind, default: []].append((d.features, isRight(d, s)))
            weightsByKind[d.kind, default: []].append(perGroup / Double(groupSizes[s.group] ?? 1))
        }
        var c = Calibration()
        c.intent = Calibration.fit(byKind[.intent] ?? [], sampleWeights: weightsByKind[.intent])
        c.outOfScope = Calibration.fit(byKind[.outOfScope] ?? [], sampleWeights: weightsByKind[.outOfScope])
        c.unclear = Calibration.fit(byKind[.unclear] ?? [], sampleWeights: weightsByKind[.unclear])
        if bare.n >= 5 { c.bareInputConfidence = (Double(bare.right) + 1) / (Double(bare.n) + 2) }
        return c
    }

    /// Expected calibration error of `config` over all samples (10 bins), for the report.
    public func calibrationError(_ config: ClassifierConfig) -> Double {
        ReliabilityTable(samples.map { s in
            let d = decision(s, config)
            return (d?.confidence ?? config.calibration.bareInputConfidence, isRight(d, s))
        }).expectedCalibrationError
    }
}
