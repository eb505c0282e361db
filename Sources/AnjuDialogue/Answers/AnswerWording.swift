import Foundation
import Yams

/// `Corpus/dialogue/answers.yaml`: how rule results and a member's own figures are worded,
/// per channel, with `{placeholders}` the assistant fills (see the file's comments).
///
/// Every entry has `chat` and `ivr`; `staff` is optional and defaults to `chat`. The
/// `names` section holds plain names (首套住房, 正常, 最高额度…). Loading checks that every
/// entry the answers use is there and that each uses only the placeholders its answer
/// fills, so a misspelt `{ammount}` is an error at start-up (and in `anju data validate`),
/// never a citizen reading braces.
struct AnswerWording: Sendable {
    private let entries: [String: [String: String]]
    private let names: [String: String]

    /// The placeholders each entry may use.
    static let placeholders: [String: Set<String>] = [
        "loan_eligible": ["category", "reasons"],
        "loan_not_eligible": ["reasons", "first_reason"],
        "quota_not_eligible": ["reasons", "first_reason"],
        "quota": ["amount", "why", "term", "rate", "monthly", "limits", "reasons"],
        "quota_binding_cap": ["category"],
        "quota_binding_balance": ["balance", "multiplier"],
        "quota_binding_capacity": ["ratio"],
        "quota_binding_price": [],
        "repayment_equal_installment": ["months", "rate", "monthly", "interest", "total"],
        "repayment_equal_principal": ["months", "rate", "first", "decrease", "last", "interest", "total"],
        "withdraw_eligible": ["amount", "closing", "reasons"],
        "withdraw_closing": [],
        "withdraw_not_eligible": ["reasons", "first_reason"],
        "retirement": ["years", "months_part", "date"],
        "retirement_months": ["months"],
        "basis": ["items"],
        "member_balance": ["balance", "status", "last_deposit", "monthly_deposit"],
        "member_deposits": ["months", "monthly_deposit", "base", "last_deposit", "sealed"],
        "member_last_deposit": ["month"],
        "member_sealed_since": ["month"],
        "member_loan": ["outstanding", "payment", "overdue"],
        "member_overdue": [],
        "member_not_overdue": [],
        "member_no_loan": [],
    ]

    /// The names the answers look up.
    static let requiredNames = ["first_home", "second_home", "status_normal", "status_sealed", "status_closed",
                                "limit_cap", "limit_balance", "limit_capacity", "limit_price"]

    init(yaml: String) throws {
        let raw: [String: [String: String]]
        do {
            raw = try YAMLDecoder().decode([String: [String: String]].self, from: yaml)
        } catch {
            throw DialogueDataError("answers.yaml: not a map of entries to channel wordings / 格式错误：\(error)")
        }
        names = raw["names"] ?? [:]
        entries = raw.filter { $0.key != "names" }
        for problem in Self.problems(entries: entries, names: names) { throw DialogueDataError(problem) }
    }

    /// What is wrong with the file: missing entries, channels or names, unknown entries or
    /// channels, placeholders an entry may not use. Empty when it is usable.
    static func problems(entries: [String: [String: String]], names: [String: String]) -> [String] {
        var out: [String] = []
        for key in placeholders.keys.sorted() where entries[key] == nil {
            out.append("answers.yaml: missing '\(key)' / 缺少话术")
        }
        for name in requiredNames where names[name] == nil {
            out.append("answers.yaml: names: missing '\(name)' / 缺少名称")
        }
        for (key, wordings) in entries.sorted(by: { $0.key < $1.key }) {
            guard let allowed = placeholders[key] else {
                out.append("answers.yaml: unknown entry '\(key)' / 未知话术（拼写错误？）")
                continue
            }
            for channel in ["chat", "ivr"] where wordings[channel] == nil {
                out.append("answers.yaml: \(key): missing '\(channel)' / 缺少该渠道的话术")
            }
            for (channel, text) in wordings.sorted(by: { $0.key < $1.key }) {
                if Channel(rawValue: channel) == nil {
                    out.append("answers.yaml: \(key): unknown channel '\(channel)' / 未知渠道（chat、ivr、staff）")
                }
                for name in placeholderNames(in: text) where !allowed.contains(name) {
                    out.append("answers.yaml: \(key).\(channel): unknown placeholder '{\(name)}' / 未知占位符")
                }
            }
        }
        return out
    }

    /// `{name}` occurrences in a template.
    static func placeholderNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The entry's wording for the channel (staff falls back to chat), placeholders filled.
    func text(_ key: String, _ channel: Channel, _ values: [String: String] = [:]) -> String {
        let wordings = entries[key] ?? [:]
        var text = wordings[channel.rawValue] ?? wordings["chat"] ?? ""
        for (name, value) in values { text = text.replacingEvery("{\(name)}", with: value) }
        return text
    }

    /// A plain name from `names`.
    func name(_ key: String) -> String { names[key] ?? key }
}
