import AnjuJSON

/// Bare replies to the question just asked: "24", "两年", "60个", "三万", "没有", "是".
///
/// A reply fills the fact asked for only when no keyword in it took a number for another
/// fact ("月薪8000" after the homes question is an income, not 8000 homes), and only with a
/// number whose unit fits the fact ("是15个月" is never a count of homes).
extension FactScan {
    /// Facts that count months.
    static let monthFacts: Set<String> = ["continuous_months", "sealed_months", "months_since_purchase", "months_since_completion"]
    /// Facts that are sums of money.
    static let moneyFacts: Set<String> = ["balance", "monthly_income", "price", "principal", "annual_rent", "co_borrower_balance",
                                          "co_borrower_income", "existing_monthly_debt", "annual_repayment", "loan_amount"]
    /// Yes/no facts answered with 有/没有, 是/不是.
    static let yesNoFacts: Set<String> = ["outstanding_loan", "overdue", "talent", "public_rental", "settled_abroad", "heir"]

    mutating func readBareAnswer(for fact: String) {
        guard !has(fact), !tookNumber else { return }
        if let value = bareValue(for: fact) { take(fact, value) }
    }

    /// The value of a bare reply for `fact`; `.some(nil)` for a number beyond any Int.
    private func bareValue(for fact: String) -> JSONValue?? {
        if Self.monthFacts.contains(fact) { return bareMonths() }
        if Self.moneyFacts.contains(fact) { return bareNumber(units: ["", "元", "块"]).map { .double($0.value) } }
        if Self.yesNoFacts.contains(fact) { return bareYesNo().map(JSONValue.bool) }
        switch fact {
        case "term_years": return bareTerm()
        case "homes_owned":
            if isNo { return .int(0) }
            // (有一个娃儿 answers of children, not of homes)
            if t.hasAny(Self.childNouns) { return nil }
            return bareNumber(units: ["", "套", "个"]).flatMap(Self.count)
        case "children":
            if isNo { return .int(0) }
            return bareNumber(units: ["", "个"]).flatMap(Self.count)
        case "married":
            if t.count <= 6, t.has("离") || t.has("单") { return .bool(false) }   // 离了, 单着
            return bareYesNo().map(JSONValue.bool)
        case "loan_type":
            if t.has("商") || t.has("银行") { return .string("commercial") }
            if t.has("公积金") { return .string("provident") }
            return nil
        default:
            return nil
        }
    }

    /// A count as a fact's value: `.some(nil)` beyond any Int.
    private static func count(_ n: TextNumber) -> JSONValue?? {
        .some(FactBounds.int(n.value).map(JSONValue.int))
    }

    /// Months: a date (去年3月, 上个月) or a duration (2年, 15个月, 半年, 60个, 24).
    private func bareMonths() -> JSONValue?? {
        if let said = saidMonth(at: t.startIndex, twoDigitYear: .recent) { return .some(said.monthsAgo.map(JSONValue.int)) }
        // (or after a lead: 是2026年10月, 刚才说错了是2026年10月)
        if let digit = t.firstIndex(where: \.isASCIIDigit), let said = saidMonth(at: digit, twoDigitYear: .recent), said.range.upperBound > t.index(after: digit) {
            return .some(said.monthsAgo.map(JSONValue.int))
        }
        let start = t.firstIndex(where: \.isASCIIDigit) ?? t[...].byteRange(of: "半年")?.lowerBound
        guard let start else { return nil }
        if let d = duration(at: start), !isGap(before: start) {
            // (税前1个月差不多30000: one month is the period of a sum said after it, no duration)
            if d.months == 1, let n = FactText.number(in: t, at: FactText.skip([" ", "差不多", "大概", "大约", "约", "能", "有", "是", "拿", "挣", "赚"], in: t, from: d.range.upperBound)),
               n.value >= 1_000 { return nil }
            return .some(FactBounds.int(d.months).map(JSONValue.int))
        }
        // (a first number that is no duration — 1个月都没断过 — then the first duration after it:
        // 是说中间1个月都没断过的那种嗦 那就是19个月)
        var i = t.index(after: start)
        while let next = t[i...].firstIndex(where: \.isASCIIDigit) {
            if next == t.startIndex || !t[t.index(before: next)].isASCIIDigit, !isGap(before: next), let d = duration(at: next) {
                return .some(FactBounds.int(d.months).map(JSONValue.int))
            }
            i = t.index(after: next)
        }
        return bareNumber(units: ["", "个", "了"]).flatMap(Self.count)
    }

    /// Words before a duration that make it a break in paying, not the months paid
    /// (中间停过1个月还算不算 asks about a gap; it answers no question of months).
    static let gapLeads = ["停过", "停了", "断过", "断了", "中断过", "中断了", "停缴过", "停缴了", "漏交过", "漏交了", "漏缴了", "漏了", "欠缴了", "补缴了"]

    /// Whether the number at `i` is a break in paying (停过1个月).
    private func isGap(before i: String.Index) -> Bool {
        var end = i
        while end > t.startIndex, t[t.index(before: end)] == " " { end = t.index(before: end) }
        return t[..<end].hasSuffix(anyOf: Self.gapLeads)
    }

    /// A loan term: 20, 20年, 240个月 (as years when whole, else as months is not asked here).
    private func bareTerm() -> JSONValue?? {
        if let n = bareNumber(units: ["", "年"]) { return .some(FactBounds.int(n.value).map(JSONValue.int)) }
        if let d = bareNumber(units: ["个月", "月"]), d.value.truncatingRemainder(dividingBy: 12) == 0 {
            return .some(FactBounds.int(d.value / 12).map(JSONValue.int))
        }
        return nil
    }

    /// The first number of the reply when the word right after it is one of `units` ("" for
    /// none) and no other number follows.
    private func bareNumber(units: [String]) -> TextNumber? {
        guard let n = FactText.firstNumber(in: t, from: t.startIndex) else { return nil }
        var rest = t[n.range.upperBound...]
        // (the same number said again to confirm it: 36万 是36万)
        if let again = FactText.firstNumber(in: t, from: n.range.upperBound) {
            guard again.value == n.value, FactText.firstNumber(in: t, from: again.range.upperBound) == nil else { return nil }
            rest = t[again.range.upperBound...]
        }
        let unit = units.filter { !$0.isEmpty && rest.begins(with: $0) }.max { $0.count < $1.count } ?? ""
        let after = rest.dropFirst(unit.count)
        // A count of people is not the fact asked for: 我跟老公俩人都交 (俩人 → 2人) after the
        // months question, 我们家3口人 after the homes question.
        if unit.isEmpty, let next = after.first, "人位口".contains(next), !after.hasPrefix("人民币") { return nil }
        guard units.contains(unit), after.allSatisfy({ !FactText.countUnits.contains($0) && $0 != "万" && $0 != "元" && $0 != "块" }) else { return nil }
        return n
    }

    /// 没有, 无, 0 as a reply.
    private var isNo: Bool { t.has("没") || t.has("无") || t == "0" }

    /// 是/有/已… → true; 不是/没有/否/未… → false; only for short replies without digits.
    private func bareYesNo() -> Bool? {
        guard t.count <= 6, !t.contains(where: \.isASCIIDigit) else { return nil }
        if t.has("未") || t.has("没") || t.has("不") || t.has("无") || t.has("单") || t == "否" { return false }
        if t.has("已") || t.has("结") || t.has("是") || t.has("有") || t.has("对") { return true }
        return nil
    }
}
