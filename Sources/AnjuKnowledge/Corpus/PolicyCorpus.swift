import Yams

/// The policy passages and FAQ entries of `Corpus/`, with every placeholder rendered
/// against the active policy profile.
public struct PolicyCorpus: Sendable {
    public let passages: [Passage]
    public let entries: [FAQEntry]
    private let passageByID: [String: Passage]

    /// Loads `Corpus/passages/*.yaml` and `Corpus/faq/*.yaml` (path, text); checks that
    /// every cited passage exists and every placeholder renders.
    public init(passageFiles: [(path: String, text: String)], faqFiles: [(path: String, text: String)], figures: ProfileFigures) throws(KnowledgeError) {
        var passages: [Passage] = []
        var seen = Set<String>()
        for (path, text) in passageFiles {
            let file: PassageFile
            do { file = try YAMLDecoder().decode(PassageFile.self, from: text) } catch {
                throw KnowledgeError(path: path, message: "cannot read passages / 政策段落文件格式错误: \(error)")
            }
            for item in file.passages {
                guard seen.insert(item.id).inserted else { throw KnowledgeError(path: path, message: "duplicate passage id '\(item.id)' / 段落 id 重复") }
                passages.append(Passage(id: item.id, doc: file.doc, section: item.section, title: item.title, source: file.source,
                                        effective: item.effective ?? file.effective,
                                        text: try figures.render(item.text.trimmingCharacters(), style: .written)))
            }
        }
        let byID = Dictionary(uniqueKeysWithValues: passages.map { ($0.id, $0) })
        var entries: [FAQEntry] = []
        var seenEntries = Set<String>()
        for (path, text) in faqFiles {
            let items: [FAQItem]
            do { items = try YAMLDecoder().decode([FAQItem].self, from: text) } catch {
                throw KnowledgeError(path: path, message: "cannot read FAQ entries / 问答文件格式错误: \(error)")
            }
            for item in items {
                guard seenEntries.insert(item.id).inserted else { throw KnowledgeError(path: path, message: "duplicate FAQ id '\(item.id)' / 问答 id 重复") }
                for cite in item.cites where byID[cite] == nil {
                    throw KnowledgeError(path: path, message: "\(item.id) cites unknown passage '\(cite)' / 引用的段落不存在")
                }
                guard !item.cites.isEmpty else { throw KnowledgeError(path: path, message: "\(item.id) cites no passage / 未引用任何政策段落") }
                entries.append(FAQEntry(
                    id: item.id, intent: item.intent, question: item.question,
                    answer: try figures.render(item.answer.trimmingCharacters(), style: .written),
                    spoken: try figures.render(item.spoken.trimmingCharacters(), style: .spoken),
                    keywords: item.keywords, cites: item.cites))
            }
        }
        self.passages = passages
        self.entries = entries
        self.passageByID = byID
    }

    /// The passage with `id`.
    public func passage(_ id: String) -> Passage? { passageByID[id] }

    /// The entries that answer `intent`, in file order.
    public func entries(for intent: String) -> [FAQEntry] { entries.filter { $0.intent == intent } }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
