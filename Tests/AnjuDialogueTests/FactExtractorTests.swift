import AnjuDialogue
import AnjuJSON
import Testing

@Suite("Fact extraction")
struct FactExtractorTests {
    let analyzer = Fixtures.shared.classifier.analyzer
    let extractor = FactExtractor()

    func facts(_ text: String, expecting: String? = nil) -> [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: extractor.extract(analyzer.normalize(text), expecting: expecting).map { ($0.name, $0.value) })
    }

    @Test("facts are read as people say them", arguments: [
        ("交了两年", "continuous_months", JSONValue.int(24)),
        ("余额三万二", "balance", .double(32000)),
        ("月收入八千五", "monthly_income", .double(8500)),
        ("没房", "homes_owned", .int(0)),
        ("首套", "homes_owned", .int(0)),
        ("那二套呢", "homes_owned", .int(1)),
        ("家里有两套房", "homes_owned", .int(2)),
        ("有两个娃", "children", .int(2)),
        ("封存了半年", "sealed_months", .int(6)),
        ("等额本金呢", "method", .string("equal_principal")),
        ("1968年5月出生", "birth", .string("1968-05")),
        ("已婚", "married", .bool(true)),
        ("还的是商贷", "loan_type", .string("commercial")),
    ])
    func asPeopleSayThem(text: String, fact: String, value: JSONValue) {
        #expect(facts(text)[fact] == value, "\(text) → \(facts(text))")
    }

    @Test("a loan amount and its term in one breath")
    func loanAndTerm() {
        let f = facts("贷六十万二十年")
        #expect(f["principal"] == .double(600000))
        #expect(f["term_years"] == .int(20))
    }

    @Test("several facts in one sentence are all taken")
    func severalAtOnce() {
        let f = facts("我连续交了3年，余额5万，月收入一万二，想买首套，能贷多少")
        #expect(f["continuous_months"] == .int(36))
        #expect(f["balance"] == .double(50000))
        #expect(f["monthly_income"] == .double(12000))
        #expect(f["homes_owned"] == .int(0))
    }

    @Test("a bare answer fills the fact just asked for", arguments: [
        ("24", "continuous_months", JSONValue.int(24)), ("两年", "continuous_months", .int(24)), ("三万", "balance", .double(30000)),
        ("没有", "homes_owned", .int(0)), ("单身", "married", .bool(false)), ("女", "gender", .string("female")),
        ("公积金贷款", "loan_type", .string("provident")), ("二套", "homes_owned", .int(1)), ("有两套", "homes_owned", .int(2)),
    ])
    func bareAnswers(text: String, expecting: String, value: JSONValue) {
        #expect(facts(text, expecting: expecting)[expecting] == value)
    }

    @Test("a sum given for a months question is not taken as months, nor months as money")
    func unitsRespected() {
        #expect(facts("15个月", expecting: "monthly_income")["monthly_income"] == nil)
        #expect(facts("月收入8500", expecting: "homes_owned")["homes_owned"] == nil)
    }
}
