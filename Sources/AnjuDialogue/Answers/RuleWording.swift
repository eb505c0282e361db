import AnjuJSON
import AnjuKnowledge

/// Puts a rule result into words: the figure, what limited it, and the reasons.
/// 可贷约45万元（受账户余额限制：余额3万元×15倍）.
struct RuleWording {
    let channel: Channel
    /// The profile's balance multiplier and repayment ratio, for explaining limits.
    let balanceMultiplier: Double
    let repaymentRatio: Double

    func money(_ v: Double) -> String { Figures.money(v, channel) }

    /// The failed conditions' messages, or all of them for staff.
    func reasons(_ result: JSONValue) -> String {
        let all = result["reasons"]?.arrayValue ?? []
        let shown = channel == .staff ? all : all.filter { $0["passed"]?.boolValue == false }
        return shown.compactMap { r -> String? in
            guard var m = r["message"]?.stringValue else { return nil }
            while m.hasSuffix("。") { m.removeLast() }
            return channel == .staff ? ((r["passed"]?.boolValue == true ? "✓ " : "✗ ") + m) : m
        }.joined(separator: channel == .staff ? "\n" : "；")
    }

    func words(intent: String, facts: [String: JSONValue], result: JSONValue) -> String {
        switch intent {
        case "loan_quota": return quota(facts, result)
        case "loan_eligibility": return eligibility(result)
        case "loan_repayment": return repayment(result)
        default: return withdrawal(intent, result)
        }
    }

    private func categoryName(_ result: JSONValue) -> String {
        result["category"]?.stringValue == "second_home" ? "第二套住房" : "首套住房"
    }

    func eligibility(_ r: JSONValue) -> String {
        if r["eligible"]?.boolValue == true {
            if channel == .ivr { return "您符合公积金贷款的申请条件，按\(categoryName(r))认定。" }
            return "按您提供的情况，符合公积金贷款申请条件，按\(categoryName(r))认定。" + (channel == .staff ? "\n" + reasons(r) : "")
        }
        if channel == .ivr { return "暂不符合贷款条件，" + firstFailure(r) }
        return "暂不符合公积金贷款申请条件：" + reasons(r) + "。"
    }

    func firstFailure(_ r: JSONValue) -> String {
        (r["reasons"]?.arrayValue ?? []).first { $0["passed"]?.boolValue == false }?["message"]?.stringValue ?? ""
    }

    func quota(_ facts: [String: JSONValue], _ r: JSONValue) -> String {
        guard r["eligible"]?.boolValue == true else {
            if channel == .ivr { return "暂不符合贷款条件，可贷额度为零。" + firstFailure(r) }
            return "暂不符合公积金贷款条件，可贷额度为0：" + reasons(r) + "。"
        }
        let amount = r["amount"]?.doubleValue ?? 0
        let binding = r["binding"]?.stringValue ?? ""
        let limits = r["limits"]
        let monthly = r["monthly_payment"]?.doubleValue ?? 0
        let term = r["term_years"]?.intValue ?? 0
        let rate = r["rate"]?.doubleValue ?? 0
        let balance = (facts["balance"]?.doubleValue ?? 0) + (facts["co_borrower_balance"]?.doubleValue ?? 0)
        let why: String
        switch binding {
        case "cap": why = "受\(categoryName(r))最高额度限制"
        case "balance":
            why = channel == .ivr ? "受账户余额限制" : "受账户余额限制：余额\(money(balance))×\(WrittenNumber.decimal(balanceMultiplier))倍"
        case "capacity":
            why = channel == .ivr ? "受还款能力限制" : "受还款能力限制：月还款不超过月收入的\(WrittenNumber.decimal(repaymentRatio * 100))%"
        case "price": why = channel == .ivr ? "受房价贷款成数限制" : "受房价限制：最多贷房价的一定比例"
        default: why = ""
        }
        if channel == .ivr {
            return "您最多可贷约\(money(amount))，\(why)，贷\(Figures.count(term, .ivr, unit: "年"))每月约还\(money(monthly.rounded()))。"
        }
        var text = "按您提供的情况，可贷约\(money(amount))（\(why)）。按\(term)年、年利率\(WrittenNumber.decimal(rate))%等额本息计算，每月约还\(Figures.exactMoney(monthly, channel))。"
        if channel == .staff, let limits = limits?.objectValue {
            let names = ["cap": "最高额度", "balance": "余额倍数", "capacity": "还款能力", "price": "房价成数"]
            text += "\n各项限额：" + limits.map { "\(names[$0.key] ?? $0.key) \(Figures.exactMoney($0.value.doubleValue ?? 0, channel))" }.joined(separator: "，")
            text += "\n" + reasons(r)
        }
        return text
    }

    func repayment(_ r: JSONValue) -> String {
        let months = r["term_months"]?.intValue ?? 0
        let rate = r["rate"]?.doubleValue ?? 0
        let interest = r["total_interest"]?.doubleValue ?? 0
        if r["method"]?.stringValue == "equal_principal" {
            let first = r["first_payment"]?.doubleValue ?? 0, last = r["last_payment"]?.doubleValue ?? 0, dec = r["monthly_decrease"]?.doubleValue ?? 0
            if channel == .ivr {
                return "按等额本金，首月还\(money(first.rounded()))，以后每月减少约\(money(dec.rounded()))，总利息约\(money(interest.rounded()))。"
            }
            return "按等额本金、\(months)个月、年利率\(WrittenNumber.decimal(rate))%计算：首月还\(Figures.exactMoney(first, channel))，之后每月递减\(Figures.exactMoney(dec, channel))，末月还\(Figures.exactMoney(last, channel))，总利息\(Figures.exactMoney(interest, channel))，还款总额\(Figures.exactMoney(r["total_payment"]?.doubleValue ?? 0, channel))。"
        }
        let monthly = r["monthly_payment"]?.doubleValue ?? 0
        if channel == .ivr {
            return "按等额本息，每月约还\(money(monthly.rounded()))，总利息约\(money(interest.rounded()))。"
        }
        return "按等额本息、\(months)个月、年利率\(WrittenNumber.decimal(rate))%计算：每月还款\(Figures.exactMoney(monthly, channel))，总利息\(Figures.exactMoney(interest, channel))，还款总额\(Figures.exactMoney(r["total_payment"]?.doubleValue ?? 0, channel))。"
    }

    func withdrawal(_ intent: String, _ r: JSONValue) -> String {
        let amount = r["amount"]?.doubleValue ?? 0
        let close = r["close_account"]?.boolValue == true
        if r["eligible"]?.boolValue == true {
            let tail = close ? (channel == .ivr ? "，提取后账户将注销" : "，提取后账户销户") : ""
            if channel == .ivr { return "您符合提取条件，最多可提取约\(money(amount.rounded()))\(tail)。" }
            return "按您提供的情况，符合提取条件，最多可提取\(Figures.exactMoney(amount, channel))\(tail)。" + (channel == .staff ? "\n" + reasons(r) : "")
        }
        if channel == .ivr { return "暂不符合提取条件，" + firstFailure(r) }
        return "暂不符合提取条件：" + reasons(r) + "。"
    }
}
