import Foundation
import GRDB
import Testing
@testable import AnjuStore

/// The batching log writer (issue 13, #4 and #6).
@Suite("Conversation log writer")
struct LogWriterTests {
    static func turn(_ n: Int, session: String = "s") -> TurnRecord {
        TurnRecord(session: session, channel: "chat", text: "租房能提多少 \(n)", intent: "withdraw_rent", confidence: 0.9, reply: "可以提取")
    }

    @Test("under a foreign BEGIN IMMEDIATE, enqueueing stays fast and every row is written once the lock is released")
    func lockHeldElsewhere() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        let store = try AccountStore(path: path, options: Fixtures.fast)
        let warnings = WarningSink()
        let writer = try store.makeLogWriter(options: .init(rowsPerPeerPerMinute: 0), health: StoreHealth(warn: warnings.add))
        defer { writer.close() }
        let other = try DatabaseQueue(path: path)
        var slowest = Duration.zero
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            for n in 0..<300 {
                let start = ContinuousClock.now
                #expect(writer.enqueue(Self.turn(n)))
                slowest = max(slowest, ContinuousClock.now - start)
            }
            Thread.sleep(forTimeInterval: 1.5)
            #expect(try store.turnCount() == 0)
            try db.execute(sql: "COMMIT")
        }
        #expect(slowest < .milliseconds(50))
        #expect(writer.flush(timeout: 10))
        #expect(try store.turnCount() == 300)
        #expect(writer.health.counts.writeFailures >= 1)
        #expect(warnings.lines.count == 1, "the first failure is logged once: \(warnings.lines)")
    }

    @Test("a full queue drops and counts rows, with one warning")
    func overflow() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        let store = try AccountStore(path: path, options: Fixtures.fast)
        let warnings = WarningSink()
        let writer = try store.makeLogWriter(options: .init(capacity: 10, rowsPerPeerPerMinute: 0), health: StoreHealth(warn: warnings.add))
        defer { writer.close() }
        try AppDatabase.withExclusiveLock(onDatabaseAt: path) {
            for n in 0..<30 { writer.enqueue(Self.turn(n)) }
        }
        #expect(writer.flush(timeout: 10))
        #expect(writer.health.counts.droppedRows == 20)
        #expect(try store.turnCount() == 10)
        #expect(warnings.lines.filter { $0.contains("queue full") }.count == 1)
    }

    @Test("one peer's rows beyond its share per minute are dropped and counted")
    func perPeerRate() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let writer = try store.makeLogWriter(options: .init(rowsPerPeerPerMinute: 5))
        defer { writer.close() }
        for n in 0..<8 { writer.enqueue(Self.turn(n), peer: "10.0.0.1") }
        for n in 0..<3 { writer.enqueue(Self.turn(n), peer: "10.0.0.2") }
        #expect(writer.flush())
        #expect(try store.turnCount() == 8)
        #expect(writer.health.counts.rateLimitedRows == 3)
    }

    @Test("rows are masked before they are queued")
    func masked() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let writer = try store.makeLogWriter()
        defer { writer.close() }
        writer.enqueue(TurnRecord(session: "s", channel: "ivr", text: "三三零九零二一九八八零七一五零零一三", intent: "balance_query",
                                  confidence: 1, reply: "请输入密码"))
        #expect(writer.flush())
        let text = try store.turns(session: "s").first?.text ?? ""
        #expect(!text.contains("一九八八零七一五"))
    }
}

/// Collects warnings (thread-safe).
final class WarningSink: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    @Sendable func add(_ line: String) { storage.withLock { $0.append(line) } }
}

import Synchronization
