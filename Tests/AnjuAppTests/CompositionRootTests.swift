import AnjuApp
import AnjuData
import AnjuDialogue
import AnjuJSON
import AnjuProtocol
import AnjuStore
import Foundation
import Testing

@Suite("Composition root (AnjuApp.build)")
struct CompositionRootTests {
    static let zhang = (id: "330902198807150013", pin: "135790")

    /// The demo CSV's header and Zhang's row: one member, so seeding is quick.
    static var oneMemberCSV: String {
        let lines = (DataBundle.embedded.text(AccountStore.demoAccountsPath) ?? "").split(separator: "\n")
        return ([lines[0]] + lines.filter { $0.contains(zhang.id) }).joined(separator: "\n") + "\n"
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("anju-app-\(UUID().uuidString)/anju.sqlite").path
    }

    @Test("a SQLite store: a verification through the backend, then the log holds the turns with the PIN masked")
    func sqliteVerificationAndLog() async throws {
        let path = Self.temporaryPath()
        let app = try await AnjuApp.build(.init(store: .sqlite(path: path), seed: .csv(Self.oneMemberCSV)))
        #expect(app.storeError == nil)
        let context = AskContext(secure: true, connection: 1, peer: "127.0.0.1")
        _ = await app.backend.ask(session: "s1", channel: .chat, text: "查余额", context: context)
        _ = await app.backend.ask(session: "s1", channel: .chat, text: Self.zhang.id, context: context)
        let verified = await app.backend.ask(session: "s1", channel: .chat, text: Self.zhang.pin, context: context)
        let fields = try verified.get()
        #expect(fields["intent"]?.stringValue == "balance_query")
        #expect(fields["reply"]?.stringValue?.contains("余额") == true)
        #expect(app.close(timeout: 5))
        let turns = try await #require(app.members).turns(session: "#s1")
        #expect(turns.count == 3)
        #expect(turns[2].text == "[PIN]")
        #expect(!turns.contains { $0.text.contains(Self.zhang.id) })
        let health = await app.backend.health()
        #expect(health.ready)
    }

    @Test("an unreachable PostgreSQL store: the core still starts, answers policy questions and reports not ready")
    func unreachablePostgresStillAnswersPolicy() async throws {
        // Port 1 on the loopback refuses at once: no DNS, no wait for a timeout.
        let app = try await AnjuApp.build(.init(store: StoreLocation(parsing: "postgres://anju:secret@127.0.0.1:1/anju")))
        if let error = app.storeError { #expect(!error.message.contains("secret")) }
        let reply = await app.assistant.ask(session: "p1", channel: .chat, text: "公积金贷款利率是多少")
        #expect(reply.intent == "loan_rate")
        #expect(await app.backend.health().ready == false)
        app.close()
    }

    @Test("shared sessions without a shared store are refused, not silently kept in memory")
    func sharedSessionsNeedAStore() async throws {
        let app = try await AnjuApp.build(.init(store: .sqlite(path: Self.temporaryPath()), sessions: .postgres))
        #expect(app.storeError != nil)
        app.close()
    }

    @Test("store locations: postgres URLs and file paths; the password never shown")
    func storeLocations() {
        #expect(StoreLocation(parsing: "postgresql://u:pw@h:5432/d") == .postgres(url: "postgresql://u:pw@h:5432/d"))
        #expect(!StoreLocation(parsing: "postgres://u:pw@h/d").description.contains("pw"))
        #expect(StoreLocation(parsing: "/tmp/x/../a.sqlite") == .sqlite(path: "/tmp/a.sqlite"))
    }
}
