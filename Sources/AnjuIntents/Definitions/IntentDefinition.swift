import Yams

/// One intent as a domain expert writes it in `Intents/<id>.yaml`.
public struct IntentDefinition: Sendable, Decodable, Equatable {
    /// The id clients rely on (intents.md), e.g. `withdraw_rent`.
    public let id: String
    /// The Chinese name, e.g. 租房提取.
    public let name: String
    /// `rule` (answered by the rules) and/or `auth` (needs a verified member).
    public let kind: [String]
    public let description: String
    /// Terms that signal this intent, with weights (0.5–5).
    public let keywords: [String: Double]
    /// Terms that argue against it.
    public let negative: [String]
    /// Utterances written for it.
    public let examples: [String]

    enum CodingKeys: String, CodingKey { case id, name, kind, description, keywords, negative, examples }

    public init(id: String, name: String, kind: [String] = [], description: String = "", keywords: [String: Double], negative: [String] = [], examples: [String]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.description = description
        self.keywords = keywords
        self.negative = negative
        self.examples = examples
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decodeIfPresent([String].self, forKey: .kind) ?? []
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        keywords = try c.decodeIfPresent([String: Double].self, forKey: .keywords) ?? [:]
        negative = try c.decodeIfPresent([String].self, forKey: .negative) ?? []
        examples = try c.decodeIfPresent([String].self, forKey: .examples) ?? []
    }

    /// Whether the rules compute this intent's answer.
    public var isRule: Bool { kind.contains("rule") }
    /// Whether it reads a member's own data (verification first).
    public var needsAuth: Bool { kind.contains("auth") }
    /// Small talk (a greeting, thanks): said with one of its keywords, never decided from
    /// the words a question shares with its examples (第一次使用 in a letter's greeting).
    public var isSocial: Bool { kind.contains("social") }
    /// The state of something already under way (where a withdrawal stands): its score is
    /// lowered by `uncued_penalty` when none of its keywords is said, so a bare topic
    /// ("公积金提取") goes to the intent that explains the topic.
    public var isCued: Bool { kind.contains("cued") }

    /// Parses one intent file; errors name the file.
    public static func parse(yaml: String, path: String) throws(IntentDataError) -> IntentDefinition {
        let definition: IntentDefinition
        do {
            definition = try YAMLDecoder().decode(IntentDefinition.self, from: yaml)
        } catch {
            throw IntentDataError(path: path, message: "cannot read intent YAML / 意图文件格式错误: \(error)")
        }
        guard !definition.id.isEmpty, definition.id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw IntentDataError(path: path, message: "id must be lower_snake_case ASCII / id 须为小写英文下划线")
        }
        for (term, weight) in definition.keywords where !(weight > 0 && weight <= 10) {
            throw IntentDataError(path: path, message: "keyword '\(term)' has weight \(weight); use 0–10 / 关键词权重须在 0–10 之间")
        }
        return definition
    }
}

/// A malformed or inconsistent intent data file.
public struct IntentDataError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
