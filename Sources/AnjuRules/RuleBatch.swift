import AnjuJSON

extension RuleEngine {
    /// One line of `anju check --batch`: reads `{"rule": …, "facts": {…}}` and returns one
    /// line, the result object, or `{"error":{"code":…,"message":…}}`. Never throws.
    ///
    /// Other members of the request object (such as `id` or `op`) are ignored. A line that is
    /// not JSON, not an object, has no string `rule`, or has no object `facts` is
    /// `bad_request`; an unknown rule is `unknown_rule`.
    public func checkLine(_ line: String, today: CalendarDate) -> String {
        let request: JSONValue
        do throws(JSONParseError) {
            request = try JSONValue.parse(line)
        } catch {
            return Self.errorLine(RuleError.badRequest(
                "该行不是有效的 JSON（\(error)）。The line is not valid JSON: \(error).", fact: nil))
        }
        guard case .object(let object) = request else {
            return Self.errorLine(RuleError.badRequest(
                "每行应为一个 JSON 对象 {\"rule\": …, \"facts\": {…}}，收到的是 \(request.typeName)。Each line must be a JSON object {\"rule\": …, \"facts\": {…}}, got \(request.typeName).",
                fact: nil))
        }
        guard let ruleValue = object["rule"] else {
            return Self.errorLine(RuleError.badRequest("缺少 rule（规则名）。Missing \"rule\" (the rule id).", fact: "rule"))
        }
        guard case .string(let rule) = ruleValue else {
            return Self.errorLine(RuleError.badRequest(
                "rule 应为字符串，收到的是 \(ruleValue.typeName)。\"rule\" must be a string, got \(ruleValue.typeName).", fact: "rule"))
        }
        guard let facts = object["facts"] else {
            return Self.errorLine(RuleError.badRequest("缺少 facts（事实对象）。Missing \"facts\" (an object).", fact: "facts"))
        }
        switch check(rule: rule, facts: facts, today: today) {
        case .success(let result): return result.jsonString
        case .failure(let error): return Self.errorLine(error)
        }
    }

    /// `{"error":{"code":…,"message":…}}`
    public static func errorLine(_ error: RuleError) -> String {
        var o = JSONObject(minimumCapacity: 1)
        o.appendUnchecked("error", error.json)
        return JSONValue.object(o).jsonString
    }
}
