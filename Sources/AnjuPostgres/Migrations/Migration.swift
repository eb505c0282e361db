/// One schema change of the PostgreSQL store: a number, a name, and its SQL (statements
/// separated by a `;` at the end of a line). Applied in order by `PostgresMigrator`, each
/// exactly once, recorded in `anju_schema_migration`.
struct Migration: Sendable {
    /// 1, 2, 3…: the order; never reused.
    let version: Int
    /// What it does, in a few words.
    let name: String
    /// The SQL, readable as written.
    let sql: String

    /// The statements of `sql`, one per `;`-terminated line group.
    var statements: [String] {
        var statements: [String] = []
        var current = ""
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--") || trimmed.isEmpty { continue }
            current += line + "\n"
            if trimmed.hasSuffix(";") {
                statements.append(String(current.trimmingCharacters(in: .whitespacesAndNewlines).dropLast()))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    /// Every migration, in order.
    static let all: [Migration] = [
        Migration0001.migration,
        Migration0002.migration,
        Migration0003.migration,
        Migration0004.migration,
    ]
}

import Foundation
