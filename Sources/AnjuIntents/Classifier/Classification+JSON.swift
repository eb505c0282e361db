import AnjuJSON

extension Classification {
    /// The candidates best first, with the options first when unclear.
    var orderedCandidates: [Candidate] {
        guard !options.isEmpty else { return candidates }
        return options.compactMap { o in candidates.first { $0.intent == o } } + candidates.filter { !options.contains($0.intent) }
    }

    /// The fields of protocol.md's `classify` reply: `intent`, `confidence`, `candidates`
    /// (`[{intent, score}]`, best first; the options first when unclear), `tokens`.
    public var protocolFields: [(String, JSONValue)] {
        let ordered = orderedCandidates
        var fields: [(String, JSONValue)] = [
            ("intent", .string(intent)),
            ("confidence", .double(confidence)),
            ("candidates", .array(ordered.map { .object(JSONObject([("intent", .string($0.intent)), ("score", .double($0.score))])) })),
            ("tokens", .array(analysis.tokens.map { .string($0.text) })),
        ]
        if !options.isEmpty { fields.append(("options", .array(options.map { .string($0) }))) }
        if !also.isEmpty { fields.append(("also", .array(also.map { .string($0) }))) }
        return fields
    }
}

extension Classification {
    /// Writes the `classify` fields straight to bytes (same text as `protocolFields`,
    /// without building a value tree: this is the hot path of the classify command and op).
    public func writeProtocolFields(to w: inout JSONWriter) {
        w.staticKey("intent"); w.string(intent)
        w.staticKey("confidence"); w.double(confidence)
        w.staticKey("candidates"); w.beginArray()
        for c in orderedCandidates {
            w.beginObject(); w.staticKey("intent"); w.string(c.intent); w.staticKey("score"); w.double(c.score); w.endObject()
        }
        w.endArray()
        w.staticKey("tokens"); w.beginArray()
        for t in analysis.tokens { w.string(t.text) }
        w.endArray()
        if !options.isEmpty {
            w.staticKey("options"); w.beginArray()
            for o in options { w.string(o) }
            w.endArray()
        }
        if !also.isEmpty {
            w.staticKey("also"); w.beginArray()
            for a in also { w.string(a) }
            w.endArray()
        }
    }

    /// The `classify` reply object as compact JSON, in UTF-8 (what `anju classify` prints).
    public var protocolJSONBytes: [UInt8] {
        var w = JSONWriter(capacity: 384)
        w.beginObject()
        writeProtocolFields(to: &w)
        w.endObject()
        return w.bytes
    }
}
