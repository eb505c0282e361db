@testable import AnjuPostgres
import AnjuStore
import Foundation
import Testing

@Suite("PostgreSQL under concurrency", .enabled(if: TestPostgres.available, TestPostgres.skipReason))
struct PostgresConcurrencyTests {
    @Test("20 concurrent wrong PINs over four connection pools lock after exactly 5")
    func concurrentWrongPINsLockAfterFive() async throws {
        try await TestPostgres.withMemberStore(pools: 4) { stores in
            try await MemberStoreContract.load(stores[0])
            let outcomes = try await withThrowingTaskGroup(of: VerificationOutcome.self) { group in
                for i in 0..<20 {
                    let store = stores[i % stores.count]
                    group.addTask { try await store.verify(idNumber: Fixtures.id, pin: "000000", now: Fixtures.t0) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let wrong = outcomes.filter { if case .wrongPIN = $0 { true } else { false } }
            let locked = outcomes.filter { if case .locked = $0 { true } else { false } }
            #expect(wrong.count == 4)
            #expect(locked.count == 16)
            #expect(Set(wrong.map { "\($0)" }).count == 4)  // 4, 3, 2 and 1 tries left, each once
            #expect(try await stores[1].account(number: "900000000001")?.failedAttempts == 5)
        }
    }

    @Test("migrating from several processes at once applies each migration once")
    func concurrentMigrations() async throws {
        try await TestPostgres.withFreshDatabase { url in
            let databases = try (0..<3).map { _ in try TestPostgres.pool(url, maximumConnections: 2) }
            let results = try await withThrowingTaskGroup(of: PostgresMigrator.Result.self) { group in
                for database in databases { group.addTask { try await PostgresMigrator.migrate(database) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.map(\.applied.count).sorted() == [0, 0, PostgresMigrator.latestVersion])
            #expect(try await PostgresMigrator.migrate(databases[0]).applied.isEmpty)
            for database in databases { await database.shutdown() }
        }
    }

    struct Counter: Codable, Sendable, Equatable {
        var turns: [String] = []
    }

    @Test("two turns of one session never interleave; the second sees the first's state")
    func sessionTurnsAreExclusive() async throws {
        try await TestPostgres.withFreshDatabase { url in
            let a = try TestPostgres.pool(url, maximumConnections: 4)
            let b = try TestPostgres.pool(url, maximumConnections: 4)
            try await PostgresMigrator.migrate(a)
            let first = PostgresSessionStore<Counter>(database: a)
            let second = PostgresSessionStore<Counter>(database: b)
            let now = Date()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<10 {
                    let store = i.isMultiple(of: 2) ? first : second
                    group.addTask {
                        try await store.withSession("s-1", now: now) { state in
                            var counter = state ?? Counter()
                            counter.turns.append("start \(i)")
                            try await Task.sleep(for: .milliseconds(20))
                            counter.turns.append("end \(i)")
                            state = counter
                        }
                    }
                }
                try await group.waitForAll()
            }
            let final = try await first.withSession("s-1", now: now) { state in state }
            let turns = try #require(final?.turns)
            #expect(turns.count == 20)
            // Strictly start/end pairs: no turn began while another was in progress.
            for pair in stride(from: 0, to: turns.count, by: 2) {
                #expect(turns[pair].hasPrefix("start ") && turns[pair + 1] == "end " + turns[pair].dropFirst(6))
            }
            #expect(try await second.count(now: now) == 1)
            // Expired state is forgotten.
            let later = now.addingTimeInterval(31 * 60)
            #expect(try await second.withSession("s-1", now: later) { state in state } == nil)
            await a.shutdown()
            await b.shutdown()
        }
    }

    @Test("instances asking at once for the shared session-id key all get the same one, made once")
    func sharedSecretIsMadeOnce() async throws {
        try await TestPostgres.withFreshDatabase { url in
            let pools = try (0..<4).map { _ in try TestPostgres.pool(url, maximumConnections: 2) }
            try await PostgresMigrator.migrate(pools[0])
            let secrets = try await withThrowingTaskGroup(of: String.self) { group in
                for pool in pools {
                    group.addTask { try await PostgresSessionStore<Counter>(database: pool).sharedSecret() }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(secrets).count == 1)
            #expect(secrets[0].count == 64)
            #expect(try await PostgresSessionStore<Counter>(database: pools[1]).sharedSecret() == secrets[0])
            #expect(try await PostgresSessionStore<Counter>(database: pools[2]).sharedSecret(name: "other") != secrets[0])
            for pool in pools { await pool.shutdown() }
        }
    }
}

@Suite("PostgreSQL unreachable")
struct PostgresUnavailableTests {
    @Test("an unreachable server gives store_unavailable, in Chinese and English, without the password")
    func unreachableIsStoreUnavailable() async throws {
        let database = try PostgresPool(url: "postgres://anju:s3cret-pw@127.0.0.1:1/anju", operationTimeout: .seconds(1))
        let store = PostgresMemberStore(database: database, options: Fixtures.fast)
        do {
            _ = try await store.verify(idNumber: Fixtures.id, pin: "000000", now: Fixtures.t0)
            Issue.record("verified without a server")
        } catch {
            #expect(error.code == .storeUnavailable)
            #expect(error.message.contains("暂时无法连接"))
            #expect(error.message.contains("cannot reach"))
            #expect(!error.message.contains("s3cret-pw"))
            #expect(error.message.contains("postgres://anju@127.0.0.1:1/anju"))
        }
        // A session turn still runs (without memory) so policy questions are answered.
        let sessions = PostgresSessionStore<[String]>(database: database)
        let answer = try await sessions.withSession("s", now: Date()) { state -> String in
            #expect(state == nil)
            state = ["remembered?"]
            return "policy answer"
        }
        #expect(answer == "policy answer")
        await database.shutdown()
    }

    @Test("a URL is parsed and shown without its password")
    func locationHidesPassword() throws {
        let location = try PostgresLocation("postgres://u%40x:p%3Aw@db.example:6543/anju?sslmode=require")
        #expect(location.username == "u@x" && location.host == "db.example" && location.port == 6543)
        #expect(location.database == "anju" && location.sslMode == "require")
        #expect(location.description == "postgres://u@x@db.example:6543/anju")
        #expect(throws: StoreError.self) { try PostgresLocation("/var/lib/anju.sqlite") }
    }
}
