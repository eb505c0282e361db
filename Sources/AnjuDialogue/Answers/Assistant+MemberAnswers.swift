import AnjuJSON
import AnjuRules
import Foundation

extension Assistant {
    /// A verified member's own figures: balance, contributions, or their loan.
    func memberAnswer(intent: String, member: Member, _ turn: Turn) -> AssistantReply {
        let ch = turn.channel
        let words = data.answers
        let lastDeposit = member.lastDeposit.map { words.text("member_last_deposit", ch, ["month": Figures.month($0, ch)]) } ?? ""
        let text: String
        switch intent {
        case "balance_query":
            text = words.text("member_balance", ch, [
                "balance": Figures.exactMoney(member.balance, ch), "status": words.name("status_" + member.status),
                "last_deposit": lastDeposit, "monthly_deposit": Figures.exactMoney(member.monthlyDeposit, ch),
            ])
        case "deposit_record":
            let sealed = member.status == "sealed" ? member.sealedSince.map { words.text("member_sealed_since", ch, ["month": Figures.month($0, ch)]) } : nil
            text = words.text("member_deposits", ch, [
                "months": Figures.count(member.continuousMonths, ch, unit: "个月"), "monthly_deposit": Figures.exactMoney(member.monthlyDeposit, ch),
                "base": Figures.exactMoney(member.depositBase, ch), "last_deposit": lastDeposit, "sealed": sealed ?? "",
            ])
        default:
            if member.loanOutstanding > 0 {
                text = words.text("member_loan", ch, [
                    "outstanding": Figures.exactMoney(member.loanOutstanding, ch), "payment": Figures.exactMoney(member.loanMonthlyPayment, ch),
                    "overdue": words.text(member.overdue ? "member_overdue" : "member_not_overdue", ch),
                ])
            } else {
                text = words.text("member_no_loan", ch)
            }
        }
        var r = faqAnswer(intent: intent, ch, into: base(turn, intent: intent, confidence: 1, reply: ""))
        r.reply = text
        return r
    }

    /// Facts a verified member's account supplies to the rules.
    func memberFacts(_ m: Member, now: Date) -> [String: JSONValue] {
        var f: [String: JSONValue] = [
            "account_status": .string(m.status), "balance": .double(m.balance), "continuous_months": .int(m.continuousMonths),
            "homes_owned": .int(m.homesOwned), "children": .int(m.children), "married": .bool(m.married),
            "loans_used": .int(m.loansUsed), "outstanding_loan": .bool(m.loanOutstanding > 0), "overdue": .bool(m.overdue),
            "birth": .string(m.birth), "gender": .string(m.gender), "monthly_income": .double(m.depositBase),
        ]
        if let since = m.sealedSince, let start = YearMonth(since) {
            f["sealed_months"] = .int(max(0, start.months(until: CalendarDate(now).yearMonth)))
        }
        if m.loanOutstanding > 0 { f["loan_type"] = .string("provident") }
        return f
    }
}
