import AnjuData
import Dispatch
import AnjuIntents
import Testing

/// Training at start-up (feature ids, the BM25 indexes, the logistic regression) must not
/// depend on the order a `Dictionary` happens to iterate in. Swift seeds each dictionary's
/// order from its storage's address (unless SWIFT_DETERMINISTIC_HASHING is set), so two
/// classifiers trained in one process see different orders: if any floating-point sum
/// followed that order, their scores would differ in the last bits, and these exact
/// comparisons fail.
@Suite("Deterministic training")
struct DeterministicTrainingTests {
    @Test("two classifiers trained from the same data score every eval text identically, bit for bit")
    func trainingTwiceGivesTheSameScores() async throws {
        // Seconds of training and scoring in a debug build: on a thread of its own, not on one
        // of the few cooperative threads the other suites' servers and clients need.
        let (compared, scoresDiffer, decisionsDiffer) = try await Self.offThePool(Self.compareTwoTrainings)
        #expect(compared > 100)
        #expect(scoresDiffer.count == 0, "raw scores differ between two trainings for \(scoresDiffer.count) texts, e.g. \(scoresDiffer.prefix(3))")
        #expect(decisionsDiffer.count == 0, "classify output differs for \(decisionsDiffer.count) texts, e.g. \(decisionsDiffer.prefix(3))")
    }

    /// Trains two classifiers on part of the data and compares them on the eval set:
    /// texts compared, texts whose raw scores differ, texts whose classify output differs.
    static func compareTwoTrainings() throws -> (Int, [String], [String]) {
        // Eight intents and the out-of-scope topics: a fifth of the training, the same code paths.
        let kept: Set<String> = ["loan_quota", "loan_rate", "loan_repayment", "withdraw_rent", "withdraw_purchase",
                                 "balance_query", "greeting", "human_agent"]
        let files = DataBundle.embedded.files.filter { path, _ in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard path.hasPrefix("Intents/"), !path.dropFirst(8).contains("/"), name.hasSuffix(".yaml"),
                  name != "classifier.yaml", name != "out_of_scope.yaml" else { return true }
            return kept.contains(String(name.dropLast(5)))
        }
        let first = try IntentClassifier.load(files: files)
        let second = try IntentClassifier.load(files: files)
        let set = EvalSet(tsv: try DataBundle.embedded.require("Corpus/eval/eval.tsv"), knownIntents: kept)
        var compared = 0
        var scoresDiffer: [String] = []
        var decisionsDiffer: [String] = []
        for item in set.items {
            let ca = first.classify(item.text), cb = second.classify(item.text)
            if ca.intent != cb.intent || ca.confidence != cb.confidence || ca.candidates.map(\.score) != cb.candidates.map(\.score) {
                decisionsDiffer.append(item.text)
            }
            guard let a = first.components(item.text), let b = second.components(item.text) else { continue }
            compared += 1
            if a.example != b.example || a.whole != b.whole || a.learned != b.learned || a.keyword != b.keyword {
                scoresDiffer.append(item.text)
            }
        }
        return (compared, scoresDiffer, decisionsDiffer)
    }

    /// Runs `work` on a dispatch thread and waits for it by suspending.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
