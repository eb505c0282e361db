@testable import AnjuPostgres
import AnjuStore
import Foundation
import Testing

/// The member-store contract on SQLite (always) …
@Suite("MemberStore contract on SQLite")
struct SQLiteContractTests {
    @Test("SQLite store keeps the contract", arguments: MemberStoreContract.all.map(\.0))
    func contract(_ name: String) async throws {
        let body = try #require(MemberStoreContract.all.first { $0.0 == name }?.1)
        try await body(AccountStore.inMemory(options: Fixtures.fast))
    }
}

/// … and on PostgreSQL, when a server is given.
@Suite("MemberStore contract on PostgreSQL", .enabled(if: TestPostgres.available, TestPostgres.skipReason))
struct PostgresContractTests {
    @Test("PostgreSQL store keeps the contract", arguments: MemberStoreContract.all.map(\.0))
    func contract(_ name: String) async throws {
        let body = try #require(MemberStoreContract.all.first { $0.0 == name }?.1)
        try await TestPostgres.withMemberStore { stores in try await body(stores[0]) }
    }
}
