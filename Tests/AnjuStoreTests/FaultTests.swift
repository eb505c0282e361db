import Foundation
import Testing
@testable import AnjuStore

@Suite("Database faults")
struct FaultTests {
    @Test("a missing directory is created, with the database and the demo members")
    func missingDirectoryCreated() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("a/b/anju.sqlite").path
        let store = try AccountStore(path: path, seed: .demo, options: Fixtures.fast)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(store.seededCount >= 50)
        #expect(try store.accountCount() == store.seededCount)
        // Opening again does not seed twice.
        let again = try AccountStore(path: path, seed: .demo, options: Fixtures.fast)
        #expect(again.seededCount == 0)
        #expect(try again.accountCount() == store.seededCount)
    }

    @Test("the database is in WAL mode")
    func walMode() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        let store = try AccountStore(path: path, options: Fixtures.fast)
        let mode = try store.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test("a directory that cannot be created is a cannotOpen error naming it")
    func directoryCannotBeCreated() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let file = directory.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let path = file.appendingPathComponent("sub/anju.sqlite").path
        let error = #expect(throws: StoreError.self) { try AccountStore(path: path, options: Fixtures.fast) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.message.contains(file.path) == true)
    }

    @Test("a corrupt file is a corrupt error naming the file and what to do")
    func corruptFile() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try AccountStore(path: path, seed: .demo, options: Fixtures.fast) }
        #expect(error?.code == .corrupt)
        #expect(error?.path == path)
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("备份") == true && error?.message.contains("backup") == true)
    }

    @Test("a read-only file is a readOnly error naming the file")
    func readOnlyFile() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        do {
            let store = try AccountStore(path: path, options: Fixtures.fast)
            try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
        }
        guard let undo = ReadOnlyFile.make(path) else {
            // Neither permissions (running as root) nor the immutable attribute work here.
            print("skipped: cannot make a file read-only on this machine")
            return
        }
        defer { undo() }
        // Opening already fails on this platform (WAL needs to write beside the file);
        // where it does not, reads work and every write fails.
        let store: AccountStore
        do {
            store = try AccountStore(path: path, options: Fixtures.fast)
        } catch {
            #expect(error.code == .readOnly)
            #expect(error.path == path)
            #expect(error.message.contains(path))
            #expect(error.message.contains("--db"))
            return
        }
        #expect(try store.account(number: "900000000001")?.name == "测试甲")
        let error = #expect(throws: StoreError.self) {
            try store.importCSV(text: Fixtures.csv([Fixtures.row(Fixtures.otherMember)]))
        }
        #expect(error?.code == .readOnly)
        #expect(error?.message.contains(path) == true)
        let logError = #expect(throws: StoreError.self) {
            try store.logTurn(TurnRecord(session: "s", channel: "chat", text: "你好", intent: "greeting", confidence: 1, reply: "您好"))
        }
        #expect(logError?.code == .readOnly)
    }

    @Test("a database locked by another connection is a databaseLocked error, not a hang")
    func lockedByAnotherConnection() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        let store = try AccountStore(path: path, options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            try AppDatabase.withExclusiveLock(onDatabaseAt: path) {
                let error = #expect(throws: StoreError.self) {
                    try store.importCSV(text: Fixtures.csv([Fixtures.row(Fixtures.otherMember)]))
                }
                #expect(error?.code == .databaseLocked)
                #expect(error?.message.contains(path) == true)
                let verifyError = #expect(throws: StoreError.self) {
                    try store.verify(idNumber: "330902198807150013", pin: "000000")
                }
                #expect(verifyError?.code == .storeUnavailable)
            }
        }
        #expect(elapsed < .seconds(5))
        // Nothing was written while locked, and the store works again afterwards.
        #expect(try store.accountCount() == 1)
        #expect(try store.account(number: "900000000001")?.failedAttempts == 0)
        try store.importCSV(text: Fixtures.csv([Fixtures.row(Fixtures.otherMember)]))
        #expect(try store.accountCount() == 2)
    }

    @Test("a failed import writes nothing, even when the failure comes from the database")
    func noPartialWrites() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        let store = try AccountStore(path: path, options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
        try AppDatabase.withExclusiveLock(onDatabaseAt: path) {
            _ = try? store.importCSV(text: Fixtures.demoCSV)
        }
        #expect(try store.accountCount() == 1)
    }
}

/// Makes a file read-only for this process: by permissions, or — as root, who ignores
/// permissions — with the immutable attribute. Returns how to undo it, or nil.
enum ReadOnlyFile {
    static func make(_ path: String) -> (() -> Void)? {
        if geteuid() != 0 {
            guard chmod(path, 0o444) == 0 else { return nil }
            return { _ = chmod(path, 0o644) }
        }
        guard run("/usr/bin/chattr", "+i", path) || run("/bin/chattr", "+i", path) else { return nil }
        return { _ = run("/usr/bin/chattr", "-i", path) || run("/bin/chattr", "-i", path) }
    }

    private static func run(_ tool: String, _ arguments: String...) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }
}
