import AnjuData
import AnjuIntents
import Testing

/// The intent ids every client relies on (shared/spec/intents.md).
let specifiedIntents: Set<String> = [
    "balance_query", "deposit_record", "deposit_base_ratio", "account_open", "flexible_deposit", "deposit_deferral",
    "account_transfer", "account_seal", "deposit_certificate", "password_service", "info_change",
    "withdraw_purchase", "withdraw_rent", "withdraw_repay", "withdraw_retire", "withdraw_leave", "withdraw_illness",
    "withdraw_renovation", "withdraw_emigrate", "withdraw_death", "withdraw_progress",
    "loan_eligibility", "loan_quota", "loan_rate", "loan_repayment", "loan_process", "loan_prepay",
    "loan_commercial_transfer", "loan_combination", "loan_offsite", "loan_progress", "loan_deferral", "loan_overdue",
    "loan_account_query", "service_hall", "online_service", "human_agent", "complaint", "greeting", "goodbye_thanks",
]

enum Fixtures {
    static let classifier: IntentClassifier = try! IntentClassifier.load(files: DataBundle.embedded.files)
}

@Suite("Intent data")
struct IntentDataTests {
    let catalog = Fixtures.classifier.catalog

    @Test("every intent of intents.md has a file, and no other ids exist")
    func everySpecifiedIntentExists() {
        #expect(Set(catalog.intents.map(\.id)) == specifiedIntents)
    }

    @Test("every intent has a Chinese name, keywords and at least 20 examples")
    func intentsAreComplete() {
        for intent in catalog.intents {
            #expect(!intent.name.isEmpty, "\(intent.id)")
            #expect(!intent.keywords.isEmpty, "\(intent.id)")
            #expect(intent.examples.count >= 20, "\(intent.id) has \(intent.examples.count) examples")
        }
    }

    @Test("the out-of-scope file covers the near-miss topics")
    func outOfScopeTopics() {
        let oos = catalog.outOfScopeTopics
        for topic in ["社保", "医保", "个税", "商业贷款", "房价"] {
            #expect(oos.keywords.keys.contains { $0.contains(topic) } || oos.examples.contains { $0.contains(topic) }, "\(topic)")
        }
    }

    @Test("rule and auth kinds match intents.md")
    func kinds() {
        let auth = Set(catalog.intents.filter(\.needsAuth).map(\.id))
        #expect(auth == ["balance_query", "deposit_record", "loan_account_query"])
        for id in ["loan_eligibility", "loan_quota", "loan_repayment", "withdraw_rent", "withdraw_purchase", "withdraw_repay", "withdraw_retire", "withdraw_leave"] {
            #expect(catalog.intent(id)?.isRule == true, "\(id)")
        }
    }

    @Test("the evaluation set is independent of the training examples")
    func evalSetIndependent() throws {
        let analyzer = Fixtures.classifier.analyzer
        let examples = Set(catalog.intents.flatMap(\.examples).map { analyzer.normalize($0) })
        let set = EvalSet(tsv: try DataBundle.embedded.require("Corpus/eval/eval.tsv"), knownIntents: specifiedIntents)
        #expect(set.items.count >= 400)
        let overlap = set.items.filter { examples.contains(analyzer.normalize($0.text)) }
        #expect(overlap.isEmpty, "\(overlap.map(\.text))")
    }

    @Test("the evaluation set covers every intent and out of scope")
    func evalSetCoverage() throws {
        let set = EvalSet(tsv: try DataBundle.embedded.require("Corpus/eval/eval.tsv"), knownIntents: specifiedIntents)
        #expect(set.problems.isEmpty)
        let labels = Set(set.items.flatMap(\.expected))
        #expect(labels.isSuperset(of: specifiedIntents.union(["out_of_scope"])))
    }
}
