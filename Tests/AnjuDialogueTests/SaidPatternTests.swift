import AnjuDialogue
import AnjuJSON
import Foundation
import Testing

/// Patterns of the convo2 round (issue 11): what the held-out conversations written for it
/// (Corpus/eval/conversations/heldout_convo2.yaml) and the older ones showed going wrong — the
/// ordinal 二套 against the count 两套, 俩/仨, a balance listed after a loan word, purchase
/// dates said with 签订, balances said with 账户里 — one table row or conversation per pattern,
/// in our own words.
@Suite("Said patterns")
struct SaidPatternTests {
    let phrasings = FactPhrasingTests()

    @Test("facts read from what people say", arguments: [
        // 二套 / 第二套 / 买二套: buying the second home (owns 1); 两套 / 名下两套 / 俩套: owns 2.
        FactPhrasingTests.Case("买二套能贷多少", ["homes_owned": .int(1)]),
        FactPhrasingTests.Case("第二套房的利率", ["homes_owned": .int(1)]),
        FactPhrasingTests.Case("名下两套", ["homes_owned": .int(2)]),
        FactPhrasingTests.Case("家里两套房了", ["homes_owned": .int(2)]),
        FactPhrasingTests.Case("我们俩套房子", ["homes_owned": .int(2)]),
        FactPhrasingTests.Case("两套", "homes_owned", ["homes_owned": .int(2)]),
        FactPhrasingTests.Case("二套", "homes_owned", ["homes_owned": .int(1)]),
        FactPhrasingTests.Case("一共有仨套", ["homes_owned": .int(3)]),
        // 仨/俩 before a measure word are numbers.
        FactPhrasingTests.Case("交了仨年了", ["continuous_months": .int(36)]),
        FactPhrasingTests.Case("封存俩月了", ["sealed_months": .int(2)]),
        // 余额 listed apart from the loan word is the account's (商贷 余额8万), written together
        // it is what is left of the loan (商贷余额30万).
        FactPhrasingTests.Case("还贷提取 商贷 余额8万 年还款额4.2万", ["balance": .double(80_000), "annual_repayment": .double(42_000)]),
        FactPhrasingTests.Case("公积金贷款，余额两万八", ["balance": .double(28_000)]),
        FactPhrasingTests.Case("商贷余额30万", [:], absent: ["balance"]),
        // The account said as 账户里 / 账上.
        FactPhrasingTests.Case("账户里还有十一万", ["balance": .double(110_000)]),
        FactPhrasingTests.Case("账上大概四万五", ["balance": .double(45_000)]),
        // The purchase contract's age said with 签订 / 过户.
        FactPhrasingTests.Case("购房提取 合同签订5个月 房价80万", ["months_since_purchase": .int(5), "price": .double(800_000)]),
        FactPhrasingTests.Case("过户半年了", ["months_since_purchase": .int(6)]),
        // 有房子 with no count: one home, where it is said to be (有房贷 is a loan, not a count).
        FactPhrasingTests.Case("老家有房子城里没有", ["homes_owned": .int(0)]),
        FactPhrasingTests.Case("名下有房子", ["homes_owned": .int(1)]),
        FactPhrasingTests.Case("我有房贷", [:], absent: ["homes_owned"]),
        // A monthly payment said as 月供: the yearly repayment is twelve of it.
        FactPhrasingTests.Case("每月月供两千五", ["annual_repayment": .double(30_000), "existing_monthly_debt": .double(2_500)]),
        // 有个孩子: one child.
        FactPhrasingTests.Case("我还有个孩子", ["children": .int(1)]),
        // A value denied (不是X) is never read; the one after it is.
        FactPhrasingTests.Case("余额不是八万是十万", ["balance": .double(100_000)]),
        FactPhrasingTests.Case("不是两套，是一套", "homes_owned", ["homes_owned": .int(1)]),
    ])
    func said(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("a correction naming no fact corrects the fact given last, not the question asked next")
    func correctionOfTheLastFact() async {
        let replies = await Fixtures.assistant().conversation("s-corr", ["能贷多少", "三年", "余额五万", "不对是八万", "一万", "没有"], channel: .ivr)
        #expect(replies[3].expecting == "monthly_income", "\(replies[3].reply)")
        #expect(replies.last!.reply.contains("八万元"), "\(replies.last!.reply)")
        #expect(replies.last!.reply.contains("月收入一万元"), "\(replies.last!.reply)")
    }

    @Test("a correction after the answer changes the fact given last: 不对是一套")
    func correctionAfterTheAnswer() async {
        let replies = await Fixtures.assistant().conversation("s-corr2", ["能贷多少", "交了三年", "余额6万", "月薪一万", "名下两套", "不对是一套"])
        #expect(replies[4].reply.contains("不符合"), "two homes: \(replies[4].reply)")
        #expect(replies[5].reply.contains("可贷约") && replies[5].reply.contains("名下有1套住房"), "\(replies[5].reply)")
    }

    @Test("a what-if that reads like another question is a what-if on the answer")
    func whatIfOnTheAnswer() async {
        let replies = await Fixtures.assistant().conversation("s-whatif", ["租房能提多少", "交了两年", "没房", "单身", "余额1万", "如果余额有三万呢"])
        #expect(replies.last!.intent == "withdraw_rent", "\(replies.last!.reply)")
        #expect(replies.last!.reply.contains("15,000.00元"), "\(replies.last!.reply)")
    }

    @Test("the facts said decide between close rule intents: a quota with its other loan's 月供")
    func factsDecideTheForm() async {
        let r = await Fixtures.assistant().ask(session: "s-facts", channel: .staff, text: "可贷额度 缴存满3年 余额10万 月收入1万 其他贷款月供3000 无房")
        #expect(r.intent == "loan_quota" && r.reply.contains("可贷约"), "\(r.reply)")
    }

    @Test("what was said already refuses: answered at once, later answers still taken", arguments: [
        ["房子买了三年了还能办购房提取吗"], ["买房提取能取多少", "两年半前买的", "100万", "余额10万"],
    ])
    func refusalDecidedEarly(turns: [String]) async {
        let replies = await Fixtures.assistant().conversation("s-early-\(turns.count)", turns)
        #expect(replies[turns.count == 1 ? 0 : 1].reply.contains("不符合"), "\(replies.map(\.reply))")
        #expect(replies.last!.reply.contains("不符合") && replies.last!.expecting == nil, "\(replies.last!.reply)")
    }

    @Test("the FAQ entry for a question in words the entries do not use (faq_cues)", arguments: [
        ("男的多大退休", "63"), ("租房提取年度限额", "15,000"), ("有两个孩子贷款额度能上浮吗", "20%"), ("娃多了公积金能多贷点吗", "20%"),
        ("辞职以后要多长时间才能把公积金取出来", "6个月"),
    ])
    func entryByCue(text: String, word: String) async {
        let r = await Fixtures.assistant().ask(session: "s-cue-\(text)", channel: .chat, text: text)
        #expect(r.reply.contains(word), "\(r.reply)")
    }

    @Test("a question whether something matters is answered before verification")
    func effectQuestionBeforeVerification() async {
        let r = await Fixtures.assistant().ask(session: "s-how", channel: .chat, text: "公积金断缴几个月有影响吗")
        #expect(r.reply.contains("断缴") || r.reply.contains("连续"), "\(r.reply)")
        #expect(r.expecting == "id_number")
    }

    @Test("不是X是Y after the answer corrects the fact given as X", arguments: [
        (["能贷多少", "交了五年", "余额八万", "月薪一万", "没房", "不是八万，是十万"], "账户余额100,000.00元"),
        (["能贷多少", "交了五年", "余额八万", "不是五年是六年", "月薪一万", "没房"], "连续缴存72个月"),
    ])
    func deniedValue(turns: [String], said: String) async {
        let replies = await Fixtures.assistant().conversation("s-deny-\(turns.count)", turns)
        #expect(replies.last!.reply.contains(said), "\(replies.last!.reply)")
    }

    @Test("a birth month is said back as a month, on the phone too")
    func birthSaidBack() async {
        let replies = await Fixtures.assistant().conversation("s-birth", ["退休提取", "1964年10月", "男", "十万"], channel: .ivr)
        #expect(replies.last!.reply.contains("一九六四年十月出生"), "\(replies.last!.reply)")
    }

    @Test("when one retires, with birth and gender said: the date first, then the withdrawal's question", arguments: [
        ("啥时候能退休 我是1970年5月生的女的", "2025年7月"), ("我是男的1966年3月出生什么时候退休", "2026年7月"),
    ])
    func retirementDate(text: String, date: String) async {
        let r = await Fixtures.assistant().ask(session: "s-ret-\(text)", channel: .chat, text: text)
        #expect(r.reply.contains(date) && r.expecting == "balance", "\(r.reply)")
    }

    @Test("facts the rule does not take make no case of one's own: the question is answered first")
    func unrelatedFactStillGeneral() async {
        let r = await Fixtures.assistant().ask(session: "s-unrel", channel: .chat, text: "还贷提取一年能提几次")
        #expect(r.reply.contains("如需按您的情况计算"), "\(r.reply)")
    }

    @Test("a correction of a fact given earlier, while the form asks another, corrects it and goes on (no verification)",
          arguments: [Channel.chat, .ivr])
    func correctionMidForm(channel: Channel) async {
        let replies = await Fixtures.assistant().conversation("s-midcorr-\(channel)", ["我能贷多少钱", "交了七年多了", "余额十二万", "不对 余额是十万",
                                                                                       "两口子一个月加起来一万二", "没房"], channel: channel)
        #expect(replies[3].expecting == "monthly_income", "\(replies[3].reply)")
        #expect(replies.last!.reply.contains(channel == .ivr ? "十万元" : "100,000"), "\(replies.last!.reply)")
    }

    @Test("a policy question whose facts fill a rule is worked out: the interest on 100万 over 30年, not the rate table")
    func policyQuestionWithARulesFactsIsComputed() async {
        let replies = await Fixtures.assistant().conversation("s-interest", ["公积金贷款100万30年利息多少"], channel: .chat)
        #expect(replies[0].intent == "loan_repayment", "\(replies[0].reply)")
        #expect(replies[0].reply.contains("441,222.96"), "\(replies[0].reply)")
        let rate = await Fixtures.assistant().conversation("s-rate", ["贷款50万 利率多少"], channel: .chat)
        #expect(rate[0].intent == "loan_rate", "\(rate[0].reply)")
    }

    @Test("the birth in two turns: the year, then the month alone", arguments: [Channel.chat, .ivr])
    func birthYearThenMonth(channel: Channel) async {
        let replies = await Fixtures.assistant().conversation("s-birth-\(channel)", ["女的多大退休啊我是七二年的", "三月份"], channel: channel)
        #expect(replies[0].expecting == "birth", "\(replies[0].reply)")
        #expect(replies[0].reply.contains(channel == .ivr ? "一九七二年几月" : "1972年几月"), "\(replies[0].reply)")
        #expect(replies[1].reply.contains(channel == .ivr ? "二〇二七年十月" : "2027年10月"), "\(replies[1].reply)")
    }

    @Test("a price said before the home recomputes the quota after its answer, not a purchase withdrawal")
    func priceBeforeTheHomeIsAWhatIf() async {
        let replies = await Fixtures.assistant().conversation("s-price", ["我能贷多少", "交了五年了", "余额八万", "月收入六千", "没有房子", "一百五十万的房子"], channel: .chat)
        #expect(replies.last!.intent == "loan_quota", "\(replies.last!.reply)")
        #expect(replies.last!.reply.contains("1,500,000"), "\(replies.last!.reply)")
        // A what-if whose words lean to another rule (买的房子) still changes the price.
        let whatIf = await Fixtures.assistant().conversation("s-price-if", ["我交了两年公积金余额五万月薪九千没房能贷多少", "要是买的房子只值五十万呢"], channel: .chat)
        #expect(whatIf.last!.intent == "loan_quota", "\(whatIf.last!.reply)")
        #expect(whatIf.last!.reply.contains("40万"), "\(whatIf.last!.reply)")
    }

    @Test("a withdrawal asked for with nothing of the case lists the cases; the one picked is answered",
          arguments: [("我要提取公积金", "租房", "withdraw_rent"), ("公积金怎么提取", "3", "withdraw_repay"), ("想把公积金取出来", "离职", "withdraw_leave")])
    func withdrawalOverview(asked: String, picked: String, intent: String) async {
        let replies = await Fixtures.assistant().conversation("s-overview-\(picked)", [asked, picked], channel: .chat)
        #expect(replies[0].intent == "unclear" || replies[0].intent.hasPrefix("withdraw_"), "\(replies[0].intent)")
        #expect(replies[0].reply.contains("租房提取") && replies[0].reply.contains("离职"), "\(replies[0].reply)")
        #expect(replies[0].options.contains("withdraw_rent"), "\(replies[0].options)")
        #expect(replies[1].intent == intent, "\(replies[1].reply)")
    }

    @Test("a withdrawal that says anything of the case is answered at once", arguments: ["租房提取公积金", "公积金提取多久到账", "离职了怎么提取公积金"])
    func specificWithdrawalIsNoOverview(asked: String) async {
        let replies = await Fixtures.assistant().conversation("s-specific-\(asked)", [asked], channel: .chat)
        #expect(replies[0].intent != "unclear", "\(replies[0].reply)")
    }

    @Test("an overdue said in the middle of the repay form, while the balance is asked, refuses the withdrawal")
    func overdueSaidMidFormIsKept() async {
        let replies = await Fixtures.assistant().conversation("s-overdue", ["还房贷可以提取公积金吗", "商业贷款", "上个月有一期逾期了还没补上", "余额三万"], channel: .chat)
        #expect(replies.last!.reply.contains("逾期"), "\(replies.last!.reply)")
        #expect(!replies.last!.reply.contains("最多可提取30,000"), "\(replies.last!.reply)")
    }

    @Test("a debt added after the answer (对了…车贷) recomputes it")
    func debtAddedAfterTheAnswer() async {
        let replies = await Fixtures.assistant().conversation("s-debt", ["公积金能贷多少", "交了两年多", "余额三万六", "月薪六千", "没有房", "对了，我每个月还有一笔车贷要还一千五"], channel: .chat)
        #expect(replies.last!.intent == "loan_quota", "\(replies.last!.reply)")
        #expect(replies.last!.reply.contains("37.4万") || replies.last!.reply.contains("374,000"), "\(replies.last!.reply)")
    }

    @Test("the birth year alone as the answer to the birth question asks for the month only", arguments: [Channel.chat, .ivr])
    func birthYearAsTheAnswer(channel: Channel) async {
        let replies = await Fixtures.assistant().conversation("s-by-\(channel)", ["退休提取", "嗯 一九七一年", "三月份"], channel: channel)
        #expect(replies[1].expecting == "birth", "\(replies[1].reply)")
        #expect(replies[2].expecting != "birth", "\(replies[2].reply)")
    }

    @Test("asking an amount with a fact of a rule starts that rule, not a policy answer")
    func amountWithARulesFactStartsTheRule() async {
        let replies = await Fixtures.assistant().conversation("s-seal", ["我去年三月就从单位离职了，账户一直封存着，能提多少", "余额3万6千5"], channel: .chat)
        #expect(replies.last!.intent == "withdraw_leave", "\(replies.last!.reply)")
        #expect(replies.last!.reply.contains("36,500"), "\(replies.last!.reply)")
    }

    @Test("two bare answers in one reply fill the question asked and the next one", arguments: [Channel.chat, .ivr])
    func twoBareAnswersInOrder(channel: Channel) async {
        let replies = await Fixtures.assistant().conversation("s-two-\(channel)", ["我能贷多少", "十二年 二十万", "月收入八千", "没有房"], channel: channel)
        #expect(replies[1].expecting == "monthly_income", "\(replies[1].reply)")
        #expect(replies.last!.reply.contains(channel == .ivr ? "二十万元" : "200,000"), "\(replies.last!.reply)")
        #expect(replies.last!.reply.contains(channel == .ivr ? "一百四十四个月" : "144个月"), "\(replies.last!.reply)")
    }
}
