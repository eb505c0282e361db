import AnjuStore
import Foundation
import PostgresNIO

extension PostgresMemberStore {
    /// What verification needs of a member, read before the PIN is hashed.
    struct Credentials: Sendable {
        let accountNo: String
        let hash: Data
        let salt: Data
        let iterations: Int
        let lockedUntil: Date?
    }

    /// Checks a member's ID number and enquiry PIN, counting failures in the database.
    ///
    /// Same outcomes as `AccountStore.verify`: five wrong PINs in a row
    /// (`options.maxFailedAttempts`) lock the member for `options.lockDuration` from the
    /// fifth; a try while locked is not counted and its PIN not checked; a try after the
    /// lock has expired starts again from five; a success resets the count. The PIN is
    /// hashed outside any transaction; the count is then changed by ONE statement whose
    /// `WHERE` re-checks the lock and the PIN hash, so concurrent wrong PINs on any
    /// connections and instances cannot get more than five tries between them.
    public func verify(idNumber: String, pin: String, now: Date) async throws(StoreError) -> VerificationOutcome {
        let id: IDNumber
        switch IDNumber.parse(idNumber, today: now) {
        case .success(let value): id = value
        case .failure(let problem): return .invalidIDNumber(problem)
        }
        guard PINHasher.isWellFormed(pin) else { return .malformedPIN }

        // A retry covers a PIN changed by an import between the read and the update.
        for _ in 0..<3 {
            guard let found = try await credentials(idNumber: id.value) else {
                EngineSupport.simulateVerification(pin: pin, iterations: options.pinIterations)
                return .unknownMember
            }
            if let until = found.lockedUntil, until > now { return .locked(until: until) }
            let matches = EngineSupport.pinMatches(pin, salt: found.salt, iterations: found.iterations, expected: found.hash)
            let outcome = matches ? try await countSuccess(found, now: now) : try await countFailure(found, now: now)
            if let outcome { return outcome }
        }
        throw StoreError(.databaseLocked, """
            会员资料正在被更新（\(location)），请稍后重试。 / the member's record is being updated in \(location): try again shortly.
            """, path: location)
    }

    /// The stored credentials of the member with this (normalised) ID number.
    func credentials(idNumber: String) async throws(StoreError) -> Credentials? {
        try await database.run { client in
            let rows = try await client.query("""
                SELECT account_no, pin_hash, pin_salt, pin_iterations, locked_until FROM account WHERE id_number = \(idNumber)
                """).decode((String, Data, Data, Int, Date?).self)
            for try await (accountNo, hash, salt, iterations, lockedUntil) in rows {
                return Credentials(accountNo: accountNo, hash: hash, salt: salt, iterations: iterations, lockedUntil: lockedUntil)
            }
            return nil
        }
    }

    /// A right PIN: clears the count unless the member was locked meanwhile.
    private func countSuccess(_ found: Credentials, now: Date) async throws(StoreError) -> VerificationOutcome? {
        let account = try await database.run { client -> Account? in
            let rows = try await client.query("""
                UPDATE account SET failed_attempts = 0, locked_until = NULL
                WHERE account_no = \(found.accountNo) AND pin_hash = \(found.hash)
                  AND (locked_until IS NULL OR locked_until <= \(now))
                RETURNING \(unescaped: Self.accountColumns)
                """)
            for try await row in rows { return try Self.account(from: row) }
            return nil
        }
        if let account { return .verified(account) }
        return try await explainNoUpdate(found, now: now)
    }

    /// A wrong PIN: one atomic statement counts it and decides the lock-out. In the `SET`
    /// list every column means its value before the update; the `WHERE` leaves a member
    /// locked now untouched (the try is not counted) and a member whose lock-out is over
    /// starts again from one.
    private func countFailure(_ found: Credentials, now: Date) async throws(StoreError) -> VerificationOutcome? {
        let limit = options.maxFailedAttempts
        let until = now.addingTimeInterval(options.lockDuration)
        let counted = try await database.run { client -> (Int, Date?)? in
            let rows = try await client.query("""
                UPDATE account SET
                    failed_attempts = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END,
                    locked_until = CASE
                        WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END) >= \(limit) THEN \(until)
                        ELSE NULL END
                WHERE account_no = \(found.accountNo) AND pin_hash = \(found.hash)
                  AND (locked_until IS NULL OR locked_until <= \(now))
                RETURNING failed_attempts, locked_until
                """).decode((Int, Date?).self)
            for try await row in rows { return row }
            return nil
        }
        guard let (failed, _) = counted else { return try await explainNoUpdate(found, now: now) }
        if failed >= limit { return .locked(until: until) }
        return .wrongPIN(remainingTries: limit - failed)
    }

    /// Why the update touched no row: the member is gone, was locked meanwhile, or has a
    /// new PIN (nil: hash again).
    private func explainNoUpdate(_ found: Credentials, now: Date) async throws(StoreError) -> VerificationOutcome? {
        let current = try await database.run { client -> (Data, Date?)? in
            let rows = try await client.query(
                "SELECT pin_hash, locked_until FROM account WHERE account_no = \(found.accountNo)"
            ).decode((Data, Date?).self)
            for try await row in rows { return row }
            return nil
        }
        guard let (hash, lockedUntil) = current else { return .unknownMember }
        if let lockedUntil, lockedUntil > now { return .locked(until: lockedUntil) }
        _ = hash
        return nil
    }

    /// When the member with this ID number is locked out until, or nil (not locked,
    /// unknown, or not a valid number).
    public func lockedUntil(idNumber: String, now: Date) async throws(StoreError) -> Date? {
        guard let id = IDNumber(idNumber) else { return nil }
        guard let found = try await credentials(idNumber: id.value), let until = found.lockedUntil, until > now else {
            return nil
        }
        return until
    }
}
