import AnjuJSON

public enum AccountStatus: String, Sendable, Hashable, CaseIterable {
    case normal
    case sealed
    case closed
}

public enum RepaymentMethod: String, Sendable, Hashable, CaseIterable {
    /// 等额本息
    case equalInstallment = "equal_installment"
    /// 等额本金
    case equalPrincipal = "equal_principal"
}

public enum WithdrawType: String, Sendable, Hashable, CaseIterable {
    case rent, repay, purchase, retire, leave, illness, renovation, emigrate, death
}

/// The loan a `repay` withdrawal pays off. `none` (no loan being repaid) makes `has_loan` fail.
public enum LoanType: String, Sendable, Hashable, CaseIterable {
    case provident
    case commercial
    case none
}

/// Every fact name any rule accepts. The raw value is the bit in a ``FactMask``.
enum Fact: Int, CaseIterable, Sendable {
    case birth, gender, category, on
    case accountStatus, continuousMonths, outstandingLoan, loansUsed, overdue, homesOwned, termYears
    case balance, monthlyIncome, children, talent, price, coBorrowerBalance, coBorrowerIncome, existingMonthlyDebt
    case principal, termMonths, method, rate
    case type, married, annualRent, publicRental, loanType, annualRepayment, monthsSincePurchase, loanAmount
    case sealedMonths, outOfPocket, monthsSinceCompletion, contribution, settledAbroad, heir

    var name: String {
        switch self {
        case .birth: "birth"
        case .gender: "gender"
        case .category: "category"
        case .on: "on"
        case .accountStatus: "account_status"
        case .continuousMonths: "continuous_months"
        case .outstandingLoan: "outstanding_loan"
        case .loansUsed: "loans_used"
        case .overdue: "overdue"
        case .homesOwned: "homes_owned"
        case .termYears: "term_years"
        case .balance: "balance"
        case .monthlyIncome: "monthly_income"
        case .children: "children"
        case .talent: "talent"
        case .price: "price"
        case .coBorrowerBalance: "co_borrower_balance"
        case .coBorrowerIncome: "co_borrower_income"
        case .existingMonthlyDebt: "existing_monthly_debt"
        case .principal: "principal"
        case .termMonths: "term_months"
        case .method: "method"
        case .rate: "rate"
        case .type: "type"
        case .married: "married"
        case .annualRent: "annual_rent"
        case .publicRental: "public_rental"
        case .loanType: "loan_type"
        case .annualRepayment: "annual_repayment"
        case .monthsSincePurchase: "months_since_purchase"
        case .loanAmount: "loan_amount"
        case .sealedMonths: "sealed_months"
        case .outOfPocket: "out_of_pocket"
        case .monthsSinceCompletion: "months_since_completion"
        case .contribution: "contribution"
        case .settledAbroad: "settled_abroad"
        case .heir: "heir"
        }
    }

    /// What the fact is, in Chinese, for messages.
    var label: String {
        switch self {
        case .birth: "出生年月"
        case .gender: "性别"
        case .category: "女职工原退休年龄类别"
        case .on: "计算年月"
        case .accountStatus: "账户状态"
        case .continuousMonths: "连续缴存月数"
        case .outstandingLoan: "家庭是否有未结清的公积金贷款"
        case .loansUsed: "家庭已使用公积金贷款次数"
        case .overdue: "目前是否有逾期贷款"
        case .homesOwned: "本市已有住房套数"
        case .termYears: "贷款年限"
        case .balance: "账户余额"
        case .monthlyIncome: "月收入"
        case .children: "子女数"
        case .talent: "是否为认定人才"
        case .price: "房价"
        case .coBorrowerBalance: "共同借款人账户余额"
        case .coBorrowerIncome: "共同借款人月收入"
        case .existingMonthlyDebt: "现有贷款月还款额"
        case .principal: "贷款本金"
        case .termMonths: "贷款月数"
        case .method: "还款方式"
        case .rate: "年利率百分数"
        case .type: "提取类型"
        case .married: "是否已婚"
        case .annualRent: "年租金"
        case .publicRental: "是否租住公共租赁住房"
        case .loanType: "所还贷款类型"
        case .annualRepayment: "年还款额"
        case .monthsSincePurchase: "购房合同签订后的月数"
        case .loanAmount: "购房贷款金额"
        case .sealedMonths: "账户封存月数"
        case .outOfPocket: "个人负担的医疗费用"
        case .monthsSinceCompletion: "加装电梯竣工验收后的月数"
        case .contribution: "个人出资额"
        case .settledAbroad: "是否已出境定居"
        case .heir: "申请人是否为继承人或受遗赠人"
        }
    }

    /// Facts by the UTF-8 length of their name: a lookup compares a handful of short
    /// strings instead of hashing.
    static let byLength: [[Fact]] = {
        var table = [[Fact]](repeating: [], count: 33)
        for fact in Fact.allCases { table[fact.name.utf8.count].append(fact) }
        return table
    }()

    /// The fact called `name`, if any.
    static func named(_ name: String) -> Fact? {
        let n = name.utf8.count
        guard n < byLength.count else { return nil }
        for fact in byLength[n] where fact.name == name { return fact }
        return nil
    }
}

/// String enums parsed without the standard library's string switch.
protocol FactToken: RawRepresentable, CaseIterable where RawValue == String {
    static var tokens: [Self] { get }
}

extension FactToken {
    static func token(_ text: String) -> Self? {
        for t in tokens where t.rawValue == text { return t }
        return nil
    }
}

extension Gender: FactToken { static let tokens = Array(allCases) }
extension WomanCategory: FactToken { static let tokens = Array(allCases) }
extension AccountStatus: FactToken { static let tokens = Array(allCases) }
extension RepaymentMethod: FactToken { static let tokens = Array(allCases) }
extension WithdrawType: FactToken { static let tokens = Array(allCases) }
extension LoanType: FactToken { static let tokens = Array(allCases) }

/// A set of facts.
struct FactMask: OptionSet, Sendable, Hashable {
    let rawValue: UInt64

    init(rawValue: UInt64) { self.rawValue = rawValue }
    init(_ facts: [Fact]) {
        rawValue = facts.reduce(0) { $0 | (1 << UInt64($1.rawValue)) }
    }

    func contains(_ fact: Fact) -> Bool { rawValue & (1 << UInt64(fact.rawValue)) != 0 }
    mutating func insert(_ fact: Fact) { self.formUnion(FactMask(rawValue: 1 << UInt64(fact.rawValue))) }

    /// The facts, in catalogue order.
    var facts: [Fact] { Fact.allCases.filter { contains($0) } }
}

/// The facts a rule (or a withdrawal type) accepts: required ones (in the order they are
/// asked for / checked) and optional ones.
public struct FactSpec: Sendable, Hashable {
    public let required: [String]
    public let optional: [String]

    init(required: [Fact], optional: [Fact]) {
        self.required = required.map(\.name)
        self.optional = optional.map(\.name)
    }

    /// Required then optional names.
    public var all: [String] { required + optional }

    var mask: FactMask { FactMask(all.compactMap { Fact.named($0) }) }
}

/// Facts read from a request, typed and range-checked. `nil` means "not given" (a JSON
/// `null` counts as not given).
struct Facts {
    var present = FactMask()
    var birth: YearMonth?
    var gender: Gender?
    var category: WomanCategory?
    var on: YearMonth?
    var accountStatus: AccountStatus?
    var continuousMonths: Int?
    var outstandingLoan: Bool?
    var loansUsed: Int?
    var overdue: Bool?
    var homesOwned: Int?
    var termYears: Int?
    var balance: Double?
    var monthlyIncome: Double?
    var children: Int?
    var talent: Bool?
    var price: Double?
    var coBorrowerBalance: Double?
    var coBorrowerIncome: Double?
    var existingMonthlyDebt: Double?
    var principal: Double?
    var termMonths: Int?
    var method: RepaymentMethod?
    var rate: Double?
    var type: WithdrawType?
    var married: Bool?
    var annualRent: Double?
    var publicRental: Bool?
    var loanType: LoanType?
    var annualRepayment: Double?
    var monthsSincePurchase: Int?
    var loanAmount: Double?
    var sealedMonths: Int?
    var outOfPocket: Double?
    var monthsSinceCompletion: Int?
    var contribution: Double?
    var settledAbroad: Bool?
    var heir: Bool?
}

/// Ranges of the facts (money in yuan).
enum FactLimits {
    static let maxMoney = 100_000_000_000.0  // 1,000 亿
    static let maxMonths = 600
    static let maxChildren = 10
    static let maxCount = 100
    static let maxRate = 100.0
}

extension Facts {
    /// Reads `object` for `rule`, accepting the facts in `accepted`. Errors, in input order:
    /// an unaccepted name, a value of the wrong type, a value out of range.
    init(_ object: JSONObject, rule: RuleID, accepted: FactMask, acceptedNames: @autoclosure () -> [String], maxTermYears: Int) throws(RuleError) {
        for (key, value) in object {
            guard let fact = Fact.named(key), accepted.contains(fact) else {
                throw RuleError.unknownFact(key, rule: rule, accepted: acceptedNames())
            }
            if case .null = value { continue }
            switch fact {
            case .birth: birth = try Facts.month(value, fact)
            case .gender: gender = try Facts.token(value, fact, Gender.self)
            case .category: category = try Facts.token(value, fact, WomanCategory.self)
            case .on: on = try Facts.month(value, fact)
            case .accountStatus: accountStatus = try Facts.token(value, fact, AccountStatus.self)
            case .continuousMonths: continuousMonths = try Facts.count(value, fact, 0...FactLimits.maxMonths)
            case .outstandingLoan: outstandingLoan = try Facts.bool(value, fact)
            case .loansUsed: loansUsed = try Facts.count(value, fact, 0...FactLimits.maxCount)
            case .overdue: overdue = try Facts.bool(value, fact)
            case .homesOwned: homesOwned = try Facts.count(value, fact, 0...FactLimits.maxCount)
            case .termYears: termYears = try Facts.count(value, fact, 1...maxTermYears)
            case .balance: balance = try Facts.money(value, fact)
            case .monthlyIncome: monthlyIncome = try Facts.money(value, fact)
            case .children: children = try Facts.count(value, fact, 0...FactLimits.maxChildren)
            case .talent: talent = try Facts.bool(value, fact)
            case .price: price = try Facts.money(value, fact, positive: true)
            case .coBorrowerBalance: coBorrowerBalance = try Facts.money(value, fact)
            case .coBorrowerIncome: coBorrowerIncome = try Facts.money(value, fact)
            case .existingMonthlyDebt: existingMonthlyDebt = try Facts.money(value, fact)
            case .principal: principal = try Facts.money(value, fact, positive: true)
            case .termMonths: termMonths = try Facts.count(value, fact, 1...(maxTermYears * 12))
            case .method: method = try Facts.token(value, fact, RepaymentMethod.self)
            case .rate: rate = try Facts.number(value, fact, 0...FactLimits.maxRate)
            case .type: type = try Facts.token(value, fact, WithdrawType.self)
            case .married: married = try Facts.bool(value, fact)
            case .annualRent: annualRent = try Facts.money(value, fact)
            case .publicRental: publicRental = try Facts.bool(value, fact)
            case .loanType: loanType = try Facts.token(value, fact, LoanType.self)
            case .annualRepayment: annualRepayment = try Facts.money(value, fact)
            case .monthsSincePurchase: monthsSincePurchase = try Facts.count(value, fact, 0...FactLimits.maxMonths)
            case .loanAmount: loanAmount = try Facts.money(value, fact)
            case .sealedMonths: sealedMonths = try Facts.count(value, fact, 0...FactLimits.maxMonths)
            case .outOfPocket: outOfPocket = try Facts.money(value, fact)
            case .monthsSinceCompletion: monthsSinceCompletion = try Facts.count(value, fact, 0...FactLimits.maxMonths)
            case .contribution: contribution = try Facts.money(value, fact)
            case .settledAbroad: settledAbroad = try Facts.bool(value, fact)
            case .heir: heir = try Facts.bool(value, fact)
            }
            present.insert(fact)
        }
    }

    static func bool(_ value: JSONValue, _ fact: Fact) throws(RuleError) -> Bool {
        guard case .bool(let b) = value else {
            throw RuleError.wrongType(fact, value, expected: "true 或 false", expectedEN: "true or false (a JSON boolean)")
        }
        return b
    }

    static func count(_ value: JSONValue, _ fact: Fact, _ range: ClosedRange<Int>) throws(RuleError) -> Int {
        let n: Int
        switch value {
        case .int(let i): n = i
        case .double(let d):
            guard let i = JSONValue.double(d).intValue else {
                throw RuleError.wrongType(fact, value, expected: "整数", expectedEN: "a whole number")
            }
            n = i
        default:
            throw RuleError.wrongType(fact, value, expected: "整数", expectedEN: "a whole number")
        }
        guard range.contains(n) else {
            throw RuleError.outOfRange(fact, value, zh: "应在 \(range.lowerBound) 到 \(range.upperBound) 之间", en: "must be in \(range.lowerBound)…\(range.upperBound)")
        }
        return n
    }

    static func number(_ value: JSONValue, _ fact: Fact, _ range: ClosedRange<Double>) throws(RuleError) -> Double {
        guard let d = value.doubleValue else {
            throw RuleError.wrongType(fact, value, expected: "数字", expectedEN: "a number")
        }
        guard range.contains(d) else {
            let lo = Money.format(range.lowerBound), hi = Money.format(range.upperBound)
            throw RuleError.outOfRange(fact, value, zh: "应在 \(lo) 到 \(hi) 之间", en: "must be in \(lo)…\(hi)")
        }
        return d
    }

    static func money(_ value: JSONValue, _ fact: Fact, positive: Bool = false) throws(RuleError) -> Double {
        guard let d = value.doubleValue else {
            throw RuleError.wrongType(fact, value, expected: "以元为单位的数字", expectedEN: "a number (yuan)")
        }
        if positive {
            guard d > 0, d <= FactLimits.maxMoney else {
                throw RuleError.outOfRange(fact, value, zh: "应大于 0 元且不超过 \(Money.format(FactLimits.maxMoney)) 元", en: "must be above 0 and at most \(Money.format(FactLimits.maxMoney)) yuan")
            }
        } else {
            guard d >= 0, d <= FactLimits.maxMoney else {
                throw RuleError.outOfRange(fact, value, zh: "不能为负数，且不超过 \(Money.format(FactLimits.maxMoney)) 元", en: "must not be negative and at most \(Money.format(FactLimits.maxMoney)) yuan")
            }
        }
        return d
    }

    static func month(_ value: JSONValue, _ fact: Fact) throws(RuleError) -> YearMonth {
        guard case .string(let s) = value, let m = YearMonth(s) else {
            throw RuleError.wrongType(
                fact, value, expected: "\"YYYY-MM\" 格式的年月（月份 01–12）",
                expectedEN: "a month \"YYYY-MM\" (month 01–12, year \(YearMonth.supportedYears.lowerBound)–\(YearMonth.supportedYears.upperBound))")
        }
        return m
    }

    static func token<E: FactToken>(_ value: JSONValue, _ fact: Fact, _ type: E.Type) throws(RuleError) -> E {
        if case .string(let s) = value, let e = E.token(s) { return e }
        let options = E.allCases.map { "\"\($0.rawValue)\"" }
        throw RuleError.wrongType(fact, value, expected: options.joined(separator: "、") + " 之一", expectedEN: "one of " + options.joined(separator: ", "))
    }
}
