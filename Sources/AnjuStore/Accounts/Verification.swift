import Foundation
import GRDB

/// The result of one verification try (`AccountStore.verify`).
///
/// Which outcomes count as a failed try:
/// - `invalidIDNumber`, `malformedPIN`: no — the input was not a try at a member's PIN
///   (the dialogue says 号码有误，请重新输入 and asks again);
/// - `unknownMember`: no — there is no member to lock. It takes as long as a wrong PIN, so
///   timing does not tell which ID numbers are members; the dialogue should answer it
///   like `wrongPIN` and may limit tries per session itself;
/// - `wrongPIN`: yes; `locked`: the fifth wrong PIN, or any try while locked (not counted
///   again, and the PIN is not even checked).
public enum VerificationOutcome: Sendable, Hashable {
    /// ID number and PIN match: the failed tries are reset.
    case verified(Account)
    /// The ID number fails the GB 11643 check.
    case invalidIDNumber(IDNumber.Problem)
    /// The PIN is not 6 digits.
    case malformedPIN
    /// No member has that (valid) ID number.
    case unknownMember
    /// Wrong PIN; this many tries are left before the lock-out.
    case wrongPIN(remainingTries: Int)
    /// The member is locked out until this time (protocol error code `locked`).
    case locked(until: Date)

    /// Whether the member may now be told their own data.
    public var isVerified: Bool {
        if case .verified = self { return true }
        return false
    }
}

extension AccountStore {
    /// Checks a member's ID number and enquiry PIN, counting failures in the database.
    ///
    /// Five wrong PINs in a row (`options.maxFailedAttempts`) lock the member for 15
    /// minutes (`options.lockDuration`) from the fifth failure; the lock is stored, so it
    /// survives a restart and holds across sessions and processes. A try after the lock
    /// has expired starts again from five. A success resets the count.
    ///
    /// The PIN is hashed outside the write transaction (about 30 ms); the count is then
    /// re-read and updated in one immediate transaction, so two sessions guessing at once
    /// cannot get more than five tries between them.
    ///
    /// Each step waits at most `options.verificationBusyTimeout` (200 ms) for a lock held by
    /// another program (an import, the `sqlite3` shell), then throws `.storeUnavailable`:
    /// the try is not counted, and the server answers with error `store_unavailable`.
    ///
    /// - Parameter now: the current time (tests inject it).
    public func verify(idNumber: String, pin: String, now: Date = Date()) throws(StoreError) -> VerificationOutcome {
        let id: IDNumber
        switch IDNumber.parse(idNumber, today: now) {
        case .success(let value): id = value
        case .failure(let problem): return .invalidIDNumber(problem)
        }
        guard PINHasher.isWellFormed(pin) else { return .malformedPIN }

        // A retry covers a PIN changed by an import between the hash and the write.
        let timeout = options.verificationBusyTimeout
        for _ in 0..<3 {
            let found = try database.withShortBusyTimeout(timeout) { db in
                try Account.filter(Column("id_number") == id.value).fetchOne(db)
            }
            guard let account = found else {
                hasher.simulateVerification(pin: pin)
                return .unknownMember
            }
            if let until = account.lockedUntil, until > now { return .locked(until: until) }
            let matches = hasher.matches(pin: pin, salt: account.pinSalt, iterations: account.pinIterations,
                                         expected: account.pinHash)
            let outcome: VerificationOutcome? = try database.withShortBusyTimeout(timeout) { db in
                var result: VerificationOutcome?
                try db.inTransaction(.immediate) {
                    result = try countTry(db, account: account, matches: matches, now: now)
                    return .commit
                }
                return result
            }
            if let outcome { return outcome }
        }
        throw StoreError(.databaseLocked, """
            会员资料正在被更新（\(path)），请稍后重试。 / the member's record is being updated in \(path): try again shortly.
            """, path: path)
    }

    /// Inside the write transaction: re-reads the member and counts the try. Nil when the
    /// PIN changed since it was hashed (the caller tries again).
    private func countTry(_ db: Database, account: Account, matches: Bool, now: Date) throws -> VerificationOutcome? {
        guard var current = try Account.fetchOne(db, key: account.accountNo) else { return .unknownMember }
        guard current.pinHash == account.pinHash, current.pinSalt == account.pinSalt else { return nil }
        if let until = current.lockedUntil {
            if until > now { return .locked(until: until) }
            // The lock-out is over: a fresh start.
            current.lockedUntil = nil
            current.failedAttempts = 0
        }
        if matches {
            current.failedAttempts = 0
            try current.update(db)
            return .verified(current)
        }
        current.failedAttempts += 1
        if current.failedAttempts >= options.maxFailedAttempts {
            let until = now.addingTimeInterval(options.lockDuration)
            current.lockedUntil = until
            try current.update(db)
            return .locked(until: until)
        }
        try current.update(db)
        return .wrongPIN(remainingTries: options.maxFailedAttempts - current.failedAttempts)
    }

    /// When the member with this ID number is locked out until, or nil (not locked,
    /// unknown, or not a valid number). Lets the dialogue say so before asking for the PIN.
    ///
    /// Waits at most `options.verificationBusyTimeout` for another program's lock, then
    /// throws `.storeUnavailable`.
    public func lockedUntil(idNumber: String, now: Date = Date()) throws(StoreError) -> Date? {
        guard let id = IDNumber(idNumber) else { return nil }
        let account = try database.withShortBusyTimeout(options.verificationBusyTimeout) { db in
            try Account.filter(Column("id_number") == id.value).fetchOne(db)
        }
        guard let account, let until = account.lockedUntil, until > now else { return nil }
        return until
    }
}
