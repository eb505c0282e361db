/// An error the backend reports; the servers send it as `{"ok": false, "error": {code, message}}`.
public struct BackendError: Error, Sendable, Equatable {
    /// One of protocol.md's codes: `bad_request`, `unknown_rule`, `locked`, `internal`, …
    public let code: String
    /// Says what went wrong and what to do, in Chinese and/or English.
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
