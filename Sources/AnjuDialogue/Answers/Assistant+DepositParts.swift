import AnjuJSON
import AnjuRules

/// A month's contribution worked out when the question gives its base ("缴存基数12,000 单位
/// 个人各8% 月缴存额合计" → 960 each, 1,920 in all; "工资8000按12%交公积金每月交多少"). The base
/// is held within the year's lowest and highest base and the ratio is checked against the
/// centre's range (both from the policy profile); the wording comes from messages.yaml. The
/// intent's FAQ answer follows it.
extension Assistant {
    /// Intents whose answer works out a contribution when its base is said.
    static let depositIntents: Set<String> = ["deposit_base_ratio", "flexible_deposit"]

    /// The contribution sentence, or nil when the turn gives no base (a salary counts as the
    /// base only when a ratio is said with it).
    func depositPart(_ u: Understanding, intent: String, _ channel: Channel) -> String? {
        guard Self.depositIntents.contains(intent) else { return nil }
        var facts: [String: JSONValue] = [:]
        for f in u.extraction.facts where facts[f.name] == nil { facts[f.name] = f.value }
        let ratio = facts["deposit_ratio"]?.doubleValue
        guard let said = facts["deposit_base"]?.doubleValue ?? (ratio != nil ? facts["monthly_income"]?.doubleValue : nil), said > 0 else { return nil }
        let rules = engine.profile.deposit
        let base = min(max(said, rules.baseMin), rules.baseMax)
        func money(_ yuan: Double) -> String { Figures.money(yuan, channel) }
        func percent(_ share: Double) -> String { Figures.percent((share * 10_000).rounded() / 100, channel) }
        func each(_ share: Double) -> Double { (base * share * 100).rounded() / 100 }
        var text = ""
        if base != said {
            text += data.message(base > said ? "deposit_base_raised" : "deposit_base_capped", channel, ["said": money(said), "base": money(base)])
        }
        if let ratio {
            text += data.message("deposit_by_base", channel, [
                "base": money(base), "ratio": percent(ratio), "each": money(each(ratio)), "total": money(2 * each(ratio)),
            ])
            if ratio < rules.ratioMin || ratio > rules.ratioMax {
                text += data.message("deposit_ratio_outside", channel, ["min": percent(rules.ratioMin), "max": percent(rules.ratioMax), "ratio": percent(ratio)])
            }
        } else {
            text += data.message("deposit_by_base_range", channel, [
                "base": money(base), "low_ratio": percent(rules.ratioMin), "high_ratio": percent(rules.ratioMax),
                "low_total": money(2 * each(rules.ratioMin)), "high_total": money(2 * each(rules.ratioMax)),
                "low_each": money(each(rules.ratioMin)), "high_each": money(each(rules.ratioMax)),
            ])
        }
        return text
    }
}
