import AnjuKnowledge

extension Assistant {
    /// The answer of `intent` from the corpus: always the intent's own entry (the first
    /// entry listed for it in Corpus/faq/ — a fixed mapping), with the citations of that
    /// entry, so the answer and its sources never drift with the wording of the question.
    /// Staff looking something up by keywords use `anju faq`, which searches.
    func faqAnswer(intent: String, _ channel: Channel, into reply: AssistantReply? = nil) -> AssistantReply {
        var r = reply ?? AssistantReply(session: "", intent: intent, confidence: 1, reply: "")
        guard let entry = faq.corpus.entries(for: intent).first else { return r }
        r.citations = entry.cites.compactMap { faq.corpus.passage($0) }.map { Citation(doc: $0.doc, section: $0.section, title: $0.title) }
        switch channel {
        case .chat: r.reply = entry.answer
        case .ivr: r.reply = entry.spoken
        case .staff: r.reply = "【\(entry.question)】\n\(entry.answer)\n依据：" + r.citations.map { "\($0.doc) \($0.section)（\($0.title)）" }.joined(separator: "；")
        }
        return r
    }
}
