import AnjuData
import AnjuDialogue
import AnjuJSON
import AnjuRules
import Foundation
import Testing

@Suite("Rule forms")
struct FormTests {
    let assistant = Fixtures.shared

    func check(_ rule: String, _ facts: JSONValue) -> JSONValue {
        try! Fixtures.engine.check(rule: rule, facts: facts, today: CalendarDate(Date())).get().json
    }

    @Test("several facts in one sentence are all taken and the result equals anju check")
    func severalFactsAtOnce() async {
        let r = await assistant.ask(session: "f1", channel: .chat, text: "我连续交了3年，余额5万，月收入一万二，想买首套，能贷多少")
        #expect(r.intent == "loan_quota")
        #expect(r.expecting == nil)
        let expected = check("loan_quota", ["account_status": "normal", "continuous_months": 36, "balance": 50000, "monthly_income": 12000,
                                            "homes_owned": 0, "outstanding_loan": false, "loans_used": 0, "overdue": false, "children": 0, "talent": false])
        #expect(r.result == expected)
        #expect(r.reply.contains("75万元"))
        #expect(r.reply.contains("余额"))
        #expect(!r.citations.isEmpty)
    }

    @Test("facts given one by one follow expecting, and a correction replaces a fact")
    func oneByOneWithCorrection() async {
        let replies = await assistant.conversation("f2", ["我能贷多少", "交了两年", "余额三万二", "不对，是15个月", "月收入八千五", "没房"])
        #expect(replies.map(\.expecting) == ["continuous_months", "balance", "monthly_income", "monthly_income", "homes_owned", nil])
        let last = replies.last!
        let expected = check("loan_quota", ["account_status": "normal", "continuous_months": 15, "balance": 32000, "monthly_income": 8500,
                                            "homes_owned": 0, "outstanding_loan": false, "loans_used": 0, "overdue": false, "children": 0, "talent": false])
        #expect(last.result == expected)
        #expect(last.reply.contains("48万元"))
    }

    @Test("cancel words end the form")
    func cancel() async {
        let replies = await assistant.conversation("f3", ["租房能提多少", "算了"])
        #expect(replies[0].expecting != nil)
        #expect(replies[1].expecting == nil)
        #expect(await assistant.ask(session: "f3", channel: .chat, text: "24").intent != "withdraw_rent")
    }

    @Test("a question in the middle of a form is answered, then the form resumes")
    func interruption() async {
        let replies = await assistant.conversation("f4", ["我能贷多少", "公积金贷款利率现在是多少"])
        #expect(replies[1].intent == "loan_rate")
        #expect(replies[1].expecting == "continuous_months")
        #expect(replies[1].reply.contains("继续"))
        let next = await assistant.ask(session: "f4", channel: .chat, text: "24个月")
        #expect(next.expecting == "balance")
    }

    @Test("follow-ups reuse the last answer's facts", arguments: [
        ("那二套呢", "homes_owned", JSONValue.int(1)), ("如果贷20年呢", "term_years", .int(20)),
    ])
    func followUps(text: String, fact: String, value: JSONValue) async {
        let session = "f5-\(fact)"
        await assistant.ask(session: session, channel: .chat, text: "我连续交了3年，余额5万，月收入一万二，想买首套，能贷多少")
        let r = await assistant.ask(session: session, channel: .chat, text: text)
        #expect(r.intent == "loan_quota")
        #expect(r.result != nil)
        #expect(r.result?["term_years"] != nil)
        if fact == "homes_owned" { #expect(r.result?["category"]?.stringValue == "second_home") }
        if fact == "term_years" { #expect(r.result?["term_years"]?.intValue == 20) }
    }

    @Test("repayment follow-up switches the method")
    func repaymentMethod() async {
        let replies = await assistant.conversation("f6", ["贷六十万二十年每月还多少", "等额本金呢"])
        #expect(replies[0].result?["monthly_payment"]?.doubleValue == 3208.73)
        #expect(replies[1].result?["method"]?.stringValue == "equal_principal")
    }

    @Test("answers state which defaults were assumed")
    func assumptionsStated() async {
        let r = await assistant.ask(session: "f7", channel: .chat, text: "我连续交了3年，余额5万，月收入一万二，想买首套，能贷多少")
        #expect(r.reply.contains("没有逾期"))
    }
}
