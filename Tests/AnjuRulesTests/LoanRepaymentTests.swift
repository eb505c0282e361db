import AnjuIntents
import AnjuJSON
import AnjuRules
import Foundation
import Testing

@Suite("loan_repayment: 等额本息 and 等额本金")
struct LoanRepaymentTests {
    @Test("policy.md check: 1,000,000 over 30 years at 2.6% → 4,003.40 a month, interest 441,222.96")
    func equalInstallmentCheck() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_repayment", ["principal": 1_000_000, "term_years": 30])
        #expect(result.jsonString == "{\"method\":\"equal_installment\",\"rate\":2.6,\"term_months\":360,\"monthly_payment\":4003.4,\"total_interest\":441222.96,\"total_payment\":1441222.96,\"reasons\":[]}")
    }

    @Test("policy.md check: 等额本金 first 4,944.44, last 2,783.80, interest 391,083.33")
    func equalPrincipalCheck() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_repayment", ["principal": 1_000_000, "term_years": 30, "method": "equal_principal"])
        guard case .loanRepayment(let r) = result.outcome else { Issue.record("wrong outcome"); return }
        #expect(r.firstPayment == 4944.44)
        #expect(r.lastPayment == 2783.80)
        #expect(r.monthlyDecrease == 6.02)
        #expect(r.totalInterest == 391_083.33)
        #expect(r.totalPayment == 1_391_083.33)
        #expect(r.monthlyPayment == nil)
        #expect(result.json.objectValue?.keys == ["method", "rate", "term_months", "first_payment", "last_payment", "monthly_decrease", "total_interest", "total_payment", "reasons"])
    }

    @Test("facts.md §3.2 table at explicit rates", arguments: [
        (2.60, 4003.40, 441_222.96), (2.85, 4135.57, 488_806.58), (3.075, 4256.60, 532_375.02), (3.10, 4270.16, 537_259.04),
    ])
    func factsTable(rate: Double, payment: Double, interest: Double) throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_repayment", ["principal": 1_000_000, "term_months": 360, "rate": .double(rate)])
        guard case .loanRepayment(let r) = result.outcome else { Issue.record("wrong outcome"); return }
        #expect(r.rate == rate)
        #expect(r.monthlyPayment == payment)
        #expect(r.totalInterest == interest)
    }

    @Test("facts.md §3.2: 600,000 at 2.6% → 2,402.04 over 30 years, 3,208.73 over 20")
    func sixHundredThousand() throws {
        let engine = try Fixtures.reference()
        let thirty = try engine.run("loan_repayment", ["principal": 600_000, "term_years": 30])
        let twenty = try engine.run("loan_repayment", ["principal": 600_000, "term_years": 20])
        #expect(thirty.json["monthly_payment"] == .double(2402.04))
        #expect(twenty.json["monthly_payment"] == .double(3208.73))
    }

    @Test("the rate is picked by term (≤ 60 months short), home count and the day", arguments: [
        (60, 0, "2026-05-20", 2.10), (61, 0, "2026-05-20", 2.60), (60, 1, "2026-05-20", 2.525), (360, 1, "2026-05-20", 3.075),
        (360, 0, "2025-05-08", 2.60), (360, 0, "2025-05-07", 2.85), (12, 0, "2024-06-01", 2.35), (360, 2, "2024-05-18", 3.325),
        (360, 0, "2023-01-01", 3.10), (360, 0, "2020-01-01", 3.10),  // before every entry: the oldest
    ])
    func ratePick(months: Int, homes: Int, day: String, rate: Double) throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_repayment", ["principal": 100_000, "term_months": .int(months), "homes_owned": .int(homes)],
                                    today: CalendarDate(day)!)
        #expect(result.json["rate"] == .double(rate))
    }

    @Test("term_years and the same term_months give the same result")
    func yearsOrMonths() throws {
        let engine = try Fixtures.reference()
        #expect(try engine.run("loan_repayment", ["principal": 350_000, "term_years": 15])
                == engine.run("loan_repayment", ["principal": 350_000, "term_months": 180]))
    }

    @Test("an explicit rate of 0 repays the principal evenly")
    func zeroRate() throws {
        let engine = try Fixtures.reference()
        let r = try engine.run("loan_repayment", ["principal": 120_000, "term_months": 120, "rate": 0])
        #expect(r.json["monthly_payment"] == 1000)
        #expect(r.json["total_interest"] == 0)
    }

    @Test("property: 等额本息 total interest ≥ 等额本金 total interest for the same loan")
    func installmentCostsMore() {
        var rng = SplitMix64(seed: 1)
        for _ in 0..<5_000 {
            let principal = Double(Int.random(in: 1_000...3_000_000, using: &rng))
            let months = Int.random(in: 1...360, using: &rng)
            let rate = Double(Int.random(in: 1...800, using: &rng)) / 100
            let a = RuleEngine.repayment(principal: principal, termMonths: months, annualRate: rate, method: .equalInstallment)
            let b = RuleEngine.repayment(principal: principal, termMonths: months, annualRate: rate, method: .equalPrincipal)
            #expect(a.totalInterest >= b.totalInterest, "P \(principal) n \(months) r \(rate)")
        }
    }

    @Test("property: a longer term never raises the 等额本息 payment")
    func longerTermLowerPayment() throws {
        var rng = SplitMix64(seed: 2)
        for _ in 0..<300 {
            let principal = Double(Int.random(in: 1_000...3_000_000, using: &rng))
            let rate = Double(Int.random(in: 0...800, using: &rng)) / 100
            var previous = Double.infinity
            for n in 1...360 {
                let p = RuleEngine.repayment(principal: principal, termMonths: n, annualRate: rate, method: .equalInstallment).monthlyPayment!
                #expect(p <= previous)
                previous = p
            }
        }
        // Also with the profile's rates, across the short/long boundary, for each category.
        let engine = try Fixtures.reference()
        for homes in [0, 1] {
            var previous = Double.infinity
            for n in 1...360 {
                let r = try engine.run("loan_repayment", ["principal": 1_000_000, "term_months": .int(n), "homes_owned": .int(homes)])
                let p = try #require(r.json["monthly_payment"]?.doubleValue)
                #expect(p <= previous, "n \(n)")
                previous = p
            }
        }
    }

    @Test("property: figures agree with the textbook formulas")
    func formulas() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<2_000 {
            let principal = Double(Int.random(in: 10_000...2_000_000, using: &rng))
            let n = Int.random(in: 1...360, using: &rng)
            let rate = Double(Int.random(in: 100...600, using: &rng)) / 100
            let a = RuleEngine.repayment(principal: principal, termMonths: n, annualRate: rate, method: .equalInstallment)
            let payment = annuityPayment(principal, annualPercent: rate, months: n)
            #expect(abs(a.monthlyPayment! - payment) <= 0.0051)
            #expect(abs(a.totalPayment - (a.totalInterest + principal)) <= 0.011)
            let b = RuleEngine.repayment(principal: principal, termMonths: n, annualRate: rate, method: .equalPrincipal)
            let r = rate / 1200
            #expect(abs(b.firstPayment! - (principal / Double(n) + principal * r)) <= 0.0051)
            #expect(abs(b.lastPayment! - (principal / Double(n)) * (1 + r)) <= 0.0051)
        }
    }
}

@Suite("Money rounding")
struct MoneyTests {
    @Test("half-up to 0.01, robust to binary doubles", arguments: [
        (2.675, 2.68), (1.005, 1.01), (2.665, 2.67), (0.125, 0.13), (0.135, 0.14), (4003.4028, 4003.40),
        (441_222.955, 441_222.96), (2.674999, 2.67), (1e-9, 0), (0.005, 0.01), (0.0049, 0), (-2.675, -2.68),
        (1_234_567.885, 1_234_567.89), (100, 100), (99.995, 100),
    ])
    func roundHalfUp(x: Double, expected: Double) {
        #expect(Money.round2(x) == expected)
    }

    @Test("rounded values print with at most two decimals")
    func printsShort() {
        var rng = SplitMix64(seed: 4)
        for _ in 0..<10_000 {
            let x = Double.random(in: 0...10_000_000, using: &rng)
            let text = JSONValue.double(Money.round2(x)).jsonString
            if let dot = text.firstIndex(of: ".") {
                #expect(text.distance(from: dot, to: text.endIndex) <= 3, "\(x) → \(text)")
            }
        }
    }

    @Test("rounding down to a multiple looks through float noise")
    func floorToMultiple() {
        #expect(Money.floor(419_999.999_999_999_94, toMultipleOf: 1000) == 420_000)
        #expect(Money.floor(419_999.99, toMultipleOf: 1000) == 419_000)
        #expect(Money.floor(0, toMultipleOf: 1000) == 0)
        #expect(Money.floor(-5, toMultipleOf: 1000) == 0)
        #expect(Money.floor(1_000, toMultipleOf: 1000) == 1_000)
    }

    @Test("amounts in messages get thousands separators")
    func format() {
        #expect(Money.format(12_000) == "12,000")
        #expect(Money.format(4003.4) == "4,003.40")
        #expect(Money.format(1_200_000.05) == "1,200,000.05")
        #expect(Money.format(0) == "0")
        #expect(Money.format(999) == "999")
    }
}
