import AnjuJSON
import AnjuKnowledge
import AnjuRules

/// One limit of a figure said on its own, when the question asks for that limit and not
/// for the whole figure: the repayment withdrawal's yearly limit ("月供三千 一年最多能提多少"), and
/// for the loan quota the highest quota of a case ("认定人才又是二孩家庭 额度最高多少",
/// "二套 二孩上浮 贷款上限") and the limit by the balance ("余额5万 按余额能贷多少"). The figures
/// come from the rule engine (`loanCap`, `balanceLimit`), the wording from messages.yaml.
extension Assistant {
    /// Words asking for the highest quota.
    static let capWords = ["最高", "上限", "封顶", "顶格", "最多", "顶多", "至多", "顶到头", "到顶",
                           // (the cap after an uplift: 多子女加人才 叠加上浮后 额度)
                           "上浮后", "叠加后", "叠加上浮"]
    /// Words asking for the quota by the balance alone.
    static let byBalanceWords = ["余额的几倍", "余额几倍", "几倍余额", "按余额", "以余额", "余额算", "余额来算", "根据余额", "光看余额", "只看余额", "单看余额", "就看余额", "光按余额", "只按余额"]
    /// Words asking for the quota by the price.
    static let byPriceWords = ["按房价", "按总价", "根据房价", "按房款", "以房价", "房价算", "总价算", "按房子总价", "按房屋总价",
                               // (the loan-to-price share as the basis: 测额 按成数 二套 房价64万)
                               "按成数", "成数算", "按贷款成数", "按贷款比例", "按比例算"]
    /// Words asking for a share, not an amount.
    static let shareWords = ["百分之", "%", "几成", "比例", "成数"]
    /// Words asking for the sum a share gives ("按公积金的成数最多可以借到多少"): then the share
    /// words name the basis, and the amount is asked.
    static let sumAskedWords = ["借到多少", "贷到多少", "借多少", "贷多少", "多少钱", "几万", "多少万", "可贷上限", "贷款上限", "额度上限", "上限是多少", "最高可贷", "最多可贷", "可贷多少", "能贷多少",
                                 "对应金额", "对应的金额", "对应多少", "金额是多少", "合多少钱", "贷得了多少", "贷得到多少"]
    /// A clerk's words for the amount one may withdraw (年度可提额).
    static let withdrawableWords = ["可提额", "可提金额", "可提取额", "可提取金额", "可提多少", "能提额", "年度可提", "每年可提", "一年可提", "当年可提", "全年可提", "1年可提"]
    /// Facts that make the cap of a case (the home, the children, talent).
    static let capCaseFacts: Set<String> = ["homes_owned", "children", "talent"]

    /// The sentence stating the limit asked for, or nil when the turn asks for no single limit.
    /// `form` is the form after this turn.
    func limitPart(_ u: Understanding, form: SessionState.Form, _ channel: Channel) -> String? {
        guard let definition = data.forms[form.intent] else { return nil }
        if definition.rule == RuleID.loanQuota.rawValue { return quotaPart(u, facts: form.facts, channel) }
        // A repayment: the most one's income allows ("月薪一万 月供最多能还多少"), income × the
        // repayment ratio (the income is no fact of the repayment rule: read from the turn).
        if definition.rule == RuleID.loanRepayment.rawValue, Self.capWords.contains(where: { u.normalized.has($0) }),
           let income = u.extraction.facts.first(where: { $0.name == "monthly_income" })?.value.doubleValue, income > 0 {
            let ratio = engine.profile.loan.repaymentRatio
            return data.message("repay_by_income", channel, [
                "income": Figures.money(income, channel), "ratio": Figures.percent(ratio * 100, channel),
                "limit": Figures.money(income * ratio, channel),
            ])
        }
        // A rent withdrawal's cap asked with the family said ("我没结婚 租房提取一年封顶多少"):
        // the cap of that family, before the questions.
        if definition.type == WithdrawType.rent.rawValue, Self.capWords.contains(where: { u.normalized.has($0) }),
           let married = form.facts["married"]?.boolValue,
           u.extraction.facts.contains(where: { $0.name == "married" }) {
            let children = form.facts["children"]?.intValue ?? 0
            let cap = engine.profile.withdraw.rentCap(married: married, children: children)
            return data.message("rent_by_family", channel, [
                "family": data.message(married ? (children >= 2 ? "family_married_children" : "family_married") : "family_single", channel, ["children": "\(children)"]),
                "cap": Figures.money(cap, channel),
            ])
        }
        // A repayment withdrawal: at most the year's repayment (and the balance).
        if definition.type == WithdrawType.repay.rawValue, u.asksAmount || Self.capWords.contains(where: { u.normalized.has($0) }) || u.normalized.hasAny(Self.withdrawableWords),
           let yearly = form.facts["annual_repayment"]?.doubleValue, yearly > 0 {
            return data.message("repay_by_repayment", channel, ["annual_repayment": Figures.money(yearly, channel)])
        }
        return nil
    }

    /// The quota's limit asked for (the cap of a case, or the limit by the balance).
    func quotaPart(_ u: Understanding, facts: [String: JSONValue], _ channel: Channel) -> String? {
        let t = u.normalized
        let said = Set(u.extraction.facts.map(\.name))
        // (or an amount asked with the balance the only sum said: 余额四万八能贷多少)
        let balanceOnly = u.asksAmount && said.contains("balance") && !said.contains("monthly_income") && !said.contains("co_borrower_income")
        if Self.byBalanceWords.contains(where: { t.has($0) }) || balanceOnly, !said.contains("monthly_income") {
            let balances = (facts["balance"]?.doubleValue ?? 0) + (facts["co_borrower_balance"]?.doubleValue ?? 0)
            guard balances > 0 else { return nil }
            let multiplier = engine.profile.loan.balanceMultiplier
            return data.message("quota_by_balance", channel, [
                "balance": Figures.money(balances, channel), "multiplier": channel == .ivr ? SpokenNumber.decimal(multiplier) : WrittenNumber.decimal(multiplier),
                "limit": Figures.money(engine.balanceLimit(balances), channel),
            ])
        }
        // (a question about the share of the price — 房价的百分之多少, 几成 — is no cap question;
        // 按房价 with the price said asks the price limit: 测额/按房价/首套/总价57万)
        let byPriceSaid = Self.byPriceWords.contains(where: { t.has($0) })
        let byPrice = byPriceSaid && (facts["price"]?.doubleValue ?? 0) > 0
        // (按成数 with a price names the basis; it asks no share)
        let asksShare = Self.shareWords.contains(where: { t.has($0) }) && !Self.sumAskedWords.contains(where: { t.has($0) }) && !byPrice
        guard Self.capWords.contains(where: { t.has($0) }) || byPrice, !asksShare,
              // (the case said, or the price: 总价七十三万 最多能借多少 — the case the answer names,
              // a first home unless said, can be corrected)
              !said.isDisjoint(with: Self.capCaseFacts) || said.contains("price"),
              !said.contains(where: { ["balance", "monthly_income", "co_borrower_balance", "co_borrower_income"].contains($0) }) else { return nil }
        let homes = facts["homes_owned"]?.intValue ?? 0
        let children = facts["children"]?.intValue ?? 0
        let talent = facts["talent"] == .bool(true)
        var parts = [data.message(homes >= 1 ? "case_second_home" : "case_first_home", channel)]
        if children >= engine.profile.loan.upliftChildrenMin { parts.append(data.message(children == 2 ? "case_two_children" : "case_more_children", channel)) }
        if talent { parts.append(data.message("case_talent", channel)) }
        let category: LoanCategory = homes >= 1 ? .secondHome : .firstHome
        let cap = engine.loanCap(category: category, children: children, talent: talent)
        var text = data.message("quota_cap", channel, [
            "case": parts.joined(separator: "、"), "cap": Figures.money(cap, channel),
            "cap_max": Figures.money(engine.profile.loan.capMax, channel),
        ])
        // With the price said, the price limit too, and the lower of the two.
        if let price = facts["price"]?.doubleValue, price > 0 {
            let ratio = engine.profile.loan.loanToPrice[category]
            let byPrice = (price * ratio * 100).rounded() / 100   // (700000 × 0.7 is 489999.99… in binary)
            text += (channel == .ivr ? "，" : "") + data.message("quota_by_price", channel, [
                "price": Figures.money(price, channel), "ratio": Figures.percent(ratio * 100, channel),
                "limit": Figures.money(byPrice, channel), "most": Figures.money(min(cap, byPrice), channel),
            ])
        }
        return text
    }
}
