import Foundation
import Testing
import AnjuStore

/// The SQLite store through the `MemberStore` seam the assistant uses.
@Suite("SQLite store as a MemberStore")
struct MemberStoreTests {
    let id = "330902198807150013"
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    func store() throws -> any MemberStore {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
        return store
    }

    @Test("verification through the seam: right PIN verifies, a wrong one counts down")
    func verifyThroughSeam() async throws {
        let members = try store()
        #expect(try await members.verify(idNumber: id, pin: "000000", now: t0) == .wrongPIN(remainingTries: 4))
        guard case .verified(let account) = try await members.verify(idNumber: id, pin: "918273", now: t0) else {
            Issue.record("not verified"); return
        }
        #expect(account.accountNo == "900000000001")
        #expect(try await members.lockedUntil(idNumber: id, now: t0) == nil)
    }

    @Test("20 concurrent wrong PINs lock the member after exactly 5")
    func concurrentWrongPINsLockAfterFive() async throws {
        let members = try store()
        let t0 = self.t0, id = self.id
        let outcomes = try await withThrowingTaskGroup(of: VerificationOutcome.self) { group in
            for _ in 0..<20 { group.addTask { try await members.verify(idNumber: id, pin: "000000", now: t0) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let wrong = outcomes.filter { if case .wrongPIN = $0 { true } else { false } }
        #expect(wrong.count == 4)
        #expect(outcomes.filter { if case .locked = $0 { true } else { false } }.count == 16)
        #expect(try await members.account(number: "900000000001")?.failedAttempts == 5)
        #expect(try await members.lockedUntil(idNumber: id, now: t0) != nil)
    }

    @Test("logTurns masks numbers and keeps no PIN text")
    func logTurnsMasks() async throws {
        let members = try store()
        try await members.logTurns([
            TurnRecord(session: "s1", time: t0, channel: "chat", text: "我的身份证\(id)", intent: "balance_query",
                       confidence: 0.9, reply: "请输入密码"),
            TurnRecord(session: "s1", time: t0, channel: "chat", text: "918273", intent: "balance_query",
                       confidence: 1, reply: "验证成功", containsPIN: true),
        ])
        let turns = try await members.turns(session: "s1")
        #expect(turns.count == 2)
        #expect(!turns[0].text.contains(id))
        #expect(turns[1].text == "[PIN]")
        try await members.ping()
        #expect(try await members.accountCount() == 1)
    }
}
