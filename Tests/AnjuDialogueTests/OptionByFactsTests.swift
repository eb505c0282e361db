@testable import AnjuDialogue
import AnjuJSON
import Testing

/// Between the options of an unclear question, the facts said decide when one rule takes
/// clearly more of them.
@Suite("Options decided by facts")
struct OptionByFactsTests {
    let assistant = Fixtures.assistant()

    func found(_ names: [String]) -> [FactExtractor.Found] { names.map { FactExtractor.Found(name: $0, value: .int(1)) } }

    @Test("the rule taking two or more facts, and more than any other option, is chosen")
    func decided() {
        #expect(assistant.optionByFacts(["withdraw_purchase", "loan_combination"], found(["price", "loan_amount", "months_since_purchase"])) == "withdraw_purchase")
    }

    @Test("one fact, or a tie, decides nothing: the options are offered")
    func undecided() {
        #expect(assistant.optionByFacts(["withdraw_purchase", "loan_combination"], found(["price"])) == nil)
        #expect(assistant.optionByFacts(["loan_quota", "loan_eligibility"], found(["continuous_months", "homes_owned"])) == nil)
    }
}

/// Facts the classified rule leaves out send the question to the rule that takes them all.
@Suite("Rule by the facts said")
struct RuleByFactsTests {
    @Test("a birth, a gender and a loan term go to the loan's eligibility, not retirement")
    func loanTermIsNoRetirementFact() async {
        let r = await Fixtures.assistant().ask(session: "rbf-1", channel: .ivr, text: "俺 一九七零年 五月 生 男 想 用 公积金 贷 二十五年 中不中")
        #expect(r.intent == "loan_eligibility" || r.intent == "loan_quota", "\(r.intent): \(r.reply)")
        #expect(r.reply.contains("不符合"), "\(r.reply)")
    }
}

/// A letter asking two numbered things: the one its facts fit is answered, the other offered.
@Suite("Two questions in one letter")
struct TwoQuestionLetterTests {
    @Test("the rule the facts fit is answered and the classified intent is offered, never the one answered")
    func offersTheOther() async {
        let text = "您好！我缴存公积金四年了，余额七万左右，税前月薪一万，现在租房住本市无房。想请教：一是首套房公积金最多能贷多少，二是租房期间一年能提多少？谢谢"
        let r = await Fixtures.assistant().ask(session: "two-q", channel: .chat, text: text)
        #expect(!r.also.contains(r.intent), "\(r.intent) \(r.also)")
        #expect(Set([r.intent] + r.also).isSuperset(of: ["loan_quota", "withdraw_rent"]), "\(r.intent) \(r.also): \(r.reply)")
    }
}
