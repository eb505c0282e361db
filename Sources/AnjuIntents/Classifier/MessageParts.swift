import AnjuText
import Foundation

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
    /// Markers that announce a topic rather than ask ("您好，想咨询下公积金贷款。"): a sentence
    /// with only these says what the questions after it are about.
    static let announcingMarkers: Set<String> = ["请问", "想问", "咨询", "想知道", "想了解", "求助", "求解"]

    /// Whether a question sentence asks something of its own, not only announces the topic of
    /// the questions after it: a further question (`also`) must ask.
    public static func asksOnItsOwn(_ sentence: String) -> Bool {
        contains(sentence, anyOf: askingMarkers, scalars: askingMarkerScalars)
    }

    /// The markers that ask (`questionMarkers` less `announcingMarkers`), and as scalars.
    static let askingMarkers = questionMarkers.filter { !announcingMarkers.contains($0) }
    static let askingMarkerScalars: [[UInt32]] = askingMarkers.map { $0.unicodeScalars.map(\.value) }

    /// Sentence ends.
    static let enders: Set<Character> = ["。", "！", "？", "!", "?", "；", ";", "\n", "\r", "…"]
    /// Clause marks, used to cut a long run-on sentence.
    static let commas: Set<Character> = ["，", ",", "、", " ", "　"]

    public init(_ text: String) {
        isLong = Self.isLongMessage(text)
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
        // A clerk's pasted form (「是否逾 期」否, 【缴存月数】…) asks nothing of its fields: its
        // 是否 is a label, and the form is decided whole, title included.
        self.questions = Self.isFieldForm(text) ? [] : sentences.flatMap(Self.questionClauses)
    }

    /// Whether `text` is a form of bracketed field labels (at least two 「 or 【), or a form's
    /// question–answer export (Q1. 连续缴存月数？A1. 57 …: at least two answers).
    static func isFieldForm(_ text: String) -> Bool {
        var labels = 0
        for v in text.unicodeScalars where v.value == 0x300C || v.value == 0x3010 {
            labels += 1
            if labels >= 2 { return true }
        }
        let markers = Normalizer.answerMarkers(in: text.unicodeScalars.map(\.value))
        return markers.answers.count >= 2 && !markers.questions.isEmpty
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
        // "想问两个问题：一是…多少，二是…多少？": each numbered item is a question of its own.
        if let items = enumerated(sentence) { return items.flatMap(questionClauses) }
        guard sentence.count > 40 else { return [sentence] }
        let clauses = sentence.split(whereSeparator: { commas.contains($0) }).map(String.init)
        guard let first = clauses.firstIndex(where: isQuestion) else { return [sentence] }
        // "…辞职后回到户籍地，账户被封存，这种情况下该怎样提取？": a question that points back
        // at the story asks about all of it, not only the clause before.
        if pointsBack(clauses[first]) { return [sentence] }
        return [clauses[max(0, first - 1)...].joined(separator: "，")]
    }

    /// Words by which a question points back at what was told before it (这种情况下…, 像上述…),
    /// in simplified and traditional characters (the parts are cut from the raw text, before
    /// the normaliser simplifies it).
    static let pointingBack = ["这种情况", "这样的情况", "这个情况", "这情况", "此种情况", "此情况", "上述", "以上情况", "像我这样", "像这样", "这种",
                               "這種情況", "這樣的情況", "這個情況", "這情況", "此種情況", "上述", "以上情況", "像我這樣", "像這樣", "這種"]

    /// Whether a question clause points back at the story told before it.
    static func pointsBack(_ clause: String) -> Bool {
        pointingBack.contains { clause.contains($0) }
    }

    /// Numbering that starts items in one sentence, as sequences (一是/二是, 第一/第二, 1、/2、…);
    /// not "1." (the 1.5 of 1.5万).
    static let numbering: [[String]] = [["一是", "二是", "三是", "四是"], ["第一", "第二", "第三", "第四"], ["其一", "其二", "其三"],
                                        ["1、", "2、", "3、", "4、"], ["①", "②", "③", "④"],
                                        ["（1）", "（2）", "（3）", "（4）"], ["(1)", "(2)", "(3)", "(4)"]]

    /// The first item of each numbering, and as scalars.
    static let firstItems = numbering.map { $0[0] }
    static let firstItemScalars: [[UInt32]] = firstItems.map { $0.unicodeScalars.map(\.value) }

    /// The sentence cut before each item of a numbering whose first two items it holds in
    /// order (the words before the first item are a part too); nil when it numbers nothing.
    static func enumerated(_ sentence: String) -> [String]? {
        // Most sentences number nothing: one scalar search for the first items decides them
        // (Foundation's range(of:) over every sequence cost 5% of `anju bench classify`).
        guard contains(sentence, anyOf: firstItems, scalars: firstItemScalars) else { return nil }
        for sequence in numbering {
            guard let first = sentence.range(of: sequence[0]), let second = sentence.range(of: sequence[1], range: first.upperBound..<sentence.endIndex) else { continue }
            var cuts = [first.lowerBound, second.lowerBound]
            for marker in sequence.dropFirst(2) {
                guard let next = sentence.range(of: marker, range: cuts.last!..<sentence.endIndex) else { break }
                cuts.append(next.lowerBound)
            }
            var parts: [String] = []
            var start = sentence.startIndex
            for cut in cuts + [sentence.endIndex] {
                let part = sentence[start..<cut].trimmingCharacters(in: CharacterSet(charactersIn: "，,、：:；; 　"))
                if !part.isEmpty { parts.append(part) }
                start = cut
            }
            return parts.count >= 2 ? parts : nil
        }
        return nil
    }

    /// Whether `text` is long enough to be split (`longMessage` characters or more).
    ///
    /// Counts scalars first: a text has at least as many scalars as characters, so one
    /// with fewer than `longMessage` scalars is short without the costlier grapheme count.
    /// Most queries are short, and `classify` asks this of every one.
    public static func isLongMessage(_ text: String) -> Bool {
        var scalars = 0
        for _ in text.unicodeScalars {
            scalars += 1
            if scalars >= longMessage { return text.count >= longMessage }
        }
        return false
    }

    /// Whether a sentence asks something.
    ///
    /// Hand-written for speed: Foundation's `String.contains(String)` (an NSString search
    /// with canonical-equivalence folding) over the 38 markers took a third of `anju bench
    /// classify`'s time (perf, 2026-12-05). Text made only of scalars that take part in no
    /// canonical equivalence or grapheme joining (ASCII, CJK ideographs and punctuation,
    /// fullwidth forms) is searched scalar by scalar, which finds exactly what that search
    /// finds; any other text still goes through Foundation.
    public static func isQuestion(_ s: String) -> Bool {
        contains(s, anyOf: questionMarkers, scalars: markerScalars)
    }

    /// Whether `s` contains one of `markers` (given also as scalars): scalar by scalar for
    /// plain text, through Foundation otherwise.
    static func contains(_ s: String, anyOf markers: [String], scalars markerScalars: [[UInt32]]) -> Bool {
        let scalars = s.unicodeScalars.map(\.value)
        guard scalars.allSatisfy(isPlainScalar) else { return markers.contains { s.contains($0) } }
        return markerScalars.contains { marker in
            guard marker.count <= scalars.count else { return false }
            for start in 0...(scalars.count - marker.count) where scalars[start] == marker[0] {
                var k = 1
                while k < marker.count, scalars[start + k] == marker[k] { k += 1 }
                if k == marker.count { return true }
            }
            return false
        }
    }

    /// `questionMarkers` as scalars.
    static let markerScalars: [[UInt32]] = questionMarkers.map { $0.unicodeScalars.map(\.value) }

    /// Scalars with no canonical decomposition that never join a neighbour into one
    /// character: printable ASCII, CJK symbols and punctuation, CJK ideographs (the unified
    /// blocks; not the compatibility ones, which decompose), fullwidth forms, and general
    /// punctuation without the joiners and format controls.
    static func isPlainScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E, 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFFEF, 0x2010...0x2027, 0x2030...0x205E: true
        default: false
        }
    }
}
