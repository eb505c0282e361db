import Foundation
import GRDB

extension AccountStore {
    /// Stores one turn, masked: ID numbers, mobile numbers and 6-digit numbers in the
    /// session, text and reply are masked by `Redactor.mask`, and a turn marked
    /// `containsPIN` keeps no text at all (`[PIN]`). Callers cannot store a turn unmasked.
    ///
    /// A failure here should not stop a conversation: the dialogue may ignore the error
    /// (`try?`) after reporting it once.
    @discardableResult
    public func logTurn(_ turn: TurnRecord) throws(StoreError) -> LoggedTurn {
        var logged = LoggedTurn(masking: turn)
        try database.write { db in try logged.insert(db) }
        return logged
    }

    /// Deletes the turns logged before `date` (retention) and writes an audit row; returns
    /// how many were deleted.
    @discardableResult
    public func purgeTurns(before date: Date, actor: String = AuditEntry.defaultActor()) throws(StoreError) -> Int {
        try database.write { db -> Int in
            try db.execute(sql: "DELETE FROM turn WHERE time < ?", arguments: [date])
            let deleted = db.changesCount
            var entry = AuditEntry(actor: actor, action: .purge, subject: ISO8601DateFormatter().string(from: date), count: deleted,
                                   detail: "删除此前的对话记录 / conversation turns before this time deleted")
            try entry.insert(db)
            return deleted
        }
    }

    /// The number of logged turns.
    public func turnCount() throws(StoreError) -> Int {
        try database.read { try LoggedTurn.fetchCount($0) }
    }

    /// The logged turns of `session` (as logged, i.e. masked), oldest first.
    public func turns(session: String) throws(StoreError) -> [LoggedTurn] {
        let key = Redactor.mask(session)
        return try database.read { db in
            try LoggedTurn.filter(Column("session") == key).order(Column("id")).fetchAll(db)
        }
    }

    /// The turns logged in `since..<until`, oldest first.
    public func turns(since: Date, until: Date) throws(StoreError) -> [LoggedTurn] {
        try database.read { db in
            try LoggedTurn.filter(Column("time") >= since && Column("time") < until).order(Column("id")).fetchAll(db)
        }
    }

    /// The queries of `since..<until` the assistant handled badly, for staff to turn into
    /// new examples: turns classified `out_of_scope`, `unclear`, or an intent with a
    /// confidence below `lowConfidence`, grouped by their text (case, spaces and
    /// punctuation ignored), the `limit` most frequent groups of each kind. PIN turns are
    /// left out.
    public func review(since: Date, until: Date, limit: Int = 20, lowConfidence: Double = 0.5) throws(StoreError) -> ReviewReport {
        let limit = max(1, limit)
        let (total, turns) = try database.read { db -> (Int, [LoggedTurn]) in
            let period = LoggedTurn.filter(Column("time") >= since && Column("time") < until)
            let total = try period.fetchCount(db)
            let candidates = try period
                .filter(Column("pin_turn") == false)
                .filter(["out_of_scope", "unclear"].contains(Column("intent")) || Column("confidence") < lowConfidence)
                .order(Column("time"), Column("id"))
                .fetchAll(db)
            return (total, candidates)
        }
        var byCategory: [ReviewReport.Category: [LoggedTurn]] = [:]
        for turn in turns {
            let category: ReviewReport.Category = switch turn.intent {
            case "out_of_scope": .outOfScope
            case "unclear": .unclear
            default: .lowConfidence
            }
            byCategory[category, default: []].append(turn)
        }
        return ReviewReport(
            since: since, until: until, lowConfidenceThreshold: lowConfidence, totalTurns: total,
            turnCounts: byCategory.mapValues(\.count),
            groups: byCategory.mapValues { ReviewReport.group($0, limit: limit) })
    }
}
