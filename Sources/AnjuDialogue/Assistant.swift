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
    /// Where conversations live between turns; one turn of a session at a time.
    public let sessions: any SessionStore<SessionState>
    /// Reads facts with the profile's longest loan term (for "按最长的年限算").
    let extractor: FactExtractor

    /// The facts a turn of `text` would read on its own, as `name=value` (for `:explain`):
    /// the same understanding a turn computes, with no fact asked for.
    public func factsSaid(in text: String, now: Date = Date()) -> [String] {
        let u = Understanding(text: text, expecting: nil, now: now, classifier: classifier, extractor: extractor)
        return u.extraction.facts.map { "\($0.name)=\($0.value)" }
    }
    /// Each intent's FAQ entries, prepared for choosing among them (built once).
    let faqChoices: FAQEntryChoice.Table

    /// Below this confidence a classified intent does not interrupt a form.
    static let interruptConfidence = 0.45

    /// - Parameter sessions: the session store (memory by default; a shared one for
    ///   several instances, see `AnjuApp`).
    public init(classifier: IntentClassifier, faq: FAQSearch, engine: RuleEngine, formsYAML: String, messagesYAML: String,
                answersYAML: String, members: (any MemberDirectory)?,
                sessions: any SessionStore<SessionState> = MemorySessionStore<SessionState>()) throws {
        self.classifier = classifier
        self.faq = faq
        self.faqChoices = FAQEntryChoice.Table(corpus: faq.corpus, normalize: classifier.analyzer.normalize)
        self.engine = engine
        self.extractor = FactExtractor(longestTermYears: engine.profile.loan.maxTermYears,
                                       loanCaps: (engine.profile.loan.cap[.firstHome], engine.profile.loan.cap[.secondHome]))
        self.data = try DialogueData(formsYAML: formsYAML, messagesYAML: messagesYAML, answersYAML: answersYAML)
        self.members = members
        self.sessions = sessions
        for intent in data.forms.keys where classifier.catalog.intent(intent) == nil {
            throw DialogueDataError("forms.yaml: unknown intent '\(intent)' / 未知意图")
        }
    }

    /// Forgets a session (protocol `reset`, REPL `:reset`). Throws when a shared session
    /// store cannot be reached.
    public func reset(session: String) async throws { try await sessions.reset(session) }

    /// Sessions held now (not expired).
    public func sessionCount(now: Date = Date()) async throws -> Int { try await sessions.count(now: now) }

    /// One turn of a conversation. `secure` says the session id was issued by the server
    /// (unguessable, one end user): only then is a member verified and their data said;
    /// a client-chosen id still gets every policy answer.
    ///
    /// The turn runs as the only turn of its session in progress (`SessionStore`): two
    /// concurrent asks on one session are answered one after the other. When the session
    /// store cannot be reached, the turn is answered as the first of a new conversation
    /// and nothing is kept: policy questions are still answered.
    @discardableResult
    public func ask(session: String, channel: Channel, text: String, now: Date = Date(), secure: Bool = true) async -> AssistantReply {
        var answered: AssistantReply?
        do {
            return try await sessions.withSession(session, now: now) { stored in
                var state = stored ?? SessionState()
                let reply = await turn(session: session, channel: channel, text: text, now: now, secure: secure, state: &state)
                stored = state
                answered = reply
                return reply
            }
        } catch {
            // Stored or not, a turn already answered is not answered twice.
            if let answered { return answered }
            var state = SessionState()
            return await SessionMemory.$unavailable.withValue(true) {
                await turn(session: session, channel: channel, text: text, now: now, secure: secure, state: &state)
            }
        }
    }

    /// The turn itself, on the session's state.
    private func turn(session: String, channel: Channel, text: String, now: Date, secure: Bool,
                      state: inout SessionState) async -> AssistantReply {
        let understanding = Understanding(text: text, expecting: state.form?.expecting, now: now, classifier: classifier, extractor: extractor)
        var turn = Turn(session: session, channel: channel, understanding: understanding, now: now, secure: secure)
        var reply = await respond(&state, &turn)
        if channel == .ivr { reply.reply = IVRText.clean(reply.reply) }
        if reply.intent != IntentCatalog.outOfScope { state.misunderstood = 0 }
        if !understanding.asksRepeat, !turn.isPIN, !reply.reply.isEmpty { state.lastReply = reply.reply; state.lastIntent = reply.intent }
        // Notes feed the hand-off summary: never a PIN, and numbers masked as the log masks them.
        let said = turn.isPIN ? "（密码）" : Redactor.mask(String(text.prefix(30)))
        state.note("\(classifier.catalog.name(of: reply.intent))：\(said)")
        members?.logTurn(TurnRecord(session: session, time: now, channel: channel.rawValue, text: turn.isPIN ? "" : understanding.normalized,
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
