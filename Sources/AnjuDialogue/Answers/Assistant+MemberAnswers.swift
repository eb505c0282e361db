import AnjuJSON
import AnjuRules
import Foundation

extension Assistant {
    /// A verified member's own figures: balance, contributions, or their loan.
    func memberAnswer(intent: String, member: Member, _ turn: Turn) -> AssistantReply {
        let ch = turn.channel
        let statusName = ["normal": "正常", "sealed": "封存", "closed": "销户"][member.status] ?? member.status
        var text: String
        switch intent {
        case "balance_query":
            text = "您的公积金账户余额为\(Figures.exactMoney(member.balance, ch))，账户状态：\(statusName)"
            if let last = member.lastDeposit { text += "，最近一次缴存为\(Figures.month(last, ch))" }
            text += "，月缴存额\(Figures.exactMoney(member.monthlyDeposit, ch))。"
        case "deposit_record":
            text = "您已连续缴存\(Figures.count(member.continuousMonths, ch, unit: "个月"))，月缴存额\(Figures.exactMoney(member.monthlyDeposit, ch))（单位和个人合计），缴存基数\(Figures.exactMoney(member.depositBase, ch))"
            if let last = member.lastDeposit { text += "，最近一次缴存为\(Figures.month(last, ch))" }
            if member.status == "sealed", let since = member.sealedSince { text += "，账户自\(Figures.month(since, ch))起封存" }
            text += "。"
        default:
            if member.loanOutstanding > 0 {
                text = "您的公积金贷款剩余本金\(Figures.exactMoney(member.loanOutstanding, ch))，每月还款\(Figures.exactMoney(member.loanMonthlyPayment, ch))"
                text += member.overdue ? "，目前有逾期，请尽快还款。" : "，目前没有逾期。"
            } else {
                text = "您目前没有未结清的公积金贷款。"
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
