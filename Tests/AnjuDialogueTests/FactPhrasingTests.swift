import AnjuDialogue
import AnjuJSON
import Foundation
import Testing

/// Real phrasings, each read from the normalised text: utterance [, fact asked for] → facts.
@Suite("Fact phrasings")
struct FactPhrasingTests {
    /// One row: what was said, the fact just asked for, the facts expected, and facts that
    /// must not be read.
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let expecting: String?
        let facts: [String: JSONValue]
        let absent: [String]

        /// Said with no question pending.
        init(_ text: String, _ facts: [String: JSONValue], absent: [String] = []) {
            self.text = text
            self.expecting = nil
            self.facts = facts
            self.absent = absent
        }

        /// Said in reply to the question for `expecting`.
        init(_ text: String, _ expecting: String, _ facts: [String: JSONValue], absent: [String] = []) {
            self.text = text
            self.expecting = expecting
            self.facts = facts
            self.absent = absent
        }

        var testDescription: String { expecting.map { "\(text) [\($0)]" } ?? text }
    }

    /// 2026-05-15 in China: 去年三月 is 2025-03, fourteen months before.
    static let today = ISO8601DateFormatter().date(from: "2026-05-15T12:00:00+08:00")!

    let analyzer = Fixtures.shared.classifier.analyzer
    let extractor = FactExtractor()

    /// `heard`: read the text as the turn does after the homophone step (渝额 → 余额), not
    /// only normalised.
    func check(_ c: Case, heard: Bool = false) {
        let normalized = heard ? analyzer.analyze(c.text).normalized : analyzer.normalize(c.text)
        // As the dialogue reads it: the normalised text, and the text as said for what
        // normalising erases (二套 vs 两套; 商贷 余额8万).
        let e = extractor.extractChecked(normalized, expecting: c.expecting, today: Self.today, said: c.text)
        let got = Dictionary(uniqueKeysWithValues: e.facts.map { ($0.name, $0.value) })
        for (name, value) in c.facts {
            #expect(got[name] == value, "\(c.text) «\(normalized)» → \(got), implausible \(e.implausible); wanted \(name)=\(value)")
        }
        for name in c.absent {
            #expect(got[name] == nil && !e.implausible.contains(name), "\(c.text) «\(normalized)» → \(got), implausible \(e.implausible); \(name) must not be read")
        }
    }

    @Test("the h5 patterns: how long, homes, debts, overdue and sealing said indirectly", arguments: [
        Case("我在现在这家单位干了快四年，公积金一直没断过", ["continuous_months": .int(47)]),
        Case("现在住的是名下唯一一套", ["homes_owned": .int(1)]),
        Case("一套都没有", ["homes_owned": .int(0)]),
        Case("一套也没有", "homes_owned", ["homes_owned": .int(0)]),
        Case("上个月有一期逾期了还没补上", ["overdue": .bool(true)]),
        Case("上个月有一期逾期了还没补上", "balance", ["overdue": .bool(true)]),
        Case("对了，我每个月还有一笔车贷要还一千五", ["existing_monthly_debt": .double(1_500)]),
        Case("我去年三月就从单位离职了，账户一直封存着，能提多少", ["sealed_months": .int(14)]),
    ])
    func h5Patterns(_ c: Case) { check(c) }

    @Test("the h6 patterns: transcripts, loans used, terms and a birth said first", arguments: [
        Case("贷款资格 连续缴存44个月 本市无房 家庭已使用公积金贷款2次 均已结清", ["loans_used": .int(2), "continuous_months": .int(44)]),
        Case("去年十月辞的职", ["sealed_months": .int(7)]),   // (the table reads as of 2026-05-15)
        Case("退休提取 女 1974年3月出生 原退休年龄50岁 余额6.6万", ["category": .string("worker"), "birth": .string("1974-03")]),
        Case("不好意思说错了，我上个月刚领的证", ["married": .bool(true)]),
        Case("公积金贷款额度怎么算？我七五年六月生的，男", ["birth": .string("1975-06"), "gender": .string("male")], absent: ["term_years"]),
        Case("贷款52万，打算还十二年半", ["principal": .double(520_000), "term_months": .int(150)]),
        Case("我和老公有一笔公积金贷款，每月还4350", ["annual_repayment": .double(52_200)]),
        Case("我想算月供 贷款四十五万 十五年", ["principal": .double(450_000), "term_years": .int(15)], absent: ["existing_monthly_debt"]),
        Case("一九六六 年", "birth", ["birth_year": .int(1966)]),
        Case("贷款60万 年限20年", ["principal": .double(600_000), "term_years": .int(20)]),
    ])
    func h6Patterns(_ c: Case) { check(c) }

    @Test("the h7 patterns: per quarter and per year, approximations, co-borrowers, staff fields", arguments: [
        Case("房租是一季度交一次，每季度六千", ["annual_rent": .double(24_000)]),
        Case("年薪十五万", ["monthly_income": .double(12_500)]),
        Case("无未结清贷款", ["outstanding_loan": .bool(false)]),
        Case("房子一百二十来万代了九十万", ["price": .double(1_200_000)]),
        Case("十来个月", "continuous_months", ["continuous_months": .int(10)]),
        Case("我余鹅两万她那边余额三万工资六千", ["co_borrower_balance": .double(30_000), "co_borrower_income": .double(6_000)], absent: ["monthly_income"]),
        Case("共借人余额3.4万;共借人月入4000", ["co_borrower_balance": .double(34_000), "co_borrower_income": .double(4_000)]),
        Case("本市住房1套", ["homes_owned": .int(1)]),
        Case("子女3", ["children": .int(3)]),
        Case("网签至今15个月", ["months_since_purchase": .int(15)]),
        Case("余额小五万", ["balance": .double(50_000)]),
        Case("快两年了，本市没房，还单着", ["married": .bool(false), "homes_owned": .int(0)]),
        Case("如果能贷，算首套还是二套？我本市有一套房", ["homes_owned": .int(1)]),
        Case("我公积金交了十来个月，本市有一套房，是十年前全款买的，从没用过公积金贷款", ["homes_owned": .int(1), "continuous_months": .int(10)]),
    ])
    func h7Patterns(_ c: Case) { check(c) }

    @Test("homes owned in this city", arguments: [
        Case("我名下有一套房子在老家，这边没有", ["homes_owned": .int(0)]),
        Case("名下有一套房 在本市", ["homes_owned": .int(1)]),
        Case("名下有一套房", ["homes_owned": .int(1)]),
        Case("已经有一套住房了", ["homes_owned": .int(1)]),
        Case("老家有套房", ["homes_owned": .int(0)]),
        Case("在外地有套房", ["homes_owned": .int(0)]),
        Case("老家有套房，这边没有", ["homes_owned": .int(0)]),
        Case("本市有一套，老家还有一套", ["homes_owned": .int(1)]),
        Case("没房", ["homes_owned": .int(0)]),
        Case("无房", ["homes_owned": .int(0)]),
        Case("首套", ["homes_owned": .int(0)]),
        Case("二套", ["homes_owned": .int(1)]),
        Case("想买第二套", ["homes_owned": .int(1)]),
        Case("有两套", ["homes_owned": .int(2)]),
        Case("第三套", ["homes_owned": .int(2)]),
        Case("有三套", ["homes_owned": .int(3)]),
        Case("三套房", [:], absent: ["homes_owned"]),
        Case("一套", "homes_owned", ["homes_owned": .int(1)]),
    ])
    func homes(_ c: Case) { check(c) }

    @Test("months of contribution, never a loan term", arguments: [
        Case("上班三年多了", ["continuous_months": .int(36)], absent: ["term_years"]),
        Case("交了两年", ["continuous_months": .int(24)], absent: ["term_years"]),
        Case("一直在交，八年了", ["continuous_months": .int(96)], absent: ["term_years"]),
        Case("五年多", "continuous_months", ["continuous_months": .int(60)], absent: ["term_years"]),
        Case("上个月才开始交", ["continuous_months": .int(1)]),
        Case("刚交了半年", ["continuous_months": .int(6)]),
        Case("交满一年了", ["continuous_months": .int(12)]),
        Case("工作五年了想贷30年", ["continuous_months": .int(60), "term_years": .int(30)]),
    ])
    func contributionMonths(_ c: Case) { check(c) }

    @Test("amounts and loan terms", arguments: [
        Case("60个", "continuous_months", ["continuous_months": .int(60)]),
        Case("70w", "balance", ["balance": .double(700_000)]),
        Case("70W", "principal", ["principal": .double(700_000)]),
        Case("贷了45万", ["principal": .double(450_000)]),
        Case("贷款50万", ["principal": .double(500_000)]),
        Case("三百六十期", ["term_years": .int(30)]),
        Case("240期", ["term_years": .int(20)]),
        Case("首付后还要贷80万", ["principal": .double(800_000)]),
        Case("贷六十万二十年", ["principal": .double(600_000), "term_years": .int(20)]),
    ])
    func amounts(_ c: Case) { check(c) }

    @Test("birth year and month, two-digit years where a birth is meant", arguments: [
        Case("62年5月", "birth", ["birth": .string("1962-05")]),
        Case("七五年五月", "birth", ["birth": .string("1975-05")]),
        Case("1975年5月生", ["birth": .string("1975-05")]),
        Case("62年5月生的", ["birth": .string("1962-05")]),
        Case("62年5月", [:], absent: ["birth", "term_years"]),
        // The year alone: kept apart (no rule takes it) so only the month is asked.
        Case("女的多大退休我是七二年的", ["birth_year": .int(1972), "gender": .string("female")], absent: ["birth", "term_years"]),
        Case("1972年出生", ["birth_year": .int(1972)], absent: ["birth"]),
        Case("七二年", "birth", ["birth_year": .int(1972)], absent: ["birth"]),
        Case("交了72个月", [:], absent: ["birth_year"]),
        Case("2019年的时候交的", [:], absent: ["birth_year"]),
        Case("交了10年的公积金", [:], absent: ["birth_year"]),
        Case("我是1972年的，多大退休", ["birth_year": .int(1972)], absent: ["birth"]),
    ])
    func birth(_ c: Case) { check(c) }

    @Test("income, marriage and children", arguments: [
        Case("两口子加起来一万五", ["monthly_income": .double(15_000), "married": .bool(true)]),
        Case("我跟我老婆两个人加起来一个月一万二", ["monthly_income": .double(12_000)]),
        Case("两口子一个月加起来一万二", ["monthly_income": .double(12_000), "married": .bool(true)]),
        Case("我和爱人", ["married": .bool(true)]),
        Case("我和爱人月薪加起来两万", ["monthly_income": .double(20_000), "married": .bool(true)], absent: ["co_borrower_income"]),
        Case("我们俩公积金加起来十二万，我工资一万，她七千", ["balance": .double(120_000), "monthly_income": .double(10_000),
                                                   "co_borrower_income": .double(7_000)]),
        Case("两口子公积金余额一共二十万", ["balance": .double(200_000), "married": .bool(true)], absent: ["monthly_income"]),
        Case("两口子公积金每月一共交三千", [:], absent: ["balance"]),
        Case("仨孩子", ["children": .int(3)]),
        Case("俩娃", ["children": .int(2)]),
        Case("一个娃", ["children": .int(1)]),
        Case("独生子女", ["children": .int(1)], absent: ["gender"]),
    ])
    func family(_ c: Case) { check(c) }

    @Test("facts that used to be said and ignored", arguments: [
        Case("房子总价150万", ["price": .double(1_500_000)]),
        Case("房价一百二十万", ["price": .double(1_200_000)]),
        Case("一百五十万的房子", ["price": .double(1_500_000)]),
        Case("要是买的房子只值五十万呢", ["price": .double(500_000)]),
        Case("我交了两年公积金余额五万月薪九千没房能贷多少", ["balance": .double(50_000), "monthly_income": .double(9_000),
                                                     "continuous_months": .int(24), "homes_owned": .int(0)]),
        Case("想买个两百万左右的二手房", ["price": .double(2_000_000)]),
        Case("余额十万的话能贷多少", ["balance": .double(100_000)], absent: ["price"]),
        Case("车贷每月两千", ["existing_monthly_debt": .double(2_000)], absent: ["principal"]),
        Case("老婆公积金余额五万", ["co_borrower_balance": .double(50_000)], absent: ["balance"]),
        Case("我老婆余额5万，我余额3万", ["co_borrower_balance": .double(50_000), "balance": .double(30_000)]),
        Case("爱人月薪六千", ["co_borrower_income": .double(6_000)], absent: ["monthly_income"]),
        // The spouse's sum said in parallel, with no keyword of its own.
        Case("我这边余额六万多，他的是五万", ["balance": .double(60_000), "co_borrower_balance": .double(50_000)]),
        Case("我一个月工资七千，他八千五", ["monthly_income": .double(7_000), "co_borrower_income": .double(8_500)]),
        Case("我公积金余额三万 老公那边有四万", ["balance": .double(30_000), "co_borrower_balance": .double(40_000)]),
        Case("我余额五万 他的公积金贷款二十万", ["balance": .double(50_000)], absent: ["co_borrower_balance"]),
        Case("我余额五万 她两个孩子", ["balance": .double(50_000)], absent: ["co_borrower_balance"]),
        Case("还有公积金贷款没还完", ["outstanding_loan": .bool(true)]),
        Case("贷款已经还清", ["outstanding_loan": .bool(false)]),
        Case("车贷没还完", [:], absent: ["outstanding_loan"]),
        Case("月租两千五", ["annual_rent": .double(30_000)]),
        Case("房租一年三万", ["annual_rent": .double(30_000)]),
        Case("住的公租房", ["public_rental": .bool(true)]),
        Case("不是公租房", ["public_rental": .bool(false)]),
        Case("每年还贷三万", ["annual_repayment": .double(30_000)], absent: ["principal"]),
        Case("去年三月签的合同", ["months_since_purchase": .int(14)], absent: ["birth"]),
        Case("2024年3月买的房", ["months_since_purchase": .int(26)], absent: ["birth"]),
        Case("两年前离职的", ["sealed_months": .int(24)]),
    ])
    func saidAndIgnored(_ c: Case) { check(c) }

    @Test("corrections and what-ifs", arguments: [
        Case("不对，是15个月", "continuous_months", ["continuous_months": .int(15)], absent: ["homes_owned"]),
        Case("不对，是15个月", "homes_owned", [:], absent: ["homes_owned"]),
        Case("是两年", "continuous_months", ["continuous_months": .int(24)], absent: ["homes_owned"]),
        Case("是两年", "homes_owned", [:], absent: ["homes_owned"]),
        Case("余额说错了，是三万八", ["balance": .double(38_000)]),
        // A number, 不是, a number: the speaker takes the first back.
        Case("余额 两万 八 不是 三万 八", ["balance": .double(38_000)]),
        Case("我 贷 二十万 五年 不是 六年", ["principal": .double(200_000), "term_years": .int(6)]),
        Case("余额不是八万是十万", ["balance": .double(100_000)]),
        // Speech-to-text spaces between words and digits read one by one.
        Case("嗯 交了 四年 零 两个月", ["continuous_months": .int(50)]),
        Case("三十 个 月", "continuous_months", ["continuous_months": .int(30)]),
        Case("工资 五 五 零 零", ["monthly_income": .double(5_500)]),
        Case("如果余额只有3万呢", ["balance": .double(30_000)]),
        Case("月薪八千", "homes_owned", ["monthly_income": .double(8_000)], absent: ["homes_owned"]),
    ])
    func corrections(_ c: Case) { check(c) }

    @Test("session-8 probes: a duration just before the pay word, a birth read digit by digit", arguments: [
        // 交了六年，工资一万三: 六年 ends the duration; 年工资 is not an income by the year.
        Case("我余额八万，交了六年，工资一万三", ["continuous_months": .int(72), "monthly_income": .double(13_000)]),
        Case("交了一年，工资八千", ["continuous_months": .int(12), "monthly_income": .double(8_000)]),
        Case("一年工资十五万", ["monthly_income": .double(12_500)]),
        Case("我 是 女 的 七 零 年 十 月 出 生 的", ["birth": .string("1970-10"), "gender": .string("female")]),
        // 是X不是Y: X is meant and Y denied (X不是Y, said without 是, takes X back).
        Case("不对余额是三万一不是五万一", ["balance": .double(31_000)]),
        Case("哦说错了工资是五千四不是四千五", ["monthly_income": .double(5_400)]),
        Case("更正一下，借款是五十五万不是五十八万", ["principal": .double(550_000)]),
        Case("每个季度五千四", "annual_rent", ["annual_rent": .double(21_600)]),
        Case("房租每个季度五千四", ["annual_rent": .double(21_600)]),
        Case("月收入壹万伍仟元", ["monthly_income": .double(15_000)]),
        Case("总价壹佰零伍万", ["price": .double(1_050_000)]),
        Case("那如果房子换成九十万的呢", ["price": .double(900_000)]),
        Case("我记错了，其中一套上个月卖掉了，现在只剩一套", ["homes_owned": .int(1)]),
        Case("房租一个季度交一次、每次五千四", ["annual_rent": .double(21_600)]),
        Case("今年五月底离的职，账户也封存了", ["sealed_months": .int(0)]),
        Case("房子 八十 八 万 首付 两成 剩下 用 公基金 代 二十 年 月工 多少", ["price": .double(880_000), "term_years": .int(20), "principal": .double(704_000)]),
        Case("我跟媳妇公积金余额一个三万一个两万五", ["balance": .double(30_000), "co_borrower_balance": .double(25_000)]),
        Case("我们两口子工资一个九千一个六千五", ["monthly_income": .double(9_000), "co_borrower_income": .double(6_500)]),
    ])
    func session8Probes(_ c: Case) { check(c) }

    @Test("what session 9's fresh batch (h10) showed: dialect spouses, sums together, rent paid by the year or quarter, homes elsewhere or lived in, sealed accounts, dates before 全款买", arguments: [
        Case("俺一个月挣四千，屋里人一个月三千二", ["monthly_income": .double(4_000), "co_borrower_income": .double(3_200)]),
        Case("我和堂客想买房，她公积金头有两万", ["co_borrower_balance": .double(20_000)]),
        Case("我们两口子的公积金余额合在一起六万", ["balance": .double(60_000)]),
        Case("租的房子一年一交，一年三万", ["annual_rent": .double(30_000)]),
        Case("房租按季付，一季九千", ["annual_rent": .double(36_000)]),
        Case("我们的房子都在外地，这边一直租着", ["homes_owned": .int(0)]),
        Case("现在住的房子是自己买的，想换个大点的", ["homes_owned": .int(1)]),
        Case("账户目前处于封存状态", ["account_status": .string("sealed")]),
        Case("之前封存过，现在已恢复缴存", [:], absent: ["account_status"]),
        Case("今年2月按揭买的房", ["months_since_purchase": .int(3)]),
        Case("要是以后生了老三呢", ["children": .int(3)]),
        Case("假如余额只剩一万八", ["balance": .double(18_000)]),
        Case("要是本金降到三十五万呢", ["principal": .double(350_000)]),
        Case("等额本金和等额本息哪个划算", [:], absent: ["method"]),
    ])
    func session9Probes(_ c: Case) { check(c) }

    @Test("what session 9's second fresh batch (h11) showed: homes sold, a parent's or a spouse's home, a down payment said before 首付, instalments that are no term, 廿, Cantonese and clerk shorthand", arguments: [
        Case("原来那套房去年已经过户给别人了", ["homes_owned": .int(0)]),
        Case("想把现在的房子卖了再买", [:], absent: ["homes_owned"]),
        Case("我爸妈在本市有套房，我们小两口一直租房", ["homes_owned": .int(0)]),
        Case("房子是老公婚前买的，产权在他名下", ["homes_owned": .int(1)]),
        Case("凑了三十万当首付 总价一百二十万 剩下的公积金贷", ["down_payment": .double(300_000), "principal": .double(900_000)]),
        Case("贷三十万 二十年 第一期还多少", ["term_years": .int(20)], absent: ["term_months"]),
        Case("按揭廿年", ["term_years": .int(20)]),
        Case("我喺本市冇楼", ["homes_owned": .int(0)]),
        Case("测额 连缴 3y5m 余额 4.1w", ["continuous_months": .int(41), "balance": .double(41_000)]),
        Case("连缴应为18月", ["continuous_months": .int(18)]),
        Case("离职提取 封存起始2025年11月", ["sealed_months": .int(6)]),
        Case("公积金交了整整五年", ["continuous_months": .int(60)]),
        Case("把我媳妇也算上，她一年也挣四万八", ["co_borrower_income": .double(4_000)]),
        Case("房租是一个月一千五", ["annual_rent": .double(18_000)]),
        Case("今年三月份跟开发商签的合同", ["months_since_purchase": .int(2)]),
        Case("交 了 一 年 零 十 个 月", ["continuous_months": .int(22)]),
        Case("缴存两年零三个月", ["continuous_months": .int(27)]),
        Case("额度 本市房1套父母赠与 连缴20月 余额3w", ["homes_owned": .int(1)]),
        Case("是我们家第一套房", ["homes_owned": .int(0)]),
        Case("是我们家第一套房。我公积金交了快四年，余额五万三", ["homes_owned": .int(0), "balance": .double(53_000)]),
        Case("我的余额是两万，我先生的是三万", ["balance": .double(20_000), "co_borrower_balance": .double(30_000)]),
        Case("我月薪七千，他月薪九千", ["monthly_income": .double(7_000), "co_borrower_income": .double(9_000)]),
        Case("我打电话问了客服，他们说余额三万二", ["balance": .double(32_000)], absent: ["co_borrower_balance"]),
        Case("我租的房子一个月一千八", ["annual_rent": .double(21_600)]),
        Case("打算买第二套房价九十万", ["price": .double(900_000)]),
        Case("月供 40万 15年 首套 等额本息", ["principal": .double(400_000)], absent: ["existing_monthly_debt"]),
        Case("合同是一年半以前签的", ["months_since_purchase": .int(18)]),
    ])
    func session9SecondProbes(_ c: Case) { check(c) }

    @Test("what session 10 showed: home counts added with + or 加, a loan paid off as a what-if, dates after a clerk label, 账户还有", arguments: [
        Case("资格初审｜连缴27月｜本市住房：自住1套+父母赠与1套（已过户至申请人名下）｜无未结清贷款", ["continuous_months": .int(27), "homes_owned": .int(2)]),
        Case("本市有1套加上婚前买的1套", ["homes_owned": .int(2)]),
        Case("本市住房1套+外地1套", ["homes_owned": .int(1)]),
        Case("名下有1套+99999999999999999999套", ["homes_owned": .int(1)]),
        Case("我自己住1套，父母送了1套", ["homes_owned": .int(2)]),
        Case("家里有2套 1套自住 1套出租", ["homes_owned": .int(2)]),
        Case("名下有1套 想再买1套", ["homes_owned": .int(1)]),
        Case("自住1套 父母名下1套", ["homes_owned": .int(1)]),
        Case("假设我本市已经有一套了，按二套算的话能贷多少", ["homes_owned": .int(1)]),
        Case("刚才说错了是一套 另一套是我爸妈名下的", "homes_owned", ["homes_owned": .int(1)]),
        Case("更正：首套，非二套", ["homes_owned": .int(0)]),
        Case("我这个就是二套 名下已经有一套了", ["homes_owned": .int(1)]),
        Case("那 要 是 我 先 把 剩 下 的 一 次 性 还 清 呢", ["outstanding_loan": .bool(false)]),
        Case("公积金贷款还没全部还清", ["outstanding_loan": .bool(true)]),
        Case("购房提取｜合同2025年11月｜总价96万", ["months_since_purchase": .int(6), "price": .double(960_000)]),
        Case("网签日期2026.1", ["months_since_purchase": .int(4)]),
        Case("跟男朋友一起租的房子，俩人还没领证", ["married": .bool(false)]),
        Case("是我们在本市的头一套房子", ["homes_owned": .int(0)]),
        Case("呃 说错 了 就 一 套 另 一 套 早 就 卖 掉 了", ["homes_owned": .int(1)]),
        Case("原来那套早就卖掉了", ["homes_owned": .int(0)]),
        Case("公积金账户只有两万三，光按余额算最多能贷多少", ["balance": .double(23_000)]),
        Case("首套房子八十八万 公积金最多能贷多少", ["price": .double(880_000), "homes_owned": .int(0)]),
        Case("还款测算；P=29万；n=14年；首套；等额本金", ["principal": .double(290_000), "term_years": .int(14)]),
        Case("那 要是 四 年 就 还清 呢", "term_years", ["term_years": .int(4)]),
        Case("我们是扯了结婚证的", ["married": .bool(true)]),
        Case("本市 自己 名下 一 套 房产 都 没有", ["homes_owned": .int(0)]),
        Case("刚才那个说错了，不是两套是一套，另一套在外省老家", "homes_owned", ["homes_owned": .int(1)]),
        Case("离职时间：2025年10月", ["sealed_months": .int(7)]),
        Case("我是1964年9月出生的男职工，已经退休了，公积金账户还有七万八千五", ["balance": .double(78_500)]),
    ])
    func session10Probes(_ c: Case) { check(c) }

    @Test("session 11's held-out batch: dates and sums as forms write them, deductions, dialect, homes said in passing", arguments: [
        Case("租提｜连缴31月｜本市无房｜已婚｜子女1｜月租2,000元（合同已备案）｜余额4.4万",
             ["continuous_months": .int(31), "homes_owned": .int(0), "married": .bool(true), "children": .int(1), "annual_rent": .double(24_000), "balance": .double(44_000)]),
        Case("离职提取｜封存9个月｜无公贷｜余额1.87万", ["sealed_months": .int(9), "balance": .double(18_700)]),
        Case("退休提取｜男｜出生1965-09｜余额9.12万", ["gender": .string("male"), "birth": .string("1965-09"), "balance": .double(91_200)]),
        Case("购房提取｜合同2025-11｜总价76万｜商贷58万｜余额21.3万", ["months_since_purchase": .int(6), "price": .double(760_000), "balance": .double(213_000)]),
        Case("还贷提取/商贷/银行每月扣款3,250/无逾期/余额5.6万", ["annual_repayment": .double(39_000), "overdue": .bool(false), "balance": .double(56_000)]),
        Case("每个月工资卡上自动划走四千一百块月供", ["annual_repayment": .double(49_200)]),
        Case("另外每个月工资卡会被扣走一千五的车贷", ["existing_monthly_debt": .double(1_500)], absent: ["annual_repayment"]),
        Case("本 市 一 套 房 都 还 没 整 上", ["homes_owned": .int(0)]),
        Case("本市还没有自己的房子", ["homes_owned": .int(0)]),
        Case("我媳妇结婚以前在本市自己买了套小户型，房本上只写着她一个人", ["homes_owned": .int(1), "married": .bool(true)]),
        Case("婚前在老家买了套房", [:], absent: ["homes_owned"]),
        Case("我还的是公积金贷款，冇得逾期", ["overdue": .bool(false)]),
        Case("阿拉是结过婚个，小囡有一个", ["married": .bool(true), "children": .int(1)]),
        Case("我没结过婚", ["married": .bool(false)]),
        Case("账户里向还有三万七", ["balance": .double(37_000)]),
        Case("房租半年一交，一次交九千", ["annual_rent": .double(18_000)]),
        Case("租的房子每半年付八千四", ["annual_rent": .double(16_800)]),
        Case("交了两年多了，26个月", ["continuous_months": .int(26)]),
        Case("我在工行办的商业房贷，银行每个月从我卡上扣两千八百五，一直按时还", ["annual_repayment": .double(34_200)]),
        Case("车贷每个月从卡上扣两千，房贷是公积金冲还的", ["existing_monthly_debt": .double(2_000)], absent: ["annual_repayment"]),
        Case("还贷提取；公积金贷款；本年度应还本息27,480；无逾期；余额3.12万", ["annual_repayment": .double(27_480), "overdue": .bool(false), "balance": .double(31_200)]),
        Case("租房提取｜连缴23个月｜本市住房：无｜已婚｜子女2｜半年租金9,600｜余额4.75万", ["annual_rent": .double(19_200), "children": .int(2), "balance": .double(47_500)]),
        Case("公积金里存着六万六千元，在本市还没置下自己的房子", ["balance": .double(66_000), "homes_owned": .int(0)]),
        Case("结了婚的，屋里有两个细伢子", ["married": .bool(true), "children": .int(2)]),
        Case("本市 额 么 有 房 一 套 都 么 有", ["homes_owned": .int(0)]),
        Case("我们公司是年薪制，税前一年六万整", ["monthly_income": .double(5_000)]),
        Case("本市没有登记在我名下的住房", ["homes_owned": .int(0)]),
        Case("本市一处房产都没有，也从没借过公积金贷款", ["homes_owned": .int(0)]),
        Case("要是年限压到十二年", ["term_years": .int(12)]),
        Case("商贷还款提取 本年度还款额42,600 逾期：否 账户余额3.9万", ["annual_repayment": .double(42_600), "overdue": .bool(false), "balance": .double(39_000)]),
        Case("销户提取：解除劳动合同后封存满7个月，本人及配偶无在贷公积金，余额9,260", ["sealed_months": .int(7), "balance": .double(9_260)], absent: ["co_borrower_balance"]),
        Case("离职提取｜2025.3起封存｜无公贷｜余额1.53万", ["sealed_months": .int(14), "balance": .double(15_300)]),
        Case("二手房合同 一百零五万 公基金代了八十四万", ["price": .double(1_050_000)]),
        Case("打算买的首套房标价八十六万", ["price": .double(860_000)]),
        Case("三十三万的公积金贷款还二十年", ["principal": .double(330_000), "term_years": .int(20)]),
        Case("我的公积金账户现在有四万一", ["balance": .double(41_000)]),
        Case("上个月才开始交公积金", ["continuous_months": .int(1)]),
        Case("按等额本金借三十五万公积金，二十年，头一个月还多少钱", ["principal": .double(350_000), "term_years": .int(20), "method": .string("equal_principal")]),
        Case("银行 商业 代款 月 月 扣 两千 五", ["annual_repayment": .double(30_000), "loan_type": .string("commercial")]),
        Case("我借住在亲戚家 交了五年公积金", ["continuous_months": .int(60)], absent: ["term_years"]),
        Case("房子本市是一套没有", ["homes_owned": .int(0)]),
        Case("本市有1套没有还清贷款的房子", ["homes_owned": .int(1)]),
        Case("本市 莫得 房子 一直 租 起 住", ["homes_owned": .int(0)]),
        Case("结 了 婚 的 有 一 个 娃儿", "homes_owned", ["married": .bool(true)], absent: ["homes_owned"]),
        Case("家里一对双胞胎儿子今年刚上一年级", ["children": .int(2)]),
        Case("贷款资格｜账户：正常｜连缴：9月｜本市住房：1套｜在途公贷：无｜已用公贷：1次｜逾期：无",
             ["continuous_months": .int(9), "homes_owned": .int(1), "outstanding_loan": .bool(false), "loans_used": .int(1), "overdue": .bool(false)]),
        Case("还贷提取｜贷款类型：公积金｜月还款1,870｜逾期：否｜余额=2.6万", ["loan_type": .string("provident"), "annual_repayment": .double(22_440), "balance": .double(26_000)]),
        Case("成交价六十六万，另外办了四十八万商贷", ["price": .double(660_000)], absent: ["balance"]),
        Case("也 没 有 代款 余鹅 是 一 二 三 零 零", ["balance": .double(12_300)]),
        Case("刚才说错了是2025年10月", "months_since_purchase", ["months_since_purchase": .int(7)], absent: ["birth"]),
        Case("上班三年多了", ["continuous_months": .int(36)]),
        Case("封存半年了 余额两万", ["balance": .double(20_000)], absent: ["annual_rent"]),
    ])
    func session11Probes(_ c: Case) { check(c) }

    @Test("session 12 probes: a loan denied before the balance, a sum the loan is to take, a deduction with no loan word, forms' dates, a parent's sex, a contribution's base and ratio", arguments: [
        Case("封 存 十 一 个 月 了 没 有 代 款 余 鹅 两 万 零 六 百 五", ["balance": .double(20_650), "sealed_months": .int(11)]),
        Case("剩下的三十三万准备全部走公积金贷款，打算分十八年还清", ["principal": .double(330_000), "term_years": .int(18)]),
        Case("我是商业贷款银行每个月扣一千五没逾期过", ["annual_repayment": .double(18_000)], absent: ["balance"]),
        Case("每个月扣1500", "balance", ["annual_repayment": .double(18_000)], absent: ["balance"]),
        Case("工资每个月扣公积金800", "balance", [:], absent: ["annual_repayment"]),
        Case("购房提取，网签2026/3，总价1,150,000元，公积金贷款92万元，账户余额19.7万元",
             ["months_since_purchase": .int(2), "price": .double(1_150_000), "balance": .double(197_000)]),
        Case("离职提取 封存起始月份：2025年11月份 在贷：无 余额：15,380元", ["sealed_months": .int(6), "outstanding_loan": .bool(false), "balance": .double(15_380)]),
        Case("我替我妈问一下退休提取公积金的事", ["gender": .string("female")]),
        Case("帮我爸查查退休了能不能提", ["gender": .string("male")]),
        Case("她是一九七一年三月出生的", ["birth": .string("1971-03"), "gender": .string("female")]),
        Case("其他3个人是1990年5月出生的", ["birth": .string("1990-05")], absent: ["gender"]),
        Case("缴存基数12,000 单位个人各8% 月缴存额合计", ["deposit_base": .double(12_000), "deposit_ratio": .double(0.08)]),
        Case("我工资八千公积金按百分之十二交每个月交多少", ["monthly_income": .double(8_000), "deposit_ratio": .double(0.12)]),
        Case("首付三成 贷款利率3%", [:], absent: ["deposit_ratio"]),
    ])
    func session12Probes(_ c: Case) { check(c) }

    @Test("session 12, clerks' new shapes and told stories: JSON-like records, English shorthand, two-column tables, a count with its unit, a birth month apart from its year, a term said after a lone duration", arguments: [
        Case(#"{"业务":"额度测算","连缴mo":40,"bal":"6.2w","inc":"8.8k","本市房":0}"#,
             ["continuous_months": .int(40), "balance": .double(62_000), "monthly_income": .double(8_800), "homes_owned": .int(0)]),
        Case("|项目|主贷人|配偶| |余额|3.1万元|2.2万元| |月入|8,000元|5,500元|",
             ["balance": .double(31_000), "co_borrower_balance": .double(22_000), "monthly_income": .double(8_000), "co_borrower_income": .double(5_500)]),
        Case("资格核验；连缴9个月；本市房产1套公贷未用过", ["continuous_months": .int(9), "homes_owned": .int(1)]),
        Case("家里养着三个小娃", ["children": .int(3)]),
        Case("我七三年属牛的，五月份生日，女的", ["birth": .string("1973-05"), "gender": .string("female")]),
        Case("攒了两年才凑够首付，剩下三十万走公积金贷款，分十五年还", ["principal": .double(300_000), "term_years": .int(15)]),
        Case("月供测算 P=20w n=54mo 等额本息", ["principal": .double(200_000), "term_months": .int(54)]),
        Case("租提 连缴=14mo kids=2 bal=3.3w", ["continuous_months": .int(14), "children": .int(2), "balance": .double(33_000)]),
        Case(#"{"业务":"还贷提取","贷款":"公积金","bal":"9,870元"}"#, ["loan_type": .string("provident"), "balance": .double(9_870)]),
        Case("还贷提取 贷款类型：商贷 余额3万", ["loan_type": .string("commercial"), "balance": .double(30_000)]),
        Case("global 5000", [:], absent: ["balance"]),
    ])
    func session12FieldShapes(_ c: Case) { check(c) }

    @Test("session 12, what h22 showed: a loan denied in a letter's words, a separator-less field list, an approximate 六七年, no home for now, a term taken as 拿…慢慢还, income 开 a month, a figure read in groups", arguments: [
        Case("当事人此前从未使用过住房公积金贷款，亦无任何贷款逾期记录", ["overdue": .bool(false)]),
        Case("还贷提取 · 贷种 商贷 · 逾期 否 · 月还 2,900元 · 余额 2.2万", ["overdue": .bool(false), "loan_type": .string("commercial"), "balance": .double(22_000)]),
        Case("公积金交了六七年了一直没断过", ["continuous_months": .int(72)]),
        Case("公积金交了十二年", ["continuous_months": .int(144)]),
        Case("本市名下暂无自有住房", ["homes_owned": .int(0)]),
        Case("剩下二十八万准备找公积金贷，打算拿二十年慢慢还", ["principal": .double(280_000), "term_years": .int(20)]),
        Case("一个月 税前 开 七千 一", ["monthly_income": .double(7_100)]),
        Case("余鹅 还 剩 三万 零 六百 哩", "balance", ["balance": .double(30_600)]),
        Case("四十二万 是 四十二万", "principal", ["principal": .double(420_000)]),
    ])
    func session12LetterAndSpeech(_ c: Case) { check(c) }

    @Test("session 12: a header row and a data row, pinyin initials, a digit after w or k", arguments: [
        Case("额度测算（CSV）表头：缴存月数,余额,月收入,本市住房；数据行：30,42000,9100,1",
             ["continuous_months": .int(30), "balance": .double(42_000), "monthly_income": .double(9_100), "homes_owned": .int(1)]),
        Case("余额 5万 月收入 8000 本市住房 0", ["balance": .double(50_000), "monthly_income": .double(8_000), "homes_owned": .int(0)]),
        Case("ye 4w2整", ["balance": .double(42_000)]),
        Case("税前工资7k5", ["monthly_income": .double(7_500)]),
        Case("gjj能dk多少 ye 3w", ["balance": .double(30_000)]),
        Case("bye 5000", [:], absent: ["balance"]),
        Case("基数 七千五 个人 按 百分之十 一 个 月 扣 多少", ["deposit_base": .double(7_500), "deposit_ratio": .double(0.1)]),
    ])
    func session12RowsAndShorthand(_ c: Case) { check(c) }

    @Test("session 13: a pointing word between owning and the count (名下就那一套, 有这么一套); 一年最多 is a period, not a term; tab-separated fields; a month said after a loan's sum; a form's ticked boxes; English field names; a false start said again whole", arguments: [
        Case("名下就那一套小房子再没有了", ["homes_owned": .int(1)]),
        Case("本市就这么一套房", ["homes_owned": .int(1)]),
        Case("想取出来还房贷，一年最多取得到好多嘛", [:], absent: ["term_years"]),
        Case("贷了三十万 一年", ["principal": .double(300_000), "term_years": .int(1)]),
        Case("公积金提取 封存月数\t9\t公积金贷款\t无\t余额\t3,300元", ["sealed_months": .int(9), "outstanding_loan": .bool(false), "balance": .double(3_300)]),
        Case("想申请公积金贷款30万 20年", ["principal": .double(300_000), "term_years": .int(20)], absent: ["outstanding_loan"]),
        Case("我还的是商贷，三千一一个月", ["annual_repayment": .double(37_200), "loan_type": .string("commercial")], absent: ["principal"]),
        Case("租提：本市住房 ☐有 ☑无；婚姻 ☐已婚 ☑未婚", ["homes_owned": .int(0), "married": .bool(false)]),
        Case("在这边打拼了快十年，剩下的走商业贷款", [:], absent: ["term_years"]),
        Case("房子总价是七十八……七十八万", ["price": .double(780_000)]),
        Case("我公积金里面现在有三十一万，三十一万整", ["balance": .double(310_000)]),
        Case("买房贷了65万，贷了30年", ["principal": .double(650_000), "term_years": .int(30)]),
        Case("eligibility: contribution_months=40; homes_owned=0; overdue=Y", ["continuous_months": .int(40), "homes_owned": .int(0), "overdue": .bool(true)]),
    ])
    func session13Homes(_ c: Case) { check(c) }

    @Test("session 13, what h24 showed: a sum split by a pause after its label, the main borrower's column, never broken off, the rest on a mortgage, an instalment due, a month's repayment before the loan word, Hong Kong wording", arguments: [
        Case("余额 三万 九千 不 算 多", ["balance": .double(39_000)]),
        Case("五年 八万 四千五", [:], absent: ["balance"]),
        Case("A列 主借款人余额：31,500元　B列 主借款人税前月收入：7,200元　C列 配偶余额：12,400元（配偶作共借人）",
             ["balance": .double(31_500), "monthly_income": .double(7_200), "co_borrower_balance": .double(12_400)]),
        Case("换过单位但一天没断十五个月", ["continuous_months": .int(15)]),
        Case("总价六十四万，首付是爸妈出的，剩下五十八万办了按揭", ["price": .double(640_000), "loan_amount": .double(580_000)]),
        Case("个人住房贷款本期应还款2,860.00元，已形成逾期", ["annual_repayment": .double(34_320), "overdue": .bool(true)]),
        Case("按月还公贷2,150元 还贷提取一年最多", ["annual_repayment": .double(25_800)], absent: ["principal"]),
        Case("本人喺本市名下未有任何物業，戶口結餘46,000元", ["homes_owned": .int(0), "balance": .double(46_000)]),
        Case("首付凑齐了，还差二十六万，打算找公积金借，分二十年还", ["principal": .double(260_000), "term_years": .int(20)]),
        Case("若子女按2人核定，可提多少", ["children": .int(2)]),
        Case("呃交了六十多个月了一直没停过", ["continuous_months": .int(60)]),
        Case("连续缴存？是说中间一个月都没断过的那种嗦？那就是十九个月", "continuous_months", ["continuous_months": .int(19)]),
        Case("我名下也没借过公积金贷款，账户余额两万四千七", ["balance": .double(24_700), "outstanding_loan": .bool(false)]),
        Case("贷的是公积金 每个月还一千七八", ["loan_type": .string("provident"), "annual_repayment": .double(20_400)]),
        Case("账户状态 封存；封存前连续缴存 40个月", ["account_status": .string("sealed"), "continuous_months": .int(40)]),
        Case("公贷资格：连续缴存60个月；本市房产1处；已用公贷1次（已结清）", ["continuous_months": .int(60), "homes_owned": .int(1), "loans_used": .int(1)]),
        Case("税前工资我七千，他六千五", ["monthly_income": .double(7_000), "co_borrower_income": .double(6_500)]),
        Case("账户余额我是两万一，他是一万七", ["balance": .double(21_000), "co_borrower_balance": .double(17_000)]),
        Case("不是0次，而是已经用过2次，都已结清", ["loans_used": .int(2), "outstanding_loan": .bool(false)]),
        Case("我到现在还是一个人过", ["married": .bool(false)]),
        Case("购房提取 签约2026-10 房款总额128万 公积金贷款80万", ["price": .double(1_280_000), "loan_amount": .double(800_000)]),
        Case("每 个 月 要 还 两 千 八", ["annual_repayment": .double(33_600)]),
        Case("每个月还车贷2000", ["existing_monthly_debt": .double(2_000)], absent: ["annual_repayment"]),
        Case("缴存连着十九个月了，本市名下目前零套房", ["continuous_months": .int(19), "homes_owned": .int(0)]),
        Case("现在首套五年以上的公积金利率是多少", ["homes_owned": .int(0)]),
        Case("在本市我没置过业", ["homes_owned": .int(0)]),
        Case("我们一家四口在外面租房住", ["married": .bool(true)]),
        Case("销户提取（离职） 家庭名下无未还公贷 账户余额12,650元", ["balance": .double(12_650), "outstanding_loan": .bool(false)]),
        Case("退休销户提取 女性 出生1975-08 原定50周岁退休", ["category": .string("worker"), "gender": .string("female")]),
        Case("假设连续缴存已满7个月，结论如何", ["continuous_months": .int(7)]),
        Case("更正：期限为6年，不是4年", ["term_years": .int(6)]),
    ])
    func session13Phrasings(_ c: Case) { check(c) }

    @Test("session 14: 是X不是Y with the phone's spaces keeps X; 1套现在 is a count (套现 is not); values named after them in brackets; 合同签于; an original retirement age said as 五十岁退的", arguments: [
        Case("刚才 数 报 错 了 余额 应该 是 五万 六 不是 三万 六", ["balance": .double(56_000)]),
        Case("余额 是 四万二 不是 两万四", ["balance": .double(42_000)]),
        Case("本市名下已经有了一套，现在一家人住着", ["homes_owned": .int(1)]),
        Case("若其中一套已过户卖出、现仅余1套，结论是否不同", ["homes_owned": .int(1)]),
        Case("核对户口簿后子女应记3人", ["children": .int(3)]),
        Case("我妈是机关干部，按老规定五十五岁退，1973年2月生的，现在要到什么时候才退？", ["gender": .string("female"), "category": .string("cadre"), "birth": .string("1973-02")]),
        Case("还贷提取 （一）贷款类型：商业银行住房贷款 （二）月供：2,650元 （三）逾期：无 （四）账户余额：4.7万元", ["overdue": .bool(false), "balance": .double(47_000), "annual_repayment": .double(31_800)]),
        Case("要是缩短成二十年呢，每个月变成多少", ["term_years": .int(20)]),
        Case("交 了 二十 多 年 了 一直 没 断 过 一直 没 断", ["continuous_months": .int(240)]),
        Case("税前 一个 月 差不多 三万", "continuous_months", ["monthly_income": .double(30_000)], absent: ["continuous_months"]),
        Case("若申请人已办结婚登记、暂无子女，可提额度变为多少", ["married": .bool(true), "children": .int(0)]),
        Case("连续 缴存 了 九十六 个 月 本市 就 现在 住 的 这 一套", ["continuous_months": .int(96), "homes_owned": .int(1)]),
        Case("房款一共九十五万，其中八十八万走的银行按揭", ["price": .double(950_000), "loan_amount": .double(880_000)]),
        Case("复核发现余额录成了3.9万元，实际是5.9万元，请按新数重算", "balance", ["balance": .double(59_000)]),
        Case("额度核算单：45个月（连续缴存）、7万元（账户余额）、11,000元（税前月收入）、0套（本市住房）、2个（子女）",
             ["continuous_months": .int(45), "balance": .double(70_000), "monthly_income": .double(11_000), "homes_owned": .int(0), "children": .int(2)]),
        Case("想申请公积金贷款40万（组合贷）", ["principal": .double(400_000)]),
        Case("购房提取 ※购房合同签于2024年7月 ※成交总价68万", ["price": .double(680_000), "months_since_purchase": .int(22)]),
        Case("她在纺织厂干了一辈子挡车工，按原来规矩是五十岁退的", ["category": .string("worker")]),
    ])
    func session14Phrasings(_ c: Case) { check(c) }

    @Test("session 15: a field's 无 stays in its field; ticks in brackets; lettered options; slash lists; Q:/A: notes; 年薪税前; 统共/批到/只按 before a sum; a child not yet born", arguments: [
        Case("本市住房：无；公积金贷款：未结清；余额3万", ["homes_owned": .int(0), "outstanding_loan": .bool(true), "balance": .double(30_000)]),
        Case("租房提取【缴存】连续19个月【本市房产】无【公积金贷款】老家那套的还没还清【余额】3.2万",
             ["continuous_months": .int(19), "homes_owned": .int(0), "outstanding_loan": .bool(true), "balance": .double(32_000)]),
        Case("退休提取 性别[ ]男 [x]女 身份[x]工人(原50岁退) [ ]干部 出生1975年12月 余额4.08万元",
             ["gender": .string("female"), "category": .string("worker"), "birth": .string("1975-12"), "balance": .double(40_800)]),
        Case("资格初筛：性别（A男 B女）选A；本市住房（A无 B一套 C两套及以上）选A；拟贷期限18年",
             ["gender": .string("male"), "homes_owned": .int(0), "term_years": .int(18)]),
        Case("商贷还款提取 类型/月供/逾期/余额：商贷/3,150元/无/2.96万元",
             ["loan_type": .string("commercial"), "overdue": .bool(false), "balance": .double(29_600), "annual_repayment": .double(37_800)]),
        Case("Q: 第几套 A: 第二套 Q: 贷多少 A: 35万 Q: 贷几年 A: 20年 Q: 怎么还 A: 等额本金",
             ["homes_owned": .int(1), "principal": .double(350_000), "term_years": .int(20), "method": .string("equal_principal")]),
        Case("月 收 入 我 算 不 来 单 位 讲 年 薪 税 前 六 万", ["monthly_income": .double(5_000)]),
        Case("我 余额 两万一 月收入 七千 老婆 余额 一万九 月收入 六千五",
             ["balance": .double(21_000), "monthly_income": .double(7_000), "co_borrower_balance": .double(19_000), "co_borrower_income": .double(6_500)]),
        Case("余额俩万八", ["balance": .double(28_000)]),
        Case("那要是俺看上的那套房统共才五十五万，还能贷这么老些吗", ["price": .double(550_000)]),
        Case("再帮着算一种：月薪要是只按4,800元报，能批多少", ["monthly_income": .double(4_800)]),
        Case("如果贷款最后批到112万，可提多少", ["loan_amount": .double(1_120_000)]),
        Case("哦不对，小孩只有一个，老二还在肚皮里没生出来", ["children": .int(1)]),
        Case("俺账上两万二，媳妇儿那边一万七", ["balance": .double(22_000), "co_borrower_balance": .double(17_000)]),
    ])
    func session15Phrasings(_ c: Case) { check(c) }

    @Test("session 15: a sum corrected within its message — 不对不对是, a clerk's 备注…实为, 说错了 before the old and the new, a sum said again with its 万", arguments: [
        Case("贷三十万不对不对是二十三万二十三万", ["principal": .double(230_000)]),
        Case("〘连缴〙45个月 〘余额〙4.1万 〘税前月收入〙1.1万 〘本市住房〙0套 备注：余额栏是上月对账数，本月补缴后实为4.7万，按4.7万核",
             ["balance": .double(47_000), "monthly_income": .double(11_000), "continuous_months": .int(45)]),
        Case("余额3万 月收入8000不对是9000", ["balance": .double(30_000), "monthly_income": .double(9_000)]),
        Case("前面那个总价我说错了 一百二十万是中介开始报的价 后来谈下来是一百零五万", ["price": .double(1_050_000)]),
        Case("刚才那个数报错了 余额应该是五万六不是三万六", ["balance": .double(56_000)]),
        Case("余 额 是 三 点 一 嗯 三 点 一 那 个 万 三 点 一 万 块", ["balance": .double(31_000)]),
        Case("余额一万七千元，月收入6,800元", ["balance": .double(17_000), "monthly_income": .double(6_800)]),
        Case("一 九 六 八 年 元 月 出 升 的", ["birth": .string("1968-01")]),
        Case("若银行只批到50万，可提多少", ["loan_amount": .double(500_000)]),
    ])
    func session15SelfCorrections(_ c: Case) { check(c) }

    @Test("session 15 (h37): months before their label, a year's pay said 1年下来…统共, 丨 as a column bar, 不是 with the phone's spaces", arguments: [
        Case("@张三 客户信息如下：71个月连续缴存，公积金余额58,000元，税前工资每月10,500元，在本市名下无房",
             ["continuous_months": .int(71), "balance": .double(58_000), "monthly_income": .double(10_500), "homes_owned": .int(0)]),
        Case("俺 工资 不 按 月 算 一年 下来 税前 统共 六万 块", ["monthly_income": .double(5_000)]),
        Case("业务丨租房提取 连续缴存丨20个月 本市住房丨1套 婚姻丨未婚 账户余额丨1.64万元",
             ["continuous_months": .int(20), "homes_owned": .int(1), "married": .bool(false), "balance": .double(16_400)]),
        Case("不是 二十 年 是 十五 年", ["term_years": .int(15)]),
    ])
    func session15H37Phrasings(_ c: Case) { check(c) }

    @Test("session 16 (h38, h39): Cantonese written as spoken, an app screenshot's English fields, the northwestern 么 and 渝额", arguments: [
        Case("你好，我同老公喺深圳南山租屋住，屋企有一個仔，我哋喺深圳冇自己嘅物業，公積金連續交咗19個月，戶口餘額係3萬8",
             ["married": .bool(true), "children": .int(1), "homes_owned": .int(0), "continuous_months": .int(19), "balance": .double(38_000)]),
        Case("人工税前八千二唔系讲错咗系六千二", ["monthly_income": .double(6_200)]),
        Case("我公积金余额得11,600", ["balance": .double(11_600)]),
        Case("手机App截图：Months 72  Balance ￥58,300.00  Income ￥4,800.00/月（税前）  Homes 0  请测可贷额度",
             ["continuous_months": .int(72), "balance": .double(58_300), "monthly_income": .double(4_800), "homes_owned": .int(0)]),
        Case("喂 在 乌鲁木齐 还着 上业 房贷 每个月 还 两千四百五 公积金 渝额 五万一千 从来 么 鱼期 过 么麻达 一年 能 提 多少",
             ["overdue": .bool(false), "balance": .double(51_000), "annual_repayment": .double(29_400)]),
        Case("额 渝 额 两 万 一 工 资 五 千 六", ["balance": .double(21_000), "monthly_income": .double(5_600)]),
        Case("我喺广州天河有层楼供紧商业按揭，月供每个月4,380蚊，从来冇断供过，公积金余额有6万2",
             ["loan_type": .string("commercial"), "overdue": .bool(false), "annual_repayment": .double(52_560), "balance": .double(62_000)]),
    ])
    func session16Phrasings(_ c: Case) { check(c, heard: true) }

    @Test("session 16 (h39): a correction after a short excuse, a field named 期限 after the principal, a sealing month said 从…开始封存, a break in paying is no count of months", arguments: [
        Case("余额是五万七不对不对额把存折看岔了是三万七", ["balance": .double(37_000)]),
        Case("二套房公积金贷款本金三十三万期限十八年等额本金请算第一个月还多少", ["principal": .double(330_000), "term_years": .int(18), "homes_owned": .int(1)]),
        Case("离职销户提取账户从二零二六年五月开始封存没有公积金贷款余额两万四千四", ["sealed_months": .int(0), "balance": .double(24_400), "outstanding_loan": .bool(false)]),
        Case("联蓄 缴存 是 撒 意思 中间 停过 一个月 还 算不算", "continuous_months", [:], absent: ["continuous_months"]),
        Case("中间断了两个月 现在又连续交了十四个月", "continuous_months", ["continuous_months": .int(14)]),
    ])
    func session16H39Phrasings(_ c: Case) { check(c, heard: true) }

    @Test("session 16 (h41): Traditional Taiwan wording, 萬/仟 amounts, clerks' half-English notes and struck-through corrections", arguments: [
        Case("公積金帳戶存款3萬2仟", ["balance": .double(32_000)]),
        Case("leave withdraw: sealed 10 months, 公积金贷款 none, balance 4.25万", ["sealed_months": .int(10), "outstanding_loan": .bool(false), "balance": .double(42_500)]),
        Case("quota check: months 45, balance 4.8万, income 1.3万/月, homes 0, kids 1, hukou 本地",
             ["continuous_months": .int(45), "balance": .double(48_000), "monthly_income": .double(13_000), "homes_owned": .int(0), "children": .int(1)]),
        Case("rent withdraw: months 11, homes 0, married no（单身）, balance 9,800", ["continuous_months": .int(11), "married": .bool(false), "balance": .double(9_800)]),
        Case("retire withdraw: gender F, 工人（原50岁退休）, birth 1976-02, balance 3.94万", ["gender": .string("female"), "birth": .string("1976-02")]),
        Case("购房提取 - 合同签订：2026年9月 - 总价：~~98万~~ 89万 - 商贷：62万 - 余额：31.5万", ["price": .double(890_000), "balance": .double(315_000)]),
    ])
    func session16H41Phrasings(_ c: Case) { check(c, heard: true) }

    @Test("session 16 (h40): OCR-read scanned forms, 说反了, a relative who takes the phone speaks for the member", arguments: [
        Case("【扫描件识别】公积金贷款额度测算表 连续缴存月数：7O 账户余额：5l、2OO元 税前月收入：l3、6OO元 本市住房套数：O",
             ["continuous_months": .int(70), "balance": .double(51_200), "monthly_income": .double(13_600), "homes_owned": .int(0)]),
        Case("【扫描件识别】还贷提取申请表 贷款类型：商业银行住房贷款 月还款额：l、86O元 逾期情况：无 账户余额：3O、5OO元",
             ["annual_repayment": .double(22_320), "balance": .double(30_500), "overdue": .bool(false)]),
        Case("瑞前工资八千五哎呀说反了是五千八", ["monthly_income": .double(5_800)]),
        Case("喂 我 是 她 儿 子 余 额 是 三 一 六 零 零", ["balance": .double(31_600)], absent: ["co_borrower_balance"]),
        Case("我屋里三个伢两口子在武汉猪房住", ["children": .int(3), "married": .bool(true)]),
        Case("玉额九万出头就是九万零四百", ["balance": .double(90_400)]),
        Case("余额三万多 月收入八千", ["balance": .double(30_000), "monthly_income": .double(8_000)]),
        Case("二桃 房 公积金 贷 四十六 万", ["homes_owned": .int(1), "principal": .double(460_000)]),
        Case("首讨房贷三十万", ["homes_owned": .int(0), "principal": .double(300_000)]),
        Case("公积金里还剩18700", ["balance": .double(18_700)]),
        Case("我余额2.3万，她余额19000；税前工资我8500，她七千二",
             ["balance": .double(23_000), "co_borrower_balance": .double(19_000), "monthly_income": .double(8_500), "co_borrower_income": .double(7_200)]),
    ])
    func session16H40Phrasings(_ c: Case) { check(c, heard: true) }

    @Test("session 17 (h43, h44): Xiang and Gan words, misheard labels that share no character with the word meant, spreadsheet abbreviations and key=value notes", arguments: [
        Case("我们两公婆带两个妹子在南昌租房住", ["married": .bool(true), "children": .int(2)]),
        Case("哦 那 我 是 结 哒 婚 的 冇得 伢子", ["married": .bool(true), "children": .int(0)]),
        Case("年虚 交 了 五十 个 月 于鹅 两万", ["continuous_months": .int(50), "balance": .double(20_000)]),
        Case("每个月怀款一千八从来冇余期过", ["overdue": .bool(false), "annual_repayment": .double(21_600)]),
        Case("额度测算 表格第12行 MTHS 39 ¦ BAL 36,500 ¦ INC 4,800 ¦ HOMES 1",
             ["continuous_months": .int(39), "balance": .double(36_500), "monthly_income": .double(4_800), "homes_owned": .int(1)]),
        Case("biz=rent, mths=18, homes=0, married=Y, kids=3, bal=52000",
             ["continuous_months": .int(18), "homes_owned": .int(0), "married": .bool(true), "children": .int(3), "balance": .double(52_000)]),
        Case("贷款资格 MTHS 27 ¦ HOMES 1 ¦ LOANS_USED 1 ¦ OVERDUE N", ["loans_used": .int(1), "overdue": .bool(false), "homes_owned": .int(1)]),
        Case("biz=repay, loan=provident, overdue=N, bal=38800", ["loan_type": .string("provident"), "overdue": .bool(false), "balance": .double(38_800)]),
        Case("repay withdraw: loan 商贷, monthly 3,350, overdue no, balance 3.1万", ["loan_type": .string("commercial"), "balance": .double(31_000)]),
        Case("[企业微信·智能表单] 还款测算 【住房】首套 【贷款本金】46万", ["homes_owned": .int(0), "principal": .double(460_000)]),
        Case("名下有首套", ["homes_owned": .int(1)]),
        Case("等等 封存不止5个月 我记错哒 是9个月", ["sealed_months": .int(9)]),
        Case("余额 两万八 不对 俺 记 差 了 四 三万四", ["balance": .double(34_000)]),
        Case("余额 一万九 不是不是 两万一千六", ["balance": .double(21_600)]),
        Case("交了30个月我记错了是36个月", ["continuous_months": .int(36)]),
        Case("那 要是 明年 厂 里 效益 差 工资 只 开 得 到 四千二", ["monthly_income": .double(4_200)]),
        Case("网厅表单纯文本导出 #A2612-0871 Q1. 办理事项？A1. 可贷额度试算 Q2. 连续缴存月数？A2. 57 Q3. 账户余额（元）？A3. 48000 Q4. 税前月收入（元）？A4. 12000 Q5. 本市家庭住房套数？A5. 0",
             ["continuous_months": .int(57), "balance": .double(48_000), "monthly_income": .double(12_000), "homes_owned": .int(0)]),
        Case("余额 三万 出头 吧 等 我 看 一下 单子 哦 是 三万 四千 五", ["balance": .double(34_500)]),
        Case("娱额 十一万 不对 不对 我 看 错 了 是 十万 零 二千", ["balance": .double(102_000)]),
        Case("13:11 更正 期限记错了 客户说的是16年 本金和还款方式不变", ["term_years": .int(16)]),
        Case("（Excel复制，表头有合并单元格）姓名|缴存情况(月)|余额(元)|税前月收入(元)|本市住房(套) / |连续|||  / 赵**|40|41,600|6,800|0 / 请核可贷额度",
             ["continuous_months": .int(40), "balance": .double(41_600), "monthly_income": .double(6_800), "homes_owned": .int(0)]),
        Case("借款人|贷款信息|||住房 / |本金(元)|期限(年)|还款方式| / 孙**|550,000|25|等额本息|首套 / 请算月供",
             ["principal": .double(550_000), "term_years": .int(25), "method": .string("equal_installment"), "homes_owned": .int(0)]),
        Case("姓名|缴存情况(月)|本市住房(套)|公积金贷款记录|当前逾期 / 吴**|连续23|0|已结清1次|无 / 请核贷款资格",
             ["continuous_months": .int(23), "homes_owned": .int(0), "loans_used": .int(1), "overdue": .bool(false)]),
        Case("姓名|封存情况(月)|余额(元)|公积金贷款 / 冯**|封存10|17,400|无 / 离职提取，请核", ["sealed_months": .int(10), "balance": .double(17_400)], absent: ["loan_type"]),
        Case("还贷提取/公贷/无逾期/余额1.86万", ["loan_type": .string("provident"), "overdue": .bool(false), "balance": .double(18_600)]),
        Case("更正：本金应为35万元，刚才的38万是连车位一起报的，期限和套数不变", ["principal": .double(350_000)]),
        Case("要是贷款最后批成70万，我还能提好多", ["principal": .double(700_000)]),
        Case("要是组合带一共贷满120万，还能提多少？", ["principal": .double(1_200_000)]),
        Case("商品房买卖合同 签订日期2026年4月 成交总价人民币陆拾捌万元整（680,000.00） 账户余额73,000.00元", ["price": .double(680_000), "balance": .double(73_000)]),
        Case("一九七零年 六月 初身", "birth", ["birth": .string("1970-06")]),
        Case("周日值班 夫妻共同申请 主贷连缴40 余2.3w+1.6w 收7.5k+6k 1t 测一下可贷额度",
             ["continuous_months": .int(40), "balance": .double(23_000), "monthly_income": .double(7_500), "homes_owned": .int(0),
              "co_borrower_balance": .double(16_000), "co_borrower_income": .double(6_000)]),
        Case("余额2.3万+利息", ["balance": .double(23_000)], absent: ["co_borrower_balance"]),
        Case("购房提取 合同26.02 总价71w 贷55w 余17.2w", ["months_since_purchase": .int(3), "price": .double(710_000), "balance": .double(172_000)]),
        Case("余额26.02万", ["balance": .double(260_200)], absent: ["months_since_purchase"]),
        Case("交了五年多，准确点是64个月", ["continuous_months": .int(64)]),
        Case("客户把拟贷年限改成12年了，以这条为准，其余不变", ["term_years": .int(12)], absent: ["continuous_months"]),
        Case("如果合同签订日期换成2024-11会怎样", ["months_since_purchase": .int(18)]),
        Case("手写便条OCR：离职销户提取 封存l3个月 没有公积金贷款 余额2.O6方", ["sealed_months": .int(13), "balance": .double(20_600)]),
        Case("手写便条OCR：二套 贷款4O方 l5年 等额本息 算月供", ["principal": .double(400_000), "term_years": .int(15), "homes_owned": .int(1)]),
        Case("余额2万1……看错行了，是2万4", ["balance": .double(24_000)]),
        Case("万一那边过户拖到贷款之后，我名下还挂着一套，那能贷多少", ["homes_owned": .int(1)]),
        Case("还贷提取 是否逾期 否 余额3万", ["overdue": .bool(false), "balance": .double(30_000)]),
        Case("还贷提取（WPS表格）\t贷款类型\t是否逾期\t账户余额（万元） 公积金贷款\t否\t4.37", ["loan_type": .string("provident")], absent: ["overdue"]),
        Case("退休提取（WPS表格）\t性别\t原退休年龄（岁）\t出生年月\t账户余额（元） 女\t50\t1975-10\t61200",
             ["gender": .string("female"), "category": .string("worker"), "birth": .string("1975-10"), "balance": .double(61_200)]),
        Case("周六值班 算月供 2t 本33w 20y 等额本金 首月多少", ["homes_owned": .int(1), "principal": .double(330_000), "term_years": .int(20)]),
        Case("余额 2.7w→2.95w（客户刚在app查的实时数）", ["balance": .double(29_500)]),
        Case("更正 婚否 单身→已婚（上周刚领证） 无娃", ["married": .bool(true)]),
        Case("租房提取 连缴→14个月 本市住房→无 婚姻→已婚 子女→1 月租→2,100元 余额→3.6万",
             ["continuous_months": .int(14), "homes_owned": .int(0), "married": .bool(true), "children": .int(1), "balance": .double(36_000)]),
        Case("周六值班 贷款资格核对 ✔男 1982-07生 ✔连缴45月 ✘本市有房 拟贷20年", ["homes_owned": .int(0), "gender": .string("male")]),
        Case("还贷提取 商贷 月供4100 当前有逾期 余额6.2万", ["overdue": .bool(true), "balance": .double(62_000)]),
        Case("房子总价九十二万，首付凑了二十八万，其余六十四万走的商业贷款。我的公积金账户里现在有十三万五。", ["balance": .double(135_000)]),
        Case("余额 四万二 哦 弗 对 弗 对 是 两万四", ["balance": .double(24_000)]),
        Case("【截图识别·两行错位】 借款人 连续缴存 余额(元) 月收入(元) 本市住房 主借款人 38个月 24,000 7,800 无 配偶(共同借款人) — 19,000 6,200 — 请按夫妻共同申请测算可贷额度",
             ["continuous_months": .int(38), "balance": .double(24_000), "monthly_income": .double(7_800), "homes_owned": .int(0),
              "co_borrower_balance": .double(19_000), "co_borrower_income": .double(6_200)]),
        Case("【截图识别】 合同日期 成交价(元) 贷款额(元) 账户余额(元) 2026-03 950,000 700,000 260,000.00 办理事项：购房提取",
             ["months_since_purchase": .int(2), "price": .double(950_000), "balance": .double(260_000)]),
        Case("【App截图识别·列错位】 业务类型 连续缴存 本市住房 婚姻状况 公积金贷款 可用余额(元) 租房提取 27个月 0套 已婚 还款中（宾阳县住房） 29,000.00",
             ["continuous_months": .int(27), "homes_owned": .int(0), "married": .bool(true), "outstanding_loan": .bool(true), "balance": .double(29_000)]),
        Case("公积金贷款\t首套\t本金\t360,000\t期数\t240\t还款方式\t等额本金\t求首月应还", ["principal": .double(360_000), "homes_owned": .int(0)]),
        Case("喂 我 替 我 爸 问 他 娱额 两万 八千 没有 公积金 贷款 想 全 取 出来", ["balance": .double(28_000)], absent: ["co_borrower_balance"]),
        Case("我爸在还商业房贷，每月3150，一直按时还没预期过，他公积金余额5.2万，能提多少出来还贷",
             ["balance": .double(52_000), "annual_repayment": .double(37_800), "overdue": .bool(false)], absent: ["co_borrower_balance"]),
        Case("我和老公的公积金 他余额3万 我余额2万", ["balance": .double(20_000), "co_borrower_balance": .double(30_000)]),
        Case("网厅表单纯文本导出 #W2612-0209 Q1. 提取类型？A1. 偿还购房贷款 Q2. 贷款类型？A2. 公积金贷款 Q3. 是否逾期？A3. 否 Q4. 月还款额（元）？A4. 2,450 Q5. 账户余额（元）？A5. 33,500",
             ["annual_repayment": .double(29_400), "balance": .double(33_500), "loan_type": .string("provident"), "overdue": .bool(false)]),
        Case("那 要是 我们 老 两 口 把 住 的 这 套 过户 给 他 他 名下 就 有 一 套 了 再 买 一 套 还 能 贷 多少", ["homes_owned": .int(1)], absent: ["children"]),
        Case("那 要是 我 明年 调 去 社区 医院 一个月 只 拿 五千二 了 还 能 贷 多少", ["monthly_income": .double(5_200)]),
        Case("诉求 还贷提取 核实情况 商业住房贷款 月还款2480元 无逾期 公积金余额4.3万", ["loan_type": .string("commercial"), "annual_repayment": .double(29_760), "balance": .double(43_000)]),
    ])
    func session17Phrasings(_ c: Case) { check(c, heard: true) }

    @Test("session 18: a gap word read whole before a shorter one it begins with (税前|就剩|4500); a misheard label before a count of months (丰纯10个月); tab-pasted rows under a titled header, cut where the values fit their labels; a phone page's button words; an exact sum after a rough one (小五万，app上准确是4.7w); 报 and 够 before a value; time spent (攒了两年钱) is no term; 厝 and 间 for a home, 过户给我 gained; a JSON record, its pinyin keys and a key's unit (贷款期限_年); a call transcript's answers under the label its question asked for, timestamps gone; Hong Kong's 供 for contributing, 1.2M, 得返, 缩短做, 小朋友 and a chat export's time stamps; a review's 原登记 value and its 现核实 correction, 余额一项, 本人 before a sum; 未结清公积金贷款：无, 改口称 and 以…为准, a sum said to be old, 降至; 无逾期 before a numbered item's number, 男方 then 女方; 去年3月辞的; an e-mail reply read after the message it quotes, its corrections of a sum, a count of months and a birth month; a learner's plain words (公积金的钱, 房子钱, 房子没有的, 两个有了), circled options with the chosen one in 【】, a list's item numbers; 个 as a home's measure (第二个房子), a term corrected in the message; a label's bracketed unit after its value (贷款金额（万元） 50), 逾期情况 系统显示无, 不算数", arguments: [
        Case("打算 明年 跳 到 一家 小 公司 去 税前 就 剩 四千五 了 那 还 能 贷 多少", ["monthly_income": .double(4_500)]),
        Case("他 离制 以后 丰纯 十 个 月 了", ["sealed_months": .int(10)]),
        Case("租房提取审核 表格复制 连续缴存（月）\t本市住房（套）\t婚姻状况\t子女（个）\t账户余额（元） 20\t1\t已婚\t1\t31000",
             ["continuous_months": .int(20), "homes_owned": .int(1), "married": .bool(true), "children": .int(1), "balance": .double(31_000)]),
        Case("夫妻共同申请 从表格复制的 序号\t角色\t连续缴存（月）\t账户余额（元）\t税前月收入（元）\t本市住房（套） 1\t主借款人\t45\t26800\t7600\t0 2\t配偶\t33\t21500\t6900\t0",
             ["continuous_months": .int(45), "balance": .double(26_800), "monthly_income": .double(7_600), "homes_owned": .int(0),
              "co_borrower_balance": .double(21_500), "co_borrower_income": .double(6_900)]),
        Case("爱山东 < 返回 个人账户 分享 账户状态 封存 复制 账户余额（元） 33,800.00 复制", ["account_status": .string("sealed"), "balance": .double(33_800)]),
        Case("余额小五万，app上准确是4.7w", ["balance": .double(47_000)]),
        Case("余额小十万，app显示9.3w", ["balance": .double(93_000)]),
        Case("房子总价二十来万，准确是21.8w，小户型", ["price": .double(218_000)]),
        Case("如果我给多一点工资给自己，税前报9千，那能贷几多", ["monthly_income": .double(9_000)]),
        Case("如果我等到过完年再去办，封存够8个月呢", ["sealed_months": .int(8)]),
        Case("如果20年还的话，一个月是多少？", "principal", ["term_years": .int(20)]),
        Case("家人们谁懂啊，直播带货攒了两年钱终于想上车了，gjj dk能贷多少", [:], absent: ["term_years"]),
        Case("本市还没有厝", ["homes_owned": .int(0)]),
        Case("喂 我 想 算 一下 尔套 房 的 公积金 约供", ["homes_owned": .int(1)]),
        Case("爱山东 公积金贷款试算 分享 房屋套数 首套 贷款金额（万元） 50 复制 贷款期限（年） 30 还款方式 等额本息 收起 请核月供",
             ["principal": .double(500_000), "term_years": .int(30), "homes_owned": .int(0)]),
        Case("还贷提取复核：公积金贷款；逾期情况 系统显示无、客户自述无，二者一致；账户余额2.35万元。", ["overdue": .bool(false), "balance": .double(23_500)]),
        Case("哎 年数 报 错 了 十五 年 不 算 数 银行 那边 定 的 是 十七 年", "principal", ["term_years": .int(17)]),
        Case("老师您好，我热依拉。第二个房子公积金贷款，一个月还多少钱？", ["homes_owned": .int(1)]),
        Case("我有一个房子", ["homes_owned": .int(1)]),
        Case("想买一个房子", [:], absent: ["homes_owned"]),
        Case("贷30万 20年 不对 是25年", ["principal": .double(300_000), "term_years": .int(25)]),
        Case("公积金的钱是5.8万有", ["balance": .double(58_000)]),
        Case("老师，我看好了一个房子，房子钱是80万，这样的话能贷多少呢", ["price": .double(800_000)]),
        Case("本市房子没有的", ["homes_owned": .int(0)]),
        Case("本市房子是两个有了，还想买一个大的", ["homes_owned": .int(2)]),
        Case("对了，我丈夫也一起贷可以吗？他共同借款人，他的公积金钱是1.8万", ["co_borrower_balance": .double(18_000)]),
        Case("我的公积金钱是3万6，不对不对，3万4是", ["balance": .double(34_000)]),
        Case("【租房提取·勾选表】姓名：娜仁 1.连续缴存月数：8个月 2.本市是否有住房？①是 【②否】 3.婚姻状况？①已婚 【②未婚】 4.是否有未结清公积金贷款？①是 【②否】 5.账户余额：13,500元",
             ["continuous_months": .int(8), "homes_owned": .int(0), "married": .bool(false), "outstanding_loan": .bool(false), "balance": .double(13_500)]),
        Case("【月供试算·勾选表】1.贷款本金：32万元 2.贷款期限：25年 3.是否首套住房？【①是】 ②否 4.还款方式？【①等额本息】 ②等额本金",
             ["principal": .double(320_000), "term_years": .int(25), "homes_owned": .int(0), "method": .string("equal_installment")]),
        Case("主题：Re: 许**公积金可贷额度测算  王老师好，上封邮件里许**的税前月收入写错了，应为6,200元，不是8,200元，其余信息不变  —— 人力资源部 陈静  > 在 周二 上午10:12，陈静 写道：> 王老师您好，我司员工许**想测算公积金可贷额度：> 连续缴存：19个月 > 账户余额：5.6万元 > 税前月收入：8,200元 > 本市住房：无",
             ["monthly_income": .double(6_200), "continuous_months": .int(19), "balance": .double(56_000), "homes_owned": .int(0)]),
        Case("RE: 员工还贷提取  周老师您好，更正一下：韦**上个月刚办过一次提取，公积金余额应为3.8万，不是4.5万，其余照旧  > 周老师您好，我司员工韦**申请还贷提取：> 贷款类型：商业贷款 > 无逾期 > 公积金余额：4.5万",
             ["balance": .double(38_000), "loan_type": .string("commercial"), "overdue": .bool(false)]),
        Case("回复：关于员工公积金贷款资格  赵老师：抱歉，刚才邮件里蔡**的连续缴存月数有误，转入后连续计算应为14个月，不是4个月，其他不变。  > 原始邮件 > 赵老师好，我司员工蔡**想咨询能否申请公积金贷款：> 连续缴存 4个月 > 本市住房 1套",
             ["continuous_months": .int(14), "homes_owned": .int(1)]),
        Case("回复：钱**退休提取  李老师好，上一封里钱阿姨的出生年月是照户口本复印件抄错的，身份证上是1975年10月，特此更正  > 李老师好，我司员工钱**申请退休提取：> 性别：女 > 出生年月：1977年10月 > 公积金余额：3.38万",
             ["birth": .string("1975-10"), "gender": .string("female"), "balance": .double(33_800)]),
        Case("余额45000 余额应为38000", ["balance": .double(38_000)]),
        Case("俺在芝罘一个水产加工厂干了六年，去年3月辞的，账户一直封存到现在，余额2.9万", ["balance": .double(29_000), "sealed_months": .int(14)]),
        Case("交接：1. 贷款资格预审 ✓ 2. 男 1976-02出生 ✓ 3. 连续缴存 50个月 ✓ 4. 本市无房 ✓ 5. 无贷款记录 无逾期 ✓ 6. 拟贷 15年 ✓ 7. 结论待出",
             ["overdue": .bool(false), "continuous_months": .int(50), "homes_owned": .int(0), "term_years": .int(15)]),
        Case("交接：1. 夫妻合贷 额度测算 ✓ 2. 男方 连续缴存52个月 ✓ 3. 男方 余额2.6万 月收入8,200 ✓ 4. 女方 余额1.8万 月收入6,900 ✓ 5. 本市无房 ✓",
             ["balance": .double(26_000), "monthly_income": .double(8_200), "co_borrower_balance": .double(18_000), "co_borrower_income": .double(6_900)]),
        Case("柜面申请表 连续缴存月数：22[✓] 本市住房套数：0[✓] 子女数：3[?] 账户余额：42,600[?] 未结清公积金贷款：无[✓]",
             ["continuous_months": .int(22), "homes_owned": .int(0), "children": .int(3), "balance": .double(42_600), "outstanding_loan": .bool(false)]),
        Case("讲错了，刚在app上看了，余额是1w9，2.7w是去年的", ["balance": .double(19_000)]),
        Case("值班日志 客户称买第二套房，公积金贷款42万，随后改口称银行审批下来实际只有38万，以38万为准，期限18年", ["principal": .double(380_000), "term_years": .int(18)]),
        Case("补记：客户称明年可能调岗，月收入将降至4,300元，询问按此收入能贷多少。", ["monthly_income": .double(4_300)]),
        Case("补充：余额一项已由原登记的2.1万元改为现核实的3.4万元（含本月入账），以复核为准，请重新核定可提金额。", ["balance": .double(34_000)]),
        Case("更正：本金现核实为35万元，原登记的38万元作废，请按现核实数重算月供。", ["principal": .double(350_000)]),
        Case("购房提取复核：房屋总价88万元（原登记有误，现核实总价为68万元）；商业贷款50万元；账户余额21万元。", ["price": .double(680_000), "balance": .double(210_000)]),
        Case("账户余额 系统显示本人2.7万元、配偶1.6万元（配偶余额原登记1.2万元，现核实为1.6万元，以复核为准）；税前月收入 本人8,000元、配偶6,200元",
             ["balance": .double(27_000), "co_borrower_balance": .double(16_000), "monthly_income": .double(8_000), "co_borrower_income": .double(6_200)]),
        Case("哦不是，媳妇的余额应该是一万五，我把她的看成两万五了", ["co_borrower_balance": .double(15_000)]),
        Case("[01/12/2026, 11:21] 周太 Winnie: 我連續供咗20個月，廣州冇樓，已婚，未有小朋友，餘額2.6萬",
             ["continuous_months": .int(20), "homes_owned": .int(0), "married": .bool(true), "children": .int(0), "balance": .double(26_000)]),
        Case("樓價1.2M", ["price": .double(1_200_000)]),
        Case("餘額得返3.5K", ["balance": .double(3_500)]),
        Case("如果縮短做15年，每月供幾多？", "principal", ["term_years": .int(15)]),
        Case("如果 屋企 有 三 个 小朋友 一 年 可以 提 几多", ["children": .int(3)]),
        Case("【通话录音转写】[00:00:04] 坐席：您好，请讲。[00:00:07] 来电人：我租房住，想把公积金提出来交房租。[00:00:13] 坐席：连续缴存几个月了？[00:00:16] 来电人：九个月。[00:00:19] 坐席：本市有住房吗？[00:00:21] 来电人：没有。[00:00:31] 坐席：账户余额多少？[00:00:34] 来电人：两万一。—— 请核定来电人今年可提多少",
             ["continuous_months": .int(9), "homes_owned": .int(0), "balance": .double(21_000)]),
        Case("[00:00:18] 坐席：贷多少、贷几年？[00:00:21] 来电人：二十八万，十二年。", ["principal": .double(280_000), "term_years": .int(12)]),
        Case("> console.log(kehu)  {\"xingming\":\"周**\",\"lianxu_jiaocun_yueshu\":36,\"zhanghu_yue\":42000,\"yue_jiaocun_e\":936,\"shuiqian_yue_shouru\":7800,\"bendi_zhufang_taoshu\":0}  帮忙测一下可贷额度",
             ["continuous_months": .int(36), "balance": .double(42_000), "monthly_income": .double(7_800), "homes_owned": .int(0)]),
        Case("VM2041:3 ▶ {\"客户\":\"宋**\",\"贷款本金\":350000,\"贷款期限_年\":22,\"房屋套数\":\"首套\",\"还款方式\":\"等额本息\"}",
             ["principal": .double(350_000), "term_years": .int(22), "homes_owned": .int(0), "method": .string("equal_installment")]),
        Case("{\"yewu\":\"租房提取\",\"lianxu_yueshu\":11,\"bendi_fangchan\":0,\"hunyin\":\"已婚\",\"zinv\":3,\"zhanghu_yue\":53600}",
             ["continuous_months": .int(11), "homes_owned": .int(0), "married": .bool(true), "children": .int(3), "balance": .double(53_600)]),
        Case("{\"zhanghu_zhuangtai\":\"封存\",\"fengcun_yueshu\":9,\"weijieqing_gjj_daikuan\":false,\"zhanghu_yue\":27400}",
             ["account_status": .string("sealed"), "sealed_months": .int(9), "outstanding_loan": .bool(false), "balance": .double(27_400)]),
        Case("如果阿爸把佢名下那间厝过户给我，我就有一间了，那还能贷吗", ["homes_owned": .int(1)]),
        Case("爱山东 < 返回 公积金个人信息 ··· 分享 姓名 孙** 复制 缴存状态 封存 连续缴存月数 38 账户余额（元） 52,360.00 复制 本市住房套数 0 收起",
             ["account_status": .string("sealed"), "continuous_months": .int(38), "balance": .double(52_360), "homes_owned": .int(0)]),
    ])
    func session18Phrasings(_ c: Case) { check(c, heard: true) }

    @Test("dates told by a festival (today is 2026-05-15): its month that year, the month before for 前 an early one, after for 过后 a late one", arguments: [
        Case("购房合同是去年国庆节签的", ["months_since_purchase": .int(7)]),
        Case("合同 是 二零二四年 中秋节 前 签 的", ["months_since_purchase": .int(20)]),
        Case("去年国庆前签的合同", ["months_since_purchase": .int(8)]),
        Case("去年端午过后离职的", ["sealed_months": .int(11)]),
        Case("今年过年前封存的", ["sealed_months": .int(3)]),
        Case("今年元旦前买的房", ["months_since_purchase": .int(5)]),
        Case("我去年端午过后就从长沙那家公司离职哒", ["sealed_months": .int(11)]),
        Case("我去年5月在深圳那边买的房", ["months_since_purchase": .int(12)]),
        Case("没有公积金贷款 余额1w9", ["balance": .double(19_000), "outstanding_loan": .bool(false)], absent: ["loan_type"]),
    ])
    func festivalDates(_ c: Case) { check(c, heard: true) }

    @Test("counter staff's field lists: 缴存月数29, key=value, 项目：值, slashes", arguments: [
        Case("额度测算；缴存月数29；余额6.6万；月收入1.9万；本市住房0；认定人才", ["continuous_months": .int(29), "balance": .double(66_000), "monthly_income": .double(19_000), "homes_owned": .int(0), "talent": .bool(true)]),
        Case("可贷额度 缴存月数=40 余额=61000 月收入=5600 住房套数=1 子女=2 共借人余额=9000 共借人月收入=3000",
             ["continuous_months": .int(40), "balance": .double(61_000), "monthly_income": .double(5_600), "homes_owned": .int(1), "children": .int(2),
              "co_borrower_balance": .double(9_000), "co_borrower_income": .double(3_000)]),
        Case("额度/缴存18月/余额2.6万/月收入4500/无房", ["continuous_months": .int(18), "balance": .double(26_000), "monthly_income": .double(4_500), "homes_owned": .int(0)]),
        Case("贷款资格核验/连续缴存11个月/本市住房1套/已用公积金贷款2次（均已结清）", ["continuous_months": .int(11), "homes_owned": .int(1), "loans_used": .int(2)]),
        Case("月供 本金=43万 期限=22年 二套 等额本金", ["principal": .double(430_000), "term_years": .int(22)]),
        Case("还款测算；贷款额31.5万；期限4年；首套；等额本息", ["principal": .double(315_000), "term_years": .int(4)]),
        Case("租房提取；缴存月数20；本市住房0；已婚；子女3；月租4500；余额5.6万", ["continuous_months": .int(20), "homes_owned": .int(0), "married": .bool(true), "children": .int(3), "annual_rent": .double(54_000), "balance": .double(56_000)]),
        Case("租房提取 缴存=7月 住房=0 婚姻=未婚 季租金=3000 余额=2.2万", ["continuous_months": .int(7), "homes_owned": .int(0), "married": .bool(false), "annual_rent": .double(12_000), "balance": .double(22_000)]),
        Case("购房提取/合同签订2025年9月/总价88万/贷款61.6万/余额30.5万", ["months_since_purchase": .int(8), "price": .double(880_000), "balance": .double(305_000)]),
        Case("还贷提取 贷款类型=公积金贷款 月还款=3150 余额=5.9万 逾期=无", ["annual_repayment": .double(37_800), "balance": .double(59_000), "overdue": .bool(false)]),
        Case("逾期：无；未结清贷款：有", ["overdue": .bool(false), "outstanding_loan": .bool(true)]),
        Case("额度 连缴=26月 本市房=1 共借余额=2.1w 共借月入=7k", ["continuous_months": .int(26), "homes_owned": .int(1), "co_borrower_balance": .double(21_000), "co_borrower_income": .double(7_000)]),
        Case("租提 连缴9 年租2.4w", ["continuous_months": .int(9), "annual_rent": .double(24_000)]),
        Case("还款 P=28w n=120期 等本息", ["principal": .double(280_000), "term_months": .int(120), "method": .string("equal_installment")]),
        Case("购房提取 网签2026年1月 总价70万", ["months_since_purchase": .int(4), "price": .double(700_000)]),
        Case("下载app 3次都失败", [:], absent: ["principal"]),
    ])
    func staffFieldLists(_ c: Case) { check(c) }

    @Test("bare replies to the question asked", arguments: [
        Case("大概两年吧", "continuous_months", ["continuous_months": .int(24)]),
        Case("三万多", "balance", ["balance": .double(30_000)]),
        Case("六十万", "principal", ["principal": .double(600_000)]),
        Case("二十年", "term_years", ["term_years": .int(20)]),
        Case("离了", "married", ["married": .bool(false)]),
        Case("是的", "married", ["married": .bool(true)]),
        Case("去年3月", "months_since_purchase", ["months_since_purchase": .int(14)]),
        Case("还没还完", "outstanding_loan", ["outstanding_loan": .bool(true)]),
        Case("15个月", "monthly_income", [:], absent: ["monthly_income"]),
        // A count of people answers no number question.
        Case("我跟老公俩人都交公积金", "continuous_months", ["married": .bool(true)], absent: ["continuous_months"]),
        Case("我们家三口人", "homes_owned", [:], absent: ["homes_owned"]),
    ])
    func bareReplies(_ c: Case) { check(c) }

    @Test("a date is read relative to the day given")
    func relativeToToday() {
        let later = ISO8601DateFormatter().date(from: "2027-01-10T12:00:00+08:00")!
        func months(_ said: String) -> JSONValue? {
            extractor.extract(analyzer.normalize(said), today: later).first { $0.name == "months_since_purchase" }?.value
        }
        #expect(months("去年三月签的合同") == .int(10))
        #expect(months("2025年3月签的合同") == .int(22))
        #expect(months("三个月前买的") == .int(3))
        #expect(months("2026年4月总算签了购房合同") == .int(9))
        // A month corrected keeps the year said before it.
        #expect(months("我们是二零二六年二月，哦不是不是，是一月份签的购房合同") == .int(12))
    }
}
