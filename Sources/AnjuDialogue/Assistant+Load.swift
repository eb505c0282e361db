import AnjuIntents
import AnjuKnowledge
import AnjuRules
import AnjuStore
import Foundation

extension Assistant {
    /// Builds the assistant from the data files (`DataBundle.files`) with the named profile.
    public static func load(files: [String: String], profile: String, members: (any MemberDirectory)?,
                            sessions: any SessionStore<SessionState> = MemorySessionStore<SessionState>()) throws -> Assistant {
        let classifier = try IntentClassifier.load(files: files)
        let faq = try FAQSearch.load(files: files, profile: profile, classifier: classifier)
        let path = "Corpus/policy/\(profile).yaml"
        guard let profileText = files[path] else { throw DialogueDataError("\(path): unknown profile / 未知的政策文件") }
        let engine = RuleEngine(profile: try PolicyProfile(yaml: profileText))
        guard let forms = files["Corpus/dialogue/forms.yaml"], let messages = files["Corpus/dialogue/messages.yaml"] else {
            throw DialogueDataError("Corpus/dialogue/forms.yaml or messages.yaml is missing / 缺少对话数据文件")
        }
        return try Assistant(classifier: classifier, faq: faq, engine: engine, formsYAML: forms, messagesYAML: messages,
                             members: members, sessions: sessions)
    }
}
