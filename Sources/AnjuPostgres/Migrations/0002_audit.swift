/// The staff audit trail (`AppDatabase`'s migration "v2").
enum Migration0002 {
    static let migration = Migration(version: 2, name: "staff audit trail", sql: """
        CREATE TABLE audit (
            id      bigserial PRIMARY KEY,
            time    timestamptz NOT NULL,
            actor   text NOT NULL,
            action  text NOT NULL,
            subject text NOT NULL,
            count   integer NOT NULL,
            detail  text NOT NULL
        );
        CREATE INDEX audit_time ON audit (time);
        """)
}
