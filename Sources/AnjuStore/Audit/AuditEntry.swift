import Foundation
import GRDB

/// One staff action on the member database, as kept in the `audit` table: who did what,
/// when, to what, and how many rows it touched. Written in the same transaction as the
/// action itself, so there is no action without its row.
public struct AuditEntry: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit"

    /// What was done.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// `anju accounts import`: `count` rows, `detail` says how many were new/updated.
        case `import`
        /// `anju accounts unlock`: `count` is 1 when a lock-out or failed tries were cleared,
        /// 0 when there was nothing to clear.
        case unlock
        /// `anju log purge` or the server's retention: `count` turns deleted.
        case purge
        /// `anju accounts backup`: `subject` is the backup file.
        case backup
    }

    /// Row id, in order of writing.
    public private(set) var id: Int64?
    public let time: Date
    /// Who: `--actor`, else `$USER`, else `unknown`.
    public let actor: String
    /// One of `Action`'s raw values.
    public let action: String
    /// What it was done to: a file, an account number, a date.
    public let subject: String
    /// How many rows it touched.
    public let count: Int
    /// More, in words (Chinese / English).
    public let detail: String

    public init(time: Date = Date(), actor: String, action: Action, subject: String, count: Int, detail: String) {
        self.id = nil
        self.time = time
        self.actor = actor
        self.action = action.rawValue
        self.subject = subject
        self.count = count
        self.detail = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The actor to record when none is given: `$USER`, else `$LOGNAME`, else `unknown`.
    public static func defaultActor(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["USER", "LOGNAME"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        return "unknown"
    }
}

extension AccountStore {
    /// Writes one audit row on its own (actions that change nothing else, e.g. a backup).
    public func recordAudit(_ entry: AuditEntry) throws(StoreError) {
        var entry = entry
        try database.write { db in try entry.insert(db) }
    }

    /// The latest `limit` audit rows, newest first.
    public func auditEntries(limit: Int = 100) throws(StoreError) -> [AuditEntry] {
        try database.read { db in
            try AuditEntry.order(Column("id").desc).limit(max(1, limit)).fetchAll(db)
        }
    }
}
