import AnjuIntents
import AnjuJSON
import AnjuKnowledge
import AnjuRules
import AnjuStore
import Foundation

/// The assistant: one core for the REPL, the line server and HTTP, knowing nothing of
/// terminals or sockets. Each turn: text → understanding (once: intent, facts, tokens) →
/// decision (verification, forms, follow-ups; `Assistant+Routing`) → rules → reply →
/// channel wording. Thread-safe: sessions are kept in a locked store and every other part
/// is immutable.
public final class Assistant: Sendable {
    public let classifier: IntentClassifier
    public let faq: FAQSearch
    public let engine: RuleEngine
    let data: DialogueData
    let members: (any MemberDirectory)?
    let sessions: SessionStore
    let extractor = FactExtractor()

    /// Below this confidence a classified intent does not interrupt a form.
    static let interruptConfidence = 0.45

    public init(classifier: IntentClassifier, faq: FAQSearch, engine: RuleEngine, formsYAML: String, messagesYAML: String, answersYAML: String,
                members: (any MemberDirectory)?, sessionIdleTimeout: TimeInterval = 600, maxSessions: Int = 20_000) throws {
        self.classifier = classifier
        self.faq = faq
        self.engine = engine
        self.data = try DialogueData(formsYAML: formsYAML, messagesYAML: messagesYAML, answersYAML: answersYAML)
        self.members = members
        self.sessions = SessionStore(idleTimeout: sessionIdleTimeout, capacity: maxSessions)
        for intent in data.forms.keys where classifier.catalog.intent(intent) == nil {
            throw DialogueDataError("forms.yaml: unknown intent '\(intent)' / 未知意图")
        }
    }

    /// Forgets a session (protocol `reset`, REPL `:reset`).
    public func reset(session: String) { sessions.reset(session) }

    /// Number of sessions in memory.
    public var sessionCount: Int { sessions.count }

    /// One turn of a conversation. `secure` says the session id was issued by the server
    /// (unguessable, one end user): only then is a member verified and their data said;
    /// a client-chosen id still gets every policy answer.
    @discardableResult
    public func ask(session: String, channel: Channel, text: String, now: Date = Date(), secure: Bool = true) -> AssistantReply {
        var state = sessions.checkout(session, now: now)
        let understanding = Understanding(text: text, expecting: state.form?.expecting, now: now, classifier: classifier, extractor: extractor)
        var turn = Turn(session: session, channel: channel, understanding: understanding, now: now, secure: secure)
        var reply = respond(&state, &turn)
        if channel == .ivr { reply.reply = IVRText.clean(reply.reply) }
        if reply.intent != IntentCatalog.outOfScope { state.misunderstood = 0 }
        // Notes feed the hand-off summary: never a PIN, and numbers masked as the log masks them.
        let said = turn.isPIN ? "（密码）" : Redactor.mask(String(text.prefix(30)))
        state.note("\(classifier.catalog.name(of: reply.intent))：\(said)")
        sessions.store(session, state, now: now)
        members?.logTurn(TurnLog(session: session, time: now, channel: channel.rawValue, normalizedText: turn.isPIN ? "" : understanding.normalized,
                                 intent: reply.intent, confidence: reply.confidence, reply: reply.reply, containsPIN: turn.isPIN))
        return reply
    }

    /// One turn being answered.
    struct Turn {
        let session: String
        let channel: Channel
        let understanding: Understanding
        let now: Date
        let secure: Bool
        /// The text was typed where a PIN goes: it is never logged.
        var isPIN = false

        var normalized: String { understanding.normalized }
    }

    func base(_ turn: Turn, intent: String, confidence: Double, reply: String) -> AssistantReply {
        AssistantReply(session: turn.session, intent: intent, confidence: confidence, reply: reply)
    }

    /// A fixed message as a reply of `intent`, asking for `expecting`.
    func message(_ key: String, _ turn: Turn, intent: String, expecting: String? = nil, _ values: [String: String] = [:]) -> AssistantReply {
        var r = base(turn, intent: intent, confidence: 1, reply: data.message(key, turn.channel, values))
        r.expecting = expecting
        return r
    }
}
