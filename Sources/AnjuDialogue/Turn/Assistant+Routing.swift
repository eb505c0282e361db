import AnjuJSON
import AnjuIntents
import AnjuRules
import Foundation

extension Assistant {
    /// Decides what the turn is — a step of a verification, a choice among options, a fact
    /// for the form, a follow-up on the last answer, or a new question — and answers it.
    func respond(_ state: inout SessionState, _ turn: inout Turn) async -> AssistantReply {
        let before = state.verification
        let reply = await decide(&state, &turn)
        return await lockNotice(&state, turn, before: before) ?? reply
    }

    func decide(_ state: inout SessionState, _ turn: inout Turn) async -> AssistantReply {
        let u = turn.understanding

        // 0. Silence (an empty line, a caller who said nothing): ask again, never a hand-off.
        if u.isEmpty { return repeatQuestion(state, turn) }
        // The last answer asked for again (刚才那个数没听清 麻烦再说一遍).
        if u.asksRepeat, state.verification == .none, let last = state.lastReply {
            var r = base(turn, intent: state.lastIntent ?? IntentCatalog.unclear, confidence: 1, reply: data.message("repeat_last", turn.channel, ["reply": last]))
            r.expecting = state.form?.expecting
            return r
        }

        // 1. Verification in progress, or an ID number / PIN offered in the middle of a form.
        if let r = await verificationStep(&state, &turn) { return r }

        // 2. A choice among the options offered.
        if !state.unclearOptions.isEmpty {
            let options = state.unclearOptions
            state.unclearOptions = []
            if let chosen = choice(u.normalized, options: options) ?? optionByFacts(u.extraction.facts, options: options) {
                let original = state.unclearText
                return start(intent: chosen, confidence: 1, text: original.isEmpty ? u.normalized : original, &state, turn)
            }
        }

        // 3. A form being filled.
        if state.form != nil {
            if u.cancelling { state.form = nil; return cancelled(turn) }
            if let r = continueForm(&state, turn) { return r }
        }

        // 4. A follow-up on the last rule answer ("那二套呢？", "如果余额只有3万呢").
        if let r = followUp(&state, turn) { return r }

        // 5. A new question.
        return answer(u.classification, &state, turn)
    }

    /// The question pending, asked again (after silence).
    func repeatQuestion(_ state: SessionState, _ turn: Turn) -> AssistantReply {
        switch state.verification {
        case .askingID(let intent): return message("ask_id_number", turn, intent: intent, expecting: "id_number")
        case .askingPIN(_, let intent): return message("ask_pin", turn, intent: intent, expecting: "pin")
        case .none: break
        }
        if let form = state.form, let expecting = form.expecting {
            var r = base(turn, intent: form.intent, confidence: 1, reply: data.question(expecting, turn.channel))
            r.expecting = expecting
            return r
        }
        return message("empty_input", turn, intent: IntentCatalog.unclear)
    }

    func cancelled(_ turn: Turn) -> AssistantReply {
        base(turn, intent: "goodbye_thanks", confidence: 1, reply: data.message("cancelled", turn.channel))
    }

    /// Below this confidence a look-up of one's own account does not start a verification.
    static let doubtedLookUp = 0.3

    /// Answers a classified query.
    func answer(_ c: Classification, _ state: inout SessionState, _ turn: Turn) -> AssistantReply {
        // "我要提取公积金", "公积金怎么提取": the cases are listed, the user picks one.
        if let overview = data.overview(tokens: c.analysis.tokens.map(\.text)),
           overview.options.allSatisfy({ classifier.catalog.intent($0) != nil }) {
            state.unclearOptions = overview.options
            state.unclearText = ""
            // The intent reported is the classified one when it is among the cases offered
            // (公积金怎么提取 is a withdrawal question), else `unclear`.
            let intent = overview.options.contains(c.intent) ? c.intent : IntentCatalog.unclear
            var r = base(turn, intent: intent, confidence: c.confidence, reply: data.message(overview.message, turn.channel))
            r.options = overview.options
            return r
        }
        // A story before the question ("我在这边工作三年了，公积金一直没断过"): facts stated, nothing
        // asked or requested, and no rule sure enough to open. The facts are kept for the rule
        // asked next; the reply says what was noted and asks what is wanted.
        if let r = statementNoted(c, &state, turn) { return r }
        switch c.intent {
        case IntentCatalog.outOfScope:
            // A clerk's field list the classifier doubts ("额度测算 连缴=33月 余额=4.4w 月入=8k
            // 本市房=0"): the rule among the best candidates that takes three of the facts said.
            if let intent = formTakingFacts(c, turn.understanding.extraction.facts) {
                return start(intent: intent, confidence: c.confidence, text: turn.normalized, &state, turn)
            }
            // Digits or an ID number with nothing around them: ask what is wanted.
            if turn.understanding.idNumber != nil || turn.understanding.pin != nil {
                return base(turn, intent: IntentCatalog.outOfScope, confidence: c.confidence, reply: data.message("bare_number", turn.channel))
            }
            state.misunderstood += 1
            state.form = nil
            let facts = turn.understanding.extraction.facts
            if !facts.isEmpty { state.pendingFacts = Dictionary(facts.map { ($0.name, $0.value) }) { _, last in last } }
            if state.misunderstood >= 2 {
                var r = base(turn, intent: IntentCatalog.outOfScope, confidence: c.confidence, reply: data.message("handoff_after_misunderstanding", turn.channel))
                r.handoff = true
                r.handoffSummary = summary(state)
                state.misunderstood = 0
                return r
            }
            return base(turn, intent: IntentCatalog.outOfScope, confidence: c.confidence, reply: data.message("out_of_scope", turn.channel))
        case IntentCatalog.unclear:
            // The facts said decide between the options when one rule takes two or more of
            // them and more than any other option ("房价52万 首付三成 剩下商贷 能提多少": the
            // purchase withdrawal takes price, loan and months, the combined loan none).
            if let chosen = optionByFacts(c.options, turn.understanding.extraction.facts) ?? ruleFilled(by: turn.understanding.extraction.facts) {
                return start(intent: chosen, confidence: c.confidence, text: turn.normalized, &state, turn)
            }
            state.unclearOptions = c.options
            state.unclearText = turn.normalized
            let list = c.options.enumerated().map { "\($0.offset + 1). \(classifier.catalog.name(of: $0.element))" }
            let joined = turn.channel == .ivr ? c.options.map { classifier.catalog.name(of: $0) }.joined(separator: "还是") : list.joined(separator: " ")
            var r = base(turn, intent: IntentCatalog.unclear, confidence: c.confidence, reply: data.message("unclear", turn.channel, ["options": joined]))
            r.options = c.options
            return r
        default:
            // (a story that asks nothing and answers every question of one rule is that rule's
            // case, whatever policy topic its words lean to)
            let storyRule = data.forms[c.intent] == nil && !turn.understanding.asksQuestion ? ruleFilled(by: turn.understanding.extraction.facts) : nil
            let intent = businessNamed(turn.normalized)
                ?? formByFacts(c, turn.understanding.extraction.facts, asksAmount: turn.understanding.asksAmount, text: turn.normalized,
                                     asksQuestion: turn.understanding.asksQuestion)
                ?? paymentRule(c, turn.understanding) ?? ruleOfKind(c, turn.understanding, told: state.pendingFacts) ?? storyRule ?? c.intent
            // A look-up of one's own account decided this doubtfully (我交了99999999999999999999个月:
            // a number and a word or two) asks for no ID number: the user is asked what is wanted.
            if intent == c.intent, c.confidence < Self.doubtedLookUp, classifier.catalog.intent(intent)?.needsAuth == true {
                return base(turn, intent: IntentCatalog.unclear, confidence: c.confidence, reply: data.message("bare_number", turn.channel))
            }
            var r = start(intent: intent, confidence: c.confidence, text: turn.normalized, &state, turn)
            // A message asking two things: the first is answered, the others offered (the
            // classified intent among them when the facts sent the answer to another rule).
            var also: [String] = []
            for other in (intent == c.intent ? [] : [c.intent]) + c.also where other != intent && !also.contains(other) { also.append(other) }
            if !also.isEmpty, !c.also.isEmpty {
                r.also = also
                let names = also.map { classifier.catalog.name(of: $0) }
                r.reply += (turn.channel == .ivr ? "。" : "\n") + data.message("also_asked", turn.channel, ["topics": names.joined(separator: "、")])
            }
            return r
        }
    }

    /// Words of a request or a question without a question mark (想提, 帮我算, 能贷): a turn with
    /// one is no bare statement.
    static let requestWords = ["想", "要", "办", "申请", "咨询", "问", "查", "算", "提", "取", "贷", "测", "额度", "月供", "帮", "怎么", "能", "可以", "如何", "请", "咋", "啥", "几多", "点样"]
    /// Loans named as things and deeds already done, whose 贷/办 asks nothing: 商业房贷每个月扣三千六,
    /// 找银行办的按揭. They are taken out before the request words are looked for.
    static let toldNotRequested = ["房贷", "车贷", "商贷", "办的", "办过", "办了", "贷款买了", "贷款买的", "贷款买房了", "贷了款", "的月供", "块月供", "元月供"]

    /// Whether `text` requests something (想提, 帮我算, 能贷) once loans named as things and deeds
    /// done are set aside.
    static func requests(_ text: String) -> Bool {
        var rest = text
        for told in toldNotRequested { rest = rest.replacingOccurrences(of: told, with: "，") }
        return requestWords.contains { rest.has($0) }
    }

    /// The reply to a statement of facts that asks nothing, when no rule is sure enough to
    /// open: what was noted, and what the user wants. Nil when the turn is not such a statement.
    func statementNoted(_ c: Classification, _ state: inout SessionState, _ turn: Turn) -> AssistantReply? {
        let u = turn.understanding
        let facts = u.extraction.facts
        // (a story is told in the first person, or goes on from one: a search string such as
        // 二套 首付 最低比例 asks without a question word and is no statement)
        // (or, after an answer, a sentence that ends as a statement does: 公积金连着交了37个月了
        // 以前贷过1回还没还完着哩 — a caller telling their case without a 我)
        let told = !state.notes.isEmpty && Self.statementEndings.contains { u.normalized.hasSuffix($0) }
        let story = Understanding.firstPerson.contains { u.normalized.has($0) } || state.pendingFacts != nil || told
        guard !facts.isEmpty, story, !u.asksQuestion, u.idNumber == nil, u.pin == nil, u.extraction.implausible.isEmpty,
              !Self.requests(u.normalized) else { return nil }
        // A rule the classifier doubts or whose topic is not named; a doubted turn whose best
        // candidate is a rule; or one's own figure told (公积金里大概还有四万), which asks no one
        // to look it up.
        let doubtedRule = data.forms[c.intent] != nil && (c.confidence < Self.statementConfidence || !namesTopic(of: c.intent, u.normalized))
        let doubted = c.intent == IntentCatalog.outOfScope && c.candidates.first.map { data.forms[$0.intent] != nil } == true
        let ownFigure = classifier.catalog.intent(c.intent)?.needsAuth == true
        // (or a rule none of whose facts was told: a story of a mortgage paid monthly names 月供
        // but gives neither a loan to work out nor its term)
        let noneOfItsFacts = data.forms[c.intent] != nil && !facts.contains { isFact($0.name, of: c.intent) }
        // (or, told after an answer, a policy topic the classifier doubts: 连着交了37个月了 is no
        // question about overdue loans)
        let doubtedTopic = told && data.forms[c.intent] == nil && c.confidence < Self.statementConfidence
        guard doubtedRule || doubted || ownFigure || noneOfItsFacts || doubtedTopic else { return nil }
        var pending = state.pendingFacts ?? [:]
        for f in facts { pending[f.name] = f.value }
        state.pendingFacts = pending
        let noted = facts.compactMap { echo($0.name, $0.value, turn.channel) }
        guard !noted.isEmpty else { return nil }
        state.misunderstood = 0
        return base(turn, intent: IntentCatalog.unclear, confidence: c.confidence,
                    reply: data.message("statement_noted", turn.channel, ["facts": noted.joined(separator: "、")]))
    }

    /// Sentence endings of a statement (交了37个月了, 还没还完着哩): a search string never ends so.
    static let statementEndings = ["了", "哩", "啦", "咯", "嘞", "的"]

    /// Below this confidence a rule classified from a bare statement is not opened.
    static let statementConfidence = 0.85
    /// A keyword at least this heavy names an intent's topic (离职 5, 租房 5; not 提取条件 3).
    static let topicKeywordWeight = 4.0

    /// Whether `text` names the topic of `intent` by one of its heavy keywords ("我离职半年了"
    /// names leaving; "我在这边上班四年了，公积金没断过" names nothing).
    func namesTopic(of intent: String, _ text: String) -> Bool {
        guard let keywords = classifier.catalog.intent(intent)?.keywords else { return false }
        return keywords.contains { $0.value >= Self.topicKeywordWeight && text.has($0.key) }
    }

    /// Between close rule intents, the facts said decide: "可贷额度 缴存满3年 余额10万 月收入1万
    /// 其他贷款月供3000 无房" names 月供 but gives five facts of the quota and none of the
    /// repayment. Another candidate rule wins when it takes at least three of the facts said
    /// and two more than the rule classified first. Nil: keep the classification.
    func formByFacts(_ c: Classification, _ facts: [FactExtractor.Found], asksAmount: Bool = false, text: String = "", asksQuestion: Bool = true) -> String? {
        // A policy question (no form) whose facts already fill every question of a rule
        // among the candidates is asked of that rule: "公积金贷款100万30年利息多少" wants the
        // interest on that loan, not the rate table. So is one that asks an amount and gives
        // a fact of the rule ("我去年三月就从单位离职了，账户一直封存着，能提多少").
        if data.forms[c.intent] == nil {
            let said = Set(facts.map(\.name))
            // (a count or a kind — 老婆 makes married — is no case of one's own for another rule)
            let own = said.subtracting(Understanding.countFacts)
            if let asked = c.candidates.prefix(3).first(where: { candidate in
                guard asksAmount, let form = data.forms[candidate.intent], !form.ask.isEmpty else { return false }
                return form.ask.contains(where: own.contains)
            }) { return asked.intent }
            // Of the rules whose every question the facts answer, the one taking the most of
            // them (a clerk's 连缴/余额/月收入/本市住房 answers eligibility too, but the quota takes
            // all four); the earlier candidate when as many.
            let filled = c.candidates.prefix(4).filter { candidate in
                guard let form = data.forms[candidate.intent], !form.ask.isEmpty else { return false }
                return Self.answersEveryQuestion(of: form, said)
            }
            let taken = { (intent: String) in facts.filter { self.isFact($0.name, of: intent) }.count }
            if let best = filled.enumerated().max(by: { a, b in
                let (ta, tb) = (taken(a.element.intent), taken(b.element.intent))
                return ta != tb ? ta < tb : a.offset > b.offset
            })?.element.intent { return best }
            // (or a clerk's record that answers every question of a rule it names by a heavy
            // keyword, whatever else it tells — 请核额度 … 连续缴存26个月 余额3.1w 税前9k 本市没房
            // 对了 有一笔消费贷逾期了 reads like an overdue question, but asks for the quota)
            let named = data.forms.keys.sorted().filter { intent in
                guard let form = data.forms[intent], !form.ask.isEmpty, namesTopic(of: intent, text) else { return false }
                return Self.answersEveryQuestion(of: form, said) && taken(intent) >= 3
            }
            return named.max { taken($0) < taken($1) }
        }
        guard facts.count >= 3 else { return nil }
        let own = facts.filter { isFact($0.name, of: c.intent) }.count
        var best: (intent: String, count: Int)? = nil
        // (a question whose words keep to the kind classified — 能不能申请公积金贷款 — is not sent
        // to a withdrawal by the facts of its story, nor the other way round)
        let keepsKind = Self.keepsKind(of: c.intent, text)
        for candidate in c.candidates.prefix(4) where candidate.intent != c.intent && candidate.score >= 0.05 && data.forms[candidate.intent] != nil {
            if keepsKind, !Self.keepsKind(of: candidate.intent, text) { continue }
            let count = facts.filter { isFact($0.name, of: candidate.intent) }.count
            // Two more facts of the other rule, or all of this rule's and more ("1968年3月出生
            // 男的 想贷公积金贷20年": retirement takes birth and gender, the loan those and the term).
            let superset = count > own && facts.allSatisfy { !isFact($0.name, of: c.intent) || isFact($0.name, of: candidate.intent) }
            if count >= 3, count >= own + 2 || superset, count > (best?.count ?? 0) { best = (candidate.intent, count) }
        }
        if let best { return best.intent }
        // A clerk's record that answers every question of another candidate's rule and not
        // the classified one's (截图文字识别：网签时间… 成交价… 贷款金额… 公积金余额…, which reads
        // like a quota line but is a purchase withdrawal's four facts): that rule.
        let said = Set(facts.map(\.name))
        if let classified = data.forms[c.intent], !Self.answersEveryQuestion(of: classified, said) {
            for candidate in c.candidates.prefix(4) where candidate.intent != c.intent && data.forms[candidate.intent] != nil {
                // (a record that asks nothing keeps to no kind: its 贷款金额 is a field's name)
                if keepsKind, asksQuestion, !Self.keepsKind(of: candidate.intent, text) { continue }
                guard let form = data.forms[candidate.intent], Self.answersEveryQuestion(of: form, said) else { continue }
                let count = facts.filter { isFact($0.name, of: candidate.intent) }.count
                if count >= 3 { return candidate.intent }
            }
        }
        // Three or more facts that the rule classified leaves one of out ("1968年3月出生 男的 想贷
        // 公积金贷20年行不行" reads like retirement, whose rule takes no loan term): the rule, among
        // all forms, that takes the most facts said (three at least, more than the one
        // classified) — the one asking least when several do.
        guard facts.contains(where: { !isFact($0.name, of: c.intent) }) else { return nil }
        guard let most = ruleTakingMost(facts, among: data.forms.keys.filter { !keepsKind || Self.keepsKind(of: $0, text) }),
              most.count >= 3, most.count > own else { return nil }
        return most.intent
    }

    /// The rule of the kind the turn's words keep to (提 and no 贷: a withdrawal), when the
    /// classifier put a rule of the other kind first ("请问像我这样能提取多少公积金" reads like a
    /// quota question by its 像我这样) and the facts told before decide which: the candidate
    /// taking the most of them, two at least. Nil otherwise.
    func ruleOfKind(_ c: Classification, _ u: Understanding, told: [String: JSONValue]?) -> String? {
        let t = u.normalized
        guard let told else { return nil }
        // (or an amount asked after a story, which the classifier took for a look-up of one's
        // account — 一年顶多能从公积金账户里支多少去还这笔贷款 — and which asks no balance)
        let lookUp = data.forms[c.intent] == nil && classifier.catalog.intent(c.intent)?.needsAuth == true
            && u.asksAmount && !t.hasAny(["余额", "还有多少", "还剩多少", "查"])
        guard lookUp || (data.forms[c.intent] != nil && !Self.keepsKind(of: c.intent, t)) else { return nil }
        // (words of both kinds — 一年最多能取多少还房贷 — leave it to the facts told: the rule
        // taking more of them than the one classified)
        let kinds = Self.kindWords(t)
        let mixed = kinds.withdraws == kinds.borrows
        let own = data.forms[c.intent] != nil ? told.keys.filter { isFact($0, of: c.intent) }.count : 0
        // (the candidates, and — when the words keep to one kind — every rule of that kind: 我最多
        // 能提走多少 after a purchase told reads like a quota question, the purchase not among
        // the first five)
        var intents = c.candidates.prefix(5).map(\.intent)
        if !lookUp, !mixed { intents += data.forms.keys.sorted().filter { !intents.contains($0) && Self.keepsKind(of: $0, t) } }
        let fitting = intents.filter { $0 != c.intent && data.forms[$0] != nil && (lookUp || mixed || Self.keepsKind(of: $0, t)) }
            .map { intent in (intent: intent, count: told.keys.filter { isFact($0, of: intent) }.count) }
        guard let best = fitting.max(by: { $0.count < $1.count }), best.count >= 2, lookUp || best.count > own else { return nil }
        return best.intent
    }

    /// The repayment rule, when the turn asks the monthly payment ("房子总价六十八万，首付三成，
    /// 其余全用公积金贷…月供多少") and the classifier, torn between the quota and the repayment,
    /// put another rule first; nil otherwise.
    func paymentRule(_ c: Classification, _ u: Understanding) -> String? {
        guard u.asksPayment, data.forms[c.intent]?.rule != RuleID.loanRepayment.rawValue else { return nil }
        return c.candidates.prefix(2).first { data.forms[$0.intent]?.rule == RuleID.loanRepayment.rawValue }?.intent
    }

    /// The rule among `intents` that takes the most of `facts` (the one asking least on a tie),
    /// with how many it takes; nil when there is none.
    func ruleTakingMost(_ facts: [FactExtractor.Found], among intents: some Sequence<String>) -> (intent: String, count: Int)? {
        let taken = intents.sorted().map { intent in (intent: intent, count: facts.filter { isFact($0.name, of: intent) }.count) }
        guard let most = taken.map(\.count).max() else { return nil }
        return taken.filter { $0.count == most }
            .min { (data.forms[$0.intent]?.ask.count ?? 0) < (data.forms[$1.intent]?.ask.count ?? 0) }
    }

    /// The rule, among the two best candidates of a rejected turn, that takes at least three of
    /// the facts said (the most, the one asking least when both take as many), or among all
    /// rules one that takes four; nil
    /// otherwise. A question out of scope seldom gives three facts of one fund rule.
    func formTakingFacts(_ c: Classification, _ facts: [FactExtractor.Found]) -> String? {
        guard facts.count >= 3 else { return nil }
        let best = ruleTakingMost(facts, among: c.candidates.prefix(2).map(\.intent).filter { data.forms[$0] != nil })
        if let best, best.count >= 3 { return best.intent }
        // Four facts or more of one rule ("额度/主贷：缴存26月，余额3.2万，月入7500/配偶共借…"),
        // whatever the candidates: the rule taking the most, the one asking least on a tie.
        guard let most = ruleTakingMost(facts, among: data.forms.keys), most.count >= 4 else { return nil }
        return most.intent
    }

    /// The one rule every question of which the facts said answer ("剩下的四十二万想全靠公积金
    /// 贷，贷二十五年": the repayment's loan and term), whatever the options; nil when none or
    /// several are.
    func ruleFilled(by facts: [FactExtractor.Found]) -> String? {
        let said = Set(facts.map(\.name))
        let filled = data.forms.keys.sorted().filter { intent in
            guard let form = data.forms[intent], !form.ask.isEmpty else { return false }
            return Self.answersEveryQuestion(of: form, said)
        }
        return filled.count == 1 ? filled[0] : nil
    }

    /// Whether the facts `said` answer every question `form` asks (a term in months answers the
    /// term in years).
    static func answersEveryQuestion(of form: FormDefinition, _ said: Set<String>) -> Bool {
        form.ask.allSatisfy { said.contains($0) || ($0 == "term_years" && said.contains("term_months")) }
    }

    /// The option whose rule takes at least two of the facts said and more than any other
    /// option; nil when the facts do not decide.
    func optionByFacts(_ options: [String], _ facts: [FactExtractor.Found]) -> String? {
        let counts = options.map { option in (option, facts.filter { isFact($0.name, of: option) }.count) }.sorted { $0.1 > $1.1 }
        guard let best = counts.first, best.1 >= 2, counts.dropFirst().allSatisfy({ $0.1 < best.1 }) else { return nil }
        return best.0
    }

    /// Which of the options the user picked: "1", "第2个", or the option's name.
    func choice(_ t: String, options: [String]) -> String? {
        let digits = t.filter { $0.isASCII && $0.isNumber }
        if digits.count <= 2, let n = Int(digits), t.count <= 6, (1...options.count).contains(n) { return options[n - 1] }
        for option in options {
            let name = classifier.catalog.name(of: option)
            if t.has(name) || name.has(t) && t.count >= 2 { return option }
        }
        return nil
    }

    /// A form's field that names the business (业务类型 租房提取, 办理事项：购房提取, 申请事项 离职销户提取):
    /// the clerk says which rule is asked, whatever the facts after it lean to.
    static let businessLabels = ["业务类型", "办理事项", "申请事项", "提取类型", "提取原因", "提取用途", "用途", "业务"]

    /// The rule a business field names by one of its heaviest keywords (5), right after the label.
    func businessNamed(_ t: String) -> String? {
        var rules: [String]?
        for label in Self.businessLabels {
            for r in t.occurrences(of: label) {
                let rest = t[r.upperBound...].drop(while: { $0 == " " || $0 == "：" || $0 == ":" || $0 == "为" || $0 == "是" })
                if rules == nil { rules = data.forms.keys.sorted() }
                for intent in rules! {
                    guard let keywords = classifier.catalog.intent(intent)?.keywords else { continue }
                    if keywords.contains(where: { $0.value >= 5 && $0.key.count >= 4 && rest.hasPrefix($0.key) }) { return intent }
                }
            }
        }
        return nil
    }

    /// The option whose rule alone takes a fact of one's own case said in reply (封存9个月了
    /// after 离职销户提取 or 退休提取: the months sealed are the leaving rule's); nil when no
    /// fact tells the options apart.
    func optionByFacts(_ facts: [FactExtractor.Found], options: [String]) -> String? {
        let telling = facts.map(\.name).filter { name in
            !Understanding.countFacts.contains(name) && options.filter { isFact(name, of: $0) }.count == 1
        }
        let chosen = Set(telling.compactMap { name in options.first { isFact(name, of: $0) } })
        return chosen.count == 1 ? chosen.first : nil
    }

    /// For the agent taking over: the last turns (numbers already masked), verified or not.
    func summary(_ state: SessionState) -> String {
        "转人工摘要：" + (state.notes.isEmpty ? "用户直接要求人工服务" : state.notes.joined(separator: " → ")) + (state.member != nil ? "（已验证身份）" : "（未验证身份）")
    }
}
