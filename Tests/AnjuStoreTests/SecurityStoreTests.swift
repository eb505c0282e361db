import Foundation
import GRDB
import Testing
@testable import AnjuStore

/// Issue 13: file modes, audit trail, retention, backup, control characters, lock handling.
@Suite("Store security")
struct SecurityStoreTests {
    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("the database, its -wal and -shm are 0600 in a 0700 directory")
    func fileModes() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("new/anju.sqlite").path
        let store = try AccountStore(path: path, options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
        #expect(Self.mode(directory.appendingPathComponent("new").path) == 0o700)
        #expect(Self.mode(path) == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(Self.mode(path + suffix) == 0o600, "\(suffix)")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("a NUL or other control character in a text column is refused, naming the line")
    func controlCharacters() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let bad = Fixtures.csv([Fixtures.row(Fixtures.otherMember), Fixtures.row(["name": "测\u{0}试"])])
        let error = #expect(throws: StoreError.self) { try store.importCSV(text: bad) }
        #expect(error?.code == .badCSV)
        #expect(error?.line == 3)
        #expect(error?.column == "name")
        #expect(error?.message.contains("U+0000") == true)
        #expect(try store.accountCount() == 0)
        #expect(throws: StoreError.self) { try AccountStore.validateCSV(text: Fixtures.csv([Fixtures.row(["name": "a\u{1B}[31m"])])) }
    }

    @Test("imports and unlocks leave audit rows; unlocking an unlocked member says so")
    func auditTrail() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row(), Fixtures.row(Fixtures.otherMember)]), path: "m.csv", actor: "clerk7")
        let nothing = try store.unlock(accountNo: "900000000001", actor: "clerk7")
        #expect(!nothing.changed)
        for _ in 0..<5 { _ = try store.verify(idNumber: Fixtures.zhang.id, pin: "000000") }
        let done = try store.unlock(accountNo: "900000000001", actor: "clerk8")
        #expect(done.wasLocked && done.changed)
        let entries = try store.auditEntries()
        #expect(entries.map(\.action) == ["unlock", "unlock", "import"])
        #expect(entries.map(\.actor) == ["clerk8", "clerk7", "clerk7"])
        #expect(entries.map(\.count) == [1, 0, 2])
        #expect(entries[2].subject == "m.csv")
    }

    @Test("purging removes old turns only and is audited")
    func purge() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        for day in 0..<10 {
            try store.logTurn(TurnRecord(session: "s", time: old.addingTimeInterval(Double(day) * 86_400), channel: "chat",
                                         text: "你好", intent: "greeting", confidence: 1, reply: "您好"))
        }
        let deleted = try store.purgeTurns(before: old.addingTimeInterval(4 * 86_400), actor: "retention")
        #expect(deleted == 4)
        #expect(try store.turnCount() == 6)
        #expect(try store.auditEntries().first?.action == "purge")
        #expect(try store.auditEntries().first?.count == 4)
    }

    @Test("a backup is a consistent 0600 copy, made while the database is open")
    func backup() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        let store = try AccountStore(path: path, options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
        let copy = directory.appendingPathComponent("backup.sqlite").path
        try store.backup(to: copy, actor: "clerk")
        #expect(Self.mode(copy) == 0o600)
        let restored = try AccountStore(path: copy, options: Fixtures.fast)
        #expect(try restored.accountCount() == 1)
        #expect(try store.auditEntries().first?.action == "backup")
        #expect(throws: StoreError.self) { try store.backup(to: copy, actor: "clerk") }
    }

    @Test("verification under a foreign write lock fails fast with store_unavailable and counts nothing")
    func verificationUnderLock() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        let store = try AccountStore(path: path, options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
        let other = try DatabaseQueue(path: path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let start = ContinuousClock.now
            let error = #expect(throws: StoreError.self) { try store.verify(idNumber: Fixtures.zhang.id, pin: "000000") }
            #expect(error?.code == .storeUnavailable)
            #expect(ContinuousClock.now - start < .milliseconds(1000))
        }
        #expect(try store.account(number: "900000000001")?.failedAttempts == 0)
    }

    @Test("attempts are limited per key, unknown IDs and wrong PINs alike")
    func attemptLimiter() {
        let limiter = AttemptLimiter(limit: 5, window: 900)
        let now = Date()
        for n in 0..<4 { #expect(limiter.recordFailure(["conn:1", "session:a"], now: now.addingTimeInterval(Double(n))) == nil) }
        #expect(limiter.blockedUntil(["conn:1"], now: now) == nil)
        #expect(limiter.recordFailure(["conn:1", "session:b"], now: now) != nil)
        #expect(limiter.blockedUntil(["conn:1"], now: now.addingTimeInterval(10)) != nil)
        #expect(limiter.blockedUntil(["session:a"], now: now.addingTimeInterval(10)) == nil)
        #expect(limiter.blockedUntil(["conn:1"], now: now.addingTimeInterval(901)) == nil)
    }
}
