@testable import AnjuIntents
import Testing

@Suite("Cross-validation")
struct CrossValidationTests {
    let catalog = Fixtures.classifier.catalog

    @Test("the split is deterministic for a seed, and another seed deals differently")
    func deterministic() {
        let a = CrossValidation.split(catalog, folds: 5, seed: 7)
        #expect(a == CrossValidation.split(catalog, folds: 5, seed: 7))
        #expect(a != CrossValidation.split(catalog, folds: 5, seed: 8))
    }

    @Test("every example is held out exactly once, and each intent is spread evenly over the folds")
    func stratified() {
        let folds = 5
        let split = CrossValidation.split(catalog, folds: folds, seed: 1)
        let classes = catalog.intents + [catalog.outOfScopeTopics]
        #expect(split.count == classes.reduce(0) { $0 + $1.examples.count })
        #expect(Set(split.map { "\($0.intent)#\($0.index)" }).count == split.count)
        for intent in classes {
            let perFold = (0..<folds).map { f in split.count { $0.intent == intent.id && $0.fold == f } }
            #expect(perFold.max()! - perFold.min()! <= 1, "\(intent.id): \(perFold)")
        }
        let sizes = (0..<folds).map { f in split.count { $0.fold == f } }
        #expect(sizes.max()! - sizes.min()! <= 1, "\(sizes)")
    }

    @Test("a fold's catalogue keeps everything but the held-out examples")
    func foldCatalogue() throws {
        let all = try CrossValidation.foldCatalog(catalog) { _, _ in true }
        #expect(all.intents == catalog.intents)
        #expect(all.outOfScopeTopics == catalog.outOfScopeTopics)
        let none = try CrossValidation.foldCatalog(catalog) { intent, index in !(intent == "greeting" && index == 0) }
        #expect(none.intent("greeting")?.examples == Array(catalog.intent("greeting")!.examples.dropFirst()))
        #expect(none.intent("greeting")?.keywords == catalog.intent("greeting")?.keywords)
    }

    @Test("run: one prediction per example, labelled with its intent and fold, progress per fold")
    func run() throws {
        var seen: [String] = []
        let predictions = try CrossValidation.run(classifier: Fixtures.classifier, folds: 3, seed: 2) { seen.append("\($0)/\($1)") }
        #expect(seen == ["1/3", "2/3", "3/3"])
        let split = CrossValidation.split(catalog, folds: 3, seed: 2)
        #expect(predictions.count == split.count)
        #expect(predictions.allSatisfy { $0.expected.count == 1 && $0.fold != nil && (1...3).contains($0.fold!) })
        #expect(predictions.allSatisfy { (0...1).contains($0.confidence) && $0.candidates.count <= 5 })
        let e = Evaluation(predictions: predictions)
        #expect(e.outOfScopeCount == catalog.outOfScopeTopics.examples.count)
        #expect(e.inScopeAccuracy > 0.5)
    }

    @Test("fewer than two folds is a typed error")
    func badFolds() {
        #expect(throws: EvaluationError.self) { try CrossValidation.run(classifier: Fixtures.classifier, folds: 1) }
        do {
            _ = try CrossValidation.run(classifier: Fixtures.classifier, folds: 1)
        } catch {
            #expect(error.code == .badFolds)
        }
    }
}
