import AnjuData
import AnjuHTTP
import AnjuStore
import Foundation

extension AnjuApp {
    /// Everything the composition root needs to assemble the assistant.
    public struct Configuration: Sendable {
        /// The data files (embedded, or `--data DIR`).
        public var data: DataBundle
        /// The policy profile, a file name under `Corpus/policy/`.
        public var profile: String
        /// The member store; nil runs without member data (policy answers only).
        public var store: StoreLocation?
        /// What to load into an empty member store (demo members on first use).
        public var seed: AccountStore.Seed
        /// Where sessions live.
        public var sessions: SessionsKind
        /// The key of signed session ids, the same on every instance (env
        /// `ANJU_SESSION_SECRET`). Nil with `--sessions postgres`: the database's shared
        /// one (`App.sessionSecret`); nil otherwise: ids known only to this instance.
        public var sessionSecret: String?
        /// Limits of verification, the log and sessions.
        public var limits: Limits
        /// The program's version and the data's fingerprint, for `health`.
        public var version: String
        public var dataFingerprint: String
        /// Where verification outcomes and store errors are counted (`serve`); nil: nowhere.
        public var metrics: AnjuMetrics?
        /// Where store failures are counted and reported once.
        public var health: StoreHealth
        /// Progress of loading the seed into a new store (hashing the demo PINs takes seconds).
        public var seedProgress: @Sendable (AccountStore.ImportProgress) -> Void

        public init(data: DataBundle = .embedded, profile: String = "reference", store: StoreLocation? = nil,
                    seed: AccountStore.Seed = .none, sessions: SessionsKind = .memory, limits: Limits = Limits(),
                    version: String = "unknown", dataFingerprint: String = "unknown", metrics: AnjuMetrics? = nil,
                    health: StoreHealth = StoreHealth(),
                    sessionSecret: String? = ProcessInfo.processInfo.environment["ANJU_SESSION_SECRET"],
                    seedProgress: @escaping @Sendable (AccountStore.ImportProgress) -> Void = { _ in }) {
            self.sessionSecret = sessionSecret.flatMap { $0.isEmpty ? nil : $0 }
            self.data = data
            self.profile = profile
            self.store = store
            self.seed = seed
            self.sessions = sessions
            self.limits = limits
            self.version = version
            self.dataFingerprint = dataFingerprint
            self.metrics = metrics
            self.health = health
            self.seedProgress = seedProgress
        }
    }

    /// Limits; the defaults are `anju serve`'s.
    public struct Limits: Sendable {
        /// Failed verifications per connection and per session in 15 minutes; nil: none
        /// beyond the store's per-member lock-out (the REPL).
        public var failedVerifications: Int?
        /// Failed verifications per client address in 15 minutes; nil: none.
        public var failedVerificationsPerPeer: Int?
        /// Conversation log rows per client address per minute; 0: no limit.
        public var logRowsPerPeerPerMinute: Int
        /// A session idle this long (seconds) is forgotten.
        public var sessionIdleTimeout: TimeInterval
        /// Sessions kept in memory at most.
        public var maxSessions: Int

        public init(failedVerifications: Int? = 5, failedVerificationsPerPeer: Int? = 100, logRowsPerPeerPerMinute: Int = 600,
                    sessionIdleTimeout: TimeInterval = 600, maxSessions: Int = 20_000) {
            self.failedVerifications = failedVerifications
            self.failedVerificationsPerPeer = failedVerificationsPerPeer
            self.logRowsPerPeerPerMinute = logRowsPerPeerPerMinute
            self.sessionIdleTimeout = sessionIdleTimeout
            self.maxSessions = maxSessions
        }

        /// The REPL's: no per-session or per-peer limits (one user at a terminal).
        public static let none = Limits(failedVerifications: nil, failedVerificationsPerPeer: nil, logRowsPerPeerPerMinute: 0)
    }
}
