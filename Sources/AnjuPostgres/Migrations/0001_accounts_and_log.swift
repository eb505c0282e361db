/// Members and the conversation log: the same columns as the SQLite store's `account` and
/// `turn` tables (`AppDatabase`'s migration "v1").
enum Migration0001 {
    static let migration = Migration(version: 1, name: "accounts and conversation log", sql: """
        CREATE TABLE account (
            account_no           text PRIMARY KEY,
            id_number            text NOT NULL UNIQUE,
            name                 text NOT NULL,
            phone                text NOT NULL,
            birth                text NOT NULL,
            gender               text NOT NULL CHECK (gender IN ('male', 'female')),
            status               text NOT NULL CHECK (status IN ('normal', 'sealed', 'closed')),
            balance              double precision NOT NULL,
            monthly_deposit      double precision NOT NULL,
            deposit_base         double precision NOT NULL,
            continuous_months    integer NOT NULL,
            last_deposit         text,
            sealed_since         text,
            homes_owned          integer NOT NULL,
            children             integer NOT NULL,
            married              boolean NOT NULL,
            loans_used           integer NOT NULL,
            loan_outstanding     double precision NOT NULL,
            loan_monthly_payment double precision NOT NULL,
            overdue              boolean NOT NULL,
            pin_hash             bytea NOT NULL,
            pin_salt             bytea NOT NULL,
            pin_iterations       integer NOT NULL,
            failed_attempts      integer NOT NULL DEFAULT 0,
            locked_until         timestamptz,
            updated_at           timestamptz NOT NULL
        );

        CREATE TABLE turn (
            id         bigserial PRIMARY KEY,
            session    text NOT NULL,
            time       timestamptz NOT NULL,
            channel    text NOT NULL,
            text       text NOT NULL,
            intent     text NOT NULL,
            confidence double precision NOT NULL,
            reply      text NOT NULL,
            pin_turn   boolean NOT NULL DEFAULT false
        );
        CREATE INDEX turn_time ON turn (time);
        CREATE INDEX turn_session ON turn (session, id);
        """)
}
