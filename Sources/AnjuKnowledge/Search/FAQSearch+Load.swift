import AnjuIntents
import AnjuJSON

extension FAQSearch {
    /// Loads the corpus from the data files (`Corpus/passages/*.yaml`, `Corpus/faq/*.yaml`)
    /// with figures from the profile `Corpus/policy/<profile>.yaml`, and builds the index.
    public static func load(files: [String: String], profile: String, classifier: IntentClassifier) throws -> FAQSearch {
        let path = "Corpus/policy/\(profile).yaml"
        guard let profileText = files[path] else {
            let known = files.keys.filter { $0.hasPrefix("Corpus/policy/") && $0.hasSuffix(".yaml") }
                .map { String($0.dropFirst("Corpus/policy/".count).dropLast(5)) }.sorted()
            throw KnowledgeError(path: path, message: "unknown profile '\(profile)'; known: \(known.joined(separator: ", ")) / 未知的政策文件")
        }
        func folder(_ prefix: String) -> [(path: String, text: String)] {
            files.filter { $0.key.hasPrefix(prefix) && $0.key.hasSuffix(".yaml") }.sorted { $0.key < $1.key }.map { (path: $0.key, text: $0.value) }
        }
        let corpus = try PolicyCorpus(passageFiles: folder("Corpus/passages/"), faqFiles: folder("Corpus/faq/"),
                                      figures: try ProfileFigures(profileYAML: profileText))
        return FAQSearch(corpus: corpus, classifier: classifier)
    }
}

extension FAQSearch.Result {
    /// protocol.md's result object: `{id, intent, title, snippet, score, doc, section}`.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(entry.id)), ("intent", .string(entry.intent)), ("title", .string(entry.question)),
            ("snippet", .string(snippet)), ("score", .double(score)), ("doc", .string(doc)), ("section", .string(section)),
        ]))
    }
}
