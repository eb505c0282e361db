import AnjuData
import AnjuDialogue
import AnjuJSON
import Foundation
import Testing

@Suite("Conversation")
struct ConversationTests {
    let assistant = Fixtures.shared

    @Test("in-scope answers carry citations", arguments: [
        "租房提取需要什么条件", "公积金贷款利率是多少", "商转公怎么办", "离职了公积金怎么取", "网点几点上班", "你好", "缴存证明怎么开",
    ])
    func citations(text: String) async {
        let r = await assistant.ask(session: "c-\(text)", channel: .chat, text: text)
        #expect(r.intent != "out_of_scope")
        #expect(!r.citations.isEmpty, "\(text) → \(r.intent)")
    }

    @Test("转人工 hands off with a summary")
    func humanAgent() async {
        let r = await assistant.ask(session: "c1", channel: .chat, text: "转人工")
        #expect(r.intent == "human_agent")
        #expect(r.handoff)
        #expect(r.handoffSummary != nil)
    }

    @Test("two misunderstood turns in a row hand off")
    func misunderstoodTwice() async {
        let replies = await assistant.conversation("c2", ["今天天气怎么样", "推荐一只股票"])
        #expect(replies[0].intent == "out_of_scope")
        #expect(!replies[0].handoff)
        #expect(replies[1].handoff)
    }

    @Test("out of scope offers what the assistant can do")
    func outOfScopeMenu() async {
        let r = await assistant.ask(session: "c3", channel: .chat, text: "社保卡丢了怎么补办")
        #expect(r.intent == "out_of_scope")
        #expect(r.reply.contains("余额"))
    }

    @Test("IVR replies obey the wording rules", arguments: [
        "我连续交了3年，余额5万，月收入一万二，想买首套，能贷多少", "贷六十万二十年每月还多少", "租房提取需要什么条件", "公积金贷款利率是多少",
        "今天天气怎么样", "查余额", "转人工", "离职后多久能取", "我能贷多少",
    ])
    func ivrWording(text: String) async {
        let r = await assistant.ask(session: "ivr-\(text)", channel: .ivr, text: text)
        #expect(r.reply.count <= 120, "\(r.reply.count): \(r.reply)")
        #expect(!r.reply.contains { ($0.isASCII && ($0.isNumber || $0.isLetter)) || "%/()（）：:；;\n-•【】".contains($0) }, "\(r.reply)")
    }

    @Test("sessions are independent")
    func sessionsIndependent() async {
        await assistant.ask(session: "s-a", channel: .chat, text: "我能贷多少")
        let other = await assistant.ask(session: "s-b", channel: .chat, text: "24个月")
        #expect(other.intent != "loan_quota" || other.expecting != "balance")
        #expect(await assistant.ask(session: "s-a", channel: .chat, text: "24个月").expecting == "balance")
    }

    @Test("reset forgets the session")
    func resetForgets() async throws {
        await assistant.ask(session: "s-r", channel: .chat, text: "我能贷多少")
        try await assistant.reset(session: "s-r")
        #expect(await assistant.ask(session: "s-r", channel: .chat, text: "24个月").expecting != "balance")
    }
}

@Suite("Verification")
struct VerificationTests {
    @Test("balance needs the ID number then the PIN; then the answer shows the money as 12,345.67元")
    func verifyThenBalance() async {
        let a = Fixtures.assistant()
        let r1 = await a.ask(session: "v1", channel: .chat, text: "我公积金还有多少钱")
        #expect(r1.expecting == "id_number")
        #expect(!r1.reply.contains("32,456.78"))
        let r2 = await a.ask(session: "v1", channel: .chat, text: FakeDirectory.idNumber)
        #expect(r2.expecting == "pin")
        let r3 = await a.ask(session: "v1", channel: .chat, text: "135790")
        #expect(r3.reply.contains("32,456.78元"))
        #expect(r3.expecting == nil)
        // Other sessions see nothing of it.
        #expect(await a.ask(session: "v1-other", channel: .chat, text: "查余额").expecting == "id_number")
    }

    @Test("a wrong check digit is asked again and does not count as a failed try")
    func wrongCheckDigit() async {
        let a = Fixtures.assistant()
        await a.ask(session: "v2", channel: .chat, text: "查余额")
        let r = await a.ask(session: "v2", channel: .chat, text: "110105194912310021")
        #expect(r.reply.contains("号码有误"))
        #expect(r.expecting == "id_number")
    }

    @Test("five wrong PINs lock with the protocol code locked")
    func lockout() async {
        let directory = FakeDirectory()
        let a = Fixtures.assistant(members: directory)
        await a.ask(session: "v3", channel: .chat, text: "查余额")
        await a.ask(session: "v3", channel: .chat, text: FakeDirectory.idNumber)
        var last: AssistantReply?
        for _ in 0..<5 { last = await a.ask(session: "v3", channel: .chat, text: "000000") }
        #expect(last?.errorCode == "locked")
        #expect(last?.reply.contains("锁定") == true)
        // Coming back while locked: told so right after the ID number, no PIN asked.
        await a.ask(session: "v3b", channel: .chat, text: "查余额")
        let again = await a.ask(session: "v3b", channel: .chat, text: FakeDirectory.idNumber)
        #expect(again.errorCode == "locked")
        #expect(again.expecting == nil)
    }

    @Test("a PIN never reaches the log")
    func pinNotLogged() async {
        let directory = FakeDirectory()
        let a = Fixtures.assistant(members: directory)
        await a.conversation("v4", ["查余额", FakeDirectory.idNumber, "135790"])
        let texts = directory.logged.withLock { $0.map(\.text) }
        #expect(!texts.contains { $0.contains("135790") })
        #expect(directory.logged.withLock { $0.contains { $0.containsPIN } })
    }

    @Test("once verified, rule intents take facts from the account")
    func factsFromAccount() async {
        let a = Fixtures.assistant()
        await a.conversation("v5", ["查余额", FakeDirectory.idNumber, "135790"])
        let r = await a.ask(session: "v5", channel: .chat, text: "我能贷多少")
        #expect(r.expecting == nil)
        #expect(r.result?["amount"] != nil)
    }

    @Test("without a store, member questions say so and policy questions still work")
    func noStore() async {
        let a = Fixtures.assistant(members: nil)
        #expect(await a.ask(session: "v6", channel: .chat, text: "查余额").reply.contains("暂时不可用"))
        #expect(await a.ask(session: "v6", channel: .chat, text: "公积金贷款利率是多少").intent == "loan_rate")
    }
}
