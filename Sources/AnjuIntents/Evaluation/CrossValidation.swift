import AnjuText
import Foundation
import Yams

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
        try run(catalog: classifier.catalog, config: classifier.config, analyzer: classifier.analyzer,
                folds: folds, seed: seed, progress: progress)
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
        let assignments = split(catalog, folds: folds, seed: seed)
        guard folds >= 2, folds <= assignments.count else {
            throw EvaluationError(.badFolds, "--folds must be between 2 and the number of examples (\(assignments.count)), not \(folds) / 折数须在 2 与例句数之间")
        }
        var predictions: [Prediction] = []
        for fold in 0..<folds {
            progress(fold + 1, folds)
            let heldOut = assignments.filter { $0.fold == fold }
            let held = Set(heldOut.map { "\($0.intent)\t\($0.index)" })
            let training = try foldCatalog(catalog) { intent, index in !held.contains("\(intent)\t\(index)") }
            let classifier = IntentClassifier(catalog: training, config: config, analyzer: analyzer)
            for a in heldOut {
                let c = classifier.classify(a.text)
                predictions.append(Prediction(text: a.text, expected: [a.intent], predicted: c.intent, confidence: c.confidence,
                                              candidates: c.candidates, options: c.options, fold: fold + 1))
            }
        }
        return predictions
    }

    /// `catalog` keeping only the examples `keep(intent, index)` accepts. The catalogue is
    /// built from files only, so the definitions go through YAML and `IntentCatalog(files:)`.
    static func foldCatalog(_ catalog: IntentCatalog, keep: (String, Int) -> Bool) throws(EvaluationError) -> IntentCatalog {
        var files: [(path: String, text: String)] = []
        for intent in catalog.intents + [catalog.outOfScopeTopics] {
            let examples = intent.examples.indices.filter { keep(intent.id, $0) }.map { intent.examples[$0] }
            let definition = EncodedDefinition(id: intent.id, name: intent.name, kind: intent.kind, description: intent.description,
                                               keywords: intent.keywords, negative: intent.negative, examples: examples)
            do {
                files.append(("Intents/\(intent.id).yaml", try YAMLEncoder().encode(definition)))
            } catch {
                throw EvaluationError(.foldCatalog, "\(intent.id): cannot write the fold's definition / 无法生成该折的意图定义: \(error)")
            }
        }
        do {
            return try IntentCatalog(files: files)
        } catch {
            throw EvaluationError(.foldCatalog, "cannot rebuild the catalogue for a fold / 无法为该折重建意图目录: \(error)")
        }
    }

    /// An intent definition as its YAML file writes it.
    struct EncodedDefinition: Encodable {
        let id: String
        let name: String
        let kind: [String]
        let description: String
        let keywords: [String: Double]
        let negative: [String]
        let examples: [String]
    }

    /// FNV-1a over the UTF-8 bytes: the same in every process (Swift's `Hasher` is not).
    static func stableHash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
