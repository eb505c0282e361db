import AnjuIntents
import AnjuText
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
    /// Asks to hear the last answer again (没听清 再说一遍), giving nothing new.
    let asksRepeat: Bool
    /// Words that mark a correction of a fact already given.
    let correcting: Bool
    /// A what-if on the last answer, or a correction of it ("如果余额只有3万呢", "那贷20年呢").
    let hypothetical: Bool
    /// A policy question about no one in particular ("首套最多能贷多少", "男的多大退休"):
    /// no first person and no figure of one's own.
    let isGeneral: Bool
    /// A yes/no question ("离职半年了能全部取出来吗", "能不能提"): worth the policy's answer
    /// even while a figure of one's own still needs a fact.
    let asksYesNo: Bool
    /// Adds a fact after an answer ("对了，我每个月还有一笔车贷要还一千五"): a follow-up like a what-if.
    let adding: Bool
    /// Asks for an amount (能提多少, 能贷多少): a question a rule answers with a figure.
    let asksAmount: Bool
    /// Asks anything at all (吗, 多少, 怎么, ？…): a turn that does not is a statement, and
    /// the facts it states answer the form or change the last answer.
    let asksQuestion: Bool

    /// Words asking to hear the answer again.
    static let repeatWords = ["再说一遍", "再说一次", "再讲一遍", "再讲一次", "重复一遍", "重复一下", "再念一遍", "再报一遍", "没听清", "没听见", "没听到", "再说一下刚才",
                              // (一下 is a filler the normaliser drops: 能不能重复一下 → 能不能重复)
                              "能不能重复", "可以重复", "麻烦重复", "请重复", "再重复"]
    static let cancelWords = ["算了", "不问了", "取消", "不用了", "不查了", "不算了", "退出"]
    static let correctionWords = ["不对", "错了", "说错", "改成", "应该是", "更正", "不是", "改一下", "也改", "改为", "应为", "录错", "打错", "记错", "写错", "口误", "记混", "说反", "搞错", "弄错", "看岔", "纠正",
                                  // a figure checked again: 录成了…实际是, 准确的数是, 应记3人, 按新数重算
                                  "录成", "实际是", "实际上是", "准确的数", "准确数字", "确切的数", "应记", "重算", "重新算", "按新数",
                                  "看串", "手滑", "敲成", "以此为准", "按新的算", "查到是", "查到的是", "为准", "那个不算", "不算数", "我重说",
                                  // (the normaliser drops 这个: 按这个算 → 按算, 以这个为准 → 以为准)
                                  "按算", "以为准"]
    /// Words pointing back at a figure given before (前面那个总价…, 刚才的余额…: the normaliser
    /// drops 那个) and the facts' names they may point at.
    static let backWords = ["前面", "刚才", "之前", "上面", "前头"]
    static let backFacts = ["总价", "房价", "余额", "收入", "工资", "月薪", "本金", "房租", "租金", "月供"]

    /// Whether the text points back at a figure given before by its name (前面总价是连车位
    /// 一起算的): a correction of it.
    static func refersBack(_ t: String) -> Bool {
        backWords.contains { back in
            t.occurrences(of: back).contains { r in
                let rest = t[r.upperBound...].drop { $0 == " " || $0 == "的" || $0 == "说" }
                return backFacts.contains { rest.hasPrefix($0) }
            }
        }
    }

    /// Words of a what-if on the last answer ("如果余额只有3万呢", "要是贷20年呢").
    static let hypotheticalWords = ["如果", "假如", "假设", "要是", "万一", "换成", "在这个基础上", "若是", "倘若", "如若", "若",
                                    "那样的话", "这样的话", "的话", "比如说", "按这个算", "可能批到", "可能只批", "算呢", "假使"]
    static let addingWords = ["对了", "另外", "忘了说", "忘说了", "补充"]
    static let amountWords = sumWords + ["能提几", "能贷几"]
    /// Verbs of taking money and what may follow them before the amount asked: 提走多少,
    /// 取出来好多, 贷得到几多 ask a sum as 提多少 does.
    static let takingVerbs = ["提", "取", "贷", "拿", "领", "借", "支"]
    static let takingComplements = ["出来", "下来", "出去", "得到", "走", "出", "到", "得", "了", "回"]

    /// Whether a verb of taking money, one complement and an amount asked stand in a row.
    static func asksSumWithComplement(_ t: String) -> Bool {
        guard t.hasAny(amountAsked) else { return false }
        for verb in takingVerbs {
            for r in t.occurrences(of: verb) {
                let rest = t[r.upperBound...]
                guard let c = rest.prefix(anyOf: takingComplements) else { continue }
                if rest.dropFirst(c.count).prefix(anyOf: amountAsked) != nil { return true }
            }
        }
        return false
    }

    /// Words asking for the monthly payment (月供多少, 每个月要还多少): not 车贷月供1800.
    static let paymentWords = ["月供多少", "月供是多少", "月供要多少", "月供大概多少", "月供几多", "每月还多少", "每个月还多少", "每个月要还多少",
                               "每月要还多少", "每月得还多少", "每个月得还多少", "月还款多少", "首月还多少", "首期还多少", "1个月还多少", "1个月要还多少",
                               "1个月得还", "每个月得还", "每月得还", "每个月要还多少钱", "算月供", "算下月供", "算公积金月供", "算算月供"]
    /// Asks for the monthly payment of a loan, and not for the loan's amount.
    var asksPayment: Bool {
        (Self.paymentWords.contains { normalized.has($0) } || Self.asksMonthlyPayment(normalized)) && !Self.sumWords.contains { normalized.has($0) }
    }

    /// Words of each month (月月, 每个月, 1个月), of paying (还, 交, 付, 扣) and of an amount
    /// asked (多少, 几多, 好多).
    static let eachMonthWords = ["每个月", "每月", "月月", "1个月", "按月", "每期"]
    static let payVerbs = ["还", "交", "付", "扣", "供"]
    /// Words asking an amount (几千 too: 每个月大概扣几千).
    static let amountAsked = ["多少", "几多", "好多", "几千", "几个钱"]

    /// A monthly payment asked in other words: a word of each month, a paying verb after it
    /// and an amount asked after that, within a clause (月月得给银行交多少钱, 每个月大概扣几千).
    /// (A loan must be spoken of: 每个月交多少公积金 asks the deposit.)
    static func asksMonthlyPayment(_ t: String) -> Bool {
        guard t.hasAny(["贷", "按揭", "银行", "月供"]), let month = FactText.firstRange(of: eachMonthWords, in: t[...]) else { return false }
        let rest = t[month.upperBound...].prefix(14)
        guard let pay = FactText.firstRange(of: payVerbs, in: rest) else { return false }
        return String(rest[pay.upperBound...]).hasAny(amountAsked)
    }
    /// Words asking for a sum of money (not 能贷几年).
    static let sumWords = ["提多少", "取多少", "贷多少", "拿多少", "领多少", "提取多少", "取出多少", "提出多少", "拿出多少", "取出来多少", "提出来多少", "借多少", "借到多少", "贷到多少", "支多少", "支取多少"]
    static let yesNoWords = ["吗", "能不能", "可不可以", "能否", "行不行", "可否", "是否", "能不", "行不", "得不得"]
    static let firstPerson = ["我", "俺", "咱", "本人", "自己", "我们", "我家", "我们家"]

    init(text: String, expecting: String?, now: Date, classifier: IntentClassifier, extractor: FactExtractor) {
        self.text = text
        classification = classifier.classify(text)
        // Terms heard by their sound are read as the term (余鹅 → 余额, 还代 → 还贷): the
        // analysis writes them so; the facts are read from the same words.
        let t = classification.analysis.normalized
        normalized = t
        extraction = extractor.extractChecked(t, expecting: expecting, today: now, said: text)
        idNumber = FactExtractor.idNumber(in: t)
        // A PIN is six digits as said or typed, never a sum the normaliser wrote out
        // (房价80万 → 800000 is no PIN).
        pin = idNumber == nil ? FactExtractor.pin(in: t).flatMap { Self.saidAsDigits($0, in: text) ? $0 : nil } : nil
        isEmpty = t.allSatisfy { $0 == " " }
        cancelling = Self.cancelWords.contains { t.has($0) }
        asksRepeat = t.count <= 24 && Self.repeatWords.contains { t.has($0) } && extraction.facts.isEmpty
        correcting = Self.correctionWords.contains { t.has($0) } || Self.refersBack(t)
        // (如该户再登记1套…结论会怎样: a clerk's 如 opening a what-if, not 如何)
        hypothetical = Self.hypotheticalWords.contains { t.has($0) } || t.hasPrefix("那") || (t.hasPrefix("如") && !t.hasPrefix("如何"))
        // Counts (第二套, 两个孩子) do not make a question personal; a sum, a duration or a
        // date of one's own does.
        let own = extraction.facts.contains { !Self.countFacts.contains($0.name) } || !extraction.implausible.isEmpty
        asksYesNo = Self.yesNoWords.contains { t.has($0) }
        adding = Self.addingWords.contains { t.has($0) }
        asksAmount = Self.amountWords.contains { t.has($0) } || Self.asksSumWithComplement(t)
        asksQuestion = MessageParts.isQuestion(Self.withoutIndefiniteJi(Normalizer.joiningTranscript(text)))
        isGeneral = !Self.firstPerson.contains { t.has($0) } && !own && idNumber == nil && pin == nil
    }

    /// 几 that asks nothing (这几年, 前几个月, 好几次, 几年前): removed before looking for a question.
    static let indefiniteJi = ["这几", "那几", "前几", "好几", "过几", "几年前", "几个月前", "几年来", "近几"]

    static func withoutIndefiniteJi(_ text: String) -> String {
        guard text.contains("几") else { return text }
        var t = text
        for w in indefiniteJi where t.contains(w) { t = t.replacingOccurrences(of: w, with: "") }
        return t
    }

    /// Facts that are counts or kinds, said as much in a policy question as of oneself.
    static let countFacts: Set<String> = ["homes_owned", "children", "married", "loans_used", "method", "loan_type", "talent",
                                          "public_rental", "gender", "category", "overdue", "outstanding_loan"]

    /// Digits as said in Chinese, by value modulo 10 (〇 0, 幺 1, 两 2).
    static let chineseDigits = "零一二三四五六七八九〇幺两"

    /// Whether `digits` appear as digits in what was said — ASCII, full-width or Chinese
    /// digits, with spaces, punctuation or control characters between them — and not as a
    /// number the normaliser wrote out from 万 or 十 (八十万).
    static func saidAsDigits(_ digits: String, in text: String) -> Bool {
        var said = ""
        for c in text {
            if let i = Self.chineseDigits.firstIndex(of: c) {
                said.append(Character(String(Self.chineseDigits.distance(from: Self.chineseDigits.startIndex, to: i) % 10)))
            } else if let d = c.wholeNumberValue, c.isNumber, (0...9).contains(d), c.unicodeScalars.count == 1, c.unicodeScalars.first!.value < 0x3000 || (0xFF10...0xFF19).contains(c.unicodeScalars.first!.value) {
                said.append(Character(String(d)))
            } else if c.isWhitespace || c.isPunctuation || c.isSymbol || c.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                continue
            } else {
                said.append("|")
            }
        }
        return said.contains(digits)
    }

    /// Words of a question about how something works, not a request for one's own figures.
    static let howWords = ["怎么", "如何", "什么", "有利息", "哪里", "哪些", "多久", "为什么", "是否", "影响", "会不会", "几号", "哪天",
                           "利率", "计息", "结息", "利息"]

    /// A question about how the service or the policy works ("怎么查缴存明细", "余额有利息吗").
    var isHowQuestion: Bool { Self.howWords.contains { normalized.has($0) } }

    /// Whether the turn is a question of another intent, confident enough to interrupt.
    func asksSomethingElse(than intent: String?, minimum: Double) -> Bool {
        let c = classification
        return c.intent != IntentCatalog.outOfScope && c.intent != IntentCatalog.unclear && c.intent != intent && c.confidence >= minimum
    }
}
