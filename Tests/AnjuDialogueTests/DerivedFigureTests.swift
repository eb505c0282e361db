import AnjuDialogue
import AnjuJSON
import Foundation
import Testing

/// Figures a citizen gives indirectly: a number taken back in the same breath, a loan left by a
/// price and its down payment, the longest term chosen by words, and one limit asked for on
/// its own (the cap of a case, the limit by the balance, the year's repayment).
@Suite("Derived figures")
struct DerivedFigureTests {
    let phrasings = FactPhrasingTests()

    @Test("a number taken back in the same breath: the one after the take-back word stands", arguments: [
        FactPhrasingTests.Case("贷三十来万不对就是三十二万", ["principal": .double(320_000)]),
        FactPhrasingTests.Case("余额三万哦不三万五", ["balance": .double(35_000)]),
        FactPhrasingTests.Case("贷二十年说错了二十五年", ["term_years": .int(25)]),
        FactPhrasingTests.Case("我算出来三千多不知道对不对", [:], absent: ["principal"]),
        FactPhrasingTests.Case("余额5万不够贷30万", ["balance": .double(50_000)]),
    ])
    func takenBack(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("the loan a price and a down payment leave, when the rest is borrowed", arguments: [
        FactPhrasingTests.Case("房子总价一百万整，首付三成，剩下的全部用公积金贷", ["price": .double(1_000_000), "principal": .double(700_000)]),
        FactPhrasingTests.Case("房价五十二万，首付付了三成，剩下的是商贷", ["loan_amount": .double(364_000)]),
        FactPhrasingTests.Case("总价80万 首付20万 其余贷款", ["principal": .double(600_000)]),
        FactPhrasingTests.Case("还款试算 房价80万 首付3成 期限20年", ["principal": .double(560_000)]),
        FactPhrasingTests.Case("一套房九十五万，首付两成，剩下的公积金贷", ["price": .double(950_000), "principal": .double(760_000)]),
        FactPhrasingTests.Case("房价100万首付三成 其实是全款买的", [:], absent: ["principal"]),
        FactPhrasingTests.Case("首付三成剩下的贷款", [:], absent: ["principal"]),
    ])
    func downPayment(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("a birth said right after a word for a woman or a man is that person's, and so is the sex", arguments: [
        FactPhrasingTests.Case("我媳妇是1968年5月生的 工人 能办退休提取吗", ["gender": .string("female"), "birth": .string("1968-05")]),
        FactPhrasingTests.Case("我爸1963年出生 想把公积金取出来", ["gender": .string("male")]),
        FactPhrasingTests.Case("我老婆余额5万 我1985年3月出生", [:], absent: ["gender"]),
        FactPhrasingTests.Case("我老婆65年3月出生的，她是工人", ["gender": .string("female")]),
    ])
    func relativeGender(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("a payment missed, said without 逾期, is an overdue; paying on time is none", arguments: [
        FactPhrasingTests.Case("每月还2600 上个月有一期没还上", ["overdue": .bool(true)]),
        FactPhrasingTests.Case("去年断供了两个月", ["overdue": .bool(true)]),
        FactPhrasingTests.Case("房贷一直按时还的", ["overdue": .bool(false)]),
        FactPhrasingTests.Case("公积金贷款还没还完", [:], absent: ["overdue"]),
    ])
    func missedPayment(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("one child said with 个 and a verb, no number", arguments: [
        FactPhrasingTests.Case("离婚了带个孩子", ["children": .int(1), "married": .bool(false)]),
        FactPhrasingTests.Case("去年生了个娃", ["children": .int(1)]),
        FactPhrasingTests.Case("个人孩子的事", [:], absent: ["children"]),
    ])
    func oneChild(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("a loan still being repaid is a fund loan only when named so or asked about", arguments: [
        FactPhrasingTests.Case("有一套房子 贷款还没还完", [:], absent: ["outstanding_loan"]),
        FactPhrasingTests.Case("公积金贷款还没还完", ["outstanding_loan": .bool(true)]),
        FactPhrasingTests.Case("还有贷款没还完", "outstanding_loan", ["outstanding_loan": .bool(true)]),
        FactPhrasingTests.Case("贷款已经还清了", ["outstanding_loan": .bool(false)]),
    ])
    func unnamedLoan(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("a duration not yet reached is a month short of it", arguments: [
        FactPhrasingTests.Case("公积金封存了快半年了", ["sealed_months": .int(5)]),
        FactPhrasingTests.Case("交了将近三年", ["continuous_months": .int(35)]),
        FactPhrasingTests.Case("封存半年了", ["sealed_months": .int(6)]),
    ])
    func almost(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("a husband renting is no public rental housing; 公租房 is", arguments: [
        FactPhrasingTests.Case("和老公租房住，想提公积金付房租", [:], absent: ["public_rental"]),
        FactPhrasingTests.Case("我们住的是公租房", ["public_rental": .bool(true)]),
    ])
    func publicRental(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("a what-if by an amount changes the figure the answer used", arguments: [
        (["公积金能贷多少 交了三年 余额三万 税前一万五 本市没房", "要是余额再多两万呢"], "75万"),
        (["离职提取", "封存四个月了", "余额两万", "那再过三个月呢"], "20,000"),
        // Paying longer adds to the months of contribution (5 + 1 = 6 reaches the minimum).
        (["能申请公积金贷款吗", "交了五个月", "本市没房", "那要是再交一个月呢"], "符合"),
        // A price changed in a what-if: 80% of 70万 is 56万, under the cap.
        (["买一套一百万的房子 首套 公积金能贷多少", "交了四年", "余额八万", "月收入两万", "那如果房子换成七十万的呢"], "56万"),
    ])
    func relativeWhatIf(turns: [String], figure: String) async {
        let replies = await Fixtures.assistant().conversation("d-rel-\(turns[0])", turns)
        #expect(replies.last!.reply.contains(figure), "\(replies.last!.reply)")
    }

    @Test("a down payment or price changed after a repayment answer gives the loan from the other one said before", arguments: [
        // 88万 with 三成 down: 61.6万 over 20 years at 2.6%.
        (["房子 八十八 万 首付 两成 剩下 用 公积金 贷 二十 年 月供 多少", "是首付三成不是两成"], "3,294.29"),
        // 90万 with the same 三成 down: 63万.
        (["房价一百万，首付三成，公积金贷二十年，每月还多少", "那如果房子换成九十万的呢"], "3,369.16"),
        // 120万 less a 40万 down payment: 80万 over 25 years.
        (["总价一百二十万首付三十六万，剩下的公积金贷25年，月供多少", "首付改成四十万"], "3,629.36"),
    ])
    func downPaymentChanged(turns: [String], figure: String) async {
        let replies = await Fixtures.assistant().conversation("d-down-\(turns[0])", turns)
        #expect(replies.last!.reply.contains(figure), "\(replies.last!.reply)")
    }

    @Test("turns of session 9's fresh batch: a sum corrected after the term, a what-if that keeps to withdrawing, a question on the rule mid-form, facts said before any question, a clerk's list the classifier doubts", arguments: [
        // 58万 over 20 years by equal principal: first month 2416.67 + 580000 × 2.6% / 12.
        (["算一下公积金月供", "贷六十万", "等额本金，二十年", "抱歉金额打错了，是五十八万"], "3,673.33"),
        (["我在还公积金贷款，每月3000，余额4万能提多少", "要是余额只剩1万8，能提多少"], "18,000"),
        (["我想算一下公积金月供", "贷四十万", "等额本金和等额本息哪个利息少", "十五年"], "等额本金"),
        (["额度 连缴=40月 余额=3.2w 月入=9k 本市房=0"], "48万"),
        // 100万 less a 20万 down payment, then 5万 more down: 75万 over 20 years.
        (["手头二十万付首付 房子一百万 其余公积金贷 二十年 月供多少", "要是首付再多凑五万呢"], "750,000"),
        // The term changed with the method: 48万, 20 years, equal principal: 2000 + 1040.
        (["公积金贷四十八万三十年等额本息月供多少", "那就定二十年，改用等额本金，头一期还多少"], "3,040.00"),
    ])
    func session9Turns(turns: [String], figure: String) async {
        let replies = await Fixtures.assistant().conversation("d-s9-\(turns[0])", turns)
        let all = replies.map(\.reply).joined(separator: " | ")
        #expect(all.contains(figure), "\(all)")
    }

    @Test("turns of session 10's fresh batch: a story told before the question, a loan paid off as a what-if on the phone, an amount question of another rule mid-form", arguments: [
        // Single renter: the yearly cap, with the months, homes and balance told before asking.
        (["先说下我的情况", "我在这个城市上班四年了，公积金没断过", "和室友合租，还是单身，这边也没有房", "公积金里大概还有四万", "那我一年能提多少公积金交房租"], "15,000"),
        (["我 还 有 一 笔 公 积 金 贷 款 没 还 完 还 能 再 贷 吗", "交 了 五 年", "本 市 有 一 套 房", "那 要 是 我 先 提 前 还 清 呢"], "第二套"),
        (["我离职了想把公积金取出来", "我一年能提多少公积金来交房租"], "连续缴存"),
        // The monthly payment asked with the price and down payment: the repayment, not the quota
        // (68万 less 30%: 47.6万 over 30 years).
        (["房价六十八万 首付付三成 剩下都走公积金 按三十年算 每个月要还多少"], "1,905.62"),
        // Asked again in other words after the repayment withdrawal's answer: the same figure.
        (["我用公积金贷款买的房 每月还两千五 公积金里有五万", "那一年最多能提多少出来还贷"], "30,000"),
        (["测额/按房价/首套/总价64万"], "512,000"),
        (["利率 二套 期限4年"], "2.525"),
        (["公积金贷二十六万 十二年 月供多少", "那要是四年就还清呢"], "5,652.09"),
    ])
    func session10Turns(turns: [String], figure: String) async {
        let replies = await Fixtures.assistant().conversation("d-s10-\(turns[0])", turns)
        let all = replies.map(\.reply).joined(separator: " | ")
        #expect(all.contains(figure), "\(all)")
    }

    @Test("session 11's turns: limits asked with the case said, the same figure asked again, a date corrected after a refusal", arguments: [
        // The rent cap of the family said, before the questions (an unmarried tenant: 15,000).
        (["喂 我 没 结婚 自己 租 房 住 一 年 封顶 多少"], "15,000"),
        (["我们结婚了有两个娃 租房提取一年最多提多少"], "36,000"),
        // A clerk's 年度可提额 with the monthly payment: twelve payments.
        (["还贷提取/商贷月供2,900/年度可提额"], "34,800"),
        // A price with 按…成数 asks the amount the share gives (62万 × 70%).
        (["准备买第二套房，总价六十二万，按成数最多能借多少"], "434,000"),
        // After the purchase withdrawal, 能提取多少 again is that figure, whatever its 像我这样 leans to.
        (["我2026年4月签的购房合同，总价八十万，公积金账户里还剩七万", "请问像我这样能提取多少公积金？"], "70,000"),
        // A contract month corrected after the refusal it caused.
        (["我想办购房提取", "合同是2024年10月签的", "刚才说错了是2026年10月", "房子六十五万", "余额五万二"], "52,000"),
        // A price corrected by name away from its number: 79万 less the 68万 loan.
        (["我们家买了套二手房，想提公积金，合同是二〇二六年三月签的", "房款总价七十四万，银行按揭贷了六十八万", "不好意思，总价那里我打错了一个数，应该是七十九万", "公积金余额十五万三"], "110,000"),
        // A mortgage story naming 月供 is noted; the repayment withdrawal then answers, not the repayment form.
        (["几年前我和爱人用公积金贷款买了现在住的房子，每个月银行从我工资卡里划走两千二百八的月供，从来没拖过。我的公积金账户现在有四万一。",
          "想问一下，一年下来顶多能从公积金账户里支多少去还这笔贷款？"], "27,360"),
        // Words of both kinds after a story (能取多少还房贷): the facts told decide the rule.
        (["我家的房子是找银行办的商业按揭，每个月从工资卡里扣三千六，公积金攒下来五万一了。", "一年最多能取多少还房贷？"], "43,200"),
        // A what-if on the term after a quota: 压到十二年.
        (["麻烦给我算算公积金的可贷额度", "缴了二十七个月了", "余额三万八千四", "税前每月七千二", "家里在本市还没置业", "要是年限压到十二年，额度还剩多少"], "444,000"),
        // 等额本金 described, and a loan said before its word.
        (["十八万八的公积金贷款，八年期，本金每月还一样多的那种方式，第一个月要还多少"], "2,365.67"),
        (["那个 公基金 代款 额度 是 余鹅 的 几 倍 我 账上 两 万 六"], "39万"),
        // A transcript's lone 额 is a filler, not 额度: the eligibility is answered.
        (["喂 额 想 问 一下 额 我 这 情况 贷 公基金 能 成 不", "连 着 交 了 十八 个 月", "本 市 么 有 房"], "首套"),
    ])
    func session11Turns(turns: [String], figure: String) async {
        let replies = await Fixtures.assistant().conversation("d-s11-\(turns[0])", turns)
        let all = replies.map(\.reply).joined(separator: " | ")
        #expect(all.contains(figure), "\(all)")
    }

    @Test("session 12 turns: a figure of a rule whose facts were told before it is asked mid-form; a contribution from its base and ratio; a deduction told as the loan type", arguments: [
        // The loan and term told in a story that opened another form; the payment asked next.
        (["我和未婚妻在老家县城看中了一套九十平的电梯房，首付已经凑齐，剩下的三十三万准备全部走公积金贷款，打算分十八年还清。", "照这么算，每个月的月供是多少？"], "1,914.69"),
        (["缴存基数12,000 单位个人各8% 月缴存额合计"], "1,920"),
        (["公积金基数6000每个月交多少"], "600元至1,440元"),
        (["缴存基数五万，比例12%，每月一共缴多少"], "34,515"),
        // 每个月扣 with the loan type is the year's repayment (1500 × 12), not the balance.
        (["还贷提取", "商业贷款，银行每个月扣1500", "余额27000"], "18,000"),
        (["还贷提取", "商贷", "每个月扣1500", "余额27000"], "18,000"),
        // A parent's sex from asking on their behalf: a woman cadre born 1971-03 retired in 2026.
        (["我替我妈问一下退休提取公积金的事", "她是一九七一年三月出生的，在事业单位做财务，原来是按五十五岁退休的那种", "账户里还剩六万三千八"], "63,800"),
    ])
    func session12Turns(turns: [String], figure: String) async {
        await checkTurns(turns, figure)
    }

    @Test("session 13 turns: the monthly payment asked in other words; a term in 个年头; a figure said twice in a per-character transcript; facts stated after a policy answer, then the question", arguments: [
        (["帮我算下公积金贷款的月供", "贷三十八万", "想还十八个年头", "这样子的话月月要交给银行多少钱"], "2,204.79"),
        (["退 休 了 公 积 金 怎 么 提", "一 九 六 二 年 五 月 生 的", "男 的", "余 额 是 七 万 零 三 百 七 万 零 三 百"], "70,300"),
        (["公积金贷款要怎么办理", "公积金连着交了二十个月了", "名下就那一套小房子", "能贷不"], "第二套"),
        // An amount asked with a complement (提走多少) after a purchase answer stays with it.
        (["去年十月签的购房合同，总价八十五万，我公积金里有六万二", "那按这样算我最多能提走多少"], "62,000"),
        // 按成数 with a price asks the price limit; never borrowed means nothing outstanding.
        (["额度 按成数算 首套 总价55万"], "44万"),
        (["离职了想把公积金取出来", "封存三个月了", "没贷过公积金", "余额两万"], "不符合"),
        // A correction with the old figure said after the new one; a what-if with 若.
        (["公积金贷款额度算一下", "交了四十个月", "余额三万二", "月薪九千", "本市没房", "不好意思余额看错了，应该是四万六，三万二是去年的"], "69万"),
        (["租房提取 连缴20个月 本市无房 已婚 子女3人 余额8万", "若子女按2人算，能提多少"], "36,000"),
        // A figure said again to confirm it answers one question, not the next one too.
        (["公积金能贷多少", "交了四十个月", "余 额 三 万 九 千 三 万 九 千", "税前八千", "本市没房"], "585,000"),
        // A correction by the month after a repayment withdrawal; a story that fills the
        // repayment's questions; the last answer asked again.
        (["公积金能拿来还房贷吗", "公积金中心贷的款", "每个月还一千五百三", "余额三万二", "前面那个数不对 每个月还的是一千三百五"], "16,200"),
        (["我们俩结婚好几年了，孩子要上学，首付凑齐了，剩下的三十六万想全靠公积金贷，贷二十年。"], "1,925.") ,
        (["公积金贷款二十四万 十年 第二套", "没听清 麻烦再说一遍"], "再说一遍"),
        // A monthly repayment told after the answer, then corrected with 口误.
        (["我有商贷想提公积金来还", "余额两万四千块", "每个月要还两千八", "口误口误 每个月是一千八"], "21,600"),
    ])
    func session13Turns(turns: [String], figure: String) async {
        await checkTurns(turns, figure)
    }

    @Test("session 14 turns: the result asked again in other words (没记下来 再讲一遍); a mother's original retirement age said as 五十岁退的; a clerk's what-if that one of two homes was sold; a bare count of months refining an approximate one; 她 + a sum for a known co-borrower; a figure checked again or named again; a term changed in a what-if", arguments: [
        (["租房提取 连续缴存14个月 本市无房 单身 余额2.3万", "刚 才 那 个 数 我 没 记 下 来 您 再 讲 一 遍"], "15,000"),
        (["帮我妈问下退休提取，她在厂里做了一辈子工人，按原来规矩是五十岁退的", "她是1975年3月出生的", "余额五万一千二"], "51,200"),
        (["资格初核 连缴36个月 本市住房2套", "若其中一套已过户卖出、现仅余1套，结论是否不同"], "第二套"),
        // A bare count of months after an approximate one makes it exact (35 → 34), not a balance.
        (["公积金能贷多少", "交了快三年了", "34个月", "余额四万二", "税前八千五", "没房"], "连续缴存34个月"),
        // 她 + a sum once a co-borrower is known is the co-borrower's, not the applicant's income.
        (["公积金能贷多少", "交了三十五个月", "余额四万二", "税前八千五", "没房", "那如果我老婆也一起贷呢 她余额两万", "她工资六千"], "共同借款人月收入6,000"),
        // A figure checked again after the answer, in a clerk's or a caller's words.
        (["租提·连缴45个月·本市无房·已婚·子女2人·余额5万元", "核对户口簿后子女应记3人"], "48,000"),
        (["退休提取", "1965年7月出生", "男", "余额六万七左右", "刚在手机上查了一下，准确的数是七万六千五"], "76,500"),
        (["公 积 金 贷 款 每 月 还 多 少", "贷 二 十 六 万", "还 十 四 年", "不 好 意 思 刚 才 旁 边 太 吵 了 您 能 不 能 重 复 一 下"], "1,847.99"),
        // A sum given before named again beside its new value, with no correction word.
        (["公积金能贷多少", "交了五十个月", "余额五万五", "一个月工资四千六", "本市没有房子", "哎等等，前面那个四千六是扣完五险一金到手的，没扣之前是五千四"], "674,000"),
        // A term changed in a what-if (缩短成二十年); an exact balance looked up after an approximate one.
        (["公积金贷款月供怎么算", "打算借四十万", "想分二十五年慢慢还清", "要是缩短成二十年呢，每个月变成多少"], "2,139.15"),
        (["想用公积金还房贷", "贷款是找公积金中心办下来的", "余额大概两万出头吧", "刚登上公积金APP看了，是两万一千六"], "21,600"),
        // A month's repayment made exact after the answer, said by the month (×12 for the year's).
        (["喂 俺 想 用 公积金 缓贷 行 不 行", "是 赏贷 在 农商 银行 贷 的 一个 月 还 两千五百来块", "账上 余额 有 三万 八千 二", "俺 把 还款 的 本本 翻 出来 了 一个 月 是 两千五百四十"], "30,480"),
        // A clerk's what-if opened by 如 (not 如何).
        (["公贷准入初审 // 缴存连续31个月 // 名下本市房产1套 // 公积金贷款用过1次且已还清 // 无逾期", "如该户在本市再登记一套，共两套，结论会怎样"], "不予贷款"),
        // h33: a what-if on the loan of a purchase withdrawal; a balance looked up again (按这个算);
        // a price pointed back at by name (前面那个总价…); Cantonese 係 and 仔; loans counted by 笔.
        (["购房提取 ⅰ.签约2026年9月 ⅱ.成交价95万元 ⅲ.公积金贷款76万元 ⅳ.账户余额21.8万元", "如果客户把贷款额度调到83万，可提金额是多少"], "120,000"),
        (["离职销户提取 ❖封存8个月 ❖名下无未还清公积金贷款 ❖余额2.7万元", "余额栏填的是去年年底对账单上的数，今天柜台系统里查到是3.36万元，麻烦按这个算"], "33,600"),
        (["我有买一套房子想问公积金可以提出来吗", "合同是2026年10月签的", "总价九十二万 贷款八十万", "余额十五万三千", "不好意思 前面那个总价是连车位一起算的 房子本身是八十七万"], "70,000"),
        (["我同老婆带住两个仔一直在外面租屋住，公积金可唔可以拎出来交租", "连续交咗二十六个月", "本市冇买楼", "账户里仲有四万一"], "36,000"),
        (["贷款资格核验 子：连续缴存28个月 丑：本市住房0套 寅：既往公贷1笔，已还清 卯：当前无逾期", "要是核下来这户已经结清过两笔公贷，结论会变吗"], "您已使用2次，不能再申请"),
        // A greeting opening a repayment request (你好…想请你帮我算公积金月供) is no greeting.
        (["你好，我之前有买过一套房子，这回是第二套，想请你帮我算公积金月供", "准备贷三十八万", "先按二十年算", "那假如缩到十五年还完，月供又是多少呢"], "2,637.94"),
        // An absurd number with a word or two is no account look-up: no ID number is asked for.
        (["我交了99999999999999999999个月"], "请问您想办理什么业务"),
    ])
    func session14Turns(turns: [String], figure: String) async {
        await checkTurns(turns, figure)
    }

    @Test("session 15: a clerk's facts with no question go to the rule taking the most of them; a price corrected after the answer by the old and the new value", arguments: [
        (["〘连缴〙45个月 〘余额〙4.1万 〘税前月收入〙1.1万 〘本市住房〙0套 备注：余额栏是上月对账数，本月补缴后实为4.7万，按4.7万核"], "705,000"),
        (["买房子公积金能取出来吗", "合同是2026年4月签的", "总价一百二十万 贷款九十万", "公积金余额是十八万整", "哎呀前面那个总价我说错了，一百二十万是中介开始报的价，后来谈下来是一百零五万"], "150,000"),
        // The cap after stacked uplifts asked with the case's words (多子女加人才 叠加上浮后).
        (["首套 多子女加人才 叠加上浮后 额度"], "112万"),
        // h37: a record that answers a purchase withdrawal's every question, though it reads like a quota line.
        (["截图文字识别：网签时间 2026-05-18 成交价 ￥1,200,000.00 贷款金额 ￥1,000,000.00 公积金余额 ￥165,000.00"], "165,000"),
        // A what-if selling the home owned; a month's payment corrected by naming the old one.
        (["我够不够公积金贷款条件", "交了五十七个月一直没断", "沈阳有一套老房子", "那要是我先把这套老房子卖了再买新的呢"], "首套"),
        (["在沈阳还着房贷公积金能拿来还不", "是商贷每个月还3,100", "公积金账户余额是3万9千", "不好意思前面说的每月3100是去年的月供今年利率调下来了现在每个月是2,950"], "35,400"),
    ])
    func session15Routing(turns: [String], figure: String) async {
        await checkTurns(turns, figure)
    }

    @Test("session 15: a month's payment corrected by name in word groups is twelve for the year; a loan said without its 万 is asked again, then taken with it", arguments: [
        (["喂 我 想 拿 公积金 还 房贷", "公积金 贷款 每个 月 还 两千 四", "余额 还有 四万 一", "哦 刚才 月供 讲 错 了 两千 四 是 老早 的 现在 每个 月 两千 一百"], "两万五千二百"),
        (["喂俺问问公积金借款月供是多少", "三十八呗", "俺说的是三十八万块钱", "就按二十八年整"], "一千五百九十三"),
    ])
    func session15Turns(turns: [String], figure: String) async {
        let replies = await Fixtures.assistant().conversation("d-s15-\(turns[0])", turns, channel: .ivr)
        let all = replies.map(\.reply).joined(separator: " | ")
        #expect(all.contains(figure), "\(all)")
    }

    @Test("session 12, after an answer: the payment asked again names the bank; a bare sum corrects the sum nearest in size; a month's payment corrected by the month", arguments: [
        (["我在县城买了套小房子，这是头一套。剩下二十九万准备找公积金贷，打算拿二十年慢慢还上。", "那我一个月得还银行多少钱？"], "1,550.89"),
        (["公积金贷款月供怎么算", "想借三十万", "还二十年", "哦 三 十 二 万 是 三 十 二 万"], "1,711.32"),
        (["买房借了银行的商业贷款，月月要还一千九，公积金能拿来还贷不", "不对，说错了，每个月是两千一百块", "一直按时还，从来没拖过", "公积金里有三万一"], "25,200"),
    ])
    func session12AfterAnswer(turns: [String], figure: String) async {
        await checkTurns(turns, figure)
    }

    private func checkTurns(_ turns: [String], _ figure: String) async {
        let replies = await Fixtures.assistant().conversation("d-s12-\(turns[0])", turns)
        let all = replies.map(\.reply).joined(separator: " | ")
        #expect(all.contains(figure), "\(all)")
    }

    @Test("a question about the account's interest is answered before the verification, on the phone too")
    func interestAnsweredBeforeVerification() async {
        let replies = await Fixtures.assistant().conversation("d-s12-interest", ["嗯 公基金 账户 里 的 钱 一 年 利息 多少"], channel: .ivr)
        #expect(replies[0].reply.contains("百分之一点五"), "\(replies[0].reply)")
    }

    @Test("a statement of facts that asks nothing is noted, not taken for a rule's question")
    func statementNoted() async {
        let replies = await Fixtures.assistant().conversation("d-s10-noted", ["我在这边工作三年了，公积金一直没断过"])
        #expect(replies[0].intent == "unclear" && replies[0].reply.contains("记下了"), "\(replies[0].reply)")
    }

    @Test("a story of a mortgage the bank deducts monthly is noted, and the repayment withdrawal then uses it")
    func deductedMortgageStory() async {
        let replies = await Fixtures.assistant().conversation("d-s11-deducted", [
            "我家的房子是找银行办的商业按揭，每个月从卡里扣两千九，从来没断过供。公积金里也攒下来四万二了。",
            "这钱能拿出来还房贷吗？一年能取多少？",
        ])
        #expect(replies[0].intent == "unclear" && replies[0].reply.contains("记下了"), "\(replies[0].reply)")
        #expect(replies[1].reply.contains("34,800") && !replies[1].reply.contains("身份证"), "\(replies[1].reply)")
    }

    @Test("a bank's monthly deduction after the loan word is that loan's payment", arguments: [
        FactPhrasingTests.Case("房贷每个月从工资卡里扣3600", ["annual_repayment": .double(43_200), "existing_monthly_debt": .double(3_600)]),
        FactPhrasingTests.Case("商贷每月自动扣款两千五", ["annual_repayment": .double(30_000)]),
        FactPhrasingTests.Case("车贷每个月从卡上划一千八", ["existing_monthly_debt": .double(1_800)], absent: ["annual_repayment"]),
        FactPhrasingTests.Case("公积金攒下来三万六了", ["balance": .double(36_000)]),
    ])
    func deductedPayment(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("第 before a number stays an ordinal: 我们家第一套房 is no home yet, not 家底")
    func ordinalNotHomophone() async {
        let r = await Fixtures.assistant().ask(session: "d-ordinal", channel: .chat, text: "这是我们家第一套房。公积金交了五年，余额四万，月工资一万，能贷多少")
        #expect(r.reply.contains("60万") || r.reply.contains("600,000"), "\(r.reply)")
    }

    @Test("a statement of a fact the answer's rule takes changes that answer, whatever rule its words lean to")
    func statementAfterAnswer() async {
        let replies = await Fixtures.assistant().conversation("d-stmt", ["离职了想提取公积金", "封存一年零两个月了", "余额两万零八百", "还有一笔公积金贷款没还完"])
        #expect(replies.last!.reply.contains("不符合"), "\(replies.last!.reply)")
    }

    @Test("facts said in a turn not understood are taken by the next form")
    func pendingFacts() async {
        let replies = await Fixtures.assistant().conversation("d-pending", ["我现在住的房子是自己买的", "公积金能贷多少", "交了五年", "余额五万", "工资一万"])
        #expect(replies.last!.reply.contains("1套"), "\(replies.last!.reply)")
    }

    @Test("a down payment said without a price is read as a share or a sum, never as a loan", arguments: [
        FactPhrasingTests.Case("是首付三成不是两成", ["down_payment_share": .double(0.3)], absent: ["principal", "loan_amount"]),
        FactPhrasingTests.Case("首付改成四十万", ["down_payment": .double(400_000)], absent: ["principal", "loan_amount", "balance"]),
    ])
    func downPaymentAlone(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("a price corrected with the same down payment gives the new loan", arguments: [
        FactPhrasingTests.Case("房价说错了，是七十万，首付还是三成", ["price": .double(700_000), "loan_amount": .double(490_000)]),
    ])
    func correctedPrice(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("dialect and speech-to-text: 木有 is 没有, 代过两回 is two loans used", arguments: [
        FactPhrasingTests.Case("这边木有房", "homes_owned", ["homes_owned": .int(0)]),
        FactPhrasingTests.Case("我跟我爱人以前用公积金代过两回 都还清了", ["loans_used": .int(2), "outstanding_loan": .bool(false)]),
        FactPhrasingTests.Case("俺一年到手也就六万", ["monthly_income": .double(5_000)]),
        FactPhrasingTests.Case("缴存基数6800元", ["monthly_income": .double(6_800)]),
    ])
    func dialect(_ c: FactPhrasingTests.Case) { phrasings.check(c) }

    @Test("public rental housing without the rent: the rent is asked, not an error")
    func publicRentalAsksRent() async {
        let replies = await Fixtures.assistant().conversation("d-pr", ["住公租房的能提公积金交房租吗", "交了两年", "没有房", "已婚 没孩子", "三万"])
        #expect(replies.last!.expecting == "annual_rent", "\(replies.last!.reply)")
    }

    @Test("the longest term chosen by words is the profile's; asked about, it chooses nothing")
    func longestTerm() async {
        let a = Fixtures.assistant()
        let chosen = await a.conversation("d-longest", ["我想算一下公积金贷款的月供", "贷四十五万", "那就按最长的年限来算"])
        #expect(chosen.last!.reply.contains("1,801.53"), "\(chosen.last!.reply)")
        let asked = await a.conversation("d-longest-q", ["我想算一下公积金贷款的月供", "贷四十五万", "最长年限是多少"])
        #expect(asked.last!.expecting == "term_years", "a question about the longest term chooses none: \(asked.last!.reply)")
    }

    @Test("a duration said when the loan is asked is the term, and a bare correction corrects it")
    func termThenCorrection() async {
        let replies = await Fixtures.assistant().conversation("d-term", ["我想算月供", "30年", "不对，是25年", "80万"])
        #expect(replies[2].expecting == "principal", "\(replies[2].reply)")
        #expect(replies.last!.reply.contains("3,629.36"), "\(replies.last!.reply)")
    }

    @Test("one limit asked for on its own is stated before the questions", arguments: [
        ("余额5万的话 按余额算贷款额度最多多少", "75万"),
        ("我和老婆公积金余额加起来八万 按余额能贷多少", "120万"),
        ("认定人才又是二孩家庭 公积金贷款额度最高多少", "112万"),
        ("二套 二孩上浮 贷款上限", "72万"),
        ("月供三千 提公积金还贷一年最多能提多少", "36,000"),
        ("我一个月挣一万二 公积金月供最多能承受多少", "6,000"),
        ("已有一套房 看中套60万的二手房 公积金最多贷多少", "42万"),
        ("我公积金余额三万二 能贷多少", "48万"),
        ("只看余额的话 我账户里有四万 能贷多少", "60万"),
        ("名下有房了 打算再买一套九十万的 公积金最多贷多少", "63万"),
    ])
    func oneLimit(text: String, figure: String) async {
        let r = await Fixtures.assistant().ask(session: "d-limit-\(text)", channel: .chat, text: text)
        #expect(r.reply.contains(figure), "\(r.reply)")
        #expect(r.expecting != nil, "the questions for the whole figure follow: \(r.reply)")
    }

    @Test("the limit on the phone is said in words")
    func limitSpoken() async {
        let r = await Fixtures.assistant().ask(session: "d-limit-ivr", channel: .ivr, text: "余额五万按余额能贷多少")
        #expect(r.reply.contains("七十五万"), "\(r.reply)")
        #expect(!r.reply.contains("15"), "\(r.reply)")
    }

    @Test("a request to work out a repayment gets the repayment's general answer, not the income-share entry")
    func repaymentGeneralEntry() async {
        let r = await Fixtures.assistant().ask(session: "d-repay-general", channel: .chat, text: "想请你帮忙算下公积金贷款每月要还的钱")
        #expect(!r.reply.hasPrefix("本中心按还款能力限额"), "\(r.reply)")
        #expect(r.expecting == "principal", "\(r.reply)")
    }
}
