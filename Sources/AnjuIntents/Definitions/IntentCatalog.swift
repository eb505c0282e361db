/// All intent definitions: the in-scope intents and the out-of-scope description.
public struct IntentCatalog: Sendable {
    /// The id reported for queries outside the assistant's topics.
    public static let outOfScope = "out_of_scope"
    /// The id reported when the assistant must ask which of several intents was meant.
    public static let unclear = "unclear"

    /// In-scope intents, sorted by id.
    public let intents: [IntentDefinition]
    /// The out-of-scope topics, scored like an intent.
    public let outOfScopeTopics: IntentDefinition
    private let byID: [String: IntentDefinition]

    /// Builds the catalogue from `Intents/*.yaml` files (path, text). `out_of_scope.yaml`
    /// is the out-of-scope description; `classifier.yaml` and non-YAML files are skipped.
    public init(files: [(path: String, text: String)]) throws(IntentDataError) {
        var intents: [IntentDefinition] = []
        var oos: IntentDefinition? = nil
        var seen: [String: String] = [:]
        for (path, text) in files where path.hasSuffix(".yaml") && !path.hasSuffix("classifier.yaml") {
            let definition = try IntentDefinition.parse(yaml: text, path: path)
            if let other = seen[definition.id] {
                throw IntentDataError(path: path, message: "duplicate intent id '\(definition.id)' (also in \(other)) / 意图 id 重复")
            }
            seen[definition.id] = path
            if definition.id == Self.outOfScope { oos = definition } else { intents.append(definition) }
        }
        guard let oos else {
            throw IntentDataError(path: "Intents/out_of_scope.yaml", message: "missing out-of-scope file / 缺少范围外话题文件")
        }
        guard !intents.isEmpty else {
            throw IntentDataError(path: "Intents/", message: "no intent files / 没有意图文件")
        }
        self.intents = intents.sorted { $0.id < $1.id }
        self.outOfScopeTopics = oos
        self.byID = Dictionary(uniqueKeysWithValues: intents.map { ($0.id, $0) })
    }

    /// A catalogue of definitions already read (e.g. with some examples held out for
    /// cross-validation).
    public init(intents: [IntentDefinition], outOfScopeTopics: IntentDefinition) {
        self.intents = intents.sorted { $0.id < $1.id }
        self.outOfScopeTopics = outOfScopeTopics
        self.byID = Dictionary(uniqueKeysWithValues: intents.map { ($0.id, $0) })
    }

    /// The definition of `id`, or nil.
    public func intent(_ id: String) -> IntentDefinition? { byID[id] }

    /// The Chinese name of `id` (out_of_scope and unclear included).
    public func name(of id: String) -> String {
        switch id {
        case Self.outOfScope: return "范围外"
        case Self.unclear: return "需确认"
        default: return byID[id]?.name ?? id
        }
    }
}
