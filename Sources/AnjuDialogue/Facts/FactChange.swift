import AnjuJSON
import Foundation

/// A what-if that changes a fact of the last answer by an amount rather than to a value:
/// "那余额再多一万呢" (the balance plus 10000), "工资少两千呢", "那再等两个月呢" (the months the
/// answer counted, two more). Read from the normalised text (numerals are digits).
enum FactChange {
    /// Sums by their keyword, most specific first.
    static let sums: [(key: String, fact: String)] = [
        ("共同借款人余额", "co_borrower_balance"), ("余额", "balance"), ("月收入", "monthly_income"), ("工资", "monthly_income"),
        ("收入", "monthly_income"), ("月薪", "monthly_income"), ("房价", "price"), ("贷款", "principal"), ("贷", "principal"),
        ("首付", "down_payment"),
    ]
    static let more = ["再多凑", "多凑", "再多付", "多付", "再多交", "多交", "再多", "多", "再加", "加", "涨", "高"]
    static let less = ["再少", "少", "减", "低"]
    /// Words of time going by: 再等2个月, 再过半年.
    static let later = ["再等", "再过", "等", "过"]
    /// Words of paying longer: 再交1个月, 多缴半年 (the months of contribution only).
    static let paidMore = ["再连续缴存", "再交", "再缴", "多交", "多缴", "再存"]
    /// Selling a home, and the home sold.
    static let soldWords = ["卖了", "卖掉", "卖出", "出手", "过户给"]
    static let homeWords = ["这套", "那套", "老房子", "房子", "1套"]
    /// The month facts a later time adds to, in the order they are looked for.
    static let monthFacts = ["sealed_months", "continuous_months", "months_since_purchase"]

    /// The fact changed, with its new value; nil when the text changes nothing relatively.
    static func read(_ t: String, facts: [String: JSONValue], today: Date) -> FactExtractor.Found? {
        // "要是俺先把这套老房子卖了再买新的呢": one home fewer.
        if let homes = facts["homes_owned"]?.intValue, homes >= 1, t.hasAny(soldWords), t.hasAny(homeWords) {
            return FactExtractor.Found(name: "homes_owned", value: .int(homes - 1))
        }
        for (key, fact) in sums {
            guard let value = facts[fact]?.doubleValue else { continue }
            for r in t.occurrences(of: key) {
                let at = t[r.upperBound...]
                for (words, sign) in [(more, 1.0), (less, -1.0)] {
                    guard let word = at.prefix(anyOf: words) else { continue }
                    let i = t.index(r.upperBound, past: word)
                    guard i < t.endIndex, t[i].isASCIIDigit, let n = FactText.number(in: t, at: i), n.value > 0 else { continue }
                    let changed = max(0, value + sign * n.value)
                    return FactExtractor.Found(name: fact, value: .double(changed))
                }
            }
        }
        // Time going by adds to the first month fact the answer used; paying longer only to
        // the months of contribution.
        for (words, counted) in [(paidMore, ["continuous_months"]), (later, monthFacts)] {
            for word in words {
                for r in t.occurrences(of: word) {
                    let scan = FactScan(t, expecting: nil, today: today)
                    guard let d = scan.duration(at: r.upperBound), d.months > 0,
                          let fact = counted.first(where: { facts[$0] != nil }), let months = facts[fact]?.intValue else { continue }
                    return FactExtractor.Found(name: fact, value: .int(months + Int(d.months)))
                }
            }
        }
        return nil
    }
}
