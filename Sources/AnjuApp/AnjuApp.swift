import AnjuData
import AnjuDialogue
import AnjuPostgres
import AnjuProtocol
import AnjuStore
import Foundation

/// The composition root: the one place that assembles the core — data, profile, member
/// store, session store, limits, log writer — for the REPL, `anju serve` and the tests.
///
/// ```swift
/// let app = try await AnjuApp.build(.init(store: .sqlite(path: path), seed: .demo))
/// let reply = await app.assistant.ask(session: "s1", channel: .chat, text: "租房能提多少")
/// app.close()
/// ```
public enum AnjuApp {
    /// Builds the assistant and its protocol backend.
    ///
    /// When the member store cannot be opened, the assistant is built without member data
    /// (policy questions are still answered): `App.storeError` says why. Data errors
    /// (unknown profile, bad files) throw.
    public static func build(_ configuration: Configuration) async throws -> App {
        var members: (any MemberStore)?
        var logStore: (any MemberStore)?
        var storeError: StoreError?
        var sessionSecret = configuration.sessionSecret
        var sessions: any SessionStore<SessionState> = MemorySessionStore<SessionState>(
            idleTimeout: configuration.limits.sessionIdleTimeout, capacity: configuration.limits.maxSessions)
        if let location = configuration.store {
            do throws(StoreError) {
                let opened = try await openStores(location, seed: configuration.seed, progress: configuration.seedProgress)
                members = opened.members
                logStore = opened.log
                if configuration.sessions != .memory {
                    guard let shared = opened.sessions else {
                        throw StoreError(.cannotOpen, """
                            \(configuration.sessions.rawValue) 会话存储需要相应的数据库（--store）。 / \
                            --sessions \(configuration.sessions.rawValue) needs a store of that kind (--store).
                            """)
                    }
                    sessions = shared
                    if sessionSecret == nil, let postgres = shared as? PostgresSessionStore<SessionState> {
                        do throws(StoreError) {
                            sessionSecret = try await postgres.sharedSecret()
                        } catch {
                            FileHandle.standardError.write(Data("""
                                anju: 没有 ANJU_SESSION_SECRET，也读不到数据库中的共享密钥：会话号只在本实例有效。 / \
                                no ANJU_SESSION_SECRET and the database's shared secret cannot be read: session ids are known to this instance only. (\(error.message))

                                """.utf8))
                        }
                    }
                }
            } catch {
                storeError = error
            }
        } else if configuration.sessions != .memory {
            storeError = StoreError(.cannotOpen, "--sessions \(configuration.sessions.rawValue) needs --store / 需要指定 --store")
        }

        var writer: ConversationLogWriter?
        var directory: GuardedMembers?
        if let members, let logStore {
            let limits = configuration.limits
            let logWriter = ConversationLogWriter(store: logStore, options: .init(rowsPerPeerPerMinute: limits.logRowsPerPeerPerMinute),
                                                  health: configuration.health)
            writer = logWriter
            directory = GuardedMembers(
                store: members, logWriter: logWriter,
                attempts: limits.failedVerifications.map { AttemptLimiter(limit: $0) },
                peerAttempts: limits.failedVerificationsPerPeer.map { AttemptLimiter(limit: $0) },
                health: configuration.health, metrics: configuration.metrics)
        }
        let assistant = try Assistant.load(files: configuration.data.files, profile: configuration.profile,
                                           members: directory, sessions: sessions)
        let probe = StoreProbe(store: members, location: configuration.store, openError: storeError)
        let backend = ServerBackend(assistant: assistant, store: probe, version: configuration.version,
                                    dataFingerprint: configuration.dataFingerprint)
        return App(assistant: assistant, backend: ReloadableBackend(backend), directory: directory, members: members,
                   storeError: storeError, logWriter: writer, health: configuration.health, sessionSecret: sessionSecret)
    }

    /// The stores at `location`: members, the connection the log writer uses, and — for a
    /// shared engine — sessions.
    public struct Stores: Sendable {
        public var members: any MemberStore
        public var log: any MemberStore
        public var sessions: (any SessionStore<SessionState>)?
    }

    /// Opens the member store at `location` (`anju accounts`, `anju review`, `anju log` and
    /// `build` all come here), bringing its schema up to date and loading `seed` into an
    /// empty one.
    public static func openMemberStore(_ location: StoreLocation, seed: AccountStore.Seed = .none,
                                       progress: @escaping @Sendable (AccountStore.ImportProgress) -> Void = { _ in })
        async throws(StoreError) -> any MemberStore {
        try await openStores(location, seed: seed, progress: progress).members
    }

    /// The one switch over store engines.
    static func openStores(_ location: StoreLocation, seed: AccountStore.Seed,
                           progress: @escaping @Sendable (AccountStore.ImportProgress) -> Void) async throws(StoreError) -> Stores {
        switch location {
        case .sqlite(let path):
            let store = try AccountStore(path: path, seed: seed, progress: progress)
            return Stores(members: store, log: try store.logConnection(), sessions: nil)
        case .postgres(let url):
            return try await PostgresStores.open(url: url, seed: seed, progress: progress)
        }
    }
}

/// The assembled core.
public final class App: Sendable {
    /// The dialogue core as first loaded (the REPL asks it directly; a reload replaces the
    /// one behind ``backend``, not this one).
    public let assistant: Assistant
    /// The protocol backend (the line server and HTTP); it follows ``reload(data:profile:dataFingerprint:)``.
    public var backend: any AssistantBackend { reloadable }
    private let reloadable: ReloadableBackend
    /// The guarded member directory the dialogue verifies through (kept across reloads).
    private let directory: GuardedMembers?
    /// The member store, nil when none was asked for or it could not be opened.
    public let members: (any MemberStore)?
    /// Why the member store could not be opened, if it could not.
    public let storeError: StoreError?
    /// The conversation log's writer (flush or close before exit).
    public let logWriter: ConversationLogWriter?
    /// Store failures, counted.
    public let health: StoreHealth
    /// The key of signed session ids for the servers' `SessionRegistry`: `ANJU_SESSION_SECRET`,
    /// else (sessions on PostgreSQL) the database's shared one; nil: ids known here only.
    public let sessionSecret: String?

    init(assistant: Assistant, backend: ReloadableBackend, directory: GuardedMembers?, members: (any MemberStore)?,
         storeError: StoreError?, logWriter: ConversationLogWriter?, health: StoreHealth, sessionSecret: String? = nil) {
        self.sessionSecret = sessionSecret
        self.assistant = assistant
        self.reloadable = backend
        self.directory = directory
        self.members = members
        self.storeError = storeError
        self.logWriter = logWriter
        self.health = health
    }

    /// Loads `data` and `profile` again (SIGHUP: intents, corpus, wording, policy figures)
    /// and makes the backend answer from them, keeping the session store, the member store
    /// and the log writer — no conversation is dropped, a form in progress continues on the
    /// new data. When the new data does not load, this throws and the old data stays.
    /// - Returns: the fingerprint now in force.
    @discardableResult
    public func reload(data: DataBundle, profile: String, dataFingerprint: String) throws -> String {
        let old = reloadable.backend
        let assistant = try Assistant.load(files: data.files, profile: profile, members: directory,
                                           sessions: old.assistant.sessions)
        reloadable.replace(with: ServerBackend(assistant: assistant, store: old.store, version: old.version,
                                               dataFingerprint: dataFingerprint))
        return dataFingerprint
    }

    /// Writes what the log writer holds (waiting at most `timeout`) and stops it. Returns
    /// whether everything was written.
    @discardableResult
    public func close(timeout: TimeInterval = 5) -> Bool {
        logWriter?.close(timeout: timeout) ?? true
    }
}
