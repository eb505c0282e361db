import AnjuIntents
import AnjuJSON
import AnjuRules
import Foundation
import Testing

/// Profiles read from the repository (Tests/AnjuRulesTests/… → package root → Corpus/policy).
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent(relativePath), encoding: .utf8)
    }

    static func yaml(_ id: String) throws -> String {
        try text("Corpus/policy/\(id).yaml")
    }

    static let referenceProfile = Result<PolicyProfile, any Error> { try PolicyProfile(yaml: yaml("reference")) }
    static let yanchengProfile = Result<PolicyProfile, any Error> { try PolicyProfile(yaml: yaml("yancheng")) }

    static func reference() throws -> RuleEngine { RuleEngine(profile: try referenceProfile.get()) }
    static func yancheng() throws -> RuleEngine { RuleEngine(profile: try yanchengProfile.get()) }

    /// The reference profile with some text replaced (for custom numbers).
    static func referenceEdited(_ edits: [(String, String)]) throws -> RuleEngine {
        var text = try yaml("reference")
        for (old, new) in edits {
            #expect(text.contains(old), "edit target not found: \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return RuleEngine(profile: try PolicyProfile(yaml: text))
    }

    /// A day under the 2025-05-08 rates.
    static let today = CalendarDate(year: 2026, month: 5, day: 20)!
}

// MARK: - Fact sets that pass every condition

enum Base {
    static let loan: JSONObject = [
        "account_status": "normal", "continuous_months": 24, "outstanding_loan": false,
        "loans_used": 0, "overdue": false, "homes_owned": 0,
    ]
    static let quota: JSONObject = loan.with(["balance": 40000, "monthly_income": 12000])
    static let rent: JSONObject = [
        "type": "rent", "balance": 100000, "continuous_months": 12, "homes_owned": 0,
        "outstanding_loan": false, "married": false, "children": 0,
    ]
}

extension JSONObject {
    /// A copy with members set (replaced in place or appended).
    func with(_ changes: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var copy = self
        for (key, value) in changes { copy[key] = value }
        return copy
    }

    /// A copy without the named members.
    func without(_ keys: String...) -> JSONObject {
        var copy = self
        for key in keys { copy[key] = nil }
        return copy
    }
}

// MARK: - Running rules

extension RuleEngine {
    /// Runs a rule that must succeed.
    func run(_ rule: String, _ facts: JSONObject, today: CalendarDate = Fixtures.today,
             sourceLocation: SourceLocation = #_sourceLocation) throws -> RuleResult {
        switch check(rule: rule, facts: .object(facts), today: today) {
        case .success(let result): return result
        case .failure(let error):
            Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// Runs a rule that must fail, and returns the error.
    func failure(_ rule: String, _ facts: JSONValue, today: CalendarDate = Fixtures.today,
                 sourceLocation: SourceLocation = #_sourceLocation) -> RuleError? {
        switch check(rule: rule, facts: facts, today: today) {
        case .success(let result):
            Issue.record("expected an error, got \(result.jsonString)", sourceLocation: sourceLocation)
            return nil
        case .failure(let error): return error
        }
    }

    /// Expects `bad_request` whose message names `fact` (quoted in the English part).
    func expectBadRequest(_ rule: String, _ facts: JSONObject, naming fact: String, today: CalendarDate = Fixtures.today,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = failure(rule, .object(facts), today: today, sourceLocation: sourceLocation) else { return }
        #expect(error.code == .badRequest, sourceLocation: sourceLocation)
        #expect(error.fact == fact, "\(error.message)", sourceLocation: sourceLocation)
        #expect(error.message.contains("\"\(fact)\""), "message does not name \(fact): \(error.message)", sourceLocation: sourceLocation)
    }
}

extension RuleResult {
    /// `passed` of each reason, by code.
    var passedByCode: [String: Bool] {
        Dictionary(reasons.map { ($0.code, $0.passed) }, uniquingKeysWith: { a, _ in a })
    }

    var failedCodes: [String] { reasons.filter { !$0.passed }.map(\.code) }

    func limit(_ name: String) -> Double? { limits.first { $0.name == name }?.value }
}

/// Independent reference formula for tests: the 等额本息 payment via pow.
func annuityPayment(_ principal: Double, annualPercent: Double, months n: Int) -> Double {
    let r = annualPercent / 1200
    let f = pow(1 + r, Double(n))
    return principal * r * f / (f - 1)
}

func annuityPrincipal(_ payment: Double, annualPercent: Double, months n: Int) -> Double {
    let r = annualPercent / 1200
    let f = pow(1 + r, Double(n))
    return payment * (f - 1) / (r * f)
}
