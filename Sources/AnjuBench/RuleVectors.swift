import AnjuIntents
import AnjuJSON
import AnjuRules

/// Random valid fact vectors for the rules, drawn within a policy profile's own limits
/// (term up to `loan.max_term_years`, loans used and homes owned around the profile's
/// maxima, prices up to a few times `loan.cap_max`): every required fact present, optional
/// facts now and then, every withdrawal type. The mix follows `tools/convo/crosscheck.py`.
/// Seeded: the same seed gives the same vectors.
public struct RuleVectors: Sendable {
    public let profile: PolicyProfile
    private var rng: SplitMix64

    public init(profile: PolicyProfile, seed: UInt64 = 7) {
        self.profile = profile
        self.rng = SplitMix64(seed: seed)
    }

    /// `count` requests (rule id and facts).
    public mutating func make(_ count: Int) -> [(rule: String, facts: JSONValue)] {
        (0..<count).map { _ in next() }
    }

    /// One request.
    public mutating func next() -> (rule: String, facts: JSONValue) {
        switch rng.int(0..<8) {
        case 0: return ("retirement_age", .object(JSONObject(person())))
        case 1: return ("loan_eligibility", .object(JSONObject(eligibility(term: true))))
        case 2, 3: return ("loan_quota", .object(JSONObject(quota())))
        case 4: return ("loan_repayment", .object(JSONObject(repayment())))
        default: return ("withdraw_eligibility", .object(JSONObject(withdrawal())))
        }
    }

    // MARK: Facts

    private mutating func chance(_ p: Double) -> Bool { rng.unit() < p }

    private mutating func money(_ low: Int, _ high: Int, step: Int = 100) -> JSONValue {
        .int(low + rng.int(0..<max(1, (high - low) / step)) * step)
    }

    private mutating func birth() -> JSONValue {
        let month = rng.int(1..<13)
        return .string("\(rng.int(1958..<2005))-\(month < 10 ? "0" : "")\(month)")
    }

    private mutating func person() -> [(String, JSONValue)] {
        let female = chance(0.5)
        var f: [(String, JSONValue)] = [("birth", birth()), ("gender", .string(female ? "female" : "male"))]
        if female, chance(0.6) { f.append(("category", .string(chance(0.5) ? "cadre" : "worker"))) }
        return f
    }

    private mutating func eligibility(term: Bool) -> [(String, JSONValue)] {
        let loan = profile.loan
        let status = rng.int(0..<10)
        var f: [(String, JSONValue)] = [
            ("account_status", .string(status < 8 ? "normal" : status == 8 ? "sealed" : "closed")),
            ("continuous_months", .int(chance(0.5) ? rng.int(0..<(loan.minContinuousMonths * 2 + 1)) : rng.int(0..<241))),
            ("outstanding_loan", .bool(chance(0.1))),
            ("loans_used", .int(chance(0.6) ? 0 : rng.int(0..<(loan.maxLoansUsed + 1)))),
            ("overdue", .bool(chance(0.08))),
            ("homes_owned", .int(rng.int(0..<(loan.maxHomesOwned + 2)))),
        ]
        if chance(0.4) {
            f += person()
            if term, chance(0.7) { f.append(("term_years", .int(rng.int(1..<(loan.maxTermYears + 1))))) }
        }
        return f
    }

    private mutating func quota() -> [(String, JSONValue)] {
        let loan = profile.loan
        let cap = Int(loan.capMax)
        var f = eligibility(term: false)
        f.append(("balance", money(0, 200_000)))
        f.append(("monthly_income", money(0, 40_000)))
        if chance(0.4) { f.append(("children", .int(rng.int(0..<5)))) }
        if chance(0.2) { f.append(("talent", .bool(chance(0.5)))) }
        if chance(0.4) { f.append(("price", money(100_000, max(200_000, cap * 4), step: 10_000))) }
        if chance(0.3) { f.append(("co_borrower_balance", money(0, 100_000))) }
        if chance(0.3) { f.append(("co_borrower_income", money(0, 20_000))) }
        if chance(0.3) { f.append(("existing_monthly_debt", money(0, 8_000))) }
        if chance(0.4), !f.contains(where: { $0.0 == "term_years" }) {
            f.append(("term_years", .int(rng.int(1..<(loan.maxTermYears + 1)))))
        }
        return f
    }

    private mutating func repayment() -> [(String, JSONValue)] {
        let years = profile.loan.maxTermYears
        var f: [(String, JSONValue)] = [("principal", money(10_000, max(20_000, Int(profile.loan.capMax) * 2), step: 1_000))]
        if chance(0.5) { f.append(("term_years", .int(rng.int(1..<(years + 1))))) } else { f.append(("term_months", .int(rng.int(1..<(years * 12 + 1))))) }
        if chance(0.4) { f.append(("method", .string(chance(0.5) ? "equal_installment" : "equal_principal"))) }
        if chance(0.4) { f.append(("homes_owned", .int(rng.int(0..<3)))) }
        return f
    }

    private mutating func withdrawal() -> [(String, JSONValue)] {
        let types = WithdrawType.allCases
        let type = chance(0.2) ? WithdrawType.rent : types[rng.int(0..<types.count)]
        var f: [(String, JSONValue)] = [("type", .string(type.rawValue)), ("balance", money(0, 150_000))]
        switch type {
        case .rent:
            f += [("continuous_months", .int(rng.int(0..<61))), ("homes_owned", .int(chance(0.75) ? 0 : 1)),
                  ("outstanding_loan", .bool(chance(0.1))), ("married", .bool(chance(0.5))), ("children", .int(rng.int(0..<5)))]
            // Public rental housing is withdrawn by the actual rent: it needs annual_rent.
            let publicRental: Bool? = chance(0.2) ? chance(0.7) : nil
            if publicRental == true || chance(0.5) { f.append(("annual_rent", money(6_000, 80_000))) }
            if let publicRental { f.append(("public_rental", .bool(publicRental))) }
        case .repay:
            f += [("loan_type", .string(chance(0.5) ? "provident" : "commercial")), ("overdue", .bool(chance(0.1)))]
            if chance(0.5) { f.append(("annual_repayment", money(5_000, 80_000))) }
        case .purchase:
            let price = 100_000 + rng.int(0..<290) * 10_000
            f += [("months_since_purchase", .int(rng.int(0..<41))), ("price", .int(price))]
            if chance(0.5) { f.append(("loan_amount", money(0, price, step: 10_000))) }
        case .retire:
            f += person()
        case .leave:
            f += [("sealed_months", .int(rng.int(0..<25))), ("outstanding_loan", .bool(chance(0.15)))]
        case .illness:
            f.append(("out_of_pocket", chance(0.2) ? .int(0) : money(1_000, 200_000)))
        case .renovation:
            f += [("months_since_completion", .int(rng.int(0..<41))), ("contribution", money(1_000, 100_000))]
        case .emigrate:
            f.append(("settled_abroad", .bool(chance(0.7))))
        case .death:
            f.append(("heir", .bool(chance(0.7))))
        }
        return f
    }
}

/// The project's seeded generator (`AnjuIntents.SplitMix64`), so a benchmark draws the same
/// vectors every run; with the two draws the vectors need.
extension SplitMix64 {
    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func unit() -> Double { Double.random(in: 0..<1, using: &self) }
}
