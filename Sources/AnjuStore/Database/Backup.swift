import Foundation
import GRDB

extension AccountStore {
    /// Copies the whole database to `path` with SQLite's online backup — consistent even
    /// while the server writes (a plain file copy of a WAL database is not). The file is
    /// created with mode 0600 and must not exist yet. Writes an audit row naming it.
    ///
    /// Throws `.cannotOpen` when `path` exists or cannot be created.
    public func backup(to path: String, actor: String) throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.cannotOpen, """
                备份文件 \(path) 已存在，请指定新的文件名。 / the backup file \(path) already exists: choose a new name.
                """, path: path)
        }
        try AppDatabase.createPrivateFile(at: path)
        do {
            let destination = try DatabaseQueue(path: path)
            try database.writer.backup(to: destination)
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw AppDatabase.storeError(error, path: path)
        }
        try recordAudit(AuditEntry(actor: actor, action: .backup, subject: path, count: 1,
                                   detail: "在线备份 / online backup"))
    }
}
