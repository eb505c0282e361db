import AnjuJSON


/// The request fields of protocol.md, with what each must be (in both languages).
package enum Field: String {
    case id, op, session, channel, text, query, limit, rule, facts

    package var expectedChinese: String {
        switch self {
        case .id: return "字符串或数字"
        case .op: return "字符串（ask、open、classify、faq、check、reset、ping、health 之一）"
        case .session: return "1–64 个字符的字符串，只含英文字母、数字和 _ . : -"
        case .channel: return "\"chat\"、\"ivr\" 或 \"staff\""
        case .text: return "1–500 个字符的字符串"
        case .query: return "非空字符串"
        case .limit: return "1–20 的整数"
        case .rule: return "规则编号字符串（见 policy.md）"
        case .facts: return "JSON 对象（该规则的输入，见 policy.md）"
        }
    }

    package var expectedEnglish: String {
        switch self {
        case .id: return "a string or a number"
        case .op: return "a string (one of ask, open, classify, faq, check, reset, ping, health)"
        case .session: return "a string of 1–64 characters from A–Z, a–z, 0–9, _ . : -"
        case .channel: return "\"chat\", \"ivr\" or \"staff\""
        case .text: return "a string of 1–500 characters"
        case .query: return "a non-empty string"
        case .limit: return "an integer from 1 to 20"
        case .rule: return "a rule id string (see policy.md)"
        case .facts: return "a JSON object of the rule's inputs (see policy.md)"
        }
    }
}

/// Why a field is not acceptable. Every message names the field and says what it must be.
package enum FieldProblem {
    case missing(Field, op: String)
    case wrongType(Field, got: JSONValue)
    /// Right type, unacceptable value; the details say what was received, without quoting it.
    case invalid(Field, chinese: String, english: String)

    package var error: ProtocolError {
        switch self {
        case .missing(let field, let op):
            return ProtocolError(
                code: .badRequest,
                message: "缺少字段 \(field.rawValue)：op \(op) 需要 \(field.rawValue)，应为\(field.expectedChinese)。"
                    + " / Missing field `\(field.rawValue)`: op \(op) needs `\(field.rawValue)`, \(field.expectedEnglish).")
        case .wrongType(let field, let value):
            return ProtocolError(
                code: .badRequest,
                message: "字段 \(field.rawValue) 的类型不对：应为\(field.expectedChinese)，收到的是 \(value.typeName)。请改正后重新发送。"
                    + " / Field `\(field.rawValue)` has the wrong type: expected \(field.expectedEnglish), got \(value.typeName). Fix it and send again.")
        case .invalid(let field, let chinese, let english):
            return ProtocolError(
                code: .badRequest,
                message: "字段 \(field.rawValue) 的值不对：应为\(field.expectedChinese)，\(chinese)。请改正后重新发送。"
                    + " / Field `\(field.rawValue)` is invalid: expected \(field.expectedEnglish), \(english). Fix it and send again.")
        }
    }
}

/// The field checks of protocol.md's request table, one per field: each returns the
/// field's value or throws `bad_request` naming the field.
package enum Fields {
    package static func session(_ object: JSONObject, op: String) throws(ProtocolError) -> String {
        guard let raw = object["session"] else { throw FieldProblem.missing(.session, op: op).error }
        guard case .string(let session) = raw else { throw FieldProblem.wrongType(.session, got: raw).error }
        let count = session.utf8.count
        if count == 0 {
            throw FieldProblem.invalid(.session, chinese: "收到的是空字符串", english: "got an empty string").error
        }
        if count > ProtocolLimits.maxSessionLength {
            throw FieldProblem.invalid(.session, chinese: "收到的长度超过 64", english: "got more than 64 characters").error
        }
        for byte in session.utf8 where !isSessionByte(byte) {
            throw FieldProblem.invalid(.session, chinese: "收到的含有不允许的字符", english: "got a character that is not allowed").error
        }
        return session
    }

    @inline(__always)
    package static func isSessionByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    package static func channel(_ object: JSONObject) throws(ProtocolError) -> Channel {
        guard let raw = object["channel"] else { return .chat }
        guard case .string(let name) = raw else { throw FieldProblem.wrongType(.channel, got: raw).error }
        guard let channel = Channel(rawValue: name) else {
            throw FieldProblem.invalid(.channel, chinese: "收到的不是这三者之一", english: "got something else").error
        }
        return channel
    }

    package static func text(_ object: JSONObject, op: String) throws(ProtocolError) -> String {
        guard let raw = object["text"] else { throw FieldProblem.missing(.text, op: op).error }
        guard case .string(let text) = raw else { throw FieldProblem.wrongType(.text, got: raw).error }
        if text.isEmpty {
            throw FieldProblem.invalid(.text, chinese: "收到的是空字符串", english: "got an empty string").error
        }
        // Cheap bound first: every scalar takes 1–4 UTF-8 bytes.
        if text.utf8.count > ProtocolLimits.maxTextLength {
            let length = text.unicodeScalars.count
            if length > ProtocolLimits.maxTextLength {
                throw FieldProblem.invalid(
                    .text, chinese: "收到 \(length) 个字符，请缩短或分几次发送",
                    english: "got \(length) characters; shorten it or split it into several requests"
                ).error
            }
        }
        return text
    }

    package static func query(_ object: JSONObject, op: String) throws(ProtocolError) -> String {
        guard let raw = object["query"] else { throw FieldProblem.missing(.query, op: op).error }
        guard case .string(let query) = raw else { throw FieldProblem.wrongType(.query, got: raw).error }
        if query.isEmpty {
            throw FieldProblem.invalid(.query, chinese: "收到的是空字符串", english: "got an empty string").error
        }
        return query
    }

    package static func limit(_ object: JSONObject) throws(ProtocolError) -> Int {
        guard let raw = object["limit"] else { return ProtocolLimits.defaultLimit }
        guard raw.isNumber else { throw FieldProblem.wrongType(.limit, got: raw).error }
        guard let limit = raw.intValue else {
            throw FieldProblem.invalid(.limit, chinese: "收到的不是整数", english: "got a number that is not an integer").error
        }
        guard ProtocolLimits.limitRange.contains(limit) else {
            throw FieldProblem.invalid(.limit, chinese: "收到 \(limit)", english: "got \(limit)").error
        }
        return limit
    }

    package static func rule(_ object: JSONObject, op: String) throws(ProtocolError) -> String {
        guard let raw = object["rule"] else { throw FieldProblem.missing(.rule, op: op).error }
        guard case .string(let rule) = raw else { throw FieldProblem.wrongType(.rule, got: raw).error }
        return rule
    }

    package static func facts(_ object: JSONObject, op: String) throws(ProtocolError) -> JSONValue {
        guard let raw = object["facts"] else { throw FieldProblem.missing(.facts, op: op).error }
        guard case .object = raw else { throw FieldProblem.wrongType(.facts, got: raw).error }
        return raw
    }
}
