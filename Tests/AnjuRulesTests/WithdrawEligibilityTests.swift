import AnjuJSON
import AnjuRules
import Testing

@Suite("withdraw_eligibility: the nine types")
struct WithdrawEligibilityTests {
    static let passing: [(WithdrawType, JSONObject)] = [
        (.rent, Base.rent),
        (.repay, ["type": "repay", "balance": 30000, "loan_type": "provident", "overdue": false]),
        (.purchase, ["type": "purchase", "balance": 30000, "months_since_purchase": 24, "price": 1_000_000]),
        (.retire, ["type": "retire", "balance": 30000, "birth": "1964-01", "gender": "male"]),
        (.leave, ["type": "leave", "balance": 30000, "sealed_months": 6, "outstanding_loan": false]),
        (.illness, ["type": "illness", "balance": 30000, "out_of_pocket": 50000]),
        (.renovation, ["type": "renovation", "balance": 30000, "months_since_completion": 24, "contribution": 40000]),
        (.emigrate, ["type": "emigrate", "balance": 30000, "settled_abroad": true]),
        (.death, ["type": "death", "balance": 30000, "heir": true]),
    ]

    @Test("each type passes with the balance as amount; closing types close the account")
    func eachTypePasses() throws {
        let engine = try Fixtures.reference()
        for (type, facts) in Self.passing {
            let result = try engine.run("withdraw_eligibility", facts)
            guard case .withdrawEligibility(let w) = result.outcome else { Issue.record("wrong outcome"); continue }
            #expect(w.type == type)
            #expect(w.eligible, "\(type)")
            let expectedBalance: Double = type == .rent ? 100_000 : 30_000
            #expect(w.amount == (type == .rent ? 15_000 : expectedBalance), "\(type)")
            #expect(w.closeAccount == [.retire, .leave, .emigrate, .death].contains(type))
            #expect(result.json.objectValue?.keys == ["eligible", "type", "amount", "binding", "limits", "close_account", "reasons"])
            #expect(result.json["limits"]?.objectValue?.keys.first == "balance")
        }
    }

    @Test("each condition failing alone gives amount 0 and keeps the account open", arguments: [
        ("rent", "continuous_months", JSONValue.int(2), "continuous_months"),
        ("rent", "homes_owned", 1, "no_home"),
        ("rent", "outstanding_loan", true, "no_outstanding_loan"),
        ("repay", "loan_type", "none", "has_loan"),
        ("repay", "overdue", true, "no_overdue"),
        ("purchase", "months_since_purchase", 25, "within_period"),
        ("retire", "birth", "1965-01", "retirement_age_reached"),
        ("leave", "sealed_months", 5, "sealed_period"),
        ("leave", "outstanding_loan", true, "no_outstanding_loan"),
        ("illness", "out_of_pocket", 0, "has_cost"),
        ("renovation", "months_since_completion", 25, "within_period"),
        ("emigrate", "settled_abroad", false, "settled_abroad"),
        ("death", "heir", false, "heir"),
    ])
    func failsAlone(type: String, fact: String, value: JSONValue, code: String) throws {
        let engine = try Fixtures.reference()
        let base = try #require(Self.passing.first { $0.0.rawValue == type }?.1)
        let result = try engine.run("withdraw_eligibility", base.with([fact: value]), today: CalendarDate("2025-01-15")!)
        #expect(result.eligible == false)
        #expect(result.failedCodes == [code])
        #expect(result.amount == 0)
        #expect(result.json["close_account"] == false)
        #expect(result.json["binding"] == .null)
        #expect(result.json["limits"] == .null)
        #expect(result.reasons.first { $0.code == code }?.message.isEmpty == false)
    }

    @Test("conditions come in policy.md's order")
    func order() throws {
        let engine = try Fixtures.reference()
        let rent = try engine.run("withdraw_eligibility", Base.rent)
        #expect(rent.reasons.map(\.code) == ["continuous_months", "no_home", "no_outstanding_loan"])
        let leave = try engine.run("withdraw_eligibility", Self.passing[4].1)
        #expect(leave.reasons.map(\.code) == ["sealed_period", "no_outstanding_loan"])
        let repay = try engine.run("withdraw_eligibility", Self.passing[1].1)
        #expect(repay.reasons.map(\.code) == ["has_loan", "no_overdue"])
    }

    @Test("rent caps by family", arguments: [
        (false, 0, 15_000.0), (false, 2, 15_000), (false, 3, 15_000),  // unmarried: single cap whatever the children
        (true, 0, 30_000), (true, 1, 30_000), (true, 2, 36_000), (true, 3, 48_000), (true, 6, 48_000),
    ])
    func rentCaps(married: Bool, children: Int, cap: Double) throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("withdraw_eligibility", Base.rent.with(["married": .bool(married), "children": .int(children)]))
        #expect(result.limit("cap") == cap)
        #expect(result.amount == cap)
        #expect(result.binding == "cap")
    }

    @Test("rent: the smallest of balance, cap and annual rent")
    func rentMinimum() throws {
        let engine = try Fixtures.reference()
        let byRent = try engine.run("withdraw_eligibility", Base.rent.with(["annual_rent": 12_000]))
        #expect(byRent.amount == 12_000)
        #expect(byRent.binding == "annual_rent")
        #expect(byRent.json["limits"]?.objectValue?.keys == ["balance", "cap", "annual_rent"])
        let byBalance = try engine.run("withdraw_eligibility", Base.rent.with(["balance": 8_000.5, "annual_rent": 12_000]))
        #expect(byBalance.amount == 8_000.5)
        #expect(byBalance.binding == "balance")
        #expect(byBalance.json["amount"] == .double(8000.5))
        let continuous = try engine.run("withdraw_eligibility", Base.rent.with(["continuous_months": 3]))
        #expect(continuous.eligible == true)
    }

    @Test("public rental housing: min(balance, annual rent), no cap; annual_rent required")
    func publicRental() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("withdraw_eligibility", Base.rent.with(["public_rental": true, "annual_rent": 60_000]))
        #expect(result.amount == 60_000)
        #expect(result.binding == "annual_rent")
        #expect(result.limit("cap") == nil)
        #expect(result.json["limits"]?.objectValue?.keys == ["balance", "annual_rent"])
        let poor = try engine.run("withdraw_eligibility", Base.rent.with(["public_rental": true, "annual_rent": 60_000, "balance": 7000]))
        #expect(poor.amount == 7000)
        engine.expectBadRequest("withdraw_eligibility", Base.rent.with(["public_rental": true]), naming: "annual_rent")
        // public_rental false behaves as not given
        let notPublic = try engine.run("withdraw_eligibility", Base.rent.with(["public_rental": false]))
        #expect(notPublic.limit("cap") == 15_000)
    }

    @Test("repay: annual repayment bounds the amount; has_loan passes for either loan type")
    func repay() throws {
        let engine = try Fixtures.reference()
        let base = Self.passing[1].1
        let bounded = try engine.run("withdraw_eligibility", base.with(["annual_repayment": 24_000]))
        #expect(bounded.amount == 24_000)
        #expect(bounded.binding == "annual_repayment")
        let commercial = try engine.run("withdraw_eligibility", base.with(["loan_type": "commercial"]))
        #expect(commercial.eligible == true)
        #expect(commercial.reasons[0].message == "正在偿还商业住房贷款。")
    }

    @Test("purchase: min(balance, price − loan); loan above price is a bad request")
    func purchase() throws {
        let engine = try Fixtures.reference()
        let base = Self.passing[2].1.with(["balance": 500_000])
        let result = try engine.run("withdraw_eligibility", base.with(["loan_amount": 800_000]))
        #expect(result.amount == 200_000)
        #expect(result.binding == "price_less_loan")
        let cash = try engine.run("withdraw_eligibility", base)
        #expect(cash.amount == 500_000)
        #expect(cash.binding == "balance")
        engine.expectBadRequest("withdraw_eligibility", base.with(["loan_amount": 1_000_001]), naming: "loan_amount")
    }

    @Test("retire: reached in the month of the statutory age; on defaults to today")
    func retire() throws {
        let engine = try Fixtures.reference()
        // Born 1965-01, man: 60y1m → 2025-02.
        let facts: JSONObject = ["type": "retire", "balance": 88_000, "birth": "1965-01", "gender": "male"]
        #expect(try engine.run("withdraw_eligibility", facts.with(["on": "2025-01"])).eligible == false)
        let reached = try engine.run("withdraw_eligibility", facts.with(["on": "2025-02"]))
        #expect(reached.eligible == true)
        #expect(reached.json["close_account"] == true)
        #expect(reached.amount == 88_000)
        #expect(try engine.run("withdraw_eligibility", facts, today: CalendarDate("2025-01-31")!).eligible == false)
        #expect(try engine.run("withdraw_eligibility", facts, today: CalendarDate("2025-02-01")!).eligible == true)
        let notYet = try engine.run("withdraw_eligibility", facts.with(["on": "2025-01"]))
        #expect(notYet.reasons[0].message == "退休提取须达到法定退休年龄（60岁1个月，即2025年2月），截至2025年1月您尚未达到。")
        // women workers retire earlier than cadres
        let woman: JSONObject = ["type": "retire", "balance": 1, "birth": "1974-06", "gender": "female", "on": "2026-01"]
        #expect(try engine.run("withdraw_eligibility", woman).eligible == false)
        #expect(try engine.run("withdraw_eligibility", woman.with(["category": "worker"])).eligible == true)
    }

    @Test("illness and renovation: the smaller of balance and cost")
    func costs() throws {
        let engine = try Fixtures.reference()
        let illness = try engine.run("withdraw_eligibility", ["type": "illness", "balance": 50_000, "out_of_pocket": 12_345.67])
        #expect(illness.amount == 12_345.67)
        #expect(illness.binding == "out_of_pocket")
        let renovation = try engine.run("withdraw_eligibility", ["type": "renovation", "balance": 5_000, "months_since_completion": 0, "contribution": 23_000])
        #expect(renovation.amount == 5_000)
        #expect(renovation.binding == "balance")
    }

    @Test("a balance of 0 gives amount 0 while eligible")
    func zeroBalance() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("withdraw_eligibility", ["type": "death", "balance": 0, "heir": true])
        #expect(result.eligible == true)
        #expect(result.amount == 0)
    }
}
