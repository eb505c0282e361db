/// Durations said with their keyword (交了2年, 封存半年, 买了3个月) and the loan term
/// (贷600000 20年, 30年还清, 360期).
extension FactScan {
    /// Words before months of contribution: 连续缴存24个月, 上班3年多了, 一直在交，8年了.
    static let contributionKeys = ["连续缴存", "连续交", "连续供", "缴存了", "缴存", "交了", "缴了", "交满", "缴满",
                                   "上班", "工作了", "工作", "干了", "做了", "交", "缴", "连续",
                                   // (换过单位但1天没断15个月)
                                   "没断过", "没断"]
    /// Words before months since the account was sealed: 封存了半年, 离职2年.
    static let sealingKeys = ["封存了", "封存", "离职了", "离职", "停缴了", "停缴", "断缴了", "断缴"]
    /// Words before months since the purchase contract: 买了3个月, 合同签了5个月.
    static let purchaseKeys = ["买了", "买房", "签合同", "签了合同", "合同签了", "购房", "网签", "合同签订", "签订", "签约", "过户"]
    /// Words between a keyword and its duration: 交了|快|2年, 一直在交| |8年了.
    static let durationGap = ["了", "有", "够了", "够", "快", "将近", "近", "满", "已经", "已", "连着", "差不多", "大概", "约", "是", "都", "才", "刚", "在", " ", "至今", "到现在",
                               "整整", "足足", "足", "不止", "超过", "不少于"]

    /// Words before a duration not yet reached: 快半年, 将近2年.
    static let almostWords = ["快", "将近", "近"]

    /// Months of contribution, of sealing and since the purchase, from durations after their keywords.
    mutating func readDurations() {
        readDuration(after: Self.contributionKeys, into: "continuous_months")
        if !has("continuous_months") { readDuration(before: Self.contributionAfterKeys, into: "continuous_months") }
        readDuration(after: Self.sealingKeys, into: "sealed_months")
        readDuration(after: Self.purchaseKeys, into: "months_since_purchase")
    }

    /// The first duration after one of `keys` whose number is still free, into `fact`.
    private mutating func readDuration(after keys: [String], into fact: String) {
        for key in keys {
            for r in t.occurrences(of: key) {
                let at = FactText.skip(Self.durationGap, in: t, from: r.upperBound)
                if let d = duration(at: at), !isUsed(d.range) {
                    // 快半年 / 将近2年: not yet that long — a month less (a rule's threshold
                    // is at the whole duration: 封存快半年 is not 6 months).
                    let almost = String(t[r.upperBound..<at]).hasAny(Self.almostWords) && d.months >= 2
                    take(fact, count: almost ? d.months - 1 : d.months, number: d.range)
                    return
                }
            }
        }
    }

    /// Words after a count of months of contribution, as a clerk writes it: 71个月连续缴存.
    static let contributionAfterKeys = ["连续缴存", "连续缴纳", "连续交", "连缴"]

    /// The first duration in months said right before one of `keys` (71个月连续缴存), into `fact`.
    private mutating func readDuration(before keys: [String], into fact: String) {
        for key in keys {
            for r in t.occurrences(of: key) {
                let head = t[..<r.lowerBound]
                guard let unit = ["个月", "月"].first(where: { head.hasSuffix($0) }) else { continue }
                let unitStart = t.index(r.lowerBound, offsetBy: -unit.count)
                guard let n = FactText.number(endingBefore: unitStart, in: t), let d = duration(at: n.range.lowerBound),
                      d.range.upperBound == r.lowerBound, !isUsed(d.range) else { continue }
                take(fact, count: d.months, number: d.range)
                return
            }
        }
    }

    /// A duration at `i`, in months: 半年 6; 18个月 / 18月 / 18期 18; 2年 24; 1年半 18;
    /// 2年3个月 27. Nil when no time unit follows the number.
    func duration(at i: String.Index) -> (months: Double, range: Range<String.Index>)? {
        guard i < t.endIndex else { return nil }
        if t[i...].begins(with: "半年") { return (6, i..<t.index(i, past: "半年")) }
        guard let n = FactText.number(in: t, at: i) else { return nil }
        let end = n.range.upperBound
        let rest = t[end...]
        if let unit = rest.prefix(anyOf: ["个月", "月", "期"]) {
            // (1个月都没断过, 1个月也没落下: never missed a month, no duration)
            let after = t[t.index(end, past: unit)...]
            if n.value == 1, after.prefix(anyOf: ["都没", "也没", "都不", "也不"]) != nil { return nil }
            return (n.value, i..<t.index(end, past: unit))
        }
        // 60多个月: sixty months and some.
        if let unit = rest.prefix(anyOf: ["多个月", "多月"]) { return (n.value, i..<t.index(end, past: unit)) }
        if rest.begins(with: "年半") { return (n.value * 12 + 6, i..<t.index(end, past: "年半")) }
        // 20多年: twenty years and some, read as the whole years said.
        if rest.begins(with: "多年") { return (n.value * 12, i..<t.index(end, past: "多年")) }
        guard rest.begins(with: "年") else { return nil }
        let afterYears = t.index(after: end)
        // 2年3个月, 1年零10个月 (a transcript's space may stand between)
        if let m = FactText.number(in: t, at: FactText.skip(["零", " "], in: t, from: afterYears)),
           let unit = t[m.range.upperBound...].prefix(anyOf: ["个月", "月"]) {
            return (n.value * 12 + m.value, i..<t.index(m.range.upperBound, past: unit))
        }
        // 2年多了，26个月: the months said after an approximate count of years, when they fall
        // within it, are the count meant.
        if t[afterYears...].begins(with: "多") {
            let at = FactText.skip(["多", "了", " ", "就是", "也就是", "具体", "准确说", "整", "共", "一共", "是", "有"], in: t, from: afterYears)
            if let m = FactText.number(in: t, at: at), let unit = t[m.range.upperBound...].prefix(anyOf: ["个月", "月"]),
               m.value >= n.value * 12, m.value < n.value * 12 + 12 {
                return (m.value, i..<t.index(m.range.upperBound, past: unit))
            }
        }
        // 六七年 (six or seven years), written 67年: two consecutive digits no contribution
        // could last (the fund began in 1991) are an approximate count, read as the lower.
        if n.value >= 34, n.value < 100, n.value == n.value.rounded(), t.distance(from: n.range.lowerBound, to: end) == 2 {
            let tens = (n.value / 10).rounded(.down), ones = n.value - 10 * (n.value / 10).rounded(.down)
            if ones == tens + 1 { return (tens * 12, i..<afterYears) }
        }
        return (n.value * 12, i..<afterYears)
    }

    // MARK: - Loan term

    /// Words right before a number of years that make it a loan term: 贷20年, 期限20年.
    /// 金代 is 公积金贷 misheard (用公基金代二十年).
    static let termBefore = ["贷款", "贷", "分", "期限", "年限", "借", "还", "按揭", "房贷", "金代", "拿",
                             // a term chosen or changed: 定20年, 拉到30年, 改成25年
                             "定", "拉到", "缩到", "缩短到", "延长到", "改成", "改为", "换成", "调成", "调到", "压到", "压缩到", "减到", "降到", "缩成", "缩短成", "延长成", "变成", "拉长到", "拉长成",
                             // (Cantonese 做 for 成: 缩短做15年)
                             "缩短做", "改做", "延长做", "拉长做"]
    /// Words right after: 20年还清, 30年期, 20年的贷款.
    static let termAfter = ["还清", "还完", "期", "贷款", "的贷款", "房贷", "按揭", "就还清", "就还完", "内还清", "内还完", "还掉", "慢慢还",
                            // (如果20年还的话，一个月是多少: the years to repay in, the clause ending there)
                            "还 ", "还呢", "还吧", "来还"]
    /// Words after a number of years that make it time gone by, never a term: 5年多, 8年了, 2年前;
    /// or what was saved in that time (攒了2年钱).
    static let elapsedAfter = ["多", "了", "前", "以来", "来", "半", "钱", "的钱"]

    /// The loan term: 360期 / 240期, then N年 in a loan's context.
    mutating func readTerm() {
        readTermPeriods()
        if !has("term_years") && !has("term_months") { readTermYears() }
        if !has("term_years") && !has("term_months") { readLongestTerm() }
    }

    /// Words choosing the longest term the policy allows ("那就按最长的年限来算",
    /// "能贷多久就贷多久").
    static let longestTermWords = ["最长年限", "最长的年限", "最长期限", "最长的期限", "年限最长", "期限最长", "按最长",
                                   "能贷多久就贷多久", "能贷多少年就贷多少年", "能贷几年就贷几年", "最长的那个"]
    /// Of those, the ones that choose the term even in a question ("年限按最长的算，月供多少？").
    static let longestTermChoices = ["按最长", "能贷多久就贷多久", "能贷多少年就贷多少年", "能贷几年就贷几年", "最长的算", "最长来算", "最长的来算"]
    /// Words of a question: "最长年限是多少" asks the policy, it chooses no term.
    static let questionWords = ["多少", "几", "吗", "什么", "怎么", "哪"]

    /// Words borrowing the highest loan allowed (按首套的最高额度贷满, 顶格贷).
    static let atCapWords = ["最高额度贷满", "额度贷满", "贷满额度", "按最高额度贷", "贷最高额度", "顶格贷", "贷到最高"]

    /// The loan at the cap of the home's category, when chosen by those words and no loan was said.
    mutating func readLoanAtCap() {
        guard !has("principal"), let caps = loanCaps, t.has("最高") || t.has("贷满") || t.has("顶格"), t.hasAny(Self.atCapWords) else { return }
        let second: Bool
        if case .int(let homes)?? = found["homes_owned"] { second = homes >= 1 } else { second = t.has("2套") && !t.has("首套") }
        let cap = second ? caps.secondHome : caps.firstHome
        take("principal", .double(cap))
        take("loan_amount", .double(cap))
    }

    /// The longest term, when chosen by those words in a statement (not asked about).
    private mutating func readLongestTerm() {
        // (every such phrase holds 最长 or 就贷: two searches decide most turns)
        guard let longest = longestTermYears, t.has("最长") || t.has("就贷"), t.hasAny(Self.longestTermWords) else { return }
        let choosing = t.hasAny(Self.longestTermChoices)
        guard choosing || !t.hasAny(Self.questionWords) else { return }
        take("term_years", .int(longest))
    }

    /// 360期 → term_years 30; 100期 → term_months 100 (the rule takes either, not both);
    /// 期限240个月 → term_years 20.
    private mutating func readTermPeriods() {
        for key in ["贷款期限", "还款期限", "期限", "分"] {
            for r in t.occurrences(of: key) {
                let at = FactText.skip(["是", "为", " "], in: t, from: r.upperBound)
                guard let n = FactText.number(in: t, at: at), !isUsed(n.range),
                      let unit = t[n.range.upperBound...].prefix(anyOf: ["个月", "月"]) else { continue }
                let range = n.range.lowerBound..<t.index(n.range.upperBound, past: unit)
                if n.value.truncatingRemainder(dividingBy: 12) == 0 {
                    take("term_years", count: n.value / 12, number: range)
                } else {
                    take("term_months", count: n.value, number: range)
                }
                return
            }
        }
        for r in t.occurrences(of: "期") {
            // (第1期, 头1期, 首1期: an instalment, not the term)
            guard let n = FactText.number(endingAt: r.lowerBound, in: t), !isUsed(n.range),
                  !t[..<n.range.lowerBound].hasSuffix(anyOf: ["第", "头", "首", "前", "最后"]) else { continue }
            let range = n.range.lowerBound..<r.upperBound
            if n.value.truncatingRemainder(dividingBy: 12) == 0 {
                take("term_years", count: n.value / 12, number: range)
            } else {
                take("term_months", count: n.value, number: range)
            }
            return
        }
    }

    /// N年 next to loan words (贷20年, 贷600000 20年, 30年还清), or — when no other fact was
    /// asked for — a lone N年 in a loan conversation ("那20年呢", "30年的").
    private mutating func readTermYears() {
        // (a loan said as borrowed money counts too: 借三十五万公积金，二十年，头一个月还多少)
        let loanSaid = t.hasAny(["贷", "按揭"]) || (has("principal") && t.hasAny(Self.repaymentCues))
        // A term said next to its loan words wins over a lone N年 said before it (攒了3年终于…
        // 分22年慢慢还: 22); the first lone one counts only when no such term is said.
        var guess: (n: TextNumber, end: String.Index, half: Bool)?
        for r in t.occurrences(of: "年") {
            guard let n = FactText.number(endingAt: r.lowerBound, in: t), !isUsed(n.range),
                  t.distance(from: n.range.lowerBound, to: n.range.upperBound) != 4 else { continue }   // 2025年 is a year
            let before = t[..<n.range.lowerBound]
            let after = t[r.upperBound...]
            // (a transcript's space may stand between: 公积金代 20年)
            let trimmed = before.hasSuffix(" ") ? before.dropLast() : before
            // (期限记错了 客户说的是16年, 拟贷年限改成12年了: the term's label a few words back, the
            // value after 是/为/改成)
            let relabelled = trimmed.hasSuffix(anyOf: ["是", "为", "改成", "改为"]) && String(trimmed.suffix(14)).hasAny(["期限", "年限"])
            // 2年多 / 3年了 / 2年前 are time passed — but 还12年半 is a term of 12½ years.
            if !relabelled, after.prefix(anyOf: Self.elapsedAfter) != nil, !(after.begins(with: "半") && before.hasSuffix(anyOf: Self.termBefore)) { continue }
            // (按30年算 is a term where a loan or a monthly payment is spoken of)
            let byYears = trimmed.hasSuffix(anyOf: ["按", "按照"]) && (loanSaid || t.hasAny(Self.repaymentCues))
            // (1年最多取多少, 还房贷，1年能提多少: a year as the period of a sum, not a term —
            // unless said right after the loan word: 贷1年)
            if n.value == 1, after.prefix(anyOf: Self.perYearAfter) != nil, before.hasSuffix(" ") || !trimmed.hasSuffix(anyOf: Self.termBefore) { continue }
            let strong = trimmed.hasSuffix(anyOf: Self.termBefore) || byYears || Self.followsAmount(before) || after.prefix(anyOf: Self.termAfter) != nil || relabelled
            // Asked for the term (or for the loan, which no duration can be: "30年" to 贷多少钱),
            // a duration leading the reply is the term: "10年等额本金头1个月要还多少".
            let asked = expecting == "term_years" || expecting == "principal"
            let weak = (mayGuess("term_years") || asked) && (loanSaid || asked || after.isEmpty || after.prefix(anyOf: ["的", "吧"]) != nil)
            if strong {
                takeTerm(n, end: r.upperBound, half: after.begins(with: "半"))
                return
            }
            // (打拼了快10年, 将近20年: time gone by, unless the term was asked)
            // (攒了2年, 等了3年: a duration after a verb's 了 is time spent too — not 贷了30年)
            let spent = trimmed.hasSuffix("了") && !trimmed.dropLast().hasSuffix(anyOf: Self.termBefore)
            let elapsed = !asked && (trimmed.hasSuffix(anyOf: ["快", "将近", "了近"]) || spent)
            if weak, !elapsed, guess == nil { guess = (n, r.upperBound, after.begins(with: "半")) }
        }
        if let guess { takeTerm(guess.n, end: guess.end, half: guess.half) }
    }

    /// Words after 1年 that make it the period of a sum (1年最多取多少, 1年能提几次).
    static let perYearAfter = ["最多", "顶多", "最高", "能", "可以", "可", "只能", "提", "取", "多少", "大概", "下来"]

    /// N年 as the term; 12年半 as 150 months (the rule takes a term in months).
    private mutating func takeTerm(_ n: TextNumber, end: String.Index, half: Bool) {
        if half {
            take("term_months", count: n.value * 12 + 6, number: n.range.lowerBound..<t.index(after: end))
        } else {
            take("term_years", count: n.value, number: n.range.lowerBound..<end)
        }
    }

    /// Whether `before` ends with a sum and a space (贷600000 20年: the term right after the amount).
    private static func followsAmount(_ before: Substring) -> Bool {
        guard before.ends(with: " "), let last = before.dropLast().last else { return false }
        return last.isASCIIDigit
    }
}
