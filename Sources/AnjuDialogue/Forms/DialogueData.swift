import AnjuJSON
import Foundation
import Yams


/// One fixed text in two wordings.
struct Wording: Sendable, Decodable {
    let chat: String
    let ivr: String

    func text(_ channel: Channel) -> String { channel == .ivr ? ivr : chat }
}

/// A rule intent as a form: the rule, the withdrawal type, the facts to ask in order.
public struct FormDefinition: Sendable, Decodable {
    public let rule: String
    public let type: String?
    public let ask: [String]
}

/// A kind of business asked about with nothing of the case ("我要提取公积金", "公积金怎么提取"):
/// the cases are listed (`message`) and the user picks one of `options`.
struct Overview: Sendable, Decodable {
    /// Words that name the kind of business (提取); one must be said.
    let core: [String]
    /// The intents offered, in order.
    let options: [String]
    /// The message that lists them.
    let message: String
}

/// `Corpus/dialogue/forms.yaml` and `messages.yaml`.
struct DialogueData: Sendable {
    let forms: [String: FormDefinition]
    let questions: [String: Wording]
    let defaults: [String: JSONValue]
    let assumptionText: [String: String]
    /// How a fact the user gave is said back with a figure ("名下有{value}套住房").
    let saidText: [String: String]
    let messages: [String: Wording]
    /// `faq_cues` in forms.yaml: a word of a question → the FAQ entries' words for it.
    let faqCues: [(word: String, adds: String)]
    /// `answers.yaml`: rule results and a member's own figures in words.
    let answers: AnswerWording
    /// `overviews` in forms.yaml, by name.
    let overviews: [String: Overview]
    /// `generic_words` in forms.yaml: the words a request may have besides an overview's core
    /// and still say nothing of the case (怎么, 我要, 办理, 条件…).
    let genericWords: Set<String>

    private struct FormsFile: Decodable {
        let defaults: [String: DefaultValue]
        let assumption_text: [String: String]
        let said_text: [String: String]?
        let forms: [String: FormDefinition]
        let questions: [String: Wording]
        let faq_cues: [String: String]?
        let overviews: [String: Overview]?
        let generic_words: [String]?
    }

    private enum DefaultValue: Decodable {
        case bool(Bool), int(Int), string(String)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let i = try? c.decode(Int.self) { self = .int(i) } else { self = .string(try c.decode(String.self)) }
        }
        var json: JSONValue {
            switch self {
            case .bool(let b): .bool(b)
            case .int(let i): .int(i)
            case .string(let s): .string(s)
            }
        }
    }

    init(formsYAML: String, messagesYAML: String, answersYAML: String) throws {
        let file = try YAMLDecoder().decode(FormsFile.self, from: formsYAML)
        forms = file.forms
        questions = file.questions
        defaults = file.defaults.mapValues(\.json)
        assumptionText = file.assumption_text
        saidText = file.said_text ?? [:]
        faqCues = (file.faq_cues ?? [:]).sorted { $0.key < $1.key }.map { (word: $0.key, adds: $0.value) }
        overviews = file.overviews ?? [:]
        genericWords = Set(file.generic_words ?? [])
        messages = try YAMLDecoder().decode([String: Wording].self, from: messagesYAML)
        for (name, overview) in overviews where messages[overview.message] == nil {
            throw DialogueDataError("forms.yaml: overview '\(name)' names message '\(overview.message)', which messages.yaml lacks / 缺少话术")
        }
        answers = try AnswerWording(yaml: answersYAML)
        for (intent, form) in forms {
            for fact in form.ask where questions[fact] == nil {
                throw DialogueDataError("forms.yaml: \(intent) asks '\(fact)' but there is no question for it / 缺少该事实的提问")
            }
        }
        for key in ["out_of_scope", "unclear", "handoff", "handoff_after_misunderstanding", "cancelled", "resume", "ask_id_number",
                    "bad_id_number", "ask_pin", "wrong_pin", "locked", "unknown_member", "verified", "store_unavailable", "no_fact_understood",
                    "implausible_number", "facts_invalid", "empty_input", "bare_number", "also_asked", "verification_failed",
                    "offer_to_compute", "insecure_session", "for_your_account"]
        where messages[key] == nil {
            throw DialogueDataError("messages.yaml: missing '\(key)' / 缺少话术")
        }
    }

    /// The overview a request asks for: every token is one of its core words or a generic
    /// word, and a core word is there. Nil for a request that says anything of the case.
    func overview(tokens: [String]) -> Overview? {
        guard !tokens.isEmpty else { return nil }
        return overviews.sorted { $0.key < $1.key }.lazy.map(\.value).first { overview in
            tokens.contains { overview.core.contains($0) } && tokens.allSatisfy { overview.core.contains($0) || genericWords.contains($0) }
        }
    }

    func message(_ key: String, _ channel: Channel, _ values: [String: String] = [:]) -> String {
        var text = messages[key]?.text(channel) ?? key
        for (k, v) in values { text = text.replacingEvery("{\(k)}", with: v) }
        return text
    }

    /// A question with the FAQ entries' words for the words it uses (`faq_cues`), for choosing
    /// the intent's entry that answers it.
    func faqQuestion(_ question: String) -> String {
        var out = question
        for cue in faqCues where question.has(cue.word) { out += " " + cue.adds }
        return out
    }

    /// The question for `fact`; empty when there is none (a fact name is never said).
    func question(_ fact: String, _ channel: Channel) -> String {
        questions[fact]?.text(channel) ?? ""
    }
}

/// A dialogue data file that is missing or malformed.
public struct DialogueDataError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ message: String) { description = message }
}
