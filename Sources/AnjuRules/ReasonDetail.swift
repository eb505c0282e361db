/// What a condition compared, kept so the Chinese message can be worded on demand.
enum ReasonDetail: Sendable, Hashable {
    enum Purpose: Sendable, Hashable {
        case loan, rent, repay, leave
    }

    case accountNormal(AccountStatus)
    case continuousMonths(required: Int, actual: Int)
    case noOutstandingLoan(Purpose)
    case loansUsed(max: Int, actual: Int)
    case noOverdue(Purpose)
    case homesOwned(max: Int, actual: Int)
    case ageTerm(AgeTermCheck)
    case noHome(actual: Int)
    case hasLoan(LoanType)
    case purchasePeriod(max: Int, actual: Int)
    case renovationPeriod(max: Int, actual: Int)
    case retirementReached(age: RetirementAge, on: YearMonth)
    case sealedPeriod(required: Int, actual: Int)
    case hasCost(Double)
    case settledAbroad
    case heir

    func message(passed: Bool) -> MessageText {
        switch self {
        case .accountNormal(let status):
            if passed { return "账户状态正常。" }
            return "申请公积金贷款要求账户处于正常缴存状态，您的账户目前为\(status == .sealed ? "封存" : "销户")状态。"
        case .continuousMonths(let required, let actual):
            return passed
                ? "连续缴存需满\(required)个月，您已连续缴存\(actual)个月。"
                : "连续缴存需满\(required)个月，您目前为\(actual)个月。"
        case .noOutstandingLoan(let purpose):
            if passed { return "家庭没有未结清的公积金贷款。" }
            switch purpose {
            case .rent: return "租房提取要求本人及配偶没有未结清的公积金贷款，您目前有未结清的公积金贷款。"
            case .leave: return "离职销户提取前须结清公积金贷款，您目前有未结清的公积金贷款。"
            default: return "家庭有未结清的公积金贷款时不能再申请，须先结清；您目前有未结清的公积金贷款。"
            }
        case .loansUsed(let max, let actual):
            return passed
                ? "家庭最多可使用\(max)次公积金贷款，您已使用\(actual)次。"
                : "家庭最多可使用\(max)次公积金贷款，您已使用\(actual)次，不能再申请。"
        case .noOverdue(let purpose):
            if passed { return "目前没有逾期未还的贷款。" }
            return purpose == .repay
                ? "偿还贷款提取要求贷款没有逾期，您目前有逾期。"
                : "申请时不能有逾期未还的贷款，您目前有逾期。"
        case .homesOwned(let max, let actual):
            return passed
                ? "本市已有住房不超过\(max)套可以申请，您有\(actual)套。"
                : "本市已有住房超过\(max)套的不予贷款，您有\(actual)套。"
        case .ageTerm(let check):
            return check.message(passed: passed)
        case .noHome(let actual):
            return passed
                ? "本人及配偶在本市没有自有住房。"
                : "租房提取要求本人及配偶在本市没有自有住房，您有\(actual)套。"
        case .hasLoan(let type):
            switch type {
            case .provident: return "正在偿还公积金贷款。"
            case .commercial: return "正在偿还商业住房贷款。"
            case .none: return "偿还贷款提取要求有正在偿还的住房贷款，您目前没有。"
            }
        case .purchasePeriod(let max, let actual):
            return passed
                ? "购房提取须在购房合同签订后\(max)个月内申请，您的合同签订已\(actual)个月。"
                : "购房提取须在购房合同签订后\(max)个月内申请，您的合同签订已\(actual)个月，超过了期限。"
        case .renovationPeriod(let max, let actual):
            return passed
                ? "加装电梯提取须在竣工验收后\(max)个月内申请，您的竣工验收已\(actual)个月。"
                : "加装电梯提取须在竣工验收后\(max)个月内申请，您的竣工验收已\(actual)个月，超过了期限。"
        case .retirementReached(let age, let on):
            return passed
                ? "您的法定退休年龄为\(ageText(age.totalMonths))，于\(monthText(age.date))达到，可以办理退休提取。"
                : "退休提取须达到法定退休年龄（\(ageText(age.totalMonths))，即\(monthText(age.date))），截至\(monthText(on))您尚未达到。"
        case .sealedPeriod(let required, let actual):
            return passed
                ? "离职提取要求账户封存满\(required)个月，您已封存\(actual)个月。"
                : "离职提取要求账户封存满\(required)个月，您目前为\(actual)个月。"
        case .hasCost(let amount):
            return passed
                ? "个人负担的医疗费用为\(Money.format(amount))元。"
                : "大病提取须有个人负担的医疗费用，您填报的为\(Money.format(amount))元。"
        case .settledAbroad:
            return passed ? "已出境定居。" : "出境定居提取要求已经出境定居，您尚未出境定居。"
        case .heir:
            return passed
                ? "申请人为继承人或受遗赠人。"
                : "职工去世后的提取须由继承人或受遗赠人申请，申请人不是继承人或受遗赠人。"
        }
    }
}

/// The `age_term` comparison: age at `on` + term ≤ retirement age + extra years (in months).
struct AgeTermCheck: Sendable, Hashable {
    let termYears: Int
    /// Age at the end of the term, months.
    let ageAtEnd: Int
    let retirement: RetirementAge
    let extraYears: Int
    /// True when the term was chosen (shortened) by the engine rather than given.
    let chosen: Bool
    /// True when the chosen term was cut below the longest term because of age.
    let shortened: Bool

    var limit: Int { retirement.totalMonths + extraYears * 12 }
    var passed: Bool { ageAtEnd <= limit }

    func message(passed: Bool) -> MessageText {
        let rule: MessageText = "贷款到期时年龄不得超过法定退休年龄（\(ageText(retirement.totalMonths))）加\(extraYears)年，即\(ageText(limit))"
        if passed {
            let note: MessageText = shortened ? "（受年龄限制，期限最长为\(termYears)年）" : ""
            return "\(rule)；按贷款期限\(termYears)年计\(note)，到期时您为\(ageText(ageAtEnd))。"
        }
        if chosen {
            return "\(rule)；即使贷款期限只有\(termYears)年，到期时您也已为\(ageText(ageAtEnd))。"
        }
        return "\(rule)；按贷款期限\(termYears)年计，到期时您为\(ageText(ageAtEnd))，超过了上限。"
    }
}

/// "60岁" / "60岁1个月"
func ageText(_ months: Int) -> MessageText {
    let y = months / 12, m = months % 12
    return m == 0 ? "\(y)岁" : "\(y)岁\(m)个月"
}

/// "2025年2月"
func monthText(_ month: YearMonth) -> MessageText {
    "\(month.year)年\(month.month)月"
}
