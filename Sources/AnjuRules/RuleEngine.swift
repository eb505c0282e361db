import AnjuJSON

/// Evaluates the rules of policy.md against one profile's numbers. A value type with no
/// mutable state: share it freely across tasks and threads.
///
/// Facts each rule accepts (anything else is `bad_request`; a JSON `null` counts as "not
/// given"):
///
/// | rule | required | optional |
/// |---|---|---|
/// | `retirement_age` | birth, gender | category (women; default cadre; ignored for men) |
/// | `loan_eligibility` | account_status, continuous_months, outstanding_loan, loans_used, overdue, homes_owned | birth, gender, category, term_years, on |
/// | `loan_quota` | balance, monthly_income + loan_eligibility's | loan_eligibility's + children, talent, price, co_borrower_balance, co_borrower_income, existing_monthly_debt |
/// | `loan_repayment` | principal, and one of term_years / term_months | method, homes_owned, rate |
/// | `withdraw_eligibility` | type, balance + the type's (see ``factSpec(for:type:)``) | the type's |
///
/// Ranges: money 0…1e11 (price and principal above 0); months 0…600; children 0…10;
/// loans_used and homes_owned 0…100; term_years 1…`loan.max_term_years`; term_months
/// 1…12×that; rate 0…100 (percent); months "YYYY-MM" with month 01–12, years 1900–2200.
/// Counts accept integral numbers only (`6` or `6.0`, not `6.5`); booleans only JSON
/// `true`/`false`. Errors come in this order: an unaccepted name or a bad value (in the
/// request's order), a fact of another withdrawal type, a missing fact (in the order above),
/// a conflict between facts (birth after `on`, loan_amount above price, both term_years and
/// term_months).
///
/// Choices where policy.md is silent:
/// - A JSON `null` fact is "not given" (a required one is then missing).
/// - `retirement_age`: `category` is accepted for men and ignored.
/// - `loan_eligibility`: the age check needs birth, gender and term_years; without
///   term_years there is no `age_term` reason. `on` before `birth` is a bad request.
/// - `loan_quota`: `eligible` is loan_eligibility's; an eligible member may still get
///   amount 0 (e.g. no repayment capacity, binding `capacity`). When not eligible: amount 0,
///   `binding` and `limits` null, `monthly_payment` 0, `term_years` the term checked (1 when
///   even one year fails the age check). Uplifts add up (+20% + 20% = ×1.4) before `cap_max`.
///   A co-borrower counts when co_borrower_balance or co_borrower_income is above 0; only
///   then is the optional `loan.cap_with_co_borrower` used. Limits are rounded to 0.01 before
///   the smallest is rounded down; on a tie `binding` names the first listed.
/// - `loan_repayment`: give term_years or term_months, not both. An explicit `rate` wins
///   over `homes_owned`. Rate 0 repays P/n a month.
/// - `withdraw_eligibility`: a type's facts are refused for other types. `rent`: unmarried
///   members get the single cap whatever their children; `public_rental: true` needs
///   `annual_rent` and has no cap. `repay`: `loan_type` is required and may be "none", which
///   fails `has_loan`. `purchase`: loan_amount defaults to 0 and may not exceed price.
///   `retire`: reached in the month birth + statutory age, at `on` (default today).
///   `close_account` is true only when eligible. When not eligible: amount 0, `binding` and
///   `limits` null.
/// - A day before every rate schedule entry uses the oldest entry.
public struct RuleEngine: Sendable {
    public let profile: PolicyProfile

    public init(profile: PolicyProfile) {
        self.profile = profile
    }

    /// Runs `rule` on `facts` (a JSON object). `today` is the default for `on` and picks the
    /// rate in force.
    public func check(rule: String, facts: JSONValue, today: CalendarDate) -> Result<RuleResult, RuleError> {
        do throws(RuleError) {
            return .success(try evaluate(rule: rule, facts: facts, today: today))
        } catch {
            return .failure(error)
        }
    }

    /// Same as ``check(rule:facts:today:)`` with a typed throw.
    public func evaluate(rule: String, facts: JSONValue, today: CalendarDate) throws(RuleError) -> RuleResult {
        guard let id = RuleID.named(rule) else { throw RuleError.unknownRule(rule) }
        guard case .object(let object) = facts else {
            throw RuleError.badRequest(
                "facts 应为 JSON 对象，收到的是 \(facts.typeName)。\"facts\" must be a JSON object, got \(facts.typeName).",
                fact: "facts")
        }
        return try evaluate(rule: id, facts: object, today: today)
    }

    public func evaluate(rule: RuleID, facts object: JSONObject, today: CalendarDate) throws(RuleError) -> RuleResult {
        let maxTerm = profile.loan.maxTermYears
        switch rule {
        case .retirementAge:
            let f = try Facts(object, rule: rule, accepted: Self.retirementMask, acceptedNames: Self.retirementSpec.all, maxTermYears: maxTerm)
            return RuleResult(.retirementAge(try retirementAge(f)))
        case .loanEligibility:
            let f = try Facts(object, rule: rule, accepted: Self.eligibilityMask, acceptedNames: Self.eligibilitySpec.all, maxTermYears: maxTerm)
            return RuleResult(.loanEligibility(try loanEligibility(f, today: today, chooseTerm: false)))
        case .loanQuota:
            let f = try Facts(object, rule: rule, accepted: Self.quotaMask, acceptedNames: Self.quotaSpec.all, maxTermYears: maxTerm)
            return RuleResult(.loanQuota(try loanQuota(f, today: today)))
        case .loanRepayment:
            let f = try Facts(object, rule: rule, accepted: Self.repaymentMask, acceptedNames: Self.repaymentSpec.all, maxTermYears: maxTerm)
            return RuleResult(.loanRepayment(try loanRepayment(f, today: today)))
        case .withdrawEligibility:
            let f = try Facts(object, rule: rule, accepted: Self.withdrawAnyMask, acceptedNames: Self.withdrawAnyNames, maxTermYears: maxTerm)
            return RuleResult(.withdrawEligibility(try withdraw(f, object: object, today: today)))
        }
    }

    // MARK: - Fact specs

    static let retirementSpec = FactSpec(required: [.birth, .gender], optional: [.category])
    static let eligibilitySpec = FactSpec(
        required: [.accountStatus, .continuousMonths, .outstandingLoan, .loansUsed, .overdue, .homesOwned],
        optional: [.birth, .gender, .category, .termYears, .on])
    static let quotaSpec = FactSpec(
        required: [.balance, .monthlyIncome, .accountStatus, .continuousMonths, .outstandingLoan, .loansUsed, .overdue, .homesOwned],
        optional: [.birth, .gender, .category, .termYears, .on, .children, .talent, .price,
                   .coBorrowerBalance, .coBorrowerIncome, .existingMonthlyDebt])
    /// term_months may replace term_years.
    static let repaymentSpec = FactSpec(required: [.principal, .termYears], optional: [.termMonths, .method, .homesOwned, .rate])
    static let withdrawCommonSpec = FactSpec(required: [.type, .balance], optional: [])

    static func withdrawSpec(_ type: WithdrawType) -> FactSpec {
        switch type {
        case .rent: FactSpec(required: [.type, .balance, .continuousMonths, .homesOwned, .outstandingLoan, .married, .children], optional: [.annualRent, .publicRental])
        case .repay: FactSpec(required: [.type, .balance, .loanType, .overdue], optional: [.annualRepayment])
        case .purchase: FactSpec(required: [.type, .balance, .monthsSincePurchase, .price], optional: [.loanAmount])
        case .retire: FactSpec(required: [.type, .balance, .birth, .gender], optional: [.category, .on])
        case .leave: FactSpec(required: [.type, .balance, .sealedMonths, .outstandingLoan], optional: [])
        case .illness: FactSpec(required: [.type, .balance, .outOfPocket], optional: [])
        case .renovation: FactSpec(required: [.type, .balance, .monthsSinceCompletion, .contribution], optional: [])
        case .emigrate: FactSpec(required: [.type, .balance, .settledAbroad], optional: [])
        case .death: FactSpec(required: [.type, .balance, .heir], optional: [])
        }
    }

    static let retirementMask = retirementSpec.mask
    static let eligibilityMask = eligibilitySpec.mask
    static let quotaMask = quotaSpec.mask
    static let repaymentMask = repaymentSpec.mask
    static let withdrawMasks: [FactMask] = WithdrawType.tokens.map { withdrawSpec($0).mask }
    static let withdrawAnyMask = FactMask(rawValue: withdrawMasks.reduce(0) { $0 | $1.rawValue })
    static var withdrawAnyNames: [String] {
        var names: [String] = []
        for type in WithdrawType.allCases {
            for name in withdrawSpec(type).all where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The facts a rule accepts, for slot filling. For `withdraw_eligibility` pass the type
    /// (without it: just `type` and `balance`). For `loan_repayment`, `term_months` may be
    /// given instead of `term_years`.
    public static func factSpec(for rule: RuleID, type: WithdrawType? = nil) -> FactSpec {
        switch rule {
        case .retirementAge: retirementSpec
        case .loanEligibility: eligibilitySpec
        case .loanQuota: quotaSpec
        case .loanRepayment: repaymentSpec
        case .withdrawEligibility: type.map(withdrawSpec) ?? withdrawCommonSpec
        }
    }

    // MARK: - retirement_age

    func retirementAge(_ f: Facts) throws(RuleError) -> RetirementAgeResult {
        let birth = try need(f.birth, .birth)
        let gender = try need(f.gender, .gender)
        return RetirementAgeResult(age: profile.retirement.age(birth: birth, gender: gender, category: f.category ?? .cadre))
    }

    // MARK: - loan_eligibility

    /// The loan conditions. With `chooseTerm` (loan_quota) a missing term_years is chosen:
    /// the longest term, shortened so the age check passes when birth and gender are given.
    func loanEligibility(_ f: Facts, today: CalendarDate, chooseTerm: Bool) throws(RuleError) -> LoanEligibilityResult {
        let status = try need(f.accountStatus, .accountStatus)
        let continuous = try need(f.continuousMonths, .continuousMonths)
        let outstanding = try need(f.outstandingLoan, .outstandingLoan)
        let loansUsed = try need(f.loansUsed, .loansUsed)
        let overdue = try need(f.overdue, .overdue)
        let homes = try need(f.homesOwned, .homesOwned)
        let l = profile.loan

        var reasons: [Reason] = []
        reasons.reserveCapacity(7)
        reasons.append(Reason("account_normal", status == .normal, .accountNormal(status)))
        reasons.append(Reason("continuous_months", continuous >= l.minContinuousMonths,
                              .continuousMonths(required: l.minContinuousMonths, actual: continuous)))
        reasons.append(Reason("no_outstanding_loan", !outstanding, .noOutstandingLoan(.loan)))
        reasons.append(Reason("loans_used", loansUsed < l.maxLoansUsed, .loansUsed(max: l.maxLoansUsed, actual: loansUsed)))
        reasons.append(Reason("no_overdue", !overdue, .noOverdue(.loan)))
        reasons.append(Reason("homes_owned", homes <= l.maxHomesOwned, .homesOwned(max: l.maxHomesOwned, actual: homes)))

        var term = f.termYears
        if let birth = f.birth, let gender = f.gender, term != nil || chooseTerm {
            let on = f.on ?? today.yearMonth
            let ageAtOn = birth.months(until: on)
            guard ageAtOn >= 0 else { throw Self.birthAfter(on) }
            let retirement = profile.retirement.age(birth: birth, gender: gender, category: f.category ?? .cadre)
            let limit = retirement.totalMonths + l.retirementExtraYears * 12
            let check: AgeTermCheck
            if let given = term {
                check = AgeTermCheck(termYears: given, ageAtEnd: ageAtOn + given * 12, retirement: retirement,
                                     extraYears: l.retirementExtraYears, chosen: false, shortened: false)
            } else {
                let room = limit - ageAtOn
                let chosen = room >= 12 ? min(l.maxTermYears, room / 12) : 1
                check = AgeTermCheck(termYears: chosen, ageAtEnd: ageAtOn + chosen * 12, retirement: retirement,
                                     extraYears: l.retirementExtraYears, chosen: true, shortened: chosen < l.maxTermYears)
                term = chosen
            }
            reasons.append(Reason("age_term", check.passed, .ageTerm(check)))
        }
        if term == nil, chooseTerm { term = l.maxTermYears }

        return LoanEligibilityResult(
            eligible: reasons.allSatisfy(\.passed),
            category: homes == 0 ? .firstHome : .secondHome,
            reasons: reasons,
            termYears: term)
    }

    static func birthAfter(_ on: YearMonth) -> RuleError {
        RuleError.conflict(.birth, zh: "晚于计算年月 on（\(on)）", en: "is after \"on\" (\(on))")
    }

    // MARK: - loan_quota

    /// The highest loan of a category, with the uplifts that apply (children, talent: they
    /// add up, +20% + 20% = ×1.4) and the overall `cap_max`: the quota rule's `cap` limit,
    /// also said on its own for "二套 二孩上浮 贷款上限".
    public func loanCap(category: LoanCategory, children: Int, talent: Bool, coBorrower: Bool = false) -> Double {
        let l = profile.loan
        let baseCap = (coBorrower ? l.capWithCoBorrower?[category] : nil) ?? l.cap[category]
        var uplift = 0.0
        if children >= l.upliftChildrenMin { uplift += l.upliftChildren }
        if talent { uplift += l.upliftTalent }
        return min(baseCap * (1 + uplift), l.capMax)
    }

    /// The quota's limit by the balances (the applicant's and the co-borrower's together):
    /// `balance_multiplier` times their sum.
    public func balanceLimit(_ balances: Double) -> Double {
        profile.loan.balanceMultiplier * balances
    }

    func loanQuota(_ f: Facts, today: CalendarDate) throws(RuleError) -> LoanQuotaResult {
        let balance = try need(f.balance, .balance)
        let income = try need(f.monthlyIncome, .monthlyIncome)
        let e = try loanEligibility(f, today: today, chooseTerm: true)
        let l = profile.loan
        let termYears = e.termYears ?? l.maxTermYears
        let months = termYears * 12
        let rate = profile.rates.annualRate(category: e.category, termMonths: months, on: today)
        guard e.eligible else {
            return LoanQuotaResult(eligible: false, category: e.category, amount: 0, binding: nil, limits: [],
                                   termYears: termYears, rate: rate, monthlyPayment: 0, reasons: e.reasons)
        }
        let coBalance = f.coBorrowerBalance ?? 0
        let coIncome = f.coBorrowerIncome ?? 0
        let monthlyRate = rate / 1200

        let cap = loanCap(category: e.category, children: f.children ?? 0, talent: f.talent ?? false,
                          coBorrower: coBalance > 0 || coIncome > 0)
        let byBalance = balanceLimit(balance + coBalance)
        // capacity
        let allowedPayment = l.repaymentRatio * (income + coIncome) - (f.existingMonthlyDebt ?? 0)
        let capacity = Money.principalForPayment(allowedPayment, monthlyRate: monthlyRate, months: months)

        var limits: [Limit] = []
        limits.reserveCapacity(4)
        limits.append(Limit(name: "cap", value: Money.round2(cap)))
        limits.append(Limit(name: "balance", value: Money.round2(byBalance)))
        limits.append(Limit(name: "capacity", value: Money.round2(capacity)))
        if let price = f.price {
            limits.append(Limit(name: "price", value: Money.round2(price * l.loanToPrice[e.category])))
        }
        let smallest = Self.smallest(limits)
        let amount = Money.floor(smallest.value, toMultipleOf: l.quotaRounding)
        let payment = amount > 0 ? Money.equalInstallmentPayment(principal: amount, monthlyRate: monthlyRate, months: months) : 0
        return LoanQuotaResult(
            eligible: true, category: e.category, amount: amount, binding: smallest.name, limits: limits,
            termYears: termYears, rate: rate, monthlyPayment: Money.round2(payment), reasons: e.reasons)
    }

    /// The smallest limit; on a tie, the first listed.
    static func smallest(_ limits: [Limit]) -> Limit {
        var best = limits[0]
        for limit in limits.dropFirst() where limit.value < best.value { best = limit }
        return best
    }

    // MARK: - loan_repayment

    func loanRepayment(_ f: Facts, today: CalendarDate) throws(RuleError) -> LoanRepaymentResult {
        let principal = try need(f.principal, .principal)
        let months: Int
        switch (f.termYears, f.termMonths) {
        case (let years?, nil): months = years * 12
        case (nil, let m?): months = m
        case (_?, _?):
            throw RuleError.conflict(.termMonths, zh: "不能与 term_years 同时给出，请只给其中一个",
                                     en: "cannot be given together with \"term_years\"; give one of them")
        case (nil, nil):
            throw RuleError.missing(.termYears, context: "请给出 term_years（1–\(profile.loan.maxTermYears) 年）或 term_months（1–\(profile.loan.maxTermYears * 12) 个月）")
        }
        let rate = f.rate ?? profile.rates.annualRate(
            category: (f.homesOwned ?? 0) == 0 ? .firstHome : .secondHome, termMonths: months, on: today)
        return Self.repayment(principal: principal, termMonths: months, annualRate: rate, method: f.method ?? .equalInstallment)
    }

    /// The repayment figures of a loan (rounded half-up to 0.01; computed unrounded).
    /// `annualRate` is in percent.
    public static func repayment(principal: Double, termMonths n: Int, annualRate: Double, method: RepaymentMethod) -> LoanRepaymentResult {
        let r = annualRate / 1200
        switch method {
        case .equalInstallment:
            let payment = Money.equalInstallmentPayment(principal: principal, monthlyRate: r, months: n)
            let interest = payment * Double(n) - principal
            return LoanRepaymentResult(
                method: method, rate: annualRate, termMonths: n, monthlyPayment: Money.round2(payment),
                firstPayment: nil, lastPayment: nil, monthlyDecrease: nil,
                totalInterest: Money.round2(interest), totalPayment: Money.round2(principal + interest))
        case .equalPrincipal:
            let part = principal / Double(n)
            let interest = principal * r * Double(n + 1) / 2
            return LoanRepaymentResult(
                method: method, rate: annualRate, termMonths: n, monthlyPayment: nil,
                firstPayment: Money.round2(part + principal * r),
                lastPayment: Money.round2(part + part * r),
                monthlyDecrease: Money.round2(part * r),
                totalInterest: Money.round2(interest), totalPayment: Money.round2(principal + interest))
        }
    }

    // MARK: - withdraw_eligibility

    func withdraw(_ f: Facts, object: JSONObject, today: CalendarDate) throws(RuleError) -> WithdrawResult {
        let type = try need(f.type, .type)
        let mask = Self.withdrawMasks[WithdrawType.tokens.firstIndex(of: type) ?? 0]
        if f.present.rawValue & ~mask.rawValue != 0 {
            // Name the first such fact in the request's order.
            for (key, _) in object {
                if let fact = Fact.named(key), f.present.contains(fact), !mask.contains(fact) {
                    throw RuleError.notForType(fact, type: type, accepted: Self.withdrawSpec(type).all)
                }
            }
        }
        let balance = try need(f.balance, .balance)
        let w = profile.withdraw
        var reasons: [Reason] = []
        reasons.reserveCapacity(3)
        var limits: [Limit] = [Limit(name: "balance", value: Money.round2(balance))]
        var closes = false

        switch type {
        case .rent:
            let continuous = try need(f.continuousMonths, .continuousMonths)
            let homes = try need(f.homesOwned, .homesOwned)
            let outstanding = try need(f.outstandingLoan, .outstandingLoan)
            let married = try need(f.married, .married)
            let children = try need(f.children, .children)
            let publicRental = f.publicRental ?? false
            if publicRental, f.annualRent == nil {
                throw RuleError.missing(.annualRent, context: "租住公共租赁住房时按实际房租提取，须给出年租金")
            }
            reasons.append(Reason("continuous_months", continuous >= w.rentMinContinuousMonths,
                                  .continuousMonths(required: w.rentMinContinuousMonths, actual: continuous)))
            reasons.append(Reason("no_home", homes == 0, .noHome(actual: homes)))
            reasons.append(Reason("no_outstanding_loan", !outstanding, .noOutstandingLoan(.rent)))
            if !publicRental {
                limits.append(Limit(name: "cap", value: Money.round2(w.rentCap(married: married, children: children))))
            }
            if let rent = f.annualRent { limits.append(Limit(name: "annual_rent", value: Money.round2(rent))) }
        case .repay:
            let loanType = try need(f.loanType, .loanType)
            let overdue = try need(f.overdue, .overdue)
            reasons.append(Reason("has_loan", loanType != .none, .hasLoan(loanType)))
            reasons.append(Reason("no_overdue", !overdue, .noOverdue(.repay)))
            if let yearly = f.annualRepayment { limits.append(Limit(name: "annual_repayment", value: Money.round2(yearly))) }
        case .purchase:
            let months = try need(f.monthsSincePurchase, .monthsSincePurchase)
            let price = try need(f.price, .price)
            let loan = f.loanAmount ?? 0
            guard loan <= price else {
                throw RuleError.conflict(.loanAmount, zh: "不能超过房价 price（\(Money.format(price))元）",
                                         en: "must not exceed \"price\" (\(Money.format(price)))")
            }
            reasons.append(Reason("within_period", months <= w.purchaseMaxMonths, .purchasePeriod(max: w.purchaseMaxMonths, actual: months)))
            limits.append(Limit(name: "price_less_loan", value: Money.round2(price - loan)))
        case .retire:
            let birth = try need(f.birth, .birth)
            let gender = try need(f.gender, .gender)
            let on = f.on ?? today.yearMonth
            guard birth <= on else { throw Self.birthAfter(on) }
            let age = profile.retirement.age(birth: birth, gender: gender, category: f.category ?? .cadre)
            reasons.append(Reason("retirement_age_reached", on >= age.date, .retirementReached(age: age, on: on)))
            closes = true
        case .leave:
            let sealed = try need(f.sealedMonths, .sealedMonths)
            let outstanding = try need(f.outstandingLoan, .outstandingLoan)
            reasons.append(Reason("sealed_period", sealed >= w.leaveMinSealedMonths,
                                  .sealedPeriod(required: w.leaveMinSealedMonths, actual: sealed)))
            reasons.append(Reason("no_outstanding_loan", !outstanding, .noOutstandingLoan(.leave)))
            closes = true
        case .illness:
            let cost = try need(f.outOfPocket, .outOfPocket)
            reasons.append(Reason("has_cost", cost > 0, .hasCost(cost)))
            limits.append(Limit(name: "out_of_pocket", value: Money.round2(cost)))
        case .renovation:
            let months = try need(f.monthsSinceCompletion, .monthsSinceCompletion)
            let contribution = try need(f.contribution, .contribution)
            reasons.append(Reason("within_period", months <= w.renovationMaxMonths,
                                  .renovationPeriod(max: w.renovationMaxMonths, actual: months)))
            limits.append(Limit(name: "contribution", value: Money.round2(contribution)))
        case .emigrate:
            let settled = try need(f.settledAbroad, .settledAbroad)
            reasons.append(Reason("settled_abroad", settled, .settledAbroad))
            closes = true
        case .death:
            let heir = try need(f.heir, .heir)
            reasons.append(Reason("heir", heir, .heir))
            closes = true
        }

        let eligible = reasons.allSatisfy(\.passed)
        guard eligible else {
            return WithdrawResult(type: type, eligible: false, amount: 0, binding: nil, limits: [],
                                  closeAccount: false, reasons: reasons)
        }
        let smallest = Self.smallest(limits)
        return WithdrawResult(type: type, eligible: true, amount: smallest.value, binding: smallest.name,
                              limits: limits, closeAccount: closes, reasons: reasons)
    }
}

@inline(__always)
func need<T>(_ value: T?, _ fact: Fact) throws(RuleError) -> T {
    guard let value else { throw RuleError.missing(fact) }
    return value
}
