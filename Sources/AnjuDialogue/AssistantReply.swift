import AnjuJSON

/// A policy passage an answer rests on.
public struct Citation: Sendable, Equatable {
    public let doc: String
    public let section: String
    public let title: String

    public var json: JSONValue {
        .object(JSONObject([("doc", .string(doc)), ("section", .string(section)), ("title", .string(title))]))
    }
}

/// One turn's answer, with everything protocol.md's `ask` reply carries.
public struct AssistantReply: Sendable {
    public var session: String
    /// An intent id, `out_of_scope` or `unclear`.
    public var intent: String
    public var confidence: Double
    /// The words to show or to speak.
    public var reply: String
    /// The fact just asked for (policy.md name, or `id_number` / `pin`), else nil.
    public var expecting: String?
    /// When asking the user to choose: the candidate intents.
    public var options: [String] = []
    /// Put the user through to a human agent.
    public var handoff = false
    /// For the agent taking over: what the conversation was about.
    public var handoffSummary: String?
    public var citations: [Citation] = []
    /// The rule result, the same object `anju check` prints.
    public var result: JSONValue?
    /// Further intents the message also asked about (offered after the answer).
    public var also: [String] = []
    /// Set when the turn is an error the protocol reports with `ok: false` (e.g. `locked`).
    public var errorCode: String?

    /// The fields of protocol.md's `ask` reply (without `ok` and `id`).
    public var protocolFields: JSONObject {
        var fields: [(String, JSONValue)] = [
            ("session", .string(session)), ("intent", .string(intent)), ("confidence", .double(confidence)),
            ("reply", .string(reply)), ("expecting", expecting.map(JSONValue.string) ?? .null),
            ("options", .array(options.map(JSONValue.string))), ("handoff", .bool(handoff)),
            ("citations", .array(citations.map(\.json))), ("result", result ?? .null),
        ]
        if let handoffSummary { fields.append(("summary", .string(handoffSummary))) }
        if !also.isEmpty { fields.append(("also", .array(also.map(JSONValue.string)))) }
        return JSONObject(fields)
    }
}
