import Foundation
import Testing
@testable import AnjuIntents

@Suite("Message splitting")
struct MessagePartsTests {
    @Test("the scalar question-marker search finds what Foundation's search finds")
    func scalarSearchAgreesWithFoundation() {
        let sentences = ["公积金能取吗", "我想问一下贷款额度", "余额多少", "单位没交公积金", "租房提取怎么办？", "how much?", "谢谢",
                         "离职以后公积金咋办", "能不能异地贷款", "我已经交了五年了", "什么时候到账", "好的", "提取—进度“查询”", "ＡＢＣ？"]
        for s in sentences {
            let foundation = MessageParts.questionMarkers.contains { s.contains($0) }
            #expect(MessageParts.isQuestion(s) == foundation, "\(s)")
        }
    }

    @Test("a pasted form of bracketed labels asks nothing of its fields: its 是否 is a label and it is decided whole")
    func bracketedFormIsNoQuestion() {
        let form = "还贷提取申请（PDF复制） 「贷款类 型」公积金贷款 「是否逾 期」否 「账户余 额」27,500元"
        #expect(MessageParts(form).questions.isEmpty)
        #expect(MessageParts("还贷提取 【是否逾期】否 【余额】2万").questions.isEmpty)
        // one bracket is a quotation or a title, not a form
        #expect(!MessageParts("我想问一下「公积金贷款」是否需要先还清上一笔，之前的贷款已经还了一半多了，谢谢").questions.isEmpty)
    }

    @Test("text with scalars outside the plain set still goes through Foundation")
    func otherScalarsFallBack() {
        #expect(!MessageParts.isPlainScalar(0x0301))   // combining acute accent
        #expect(!MessageParts.isPlainScalar(0xF900))   // a CJK compatibility ideograph
        #expect(!MessageParts.isPlainScalar(0x200D))   // zero-width joiner
        #expect(MessageParts.isQuestion("公积金能取吗😀"))
        #expect(!MessageParts.isQuestion("公积金已经取了😀"))
    }

    @Test("a long message is counted in characters, a short one is not split")
    func lengthByCharacters() {
        let long = String(repeating: "公", count: MessageParts.longMessage)
        #expect(MessageParts.isLongMessage(long))
        #expect(!MessageParts.isLongMessage(String(long.dropLast())))
        // 30 scalars that make fewer than 30 characters (a letter and its accent each).
        #expect(!MessageParts.isLongMessage(String(repeating: "e\u{0301}", count: 15)))
        #expect(!MessageParts("我想问一下公积金能取吗").isLong)
    }

    @Test("a sentence that only announces the topic (想咨询下公积金贷款) asks nothing of its own; one with 吗/多少/怎么 does",
          arguments: [("您好，想咨询下公积金贷款", false), ("请问一下", false), ("请问我最多能贷多少", true), ("离职了公积金怎么提取", true), ("想了解租房提取吗", true)])
    func announcementAsksNothingOfItsOwn(sentence: String, asks: Bool) {
        #expect(MessageParts.asksOnItsOwn(sentence) == asks)
    }

    @Test("numbered items in one sentence are questions of their own", arguments: [
        ("我想咨询两件事：一是离职以后公积金怎么提取，二是提完以后账户还在不在？", 3),
        ("请教：第一，贷款利率现在是多少；第二，最长能贷几年？", 3),
        ("1、租房能提多少 2、多久能到账", 2),
    ])
    func numberedItems(sentence: String, parts: Int) {
        #expect(MessageParts.enumerated(sentence)?.count == parts, "\(MessageParts.enumerated(sentence) ?? [])")
        #expect(MessageParts.questionClauses(sentence).count >= 2, "\(MessageParts.questionClauses(sentence))")
    }

    @Test("a greeting that opens a question is set aside; a greeting alone stays a greeting")
    func openingGreetingSetAside() {
        #expect(IntentClassifier.withoutOpeningGreeting("你好，我之前买过一套，这回想请你帮我算公积金月供") == "我之前买过一套，这回想请你帮我算公积金月供")
        #expect(IntentClassifier.withoutOpeningGreeting("你好") == "你好")
        #expect(IntentClassifier.withoutOpeningGreeting("您好呀") == "您好呀")
        #expect(IntentClassifier.withoutOpeningGreeting("您好，查余额") == "您好，查余额")
    }

    @Test("a long question that points back at the story (这种情况下) keeps the whole story; one that does not keeps the clause before it")
    func questionPointingBackKeepsStory() {
        let story = "我去年从外地一家公司辞职以后回了老家，一直没再找工作，原来城市的账户已经被封存，这种情况下该怎么把钱取出来？"
        #expect(MessageParts.questionClauses(story) == [story])
        let plain = "我去年从外地一家公司辞职以后回了老家，一直没再找工作，原来城市的账户已经被封存，该怎么把钱取出来？"
        #expect(MessageParts.questionClauses(plain) == ["原来城市的账户已经被封存，该怎么把钱取出来？"])
    }

    @Test("a sentence that numbers nothing is not cut", arguments: ["余额1.5万 工资2.3万 能贷多少", "第二套房能贷多少", "统一是什么标准"])
    func nothingNumbered(sentence: String) {
        #expect(MessageParts.enumerated(sentence) == nil)
    }

    @Test("a letter asking two numbered questions reports the second in also")
    func numberedLetterAlso() {
        let c = Fixtures.classifier.classify("您好，我交公积金三年了，现在租房住，想请教：一是公积金贷款最多能贷多少，二是租房每年能提多少公积金？谢谢")
        #expect(Set([c.intent] + c.also).isSuperset(of: ["loan_quota", "withdraw_rent"]), "\(c.intent) \(c.also)")
    }
}
