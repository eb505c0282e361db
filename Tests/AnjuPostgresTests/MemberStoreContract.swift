import AnjuStore
import Foundation
import Testing

/// The behaviour every `MemberStore` must have, whatever engine holds it. Each function
/// takes an empty store; the SQLite and PostgreSQL suites call every one of them.
enum MemberStoreContract {
    static let t0 = Fixtures.t0
    static let id = Fixtures.id
    static let pin = Fixtures.pin

    static func load(_ store: any MemberStore) async throws {
        _ = try await store.importCSV(text: Fixtures.csv([Fixtures.row(), Fixtures.row(Fixtures.otherMember)]),
                                      path: "members.csv", actor: "tester", progress: { _ in })
    }

    /// Right PIN verifies; wrong PINs count down; the fifth locks for 15 minutes, even the
    /// right PIN; the lock expires and the count starts again; a success resets the count.
    static func verificationAndLockOut(_ store: any MemberStore) async throws {
        try await load(store)
        let verified = try await store.verify(idNumber: id, pin: pin, now: t0)
        guard case .verified(let account) = verified else { Issue.record("\(verified)"); return }
        #expect(account.accountNo == "900000000001" && account.name == "测试甲" && account.balance == 12345.67)
        #expect(account.lastDeposit == "2026-10" && account.sealedSince == nil && account.married)

        for remaining in [4, 3, 2, 1] {
            #expect(try await store.verify(idNumber: id, pin: "000000", now: t0) == .wrongPIN(remainingTries: remaining))
        }
        #expect(try await store.account(number: "900000000001")?.failedAttempts == 4)
        let until = t0.addingTimeInterval(15 * 60)
        #expect(try await store.verify(idNumber: id, pin: "000000", now: t0) == .locked(until: until))
        #expect(try await store.verify(idNumber: id, pin: pin, now: t0.addingTimeInterval(60)) == .locked(until: until))
        #expect(try await store.lockedUntil(idNumber: id, now: t0) == until)
        // Another member is not affected.
        #expect(try await store.verify(idNumber: "330903199203220026", pin: "564738", now: t0).isVerified)
        // The lock expires and the count starts again.
        #expect(try await store.lockedUntil(idNumber: id, now: until) == nil)
        #expect(try await store.verify(idNumber: id, pin: "000000", now: until) == .wrongPIN(remainingTries: 4))
        #expect(try await store.verify(idNumber: id, pin: pin, now: until).isVerified)
        #expect(try await store.verify(idNumber: id, pin: "000000", now: until) == .wrongPIN(remainingTries: 4))
    }

    /// Bad ID numbers, malformed PINs and unknown members are not counted.
    static func notCounted(_ store: any MemberStore) async throws {
        try await load(store)
        for _ in 0..<6 {
            #expect(try await store.verify(idNumber: "330902198807150014", pin: "000000", now: t0) == .invalidIDNumber(.wrongCheckDigit))
            #expect(try await store.verify(idNumber: id, pin: "12345", now: t0) == .malformedPIN)
            #expect(try await store.verify(idNumber: "32090219751108003X", pin: "000000", now: t0) == .unknownMember)
        }
        #expect(try await store.account(number: "900000000001")?.failedAttempts == 0)
    }

    /// Staff unlock clears the lock-out and writes an audit row; an unknown account is
    /// `.notFound`.
    static func unlockIsAudited(_ store: any MemberStore) async throws {
        try await load(store)
        for _ in 0..<5 { _ = try await store.verify(idNumber: id, pin: "000000", now: t0) }
        let result = try await store.unlock(accountNo: "900000000001", actor: "staff-7", now: t0)
        #expect(result.wasLocked && result.clearedAttempts == 5)
        #expect(try await store.verify(idNumber: id, pin: pin, now: t0).isVerified)
        let audit = try await store.auditEntries(limit: 10)
        #expect(audit.first?.action == "unlock" && audit.first?.actor == "staff-7" && audit.first?.subject == "900000000001")
        #expect(audit.first?.count == 1)
        await #expect(throws: StoreError.self) { _ = try await store.unlock(accountNo: "nobody", actor: "x", now: t0) }
    }

    /// An import is all or nothing, audited; a re-import keeps the lock-out and, with an
    /// empty PIN, the PIN.
    static func importAllOrNothing(_ store: any MemberStore) async throws {
        try await load(store)
        #expect(try await store.accountCount() == 2)
        let audit = try await store.auditEntries(limit: 5)
        #expect(audit.first?.action == "import" && audit.first?.count == 2 && audit.first?.subject == "members.csv")

        // A bad second row: nothing of the first is written either.
        let bad = Fixtures.csv([Fixtures.row(["account_no": "900000000009", "id_number": "32090219751108003X", "name": "新人"]),
                                Fixtures.row(["account_no": "900000000010", "id_number": "330902198807150014"])])
        do {
            _ = try await store.importCSV(text: bad, path: "bad.csv", actor: "tester", progress: { _ in })
            Issue.record("a bad CSV was imported")
        } catch {
            #expect(error.code == .badCSV && error.line == 3)
        }
        #expect(try await store.accountCount() == 2)
        #expect(try await store.account(number: "900000000009") == nil)

        // Re-import with an empty PIN: the data changes, the lock and the PIN stay.
        for _ in 0..<5 { _ = try await store.verify(idNumber: id, pin: "000000", now: Date()) }
        let summary = try await store.importCSV(text: Fixtures.csv([Fixtures.row(["pin": "", "balance": "99.50"])]),
                                                path: nil, actor: "tester", progress: { _ in })
        #expect(summary.updated == 1 && summary.inserted == 0)
        let account = try #require(try await store.account(number: "900000000001"))
        #expect(account.balance == 99.5 && account.isLocked(at: Date()))
        _ = try await store.unlock(accountNo: "900000000001", actor: "x", now: Date())
        #expect(try await store.verify(idNumber: id, pin: pin, now: Date()).isVerified)

        // A new member without a PIN is refused.
        do {
            _ = try await store.importCSV(text: Fixtures.csv([Fixtures.row(["account_no": "900000000011", "id_number": "32090219751108003X", "pin": ""])]),
                                          path: nil, actor: "tester", progress: { _ in })
            Issue.record("a new member without a PIN was imported")
        } catch {
            #expect(error.code == .badCSV && error.column == "pin")
        }
    }

    static func turn(_ text: String, intent: String, confidence: Double = 0.9, session: String = "s1",
                     at offset: TimeInterval = 0, reply: String = "好的", pin: Bool = false) -> TurnRecord {
        TurnRecord(session: session, time: t0.addingTimeInterval(offset), channel: "chat", text: text, intent: intent,
                   confidence: confidence, reply: reply, containsPIN: pin)
    }

    /// The log keeps every field in order, masks ID numbers, phones and 6-digit numbers, and
    /// keeps no text of a PIN turn.
    static func logMasking(_ store: any MemberStore) async throws {
        try await store.logTurns([
            turn("身份证330902198807150013 手机13857201234", intent: "balance_query", confidence: 0.82,
                 reply: "已收到330902198807150013"),
            turn("一三五七九〇", intent: "balance_query", at: 1, pin: true),
            turn("我的密码是135790吧", intent: "password_service", at: 2),
        ])
        let turns = try await store.turns(session: "s1")
        #expect(turns.count == 3)
        #expect(turns[0].text == "身份证330***********0013 手机138****1234")
        #expect(turns[0].reply == "已收到330***********0013")
        #expect(turns[0].confidence == 0.82 && turns[0].channel == "chat" && turns[0].time == t0)
        #expect(turns[1].text == "[PIN]" && turns[1].pinTurn)
        #expect(turns[2].text == "我的密码是******吧")
    }

    /// Purging deletes the turns before a date and is audited.
    static func purgeIsAudited(_ store: any MemberStore) async throws {
        try await store.logTurns((0..<10).map { turn("问题\($0)", intent: "faq", at: Double($0) * 60) })
        let deleted = try await store.purgeTurns(before: t0.addingTimeInterval(5 * 60), actor: "retention")
        #expect(deleted == 5)
        #expect(try await store.turns(session: "s1").count == 5)
        let audit = try await store.auditEntries(limit: 1)
        #expect(audit.first?.action == "purge" && audit.first?.count == 5 && audit.first?.actor == "retention")
    }

    /// Review groups out-of-scope, unclear and low-confidence queries as SQLite does.
    static func reviewGroups(_ store: any MemberStore) async throws {
        try await store.logTurns([
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
            turn("今天天气怎么样", intent: "out_of_scope", confidence: 0.1, session: "z", at: -10),
            turn("股票推荐", intent: "out_of_scope", confidence: 0.1, session: "z", at: 3600),
        ])
        let report = try await store.review(since: t0, until: t0.addingTimeInterval(3600), limit: 10, lowConfidence: 0.5)
        #expect(report.totalTurns == 11)
        let outOfScope = report.groups(.outOfScope)
        #expect(outOfScope.map(\.count) == [3, 1])
        #expect(outOfScope.first?.text == "今天天气怎么样" && outOfScope.first?.sessions == 3)
        #expect(report.groups(.unclear).map(\.count) == [2])
        let low = report.groups(.lowConfidence)
        #expect(low.count == 1 && low.first?.count == 3)
        #expect(low.first?.intents == ["withdraw_purchase", "withdraw_rent"])
        #expect(report.turnCounts[.outOfScope] == 4)
    }

    /// Every contract function, by name, for the engine suites.
    static let all: [(String, @Sendable (any MemberStore) async throws -> Void)] = [
        ("verification and lock-out", verificationAndLockOut),
        ("bad input and unknown members are not counted", notCounted),
        ("unlock is audited", unlockIsAudited),
        ("import is all or nothing and audited", importAllOrNothing),
        ("the log is masked", logMasking),
        ("purge is audited", purgeIsAudited),
        ("review groups", reviewGroups),
    ]
}
