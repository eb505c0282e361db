import Foundation
import Testing
import AnjuStore

@Suite("Member verification and lock-out")
struct VerificationTests {
    let id = "330902198807150013"
    let pin = "918273"
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    func store() throws -> AccountStore {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row(), Fixtures.row(Fixtures.otherMember)]))
        return store
    }

    @Test("the right ID number and PIN verify the member")
    func success() throws {
        let outcome = try store().verify(idNumber: id, pin: pin, now: t0)
        guard case .verified(let account) = outcome else { Issue.record("\(outcome)"); return }
        #expect(account.accountNo == "900000000001")
        #expect(account.failedAttempts == 0)
    }

    @Test("a wrong PIN counts down the remaining tries")
    func wrongPINCountsDown() throws {
        let store = try store()
        for remaining in [4, 3, 2, 1] {
            #expect(try store.verify(idNumber: id, pin: "000000", now: t0) == .wrongPIN(remainingTries: remaining))
        }
        #expect(try store.account(number: "900000000001")?.failedAttempts == 4)
    }

    @Test("a success resets the count")
    func successResets() throws {
        let store = try store()
        _ = try store.verify(idNumber: id, pin: "000000", now: t0)
        _ = try store.verify(idNumber: id, pin: "000000", now: t0)
        #expect(try store.verify(idNumber: id, pin: pin, now: t0).isVerified)
        #expect(try store.verify(idNumber: id, pin: "000000", now: t0) == .wrongPIN(remainingTries: 4))
    }

    @Test("the fifth wrong PIN locks the member for 15 minutes, even with the right PIN")
    func fifthFailureLocks() throws {
        let store = try store()
        for _ in 0..<4 { _ = try store.verify(idNumber: id, pin: "000000", now: t0) }
        let until = t0.addingTimeInterval(15 * 60)
        #expect(try store.verify(idNumber: id, pin: "000000", now: t0) == .locked(until: until))
        #expect(try store.verify(idNumber: id, pin: pin, now: t0.addingTimeInterval(60)) == .locked(until: until))
        #expect(try store.lockedUntil(idNumber: id, now: t0) == until)
        // Another member is not affected.
        #expect(try store.verify(idNumber: "330903199203220026", pin: "564738", now: t0).isVerified)
    }

    @Test("the lock expires after 15 minutes and the count starts again")
    func lockExpires() throws {
        let store = try store()
        for _ in 0..<5 { _ = try store.verify(idNumber: id, pin: "000000", now: t0) }
        #expect(try store.verify(idNumber: id, pin: pin, now: t0.addingTimeInterval(15 * 60 - 1)) == .locked(until: t0.addingTimeInterval(15 * 60)))
        #expect(try store.lockedUntil(idNumber: id, now: t0.addingTimeInterval(15 * 60)) == nil)
        let later = t0.addingTimeInterval(15 * 60)
        #expect(try store.verify(idNumber: id, pin: "000000", now: later) == .wrongPIN(remainingTries: 4))
        #expect(try store.verify(idNumber: id, pin: pin, now: later).isVerified)
    }

    @Test("the lock is kept in the database: reopening it does not unlock the member")
    func lockSurvivesReopening() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        do {
            let store = try AccountStore(path: path, options: Fixtures.fast)
            try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
            for _ in 0..<5 { _ = try store.verify(idNumber: id, pin: "000000", now: t0) }
        }
        let reopened = try AccountStore(path: path, options: Fixtures.fast)
        #expect(try reopened.verify(idNumber: id, pin: pin, now: t0.addingTimeInterval(600)) == .locked(until: t0.addingTimeInterval(900)))
    }

    @Test("a wrong check digit is not a failed try")
    func wrongCheckDigitDoesNotCount() throws {
        let store = try store()
        for _ in 0..<10 {
            #expect(try store.verify(idNumber: "330902198807150014", pin: "000000", now: t0) == .invalidIDNumber(.wrongCheckDigit))
        }
        #expect(try store.account(number: "900000000001")?.failedAttempts == 0)
        #expect(IDNumber.retryPrompt == "号码有误，请重新输入")
    }

    @Test("a PIN that is not 6 digits is not a failed try")
    func malformedPINDoesNotCount() throws {
        let store = try store()
        #expect(try store.verify(idNumber: id, pin: "12345", now: t0) == .malformedPIN)
        #expect(try store.verify(idNumber: id, pin: "abcdef", now: t0) == .malformedPIN)
        #expect(try store.account(number: "900000000001")?.failedAttempts == 0)
    }

    @Test("an unknown member is reported as such and locks nobody")
    func unknownMember() throws {
        let store = try store()
        for _ in 0..<6 {
            #expect(try store.verify(idNumber: "32090219751108003X", pin: "000000", now: t0) == .unknownMember)
        }
    }

    @Test("a lowercase x in the ID number finds the member")
    func lowercaseX() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row(CSVImportTests.third)]))
        #expect(try store.verify(idNumber: "32090219751108003x", pin: "246810", now: t0).isVerified)
    }

    @Test("staff can unlock a locked member")
    func unlock() throws {
        let store = try store()
        for _ in 0..<5 { _ = try store.verify(idNumber: id, pin: "000000", now: t0) }
        try store.unlock(accountNo: "900000000001")
        #expect(try store.verify(idNumber: id, pin: pin, now: t0).isVerified)
        #expect(throws: StoreError.self) { try store.unlock(accountNo: "nobody") }
    }

    @Test("re-importing a locked member keeps the lock")
    func importKeepsLock() throws {
        let store = try store()
        for _ in 0..<5 { _ = try store.verify(idNumber: id, pin: "000000", now: t0) }
        try store.importCSV(text: Fixtures.csv([Fixtures.row(["pin": ""])]))
        #expect(try store.account(number: "900000000001")?.isLocked(at: t0) == true)
    }

    @Test("concurrent wrong guesses get no more than five tries between them")
    func concurrentGuesses() async throws {
        let store = try store()
        let t0 = self.t0
        let id = self.id
        let outcomes = try await withThrowingTaskGroup(of: VerificationOutcome.self) { group in
            for _ in 0..<12 {
                group.addTask { try store.verify(idNumber: id, pin: "000000", now: t0) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let wrong = outcomes.filter { if case .wrongPIN = $0 { true } else { false } }
        #expect(wrong.count == 4)
        #expect(outcomes.count - wrong.count == 8)
        #expect(outcomes.allSatisfy { if case .verified = $0 { false } else { true } })
    }
}
