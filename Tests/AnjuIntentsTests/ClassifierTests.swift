import AnjuData
import AnjuIntents
import Testing

@Suite("Classifier")
struct ClassifierTests {
    let classifier = Fixtures.classifier

    @Test("clear queries get their intent", arguments: [
        ("我公积金还有多少钱", "balance_query"), ("租房能提多少", "withdraw_rent"), ("我能贷多少", "loan_quota"),
        ("商转公需要什么条件", "loan_commercial_transfer"), ("转人工", "human_agent"), ("你好", "greeting"),
        ("謝謝 再見", "goodbye_thanks"), ("現在公積金貸款利率是多少", "loan_rate"), ("贷六十万二十年每月还多少", "loan_repayment"),
    ])
    func clearQueries(text: String, intent: String) {
        #expect(classifier.classify(text).intent == intent)
    }

    @Test("a bare topic goes to the intent that explains it; a withdrawal's progress needs a word of progress", arguments: [
        ("公积金提取", "withdraw_leave"), ("合肥公积金提取", "withdraw_leave"), ("个人公积金提取办法", "withdraw_leave"),
        ("公积金提取多久到账", "withdraw_progress"), ("提取审核通过没", "withdraw_progress"), ("提的钱啥时候到卡上", "withdraw_progress"),
    ])
    func cuedIntentNeedsItsWords(text: String, intent: String) {
        #expect(classifier.classify(text).intent == intent)
    }

    @Test("a death withdrawal needs a word of death, in a long message too: a child asking for a parent, a wife for her husband's repayment", arguments: [
        ("我和我老公有套房在还公积金贷款，他的公积金能不能提出来一起还", "withdraw_repay"),
        ("我爸前年去世了 他公积金账户里还有两万多 我们几个子女怎么取", "withdraw_death"),
    ])
    func deathNeedsItsCue(text: String, intent: String) {
        #expect(classifier.classify(text).intent == intent)
    }

    @Test("a web form's question-and-answer export is decided whole, not from its labels' question marks")
    func formExportDecidedWhole() {
        let c = classifier.classify("网厅表单纯文本导出 #W2612-0209 Q1. 提取类型？A1. 偿还购房贷款 Q2. 贷款类型？A2. 公积金贷款 Q3. 是否逾期？A3. 否 Q4. 月还款额（元）？A4. 2,450")
        #expect(c.intent == "withdraw_repay", "\(c.intent)")
    }

    @Test("near misses and chit-chat are out of scope", arguments: [
        "今天天气怎么样", "社保卡丢了怎么补", "医保报销比例是多少", "个税专项附加扣除怎么填", "推荐一只股票", "帮我写首诗",
        // A human asked for at another company is not ours to give.
        "京东客服怎么找人工", "移动客服人工怎么转",
    ])
    func outOfScope(text: String) {
        #expect(classifier.classify(text).intent == IntentCatalog.outOfScope)
    }

    @Test("a letter asking two things reports the other in also; a sentence announcing the topic adds nothing")
    func furtherQuestionsInAlso() {
        let two = classifier.classify("领导您好，我有两个问题想请教。第一，我辞职半年了，公积金怎么提取？第二，现在公积金贷款利率是多少？盼回复，谢谢！")
        #expect(Set([two.intent] + two.also) == ["withdraw_leave", "loan_rate"], "\(two.intent) \(two.also)")
        let one = classifier.classify("您好，想咨询下公积金贷款。我交了四年，余额五万，月薪九千，本市没有房。请问我最多能贷多少？谢谢！")
        #expect(one.intent == "loan_quota")
        #expect(one.also.isEmpty, "\(one.also)")
    }

    @Test("a long phone transcript with a space between characters is classified as the same words typed")
    func spacedTranscriptIsOneSentence() {
        let typed = "我以前那笔公积金贷款还剩八万多没还清现在还能再贷一次吗"
        let spaced = typed.map(String.init).joined(separator: " ")
        #expect(classifier.classify(spaced).intent == classifier.classify(typed).intent)
    }

    @Test("confidence is within 0–1 and candidates are sorted best first")
    func confidenceRange() {
        for text in ["余额", "怎么提取", "贷款", "嗯", "12345"] {
            let r = classifier.classify(text, limit: 5)
            #expect((0...1).contains(r.confidence))
            #expect(r.candidates.count <= 5)
            #expect(zip(r.candidates, r.candidates.dropFirst()).allSatisfy { $0.score >= $1.score })
        }
    }

    @Test("unclear offers two or three options that are candidates")
    func unclearOptions() {
        for item in EvalSet(tsv: DataBundle.embedded.text("Corpus/eval/eval.tsv")!, knownIntents: specifiedIntents).items {
            let r = classifier.classify(item.text)
            if r.intent == IntentCatalog.unclear {
                #expect((2...3).contains(r.options.count))
                #expect(r.options.allSatisfy { o in r.candidates.contains { $0.intent == o } })
            } else {
                #expect(r.options.isEmpty)
            }
        }
    }

    @Test("odd input always gets an answer", arguments: [
        "", " ", "\u{FFFD}\u{FFFD}", "\u{0000}\u{001B}[31m", "😀😀😀", "1234567890123", String(repeating: "贷款", count: 50_000),
        "how much gjj can i borrow", "330902199001011234",
    ])
    func oddInput(text: String) {
        let r = classifier.classify(text)
        #expect(!r.intent.isEmpty)
        #expect((0...1).contains(r.confidence))
    }

    @Test("explain names the keywords that scored")
    func explainNamesKeywords() {
        let r = classifier.classify("租房提取额度", explain: true)
        #expect(r.explanation.first?.keywords.isEmpty == false)
    }

    /// A floor under the accuracy on our own evaluation set, so that a data or scoring change
    /// that loses ground fails CI. Figures at the time of writing: README.
    @Test("accuracy on the evaluation set stays above its floor")
    func evaluationFloor() throws {
        let set = EvalSet(tsv: try DataBundle.embedded.require("Corpus/eval/eval.tsv"), knownIntents: specifiedIntents)
        let e = Evaluation(set: set, classifier: classifier)
        #expect(e.inScopeAccuracy >= 0.86)
        #expect(e.outOfScopeRecall >= 0.85)
        #expect(e.falseRejectionRate <= 0.05)
        #expect(e.unclearRate <= 0.05)
    }
}

@Suite("Classifier config")
struct ClassifierConfigTests {
    @Test("out-of-range values are rejected with the key named")
    func rejectsOutOfRange() {
        #expect(throws: IntentDataError.self) { try ClassifierConfig.parse(yaml: "temperature: -1") }
        do {
            _ = try ClassifierConfig.parse(yaml: "b: 3")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("'b'"))
        }
    }

    @Test("missing keys take their defaults")
    func defaults() throws {
        #expect(try ClassifierConfig.parse(yaml: "k1: 1.5").b == ClassifierConfig().b)
    }
}
