import AnjuIntents
import AnjuJSON
import AnjuRules
import Foundation
import Testing

@Suite("loan_quota: limits, binding, term")
struct LoanQuotaTests {
    @Test("fields in policy.md's order; 15 × balance binds at 600,000; payment at the amount")
    func balanceBinds() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_quota", Base.quota)
        #expect(result.json.objectValue?.keys == ["eligible", "category", "amount", "binding", "limits", "term_years", "rate", "monthly_payment", "reasons"])
        #expect(result.json["limits"]?.objectValue?.keys == ["cap", "balance", "capacity"])
        #expect(result.amount == 600_000)
        #expect(result.binding == "balance")
        #expect(result.json["term_years"] == 30)
        #expect(result.json["rate"] == .double(2.6))
        #expect(result.json["monthly_payment"] == .double(2402.04))
        #expect(result.limit("cap") == 800_000)
        #expect(result.limit("balance") == 600_000)
        #expect(result.limit("capacity") == Money.round2(annuityPrincipal(6000, annualPercent: 2.6, months: 360)))
        #expect(result.reasons.map(\.code) == ["account_normal", "continuous_months", "no_outstanding_loan", "loans_used", "no_overdue", "homes_owned"])
    }

    @Test("the cap binds: first home 800,000, second home 600,000 at the second-home rate")
    func capBinds() throws {
        let engine = try Fixtures.reference()
        let rich = Base.quota.with(["balance": 100_000, "monthly_income": 30_000])
        let first = try engine.run("loan_quota", rich)
        #expect(first.amount == 800_000)
        #expect(first.binding == "cap")
        let second = try engine.run("loan_quota", rich.with(["homes_owned": 1]))
        #expect(second.amount == 600_000)
        #expect(second.binding == "cap")
        #expect(second.json["category"] == "second_home")
        #expect(second.json["rate"] == .double(3.075))
    }

    @Test("repayment capacity binds: 50% of income at 2.6% over 30 years, rounded down to 1,000")
    func capacityBinds() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_quota", Base.quota.with(["monthly_income": 4000]))
        let capacity = annuityPrincipal(2000, annualPercent: 2.6, months: 360)
        #expect(result.binding == "capacity")
        #expect(result.limit("capacity") == Money.round2(capacity))
        #expect(result.amount == (capacity / 1000).rounded(.down) * 1000)
        #expect(result.amount == 499_000)
    }

    @Test("the price binds: 80% first home, 70% second home")
    func priceBinds() throws {
        let engine = try Fixtures.reference()
        let rich = Base.quota.with(["balance": 100_000, "monthly_income": 30_000, "price": 500_000])
        let first = try engine.run("loan_quota", rich)
        #expect(first.binding == "price")
        #expect(first.amount == 400_000)
        #expect(first.json["limits"]?.objectValue?.keys == ["cap", "balance", "capacity", "price"])
        let second = try engine.run("loan_quota", rich.with(["homes_owned": 1]))
        #expect(second.amount == 350_000)
        #expect(second.limit("price") == 350_000)
    }

    @Test("co-borrower balance and income add up; existing debt reduces capacity")
    func coBorrowerAndDebt() throws {
        let engine = try Fixtures.reference()
        let a = try engine.run("loan_quota", Base.quota.with(["balance": 20_000, "co_borrower_balance": 20_000]))
        #expect(a.limit("balance") == 600_000)
        let b = try engine.run("loan_quota", Base.quota.with(["monthly_income": 3000, "co_borrower_income": 1000]))
        #expect(b.limit("capacity") == Money.round2(annuityPrincipal(2000, annualPercent: 2.6, months: 360)))
        let c = try engine.run("loan_quota", Base.quota.with(["monthly_income": 5000, "existing_monthly_debt": 500]))
        #expect(c.limit("capacity") == Money.round2(annuityPrincipal(2000, annualPercent: 2.6, months: 360)))
    }

    @Test("capacity is 0 when the allowed payment is not positive; still eligible")
    func noCapacity() throws {
        let engine = try Fixtures.reference()
        for debt in [6000, 9000] {
            let result = try engine.run("loan_quota", Base.quota.with(["existing_monthly_debt": .int(debt)]))
            #expect(result.eligible == true)
            #expect(result.amount == 0)
            #expect(result.binding == "capacity")
            #expect(result.limit("capacity") == 0)
            #expect(result.json["monthly_payment"] == 0)
        }
    }

    @Test("uplifts: +20% for 2+ children, +20% for talent, added together", arguments: [
        (0, false, 0, 800_000.0), (1, false, 0, 800_000), (2, false, 0, 960_000), (3, false, 0, 960_000),
        (0, true, 0, 960_000), (2, true, 0, 1_120_000), (2, true, 1, 840_000), (0, true, 1, 720_000),
    ])
    func uplifts(children: Int, talent: Bool, homes: Int, cap: Double) throws {
        let engine = try Fixtures.reference()
        let facts = Base.quota.with(["balance": 200_000, "monthly_income": 50_000, "children": .int(children),
                                     "talent": .bool(talent), "homes_owned": .int(homes)])
        let result = try engine.run("loan_quota", facts)
        #expect(result.limit("cap") == cap)
        #expect(result.amount == cap)
        #expect(result.binding == "cap")
    }

    @Test("the cap after uplifts never exceeds 1,200,000")
    func capMax() throws {
        let engine = try Fixtures.referenceEdited([("first_home: 800000", "first_home: 1000000")])
        let facts = Base.quota.with(["balance": 200_000, "monthly_income": 50_000, "children": 2, "talent": true])
        let result = try engine.run("loan_quota", facts)
        #expect(result.limit("cap") == 1_200_000)
        #expect(result.amount == 1_200_000)
        let plain = try engine.run("loan_quota", facts.with(["children": 0, "talent": false]))
        #expect(plain.limit("cap") == 1_000_000)
    }

    @Test("term: 30 by default, shortened so the age check passes")
    func termShortened() throws {
        let engine = try Fixtures.reference()
        // Man born 1976-09 (limit 68): on 2026-05 he is 49y8m → at most 18 years.
        let man = try engine.run("loan_quota", Base.quota.with(["birth": "1976-09", "gender": "male"]))
        #expect(man.json["term_years"] == 18)
        #expect(man.eligible == true)
        #expect(man.reasons.last?.code == "age_term")
        #expect(man.reasons.last?.passed == true)
        #expect(man.limit("capacity") == Money.round2(annuityPrincipal(6000, annualPercent: 2.6, months: 216)))
        // Young: the full 30 years.
        let young = try engine.run("loan_quota", Base.quota.with(["birth": "1995-01", "gender": "female"]))
        #expect(young.json["term_years"] == 30)
        // Woman worker born 1975-09 (limit 55y5m), 50y8m now → 4 years, at the short-term rate.
        let worker = try engine.run("loan_quota", Base.quota.with(["birth": "1975-09", "gender": "female", "category": "worker"]))
        #expect(worker.json["term_years"] == 4)
        #expect(worker.json["rate"] == .double(2.1))
        #expect(worker.limit("capacity") == Money.round2(annuityPrincipal(6000, annualPercent: 2.1, months: 48)))
    }

    @Test("when even one year fails the age check, age_term fails and the amount is 0")
    func tooOld() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_quota", Base.quota.with(["birth": "1960-01", "gender": "female", "category": "worker"]))
        #expect(result.eligible == false)
        #expect(result.failedCodes == ["age_term"])
        #expect(result.amount == 0)
        #expect(result.json["binding"] == .null)
        #expect(result.json["limits"] == .null)
        #expect(result.json["term_years"] == 1)
        #expect(result.reasons.last?.message.contains("即使贷款期限只有1年") == true)
    }

    @Test("a given term_years is checked as given, not shortened")
    func givenTerm() throws {
        let engine = try Fixtures.reference()
        let facts = Base.quota.with(["birth": "1976-09", "gender": "male", "on": "2026-09"])
        #expect(try engine.run("loan_quota", facts.with(["term_years": 18])).eligible == true)
        let over = try engine.run("loan_quota", facts.with(["term_years": 25]))
        #expect(over.failedCodes == ["age_term"])
        #expect(over.json["term_years"] == 25)
        let short = try engine.run("loan_quota", Base.quota.with(["term_years": 5]))
        #expect(short.json["rate"] == .double(2.1))
        #expect(short.limit("capacity") == Money.round2(annuityPrincipal(6000, annualPercent: 2.1, months: 60)))
    }

    @Test("a failing eligibility condition gives amount 0 and eligibility's reasons")
    func ineligible() throws {
        let engine = try Fixtures.reference()
        for (fact, value) in [("continuous_months", JSONValue.int(5)), ("overdue", true), ("homes_owned", 2), ("account_status", "closed")] {
            let facts = Base.quota.with([fact: value])
            let quota = try engine.run("loan_quota", facts)
            let eligibility = try engine.run("loan_eligibility", facts.without("balance", "monthly_income"))
            #expect(quota.eligible == false)
            #expect(quota.amount == 0)
            #expect(quota.binding == nil)
            #expect(quota.limits.isEmpty)
            #expect(quota.reasons == eligibility.reasons)
            #expect(quota.json["reasons"] == eligibility.json["reasons"])
        }
    }

    @Test("property: the quota never exceeds any limit, is a multiple of 1,000, and binding names the smallest")
    func quotaProperty() throws {
        let engine = try Fixtures.reference()
        var rng = SplitMix64(seed: 42)
        var bindings: [String: Int] = [:]
        for _ in 0..<4_000 {
            var facts = Base.quota.with([
                "balance": .double(Double(Int.random(in: 0...20_000_000, using: &rng)) / 100),
                "monthly_income": .double(Double(Int.random(in: 0...6_000_000, using: &rng)) / 100),
                "homes_owned": .int(Int.random(in: 0...1, using: &rng)),
                "children": .int(Int.random(in: 0...4, using: &rng)),
                "talent": .bool(Bool.random(using: &rng)),
            ])
            if Bool.random(using: &rng) { facts["price"] = .int(Int.random(in: 1...3_000_000, using: &rng)) }
            if Bool.random(using: &rng) { facts["co_borrower_balance"] = .int(Int.random(in: 0...100_000, using: &rng)) }
            if Bool.random(using: &rng) { facts["co_borrower_income"] = .int(Int.random(in: 0...30_000, using: &rng)) }
            if Bool.random(using: &rng) { facts["existing_monthly_debt"] = .int(Int.random(in: 0...8_000, using: &rng)) }
            if Bool.random(using: &rng) { facts["term_years"] = .int(Int.random(in: 1...30, using: &rng)) }
            if Bool.random(using: &rng) {
                facts["birth"] = .string(YearMonth(year: Int.random(in: 1960...2005, using: &rng), month: Int.random(in: 1...12, using: &rng))!.description)
                facts["gender"] = Bool.random(using: &rng) ? "male" : "female"
            }
            let result = try engine.run("loan_quota", facts)
            let amount = try #require(result.amount)
            #expect(amount.truncatingRemainder(dividingBy: 1000) == 0)
            #expect(amount >= 0)
            guard result.eligible == true else {
                #expect(amount == 0)
                continue
            }
            let smallest = result.limits.map(\.value).min()!
            for limit in result.limits { #expect(amount <= limit.value, "\(limit.name)") }
            #expect(amount > smallest - 1000)
            #expect(result.limit(result.binding!) == smallest)
            #expect(result.limit("cap")! <= 1_200_000)
            bindings[result.binding!, default: 0] += 1
        }
        #expect(Set(bindings.keys) == ["cap", "balance", "capacity", "price"])
    }
}
