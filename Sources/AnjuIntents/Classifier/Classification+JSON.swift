import AnjuJSON

extension Classification {
    /// The fields of protocol.md's `classify` reply: `intent`, `confidence`, `candidates`
    /// (`[{intent, score}]`, best first; the options first when unclear), `tokens`.
    public var protocolFields: [(String, JSONValue)] {
        var ordered = candidates
        if !options.isEmpty {
            let rest = candidates.filter { !options.contains($0.intent) }
            ordered = options.compactMap { o in candidates.first { $0.intent == o } } + rest
        }
        var fields: [(String, JSONValue)] = [
            ("intent", .string(intent)),
            ("confidence", .double(confidence)),
            ("candidates", .array(ordered.map { .object(JSONObject([("intent", .string($0.intent)), ("score", .double($0.score))])) })),
            ("tokens", .array(analysis.tokens.map { .string($0.text) })),
        ]
        if !options.isEmpty { fields.append(("options", .array(options.map { .string($0) }))) }
        return fields
    }
}
