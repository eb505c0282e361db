import AnjuJSON

/// The rules, by id.
public enum RuleID: String, Sendable, Hashable, CaseIterable {
    case retirementAge = "retirement_age"
    case loanEligibility = "loan_eligibility"
    case loanQuota = "loan_quota"
    case loanRepayment = "loan_repayment"
    case withdrawEligibility = "withdraw_eligibility"

    /// The rule with this id (same as `init(rawValue:)`, without the string switch).
    public static func named(_ id: String) -> RuleID? {
        for rule in all where rule.rawValue == id { return rule }
        return nil
    }

    static let all = Array(allCases)
}

/// One condition checked, in policy.md's order. ``message`` (Chinese) says what was
/// required and what the facts had; it is worded only when asked for.
public struct Reason: Sendable, Hashable {
    /// policy.md's condition code, e.g. `continuous_months`, `age_term`.
    public let code: String
    public let passed: Bool
    let detail: ReasonDetail

    init(_ code: String, _ passed: Bool, _ detail: ReasonDetail) {
        self.code = code
        self.passed = passed
        self.detail = detail
    }

    public var message: String { detail.message(passed: passed).string }

    /// `{"code": …, "passed": …, "message": …}`
    public var json: JSONValue {
        var o = JSONObject(minimumCapacity: 3)
        o.appendUnchecked("code", .string(code))
        o.appendUnchecked("passed", .bool(passed))
        o.appendUnchecked("message", .string(message))
        return .object(o)
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.staticKey("code"); w.string(code)
        w.staticKey("passed"); w.bool(passed)
        w.staticKey("message"); w.string(utf8: detail.message(passed: passed).bytes)
        w.endObject()
    }
}

/// A named upper bound on an amount (`cap`, `balance`, `capacity`, `price`, …), in yuan,
/// rounded to 0.01.
public struct Limit: Sendable, Hashable {
    public let name: String
    public let value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

// MARK: - Per-rule results

/// `retirement_age`
public struct RetirementAgeResult: Sendable, Hashable {
    public let age: RetirementAge

    public var json: JSONValue {
        var o = JSONObject(minimumCapacity: 4)
        o.appendUnchecked("age_years", .int(age.years))
        o.appendUnchecked("age_months", .int(age.months))
        o.appendUnchecked("date", .string(age.date.description))
        o.appendUnchecked("reasons", .array([]))
        return .object(o)
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.staticKey("age_years"); w.int(age.years)
        w.staticKey("age_months"); w.int(age.months)
        w.staticKey("date"); w.string(age.date.description)
        w.staticKey("reasons"); w.beginArray(); w.endArray()
        w.endObject()
    }
}

/// `loan_eligibility`
public struct LoanEligibilityResult: Sendable, Hashable {
    public let eligible: Bool
    public let category: LoanCategory
    public let reasons: [Reason]
    /// The term the age check used (nil when there was no age check).
    public let termYears: Int?

    public var json: JSONValue {
        var o = JSONObject(minimumCapacity: 3)
        o.appendUnchecked("eligible", .bool(eligible))
        o.appendUnchecked("category", .string(category.rawValue))
        o.appendUnchecked("reasons", reasonsJSON(reasons))
        return .object(o)
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.staticKey("eligible"); w.bool(eligible)
        w.staticKey("category"); w.string(category.rawValue)
        w.staticKey("reasons"); writeReasons(reasons, to: &w)
        w.endObject()
    }
}

/// `loan_quota`
public struct LoanQuotaResult: Sendable, Hashable {
    public let eligible: Bool
    public let category: LoanCategory
    /// The quota, a multiple of `loan.quota_rounding`; 0 when not eligible.
    public let amount: Double
    /// The smallest limit's name; nil when not eligible.
    public let binding: String?
    /// `cap`, `balance`, `capacity`, then `price` when a price was given; empty when not eligible.
    public let limits: [Limit]
    public let termYears: Int
    /// Annual rate, percent.
    public let rate: Double
    /// 等额本息 at `amount`, rounded to 0.01.
    public let monthlyPayment: Double
    public let reasons: [Reason]

    public var json: JSONValue {
        var o = JSONObject(minimumCapacity: 9)
        o.appendUnchecked("eligible", .bool(eligible))
        o.appendUnchecked("category", .string(category.rawValue))
        o.appendUnchecked("amount", .double(amount))
        o.appendUnchecked("binding", binding.map(JSONValue.string) ?? .null)
        o.appendUnchecked("limits", eligible ? limitsJSON(limits) : .null)
        o.appendUnchecked("term_years", .int(termYears))
        o.appendUnchecked("rate", .double(rate))
        o.appendUnchecked("monthly_payment", .double(monthlyPayment))
        o.appendUnchecked("reasons", reasonsJSON(reasons))
        return .object(o)
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.staticKey("eligible"); w.bool(eligible)
        w.staticKey("category"); w.string(category.rawValue)
        w.staticKey("amount"); w.double(amount)
        w.staticKey("binding"); if let binding { w.string(binding) } else { w.null() }
        w.staticKey("limits"); if eligible { writeLimits(limits, to: &w) } else { w.null() }
        w.staticKey("term_years"); w.int(termYears)
        w.staticKey("rate"); w.double(rate)
        w.staticKey("monthly_payment"); w.double(monthlyPayment)
        w.staticKey("reasons"); writeReasons(reasons, to: &w)
        w.endObject()
    }
}

/// `loan_repayment`. Money rounded to 0.01.
public struct LoanRepaymentResult: Sendable, Hashable {
    public let method: RepaymentMethod
    /// Annual rate, percent.
    public let rate: Double
    public let termMonths: Int
    /// 等额本息: the monthly payment (nil for 等额本金).
    public let monthlyPayment: Double?
    /// 等额本金: first and last month's payments and the monthly decrease (nil for 等额本息).
    public let firstPayment: Double?
    public let lastPayment: Double?
    public let monthlyDecrease: Double?
    public let totalInterest: Double
    public let totalPayment: Double

    public var json: JSONValue {
        var o = JSONObject(minimumCapacity: 9)
        o.appendUnchecked("method", .string(method.rawValue))
        o.appendUnchecked("rate", .double(rate))
        o.appendUnchecked("term_months", .int(termMonths))
        if let monthlyPayment { o.appendUnchecked("monthly_payment", .double(monthlyPayment)) }
        if let firstPayment { o.appendUnchecked("first_payment", .double(firstPayment)) }
        if let lastPayment { o.appendUnchecked("last_payment", .double(lastPayment)) }
        if let monthlyDecrease { o.appendUnchecked("monthly_decrease", .double(monthlyDecrease)) }
        o.appendUnchecked("total_interest", .double(totalInterest))
        o.appendUnchecked("total_payment", .double(totalPayment))
        o.appendUnchecked("reasons", .array([]))
        return .object(o)
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.staticKey("method"); w.string(method.rawValue)
        w.staticKey("rate"); w.double(rate)
        w.staticKey("term_months"); w.int(termMonths)
        if let monthlyPayment { w.staticKey("monthly_payment"); w.double(monthlyPayment) }
        if let firstPayment { w.staticKey("first_payment"); w.double(firstPayment) }
        if let lastPayment { w.staticKey("last_payment"); w.double(lastPayment) }
        if let monthlyDecrease { w.staticKey("monthly_decrease"); w.double(monthlyDecrease) }
        w.staticKey("total_interest"); w.double(totalInterest)
        w.staticKey("total_payment"); w.double(totalPayment)
        w.staticKey("reasons"); w.beginArray(); w.endArray()
        w.endObject()
    }
}

/// `withdraw_eligibility`
public struct WithdrawResult: Sendable, Hashable {
    public let type: WithdrawType
    public let eligible: Bool
    /// 0 when not eligible; rounded to 0.01.
    public let amount: Double
    /// The smallest limit's name; nil when not eligible.
    public let binding: String?
    /// `balance` first, then the type's other bounds; empty when not eligible.
    public let limits: [Limit]
    /// True when the withdrawal closes the account (retire, leave, emigrate, death) and
    /// the member is eligible.
    public let closeAccount: Bool
    public let reasons: [Reason]

    public var json: JSONValue {
        var o = JSONObject(minimumCapacity: 7)
        o.appendUnchecked("eligible", .bool(eligible))
        o.appendUnchecked("type", .string(type.rawValue))
        o.appendUnchecked("amount", .double(amount))
        o.appendUnchecked("binding", binding.map(JSONValue.string) ?? .null)
        o.appendUnchecked("limits", eligible ? limitsJSON(limits) : .null)
        o.appendUnchecked("close_account", .bool(closeAccount))
        o.appendUnchecked("reasons", reasonsJSON(reasons))
        return .object(o)
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.staticKey("eligible"); w.bool(eligible)
        w.staticKey("type"); w.string(type.rawValue)
        w.staticKey("amount"); w.double(amount)
        w.staticKey("binding"); if let binding { w.string(binding) } else { w.null() }
        w.staticKey("limits"); if eligible { writeLimits(limits, to: &w) } else { w.null() }
        w.staticKey("close_account"); w.bool(closeAccount)
        w.staticKey("reasons"); writeReasons(reasons, to: &w)
        w.endObject()
    }
}

func reasonsJSON(_ reasons: [Reason]) -> JSONValue {
    .array(reasons.map(\.json))
}

func limitsJSON(_ limits: [Limit]) -> JSONValue {
    var o = JSONObject(minimumCapacity: limits.count)
    for limit in limits { o.appendUnchecked(limit.name, .double(limit.value)) }
    return .object(o)
}

func writeReasons(_ reasons: [Reason], to w: inout JSONWriter) {
    w.beginArray()
    for reason in reasons { reason.write(to: &w) }
    w.endArray()
}

func writeLimits(_ limits: [Limit], to w: inout JSONWriter) {
    w.beginObject()
    for limit in limits {
        w.key(limit.name)
        w.double(limit.value)
    }
    w.endObject()
}

// MARK: - The result of any rule

/// What ``RuleEngine/check(rule:facts:today:)`` returns: the typed result of one rule, and its
/// JSON (the `result` object of the protocol's `check`, fields in policy.md's order).
public struct RuleResult: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case retirementAge(RetirementAgeResult)
        case loanEligibility(LoanEligibilityResult)
        case loanQuota(LoanQuotaResult)
        case loanRepayment(LoanRepaymentResult)
        case withdrawEligibility(WithdrawResult)
    }

    public let outcome: Outcome

    public init(_ outcome: Outcome) { self.outcome = outcome }

    public var rule: RuleID {
        switch outcome {
        case .retirementAge: .retirementAge
        case .loanEligibility: .loanEligibility
        case .loanQuota: .loanQuota
        case .loanRepayment: .loanRepayment
        case .withdrawEligibility: .withdrawEligibility
        }
    }

    /// The result object, e.g. `{"eligible":true,"category":"first_home","amount":600000,…}`.
    public var json: JSONValue {
        switch outcome {
        case .retirementAge(let r): r.json
        case .loanEligibility(let r): r.json
        case .loanQuota(let r): r.json
        case .loanRepayment(let r): r.json
        case .withdrawEligibility(let r): r.json
        }
    }

    /// Writes the result object (same text as `json.jsonString`, without building the tree).
    public func write(to w: inout JSONWriter) {
        switch outcome {
        case .retirementAge(let r): r.write(to: &w)
        case .loanEligibility(let r): r.write(to: &w)
        case .loanQuota(let r): r.write(to: &w)
        case .loanRepayment(let r): r.write(to: &w)
        case .withdrawEligibility(let r): r.write(to: &w)
        }
    }

    /// The result object as compact JSON text.
    public var jsonString: String {
        var w = JSONWriter(capacity: 1024)
        write(to: &w)
        return w.string
    }

    /// The result object as compact JSON, UTF-8.
    public var jsonBytes: [UInt8] {
        var w = JSONWriter(capacity: 1024)
        write(to: &w)
        return w.bytes
    }

    /// `eligible`, for the rules that have conditions.
    public var eligible: Bool? {
        switch outcome {
        case .loanEligibility(let r): r.eligible
        case .loanQuota(let r): r.eligible
        case .withdrawEligibility(let r): r.eligible
        case .retirementAge, .loanRepayment: nil
        }
    }

    /// `amount` (loan quota, withdrawal).
    public var amount: Double? {
        switch outcome {
        case .loanQuota(let r): r.amount
        case .withdrawEligibility(let r): r.amount
        default: nil
        }
    }

    /// `binding` (loan quota, withdrawal), nil when not eligible.
    public var binding: String? {
        switch outcome {
        case .loanQuota(let r): r.binding
        case .withdrawEligibility(let r): r.binding
        default: nil
        }
    }

    /// `limits` (loan quota, withdrawal), empty when not eligible.
    public var limits: [Limit] {
        switch outcome {
        case .loanQuota(let r): r.limits
        case .withdrawEligibility(let r): r.limits
        default: []
        }
    }

    /// The conditions checked, in order (empty for retirement_age and loan_repayment).
    public var reasons: [Reason] {
        switch outcome {
        case .loanEligibility(let r): r.reasons
        case .loanQuota(let r): r.reasons
        case .withdrawEligibility(let r): r.reasons
        case .retirementAge, .loanRepayment: []
        }
    }

    /// The first condition that failed, if any.
    public var firstFailure: Reason? { reasons.first { !$0.passed } }
}
