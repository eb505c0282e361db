import AnjuData
import AnjuDialogue
import AnjuStore
import Foundation
import Testing

/// A shared session store that cannot be reached (PostgreSQL down): turns run without
/// memory. Policy questions are answered; a member question is refused at once with
/// `store_unavailable` rather than starting a verification the next turn would forget.
@Suite("Turns without session memory")
struct SessionMemoryTests {
    /// The two ways a store can be down: it throws (the assistant answers without it), or
    /// it runs the turn itself without state, as `PostgresSessionStore` does.
    enum Failure: CaseIterable, Sendable { case throwing, fallback }

    @Test("policy answered, member question refused with store_unavailable", arguments: Failure.allCases)
    func memberQuestionRefused(failure: Failure) async throws {
        let assistant = try Assistant.load(files: DataBundle.embedded.files, profile: "reference", members: FakeDirectory(),
                                           sessions: UnreachableSessions(failure: failure))
        let policy = await assistant.ask(session: "m1", channel: .chat, text: "租房能提多少")
        #expect(policy.errorCode == nil)
        #expect(policy.reply.contains("元"), "\(policy.reply)")
        let member = await assistant.ask(session: "m1", channel: .chat, text: "查余额")
        #expect(member.errorCode == "store_unavailable", "\(member.reply)")
        #expect(member.expecting == nil)
        #expect(member.reply.contains("暂时不可用"), "\(member.reply)")
    }

    @Test("with session memory the same member question starts verification")
    func memberQuestionWithMemory() async {
        let reply = await Fixtures.assistant().ask(session: "m2", channel: .chat, text: "查余额")
        #expect(reply.expecting == "id_number")
        #expect(reply.errorCode == nil)
        #expect(SessionMemory.unavailable == false)
    }
}

/// A session store that is down.
struct UnreachableSessions: SessionStore {
    let failure: SessionMemoryTests.Failure

    func withSession<T: Sendable>(_ id: String, now: Date, _ body: (inout SessionState?) async throws -> T) async throws -> T {
        switch failure {
        case .throwing:
            throw StoreError(.storeUnavailable, "会话存储不可用 / session store unavailable")
        case .fallback:
            var state: SessionState?
            return try await SessionMemory.$unavailable.withValue(true) { try await body(&state) }
        }
    }

    func reset(_ id: String) async throws { throw StoreError(.storeUnavailable, "会话存储不可用 / session store unavailable") }
    func count(now: Date) async throws -> Int { 0 }
}
