import AnjuJSON

/// Sums of money with their keyword: balance, income, price, loan, rent, other debts — the
/// applicant's own or the spouse's (the co-borrower's).
extension FactScan {
    static let balanceKeys = ["账户余额", "公积金余额", "余额", "账户里有", "账上有", "账户有", "里面有", "公积金里有", "公积金有", "存了", "攒了",
                              "公积金头有", "公积金里头有", "账户里头有", "公积金账户有",
                              "公积金账户里", "公积金里", "账户只有", "公积金只有", "账户才", "账户还有", "账户里还有", "账上还有", "公积金还有", "公积金里还有", "公积金还剩", "公积金里还剩", "账户还剩", "账户里还剩", "里面还有",
                              "账户里", "账户上", "账里", "账上",
                              // (a clerk's shorthand: 余2.4w, 余17.2w — a word of its own, the sum right after)
                              "余",
                              "攒下来", "攒下了", "存下来", "攒到", "里存着", "存着", "存有",
                              // (the account, then 现在/目前 有: 我的公积金账户现在有四万一)
                              "公积金账户", "账户",
                              // (公积金里面现在有三十一万)
                              "公积金里面", "账户里面", "公积金账户里面",
                              // (plain words for the balance, as learners of Chinese say it: 公积金的钱是5.8万有)
                              "公积金的钱", "公积金钱", "公积金里的钱", "账户里的钱", "账户的钱"]
    static let incomeKeys = ["月收入", "月薪", "工资", "收入", "收", "每月挣", "1个月挣", "月入", "税前", "到手", "月挣", "挣", "月赚", "赚",
                             "每月拿", "1个月拿", "月拿", "1个月只拿", "每个月只拿", "每个月拿", "每月只拿", "月只拿", "缴存基数", "缴费基数"]
    static let priceKeys = ["房款总额", "总房款", "购房款", "房屋总额", "房屋总价", "总价", "房价", "房款", "成交价格", "成交价", "合同价", "买价", "套价", "房子", "价格", "买套", "买了套", "房子只值", "房子值", "只值", "价值", "1套房", "合同金额", "合同价款", "合同", "标价", "售价", "挂牌价", "报价", "套房",
                            // (房子钱是80万: the price in plain words)
                            "房子钱", "房子的钱", "房钱"]
    static let principalKeys = ["贷款金额", "贷款额", "借款金额", "借款额", "贷款", "贷", "借款", "借", "本金", "批成", "批下来", "贷满",
                                // (the loan as approved: 银行只批到50万)
                                "只批到", "批到", "批下来", "批了"]
    /// Words asking for a repayment: a sum said with them and no keyword is the loan
    /// (一百万三十年月供多少, 100万 30年 等额本金 首期还款额).
    static let repaymentCues = ["月供", "每月还", "每个月还", "月还款", "首期还款", "首月还", "第1个月还", "还款额", "还多少", "首期应还", "首月应还", "第1个月应还", "第1期应还", "首期还"]
    static let annualRentKeys = ["年租金", "1年房租", "房租1年", "每年房租", "房租每年", "年房租", "1年租金", "租金1年", "每年租金"]
    static let quarterlyRentKeys = ["每季度房租", "房租每季度", "每季度", "1季度房租", "房租1季度", "1个季度", "每个季度", "1季度", "每季", "1季"]
    /// Rent paid every half year (said where rent is spoken of).
    static let halfYearRentKeys = ["房租每半年", "每半年房租", "房租半年", "半年房租", "租金半年", "半年租金", "每半年", "半年1交", "半年1付", "半年交1次", "半年付1次", "半年"]
    /// Words between a period's rent and its sum: 半年|1交|1次交|9000.
    static let perPaymentGap = ["交1次", "付1次", "交一次", "付一次", "1次交", "1次付", "每次交", "每次付", "每次", "1交", "1付", "一交", "一付", "交", "付"]
    /// Rent paid once a year, its sum after the year said again: 房租1年1付 1年24000.
    static let yearlyPaymentKeys = ["1年1付", "1年1交", "1年一付", "1年一交", "1年付1次", "1年交1次", "1年付一次", "1年交一次", "按年付", "按年交", "年付"]
    static let monthlyRentKeys = ["月租金", "月租", "房租每月", "每月房租", "每个月房租", "房租每个月", "房租1个月", "租金每月", "每月租金", "房租", "租金",
                                  "租的房子", "租的房"]
    static let annualRepaymentKeys = ["本年度还款额", "年度还款额", "本年度还款", "年度还款", "本年度应还本息", "年度应还本息", "当年应还本息", "本年应还本息", "应还本息", "本年度应还", "年度应还", "当年应还", "每年还贷款", "每年还房贷", "每年还贷", "每年还款", "1年还贷", "1年还款", "1年还房贷", "年还款额", "年还款", "每年要还", "1年要还"]
    /// Loans whose monthly payment is existing debt (车贷每月2000).
    static let otherLoans = ["车贷", "消费贷", "信用贷", "网贷", "信用卡", "其他贷款", "别的贷款"]
    /// The home loan being repaid: its monthly payment is existing debt and, twelve times, the
    /// yearly repayment (每月还房贷3000, 每月月供2500).
    static let homeLoans = ["房贷", "商贷", "公贷", "还贷款", "还贷", "还款", "月供", "公积金贷款", "贷款", "每个月还", "每月还", "扣款", "划扣"]
    static let monthlyWords = ["每个月", "每月", "1个月", "月供", "月还", "月月", "按月"]
    /// A month's word and a verb of repaying (每个月要还, 按月还), built once.
    static let monthlyRepayLeads = monthlyWords.flatMap { [$0 + "要还", $0 + "得还", $0 + "还"] }

    /// Words between a keyword and its sum: 余额|说错了|是|38000, 余额|只有|30000.
    static let moneyGap = ["说错了", "错了", "不对", "应该是", "应为", "应是", "其实是", "改成", "改为", "人民币", "大概", "大约", "差不多", "一共", "总共",
                           // (the speaker's own, before the spouse's: 余额我是两万一，他是一万七)
                           "我这边是", "我这边", "我的是", "我是", "我", "本人",
                           "只有", "还有", "才", "仅", "有", "是", "为", "约", "在", "的", "了", "都", "就", "还", "要", "快", "将近", "近", " ",
                           // (Cantonese 係, simplified 系, is 是: 总价係五十八万)
                           "系",
                           // (a loan's amount as a clerk names it: 贷款额度调到83万)
                           "额度",
                           "现在", "目前", "里面", "小", "得有", "也就", "也", "顶多",
                           // What-ifs that set a sum: 本金压到42万, 余额降到3万, 工资涨到9000.
                           "压到", "降到", "减到", "调到", "调整为", "变成", "换成", "涨到", "升到",
                           "降至", "减至", "调至", "涨至", "升至", "变为", "将降至", "将涨至", "将",
                           "只剩下", "只剩", "就剩",
                           // (Cantonese 得返 and 仲有: what is left, 余额得返3.5K)
                           "得返", "只得返", "仲有",
                           // (the loan as it is approved: 贷款最后批到112万; a what-if's basis:
                           // 月薪要是只按4800元报)
                           "最后", "批到", "批了", "批下来", "要是", "只按", "就按", "按",
                           // (a review's record: 余额一项已由原登记的2.1万元改为…, 本金现核实为35万元,
                           // 余额 系统显示2.7万 — the old value is read first, a correction after it wins)
                           "1项", "这1项", "1栏", "已由", "原登记的", "原登记为", "原登记", "现核实为", "现核实的", "现核实是", "核实为",
                           "系统显示", "显示"]
    /// A price's or loan's total said as a northerner does (那套房统共才55万, 拢共); not before an
    /// income, where a total is the couple's (夫妻月收入合计1.8万).
    static let totalWords = ["统共", "拢共", "一共合", "总共合", "合计"]
    /// An income may also say its period: 工资每个月8000.
    static let incomeGap = moneyGap + ["每个月", "每月", "1个月", "月", "开", "能开", "拿", "能拿", "报", "申报", "只开得到", "开得到", "只开到", "开到", "只能拿", "只拿得到", "拿得到"]

    /// The spouse, whose sums are the co-borrower's (老婆公积金余额5万).
    static let spouseWords = ["老婆", "老公", "爱人", "妻子", "丈夫", "媳妇", "配偶", "对象", "另一半", "共同借款人", "共借人", "她那边", "他那边",
                              "我先生", "我太太", "我夫人"] + dialectSpouseWords
    /// A spouse in dialect (婆娘, 婆姨, 堂客, 屋里人, 那口子, 孩子他妈): also a word of being married.
    static let dialectSpouseWords = ["婆娘", "婆姨", "堂客", "屋里人", "那口子", "老伴", "孩子他爸", "孩子他妈", "娃他爸", "娃他妈", "孩子妈", "孩子爸"]
    static let selfWords = ["我", "本人", "自己", "主借款人", "主贷人", "申请人"]
    /// Words for the couple together: their sum is the household's (两口子加起来15000).
    static let coupleWords = ["口子", "夫妻", "我们俩", "我俩", "我们2个", "我们2人", "2个人", "全家", "本人及配偶", "本人和配偶", "本人与配偶", "本人及其配偶"]
        + ["和", "跟", "和我", "跟我"].flatMap { joint in ["爱人", "老婆", "老公", "媳妇", "丈夫", "妻子"].map { "我" + joint + $0 } }
    static let sumWords = ["加起来", "合起来", "一共", "总共", "合计", "加一块", "加1块", "加一起", "加在一起", "合一块", "合1块", "合一起", "合在一起"]
    /// Nouns that make a couple's sum something other than income.
    static let notIncome = ["余额", "公积金", "房", "贷", "存", "租", "月供", "首付"]

    /// Every sum, most specific phrasing first.
    mutating func readMoney() {
        readCouplePair()
        readRent()
        readDebts()
        readOwned(Self.balanceKeys, gap: Self.moneyGap, mine: "balance", spouse: "co_borrower_balance")
        readAnnualIncome()
        readOwned(Self.incomeKeys, gap: Self.incomeGap, mine: "monthly_income", spouse: "co_borrower_income")
        readHouseholdIncome()
        readHouseholdBalance()
        readPrice()
        readPrincipal()
        readLoanFromDownPayment()
    }

    /// Words saying the price was paid without a loan: then a down payment leaves none.
    static let paidInFull = ["全款", "一次性付清", "一次性付款", "没贷款", "没有贷款", "不贷款"]
    /// Verbs between a sum and the 首付 it pays: 20万付首付, 30万当首付.
    static let downPaymentVerbs = ["用来付", "用来交", "拿来付", "来付", "付", "交", "做", "当", "凑"]
    /// Between 首付 and its share or sum: 首付付了3成, 首付交了30万, 首付是2成.
    static let downPaymentGap = ["付了", "交了", "付", "交", "还是", "仍是", "也是", "是", "为", "了", "打算", "准备", "按", "大概", "约", " ",
                                 "改成", "改为", "变成", "换成", "调到", "提到", "降到", "应该是", "其实是", "说错了"]

    /// The down payment said (首付3成, 首付30万) — a share (`down_payment_share`, 0…1) or a sum
    /// (`down_payment`) — and the loan it leaves when the price is known (房价520000 首付3成 剩下的商贷
    /// → 364000; 总价100万 首付30万 其余贷款 → 700000; 还款试算 房价80万 首付3成 → 560000): only when the
    /// loan itself was not said and the price was not paid in full. Without a price in the turn
    /// ("是首付三成不是两成" after the price was said) the dialogue works the loan out from the
    /// price it remembers.
    private mutating func readLoanFromDownPayment() {
        guard !t.hasAny(Self.paidInFull), let key = t[...].byteRange(of: "首付") else { return }
        let at = FactText.skip(Self.downPaymentGap, in: t, from: key.upperBound)
        // The sum may come first: 手头有20万付首付, 凑了30万当首付.
        var before = key.lowerBound
        if let verb = Self.downPaymentVerbs.first(where: { t[..<key.lowerBound].ends(with: $0) }) { before = t.index(key.lowerBound, offsetBy: -verb.count) }
        let sumBefore = before < key.lowerBound ? FactText.number(endingBefore: before, in: t).flatMap { n in
            n.value >= 10_000 && t[n.range.upperBound...].prefix(anyOf: ["%", "成"]) == nil ? n : nil } : nil
        guard let n = FactText.number(in: t, at: at) ?? sumBefore, !isUsed(n.range) else { return }
        let price: Double? = if case .double(let p)?? = found["price"], p > 0 { p } else { nil }
        var loan: Double?
        var end = n.range.upperBound
        if let unit = t[end...].prefix(anyOf: ["成", "%"]) {
            let share = unit == "成" ? n.value / 10 : n.value / 100
            guard share > 0, share < 1 else { return }
            end = t.index(end, past: unit)
            take("down_payment_share", .double(share), number: n.range.lowerBound..<end)
            loan = price.map { $0 * (1 - share) }
        } else {
            guard n.value >= 1_000, price.map({ n.value < $0 }) ?? true else { return }
            take("down_payment", .double(n.value), number: n.range.lowerBound..<end)
            loan = price.map { $0 - n.value }
        }
        guard !has("principal"), let loan else { return }
        take("principal", .double(loan.rounded()))
        take("loan_amount", .double(loan.rounded()))
    }

    /// Sums after `keys` (with `gap` words between), by position, each number once; a number
    /// followed by a count unit (2年, 3套) or already taken is not one.
    /// Keys that are a clerk's one-character shorthand for a field.
    static let shorthandKeys: Set<String> = ["余", "收"]

    func sums(after keys: [String], gap: [String]) -> [(key: Range<String.Index>, number: TextNumber)] {
        var hits: [(key: Range<String.Index>, number: TextNumber)] = []
        for key in keys {
            for r in t.occurrences(of: key) {
                // A clerk's shorthand key (余2.4w, 收7.5k) has the sum right after it and is no
                // part of a word before it — not the 余 of 其余六十四万 or 剩余, the 收 of 月收/税收.
                if Self.shorthandKeys.contains(key) {
                    let alone = r.lowerBound == t.startIndex || !"其剩多盈结业富节残尚留月年税吸接丰回".contains(t[t.index(before: r.lowerBound)])
                    guard alone, r.upperBound < t.endIndex, t[r.upperBound].isASCIIDigit else { continue }
                }
                let at = FactText.skip(gap, in: t, from: r.upperBound)
                guard let n = FactText.number(in: t, at: at), !isUsed(n.range), !isCount(n),
                      !hits.contains(where: { $0.number.range == n.range }) else { continue }
                hits.append((r, thousandsJoined(n)))
            }
        }
        return hits.sorted { $0.number.range.lowerBound < $1.number.range.lowerBound }
    }

    /// A sum said in two groups after its label, as a pause splits it in a transcript (余额 三万
    /// 九千 → 30000 9000): whole ten-thousands, a space, then thousands below ten thousand
    /// (1000–9999, in hundreds) that count nothing of their own — one sum, 39000. Unlabelled
    /// groups stay apart (五年 八万 四千五 answers three questions).
    func thousandsJoined(_ n: TextNumber) -> TextNumber {
        guard n.value >= 10_000, n.value.truncatingRemainder(dividingBy: 10_000) == 0,
              n.range.upperBound < t.endIndex, t[n.range.upperBound] == " " else { return n }
        let next = t.index(after: n.range.upperBound)
        guard let m = FactText.number(in: t, at: next), !isUsed(m.range), !isCount(m),
              (1_000..<10_000).contains(m.value), m.value.truncatingRemainder(dividingBy: 100) == 0,
              m.range.upperBound == t.endIndex || !(t[m.range.upperBound].isASCIIDigit || t[m.range.upperBound] == " " && FactText.number(in: t, at: t.index(after: m.range.upperBound)) != nil)
        else { return n }
        return TextNumber(value: n.value + m.value, range: n.range.lowerBound..<m.range.upperBound)
    }

    /// Words that begin with a count unit but start the next fact (余额50000月薪9000).
    static let monthKeys = ["月薪", "月收入", "月入", "月供", "月租", "月还", "月工资", "月缴", "月挣", "月赚", "月拿"]

    /// Whether a count unit follows the number (2年, 3套, 15个月) — not a 月 that begins the
    /// next keyword (50000月薪).
    func isCount(_ n: TextNumber) -> Bool {
        guard let next = FactText.character(at: n.range.upperBound, in: t), FactText.countUnits.contains(next) else { return false }
        // (个人 is "individual": 基数7500个人按10% counts no one)
        if next == "个", t[n.range.upperBound...].hasPrefix("个人") { return false }
        // (期限 is the next field's name: 本金330000期限18年 is a sum, not 330000 instalments)
        if next == "期", t[n.range.upperBound...].prefix(anyOf: ["期限", "期间"]) != nil { return false }
        return next != "月" || t[n.range.upperBound...].prefix(anyOf: Self.monthKeys) == nil
    }

    /// The spouse or a pronoun for them (她那边, 我老婆).
    static let spouseOrPronoun = spouseWords + ["她", "他"]

    /// Whose sum it is when `words` (between a sum's word and the sum) name one person only:
    /// true for the spouse (工资她7200), false for the speaker (工资我8500), nil otherwise.
    static func spouseNamed(in words: String) -> Bool? {
        let me = words.hasAny(selfWords), spouse = words.hasAny(spouseOrPronoun)
        return me == spouse ? nil : spouse
    }

    /// Parents and children a caller asks for (我替我爸问, 我妈的公积金): 他/她 after them is
    /// that member, not a spouse.
    static let relativesAskedFor = ["我爸", "我妈", "我爹", "我娘", "俺爸", "俺妈", "俺爹", "俺娘", "我父亲", "我母亲", "我儿子", "我女儿", "我闺女",
                                    "俺儿子", "俺闺女", "老爷子", "我公公", "我婆婆", "我岳父", "我岳母"]

    /// Relatives who take the phone and speak for the member: 我是她儿子, 我是他闺女.
    static let relativesSpeaking = ["儿子", "女儿", "闺女", "孩子", "崽", "姑娘", "侄子", "外甥", "孙子"]

    /// Whether `head` opens with a relative introducing themselves (我是她儿子, 我是他的女儿).
    static func speaksForMember(_ head: Substring) -> Bool {
        for lead in ["我是她", "我是他"] {
            guard let r = head.ranges(of: lead).first else { continue }
            var rest = head[r.upperBound...]
            if rest.hasPrefix("的") { rest = rest.dropFirst() }
            if relativesSpeaking.contains(where: { rest.hasPrefix($0) }) { return true }
        }
        return false
    }

    /// Whether the sum said at `i` is the spouse's: the last person named before it is the
    /// spouse (我老婆余额…), not the speaker, and not both together (我和爱人…).
    func isSpouse(before i: String.Index) -> Bool {
        let head = t[..<i]
        // (我是她儿子 余额是31600: a relative who took the phone speaks for the member)
        if Self.speaksForMember(head) { return false }
        // 她/他 is the spouse when the text speaks of the couple (我和老婆…她那边余额3万), or sets
        // the speaker's own sum against theirs (我月薪6200，他月薪8000) — not when a parent or a
        // child was named first, for whom the speaker asks (我替我爸问 他余额两万八; 我爸在还房贷…
        // 他公积金余额5.2万): then 他/她 is that member.
        let forRelative = !t.hasAny(Self.spouseWords) && FactText.firstRange(of: Self.relativesAskedFor, in: t[...])
            .map { r in FactText.firstRange(of: ["他", "她"], in: t[...]).map { r.lowerBound < $0.lowerBound } ?? false } == true
        let contrast = !forRelative && t.has("我") && FactText.firstRange(of: ["他", "她"], in: t[...]).map { other in String(t[..<other.lowerBound]).has("我") } == true
        var words = t.hasAny(Self.spouseWords) || t.hasAny(Self.coupleWords) || contrast ? Self.spouseOrPronoun : Self.spouseWords
        // A couple's record by 男方 and 女方 (夫妻合贷 … 男方 余额2.6万 … 女方 余额1.8万): the one
        // named first applies, the other is the co-borrower.
        var applicantWord: String?
        if let man = FactText.firstRange(of: ["男方"], in: t[...]), let woman = FactText.firstRange(of: ["女方"], in: t[...]) {
            applicantWord = man.lowerBound < woman.lowerBound ? "男方" : "女方"
            words += [man.lowerBound < woman.lowerBound ? "女方" : "男方"]
        }
        guard let spouse = FactText.lastRange(of: words, in: head) else { return false }
        if let me = FactText.lastRange(of: Self.selfWords + (applicantWord.map { [$0] } ?? []), in: head), me.lowerBound > spouse.lowerBound { return false }
        if spouse.lowerBound > head.startIndex, "和跟与同及".contains(head[head.index(before: spouse.lowerBound)]) { return false }
        // (他们/她们 — 问了他们，余额… — are other people, not the spouse)
        if "他她".contains(t[spouse]), spouse.upperBound < t.endIndex, t[spouse.upperBound] == "们" { return false }
        return true
    }

    /// Balance or income, into the applicant's fact or the co-borrower's.
    private mutating func readOwned(_ keys: [String], gap: [String], mine: String, spouse: String) {
        var mineAt: String.Index?
        for hit in sums(after: keys, gap: gap) {
            // 贷款余额 is what is left of a loan, not the account balance — unless the two were
            // said apart, as items of a list (还贷提取 商贷 余额8万).
            // (nor when the loan is denied: 没有贷款余额20650 is 没有贷款, 余额20650 run together)
            // (nor when the clause denies the loan: 名下也没借过公积金贷款账户余额24700)
            if mine == "balance", t[..<hit.key.lowerBound].hasSuffix(anyOf: ["贷款", "贷"]), said?.balanceApart != true,
               !t[..<hit.key.lowerBound].hasSuffix(anyOf: ["没有贷款", "没贷款", "无贷款", "没有贷", "没贷", "无贷"]),
               !String(t[..<hit.key.lowerBound].suffix(12)).hasAny(Self.loanPaid) { continue }
            // (the person named between the word and the sum decides: 税前工资我8500，她七千二)
            let isSpouse = Self.spouseNamed(in: String(t[hit.key.upperBound..<hit.number.range.lowerBound])) ?? isSpouse(before: hit.key.lowerBound)
            if !isSpouse, mineAt == nil { mineAt = hit.number.range.upperBound }
            take(isSpouse ? spouse : mine, .double(hit.number.value), number: hit.number.range)
        }
        if let mineAt { readParallelSpouseSum(after: mineAt, fact: spouse) }
        if let mineAt { readSumAddedByPlus(after: mineAt, fact: spouse) }
    }

    /// A couple's two sums joined by + in a clerk's note (夫妻共同申请 余2.3w+1.6w 收7.5k+6k): the
    /// second, right after the first (the normaliser turned + into a space), is the co-borrower's.
    private mutating func readSumAddedByPlus(after i: String.Index, fact: String) {
        guard !has(fact), said?.sumsAdded == true, t.hasAny(Self.coupleWords) || t.hasAny(Self.spouseWords) || t.has("共同"),
              i < t.endIndex, t[i] == " " else { return }
        let at = t.index(after: i)
        guard let n = FactText.number(in: t, at: at), !isUsed(n.range), !isCount(n) else { return }
        take(fact, .double(n.value), number: n.range)
    }

    /// Words for the other person when the speaker has just given their own sum: 他/她 (the
    /// spouse, in a question about the couple's loan) or a spouse word.
    static let otherPersonWords = ["他的", "她的", "他", "她"] + spouseWords.flatMap { [$0 + "的", $0] }
    /// Between the other person and their sum: 他的是50000, 老公那边有30000, 她8500.
    static let parallelGap = ["那边", "这边", "的", "是", "有", "也有", "也是", "大概", "差不多", "只有", "才", "1个月", "每个月", "每月", " "]

    /// The spouse's sum said in parallel, with no keyword of its own, after the speaker's:
    /// 我这边余额60000多 他的是50000 (co-borrower balance), 我1个月工资7000 他8500
    /// (co-borrower income). Only the first such sum, only after the speaker's own.
    private mutating func readParallelSpouseSum(after i: String.Index, fact: String) {
        guard !has(fact), let who = FactText.firstRange(of: Self.otherPersonWords, in: t[i...]) else { return }
        let at = FactText.skip(Self.parallelGap, in: t, from: who.upperBound)
        guard let n = FactText.number(in: t, at: at), !isUsed(n.range), !isCount(n) else { return }
        // The sum must follow the person at once: 他的公积金贷款50000 is not his balance.
        take(fact, .double(n.value), number: n.range)
    }

    /// A couple's two sums said as a pair: 我和老公余额一个20000一个16000, 工资一个8000一个6000 —
    /// the first the speaker's, the second the co-borrower's.
    private mutating func readCouplePair() {
        guard t.has("1个"), t.hasAny(Self.spouseWords) || t.hasAny(Self.coupleWords) else { return }
        for (keys, mine, spouse) in [(["余额"], "balance", "co_borrower_balance"), (["工资", "月收入", "收入", "月薪"], "monthly_income", "co_borrower_income")] {
            guard let key = FactText.firstRange(of: keys, in: t[...]) else { continue }
            var at = FactText.skip(Self.moneyGap, in: t, from: key.upperBound)
            guard t[at...].begins(with: "1个") else { continue }
            at = t.index(at, offsetBy: 2)
            guard let first = FactText.number(in: t, at: at), !isUsed(first.range) else { continue }
            let next = FactText.skip([" ", "，", "元", "块"], in: t, from: first.range.upperBound)
            guard t[next...].begins(with: "1个"), let second = FactText.number(in: t, at: t.index(next, offsetBy: 2)), !isUsed(second.range) else { continue }
            take(mine, .double(first.value), number: first.range)
            take(spouse, .double(second.value), number: second.range)
        }
    }

    /// 两口子加起来15000, 我跟我老婆2个人加起来1个月12000: the household's monthly income.
    private mutating func readHouseholdIncome() {
        guard !has("monthly_income"), let couple = FactText.firstRange(of: Self.coupleWords, in: t[...]) else { return }
        // The period may come between: 两口子加起来1个月12000.
        for hit in sums(after: Self.sumWords, gap: Self.incomeGap) where hit.key.lowerBound >= couple.upperBound {
            guard !String(t[couple.upperBound..<hit.key.lowerBound]).hasAny(Self.notIncome) else { continue }
            take("monthly_income", .double(hit.number.value), number: hit.number.range)
            return
        }
    }

    /// 我们俩公积金加起来12万, 两口子余额一共20万: the couple's balances together, which the
    /// quota takes as one sum (15 × (balance + co_borrower_balance)).
    private mutating func readHouseholdBalance() {
        guard !has("balance"), !has("co_borrower_balance") else { return }
        for hit in sums(after: Self.sumWords, gap: Self.moneyGap) {
            // The couple named last before the sum (我和老婆想买房…我们俩公积金加起来12万).
            guard let couple = FactText.lastRange(of: Self.coupleWords, in: t[..<hit.key.lowerBound]) else { continue }
            let between = String(t[couple.upperBound..<hit.key.lowerBound])
            guard between.hasAny(["公积金", "余额", "账户"]), !between.hasAny(["贷", "房", "月", "工资", "收入", "交", "缴"]) else { continue }
            take("balance", .double(hit.number.value), number: hit.number.range)
            return
        }
    }

    /// An income said by the year (年薪15万, 年收入24万, 一年挣18万): a twelfth of it a month.
    static let annualIncomeKeys = ["年薪", "年收入", "1年收入", "年入", "1年挣", "1年能挣", "年工资", "1年工资", "1年到手", "年到手",
                                   "1年也挣", "1年也赚", "1年也有", "1年赚", "1年能赚", "税前1年", "1年税前", "税后1年", "1年税后", "全年收入", "全年",
                                   "1年下来", "1年到头", "全年下来"]

    private mutating func readAnnualIncome() {
        for hit in sums(after: Self.annualIncomeKeys, gap: Self.incomeGap + Self.totalWords + ["的", "是", "1年", "大概", "税前", "税后", "到手"]) where hit.number.value >= 1_000 {
            guard !endsDuration(before: hit.key) else { continue }
            let fact = isSpouse(before: hit.key.lowerBound) ? "co_borrower_income" : "monthly_income"
            take(fact, .double((hit.number.value / 12).rounded()), number: hit.number.range)
        }
    }

    /// Whether the 年 that begins an income-by-the-year key ends a duration said just
    /// before (交了6年，工资13000 — normalising drops the comma): more than one year, or one
    /// year after a word of paying or working. 1年工资15万 and 每年到手 stay yearly.
    func endsDuration(before key: Range<String.Index>) -> Bool {
        guard t[key].hasPrefix("年"), key.lowerBound > t.startIndex else { return false }
        var start = key.lowerBound
        while start > t.startIndex, let d = t[t.index(before: start)].wholeNumberValue, d >= 0, t[t.index(before: start)].isASCII { start = t.index(before: start) }
        guard start < key.lowerBound, let years = Int(t[start..<key.lowerBound]) else { return false }
        if years != 1 { return true }
        let head = t[..<start]
        return ["交了", "缴了", "缴存", "存了", "干了", "工作了", "上班", "交", "缴"].contains { head.hasSuffix($0) }
    }

    /// Homes named after their price: 150万的房子, 买个200万左右的二手房.
    static let homeNouns = ["二手房", "新房", "商品房", "期房", "现房", "房子", "住房", "房屋", "房"]
    /// Between a price and the home: 150万的房子, 200万左右的二手房, 1套100万出头的房.
    static let priceHomeGap = ["左右", "上下", "出头", "多", "的", "1套", "1个"]

    /// A price changed in a what-if: 房子换成90万的呢.
    static let priceChange = ["换成", "变成", "换了", "换"]

    /// The price of the home: 总价150万, 房价120万, 150万的房子 (at least 10000 yuan).
    private mutating func readPrice() {
        if let hit = sums(after: Self.priceKeys, gap: Self.moneyGap + Self.totalWords + Self.priceChange).first(where: { $0.number.value >= 10_000 }) {
            take("price", .double(hit.number.value), number: hit.number.range)
            return
        }
        var from = t.startIndex
        while let n = FactText.firstNumber(in: t, from: from) {
            from = n.range.upperBound
            guard n.value >= 10_000, !isUsed(n.range) else { continue }
            let at = FactText.skip(Self.priceHomeGap, in: t, from: n.range.upperBound)
            // Without a word between, a bare 房 is too loose (余额200000房贷…).
            guard let noun = t[at...].prefix(anyOf: Self.homeNouns), at > n.range.upperBound || noun != "房" else { continue }
            take("price", .double(n.value), number: n.range)
            return
        }
        // The home bought named before its price: 想再买1套760000的, 看中1套85万左右的.
        for lead in Self.buyOneLeads {
            for r in t.occurrences(of: lead) {
                let at = FactText.skip(["大概", "差不多", "价值", "总价"], in: t, from: r.upperBound)
                guard let n = FactText.number(in: t, at: at), n.value >= 100_000, !isUsed(n.range),
                      t[n.range.upperBound...].prefix(anyOf: ["左右", "上下", "出头", "的"]) != nil else { continue }
                take("price", .double(n.value), number: n.range)
                return
            }
        }
    }

    /// Words buying one home, before its price: 买1套, 看中1套, 看上1套.
    static let buyOneLeads = ["买1套", "买套", "买了1套", "看中1套", "看上1套", "相中1套", "买1个", "看好1套"]

    /// The loan asked for: 贷款50万, 贷了45万, 首付后还要贷80万, 70w贷25年 — not 还贷 (a
    /// repayment) nor 车贷 (another debt); at least 1000 yuan. The same sum is the loan taken
    /// for a purchase (`loan_amount`: 总价60万贷了50万), which the purchase rule takes instead.
    private mutating func readPrincipal() {
        for hit in sums(after: Self.principalKeys, gap: Self.moneyGap + Self.totalWords) where hit.number.value >= 1_000 {
            if t[..<hit.key.lowerBound].hasSuffix(anyOf: ["还", "车", "消费", "信用", "网"]) { continue }
            takeLoan(hit.number)
            return
        }
        // The sum before the loan word: 70w贷25年, 50万的贷款 (not 首付30万贷款…); or before 借
        // with the fund named (还差29万 准备找公积金借).
        let borrowed = t.occurrences(of: "公积金借").map { t.index($0.lowerBound, offsetBy: 3)..<$0.upperBound }
        for r in t.occurrences(of: "贷") + borrowed {
            var end = r.lowerBound
            // (33万的公积金贷款: the fund's loan named between)
            if t[..<end].ends(with: "公积金") { end = t.index(end, offsetBy: -3) }
            // (办了48万商贷: the bank's loan of a purchase)
            // (剩下58万办了房贷: the home loan)
            if t[..<end].ends(with: "商业") { end = t.index(end, offsetBy: -2) } else if t[..<end].ends(with: "商") || t[..<end].ends(with: "房") { end = t.index(before: end) }
            // (33万准备全部走公积金贷款, 33万都用公积金贷: the sum is what the loan is to take)
            for _ in 0..<4 {
                guard let lead = (Self.loanLeads + [" "]).first(where: { t[..<end].ends(with: $0) }) else { break }
                end = t.index(end, offsetBy: -lead.count)
            }
            if t[..<end].ends(with: "的") { end = t.index(before: end) }
            guard let n = FactText.number(endingBefore: end, in: t), n.value >= 10_000, !isUsed(n.range) else { continue }
            if t[..<n.range.lowerBound].hasSuffix(anyOf: ["首付", "付了", "付", "余额", "还剩", "剩"]) { continue }
            takeLoan(n)
            return
        }
        // A repayment question with one sum and no keyword: that sum is the loan.
        if mayGuess("principal"), t.hasAny(Self.repaymentCues), let n = unlabelledSum() {
            takeLoan(n)
        }
    }

    /// Words between a sum and the loan that is to take it: 准备全部走(公积金贷款), 都用, 打算申请,
    /// 走的银行(房贷).
    static let loanLeads = ["准备", "打算", "想", "全部", "全都", "都", "全", "走的", "走", "用", "申请", "办了", "办的", "办", "找", "全靠", "靠", "银行"]

    private mutating func takeLoan(_ n: TextNumber) {
        take("principal", .double(n.value), number: n.range)
        take("loan_amount", .double(n.value))
    }

    /// The one free sum of at least 10,000 yuan in the text (none when two are free).
    private func unlabelledSum() -> TextNumber? {
        var found: [TextNumber] = []
        var i = t.startIndex
        while i < t.endIndex {
            guard t[i].isASCIIDigit, let n = FactText.number(in: t, at: i) else { i = t.index(after: i); continue }
            // (not the sum that pays the down payment: 20万付首付)
            let paysDown = Self.downPaymentVerbs.contains { t[n.range.upperBound...].begins(with: $0 + "首付") } || t[n.range.upperBound...].begins(with: "首付")
            if !isUsed(n.range), !isCount(n), n.value >= 10_000, !paysDown { found.append(n) }
            i = n.range.upperBound
        }
        return found.count == 1 ? found[0] : nil
    }

    /// Rent: a year's (年租金3万) or a month's times twelve (月租2500).
    private mutating func readRent() {
        // 每季度6000 / 房租一季度6000 / 一个季度交一次每次5400: four a year.
        if let hit = sums(after: Self.quarterlyRentKeys, gap: Self.moneyGap + ["交1次", "付1次", "每次", "1交", "1付"]).first {
            take("annual_rent", .double(hit.number.value * 4), number: hit.number.range)
        }
        // 房租半年一交，一次交九千 / 每半年付8400: two a year.
        if t.has("租"), let hit = sums(after: Self.halfYearRentKeys, gap: Self.moneyGap + Self.perPaymentGap).first {
            take("annual_rent", .double(hit.number.value * 2), number: hit.number.range)
        }
        if t.has("租"), let hit = sums(after: Self.yearlyPaymentKeys, gap: Self.moneyGap + ["1年", "每年", "房租", "租金"]).first {
            take("annual_rent", .double(hit.number.value), number: hit.number.range)
        }
        if let hit = sums(after: Self.annualRentKeys, gap: Self.moneyGap).first {
            take("annual_rent", .double(hit.number.value), number: hit.number.range)
        }
        if let hit = sums(after: Self.monthlyRentKeys, gap: Self.moneyGap + ["1个月", "每个月", "每月", "1月"]).first {
            take("annual_rent", .double(hit.number.value * 12), number: hit.number.range)
        }
    }

    /// 每年还贷3万 → annual_repayment; 车贷每月2000 → existing_monthly_debt; 每月还房贷3000 → both
    /// (36000 a year).
    private mutating func readDebts() {
        if let hit = sums(after: Self.annualRepaymentKeys, gap: Self.moneyGap).first {
            take("annual_repayment", .double(hit.number.value), number: hit.number.range)
        }
        for loan in Self.otherLoans + Self.homeLoans {
            for r in t.occurrences(of: loan) {
                guard let n = paymentBefore(r) ?? monthlyPayment(of: r) else { continue }
                // A loan named as such (公积金贷款, 贷款) is repaid monthly only when the month
                // comes after it (贷款每月还4350), not in 我想算月供 贷款45万 (the loan asked about).
                // (or just before, as its repayment: 按月还公积金贷款2150元)
                let repaidMonthly = t[..<r.lowerBound].hasSuffix(anyOf: Self.monthlyRepayLeads)
                if loan.hasSuffix("贷款"), !repaidMonthly, !String(t[r.upperBound..<n.range.lowerBound]).hasAny(Self.monthlyWords) { continue }
                take("existing_monthly_debt", .double(n.value), number: n.range)
                if Self.homeLoans.contains(loan) { take("annual_repayment", .double(n.value * 12)) }
            }
        }
        // A month's repayment said with no loan word (每个月要还两千八, after a repayment
        // withdrawal was asked about): the loan's payment, as 每月还房贷 would be.
        if !has("annual_repayment"), !t.hasAny(Self.otherLoans), !t.hasAny(Self.otherDeductions) {
            for lead in Self.monthlyRepayLeads {
                for r in t.occurrences(of: lead) {
                    let at = FactText.skip(["的是", "是", " ", "大概", "差不多", "元"], in: t, from: r.upperBound)
                    guard let n = FactText.number(in: t, at: at), !isUsed(n.range), !isCount(n), n.value >= 100, n.value < 100_000 else { continue }
                    take("existing_monthly_debt", .double(n.value), number: n.range)
                    take("annual_repayment", .double(n.value * 12))
                    return
                }
            }
        }
        // A deduction said apart from its loan, where a home loan and no other is spoken of
        // (商业房贷，银行每个月从我卡上扣两千八百五), or where nothing else taken monthly is
        // (每个月扣1500, said in a repayment form): a month's deduction is a loan's payment,
        // never a balance.
        guard !has("annual_repayment"), !t.hasAny(Self.otherLoans),
              t.hasAny(Self.mortgageWords) || !t.hasAny(Self.otherDeductions) else { return }
        for word in Self.deductionWords {
            for r in t.occurrences(of: word) {
                let lead = String(t[..<r.lowerBound].suffix(12))
                let at = FactText.skip(Self.moneyGap + Self.deductionWords + ["了"], in: t, from: r.upperBound)
                guard lead.hasAny(Self.monthlyWords), let n = FactText.number(in: t, at: at), !isUsed(n.range), !isCount(n),
                      !(100_000...FactBounds.money.upperBound).contains(n.value) else { continue }
                take("existing_monthly_debt", .double(n.value), number: n.range)
                take("annual_repayment", .double(n.value * 12))
                return
            }
        }
    }

    /// Words of a home loan being repaid (商业房贷, 按揭, 公积金贷款).
    static let mortgageWords = ["房贷", "按揭", "商贷", "商业贷款", "公积金贷款", "住房贷款", "购房贷款"]

    /// What else a month's deduction may pay: the fund's own contribution, social insurance,
    /// tax, rent (工资每个月扣公积金800 is no loan's payment).
    static let otherDeductions = ["公积金", "缴", "社保", "五险", "医保", "养老", "个税", "税", "租"]

    /// Words between a monthly sum and the loan it pays: 1500的车贷, 4100块月供.
    static let sumToLoan = ["块钱的", "元钱的", "块的", "元的", "块钱", "元钱", "块", "元", "的"]

    /// The monthly sum said before the loan word at `r`, after a deduction (每个月工资卡会被扣走
    /// 1500的车贷, 每月自动划走4100块月供): nil unless a monthly word and a deduction word stand
    /// within twelve characters before the sum.
    private func paymentBefore(_ r: Range<String.Index>) -> TextNumber? {
        var end = r.lowerBound
        if let gap = Self.sumToLoan.first(where: { t[..<end].hasSuffix($0) }) { end = t.index(end, offsetBy: -gap.count) }
        guard let n = FactText.number(endingBefore: end, in: t), !isUsed(n.range), !isCount(n),
              !(100_000...FactBounds.money.upperBound).contains(n.value) else { return nil }
        let lead = String(t[..<n.range.lowerBound].suffix(12))
        guard lead.hasAny(Self.monthlyWords), lead.hasAny(Self.deductionWords) else { return nil }
        return n
    }

    /// A month said after a loan's sum (商贷 2500 1个月, 房贷三千二每月): the sum is its payment.
    static let periodAfterSum = ["1个月", "每个月", "每月", "1月"]

    /// Words of a bank taking the payment from an account: 扣, 划, 自动扣款.
    static let deductionWords = ["自动扣款", "自动扣", "自动划", "扣款", "划扣", "扣掉", "扣走", "划走", "扣", "划"]

    /// Past a deduction said after the loan (从工资卡里扣, 自动划扣, 银行扣): where its sum starts;
    /// `at` itself when there is none. The source may stand before the verb, within ten
    /// characters from 从 (从工资卡里, 从我的银行卡上).
    private func deduction(from at: String.Index) -> String.Index {
        var i = at
        if t[i...].hasPrefix("从") || t[i...].hasPrefix("在") {
            let window = t[i...].prefix(10)
            guard let verb = Self.deductionWords.compactMap({ window.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { return at }
            i = verb.lowerBound
        }
        guard let word = Self.deductionWords.first(where: { t[i...].hasPrefix($0) }) else { return at }
        return t.index(i, offsetBy: word.count)
    }

    /// The monthly payment said around the loan word at `r`: 车贷每月2000, 每月还车贷2000, 房贷月供3000.
    private func monthlyPayment(of r: Range<String.Index>) -> TextNumber? {
        var before = t[..<r.lowerBound]
        if before.ends(with: "要还") { before = before.dropLast(2) } else if before.ends(with: "还") { before = before.dropLast() }
        var at = FactText.skip(Self.monthlyWords + Self.moneyGap, in: t, from: r.upperBound)
        // A bank's deduction is the payment: 房贷每个月从工资卡里扣3600, 月供自动划2800.
        at = FactText.skip(Self.moneyGap, in: t, from: deduction(from: at))
        // The period may come a few words before: 每个月还有1笔车贷要还1500.
        let monthly = t[r].hasPrefix("月") || t[r].hasPrefix("每") || before.hasSuffix(anyOf: Self.monthlyWords) || String(t[r.upperBound..<at]).hasAny(Self.monthlyWords)
            || String(before.suffix(8)).hasAny(Self.monthlyWords)
        // (a sum a loan could be, 10万 to 1亿, is no month's payment: 月供 30万 10年 asks the
        // payment of that loan; an absurd one is still read, to be asked again)
        guard let n = FactText.number(in: t, at: at), !isUsed(n.range), !isCount(n),
              !(100_000...FactBounds.money.upperBound).contains(n.value) else { return nil }
        // (or the period said after the sum: 他贷的是商贷，两千五一个月)
        let periodAfter = FactText.skip(Self.moneyGap + [" "], in: t, from: n.range.upperBound)
        guard monthly || (!t[r].hasSuffix("贷款") && t[periodAfter...].prefix(anyOf: Self.periodAfterSum) != nil) else { return nil }
        return n
    }
}
