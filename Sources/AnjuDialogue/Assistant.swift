import AnjuIntents
import AnjuJSON
import AnjuKnowledge
import AnjuRules
import Foundation

/// The assistant: one core for the REPL and the server, knowing nothing of terminals or
/// sockets. Each turn goes text → tokens → intent → dialogue (forms, verification,
/// follow-ups) → rules → reply → channel wording. Thread-safe: sessions are kept in a
/// locked store and every other part is immutable.
public final class Assistant: Sendable {
    public let classifier: IntentClassifier
    public let faq: FAQSearch
    public let engine: RuleEngine
    let data: DialogueData
    let members: (any MemberDirectory)?
    let sessions: SessionStore
    let extractor = FactExtractor()

    /// Words that cancel the form or verification in progress.
    static let cancelWords = ["算了", "不问了", "取消", "不用了", "不查了", "不算了", "退出"]
    /// Words that mark a correction of a fact already given.
    static let correctionWords = ["不对", "错了", "说错", "改成", "应该是", "更正", "不是"]
    /// Below this confidence a classified intent does not interrupt a form.
    static let interruptConfidence = 0.5

    public init(classifier: IntentClassifier, faq: FAQSearch, engine: RuleEngine, formsYAML: String, messagesYAML: String,
                members: (any MemberDirectory)?, sessionIdleTimeout: TimeInterval = 600, maxSessions: Int = 20_000) throws {
        self.classifier = classifier
        self.faq = faq
        self.engine = engine
        self.data = try DialogueData(formsYAML: formsYAML, messagesYAML: messagesYAML)
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
        let analysis = classifier.analyzer.analyze(text)
        var turn = Turn(session: session, channel: channel, text: text, normalized: analysis.normalized, now: now, secure: secure)
        var reply = respond(&state, &turn)
        if channel == .ivr { reply.reply = IVRText.clean(reply.reply) }
        if reply.intent != IntentCatalog.outOfScope { state.misunderstood = 0 }
        state.note("\(classifier.catalog.name(of: reply.intent))：\(String(turn.isPIN ? "（密码）" : text.prefix(30)))")
        sessions.store(session, state, now: now)
        members?.logTurn(TurnLog(session: session, time: now, channel: channel.rawValue, normalizedText: turn.isPIN ? "" : analysis.normalized,
                                 intent: reply.intent, confidence: reply.confidence, reply: reply.reply, containsPIN: turn.isPIN))
        return reply
    }

    struct Turn {
        let session: String
        let channel: Channel
        let text: String
        let normalized: String
        let now: Date
        let secure: Bool
        var isPIN = false
    }

    func base(_ turn: Turn, intent: String, confidence: Double, reply: String) -> AssistantReply {
        AssistantReply(session: turn.session, intent: intent, confidence: confidence, reply: reply)
    }

    // MARK: - The turn

    func respond(_ state: inout SessionState, _ turn: inout Turn) -> AssistantReply {
        let t = turn.normalized
        let cancelling = Self.cancelWords.contains { t.has($0) }

        // 1. Verification in progress.
        switch state.verification {
        case .askingID(let intent):
            if cancelling { state.verification = .none; return cancelled(turn) }
            if let id = Self.idNumber(in: t) {
                guard IDNumberCheck.isValid(id) else {
                    var r = base(turn, intent: intent, confidence: 1, reply: data.message("bad_id_number", turn.channel))
                    r.expecting = "id_number"
                    return r
                }
                // A member locked out is told so at once, before typing a PIN for nothing.
                if let members, (try? members.lockedUntil(idNumber: id, now: turn.now)) ?? nil != nil {
                    state.verification = .none
                    var r = base(turn, intent: intent, confidence: 1, reply: data.message("locked", turn.channel))
                    r.errorCode = "locked"
                    return r
                }
                state.verification = .askingPIN(idNumber: id, for: intent)
                var r = base(turn, intent: intent, confidence: 1, reply: data.message("ask_pin", turn.channel))
                r.expecting = "pin"
                return r
            }
            if !looksLikeNewQuestion(turn) {
                var r = base(turn, intent: intent, confidence: 1, reply: data.message("bad_id_number", turn.channel))
                r.expecting = "id_number"
                return r
            }
            state.verification = .none
        case .askingPIN(let id, let intent):
            if cancelling { state.verification = .none; return cancelled(turn) }
            if let pin = Self.pin(in: t) {
                turn.isPIN = true
                return verify(&state, turn, id: id, pin: pin, intent: intent)
            }
            if !looksLikeNewQuestion(turn) {
                turn.isPIN = true // whatever it was, it was typed where a PIN goes
                var r = base(turn, intent: intent, confidence: 1, reply: data.message("ask_pin", turn.channel))
                r.expecting = "pin"
                return r
            }
            state.verification = .none
        case .none:
            break
        }

        // 2. A choice among the options offered.
        if !state.unclearOptions.isEmpty {
            let options = state.unclearOptions
            state.unclearOptions = []
            if let chosen = choice(t, options: options) {
                let original = state.unclearText
                return start(intent: chosen, confidence: 1, text: original.isEmpty ? t : original, &state, turn)
            }
        }

        // 3. A form being filled.
        if state.form != nil {
            if cancelling { state.form = nil; return cancelled(turn) }
            if let r = continueForm(&state, turn) { return r }
        }

        // 4. A follow-up on the last rule answer ("那二套呢？", "如果贷20年呢？", "等额本金呢？").
        if let r = followUp(&state, turn) { return r }

        // 5. A new question.
        let c = classifier.classify(t)
        return answer(c, &state, turn)
    }

    /// Whether a reply to a verification prompt is rather a new question.
    func looksLikeNewQuestion(_ turn: Turn) -> Bool {
        let c = classifier.classify(turn.normalized)
        return c.intent != IntentCatalog.outOfScope && c.intent != IntentCatalog.unclear && c.confidence >= Self.interruptConfidence
    }

    func cancelled(_ turn: Turn) -> AssistantReply {
        base(turn, intent: "goodbye_thanks", confidence: 1, reply: data.message("cancelled", turn.channel))
    }

    /// Answers a classified query.
    func answer(_ c: Classification, _ state: inout SessionState, _ turn: Turn) -> AssistantReply {
        switch c.intent {
        case IntentCatalog.outOfScope:
            state.misunderstood += 1
            state.form = nil
            if state.misunderstood >= 2 {
                var r = base(turn, intent: IntentCatalog.outOfScope, confidence: c.confidence, reply: data.message("handoff_after_misunderstanding", turn.channel))
                r.handoff = true
                r.handoffSummary = summary(state)
                state.misunderstood = 0
                return r
            }
            return base(turn, intent: IntentCatalog.outOfScope, confidence: c.confidence, reply: data.message("out_of_scope", turn.channel))
        case IntentCatalog.unclear:
            state.unclearOptions = c.options
            state.unclearText = turn.normalized
            let list = c.options.enumerated().map { "\($0.offset + 1). \(classifier.catalog.name(of: $0.element))" }
            let joined = turn.channel == .ivr ? c.options.map { classifier.catalog.name(of: $0) }.joined(separator: "还是") : list.joined(separator: " ")
            var r = base(turn, intent: IntentCatalog.unclear, confidence: c.confidence, reply: data.message("unclear", turn.channel, ["options": joined]))
            r.options = c.options
            return r
        default:
            return start(intent: c.intent, confidence: c.confidence, text: turn.normalized, &state, turn)
        }
    }

    /// Starts answering `intent`: hand-off, verification, a rule form, or an FAQ answer.
    func start(intent: String, confidence: Double, text: String, _ state: inout SessionState, _ turn: Turn) -> AssistantReply {
        state.misunderstood = 0
        if intent == "human_agent" {
            var r = base(turn, intent: intent, confidence: confidence, reply: data.message("handoff", turn.channel))
            r.handoff = true
            r.handoffSummary = summary(state)
            r.citations = faqAnswer(intent: intent, text: text, turn.channel).citations
            return r
        }
        if classifier.catalog.intent(intent)?.needsAuth == true {
            guard turn.secure else {
                // A client-chosen session id is a bearer token anyone could send: no member data.
                var r = faqAnswer(intent: intent, text: text, turn.channel, into: base(turn, intent: intent, confidence: confidence, reply: ""))
                r.reply = data.message("insecure_session", turn.channel) + (turn.channel == .ivr ? "" : "\n" + r.reply)
                r.errorCode = "session_not_secure"
                return r
            }
            if let member = state.member { return memberAnswer(intent: intent, member: member, turn) }
            guard members != nil else {
                var r = faqAnswer(intent: intent, text: text, turn.channel, into: base(turn, intent: intent, confidence: confidence, reply: ""))
                r.reply = data.message("store_unavailable", turn.channel) + (turn.channel == .ivr ? "" : "\n" + r.reply)
                return r
            }
            state.verification = .askingID(for: intent)
            var r = base(turn, intent: intent, confidence: confidence, reply: data.message("ask_id_number", turn.channel))
            r.expecting = "id_number"
            return r
        }
        if data.forms[intent] != nil {
            var facts: [String: JSONValue] = [:]
            // Context of the last rule answer carries over ("能贷多少" after "能不能贷").
            if let done = state.completed { facts = done.facts.filter { isFact($0.key, of: intent) } }
            if let member = state.member { facts.merge(memberFacts(member, now: turn.now)) { $1 } }
            let extraction = extractor.extractChecked(text)
            let said = extraction.facts
            for f in said { facts[f.name] = f.value }
            state.form = SessionState.Form(intent: intent, facts: facts, expecting: nil, lastFilled: nil)
            var r = advanceForm(&state, turn, confidence: confidence)
            // A number no one could mean ("交了99999999999999999999个月"): say so, ask for it.
            if let bad = extraction.implausible.first(where: { isFact($0, of: intent) }), var form = state.form {
                form.expecting = bad
                state.form = form
                r.reply = data.message("implausible_number", turn.channel, ["question": data.question(bad, turn.channel)])
                r.expecting = bad
                return r
            }
            // A general question ("租房每年最多能提多少") gets the policy answer first, then the
            // offer to work it out for the user's own case (not on the phone: too long).
            if said.isEmpty, let expecting = r.expecting, turn.channel != .ivr {
                let general = faqAnswer(intent: intent, text: text, turn.channel)
                if !general.reply.isEmpty {
                    r.reply = general.reply + "\n如需按您的情况计算：" + data.question(expecting, turn.channel)
                }
            }
            return r
        }
        return faqAnswer(intent: intent, text: text, turn.channel, into: base(turn, intent: intent, confidence: confidence, reply: ""))
    }

    // MARK: - Forms

    /// Fills the form from this turn's words. Returns nil when the turn is not about the form.
    func continueForm(_ state: inout SessionState, _ turn: Turn) -> AssistantReply? {
        guard var form = state.form else { return nil }
        let t = turn.normalized
        let extraction = extractor.extractChecked(t, expecting: form.expecting)
        var found = extraction.facts
        let correcting = Self.correctionWords.contains { t.has($0) }
        if found.isEmpty, correcting {
            // "不对，是15个月": a duration corrects the months fact given, a sum the money fact.
            let monthFacts = ["continuous_months", "sealed_months", "months_since_purchase"]
            let target = (t.has("月") || t.has("年")) ? monthFacts.first { form.facts[$0] != nil } : form.lastFilled
            if let target {
                found = extractor.extract(t, expecting: target).filter { $0.name == target }
            }
        }
        let relevant = found.filter { isFact($0.name, of: form.intent) }
        if relevant.isEmpty, let bad = extraction.implausible.first(where: { isFact($0, of: form.intent) }) {
            form.expecting = bad
            state.form = form
            var r = base(turn, intent: form.intent, confidence: 1, reply: data.message("implausible_number", turn.channel, ["question": data.question(bad, turn.channel)]))
            r.expecting = bad
            return r
        }
        if !relevant.isEmpty {
            for f in relevant { form.facts[f.name] = f.value; form.lastFilled = f.name }
            state.form = form
            return advanceForm(&state, turn, confidence: 1)
        }
        // Not an answer to the form: a question in the middle, answered before resuming.
        let c = classifier.classify(t)
        guard c.intent != IntentCatalog.outOfScope, c.intent != IntentCatalog.unclear, c.confidence >= Self.interruptConfidence else {
            let question = form.expecting.map { data.question($0, turn.channel) } ?? ""
            var r = base(turn, intent: form.intent, confidence: 0, reply: data.message("no_fact_understood", turn.channel, ["question": question]))
            r.expecting = form.expecting
            return r
        }
        if c.intent == form.intent { return advanceForm(&state, turn, confidence: c.confidence) }
        if data.forms[c.intent] != nil || classifier.catalog.intent(c.intent)?.needsAuth == true || c.intent == "human_agent" {
            // Another rule (or a hand-off): the new question takes over, keeping what is known.
            let known = form.facts
            state.form = nil
            var r = start(intent: c.intent, confidence: c.confidence, text: t, &state, turn)
            if var next = state.form {
                for (k, v) in known where next.facts[k] == nil && isFact(k, of: next.intent) { next.facts[k] = v }
                state.form = next
                if r.expecting != nil { r = advanceForm(&state, turn, confidence: c.confidence) }
            }
            return r
        }
        var r = start(intent: c.intent, confidence: c.confidence, text: t, &state, turn)
        if let expecting = form.expecting {
            let resume = data.message("resume", turn.channel, ["question": data.question(expecting, turn.channel)])
            r.reply += (turn.channel == .ivr ? "。" : "\n") + resume
            r.expecting = expecting
        }
        state.form = form
        return r
    }

    /// Whether the rule behind `intent` takes the fact `name`.
    func isFact(_ name: String, of intent: String) -> Bool {
        guard let form = data.forms[intent], let rule = RuleID.named(form.rule) else { return false }
        let spec = RuleEngine.factSpec(for: rule, type: form.type.flatMap(WithdrawType.init(rawValue:)))
        return spec.required.contains(name) || spec.optional.contains(name)
    }

    /// Asks for the next missing fact, or runs the rule when none is missing.
    func advanceForm(_ state: inout SessionState, _ turn: Turn, confidence: Double) -> AssistantReply {
        guard var form = state.form, let definition = data.forms[form.intent] else {
            return base(turn, intent: IntentCatalog.outOfScope, confidence: 0, reply: data.message("out_of_scope", turn.channel))
        }
        if let missing = definition.ask.first(where: { form.facts[$0] == nil }) {
            form.expecting = missing
            state.form = form
            var r = base(turn, intent: form.intent, confidence: confidence, reply: data.question(missing, turn.channel))
            r.expecting = missing
            // The question already rests on the intent's policy: cite it.
            r.citations = faqAnswer(intent: form.intent, text: turn.normalized, turn.channel).citations
            return r
        }
        state.form = nil
        state.completed = SessionState.Completed(intent: form.intent, facts: form.facts)
        return runRule(intent: form.intent, facts: form.facts, confidence: confidence, &state, turn)
    }

    /// A follow-up that changes a fact of the last rule answer and asks again.
    func followUp(_ state: inout SessionState, _ turn: Turn) -> AssistantReply? {
        guard let done = state.completed else { return nil }
        let t = turn.normalized
        let extraction = extractor.extractChecked(t)
        let found = extraction.facts.filter { isFact($0.name, of: done.intent) }
        if found.isEmpty, t.count <= 16, let bad = extraction.implausible.first(where: { isFact($0, of: done.intent) }) {
            var r = base(turn, intent: done.intent, confidence: 1, reply: data.message("implausible_number", turn.channel, ["question": data.question(bad, turn.channel)]))
            r.expecting = bad
            state.form = SessionState.Form(intent: done.intent, facts: done.facts.filter { $0.key != bad }, expecting: bad, lastFilled: nil)
            return r
        }
        guard !found.isEmpty else { return nil }
        // Short turns that change a fact are follow-ups ("那2套", "如果贷20年"); longer ones
        // only when they do not clearly ask something else.
        if t.count > 8 {
            let c = classifier.classify(t)
            let otherIntent = c.intent != done.intent && c.intent != IntentCatalog.outOfScope && c.intent != IntentCatalog.unclear && c.confidence >= 0.8
            guard t.count <= 16 || t.has("如果") || t.hasPrefix("那"), !otherIntent else { return nil }
        }
        var facts = done.facts
        for f in found { facts[f.name] = f.value }
        state.completed = SessionState.Completed(intent: done.intent, facts: facts)
        return runRule(intent: done.intent, facts: facts, confidence: 1, &state, turn)
    }

    /// Runs the rule of `intent` on the facts (defaults filled in) and words the result.
    func runRule(intent: String, facts given: [String: JSONValue], confidence: Double, _ state: inout SessionState, _ turn: Turn) -> AssistantReply {
        guard let definition = data.forms[intent], let rule = RuleID.named(definition.rule) else {
            return faqAnswer(intent: intent, text: turn.normalized, turn.channel, into: base(turn, intent: intent, confidence: confidence, reply: ""))
        }
        var facts = given
        var assumed: [String] = []
        if let type = definition.type { facts["type"] = .string(type) }
        for (name, value) in data.defaults.sorted(by: { $0.key < $1.key }) where facts[name] == nil && isFact(name, of: intent) {
            facts[name] = value
            if let text = data.assumptionText[name] { assumed.append(text) }
        }
        if definition.type == "rent" || definition.type == "leave", facts["outstanding_loan"] == nil {
            facts["outstanding_loan"] = .bool(false)
            assumed.append(data.assumptionText["outstanding_loan_withdraw"] ?? "没有未结清的公积金贷款")
        }
        if definition.type == "repay", facts["overdue"] == nil { facts["overdue"] = .bool(false); assumed.append(data.assumptionText["overdue"] ?? "没有逾期") }
        if intent == "loan_repayment", facts["method"] == nil { assumed.append(data.assumptionText["method"] ?? "按等额本息还款") }
        // Drop facts the rule does not take (e.g. children said during a repayment question).
        let accepted = facts.filter { $0.key == "type" || isFact($0.key, of: intent) }
        let object = JSONValue.object(JSONObject(accepted.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        var r = base(turn, intent: intent, confidence: confidence, reply: "")
        switch engine.check(rule: rule.rawValue, facts: object, today: CalendarDate(turn.now)) {
        case .success(let result):
            let json = result.json
            r.result = json
            let wording = RuleWording(channel: turn.channel, balanceMultiplier: engine.profile.loan.balanceMultiplier,
                                      repaymentRatio: engine.profile.loan.repaymentRatio)
            var text = wording.words(intent: intent, facts: accepted, result: json)
            let positive = json["eligible"]?.boolValue != false
            if !assumed.isEmpty && turn.channel != .ivr && positive { text += "（按" + assumed.joined(separator: "、") + "计算）" }
            r.reply = text
        case .failure(let error):
            // Citizens never see the rules' developer text: ask again for the fact it names.
            if let name = error.fact, definition.ask.contains(name) {
                var kept = given
                kept[name] = nil
                state.form = SessionState.Form(intent: intent, facts: kept, expecting: name, lastFilled: nil)
                state.completed = nil
                r.reply = data.message("implausible_number", turn.channel, ["question": data.question(name, turn.channel)])
                r.expecting = name
                return r
            }
            r.reply = data.message("facts_invalid", turn.channel)
        }
        r.citations = faqAnswer(intent: intent, text: turn.normalized, turn.channel).citations
        if turn.channel == .staff { r.reply += "\n依据：" + r.citations.map { "\($0.doc) \($0.section)" }.joined(separator: "；") }
        return r
    }

    // MARK: - Answers from the corpus and the account

    func faqAnswer(intent: String, text: String, _ channel: Channel, into reply: AssistantReply? = nil) -> AssistantReply {
        var r = reply ?? AssistantReply(session: "", intent: intent, confidence: 1, reply: "")
        let entry = faq.search(text, limit: 1, intent: intent).first?.entry ?? faq.corpus.entries(for: intent).first
        guard let entry else { return r }
        r.citations = entry.cites.compactMap { faq.corpus.passage($0) }.map { Citation(doc: $0.doc, section: $0.section, title: $0.title) }
        switch channel {
        case .chat: r.reply = entry.answer
        case .ivr: r.reply = entry.spoken
        case .staff: r.reply = "【\(entry.question)】\n\(entry.answer)\n依据：" + r.citations.map { "\($0.doc) \($0.section)（\($0.title)）" }.joined(separator: "；")
        }
        return r
    }

    func memberAnswer(intent: String, member: Member, _ turn: Turn) -> AssistantReply {
        let ch = turn.channel
        let statusName = ["normal": "正常", "sealed": "封存", "closed": "销户"][member.status] ?? member.status
        var text: String
        switch intent {
        case "balance_query":
            text = "您的公积金账户余额为\(Figures.exactMoney(member.balance, ch))，账户状态：\(statusName)"
            if let last = member.lastDeposit { text += "，最近一次缴存为\(Figures.month(last, ch))" }
            text += "，月缴存额\(Figures.exactMoney(member.monthlyDeposit, ch))。"
        case "deposit_record":
            text = "您已连续缴存\(Figures.count(member.continuousMonths, ch, unit: "个月"))，月缴存额\(Figures.exactMoney(member.monthlyDeposit, ch))（单位和个人合计），缴存基数\(Figures.exactMoney(member.depositBase, ch))"
            if let last = member.lastDeposit { text += "，最近一次缴存为\(Figures.month(last, ch))" }
            if member.status == "sealed", let since = member.sealedSince { text += "，账户自\(Figures.month(since, ch))起封存" }
            text += "。"
        default:
            if member.loanOutstanding > 0 {
                text = "您的公积金贷款剩余本金\(Figures.exactMoney(member.loanOutstanding, ch))，每月还款\(Figures.exactMoney(member.loanMonthlyPayment, ch))"
                text += member.overdue ? "，目前有逾期，请尽快还款。" : "，目前没有逾期。"
            } else {
                text = "您目前没有未结清的公积金贷款。"
            }
        }
        var r = faqAnswer(intent: intent, text: turn.normalized, ch, into: base(turn, intent: intent, confidence: 1, reply: ""))
        r.reply = text
        return r
    }

    func verify(_ state: inout SessionState, _ turn: Turn, id: String, pin: String, intent: String) -> AssistantReply {
        guard let members else {
            state.verification = .none
            return base(turn, intent: intent, confidence: 1, reply: data.message("store_unavailable", turn.channel))
        }
        let outcome: VerificationOutcome
        do { outcome = try members.verify(idNumber: id, pin: pin, now: turn.now) } catch {
            state.verification = .none
            return base(turn, intent: intent, confidence: 1, reply: data.message("store_unavailable", turn.channel))
        }
        switch outcome {
        case .verified(let member):
            state.verification = .none
            state.member = member
            var r = memberAnswer(intent: intent, member: member, turn)
            r.reply = data.message("verified", turn.channel) + (turn.channel == .ivr ? "，" : "") + r.reply
            return r
        case .wrongPIN(let remaining):
            var r = base(turn, intent: intent, confidence: 1, reply: data.message("wrong_pin", turn.channel,
                                                                                  ["remaining": turn.channel == .ivr ? SpokenNumber.count(Int64(remaining)) : String(remaining)]))
            r.expecting = "pin"
            return r
        case .locked:
            state.verification = .none
            var r = base(turn, intent: intent, confidence: 1, reply: data.message("locked", turn.channel))
            r.errorCode = "locked"
            return r
        case .unknownMember:
            state.verification = .askingID(for: intent)
            var r = base(turn, intent: intent, confidence: 1, reply: data.message("unknown_member", turn.channel))
            r.expecting = "id_number"
            return r
        }
    }

    /// Facts a verified member's account supplies to the rules.
    func memberFacts(_ m: Member, now: Date) -> [String: JSONValue] {
        var f: [String: JSONValue] = [
            "account_status": .string(m.status), "balance": .double(m.balance), "continuous_months": .int(m.continuousMonths),
            "homes_owned": .int(m.homesOwned), "children": .int(m.children), "married": .bool(m.married),
            "loans_used": .int(m.loansUsed), "outstanding_loan": .bool(m.loanOutstanding > 0), "overdue": .bool(m.overdue),
            "birth": .string(m.birth), "gender": .string(m.gender), "monthly_income": .double(m.depositBase),
        ]
        if let since = m.sealedSince, let start = YearMonth(since) {
            f["sealed_months"] = .int(max(0, start.months(until: CalendarDate(now).yearMonth)))
        }
        if m.loanOutstanding > 0 { f["loan_type"] = .string("provident") }
        return f
    }

    // MARK: - Small readers

    /// Which of the options the user picked: "1", "第2个", or the option's name.
    func choice(_ t: String, options: [String]) -> String? {
        let digits = t.filter { $0.isASCII && $0.isNumber }
        if let n = Int(digits), t.count <= 6, (1...options.count).contains(n) { return options[n - 1] }
        for option in options {
            let name = classifier.catalog.name(of: option)
            if t.has(name) || name.has(t) && t.count >= 2 { return option }
        }
        return nil
    }

    /// An 18-character ID-like token (17 digits + digit or x).
    static func idNumber(in t: String) -> String? {
        let chars = Array(t)
        var i = 0
        while i < chars.count {
            if chars[i].isASCII && chars[i].isNumber {
                var j = i
                while j < chars.count, (chars[j].isASCII && chars[j].isNumber) || ((chars[j] == "x" || chars[j] == "X") && j - i == 17) { j += 1 }
                if j - i == 18 { return String(chars[i..<j]).uppercased() }
                i = j
            } else { i += 1 }
        }
        return nil
    }

    /// A 6-digit PIN standing alone.
    static func pin(in t: String) -> String? {
        let digits = t.split(whereSeparator: { !($0.isASCII && $0.isNumber) })
        return digits.first { $0.count == 6 }.map(String.init)
    }

    func summary(_ state: SessionState) -> String {
        "转人工摘要：" + (state.notes.isEmpty ? "用户直接要求人工服务" : state.notes.joined(separator: " → ")) + (state.member != nil ? "（已验证身份）" : "（未验证身份）")
    }
}
