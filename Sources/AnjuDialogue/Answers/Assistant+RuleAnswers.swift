import AnjuJSON
import AnjuRules
import Foundation

extension Assistant {
    /// Runs the rule of `intent` on the facts (defaults filled in) and words the result,
    /// saying which of the user's own values it used ("按您名下有1套住房…计算") so a
    /// misheard figure can be corrected.
    func runRule(intent: String, facts given: [String: JSONValue], said: Set<String>, confidence: Double,
                 _ state: inout SessionState, _ turn: Turn) -> AssistantReply {
        guard let definition = data.forms[intent], let rule = RuleID.named(definition.rule) else {
            return faqAnswer(intent: intent, turn.channel, into: base(turn, intent: intent, confidence: confidence, reply: ""))
        }
        var facts = given
        var assumed: [String] = []
        if let type = definition.type { facts["type"] = .string(type) }
        for (name, value) in data.defaults.sorted(by: { $0.key < $1.key }) where facts[name] == nil && isFact(name, of: intent) {
            facts[name] = value
            if let text = data.assumptionText[name] { assumed.append(text) }
        }
        if definition.type == "rent" || definition.type == "leave", facts["outstanding_loan"] == nil {
            facts["outstanding_loan"] = .bool(false)
            assumed.append(data.assumptionText["outstanding_loan_withdraw"] ?? "没有未结清的公积金贷款")
        }
        if definition.type == "repay", facts["overdue"] == nil { facts["overdue"] = .bool(false); assumed.append(data.assumptionText["overdue"] ?? "没有逾期") }
        if intent == "loan_repayment", facts["method"] == nil { assumed.append(data.assumptionText["method"] ?? "按等额本息还款") }
        // Drop facts the rule does not take (e.g. children said during a repayment question);
        // a term in months replaces the term in years.
        var accepted = facts.filter { $0.key == "type" || isFact($0.key, of: intent) }
        if accepted["term_months"] != nil { accepted["term_years"] = nil }
        let object = JSONValue.object(JSONObject(accepted.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        var r = base(turn, intent: intent, confidence: confidence, reply: "")
        switch engine.check(rule: rule.rawValue, facts: object, today: CalendarDate(turn.now)) {
        case .success(let result):
            r.result = result.json
            let wording = RuleWording(channel: turn.channel, answers: data.answers, balanceMultiplier: engine.profile.loan.balanceMultiplier,
                                      repaymentRatio: engine.profile.loan.repaymentRatio)
            let balance = (accepted["balance"]?.doubleValue ?? 0) + (accepted["co_borrower_balance"]?.doubleValue ?? 0)
            var text = wording.words(result, balance: balance)
            let used = said.sorted().compactMap { name in accepted[name].flatMap { echo(name, $0, turn.channel) } }
            let basis = used.enumerated().map { $0.offset == 0 ? "您" + $0.element : $0.element } + (RuleWording.isRefusal(result) ? [] : assumed)
            if !basis.isEmpty {
                // The basis goes inside the sentence: "…每月约还3,002.55元（按…计算）。"
                let closed = text.hasSuffix("。")
                if closed { text.removeLast() }
                text += data.answers.text("basis", turn.channel, ["items": basis.joined(separator: "、")]) + (closed ? "。" : "")
            }
            r.reply = text
        case .failure(let error):
            // Citizens never see the rules' developer text: ask again for the fact it names.
            // (or a fact the form does not ask but the case needs: the rent for public housing)
            if let name = error.fact, definition.ask.contains(name) || !data.question(name, turn.channel).isEmpty {
                var kept = given
                kept[name] = nil
                state.form = SessionState.Form(intent: intent, facts: kept, expecting: name, lastFilled: nil, said: said.subtracting([name]))
                state.completed = nil
                r.reply = data.message("implausible_number", turn.channel, ["question": data.question(name, turn.channel)])
                r.expecting = name
                return r
            }
            r.reply = data.message("facts_invalid", turn.channel)
        }
        r.citations = faqAnswer(intent: intent, turn.channel).citations
        if turn.channel == .staff { r.reply += "\n依据：" + r.citations.map { "\($0.doc) \($0.section)" }.joined(separator: "；") }
        return r
    }

    /// How a fact the user gave is said back ("名下有1套住房", "连续缴存24个月"), from
    /// `said_text` in forms.yaml; nil for facts without a wording.
    func echo(_ name: String, _ value: JSONValue, _ channel: Channel) -> String? {
        let rendered: String
        switch value {
        case .bool(let b): return data.saidText["\(name)=\(b)"]
        case .string(let s):
            // A month (birth 1964-10) is said as one: 1964年10月 / 一九六四年十月.
            let said = name == "birth" ? Figures.month(s, channel) : s
            return data.saidText["\(name)=\(s)"] ?? data.saidText[name].map { $0.replacingEvery("{value}", with: said) }
        default:
            guard let d = value.doubleValue else { return nil }
            if let special = data.saidText["\(name)=\(Int(exactly: d).map(String.init) ?? "")"] { return special }
            if Self.moneyFacts.contains(name) { rendered = Figures.exactMoney(d, channel) } else {
                rendered = Figures.count(Int(d.rounded()), channel, unit: "")
            }
        }
        return data.saidText[name].map { $0.replacingEvery("{value}", with: rendered) }
    }

    static let moneyFacts: Set<String> = ["balance", "monthly_income", "price", "principal", "annual_rent", "co_borrower_balance",
                                          "co_borrower_income", "existing_monthly_debt", "annual_repayment", "loan_amount"]
}
