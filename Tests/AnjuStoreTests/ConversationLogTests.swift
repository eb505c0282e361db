import Foundation
import Testing
import AnjuStore

@Suite("Conversation log and review")
struct ConversationLogTests {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    func turn(_ text: String, intent: String, confidence: Double = 0.9, session: String = "s1",
              at offset: TimeInterval = 0, reply: String = "好的", pin: Bool = false) -> TurnRecord {
        TurnRecord(session: session, time: t0.addingTimeInterval(offset), channel: "chat", text: text, intent: intent,
                   confidence: confidence, reply: reply, containsPIN: pin)
    }

    @Test("every field of a turn is stored, in order")
    func storesTurns() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.logTurn(turn("公积金余额怎么查", intent: "balance_query", confidence: 0.82, reply: "请输入身份证号码"))
        try store.logTurn(turn("谢谢", intent: "goodbye_thanks", at: 5))
        let turns = try store.turns(session: "s1")
        #expect(turns.count == 2)
        #expect(turns[0].text == "公积金余额怎么查")
        #expect(turns[0].intent == "balance_query")
        #expect(turns[0].confidence == 0.82)
        #expect(turns[0].reply == "请输入身份证号码")
        #expect(turns[0].channel == "chat")
        #expect(turns[0].time == t0)
        #expect(turns[1].text == "谢谢")
    }

    @Test("ID numbers and phone numbers are masked in the text and the reply")
    func masksNumbers() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.logTurn(turn("身份证330902198807150013 手机13857201234", intent: "balance_query",
                               reply: "已收到330902198807150013"))
        let logged = try #require(try store.turns(session: "s1").first)
        #expect(logged.text == "身份证330***********0013 手机138****1234")
        #expect(logged.reply == "已收到330***********0013")
    }

    @Test("a PIN turn keeps no text at all; a 6-digit number elsewhere is masked")
    func pinTurns() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.logTurn(turn("一三五七九〇", intent: "balance_query", pin: true))
        try store.logTurn(turn("我的密码是135790吧", intent: "password_service", at: 1))
        let turns = try store.turns(session: "s1")
        #expect(turns[0].text == "[PIN]")
        #expect(turns[0].pinTurn)
        #expect(turns[1].text == "我的密码是******吧")
        #expect(!turns.contains { $0.text.contains("135790") })
    }

    @Test("review groups out-of-scope, unclear and low-confidence queries, most frequent first")
    func reviewGroups() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let turns = [
            turn("今天天气怎么样", intent: "out_of_scope", confidence: 0.1, session: "a"),
            turn("今天天气怎么样？", intent: "out_of_scope", confidence: 0.2, session: "b", at: 10),
            turn("今天 天气怎么样", intent: "out_of_scope", confidence: 0.1, session: "c", at: 20),
            turn("社保怎么交", intent: "out_of_scope", confidence: 0.3, session: "a", at: 30),
            turn("提取", intent: "unclear", confidence: 0.4, session: "a", at: 40),
            turn("提取。", intent: "unclear", confidence: 0.4, session: "d", at: 50),
            turn("钱能拿出来吗", intent: "withdraw_purchase", confidence: 0.35, session: "e", at: 60),
            turn("钱能拿出来吗", intent: "withdraw_rent", confidence: 0.3, session: "f", at: 70),
            turn("钱能拿出来吗", intent: "withdraw_purchase", confidence: 0.4, session: "g", at: 80),
            turn("公积金余额怎么查", intent: "balance_query", confidence: 0.9, session: "h", at: 90),
            turn("135790", intent: "out_of_scope", confidence: 0.1, session: "h", at: 95, pin: true),
            // Outside the period:
            turn("今天天气怎么样", intent: "out_of_scope", confidence: 0.1, session: "z", at: -10),
            turn("股票推荐", intent: "out_of_scope", confidence: 0.1, session: "z", at: 3600),
        ]
        for t in turns { try store.logTurn(t) }
        let report = try store.review(since: t0, until: t0.addingTimeInterval(3600), limit: 10, lowConfidence: 0.5)
        #expect(report.totalTurns == 11)

        let outOfScope = report.groups(.outOfScope)
        #expect(outOfScope.map(\.count) == [3, 1])
        #expect(outOfScope[0].text == "今天天气怎么样")
        #expect(outOfScope[0].sessions == 3)
        #expect(outOfScope[0].variants.count == 2)
        #expect(outOfScope[1].text == "社保怎么交")

        let unclear = report.groups(.unclear)
        #expect(unclear.count == 1 && unclear[0].count == 2)

        let low = report.groups(.lowConfidence)
        #expect(low.count == 1)
        #expect(low[0].text == "钱能拿出来吗" && low[0].count == 3)
        #expect(low[0].intents == ["withdraw_purchase", "withdraw_rent"])
        #expect(abs(low[0].meanConfidence - 0.35) < 1e-9)

        #expect(report.turnCounts[.outOfScope] == 4)
        #expect(!outOfScope.contains { $0.text.contains("PIN") })
    }

    @Test("review keeps the limit per category")
    func reviewLimit() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        for i in 0..<30 {
            try store.logTurn(turn("问题\(i)", intent: "out_of_scope", confidence: 0.1, at: Double(i)))
        }
        let report = try store.review(since: t0, until: t0.addingTimeInterval(60), limit: 5)
        #expect(report.groups(.outOfScope).count == 5)
        #expect(report.turnCounts[.outOfScope] == 30)
    }
}
