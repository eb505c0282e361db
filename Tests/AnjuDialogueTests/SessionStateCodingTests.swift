import AnjuData
import AnjuJSON
import AnjuStore
import Synchronization
import Foundation
import Testing
@testable import AnjuDialogue

@Suite("Session state as JSON (what a shared session store keeps)")
struct SessionStateCodingTests {
    @Test("a state with a form, a completed answer, a verification and a member survives a JSON round trip")
    func roundTrip() throws {
        var state = SessionState()
        state.form = .init(intent: "loan_quota", facts: ["balance": .double(32_000.5), "continuous_months": .int(24),
                                                       "married": .bool(true), "loan_type": .string("provident"),
                                                       "note": .null, "list": .array([.int(1), .string("二")])],
                           expecting: "monthly_income", lastFilled: "balance", said: ["balance"])
        state.completed = .init(intent: "withdraw_rent", facts: ["monthly_rent": .int(2000)], said: ["monthly_rent"])
        state.verification = .askingPIN(idNumber: "11010519491231002X", for: "balance_query")
        state.member = FakeDirectory.member
        state.unclearOptions = ["loan_quota", "loan_rate"]
        state.unclearText = "贷款"
        state.lockedUntil = Date(timeIntervalSince1970: 1_795_000_000)
        state.lockedIntent = "balance_query"
        state.misunderstood = 1
        state.note("余额查询：查余额")

        let data = try JSONEncoder().encode(state)
        let back = try JSONDecoder().decode(SessionState.self, from: data)
        #expect(back == state)
        #expect(try JSONDecoder().decode(SessionState.self, from: JSONEncoder().encode(SessionState())) == SessionState())
    }

    @Test("a conversation continues from a state that went through JSON between its turns")
    func conversationContinuesAfterRoundTrip() async throws {
        let store = JSONRoundTripSessions()
        let assistant = try Assistant.load(files: DataBundle.embedded.files, profile: "reference", members: FakeDirectory(), sessions: store)
        await assistant.ask(session: "j1", channel: .chat, text: "我能贷多少")
        let second = await assistant.ask(session: "j1", channel: .chat, text: "24个月")
        #expect(second.expecting == "balance")
        #expect(store.writes.withLock { $0 } == 2)
    }
}

/// Sessions kept only as JSON bytes, as a shared store keeps them.
final class JSONRoundTripSessions: SessionStore {
    let table = Mutex<[String: Data]>([:])
    let writes = Mutex(0)

    func withSession<T: Sendable>(_ id: String, now: Date, _ body: (inout SessionState?) async throws -> T) async throws -> T {
        var state = try table.withLock { $0[id] }.map { try JSONDecoder().decode(SessionState.self, from: $0) }
        let result = try await body(&state)
        let data = try state.map { try JSONEncoder().encode($0) }
        table.withLock { $0[id] = data }
        writes.withLock { $0 += 1 }
        return result
    }

    func reset(_ id: String) async throws { _ = table.withLock { $0.removeValue(forKey: id) } }
    func count(now: Date) async throws -> Int { table.withLock { $0.count } }
}
