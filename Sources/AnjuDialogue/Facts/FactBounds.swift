import AnjuJSON
import AnjuRules

/// The values a person could mean for each fact, checked on every number read from user
/// text before it becomes a fact. Wider than any real case, narrower than the rules'
/// validation, so an absurd number ("交了99999999999999999999个月") is asked again politely
/// instead of reaching the rules — or trapping a Double→Int conversion.
public enum FactBounds {
    /// Largest magnitude converted to Int at all (beyond this a number is never a fact).
    static let maxConvertible = 1e12

    /// `value` as an Int when it is finite, whole enough and within ±1e12; nil otherwise.
    /// The only Double→Int conversion of user numbers.
    public static func int(_ value: Double) -> Int? {
        guard value.isFinite, abs(value) <= maxConvertible else { return nil }
        return Int(value.rounded(.towardZero))
    }

    /// Months: contributions, sealing, since purchase (50 years).
    static let months = 0...600
    static let homes = 0...20
    static let children = 0...10
    static let termYears = 1...30
    /// A loan term in months (360期 is 30 years).
    static let termMonths = 1...360
    /// Money in yuan: 0 to 1 亿 (incomes, balances, prices, rents, principal).
    static let money = 0.0...100_000_000.0
    /// A home's price and its loan: 1000 yuan to 1 亿.
    static let homeSums = 1_000.0...100_000_000.0

    /// Whether `value` is a plausible value of `fact`.
    public static func accepts(_ fact: String, _ value: JSONValue) -> Bool {
        switch fact {
        case "continuous_months", "sealed_months", "months_since_purchase", "months_since_completion":
            return value.intValue.map(months.contains) ?? false
        case "homes_owned", "loans_used": return value.intValue.map(homes.contains) ?? false
        case "children": return value.intValue.map(children.contains) ?? false
        case "term_years": return value.intValue.map(termYears.contains) ?? false
        case "term_months": return value.intValue.map(termMonths.contains) ?? false
        case "down_payment_share": return value.doubleValue.map { $0 > 0 && $0 < 1 } ?? false
        case "deposit_ratio": return value.doubleValue.map { $0 > 0 && $0 <= 1 } ?? false
        case "birth_year": return value.intValue.map((1900...2100).contains) ?? false
        case "birth": return value.stringValue.flatMap(YearMonth.init).map { (1900...2100).contains($0.year) } ?? false
        case "price", "principal", "loan_amount":
            // (a home's price or loan under a thousand yuan is a figure misheard or said
            // without its 万 — 贷三十八 — and is asked again, never computed on)
            guard let d = value.doubleValue, d.isFinite else { return false }
            return homeSums.contains(d)
        case "balance", "monthly_income", "annual_rent", "co_borrower_balance", "co_borrower_income",
             "existing_monthly_debt", "annual_repayment", "out_of_pocket", "contribution", "down_payment", "deposit_base":
            guard let d = value.doubleValue, d.isFinite else { return false }
            return money.contains(d)
        default:
            return true
        }
    }
}
