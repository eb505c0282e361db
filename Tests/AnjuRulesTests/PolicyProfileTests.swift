import AnjuJSON
import AnjuRules
import Foundation
import Testing

@Suite("Policy profiles")
struct PolicyProfileTests {
    @Test("Corpus/policy/reference.yaml loads with policy.md's numbers")
    func referenceLoads() throws {
        let p = try Fixtures.referenceProfile.get()
        #expect(p.id == "reference")
        #expect(p.effective == CalendarDate(year: 2024, month: 10, day: 18))
        #expect(p.sources.count == 4)
        #expect(p.loan.minContinuousMonths == 6)
        #expect(p.loan.maxLoansUsed == 2)
        #expect(p.loan.maxHomesOwned == 1)
        #expect(p.loan.cap == ByCategory(firstHome: 800_000, secondHome: 600_000))
        #expect(p.loan.capWithCoBorrower == nil)
        #expect(p.loan.upliftChildrenMin == 2)
        #expect(p.loan.upliftChildren == 0.2)
        #expect(p.loan.upliftTalent == 0.2)
        #expect(p.loan.capMax == 1_200_000)
        #expect(p.loan.balanceMultiplier == 15)
        #expect(p.loan.repaymentRatio == 0.5)
        #expect(p.loan.loanToPrice == ByCategory(firstHome: 0.8, secondHome: 0.7))
        #expect(p.loan.maxTermYears == 30)
        #expect(p.loan.retirementExtraYears == 5)
        #expect(p.loan.quotaRounding == 1000)
        #expect(p.rates.shortTermMaxMonths == 60)
        #expect(p.rates.schedule.map(\.effective.description) == ["2025-05-08", "2024-05-18", "2022-10-01"])
        #expect(p.rates.schedule[0].firstHome.long == 2.6)
        #expect(p.rates.schedule[0].secondHome.short == 2.525)
        #expect(p.retirement.male == RetirementSchedule(baseAge: 60, reformFrom: YearMonth("1965-01")!, monthsPerStep: 4, maxAge: 63))
        #expect(p.retirement.femaleCadre.reformFrom == YearMonth("1970-01"))
        #expect(p.retirement.femaleWorker.monthsPerStep == 2)
        #expect(p.withdraw.rentMinContinuousMonths == 3)
        #expect([p.withdraw.rentCapSingle, p.withdraw.rentCapMarried, p.withdraw.rentCapMarriedTwoChildren, p.withdraw.rentCapMarriedThreeOrMoreChildren]
                == [15_000, 30_000, 36_000, 48_000])
        #expect(p.withdraw.leaveMinSealedMonths == 6)
        #expect(p.withdraw.purchaseMaxMonths == 24)
        #expect(p.withdraw.renovationMaxMonths == 24)
        #expect(p.deposit.ratioMin == 0.05 && p.deposit.ratioMax == 0.12)
        #expect(p.deposit.baseMax == 34_515 && p.deposit.baseMin == 2_260)
        #expect(p.deposit.yearStart == "07-01")
        #expect(p.deposit.interestRate == 1.5)
    }

    @Test("the rate in force is the newest entry effective on or before the day")
    func rateInForce() throws {
        let rates = try Fixtures.referenceProfile.get().rates
        #expect(rates.entry(on: CalendarDate("2025-05-08")!).effective.description == "2025-05-08")
        #expect(rates.entry(on: CalendarDate("2025-05-07")!).effective.description == "2024-05-18")
        #expect(rates.entry(on: CalendarDate("2022-10-01")!).effective.description == "2022-10-01")
        #expect(rates.entry(on: CalendarDate("2000-01-01")!).effective.description == "2022-10-01")
        #expect(rates.annualRate(category: .secondHome, termMonths: 60, on: CalendarDate("2024-06-01")!) == 2.775)
    }

    @Test("figures by dotted path, including rates.current")
    func dottedPaths() throws {
        let p = try Fixtures.referenceProfile.get()
        #expect(p.value(at: "loan.cap.first_home") == 800_000)
        #expect(p.value(at: "loan.repayment_ratio") == .double(0.5))
        #expect(p.value(at: "rates.schedule.1.first_home.long") == .double(2.85))
        #expect(p.value(at: "rates.schedule.2.effective") == "2022-10-01")
        #expect(p.value(at: "rates.current.first_home.long") == .double(2.6))
        #expect(p.value(at: "rates.current.effective", today: CalendarDate("2025-01-01")!) == "2024-05-18")
        #expect(p.value(at: "rates.current.second_home.long", today: CalendarDate("2025-01-01")!) == .double(3.325))
        #expect(p.value(at: "deposit.year_start") == "07-01")
        #expect(p.value(at: "retirement.female_worker.reform_from") == "1975-01")
        #expect(p.value(at: "loan.nope") == nil)
        #expect(p.value(at: "loan.cap.first_home.x") == nil)
        #expect(p.value(at: "rates.schedule.9.effective") == nil)
    }

    @Test("every {{kind:path}} placeholder in the corpus resolves to a number, a date or a month and day in both profiles")
    func corpusPlaceholders() throws {
        let fm = FileManager.default
        var texts: [String] = []
        for dir in ["Corpus/faq", "Corpus/passages"] {
            let url = Fixtures.packageRoot.appendingPathComponent(dir)
            for name in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasSuffix(".yaml") {
                texts.append(try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8))
            }
        }
        let profiles = [try Fixtures.referenceProfile.get(), try Fixtures.yanchengProfile.get()]
        var checked = Set<String>()
        for text in texts {
            var rest = Substring(text)
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                let inner = rest[open.upperBound..<close.lowerBound]
                rest = rest[close.upperBound...]
                guard let colon = inner.firstIndex(of: ":") else { continue }
                let kind = String(inner[..<colon]), path = String(inner[inner.index(after: colon)...])
                guard kind != "kind", checked.insert(kind + ":" + path).inserted else { continue }
                for p in profiles {
                    let value = p.value(at: path, today: Fixtures.today)
                    if kind == "date" {
                        #expect(value?.stringValue.flatMap(CalendarDate.init) != nil, "\(p.id): \(path)")
                    } else if kind == "monthday" {
                        let parts = value?.stringValue?.split(separator: "-") ?? []
                        #expect(parts.count == 2 && parts.allSatisfy { $0.count == 2 && Int($0) != nil }, "\(p.id): \(path)")
                    } else {
                        #expect(value?.isNumber == true, "\(p.id): \(kind):\(path) → \(String(describing: value))")
                    }
                }
            }
        }
        #expect(checked.count >= 40, "placeholders found: \(checked.count)")
    }

    @Test("a bad profile is refused with an error naming the key", arguments: [
        ("  min_continuous_months: 6          # 连续缴存满 6 个月\n", "", "loan.min_continuous_months"),
        ("repayment_ratio: 0.50", "repayment_ratio: 1.5", "loan.repayment_ratio"),
        ("repayment_ratio: 0.50", "repayment_ratio: half", "loan.repayment_ratio"),
        ("first_home: 0.80", "first_home: -0.1", "loan.loan_to_price.first_home"),
        ("max_loans_used: 2", "max_loans_used: 2.5", "loan.max_loans_used"),
        ("quota_rounding: 1000", "quota_rounding: 0", "loan.quota_rounding"),
        ("ratio_min: 0.05", "ratio_min: 0.2", "deposit.ratio_min"),
        ("base_min: 2260", "base_min: 40000", "deposit.base_min"),
        ("year_start: 07-01", "year_start: 13-01", "deposit.year_start"),
        ("reform_from: 1965-01", "reform_from: 1965-13", "retirement.male.reform_from"),
        ("max_age: 63", "max_age: 55", "retirement.male.max_age"),
        ("months_per_step: 4", "months_per_step: 0", "retirement.male.months_per_step"),
        ("effective: 2024-10-18", "effective: 2024-02-30", "effective"),
        ("    - effective: 2024-05-18", "    - effective: 2025-05-08", "rates.schedule[1].effective"),
        ("first_home: { short: 2.10, long: 2.60 }", "first_home: { short: 2.10 }", "rates.schedule[0].first_home.long"),
        ("second_home: { short: 2.525, long: 3.075 }", "second_home: { short: .nan, long: 3.075 }", "rates.schedule[0].second_home.short"),
        ("id: reference", "id: Reference Profile", "id"),
        ("married: 30000", "married: -1", "withdraw.rent.annual_cap.married"),
        ("min_sealed_months: 6", "min_sealed_months: many", "withdraw.leave.min_sealed_months"),
    ])
    func invalid(old: String, new: String, key: String) throws {
        let text = try Fixtures.yaml("reference")
        #expect(text.contains(old))
        let edited = text.replacingOccurrences(of: old, with: new)
        #expect(throws: PolicyProfileError.self) { try PolicyProfile(yaml: edited) }
        do {
            _ = try PolicyProfile(yaml: edited)
        } catch {
            #expect(error.key == key, "\(error)")
            #expect(error.description.contains(key))
        }
    }

    @Test("an empty rate schedule, a non-mapping and broken YAML are refused")
    func structural() throws {
        let text = try Fixtures.yaml("reference")
        let start = try #require(text.range(of: "  schedule:\n"))
        let end = try #require(text.range(of: "\n# 法定退休年龄"))
        let empty = text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "  schedule: []\n")
        #expect(throws: PolicyProfileError(key: "rates.schedule", message: "must have at least one entry")) { try PolicyProfile(yaml: empty) }
        #expect(throws: PolicyProfileError.self) { try PolicyProfile(yaml: "") }
        #expect(throws: PolicyProfileError.self) { try PolicyProfile(yaml: "- a\n- b\n") }
        #expect(throws: PolicyProfileError.self) { try PolicyProfile(yaml: "id: [unclosed\n") }
        do {
            _ = try PolicyProfile(yaml: "id: x\n")
        } catch {
            #expect(error.key == "name")
        }
    }

    @Test("profiles may add keys")
    func extraKeys() throws {
        let text = try Fixtures.yaml("reference") + "\nnotes:\n  hotline: 12329\n"
        let p = try PolicyProfile(yaml: text)
        #expect(p.value(at: "notes.hotline") == 12329)
    }
}

@Suite("Yancheng profile")
struct YanchengProfileTests {
    @Test("Corpus/policy/yancheng.yaml loads with Yancheng's figures")
    func loads() throws {
        let p = try Fixtures.yanchengProfile.get()
        #expect(p.id == "yancheng")
        #expect(p.effective.description == "2026-07-01")
        #expect(p.loan.cap == ByCategory(firstHome: 800_000, secondHome: 800_000))
        #expect(p.loan.capWithCoBorrower == ByCategory(firstHome: 1_200_000, secondHome: 1_200_000))
        #expect(p.loan.repaymentRatio == 0.6)
        #expect(p.loan.loanToPrice.firstHome == 0.85)
        #expect(p.loan.minContinuousMonths == 6)
        #expect([p.withdraw.rentCapSingle, p.withdraw.rentCapMarried, p.withdraw.rentCapMarriedTwoChildren, p.withdraw.rentCapMarriedThreeOrMoreChildren]
                == [9_600, 19_200, 23_040, 26_880])
        #expect(p.deposit.baseMax == 31_314 && p.deposit.baseMin == 2_260)
        #expect(p.deposit.ratioMin == 0.05 && p.deposit.ratioMax == 0.12)
        #expect(p.rates == (try Fixtures.referenceProfile.get()).rates)
        #expect(p.retirement == (try Fixtures.referenceProfile.get()).retirement)
    }

    @Test("个人 80万 alone, 家庭 120万 with a co-borrower, uplifts capped at 120万")
    func caps() throws {
        let engine = try Fixtures.yancheng()
        let rich = Base.quota.with(["balance": 200_000, "monthly_income": 50_000])
        let alone = try engine.run("loan_quota", rich)
        #expect(alone.amount == 800_000)
        #expect(alone.binding == "cap")
        let family = try engine.run("loan_quota", rich.with(["co_borrower_balance": 10_000]))
        #expect(family.amount == 1_200_000)
        let uplifted = try engine.run("loan_quota", rich.with(["co_borrower_income": 8000, "children": 2, "talent": true]))
        #expect(uplifted.limit("cap") == 1_200_000)
        let second = try engine.run("loan_quota", rich.with(["homes_owned": 1]))
        #expect(second.limit("cap") == 800_000)
        // The reference profile has no family cap: a co-borrower does not change its cap.
        let reference = try Fixtures.reference()
        #expect(try reference.run("loan_quota", rich.with(["co_borrower_balance": 10_000])).limit("cap") == 800_000)
    }

    @Test("15% down payment on a first home; 60% repayment ratio")
    func priceAndCapacity() throws {
        let engine = try Fixtures.yancheng()
        let result = try engine.run("loan_quota", Base.quota.with(["balance": 200_000, "monthly_income": 5000, "price": 1_000_000]))
        #expect(result.limit("price") == 850_000)
        #expect(result.limit("capacity") == Money.round2(annuityPrincipal(3000, annualPercent: 2.6, months: 360)))
        #expect(result.binding == "capacity")
    }

    @Test("rent caps converted to yearly figures", arguments: [
        (false, 0, 9_600.0), (true, 0, 19_200), (true, 1, 19_200), (true, 2, 23_040), (true, 3, 26_880),
    ])
    func rentCaps(married: Bool, children: Int, cap: Double) throws {
        let engine = try Fixtures.yancheng()
        let result = try engine.run("withdraw_eligibility", Base.rent.with(["married": .bool(married), "children": .int(children)]))
        #expect(result.amount == cap)
    }

    @Test("same national rates and retirement ages as the reference")
    func national() throws {
        let engine = try Fixtures.yancheng()
        let r = try engine.run("loan_repayment", ["principal": 1_000_000, "term_years": 30])
        #expect(r.json["monthly_payment"] == .double(4003.4))
        let age = try engine.run("retirement_age", ["birth": "1976-09", "gender": "male"])
        #expect(age.json["age_years"] == 63)
    }
}
