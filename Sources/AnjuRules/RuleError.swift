import AnjuJSON

/// Why a rule could not be evaluated. The message is in Chinese, then English, and names the
/// fact at fault (also in ``fact``).
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An open set of codes, so new ones do not break callers.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The rule id is not one of ``RuleID``.
        public static let unknownRule = Code(rawValue: "unknown_rule")
        /// A fact is unknown, missing, of the wrong type or out of range (or the request is
        /// not a JSON object of the right shape).
        public static let badRequest = Code(rawValue: "bad_request")

        public var description: String { rawValue }
    }

    public let code: Code
    public let message: String
    /// The fact (or request field) the message names, when there is one.
    public let fact: String?

    public init(code: Code, message: String, fact: String? = nil) {
        self.code = code
        self.message = message
        self.fact = fact
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// `{"code": …, "message": …}`
    public var json: JSONValue {
        var object = JSONObject(minimumCapacity: 2)
        object.appendUnchecked("code", .string(code.rawValue))
        object.appendUnchecked("message", .string(message))
        return .object(object)
    }
}

extension RuleError {
    static func badRequest(_ message: String, fact: String?) -> RuleError {
        RuleError(code: .badRequest, message: message, fact: fact)
    }

    static func unknownRule(_ name: String) -> RuleError {
        let list = RuleID.allCases.map(\.rawValue).joined(separator: ", ")
        return RuleError(
            code: .unknownRule,
            message: "未知的规则 \"\(shown(name))\"，可用的规则有：\(list)。Unknown rule \"\(shown(name))\"; the rules are: \(list).",
            fact: nil)
    }

    static func unknownFact(_ name: String, rule: RuleID, accepted: [String]) -> RuleError {
        let list = accepted.joined(separator: ", ")
        return badRequest(
            "规则 \(rule.rawValue) 不接受事实 \"\(shown(name))\"。Unknown fact \"\(shown(name))\" for rule \(rule.rawValue); it accepts: \(list).",
            fact: name)
    }

    static func notForType(_ fact: Fact, type: WithdrawType, accepted: [String]) -> RuleError {
        let list = accepted.joined(separator: ", ")
        return badRequest(
            "事实 \(fact.name)（\(fact.label)）不适用于提取类型 \(type.rawValue)。Fact \"\(fact.name)\" does not apply to withdraw type \"\(type.rawValue)\"; that type accepts: \(list).",
            fact: fact.name)
    }

    static func missing(_ fact: Fact, context: String = "") -> RuleError {
        badRequest(
            "缺少事实 \(fact.name)（\(fact.label)）\(context.isEmpty ? "" : "：" + context)。Missing fact \"\(fact.name)\".",
            fact: fact.name)
    }

    static func wrongType(_ fact: Fact, _ value: JSONValue, expected: String, expectedEN: String) -> RuleError {
        badRequest(
            "事实 \(fact.name)（\(fact.label)）应为\(expected)，收到的是 \(shown(value))。Fact \"\(fact.name)\" must be \(expectedEN), got \(shown(value)).",
            fact: fact.name)
    }

    static func outOfRange(_ fact: Fact, _ value: JSONValue, zh: String, en: String) -> RuleError {
        badRequest(
            "事实 \(fact.name)（\(fact.label)）\(zh)，收到的是 \(shown(value))。Fact \"\(fact.name)\" \(en), got \(shown(value)).",
            fact: fact.name)
    }

    static func conflict(_ fact: Fact, zh: String, en: String) -> RuleError {
        badRequest("事实 \(fact.name)（\(fact.label)）\(zh)。Fact \"\(fact.name)\" \(en).", fact: fact.name)
    }

    /// A value quoted in a message, cut short so a huge input cannot blow up the reply.
    static func shown(_ value: JSONValue) -> String {
        shown(value.jsonString)
    }

    static func shown(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }
}
