import AnjuText

/// A message cut into sentences, and the sentences that ask something.
///
/// Citizens' letters open with a greeting, tell a story, ask one to three questions and end
/// with thanks ("书记您好…请问…？另外…吗？盼回复，谢谢！"). Classifying the whole text lets the
/// story and the courtesies outvote the question, so a long message is decided from its
/// question-bearing sentences, with the whole text as support. Works on the raw text: the
/// normaliser removes the punctuation that marks sentences.
public struct MessageParts: Sendable, Equatable {
    /// Messages at least this long (characters) are split; shorter ones are one question.
    public static let longMessage = 30
    /// Share of the question sentences in the blended score (the rest is the whole text).
    static let questionShare = 0.7
    /// A further question counts in `also` only at this confidence or above.
    static let alsoConfidence = 0.6

    /// Every sentence, in order.
    public let sentences: [String]
    /// The sentences that ask something, in order.
    public let questions: [String]
    /// Whether the message is long enough to be split.
    public let isLong: Bool

    /// Words and marks that make a sentence a question.
    static let questionMarkers = ["吗", "嘛", "呢", "?", "？", "怎么", "怎样", "咋", "如何", "多少", "多久", "好久", "几", "能不能", "能否",
                                  "可不可以", "可以不", "是否", "什么", "啥", "哪", "为什么", "为何", "请问", "想问", "咨询", "想知道", "想了解",
                                  "有没有", "要不要", "需不需要", "能否", "行不行", "不能", "可以吗", "求助", "求解"]
    /// Sentence ends.
    static let enders: Set<Character> = ["。", "！", "？", "!", "?", "；", ";", "\n", "\r", "…"]
    /// Clause marks, used to cut a long run-on sentence.
    static let commas: Set<Character> = ["，", ",", "、", " ", "　"]

    public init(_ text: String) {
        isLong = text.count >= Self.longMessage
        var sentences: [String] = []
        var current = ""
        for ch in text {
            if Self.enders.contains(ch) {
                if ch == "？" || ch == "?" { current.append(ch) }
                Self.append(current, to: &sentences)
                current = ""
            } else {
                current.append(ch)
            }
        }
        Self.append(current, to: &sentences)
        self.sentences = sentences
        self.questions = sentences.flatMap(Self.questionClauses)
    }

    private static func append(_ s: String, to list: inout [String]) {
        let trimmed = s.trimmingSpaces()
        if !trimmed.isEmpty { list.append(trimmed) }
    }

    /// The part of a sentence that asks: the whole sentence when short; in a long run-on
    /// sentence, the clauses from the one before the first question marker to the end
    /// (the clause before a question is usually its subject: "我离职了，公积金能取吗").
    static func questionClauses(_ sentence: String) -> [String] {
        guard isQuestion(sentence) else { return [] }
        guard sentence.count > 40 else { return [sentence] }
        let clauses = sentence.split(whereSeparator: { commas.contains($0) }).map(String.init)
        guard let first = clauses.firstIndex(where: isQuestion) else { return [sentence] }
        return [clauses[max(0, first - 1)...].joined(separator: "，")]
    }

    /// Whether a sentence asks something.
    public static func isQuestion(_ s: String) -> Bool {
        questionMarkers.contains { s.contains($0) }
    }
}
