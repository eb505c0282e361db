import AnjuIntents
import AnjuJSON
import AnjuRules
import AnjuStore
import Foundation

extension Assistant {
    /// Starts answering `intent`: hand-off, verification, a rule form, or an FAQ answer.
    func start(intent: String, confidence: Double, text: String, _ state: inout SessionState, _ turn: Turn) -> AssistantReply {
        state.misunderstood = 0
        if intent == "human_agent" {
            var r = base(turn, intent: intent, confidence: confidence, reply: data.message("handoff", turn.channel))
            r.handoff = true
            r.handoffSummary = summary(state)
            r.citations = faqAnswer(intent: intent, turn.channel).citations
            return r
        }
        if classifier.catalog.intent(intent)?.needsAuth == true { return startMemberQuestion(intent: intent, confidence: confidence, text: text, &state, turn) }
        guard data.forms[intent] != nil else {
            var r = faqAnswer(intent: intent, turn.channel, into: base(turn, intent: intent, confidence: confidence, reply: ""), question: text)
            // A contribution with its base said is worked out first (on the phone, alone).
            if let part = depositPart(turn.understanding, intent: intent, turn.channel) {
                r.reply = turn.channel == .ivr ? part : part + "\n" + r.reply
            }
            return r
        }
        var facts: [String: JSONValue] = [:]
        var said: Set<String> = []
        var basis: LoanBasis?
        // Context of the last rule answer carries over ("能贷多少" after "能不能贷").
        if let done = state.completed {
            facts = done.facts.filter { isFact($0.key, of: intent) }
            said = done.said.filter { facts[$0] != nil }
            basis = done.basis
            if let price = done.facts["price"]?.doubleValue, basis?.price == nil { basis = LoanBasis(price: price) }
        }
        // Facts said earlier that no rule has taken yet ("我现在住的房子是自己买的" before the
        // loan is asked): this rule takes those it uses; the others wait for the next.
        var pending = state.pendingFacts ?? [:]
        var toldBefore = false
        for (name, value) in pending where isFact(name, of: intent) {
            facts[name] = value; said.insert(name); pending[name] = nil
            if !Understanding.countFacts.contains(name) { toldBefore = true }
        }
        if let member = state.member { facts.merge(memberFacts(member, now: turn.now).filter { isFact($0.key, of: intent) }) { $1 } }
        let extraction = turn.understanding.extraction
        for f in extraction.facts where !isFact(f.name, of: intent) { pending[f.name] = f.value }
        state.pendingFacts = pending.isEmpty ? nil : pending
        let own = withLoan(from: extraction.facts, basis: &basis, intent: intent).filter { isFact($0.name, of: intent) }
        for f in own { facts[f.name] = f.value; said.insert(f.name) }
        // One fact said with the question is the one a bare correction next corrects.
        state.form = SessionState.Form(intent: intent, facts: facts, expecting: nil, lastFilled: own.count == 1 ? own[0].name : nil, said: said,
                                       birthYear: extraction.facts.first { $0.name == "birth_year" }?.value.intValue, basis: basis)
        var r = advanceForm(&state, turn, confidence: confidence)
        // A number no one could mean ("交了99999999999999999999个月"): say so, ask for it.
        if let bad = extraction.implausible.first(where: { isFact($0, of: intent) }), var form = state.form {
            form.expecting = bad
            state.form = form
            r.reply = data.message("implausible_number", turn.channel, ["question": data.question(bad, turn.channel)])
            r.expecting = bad
            return r
        }
        // A policy question — general ("首套最多能贷多少", "男的多大退休"), or one with nothing of
        // the user's own case yet — gets the policy answer first, then the offer to work it
        // out for the user's own case.
        if r.expecting == nil, r.result != nil, turn.understanding.isGeneral {
            // A general question from a verified member: the policy first, then their own figure.
            let general = faqAnswer(intent: intent, turn.channel, question: text)
            if !general.reply.isEmpty {
                var lead = data.message(state.member != nil ? "for_your_account" : "as_you_said", turn.channel)
                // (a figure that already says whose case it is — 按您提供的情况 — takes no second lead)
                if r.reply.hasPrefix(String(lead.prefix(2))) { lead = "" }
                r.reply = general.reply + (turn.channel == .ivr ? (general.reply.hasSuffix("。") ? "" : "。") : "\n") + lead + r.reply
            }
        }
        // (Facts the rule does not take — 1年 in "还贷提取一年能提几次" — make no case of one's own.)
        // A yes/no question of one's own ("我离职半年了能全部取出来吗") is answered by the policy
        // too, not only by the next question for the figure.
        // (Counts and kinds — 单身, 两个孩子 — are no figure of one's own: 我还单着 一年最多能提多少
        // still wants the cap. On the phone the policy is said only when an amount is asked.)
        // (figures told in the turns before the question count as this turn's own)
        let ownFacts = toldBefore || extraction.facts.contains { isFact($0.name, of: intent) && !Understanding.countFacts.contains($0.name) }
        let u = turn.understanding
        if let expecting = r.expecting, u.isGeneral || ((!ownFacts || u.asksYesNo) && (turn.channel != .ivr || u.asksAmount)) {
            let general = faqAnswer(intent: intent, turn.channel, question: text)
            if !general.reply.isEmpty {
                // The retirement date, when it is already known, stays with the policy answer.
                let when = state.form.flatMap { form in data.forms[form.intent].flatMap { retirementDate(form, $0, turn) } }
                let sep = turn.channel == .ivr ? (general.reply.hasSuffix("。") ? "" : "。") : "\n"
                r.reply = general.reply + sep + (when.map { $0 + (turn.channel == .ivr ? "。" : "\n") } ?? "")
                    + data.message("offer_to_compute", turn.channel, ["question": question(for: expecting, state.form, turn.channel)])
                r.citations = general.citations
            }
        }
        // The one limit asked for ("按余额能贷多少", "二套 二孩上浮 贷款上限"), said first.
        if r.expecting != nil, let form = state.form, let part = limitPart(u, form: form, turn.channel) {
            r.reply = part + (turn.channel == .ivr ? "。" : "\n") + r.reply
        }
        return r
    }

    /// A question about the member's own account: answered at once when verified, else
    /// verification starts (only in a server-issued session, only with a member store).
    func startMemberQuestion(intent: String, confidence: Double, text: String = "", _ state: inout SessionState, _ turn: Turn) -> AssistantReply {
        guard turn.secure else {
            // A client-chosen session id is a bearer token anyone could send: no member data.
            var r = faqAnswer(intent: intent, turn.channel, into: base(turn, intent: intent, confidence: confidence, reply: ""), question: text)
            r.reply = data.message("insecure_session", turn.channel) + (turn.channel == .ivr ? "" : "\n" + r.reply)
            r.errorCode = "session_not_secure"
            return r
        }
        if let member = state.member { return memberAnswer(intent: intent, member: member, turn) }
        guard members != nil else {
            var r = faqAnswer(intent: intent, turn.channel, into: base(turn, intent: intent, confidence: confidence, reply: ""), question: text)
            r.reply = data.message("store_unavailable", turn.channel) + (turn.channel == .ivr ? "" : "\n" + r.reply)
            return r
        }
        // The shared session store is down: this turn is forgotten, so a verification begun
        // now could never finish (the ID number's turn would not know what it was for).
        if SessionMemory.unavailable {
            var r = faqAnswer(intent: intent, turn.channel, into: base(turn, intent: intent, confidence: confidence, reply: ""), question: text)
            r.reply = data.message("store_unavailable", turn.channel) + (turn.channel == .ivr ? "" : "\n" + r.reply)
            r.errorCode = "store_unavailable"
            return r
        }
        if let id = turn.understanding.idNumber { return receivedID(id, for: intent, &state, turn) }
        state.verification = .askingID(for: intent)
        var r = base(turn, intent: intent, confidence: confidence, reply: data.message("ask_id_number", turn.channel))
        r.expecting = "id_number"
        // A question about how the account works ("公积金余额有利息吗", "怎么查缴存明细") gets its
        // answer first, on the phone too; the verification that reads the member's own figures
        // follows.
        if turn.understanding.isHowQuestion {
            let general = faqAnswer(intent: intent, turn.channel, question: text)
            if !general.reply.isEmpty {
                r.reply = general.reply + (turn.channel == .ivr ? " " : "\n") + r.reply
                r.citations = general.citations
            }
        }
        return r
    }

    /// Fills the form from this turn's words. Returns nil when the turn is not about the form.
    func continueForm(_ state: inout SessionState, _ turn: Turn) -> AssistantReply? {
        guard var form = state.form else { return nil }
        let u = turn.understanding
        let t = u.normalized
        var found = Self.coBorrowersSums(u.extraction.facts, said: t, known: form.facts)
        if let corrected = correction(u, of: form.facts, lastFilled: form.lastFilled, turn) ?? bareMonthsRefined(t, form: form, found: found, turn) { found = corrected }
        // The birth in two turns: the year first (我是72年的), then the month alone (3月份).
        if let year = found.first(where: { $0.name == "birth_year" })?.value.intValue {
            form.birthYear = year
            // The year alone as the answer to the birth question: only the month is asked now.
            if form.expecting == "birth", !found.contains(where: { $0.name == "birth" }) {
                for f in found where isFact(f.name, of: form.intent) { form.facts[f.name] = f.value; form.said.insert(f.name) }
                state.form = form
                return advanceForm(&state, turn, confidence: 1)
            }
        }
        if form.expecting == "birth", !found.contains(where: { $0.name == "birth" }), let year = form.birthYear,
           let month = extractor.monthAlone(in: t), let said = YearMonth(year: year, month: month) {
            found.append(FactExtractor.Found(name: "birth", value: .string(said.description)))
        }
        // Sums for the amount said while only eligibility was asked ("能贷款吗" … "余额9万"): the
        // user is working out the amount, so the form becomes the quota, keeping what is known.
        if let wider = Self.widerForm[form.intent], found.contains(where: { !isFact($0.name, of: form.intent) && isFact($0.name, of: wider) && Self.moneyFacts.contains($0.name) }) {
            form.intent = wider
        }
        if let answers = bareAnswersInOrder(t, form: form, found: found, turn) { found = answers }
        found = withLoan(from: found, basis: &form.basis, intent: form.intent)
        let relevant = found.filter { isFact($0.name, of: form.intent) }
        // After a refusal given early, a turn that gives none of the facts still missing is
        // no answer to the form: it is a follow-up or a new question.
        if form.settled == true, relevant.isEmpty {
            state.form = nil
            return nil
        }
        if relevant.isEmpty, let bad = u.extraction.implausible.first(where: { isFact($0, of: form.intent) }) {
            form.expecting = bad
            state.form = form
            return message("implausible_number", turn, intent: form.intent, expecting: bad, ["question": data.question(bad, turn.channel)])
        }
        // A fact for the form, unless the turn clearly asks another question that merely
        // mentions a fact ("公积金贷款不通过原因有哪些" does not answer the months question).
        // A correction ("不对 余额是十万" while the income is asked) is always a fact.
        // A statement (no question in it: "余额是五万整", "上个月有一期逾期了") is a fact too.
        // The fact asked for, read from an amount question of another rule ("我一年能提多少
        // 公积金来交房租" while the leave form asks the months sealed: 一年 is no answer), is no
        // answer either.
        // (能贷几年 asks a term, not a sum: only 提多少/贷多少… count here)
        let otherAmount = Understanding.sumWords.contains { t.has($0) } && data.forms[u.classification.intent] != nil
        if !relevant.isEmpty, u.correcting || !u.asksQuestion
            || !(u.asksSomethingElse(than: form.intent, minimum: 0.8) && (otherAmount || relevant.allSatisfy { $0.name != form.expecting }) && t.count > 8) {
            let asked = form.expecting
            for f in relevant { form.facts[f.name] = f.value; form.said.insert(f.name); form.lastFilled = f.name }
            state.form = form
            var r = advanceForm(&state, turn, confidence: 1)
            // Facts given while another was asked (房租半年一交 while the balance is asked): the
            // reply says what was noted before it asks again, so the question is not a wall.
            if let asked, r.expecting == asked, !relevant.contains(where: { $0.name == asked }) {
                let noted = relevant.compactMap { echo($0.name, $0.value, turn.channel) }
                if !noted.isEmpty { r.reply = data.message("facts_noted", turn.channel, ["facts": noted.joined(separator: "、")]) + r.reply }
            }
            return r
        }
        // Not an answer to the form: a question in the middle, answered before resuming.
        let c = u.classification
        guard u.asksSomethingElse(than: nil, minimum: Self.interruptConfidence) else {
            let question = form.expecting.map { data.question($0, turn.channel) } ?? ""
            var r = base(turn, intent: form.intent, confidence: 0, reply: data.message("no_fact_understood", turn.channel, ["question": question]))
            r.expecting = form.expecting
            return r
        }
        // A question about this rule that gives nothing and asks no figure ("问一句，等额本金和
        // 等额本息哪个总利息少？" while the term is asked): answered, then the form resumes.
        let ruleAside = c.intent == form.intent && relevant.isEmpty && u.asksQuestion && !u.asksAmount && t.count > 6 && form.expecting != nil
        if c.intent == form.intent, !ruleAside { return advanceForm(&state, turn, confidence: c.confidence) }
        // A policy question of another rule that asks no figure ("最长年限是多少" while the
        // repayment form asks the term): answered, then the form resumes.
        // (not when facts of that rule were told before: "剩下的33万走公积金贷款，分18年还清" …
        // "照这么算，每个月的月供是多少" asks the user's own payment)
        let toldForIt = (state.pendingFacts ?? [:]).keys.contains { isFact($0, of: c.intent) && !Understanding.countFacts.contains($0) }
        // (nor when this turn tells one's own case for that rule: "去年五月从煤矿辞的工，之后再没
        // 交过" while the retirement form asks the birth is a leaver's case, not a policy question)
        let tellsItsCase = !u.asksQuestion && u.extraction.facts.contains { isFact($0.name, of: c.intent) && !isFact($0.name, of: form.intent) && !Understanding.countFacts.contains($0.name) }
        let policyAside = ruleAside || (data.forms[c.intent] != nil && u.isGeneral && !u.asksAmount && form.expecting != nil && !toldForIt && !tellsItsCase)
        if !policyAside, data.forms[c.intent] != nil || classifier.catalog.intent(c.intent)?.needsAuth == true || c.intent == "human_agent" {
            // Another rule (or a hand-off): the new question is answered and takes over,
            // keeping what is known.
            let known = form
            state.form = nil
            var r = start(intent: c.intent, confidence: c.confidence, text: t, &state, turn)
            if var next = state.form {
                for (k, v) in known.facts where next.facts[k] == nil && isFact(k, of: next.intent) {
                    next.facts[k] = v
                    if known.said.contains(k) { next.said.insert(k) }
                }
                state.form = next
                if r.expecting != nil, !turn.understanding.isGeneral || toldForIt { r = advanceForm(&state, turn, confidence: c.confidence) }
            }
            return r
        }
        var r = policyAside
            ? faqAnswer(intent: c.intent, turn.channel, into: base(turn, intent: c.intent, confidence: c.confidence, reply: ""), question: t)
            : start(intent: c.intent, confidence: c.confidence, text: t, &state, turn)
        // Facts of the form said with the question in the middle ("上个月有一期逾期了还没补上"
        // while the balance is asked) are kept: the figure must rest on them.
        for f in relevant { form.facts[f.name] = f.value; form.said.insert(f.name); form.lastFilled = f.name }
        if let expecting = form.expecting {
            let resume = data.message("resume", turn.channel, ["question": data.question(expecting, turn.channel)])
            r.reply += (turn.channel == .ivr ? "。" : "\n") + resume
            r.expecting = expecting
        }
        state.form = form
        return r
    }

    /// The question for `fact`: only the month when the birth year is known (请问您是1972年几月出生的？).
    func question(for fact: String, _ form: SessionState.Form?, _ channel: Channel) -> String {
        if fact == "birth", let year = form?.birthYear {
            return data.message("ask_birth_month", channel, ["year": Figures.year(year, channel)])
        }
        return data.question(fact, channel)
    }

    /// Several bare answers in one reply, in the order the form asks them ("十二年 二十万" to
    /// the months question: 144 months, then a balance of 200000): each part, split at the
    /// spaces the normaliser keeps between numbers, answers the next question. Nil unless
    /// every part answers one — and unless the turn named at most one fact by keyword.
    func bareAnswersInOrder(_ t: String, form: SessionState.Form, found: [FactExtractor.Found], _ turn: Turn) -> [FactExtractor.Found]? {
        guard var next = form.expecting, let definition = data.forms[form.intent],
              found.filter({ isFact($0.name, of: form.intent) }).count <= 1 else { return nil }
        // (a part said again at once is a confirmation, not the next answer: 余额39000 39000)
        var parts: [String] = []
        for part in t.split(separator: " ").map(String.init) where part != parts.last && !(part.count >= 4 && (parts.last ?? "").hasSuffix(part)) { parts.append(part) }
        guard parts.count >= 2, parts.count <= 4, parts.allSatisfy({ $0.contains(where: \.isASCIIDigit) }) else { return nil }
        // (nor a figure started without its unit and said again whole: 余额是3.1 3.1万 — one
        // answer, read from the whole turn)
        let values = parts.compactMap { part in part.firstIndex(where: \.isASCIIDigit).flatMap { FactText.number(in: part, at: $0)?.value } }
        for (i, a) in values.enumerated() where values[(i + 1)...].contains(where: { FactScan.isSaidAgainWhole(a, $0) }) { return nil }
        var facts = form.facts
        var answers: [FactExtractor.Found] = []
        for (i, part) in parts.enumerated() {
            let read = extractor.extractChecked(part, expecting: next, today: turn.now).facts.filter { isFact($0.name, of: form.intent) }
            guard read.count == 1, let answer = read.first, facts[answer.name] == nil || answer.name == next else { return nil }
            answers.append(answer)
            facts[answer.name] = answer.value
            if i + 1 < parts.count {
                guard let following = definition.ask.first(where: { facts[$0] == nil }) else { return nil }
                next = following
            }
        }
        return answers
    }

    /// Words putting the right value after them (应该是五万三, 改成, 更正为).
    static let correctedTo = ["应该是", "应是", "改成", "改为", "应为", "更正为", "其实是", "实际是", "实际上是"]

    /// The sum (1,000 or more) said right after a word of correction, if any.
    static func sumAfterCorrection(in t: String) -> Double? {
        guard let r = FactText.firstRange(of: correctedTo, in: t[...]) else { return nil }
        let at = FactText.skip([" ", "：", ":"], in: t, from: r.upperBound)
        guard let n = FactText.number(in: t, at: at), n.value >= 1_000 else { return nil }
        return n.value
    }

    /// The last number of a thousand or more in `t` (a sum, not a count).
    static func lastSum(in t: String) -> Double? { sums(in: t).last }

    /// Every number of a thousand or more in `t`, in order.
    static func sums(in t: String) -> [Double] {
        FactText.numbers(in: t, from: t.startIndex).map(\.value).filter { $0 >= 1_000 }
    }

    /// Two sums said in a correction, one of them a sum given before: the other is that
    /// fact's new value ("前面那个四千六是扣完五险一金到手的，没扣之前是五千四": the income
    /// given as 4600 is 5400). Nil unless exactly one given sum is named again.
    static func sumNamedAgain(in t: String, facts: [String: JSONValue]) -> FactExtractor.Found? {
        let said = sums(in: t)
        guard said.count == 2 else { return nil }
        let named = moneyFacts.sorted().filter { name in facts[name]?.doubleValue.map { said.contains($0) } == true }
        if named.count == 1, let name = named.first, let old = facts[name]?.doubleValue,
           let new = said.first(where: { $0 != old }), FactBounds.accepts(name, .double(new)) {
            return FactExtractor.Found(name: name, value: .double(new))
        }
        // A yearly sum worked out from a month's, that month's sum named again with the new
        // one (前面说的每月3100是去年的月供 … 现在每个月是2950): twelve of the new.
        guard named.isEmpty, monthWords.contains(where: { t.has($0) }) else { return nil }
        let byMonth = yearlyFacts.sorted().filter { name in facts[name]?.doubleValue.map { said.contains($0 / 12) } == true }
        guard byMonth.count == 1, let name = byMonth.first, let old = facts[name]?.doubleValue,
              let new = said.first(where: { $0 != old / 12 }), FactBounds.accepts(name, .double(new * 12)) else { return nil }
        return FactExtractor.Found(name: name, value: .double(new * 12))
    }

    /// Words naming a sum corrected away from its number (总价那里我打错了…应该是七十九万).
    static let correctionNames: [(fact: String, words: [String])] = [
        ("price", ["总价", "房价", "房款", "价格"]), ("balance", ["余额"]), ("monthly_income", ["收入", "工资", "月薪"]),
        ("principal", ["本金"]), ("loan_amount", ["贷了", "按揭"]), ("annual_rent", ["房租", "租金"]),
        ("children", ["子女", "孩子", "小孩"]),
        // (a month's payment, when the year's repayment was worked out from one: 月月要还一千九 …
        // 不对，每个月是两千一百块)
        ("annual_repayment", ["每个月", "每月", "月供", "月还", "1个月"]),
    ]
    /// The month facts a form asks, in the order a duration is taken for one.
    static let formMonthFacts = ["continuous_months", "sealed_months", "months_since_purchase"]
    /// Words saying a sum is a month's.
    static let monthWords = ["每个月", "每月", "月供", "月还", "1个月", "月租"]
    /// Facts held for a year that a correction may give by the month.
    static let yearlyFacts: Set<String> = ["annual_repayment", "annual_rent"]

    /// A correction that names no fact ("不对，是15个月", "不对是八万", "不对是一套") corrects a fact
    /// already given — a duration the months fact given, anything else the fact given last —
    /// and is not the answer to the question asked next. Nil when the turn is no such correction.
    func correction(_ u: Understanding, of facts: [String: JSONValue], lastFilled: String?, _ turn: Turn) -> [FactExtractor.Found]? {
        // (a statement naming a sum given before beside its new value corrects it with no
        // correction word: 前面那个四千六是到手的，没扣之前是五千四)
        let t = u.normalized
        let namedAgain = Self.sumNamedAgain(in: t, facts: facts)
        guard u.correcting || (!u.asksQuestion && namedAgain != nil) else { return nil }
        // Facts named by a keyword (not guessed from a bare number: a question pending is no
        // guess here) mean the correction says which fact it corrects.
        // (a count said in passing — 打错了一个数 — names no fact)
        guard extractor.extractChecked(t, expecting: "-", today: turn.now, said: u.text).facts.allSatisfy({ Understanding.countFacts.contains($0.name) }) else { return nil }
        let monthFacts = Self.formMonthFacts
        let termFacts = ["term_years", "term_months"]
        // "不是八万，是十万": the fact given as 八万 is the one corrected.
        let denied = FactScan.denials(t).denied
        let deniedFact = facts.keys.sorted().first { name in denied.contains { facts[name]?.doubleValue == $0 } }
        // A duration corrects a duration: months one of the month facts, years the fact of
        // years given last (the loan term just said: "30年" … "不对，是25年"), else the months.
        var durationTarget: String?
        if t.has("月") {
            durationTarget = lastFilled.flatMap { monthFacts.contains($0) ? $0 : nil } ?? monthFacts.first { facts[$0] != nil }
        } else if t.has("年") {
            durationTarget = lastFilled.flatMap { (monthFacts + termFacts).contains($0) ? $0 : nil }
                ?? monthFacts.first { facts[$0] != nil } ?? termFacts.first { facts[$0] != nil }
            if durationTarget == "term_months" { durationTarget = "term_years" }
        }
        // "总价那里我打错了一个数，应该是七十九万": the fact named, though not next to its number.
        let namedFact = Self.correctionNames.first { entry in facts[entry.fact] != nil && entry.words.contains { t.has($0) } }?.fact
        if deniedFact == nil, namedFact == nil, let namedAgain { return [namedAgain] }
        guard let target = deniedFact ?? namedFact ?? durationTarget ?? lastFilled else { return nil }
        // A yearly fact corrected by the month (每个月是2100): twelve of it.
        let byMonth = target == namedFact && Self.yearlyFacts.contains(target) && Self.monthWords.contains(where: { t.has($0) })
        var found = extractor.extractChecked(t, expecting: target, today: turn.now, said: u.text).facts.filter { $0.name == target }
        // The old value said again beside the new one (前面那个总价我说错了 一百二十万是中介开始报的价
        // 后来谈下来是一百零五万): the other sum, the last said, is the value meant.
        if let old = facts[target]?.doubleValue, !found.isEmpty, found.allSatisfy({ $0.value.doubleValue == old }),
           let other = Self.sums(in: t).last(where: { $0 != old }), FactBounds.accepts(target, .double(other)) {
            found = [FactExtractor.Found(name: target, value: .double(other))]
        }
        if !found.isEmpty {
            return byMonth ? found.compactMap { f in f.value.doubleValue.map { FactExtractor.Found(name: f.name, value: .double($0 * 12)) } } : found
        }
        // A sum named away from its number: the last sum said (总价那里我打错了一个数，应该是七十九万).
        // (the sum right after 应该是/改成 when there is one: 应该是五万三，三点八万是前两年截图上的数;
        // 月供讲错了 2400是老早的 现在每个月2100: the month's 2100, twelve of it for the year)
        if target == namedFact, let last = Self.sumAfterCorrection(in: t) ?? Self.lastSum(in: t) {
            let value = byMonth ? last * 12 : last
            if FactBounds.accepts(target, .double(value)) { return [FactExtractor.Found(name: target, value: .double(value))] }
        }
        // A sum that cannot be the fact given last ("金额说错了，应该是五十六万" after the term):
        // the sum given whose value is nearest to it.
        let sums = Self.moneyFacts.filter { $0 != target && facts[$0]?.doubleValue ?? 0 > 0 }.compactMap { name -> (FactExtractor.Found, Double)? in
            guard let old = facts[name]?.doubleValue,
                  let f = extractor.extractChecked(t, expecting: name, today: turn.now, said: u.text).facts.first(where: { $0.name == name }),
                  let new = f.value.doubleValue, new > 0 else { return nil }
            return (f, abs(log(new / old)))
        }
        guard let nearest = sums.min(by: { $0.1 < $1.1 }), nearest.1 < log(3) else { return nil }
        return [nearest.0]
    }

    /// A form that grows into another when the user gives the other's facts.
    static let widerForm = ["loan_eligibility": "loan_quota"]

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
        if let missing = definition.ask.first(where: { form.facts[$0] == nil && !(($0 == "term_years") && form.facts["term_months"] != nil) }) {
            // What was said already refuses ("家里有3套房还能贷吗", "房子买了3年了还能提吗"):
            // the answer now, not questions whose answers cannot change it.
            if !form.said.isEmpty, let probe = refusalDecided(form, definition, now: turn.now) {
                state.completed = SessionState.Completed(intent: form.intent, facts: form.facts, said: form.said, lastFilled: form.lastFilled, basis: form.basis)
                form.expecting = missing
                form.settled = true
                state.form = form
                return runRule(intent: form.intent, facts: probe, said: form.said, confidence: confidence, &state, turn)
            }
            form.expecting = missing
            state.form = form
            var r = base(turn, intent: form.intent, confidence: confidence, reply: question(for: missing, form, turn.channel))
            r.expecting = missing
            // "我是男的1966年3月出生什么时候退休": the retirement date first, then the question.
            if let when = retirementDate(form, definition, turn) {
                r.reply = when + (turn.channel == .ivr ? "" : "\n") + data.message("offer_to_compute", turn.channel, ["question": r.reply])
            }
            // The question already rests on the intent's policy: cite it.
            r.citations = faqAnswer(intent: form.intent, turn.channel).citations
            return r
        }
        state.form = nil
        state.completed = SessionState.Completed(intent: form.intent, facts: form.facts, said: form.said, lastFilled: form.lastFilled, basis: form.basis)
        return runRule(intent: form.intent, facts: form.facts, said: form.said, confidence: confidence, &state, turn)
    }

    /// Words asking when one retires (not how to withdraw).
    static let retireWhen = ["什么时候退休", "几岁退休", "多大退休", "多少岁退休", "哪年退休", "何时退休", "退休年龄", "能退休", "可以退休", "到退休",
                             // (a relative's age asked in everyday words: 他得多大岁数才能退, 现在要到什么时候才退)
                             "多大岁数", "多少岁才", "几岁才", "什么时候才退", "什么时候能退", "哪年能退", "哪年才能退", "才能退", "能退下来"]

    /// The retirement date, worded, when the retirement form knows birth and gender and the
    /// turn asks when one retires; nil otherwise.
    func retirementDate(_ form: SessionState.Form, _ definition: FormDefinition, _ turn: Turn) -> String? {
        guard definition.type == "retire", let birth = form.facts["birth"], let gender = form.facts["gender"],
              Self.retireWhen.contains(where: { turn.normalized.has($0) }) else { return nil }
        var facts: [(String, JSONValue)] = [("birth", birth), ("gender", gender)]
        if let category = form.facts["category"] { facts.append(("category", category)) }
        guard case .success(let result) = engine.check(rule: RuleID.retirementAge.rawValue, facts: .object(JSONObject(facts)), today: CalendarDate(turn.now)) else { return nil }
        let wording = RuleWording(channel: turn.channel, answers: data.answers, balanceMultiplier: engine.profile.loan.balanceMultiplier,
                                  repaymentRatio: engine.profile.loan.repaymentRatio)
        return wording.words(result, balance: 0)
    }

    /// The most favourable value of each fact a form asks for: the one under which the rule
    /// refuses least.
    static let favourable: [String: JSONValue] = [
        "continuous_months": .int(600), "sealed_months": .int(600), "months_since_purchase": .int(0), "months_since_completion": .int(0),
        "homes_owned": .int(0), "married": .bool(true), "children": .int(0), "balance": .double(1_000_000), "monthly_income": .double(1_000_000),
        "price": .double(10_000_000), "loan_type": .string("commercial"), "birth": .string("1940-01"), "gender": .string("male"),
        "contribution": .double(100_000), "out_of_pocket": .double(100_000),
    ]

    /// The facts said, with every fact still missing at its most favourable value, when the
    /// rule refuses even so: the refusal rests on what was said alone. Nil otherwise.
    func refusalDecided(_ form: SessionState.Form, _ definition: FormDefinition, now: Date) -> [String: JSONValue]? {
        guard let rule = RuleID.named(definition.rule) else { return nil }
        var facts = form.facts
        for name in definition.ask where facts[name] == nil {
            guard let value = Self.favourable[name] else { return nil }
            facts[name] = value
        }
        var object = facts.filter { isFact($0.key, of: form.intent) }
        for (name, value) in data.defaults where object[name] == nil && isFact(name, of: form.intent) { object[name] = value }
        if object["outstanding_loan"] == nil, isFact("outstanding_loan", of: form.intent) { object["outstanding_loan"] = .bool(false) }
        if object["overdue"] == nil, isFact("overdue", of: form.intent) { object["overdue"] = .bool(false) }
        if let type = definition.type { object["type"] = .string(type) }
        let json = JSONValue.object(JSONObject(object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        guard case .success(let result) = engine.check(rule: rule.rawValue, facts: json, today: CalendarDate(now)), RuleWording.isRefusal(result) else { return nil }
        return facts
    }

    /// Whether `t` speaks of the same kind of thing as the rule `intent`: withdrawing (提) after
    /// a withdrawal, a loan (贷, 月供) after a loan — and not of the other kind.
    static func keepsKind(of intent: String, _ t: String) -> Bool {
        let k = kindWords(t)
        return intent.hasPrefix("withdraw_") ? k.withdraws && !k.borrows : intent.hasPrefix("loan_") && k.borrows && !k.withdraws
    }

    /// Whether `t` has words of withdrawing (提; 取 too — 能取多少, 取出来 — but not 取消) and
    /// of borrowing (贷, 月供). A loan named as what the money repays (提多少出来还贷款, 取了还房贷)
    /// borrows nothing when a withdrawal is said.
    static func kindWords(_ t: String) -> (withdraws: Bool, borrows: Bool) {
        let withdraws = t.has("提") || (t.has("取") && !t.has("取消"))
        var rest = t
        if withdraws { for loan in repaidLoans + deniedLoans where rest.has(loan) { rest = rest.replacingOccurrences(of: loan, with: "，") } }
        return (withdraws, rest.has("贷") || rest.has("月供"))
    }

    /// A loan denied, as a leaver or a retiree says it (没有公积金贷款 想全取出来): no borrowing.
    static let deniedLoans = ["没有公积金贷款", "没有贷款", "没有房贷", "没贷过款", "没贷过", "没有贷过", "没贷款", "无贷款", "无公积金贷款", "没用过公积金贷款", "从没贷过"]

    /// A loan as what withdrawn money repays (…还贷款, …还房贷).
    static let repaidLoans = ["还贷款", "还房贷", "还商贷", "还公积金贷款", "还贷", "还月供", "冲贷款", "冲房贷"]

    /// Below this confidence another rule does not take a sum question from the rule just answered.
    static let sameFigureConfidence = 0.6

    /// A bare count of months ("34个月") while another fact is asked, after a month fact was
    /// given ("交了快三年了" → 35): the speaker makes that fact exact; a count of months answers
    /// no sum. Nil when the turn is anything else.
    func bareMonthsRefined(_ t: String, form: SessionState.Form, found: [FactExtractor.Found], _ turn: Turn) -> [FactExtractor.Found]? {
        let bare = t.filter { $0 != " " }
        guard found.isEmpty, let expecting = form.expecting, !FactScan.monthFacts.contains(expecting),
              let unit = bare.range(of: "个月"), !bare[..<unit.lowerBound].isEmpty, bare[..<unit.lowerBound].allSatisfy(\.isASCIIDigit),
              ["", "了", "吧", "啊", "呀", "哈"].contains(String(bare[unit.upperBound...])),
              let target = Self.formMonthFacts.first(where: { form.facts[$0] != nil }) else { return nil }
        let read = extractor.extractChecked(bare, expecting: target, today: turn.now, said: bare).facts.filter { $0.name == target }
        return read.isEmpty ? nil : read
    }

    /// The co-borrower's pairs of the applicant's sums.
    static let coBorrowerFacts = ["balance": "co_borrower_balance", "monthly_income": "co_borrower_income"]

    /// Sums said of 她/他 once a co-borrower is known ("她余额两万" then "她工资六千"): the
    /// co-borrower's, not the applicant's. Only when the turn speaks of that person alone
    /// (starts with 她/他, not 他们, and says nothing of 我).
    static func coBorrowersSums(_ found: [FactExtractor.Found], said t: String, known: [String: JSONValue]) -> [FactExtractor.Found] {
        guard known["co_borrower_balance"] != nil || known["co_borrower_income"] != nil,
              let first = t.first(where: { $0 != " " }), first == "她" || first == "他",
              !t.has("们"), !t.hasAny(Understanding.firstPerson) else { return found }
        return found.map { f in Self.coBorrowerFacts[f.name].map { FactExtractor.Found(name: $0, value: f.value) } ?? f }
    }

    /// A follow-up that changes a fact of the last rule answer and asks again.
    func followUp(_ state: inout SessionState, _ turn: Turn) -> AssistantReply? {
        guard let done = state.completed else { return nil }
        let u = turn.understanding
        let t = u.normalized
        var found = Self.coBorrowersSums(u.extraction.facts, said: t, known: done.facts)
        if let corrected = correction(u, of: done.facts, lastFilled: done.lastFilled, turn) { found = corrected }
        // "那余额再多一万呢", "那再等两个月呢": a change relative to the figure the answer used.
        let known = done.facts.merging(done.basis?.sums ?? [:]) { mine, _ in mine }
        // (with the other facts of the turn: 过两年再换个大点的 到时候名下有一套了 changes the months
        // and says a home owned)
        if let changed = FactChange.read(u.normalized, facts: known, today: turn.now) { found = found.filter { $0.name != changed.name } + [changed] }
        // "是首付三成不是两成": the loan from the price said before.
        var basis = done.basis
        found = withLoan(from: found, basis: &basis, intent: done.intent).filter { isFact($0.name, of: done.intent) }
        if found.isEmpty, t.count <= 16, let bad = u.extraction.implausible.first(where: { isFact($0, of: done.intent) }) {
            state.form = SessionState.Form(intent: done.intent, facts: done.facts.filter { $0.key != bad }, expecting: bad, lastFilled: nil, said: done.said, basis: done.basis)
            return message("implausible_number", turn, intent: done.intent, expecting: bad, ["question": data.question(bad, turn.channel)])
        }
        // A bare sum after the answer ("哦 三十六万 是三十六万" after a loan of 33万) corrects the
        // sum of the answer it is closest to in size (within a factor of two), when only one is;
        // so does a statement that says only where the figure was looked up (刚登上公积金APP看了，
        // 是两万一千六).
        let saidSums = found.isEmpty ? Self.sums(in: t) : []
        // (or a longer correction with one sum in it: 余额我刚才报的是上个月截图上的，那个不算，以今天
        // app里的为准：4.3万)
        if found.isEmpty, t.count <= 16 || (t.count <= 30 && !u.asksQuestion && saidSums.count == 1) || (u.correcting && saidSums.count == 1),
           !u.asksQuestion || u.correcting {
            // (a yearly sum said by the month — 一个月是两千五百四十 after 两千五百来块 a month — is twelve of it)
            let byMonth = Self.monthWords.contains { t.has($0) }
            let onlySum = saidSums.count == 1 ? saidSums.first : nil
            let close = done.said.filter { Self.moneyFacts.contains($0) }.sorted().compactMap { name -> FactExtractor.Found? in
                guard let was = done.facts[name]?.doubleValue, was > 0,
                      var read = extractor.extractChecked(t, expecting: name, today: turn.now, said: u.text).facts.first(where: { $0.name == name })
                        ?? onlySum.map({ FactExtractor.Found(name: name, value: .double($0)) }),
                      var now = read.value.doubleValue else { return nil }
                if Self.yearlyFacts.contains(name), byMonth, now * 12 <= FactBounds.money.upperBound, (0.5...2).contains(now * 12 / was) {
                    now *= 12
                    read = FactExtractor.Found(name: name, value: .double(now))
                }
                guard now != was, (0.5...2).contains(now / was) else { return nil }
                return read
            }
            if close.count == 1 { found = close }
        }
        guard !found.isEmpty else {
            // The same figure asked again in other words ("一年最多能提多少出来还贷款" after the
            // repayment withdrawal was answered), the classifier torn between that rule and
            // another: the answer again, on the facts known.
            // So is one whose words keep to the kind answered and not to the kind classified
            // ("请问像我这样能提取多少公积金" after the purchase withdrawal, which reads like a quota
            // question by its 像我这样 but asks to withdraw).
            let c = u.classification
            // (among the first three: 一年最多能提多少出来还贷款 puts rent and the quota before it)
            let torn = c.confidence < Self.sameFigureConfidence && c.candidates.prefix(3).contains(where: { $0.intent == done.intent })
            // (or another rule whose topic the turn does not name: 一年最多能提多少出来还贷款 after
            // the repayment withdrawal is no rent question, whatever its words lean to)
            let sameKind = (Self.keepsKind(of: done.intent, t) && !Self.keepsKind(of: c.intent, t)
                            || data.forms[c.intent] != nil && !namesTopic(of: c.intent, t) && namesTopic(of: done.intent, t)) && !u.isGeneral
            // (or the monthly payment asked again after it was worked out, whatever the words
            // lean to: 那我一个月得还银行多少钱 names the bank)
            let paymentAgain = u.asksPayment && data.forms[done.intent]?.rule == RuleID.loanRepayment.rawValue
            guard paymentAgain || u.asksAmount, c.intent != done.intent, torn || sameKind || paymentAgain else { return nil }
            return runRule(intent: done.intent, facts: done.facts, said: done.said, confidence: c.confidence, &state, turn)
        }
        // Short turns that change a fact are follow-ups ("那2套", "如果贷20年"); longer ones
        // only when they do not clearly ask something else. A what-if or a correction that
        // changes a fact of the answer is one ("如果余额有三万呢" reads like a balance query),
        // unless it plainly asks for another rule's figure.
        // A statement, or an addition, of facts this rule takes ("对了 我是72年3月生的男的", "还有一笔
        // 公积金贷款没还完") changes the answer, whatever rule its words lean to (a kind the rule
        // does not take — 公积金贷款 is a loan_type — does not count against it).
        // (a month's payment comes with the year's: existing_monthly_debt beside annual_repayment
        // is the same figure)
        let addsOwn = (u.adding || !u.asksQuestion)
            && u.extraction.facts.allSatisfy { isFact($0.name, of: done.intent) || Understanding.countFacts.contains($0.name)
                || ($0.name == "existing_monthly_debt" && isFact("annual_repayment", of: done.intent)) }
        if t.count > 8, !addsOwn {
            let otherIntent = u.asksSomethingElse(than: done.intent, minimum: 0.8)
            if u.hypothetical || u.correcting || u.adding || !u.asksQuestion {
                // "要是买的房子只值五十万呢": a what-if ending in 呢 changes a fact of the answer,
                // whatever rule its words lean to.
                // (呢 is a filler the normaliser drops: read it from the text as said.)
                // So is one that keeps to the kind of answer given ("假如余额只剩2万5，最多能提多少"
                // after a withdrawal), whatever rule its words lean to.
                let ending = u.text.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
                // (呢, or its dialect forms: 喃 in Sichuan, 嘞, 咧)
                // (or one that changes a fact of the answer in words of both kinds: 如果客户把贷款
                // 额度调到83万，可提金额是多少 after a purchase withdrawal)
                let kinds = Self.kindWords(t)
                let whatIf = u.hypothetical && (["呢", "喃", "嘞", "咧"].contains { ending.hasSuffix($0) }
                    || Self.keepsKind(of: done.intent, t) || (!found.isEmpty && kinds.withdraws && kinds.borrows))
                // (a correction that asks nothing corrects the answer: 前面那个数不对 每个月还的是1350
                // reads like a repayment question by its words)
                let corrects = u.correcting && !u.asksQuestion
                guard whatIf || corrects || !(otherIntent && data.forms[u.classification.intent] != nil) else { return nil }
            } else {
                // (or a longer question whose facts all belong to this rule and change one of
                // them, classified as no other rule: 那再熬3个月 交满8个月就能贷了吗 after an
                // eligibility refusal for 5 months)
                let onlyThisRule = !found.isEmpty
                    && u.extraction.facts.allSatisfy { isFact($0.name, of: done.intent) || Understanding.countFacts.contains($0.name) }
                    && (u.classification.intent == done.intent || data.forms[u.classification.intent] == nil)
                guard t.count <= 16 || onlyThisRule, !otherIntent else { return nil }
            }
        }
        var facts = done.facts
        var said = done.said
        for f in found { facts[f.name] = f.value; said.insert(f.name) }
        state.completed = SessionState.Completed(intent: done.intent, facts: facts, said: said, lastFilled: found.last?.name ?? done.lastFilled, basis: basis)
        return runRule(intent: done.intent, facts: facts, said: said, confidence: 1, &state, turn)
    }
}
