import Foundation
import Synchronization
import Testing
import AnjuStore

@Suite("In-memory session store")
struct MemorySessionStoreTests {
    struct Counter: Codable, Sendable, Equatable { var turns = 0 }
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("concurrent turns of one session run one at a time, each seeing the last one's state")
    func oneTurnAtATime() async throws {
        let store = MemorySessionStore<Counter>()
        let inside = Shared((now: 0, most: 0))
        let t0 = self.t0
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await store.withSession("s", now: t0) { state in
                        inside.value.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                        let seen = state?.turns ?? 0
                        try await Task.sleep(for: .milliseconds(2))
                        state = Counter(turns: seen + 1)
                        inside.value.withLock { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(inside.value.withLock { $0.most } == 1)
        let turns = try await store.withSession("s", now: t0) { $0?.turns ?? 0 }
        #expect(turns == 20)
    }

    @Test("turns of different sessions run at the same time")
    func sessionsInParallel() async throws {
        let store = MemorySessionStore<Counter>()
        let started = Shared<Set<String>>([])
        async let a = Self.turn(store, "a", other: "b", started: started, now: t0)
        async let b = Self.turn(store, "b", other: "a", started: started, now: t0)
        let (sawB, sawA) = try await (a, b)
        #expect(sawA && sawB)
    }

    /// A turn of `id` that waits (at most 2 s) until the turn of `other` has started too.
    static func turn(_ store: MemorySessionStore<Counter>, _ id: String, other: String, started: Shared<Set<String>>,
                     now: Date) async throws -> Bool {
        try await store.withSession(id, now: now) { _ in
            started.value.withLock { _ = $0.insert(id) }
            for _ in 0..<400 {
                if started.value.withLock({ $0.contains(other) }) { return true }
                try await Task.sleep(for: .milliseconds(5))
            }
            return false
        }
    }

    @Test("a session idle past the timeout is forgotten")
    func idleExpiry() async throws {
        let store = MemorySessionStore<Counter>(idleTimeout: 60)
        try await store.withSession("s", now: t0) { $0 = Counter(turns: 1) }
        let soon = try await store.withSession("s", now: t0.addingTimeInterval(59)) { $0 }
        #expect(soon == Counter(turns: 1))
        let late = try await store.withSession("s", now: t0.addingTimeInterval(59 + 61)) { $0 }
        #expect(late == nil)
    }

    @Test("over capacity the least recently used sessions are dropped")
    func capacityEvictsLeastRecent() async throws {
        let store = MemorySessionStore<Counter>(idleTimeout: 10_000, capacity: 10)
        for n in 0..<11 {
            try await store.withSession("s\(n)", now: t0.addingTimeInterval(Double(n))) { $0 = Counter(turns: n) }
        }
        #expect(store.count(now: t0.addingTimeInterval(20)) <= 10)
        let newest = try await store.withSession("s10", now: t0.addingTimeInterval(20)) { $0 }
        let oldest = try await store.withSession("s0", now: t0.addingTimeInterval(20)) { $0 }
        #expect(newest == Counter(turns: 10))
        #expect(oldest == nil)
    }

    @Test("a turn that throws stores nothing, and reset forgets a session")
    func throwingTurnAndReset() async throws {
        struct Failure: Error {}
        let store = MemorySessionStore<Counter>()
        try await store.withSession("s", now: t0) { $0 = Counter(turns: 1) }
        await #expect(throws: Failure.self) {
            try await store.withSession("s", now: t0) { state in
                state = Counter(turns: 99)
                throw Failure()
            }
        }
        #expect(try await store.withSession("s", now: t0) { $0 } == Counter(turns: 1))
        store.reset("s")
        #expect(try await store.withSession("s", now: t0) { $0 } == nil)
        #expect(store.count(now: t0) == 0)
    }
}

/// A value behind a lock, shareable between tasks.
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
}
