import AnjuJSON
import AnjuRules
import Testing

@Suite("retirement_age: the 2025 reform cohorts")
struct RetirementAgeTests {
    struct Cohort: Sendable, CustomTestStringConvertible {
        let birth: String
        let gender: String
        let category: String?
        let years: Int
        let months: Int
        let date: String
        var testDescription: String { "\(gender)\(category.map { "/" + $0 } ?? "") born \(birth) → \(years)y\(months)m (\(date))" }
    }

    @Test("every cohort boundary", arguments: [
        // men: 60, +1 month per 4 months from 1965-01, at most 63 (born 1976-09+)
        Cohort(birth: "1964-12", gender: "male", category: nil, years: 60, months: 0, date: "2024-12"),
        Cohort(birth: "1965-01", gender: "male", category: nil, years: 60, months: 1, date: "2025-02"),
        Cohort(birth: "1965-04", gender: "male", category: nil, years: 60, months: 1, date: "2025-05"),
        Cohort(birth: "1965-05", gender: "male", category: nil, years: 60, months: 2, date: "2025-07"),
        Cohort(birth: "1965-08", gender: "male", category: nil, years: 60, months: 2, date: "2025-10"),
        Cohort(birth: "1965-09", gender: "male", category: nil, years: 60, months: 3, date: "2025-12"),
        Cohort(birth: "1976-08", gender: "male", category: nil, years: 62, months: 11, date: "2039-07"),
        Cohort(birth: "1976-09", gender: "male", category: nil, years: 63, months: 0, date: "2039-09"),
        Cohort(birth: "1990-01", gender: "male", category: nil, years: 63, months: 0, date: "2053-01"),
        Cohort(birth: "1950-06", gender: "male", category: nil, years: 60, months: 0, date: "2010-06"),
        // women of original age 55 (cadre, the default): from 1970-01, at most 58 (1981-09+)
        Cohort(birth: "1969-12", gender: "female", category: "cadre", years: 55, months: 0, date: "2024-12"),
        Cohort(birth: "1970-01", gender: "female", category: "cadre", years: 55, months: 1, date: "2025-02"),
        Cohort(birth: "1970-04", gender: "female", category: nil, years: 55, months: 1, date: "2025-05"),
        Cohort(birth: "1970-05", gender: "female", category: nil, years: 55, months: 2, date: "2025-07"),
        Cohort(birth: "1981-08", gender: "female", category: "cadre", years: 57, months: 11, date: "2039-07"),
        Cohort(birth: "1981-09", gender: "female", category: "cadre", years: 58, months: 0, date: "2039-09"),
        // women of original age 50 (worker): +1 month per 2 months from 1975-01, at most 55 (1984-11+)
        Cohort(birth: "1974-12", gender: "female", category: "worker", years: 50, months: 0, date: "2024-12"),
        Cohort(birth: "1975-01", gender: "female", category: "worker", years: 50, months: 1, date: "2025-02"),
        Cohort(birth: "1975-02", gender: "female", category: "worker", years: 50, months: 1, date: "2025-03"),
        Cohort(birth: "1975-03", gender: "female", category: "worker", years: 50, months: 2, date: "2025-05"),
        Cohort(birth: "1984-10", gender: "female", category: "worker", years: 54, months: 11, date: "2039-09"),
        Cohort(birth: "1984-11", gender: "female", category: "worker", years: 55, months: 0, date: "2039-11"),
    ])
    func cohort(_ c: Cohort) throws {
        let engine = try Fixtures.reference()
        var facts: JSONObject = ["birth": .string(c.birth), "gender": .string(c.gender)]
        if let category = c.category { facts["category"] = .string(category) }
        let result = try engine.run("retirement_age", facts)
        guard case .retirementAge(let r) = result.outcome else {
            Issue.record("wrong outcome")
            return
        }
        #expect(r.age.years == c.years)
        #expect(r.age.months == c.months)
        #expect(r.age.date.description == c.date)
        #expect(result.json == ["age_years": .int(c.years), "age_months": .int(c.months), "date": .string(c.date), "reasons": []])
    }

    @Test("men ignore the women's category")
    func menIgnoreCategory() throws {
        let engine = try Fixtures.reference()
        let a = try engine.run("retirement_age", ["birth": "1970-06", "gender": "male"])
        let b = try engine.run("retirement_age", ["birth": "1970-06", "gender": "male", "category": "worker"])
        #expect(a == b)
        #expect(a.jsonString == "{\"age_years\":61,\"age_months\":5,\"date\":\"2031-11\",\"reasons\":[]}")
    }

    @Test("the delay never decreases with a later birth, and stays within base…max")
    func monotone() throws {
        let profile = try Fixtures.referenceProfile.get()
        for (gender, category, base, max) in [(Gender.male, WomanCategory.cadre, 60, 63), (.female, .cadre, 55, 58), (.female, .worker, 50, 55)] {
            var previous = 0
            var month = YearMonth(year: 1950, month: 1)!
            while month.year < 2000 {
                let age = profile.retirement.age(birth: month, gender: gender, category: category).totalMonths
                #expect(age >= previous)
                #expect(age >= base * 12 && age <= max * 12)
                #expect(age - previous <= 1 || previous == 0)
                previous = age
                month = month.adding(months: 1)
            }
        }
    }
}
