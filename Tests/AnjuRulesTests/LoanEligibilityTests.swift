import AnjuJSON
import AnjuRules
import Testing

@Suite("loan_eligibility: conditions in policy.md's order")
struct LoanEligibilityTests {
    @Test("all conditions pass: eligible, first home, six reasons in order")
    func allPass() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_eligibility", Base.loan)
        #expect(result.eligible == true)
        #expect(result.reasons.map(\.code) == ["account_normal", "continuous_months", "no_outstanding_loan", "loans_used", "no_overdue", "homes_owned"])
        #expect(result.reasons.allSatisfy { $0.passed })
        #expect(result.json.objectValue?.keys == ["eligible", "category", "reasons"])
        #expect(result.json["category"] == "first_home")
        #expect(result.json["reasons"]?[0]?.objectValue?.keys == ["code", "passed", "message"])
    }

    @Test("each condition failing alone", arguments: [
        ("account_status", JSONValue.string("sealed"), "account_normal", "封存"),
        ("account_status", "closed", "account_normal", "销户"),
        ("continuous_months", 5, "continuous_months", "连续缴存需满6个月，您目前为5个月"),
        ("continuous_months", 0, "continuous_months", "您目前为0个月"),
        ("outstanding_loan", true, "no_outstanding_loan", "未结清"),
        ("loans_used", 2, "loans_used", "已使用2次"),
        ("overdue", true, "no_overdue", "逾期"),
        ("homes_owned", 2, "homes_owned", "您有2套"),
    ])
    func failsAlone(fact: String, value: JSONValue, code: String, phrase: String) throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_eligibility", Base.loan.with([fact: value]))
        #expect(result.eligible == false)
        #expect(result.failedCodes == [code])
        let reason = try #require(result.reasons.first { $0.code == code })
        #expect(reason.message.contains(phrase), "\(reason.message)")
    }

    @Test("boundaries pass: 6 months, 1 loan used, 1 home (second home)")
    func boundaries() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_eligibility", Base.loan.with(["continuous_months": 6, "loans_used": 1, "homes_owned": 1]))
        #expect(result.eligible == true)
        #expect(result.json["category"] == "second_home")
        #expect(result.reasons[1].message == "连续缴存需满6个月，您已连续缴存6个月。")
    }

    @Test("one settled loan and no home is still a first home")
    func settledLoanFirstHome() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_eligibility", Base.loan.with(["loans_used": 1]))
        #expect(result.json["category"] == "first_home")
    }

    @Test("age_term: age at on + term ≤ retirement age + 5, compared in months")
    func ageTerm() throws {
        let engine = try Fixtures.reference()
        // Man born 1976-09 retires at 63; the limit is 68. On 2026-09 he is exactly 50.
        let base = Base.loan.with(["birth": "1976-09", "gender": "male", "on": "2026-09"])
        let exact = try engine.run("loan_eligibility", base.with(["term_years": 18]))
        #expect(exact.eligible == true)
        #expect(exact.reasons.last?.code == "age_term")
        #expect(exact.reasons.last?.message.contains("到期时您为68岁") == true)
        let over = try engine.run("loan_eligibility", base.with(["term_years": 19]))
        #expect(over.failedCodes == ["age_term"])
        #expect(over.reasons.last?.message == "贷款到期时年龄不得超过法定退休年龄（63岁）加5年，即68岁；按贷款期限19年计，到期时您为69岁，超过了上限。")
        // A month later in life, 18 years no longer fit.
        let later = try engine.run("loan_eligibility", base.with(["term_years": 18, "on": "2026-10"]))
        #expect(later.failedCodes == ["age_term"])
    }

    @Test("age_term uses today's month when on is not given, and the women's category")
    func ageTermDefaults() throws {
        let engine = try Fixtures.reference()
        // Woman born 1975-09: cadre retires at 55y5m (limit 60y5m); worker at 50y5m (limit 55y5m).
        // On 2026-05 (today) she is 50y8m.
        let base = Base.loan.with(["birth": "1975-09", "gender": "female", "term_years": 5])
        #expect(try engine.run("loan_eligibility", base).eligible == true)
        #expect(try engine.run("loan_eligibility", base.with(["category": "worker"])).failedCodes == ["age_term"])
        #expect(try engine.run("loan_eligibility", base.with(["category": "worker"]), today: CalendarDate("2025-05-01")!).eligible == true)
    }

    @Test("age_term is checked only when birth, gender and term_years are all given")
    func ageTermOnlyWhenComplete() throws {
        let engine = try Fixtures.reference()
        for facts in [
            Base.loan.with(["birth": "1950-01", "gender": "male"]),
            Base.loan.with(["birth": "1950-01", "term_years": 30]),
            Base.loan.with(["gender": "male", "term_years": 30]),
        ] {
            let result = try engine.run("loan_eligibility", facts)
            #expect(result.reasons.count == 6)
            #expect(result.eligible == true)
        }
    }

    @Test("several failures are all reported, in order")
    func severalFailures() throws {
        let engine = try Fixtures.reference()
        let result = try engine.run("loan_eligibility", Base.loan.with(["overdue": true, "account_status": "sealed", "homes_owned": 3]))
        #expect(result.failedCodes == ["account_normal", "no_overdue", "homes_owned"])
        #expect(result.firstFailure?.code == "account_normal")
    }
}
