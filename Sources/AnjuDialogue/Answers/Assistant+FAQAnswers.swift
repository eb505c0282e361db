import AnjuKnowledge
import Foundation

extension Assistant {
    /// The answer of `intent` from the corpus, with the citations of that entry. The entry is
    /// the intent's own: the first listed for it in Corpus/faq/, unless the question asked
    /// (`question`, normalised) is plainly one of the intent's other entries ("租房一年最多能提
    /// 多少" → the yearly caps, not the conditions) — see `FAQEntryChoice`. Never an entry of
    /// another intent, so the answer and its sources never drift to a neighbouring topic.
    /// Staff looking something up by keywords use `anju faq`, which searches.
    func faqAnswer(intent: String, _ channel: Channel, into reply: AssistantReply? = nil, question: String? = nil) -> AssistantReply {
        var r = reply ?? AssistantReply(session: "", intent: intent, confidence: 1, reply: "")
        guard let choice = faqChoices[intent] else { return r }
        let index = question.map { choice.choose(for: data.faqQuestion($0)) } ?? 0
        let entry = choice.entries[index]
        r.citations = choice.citations[index]
        switch channel {
        case .chat: r.reply = entry.answer
        case .ivr: r.reply = entry.spoken
        case .staff: r.reply = "【\(entry.question)】\n\(entry.answer)\n依据：" + r.citations.map { "\($0.doc) \($0.section)（\($0.title)）" }.joined(separator: "；")
        }
        return r
    }
}
