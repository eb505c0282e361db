/// Secrets the instances of one deployment share, made by the first instance that needs
/// one: `session_ids` is the key of signed session ids when `ANJU_SESSION_SECRET` is not
/// set, so instances started without it still accept each other's ids. Whoever can read
/// this table can read the members' data anyway.
enum Migration0004 {
    static let migration = Migration(version: 4, name: "deployment secrets", sql: """
        CREATE TABLE deployment_secret (
            name       text PRIMARY KEY,
            value      text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        """)
}
