import AnjuKnowledge
import AnjuRules

/// Puts a typed rule result into words: the figure, what limited it, and the reasons —
/// 可贷约45万元（受账户余额限制：余额3万元×15倍）. The sentences come from
/// `Corpus/dialogue/answers.yaml` (per channel); this type only computes the values that
/// fill them, as each channel says figures.
struct RuleWording {
    let channel: Channel
    let answers: AnswerWording
    /// The profile's balance multiplier and repayment ratio, for explaining limits.
    let balanceMultiplier: Double
    let repaymentRatio: Double

    private func money(_ v: Double) -> String { Figures.money(v, channel) }
    private func exact(_ v: Double) -> String { Figures.exactMoney(v, channel) }
    /// The phone line says round figures ("约…元").
    private func spokenOrExact(_ v: Double) -> String { channel == .ivr ? money(v.rounded()) : exact(v) }

    /// The result in words. `balance` is what the quota's balance limit was computed on
    /// (the applicant's and any co-borrower's).
    func words(_ result: RuleResult, balance: Double) -> String {
        switch result.outcome {
        case .loanEligibility(let r): eligibility(r)
        case .loanQuota(let r): quota(r, balance: balance)
        case .loanRepayment(let r): repayment(r)
        case .withdrawEligibility(let r): withdrawal(r)
        case .retirementAge(let r): retirement(r)
        }
    }

    /// Whether the result is a refusal (then assumed defaults are not listed).
    static func isRefusal(_ result: RuleResult) -> Bool {
        switch result.outcome {
        case .loanEligibility(let r): !r.eligible
        case .loanQuota(let r): !r.eligible
        case .withdrawEligibility(let r): !r.eligible
        case .loanRepayment, .retirementAge: false
        }
    }

    /// The failed conditions' messages, or all of them (marked ✓/✗) for staff.
    func reasons(_ all: [Reason]) -> String {
        let shown = channel == .staff ? all : all.filter { !$0.passed }
        return shown.map { reason -> String in
            var m = reason.message
            while m.hasSuffix("。") { m.removeLast() }
            return channel == .staff ? ((reason.passed ? "✓ " : "✗ ") + m) : m
        }.joined(separator: channel == .staff ? "\n" : "；")
    }

    func firstFailure(_ all: [Reason]) -> String {
        all.first { !$0.passed }?.message ?? ""
    }

    private func category(_ c: LoanCategory) -> String { answers.name(c.rawValue) }

    func eligibility(_ r: LoanEligibilityResult) -> String {
        if r.eligible { return answers.text("loan_eligible", channel, ["category": category(r.category), "reasons": reasons(r.reasons)]) }
        return answers.text("loan_not_eligible", channel, ["reasons": reasons(r.reasons), "first_reason": firstFailure(r.reasons)])
    }

    func quota(_ r: LoanQuotaResult, balance: Double) -> String {
        guard r.eligible else {
            return answers.text("quota_not_eligible", channel, ["reasons": reasons(r.reasons), "first_reason": firstFailure(r.reasons)])
        }
        let why: String
        switch r.binding {
        case "cap": why = answers.text("quota_binding_cap", channel, ["category": category(r.category)])
        case "balance":
            why = answers.text("quota_binding_balance", channel, ["balance": money(balance), "multiplier": WrittenNumber.decimal(balanceMultiplier)])
        case "capacity": why = answers.text("quota_binding_capacity", channel, ["ratio": WrittenNumber.decimal(repaymentRatio * 100)])
        case "price": why = answers.text("quota_binding_price", channel)
        default: why = ""
        }
        let limits = r.limits.map { "\(answers.name("limit_" + $0.name)) \(exact($0.value))" }.joined(separator: "，")
        return answers.text("quota", channel, [
            "amount": money(r.amount), "why": why,
            "term": channel == .ivr ? Figures.count(r.termYears, .ivr, unit: "") : String(r.termYears),
            "rate": WrittenNumber.decimal(r.rate), "monthly": spokenOrExact(r.monthlyPayment),
            "limits": limits, "reasons": reasons(r.reasons),
        ])
    }

    func repayment(_ r: LoanRepaymentResult) -> String {
        var values = ["months": String(r.termMonths), "rate": WrittenNumber.decimal(r.rate),
                      "interest": spokenOrExact(r.totalInterest), "total": exact(r.totalPayment)]
        if r.method == .equalPrincipal {
            values["first"] = spokenOrExact(r.firstPayment ?? 0)
            values["decrease"] = spokenOrExact(r.monthlyDecrease ?? 0)
            values["last"] = exact(r.lastPayment ?? 0)
            return answers.text("repayment_equal_principal", channel, values)
        }
        values["monthly"] = spokenOrExact(r.monthlyPayment ?? 0)
        return answers.text("repayment_equal_installment", channel, values)
    }

    func withdrawal(_ r: WithdrawResult) -> String {
        guard r.eligible else {
            return answers.text("withdraw_not_eligible", channel, ["reasons": reasons(r.reasons), "first_reason": firstFailure(r.reasons)])
        }
        return answers.text("withdraw_eligible", channel, [
            "amount": spokenOrExact(r.amount),
            "closing": r.closeAccount ? answers.text("withdraw_closing", channel) : "",
            "reasons": reasons(r.reasons),
        ])
    }

    func retirement(_ r: RetirementAgeResult) -> String {
        let months = r.age.months == 0 ? "" : answers.text("retirement_months", channel, ["months": Figures.count(r.age.months, channel, unit: "")])
        return answers.text("retirement", channel, [
            "years": Figures.count(r.age.years, channel, unit: ""), "months_part": months,
            "date": Figures.month(r.age.date.description, channel),
        ])
    }
}
