import AnjuIntents
import AnjuJSON
import AnjuRules
import Testing

@Suite("Bad facts: bad_request naming the fact, never a result")
struct FactValidationTests {
    static let validFacts: [(String, JSONObject)] = [
        ("retirement_age", ["birth": "1980-01", "gender": "female", "category": "worker"]),
        ("loan_eligibility", Base.loan.with(["birth": "1980-01", "gender": "male", "term_years": 20, "on": "2026-01"])),
        ("loan_quota", Base.quota.with(["price": 900_000, "children": 1, "talent": false, "co_borrower_balance": 0,
                                        "co_borrower_income": 0, "existing_monthly_debt": 0])),
        ("loan_repayment", ["principal": 300_000, "term_years": 20, "method": "equal_principal", "homes_owned": 0]),
        ("withdraw_eligibility", Base.rent.with(["annual_rent": 20_000, "public_rental": false])),
    ]

    @Test("an unknown rule is unknown_rule")
    func unknownRule() throws {
        let engine = try Fixtures.reference()
        for name in ["loan_limit", "", "LOAN_QUOTA", "withdraw_eligibility "] {
            let error = engine.failure(name, .object(Base.loan))
            #expect(error?.code == .unknownRule)
            #expect(error?.message.contains("loan_quota") == true)
        }
    }

    @Test("facts that are not an object", arguments: [JSONValue.array([]), .string("x"), .null, .int(1), .bool(true)])
    func notAnObject(facts: JSONValue) throws {
        let engine = try Fixtures.reference()
        let error = engine.failure("loan_quota", facts)
        #expect(error?.code == .badRequest)
        #expect(error?.fact == "facts")
        #expect(error?.message.contains("\"facts\"") == true)
    }

    @Test("an unknown fact name, or one another rule takes")
    func unknownFact() throws {
        let engine = try Fixtures.reference()
        engine.expectBadRequest("loan_eligibility", Base.loan.with(["salary": 1]), naming: "salary")
        engine.expectBadRequest("loan_eligibility", Base.loan.with(["balance": 1]), naming: "balance")
        engine.expectBadRequest("retirement_age", ["birth": "1980-01", "gender": "male", "on": "2026-01"], naming: "on")
        engine.expectBadRequest("loan_repayment", ["principal": 1, "term_years": 1, "children": 1], naming: "children")
        engine.expectBadRequest("withdraw_eligibility", Base.rent.with(["Balance": 1]), naming: "Balance")
        let error = engine.failure("loan_eligibility", .object(Base.loan.with(["salary": 1])))
        #expect(error?.message.contains("account_status, continuous_months") == true)
    }

    @Test("a fact of another withdrawal type is refused")
    func otherTypeFact() throws {
        let engine = try Fixtures.reference()
        engine.expectBadRequest("withdraw_eligibility", Base.rent.with(["heir": true]), naming: "heir")
        engine.expectBadRequest("withdraw_eligibility", ["type": "death", "balance": 1, "heir": true, "annual_rent": 5], naming: "annual_rent")
        engine.expectBadRequest("withdraw_eligibility", ["type": "illness", "balance": 1, "out_of_pocket": 1, "on": "2026-01"], naming: "on")
    }

    @Test("every required fact, when missing, is named", arguments: [
        ("retirement_age", ["birth", "gender"]),
        ("loan_eligibility", ["account_status", "continuous_months", "outstanding_loan", "loans_used", "overdue", "homes_owned"]),
        ("loan_quota", ["balance", "monthly_income", "account_status", "continuous_months", "outstanding_loan", "loans_used", "overdue", "homes_owned"]),
        ("loan_repayment", ["principal", "term_years"]),
        ("withdraw_eligibility", ["type", "balance", "continuous_months", "homes_owned", "outstanding_loan", "married", "children"]),
    ])
    func missing(rule: String, required: [String]) throws {
        let engine = try Fixtures.reference()
        let facts = try #require(Self.validFacts.first { $0.0 == rule }?.1)
        _ = try engine.run(rule, facts)
        for fact in required {
            engine.expectBadRequest(rule, facts.without(fact), naming: fact)
            // null counts as not given
            engine.expectBadRequest(rule, facts.with([fact: .null]), naming: fact)
        }
    }

    @Test("each withdrawal type's required facts", arguments: WithdrawType.allCases)
    func withdrawRequired(type: WithdrawType) throws {
        let engine = try Fixtures.reference()
        let facts = try #require(WithdrawEligibilityTests.passing.first { $0.0 == type }?.1)
        let spec = RuleEngine.factSpec(for: .withdrawEligibility, type: type)
        #expect(spec.required.prefix(2) == ["type", "balance"])
        for fact in spec.required where fact != "type" {
            engine.expectBadRequest("withdraw_eligibility", facts.without(fact), naming: fact)
        }
    }

    @Test("wrong types", arguments: [
        ("loan_eligibility", "continuous_months", JSONValue.string("6")),
        ("loan_eligibility", "continuous_months", .double(6.5)),
        ("loan_eligibility", "continuous_months", .bool(true)),
        ("loan_eligibility", "loans_used", .array([])),
        ("loan_eligibility", "outstanding_loan", .int(0)),
        ("loan_eligibility", "overdue", .string("false")),
        ("loan_eligibility", "account_status", .string("frozen")),
        ("loan_eligibility", "account_status", .int(1)),
        ("loan_eligibility", "gender", .string("M")),
        ("loan_eligibility", "category", .string("boss")),
        ("loan_eligibility", "birth", .int(199_001)),
        ("loan_eligibility", "birth", .string("1990-1")),
        ("loan_eligibility", "birth", .string("1990-13")),
        ("loan_eligibility", "birth", .string("1990-00")),
        ("loan_eligibility", "birth", .string("1990-01-01")),
        ("loan_eligibility", "birth", .string("199O-01")),
        ("loan_eligibility", "birth", .string("1850-01")),
        ("loan_eligibility", "on", .string("2026-13")),
        ("loan_quota", "balance", .string("40000")),
        ("loan_quota", "talent", .string("yes")),
        ("loan_quota", "price", .object([:])),
        ("loan_repayment", "method", .string("bullet")),
        ("loan_repayment", "rate", .string("2.6")),
        ("withdraw_eligibility", "type", .string("vacation")),
        ("withdraw_eligibility", "married", .int(1)),
        ("withdraw_eligibility", "children", .double(1.5)),
    ])
    func wrongType(rule: String, fact: String, value: JSONValue) throws {
        let engine = try Fixtures.reference()
        let facts = try #require(Self.validFacts.first { $0.0 == rule }?.1)
        engine.expectBadRequest(rule, facts.with([fact: value]), naming: fact)
    }

    @Test("values out of range", arguments: [
        ("loan_quota", "balance", JSONValue.int(-1)),
        ("loan_quota", "balance", .double(-0.01)),
        ("loan_quota", "monthly_income", .double(1e12)),
        ("loan_quota", "existing_monthly_debt", .int(-5)),
        ("loan_quota", "co_borrower_balance", .int(-5)),
        ("loan_quota", "price", .int(0)),
        ("loan_quota", "price", .int(-100)),
        ("loan_quota", "children", .int(11)),
        ("loan_quota", "children", .int(-1)),
        ("loan_eligibility", "continuous_months", .int(601)),
        ("loan_eligibility", "continuous_months", .int(-1)),
        ("loan_eligibility", "loans_used", .int(-1)),
        ("loan_eligibility", "loans_used", .int(101)),
        ("loan_eligibility", "homes_owned", .int(-1)),
        ("loan_eligibility", "homes_owned", .int(1000)),
        ("loan_eligibility", "term_years", .int(0)),
        ("loan_eligibility", "term_years", .int(31)),
        ("loan_repayment", "principal", .int(0)),
        ("loan_repayment", "principal", .int(-300_000)),
        ("loan_repayment", "term_years", .int(31)),
        ("loan_repayment", "rate", .int(-1)),
        ("loan_repayment", "rate", .int(101)),
        ("withdraw_eligibility", "annual_rent", .int(-1)),
        ("withdraw_eligibility", "continuous_months", .int(700)),
        ("withdraw_eligibility", "balance", .double(-1)),
    ])
    func outOfRange(rule: String, fact: String, value: JSONValue) throws {
        let engine = try Fixtures.reference()
        let facts = try #require(Self.validFacts.first { $0.0 == rule }?.1)
        engine.expectBadRequest(rule, facts.with([fact: value]), naming: fact)
    }

    @Test("term_months 1…360, and not together with term_years")
    func termMonths() throws {
        let engine = try Fixtures.reference()
        let base: JSONObject = ["principal": 100_000]
        engine.expectBadRequest("loan_repayment", base.with(["term_months": 0]), naming: "term_months")
        engine.expectBadRequest("loan_repayment", base.with(["term_months": 361]), naming: "term_months")
        _ = try engine.run("loan_repayment", base.with(["term_months": 360]))
        _ = try engine.run("loan_repayment", base.with(["term_months": 1]))
        engine.expectBadRequest("loan_repayment", base.with(["term_years": 10, "term_months": 120]), naming: "term_months")
        engine.expectBadRequest("loan_repayment", base, naming: "term_years")
    }

    @Test("birth after on is a bad request naming birth")
    func birthAfterOn() throws {
        let engine = try Fixtures.reference()
        engine.expectBadRequest("loan_eligibility", Base.loan.with(["birth": "2026-06", "gender": "male", "term_years": 10, "on": "2026-05"]), naming: "birth")
        engine.expectBadRequest("loan_quota", Base.quota.with(["birth": "2030-01", "gender": "male"]), naming: "birth")
        engine.expectBadRequest("withdraw_eligibility", ["type": "retire", "balance": 1, "birth": "2027-01", "gender": "male"], naming: "birth")
    }

    @Test("messages are Chinese then English and quote the bad value")
    func messageShape() throws {
        let engine = try Fixtures.reference()
        let error = try #require(engine.failure("loan_eligibility", .object(Base.loan.with(["continuous_months": 6.5]))))
        #expect(error.message == "事实 continuous_months（连续缴存月数）应为整数，收到的是 6.5。Fact \"continuous_months\" must be a whole number, got 6.5.")
        let missing = try #require(engine.failure("loan_quota", .object(Base.quota.without("balance"))))
        #expect(missing.message.hasPrefix("缺少事实 balance（账户余额）"))
        #expect(missing.json.objectValue?.keys == ["code", "message"])
        let long = try #require(engine.failure("loan_eligibility", .object(Base.loan.with(["gender": .string(String(repeating: "x", count: 5000))]))))
        #expect(long.message.count < 300)
    }

    @Test("integral doubles count as whole numbers; null optional facts are ignored")
    func lenientForms() throws {
        let engine = try Fixtures.reference()
        let a = try engine.run("loan_eligibility", Base.loan.with(["continuous_months": 24.0, "birth": .null, "term_years": .null]))
        #expect(a == (try engine.run("loan_eligibility", Base.loan)))
    }

    @Test("property: random fact sets give a result or bad_request, never a crash")
    func randomFacts() throws {
        let engine = try Fixtures.reference()
        var rng = SplitMix64(seed: 2026)
        let names = ["birth", "gender", "category", "on", "account_status", "continuous_months", "outstanding_loan", "loans_used",
                     "overdue", "homes_owned", "term_years", "balance", "monthly_income", "children", "talent", "price",
                     "co_borrower_balance", "co_borrower_income", "existing_monthly_debt", "principal", "term_months", "method",
                     "rate", "type", "married", "annual_rent", "public_rental", "loan_type", "annual_repayment",
                     "months_since_purchase", "loan_amount", "sealed_months", "out_of_pocket", "months_since_completion",
                     "contribution", "settled_abroad", "heir", "bogus"]
        let values: [JSONValue] = [
            .null, true, false, 0, 1, 2, 6, 24, 30, 360, 601, -1, 1.5, 0.0, 1e300, -1e300, 40000, 1_000_000,
            "", "1990-05", "2030-12", "1990-13", "male", "female", "cadre", "worker", "normal", "sealed",
            "equal_principal", "rent", "repay", "purchase", "retire", "leave", "illness", "renovation", "emigrate", "death",
            "provident", "none", [], [:], [1], ["a": 1],
        ]
        var results = 0
        for _ in 0..<20_000 {
            let rule = (RuleID.allCases.map(\.rawValue) + ["nope"]).randomElement(using: &rng)!
            var facts: JSONObject
            if Bool.random(using: &rng), let valid = Self.validFacts.first(where: { $0.0 == rule })?.1 {
                facts = valid
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    facts[names.randomElement(using: &rng)!] = values.randomElement(using: &rng)!
                }
            } else {
                facts = JSONObject()
                for _ in 0..<Int.random(in: 0...10, using: &rng) {
                    facts[names.randomElement(using: &rng)!] = values.randomElement(using: &rng)!
                }
            }
            switch engine.check(rule: rule, facts: .object(facts), today: Fixtures.today) {
            case .success(let result):
                results += 1
                // The streamed text and the tree agree exactly.
                #expect(result.jsonString == result.json.jsonString)
                #expect(result.jsonBytes == result.json.jsonBytes)
                #expect((try? JSONValue.parse(result.jsonString)) == result.json)
                if let amount = result.amount { #expect(amount >= 0 && amount.isFinite) }
            case .failure(let error):
                #expect(error.code == (rule == "nope" ? .unknownRule : .badRequest))
                #expect(!error.message.isEmpty)
            }
        }
        #expect(results > 100)
    }

    @Test("fact specs list what each rule takes")
    func factSpecs() {
        #expect(RuleEngine.factSpec(for: .retirementAge).required == ["birth", "gender"])
        #expect(RuleEngine.factSpec(for: .loanQuota).optional.contains("co_borrower_income"))
        #expect(RuleEngine.factSpec(for: .withdrawEligibility).required == ["type", "balance"])
        #expect(RuleEngine.factSpec(for: .withdrawEligibility, type: .repay).all == ["type", "balance", "loan_type", "overdue", "annual_repayment"])
    }
}
