import AnjuJSON

/// What a `health` request, `GET /readyz` and `anju --version` tell: whether the assistant
/// can serve everything, and which build and data answer.
public struct HealthReport: Sendable, Equatable {
    /// One thing that must work for the assistant to be ready.
    public struct Check: Sendable, Equatable {
        /// What is checked: `store` (the member database), `data` (intents, corpus, profile).
        public var name: String
        /// Whether it works.
        public var ok: Bool
        /// What was found, in English (never member data).
        public var detail: String

        public init(name: String, ok: Bool, detail: String) {
            self.name = name
            self.ok = ok
            self.detail = detail
        }
    }

    /// The program's version, e.g. `1.1.0`.
    public var version: String
    /// A fingerprint of the data the assistant runs on: `sha256:` and the hex digest of the
    /// data files' paths and contents.
    public var dataFingerprint: String
    /// The checks made; the assistant is ready when all pass.
    public var checks: [Check]

    public init(version: String, dataFingerprint: String, checks: [Check]) {
        self.version = version
        self.dataFingerprint = dataFingerprint
        self.checks = checks
    }

    /// True when every check passed.
    public var ready: Bool { checks.allSatisfy(\.ok) }

    /// The reply fields: `status` (`ready` or `not_ready`), `ready`, `version`, `data`
    /// (the fingerprint) and `checks` (`{name: {ok, detail}}`).
    public var fields: JSONObject {
        var checksObject = JSONObject(minimumCapacity: checks.count)
        for check in checks {
            checksObject.appendUnchecked(check.name, .object(JSONObject([("ok", .bool(check.ok)), ("detail", .string(check.detail))])))
        }
        return JSONObject([
            ("status", .string(ready ? "ready" : "not_ready")), ("ready", .bool(ready)),
            ("version", .string(version)), ("data", .string(dataFingerprint)), ("checks", .object(checksObject)),
        ])
    }
}
