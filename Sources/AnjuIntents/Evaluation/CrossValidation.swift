import AnjuText
import Foundation

/// K-fold cross-validation over the intents' own examples (`Intents/*.yaml`, out_of_scope
/// included): each fold's examples are classified by a classifier built from the other
/// folds, with the same analyser and config. The pooled predictions measure how the
/// classifier does on sentences it has not seen, and are what the confidence calibration
/// is fitted on.
///
/// The split is deterministic for a seed and stratified: each intent's examples are
/// shuffled with the seed and dealt round-robin over the folds, so every fold holds about
/// 1/K of every intent.
public enum CrossValidation {
    /// One example and the fold that holds it out.
    public struct Assignment: Sendable, Equatable {
        /// The intent id (`out_of_scope` for the out-of-scope topics).
        public let intent: String
        /// Its position among the intent's examples.
        public let index: Int
        /// The example itself.
        public let text: String
        /// 0-based fold.
        public let fold: Int
    }

    /// Deals every non-blank example of `catalog` to one of `folds` folds.
    public static func split(_ catalog: IntentCatalog, folds: Int, seed: UInt64) -> [Assignment] {
        var out: [Assignment] = []
        var offset = 0
        for intent in catalog.intents + [catalog.outOfScopeTopics] {
            var order = intent.examples.indices.filter { !intent.examples[$0].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            var rng = SplitMix64(seed: seed ^ stableHash(intent.id))
            order.shuffle(using: &rng)
            for (position, index) in order.enumerated() {
                out.append(Assignment(intent: intent.id, index: index, text: intent.examples[index], fold: (position + offset) % max(1, folds)))
            }
            // The next intent starts where this one stopped, so fold sizes stay even.
            offset = (offset + order.count) % max(1, folds)
        }
        return out
    }

    /// Cross-validates `classifier`'s catalogue with its config and analyser. `progress`
    /// is told (fold, folds) before each fold, 1-based.
    public static func run(classifier: IntentClassifier, folds: Int, seed: UInt64 = 1,
                           progress: (Int, Int) -> Void = { _, _ in }) throws(EvaluationError) -> [Prediction] {
        try run(base: classifier, catalog: classifier.catalog, config: classifier.config, folds: folds, seed: seed, progress: progress)
    }

    /// Cross-validates on the data files (as `IntentClassifier.load` reads them).
    public static func run(files: [String: String], folds: Int, seed: UInt64 = 1,
                           progress: (Int, Int) -> Void = { _, _ in }) throws -> [Prediction] {
        try run(classifier: try IntentClassifier.load(files: files), folds: folds, seed: seed, progress: progress)
    }

    /// Cross-validates `catalog`: for each fold, a classifier from `config` and `analyzer`
    /// on the catalogue without that fold's examples classifies them. Predictions come in
    /// fold order, each with its fold and its intent as the expected answer.
    public static func run(catalog: IntentCatalog, config: ClassifierConfig, analyzer: TextAnalyzer, folds: Int, seed: UInt64 = 1,
                           progress: (Int, Int) -> Void = { _, _ in }) throws(EvaluationError) -> [Prediction] {
        let base = IntentClassifier(catalog: catalog, config: config, analyzer: analyzer)
        return try run(base: base, catalog: catalog, config: config, folds: folds, seed: seed, progress: progress)
    }

    /// Cross-validates `catalog` with classifiers built like `base` (its analyser, bare
    /// replies and domain terms) under `config`.
    static func run(base: IntentClassifier, catalog: IntentCatalog, config: ClassifierConfig, folds: Int, seed: UInt64,
                    progress: (Int, Int) -> Void) throws(EvaluationError) -> [Prediction] {
        let assignments = split(catalog, folds: folds, seed: seed)
        guard folds >= 2, folds <= assignments.count else {
            throw EvaluationError(.badFolds, "--folds must be between 2 and the number of examples (\(assignments.count)), not \(folds) / 折数须在 2 与例句数之间")
        }
        var predictions: [Prediction] = []
        for fold in 0..<folds {
            progress(fold + 1, folds)
            let heldOut = assignments.filter { $0.fold == fold }
            let held = Set(heldOut.map { "\($0.intent)\t\($0.index)" })
            let training = foldCatalog(catalog) { intent, index in !held.contains("\(intent)\t\(index)") }
            let classifier = base.retrained(on: training, config: config)
            for a in heldOut {
                let c = classifier.classify(a.text)
                predictions.append(Prediction(text: a.text, expected: [a.intent], predicted: c.intent, confidence: c.confidence,
                                              candidates: c.candidates, options: c.options, fold: fold + 1))
            }
        }
        return predictions
    }

    /// `catalog` keeping only the examples `keep(intent, index)` accepts.
    static func foldCatalog(_ catalog: IntentCatalog, keep: (String, Int) -> Bool) -> IntentCatalog {
        func kept(_ d: IntentDefinition) -> IntentDefinition {
            IntentDefinition(id: d.id, name: d.name, kind: d.kind, description: d.description, keywords: d.keywords, negative: d.negative,
                             examples: d.examples.indices.filter { keep(d.id, $0) }.map { d.examples[$0] })
        }
        return IntentCatalog(intents: catalog.intents.map(kept), outOfScopeTopics: kept(catalog.outOfScopeTopics))
    }

    /// FNV-1a over the UTF-8 bytes: the same in every process (Swift's `Hasher` is not).
    static func stableHash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
