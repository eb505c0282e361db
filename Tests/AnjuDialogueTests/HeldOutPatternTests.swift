import AnjuDialogue
import AnjuJSON
import Foundation
import Testing

/// The patterns the held-out conversations (Corpus/eval/conversations, tools/convo/run.py)
/// showed going wrong, one table row or conversation per pattern, in our own words.
@Suite("Held-out patterns")
struct HeldOutPatternTests {
    let phrasings = FactPhrasingTests()

    @Test("facts read from the phrasings that were missed", arguments: [
        // A bare count (three or more) answering "您家在本市已经有几套住房" is the homes owned.
        FactPhrasingTests.Case("三套", "homes_owned", ["homes_owned": .int(3)]),
        FactPhrasingTests.Case("想买二套", "homes_owned", ["homes_owned": .int(1)]),
        // Fund loans used before.
        FactPhrasingTests.Case("公积金贷款已用过2次", ["loans_used": .int(2)]),
        FactPhrasingTests.Case("之前用过一次公积金贷款，已经还清了", ["loans_used": .int(1), "outstanding_loan": .bool(false)]),
        FactPhrasingTests.Case("车贷用过两次", [:], absent: ["loans_used"]),
        // The loan: the sum before 贷, 贷款额, and a repayment question with no keyword.
        FactPhrasingTests.Case("70w贷25年月供多少", ["principal": .double(700_000), "term_years": .int(25)]),
        FactPhrasingTests.Case("贷款额50万，期限240个月，月还款额", ["principal": .double(500_000), "term_years": .int(20)]),
        FactPhrasingTests.Case("期限100个月", ["term_months": .int(100)]),
        FactPhrasingTests.Case("100万 30年 等额本金 首期还款额", ["principal": .double(1_000_000), "term_years": .int(30), "method": .string("equal_principal")]),
        FactPhrasingTests.Case("一百万三十年月供多少", ["principal": .double(1_000_000), "term_years": .int(30)]),
        FactPhrasingTests.Case("首付30万贷款", [:], absent: ["principal"]),
        // The loan taken for a purchase.
        FactPhrasingTests.Case("总价60万，贷了50万", ["price": .double(600_000), "loan_amount": .double(500_000)]),
        // 女 after 出生, and the worker category.
        FactPhrasingTests.Case("1974年9月出生 女工人", ["gender": .string("female"), "category": .string("worker"), "birth": .string("1974-09")]),
        FactPhrasingTests.Case("独生女", [:], absent: ["gender"]),
    ])
    func facts(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("a sum the normaliser wrote out is no PIN: the staff query is read, not taken for digits")
    func sumIsNoPIN() async {
        let a = Fixtures.assistant()
        let r = await a.ask(session: "h-pin", channel: .staff, text: "购房提取 合同签订5个月 房价80万 贷款60万 余额30万")
        #expect(!r.reply.contains("请先说“查余额”"), "\(r.reply)")
        let typed = await a.ask(session: "h-pin2", channel: .chat, text: "135790")
        #expect(typed.reply.contains("查余额"), "a typed PIN with no context is still a bare number: \(typed.reply)")
    }

    @Test("三套 answering the homes question: not eligible")
    func threeHomesAnswered() async {
        let replies = await Fixtures.assistant().conversation("h-homes", ["可以申请公积金贷款吗", "八个月", "三套"], channel: .ivr)
        #expect(replies.last!.reply.contains("不符合"), "\(replies.last!.reply)")
    }

    @Test("sums given while eligibility is asked turn the form into the quota, not a balance query")
    func eligibilityGrowsIntoQuota() async {
        let replies = await Fixtures.assistant().conversation("h-grow", ["之前用过一次公积金贷款，已经还清了，现在还能贷多少", "交了7年", "余额9万", "月收入1.2万", "没房"])
        #expect(replies[2].expecting != "id_number", "\(replies[2].reply)")
        #expect(replies.last!.intent == "loan_quota")
        #expect(replies.last!.reply.contains("可贷约"), "\(replies.last!.reply)")
    }

    @Test("a general question with a count in it gets the policy answer first", arguments: ["第二套房公积金最多贷多少钱"])
    func generalWithCount(text: String) async {
        let r = await Fixtures.assistant().ask(session: "h-gen-\(text)", channel: .chat, text: text)
        #expect(r.reply.contains("如需按您的情况计算"), "\(r.reply)")
    }

    @Test("a general question whose count already refuses: the policy, then the refusal, no questions", arguments: ["家里有两套房还能用公积金贷款吗"])
    func generalWithRefusingCount(text: String) async {
        let r = await Fixtures.assistant().ask(session: "h-gen-\(text)", channel: .chat, text: text)
        #expect(r.reply.contains("不能") && r.reply.contains("不符合") && r.expecting == nil, "\(r.reply)")
        #expect(!r.reply.contains("按您账户的情况"), "not verified: the figure rests on what was said, not an account: \(r.reply)")
    }

    @Test("the FAQ entry is the one for the question, among the intent's own", arguments: [
        ("租房一年最多能提多少", "15,000"), ("提前还款要违约金吗", "违约金"), ("缴存基数上限是多少", "34,515"),
        ("公司只按百分之三给我缴公积金 合规吗", "5%"), ("柜台办事的人态度很差 我要投诉", "窗口"),
        ("贷款买房首付得付几成", "80%"), ("首套房公积金最多能贷到房价的几成", "80%"), ("额度上浮以后封顶多少", "120万"),
    ])
    func entryForTheQuestion(text: String, word: String) async {
        let r = await Fixtures.assistant().ask(session: "h-faq-\(text)", channel: .chat, text: text)
        #expect(r.reply.contains(word), "\(r.reply)")
    }

    @Test("an entry is chosen only when the question touches what sets it apart: a general question is not told 不能", arguments: [
        "刚换工作想知道可不可以用公积金贷款买房", "啱啱转咗工去佛山，想知道可唔可以用公积金贷款买楼", "公积金能不能取出来交房租",
        // (a refusal's entry needs one of its keywords whole or two of their pairs: 首套房 shares
        // only 套房 with 两套房; 退休 alone is not 账户还在吗)
        "喂 首套 房 公积金 贷款 想 算 一下 月供", "离职以后公积金怎么取 还是退休才能取",
    ])
    func generalQuestionNotRefused(text: String) async {
        let r = await Fixtures.assistant().ask(session: "h-faq-general-\(text)", channel: .chat, text: text)
        #expect(!r.reply.hasPrefix("不能"), "\(r.reply)")
    }

    @Test("a how-question on an account intent is answered before verification")
    func howQuestionBeforeVerification() async {
        let r = await Fixtures.assistant().ask(session: "h-how", channel: .chat, text: "公积金余额有利息吗")
        #expect(r.reply.contains("利息"), "\(r.reply)")
        #expect(r.expecting == "id_number")
    }

    @Test("a leaver's case told while the retirement form asks the birth opens the leaving form with what was said")
    func leaversCaseMidRetirementForm() async {
        let replies = await Fixtures.assistant().conversation("h-leave-mid-retire", ["公积金里还有2.9万，没贷过公积金，能全取出来不", "去年五月从煤矿辞的工，之后再没交过"])
        #expect(replies[1].intent == "withdraw_leave", "\(replies[1].reply)")
        #expect(replies[1].reply.contains("29,000"), "\(replies[1].reply)")
    }

    @Test("a leaver who says they have no fund loan is no loan case: 没有公积金贷款 names no loan type")
    func deniedLoanIsNoLoanCase() async {
        let r = await Fixtures.assistant().ask(session: "h-leave-noloan", channel: .chat, text: "我去年5月就从长沙那家公司离职了 账户一直封存到现在 没有公积金贷款 余额1w9 能全部提出来不")
        #expect(r.intent == "withdraw_leave" && r.reply.contains("19,000"), "\(r.reply)")
    }

    @Test("a fact that only one of the options offered takes chooses it: 封存9个月了 after 离职 or 退休")
    func optionChosenByAFact() async {
        let replies = await Fixtures.assistant().conversation("h-option-fact", ["公积金怎么全部取出来", "封存九个月了"])
        #expect(replies[0].reply.contains("租房提取"), "a menu of the withdrawal cases first: \(replies[0].reply)")
        #expect(replies[1].intent == "withdraw_leave", "\(replies[1].reply)")
        #expect(replies[1].expecting == "balance", "\(replies[1].reply)")
    }

    @Test("a longer question after a refusal whose facts all belong to that rule is a what-if of it: 再熬3个月 交满8个月就能贷了吗")
    func longerWhatIfAfterARefusal() async {
        let replies = await Fixtures.assistant().conversation("h-whatif-months", ["我能申请公积金贷款吗", "交了5个月", "没房", "那再熬3个月 交满8个月就能贷了吗"])
        #expect(replies[2].reply.contains("不符合"), "\(replies[2].reply)")
        #expect(replies[3].reply.contains("符合公积金贷款申请条件") && replies[3].reply.contains("8个月"), "\(replies[3].reply)")
    }

    @Test("a clerk's record that answers every question of the rule it names is that rule, whatever else it tells: 请核额度 with an overdue loan is refused")
    func recordNamingItsRule() async {
        let r = await Fixtures.assistant().ask(session: "h-record-quota", channel: .staff,
                                               text: "昨夜在线咨询记录（请核额度）：[00:12] 小王：连续缴存26个月 [00:13] 小王：余额3.1w 税前9k [00:13] 小王：本市没房 [00:16] 小王：对了 我有一笔消费贷上个月逾期了 到现在还没还上")
        #expect(r.intent == "loan_quota", "\(r.intent) \(r.reply)")
        #expect(r.reply.contains("不符合"), "\(r.reply)")
    }

    @Test("a form's business field names the rule, whatever its facts lean to: 业务类型 租房提取 with a loan being repaid is a refused rent withdrawal")
    func businessFieldNamesTheRule() async {
        let r = await Fixtures.assistant().ask(session: "h-business-field", channel: .staff,
                                               text: "【App截图识别·列错位】 业务类型 连续缴存 本市住房 婚姻状况 公积金贷款 可用余额(元) 租房提取 27个月 0套 已婚 还款中（宾阳县住房） 29,000.00")
        #expect(r.intent == "withdraw_rent", "\(r.intent) \(r.reply)")
        #expect(r.reply.contains("不符合"), "\(r.reply)")
    }

    @Test("a what-if that moves time on keeps the other facts it says: 过两年 … 到时候名下有一套了 is a second home")
    func whatIfWithTimeAndAHome() async {
        let replies = await Fixtures.assistant().conversation("h-whatif-time-home", ["我想问能不能申请公积金贷款", "交了六十六个月", "现在没房",
                                                                                      "打算明年先全款买个小的 过两年再换个大点的 到时候名下有一套了 还能贷吗"])
        #expect(replies[3].reply.contains("第二套") || replies[3].reply.contains("二套"), "\(replies[3].reply)")
    }

    @Test("a longer correction after the answer with one sum in it corrects that sum: 那个不算，以今天app里的为准：4.3万")
    func longerCorrectionAfterTheAnswer() async {
        let replies = await Fixtures.assistant().conversation("h-correction-long", ["公积金贷款能贷多少", "连续交了42个月", "余额3.6万", "税前1w2", "本市没房，这是第一套",
                                                                                   "等等，余额我刚才报的是上个月截图上的，那个不算，以今天app里的为准：4.3万"])
        #expect(replies[5].reply.contains("43,000"), "\(replies[5].reply)")
    }

    @Test("月供 misheard as a word that shares no character with it (越攻) still asks the repayment")
    func misheardMonthlyPayment() async {
        let replies = await Fixtures.assistant().conversation("h-yuegong", ["喂 首套 房 公积金 贷款 越攻 怎么 算", "贷 四十七万", "十五 年"], channel: .ivr)
        #expect(replies[2].intent == "loan_repayment", "\(replies[2].reply)")
        #expect(replies[2].reply.contains("三千一百五十六"), "\(replies[2].reply)")
    }
}
