/// Shared conversation state: one row per session, its state as JSON, locked for the
/// length of a turn (`SELECT … FOR UPDATE`) by whichever instance takes it.
enum Migration0003 {
    static let migration = Migration(version: 3, name: "shared sessions", sql: """
        CREATE TABLE session (
            id         text PRIMARY KEY,
            state      jsonb,
            expires_at timestamptz NOT NULL
        );
        CREATE INDEX session_expires ON session (expires_at);
        """)
}
