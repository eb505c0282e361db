import AnjuIntents
import Foundation

/// What one turn said, worked out once at the top of the turn: the classification (with
/// its analysis and candidates), the facts with their range check, the ID number and PIN
/// tokens, and the small cues the dialogue decides on. Nothing downstream analyses the
/// text again.
struct Understanding {
    /// The text as typed or transcribed.
    let text: String
    /// The normalised text (numerals as digits, synonyms applied, punctuation removed).
    let normalized: String
    /// Intent, confidence, candidates; `also` for a message asking several things.
    let classification: Classification
    /// Facts read with the question just asked (`expecting`) in mind.
    let extraction: FactExtractor.Extraction
    /// An 18-character ID number, also read in groups or Chinese digits.
    let idNumber: String?
    /// A 6-digit PIN.
    let pin: String?
    /// Nothing was said (silence on the phone line, an empty line).
    let isEmpty: Bool
    /// Words that cancel the form or verification in progress.
    let cancelling: Bool
    /// Words that mark a correction of a fact already given.
    let correcting: Bool
    /// A policy question about no one in particular ("首套最多能贷多少", "男的多大退休"):
    /// no first person and no figure of one's own.
    let isGeneral: Bool

    static let cancelWords = ["算了", "不问了", "取消", "不用了", "不查了", "不算了", "退出"]
    static let correctionWords = ["不对", "错了", "说错", "改成", "应该是", "更正", "不是"]
    static let firstPerson = ["我", "俺", "咱", "本人", "自己", "我们", "我家", "我们家"]

    init(text: String, expecting: String?, now: Date, classifier: IntentClassifier, extractor: FactExtractor) {
        self.text = text
        classification = classifier.classify(text)
        let t = classification.analysis.normalized
        normalized = t
        extraction = extractor.extractChecked(t, expecting: expecting, today: now)
        idNumber = FactExtractor.idNumber(in: t)
        pin = idNumber == nil ? FactExtractor.pin(in: t) : nil
        isEmpty = t.allSatisfy { $0 == " " }
        cancelling = Self.cancelWords.contains { t.has($0) }
        correcting = Self.correctionWords.contains { t.has($0) }
        isGeneral = !Self.firstPerson.contains { t.has($0) } && !t.contains { $0.isASCII && $0.isNumber }
    }

    /// Whether the turn is a question of another intent, confident enough to interrupt.
    func asksSomethingElse(than intent: String?, minimum: Double) -> Bool {
        let c = classification
        return c.intent != IntentCatalog.outOfScope && c.intent != IntentCatalog.unclear && c.intent != intent && c.confidence >= minimum
    }
}
