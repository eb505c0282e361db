#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AnjuProtocol
import AnjuStore
import Foundation

/// The readiness check of the member store: it answers (`MemberStore.ping`, a count of
/// members); for SQLite also the file is there, readable and an SQLite database.
///
/// The file is checked as well as the open connection because an open SQLite handle keeps
/// reading a file that was deleted or made unreadable: the next start would fail, so the
/// service is not ready. A file with no read permission bit is reported unreadable even
/// to root (who could still read it), since the service account could not.
struct StoreProbe: Sendable {
    /// The open store, or nil when none was asked for or it could not be opened.
    let store: (any MemberStore)?
    /// Where it lives.
    let location: StoreLocation?
    /// Why the store could not be opened.
    let openError: StoreError?

    func check() async -> HealthReport.Check {
        guard let store else {
            guard location != nil || openError != nil else {
                return .init(name: "store", ok: false, detail: "no member database")
            }
            return .init(name: "store", ok: false,
                         detail: "member database could not be opened: \(openError.map { "\($0)" } ?? "unknown error")")
        }
        let fail = { (detail: String) in HealthReport.Check(name: "store", ok: false, detail: detail) }
        if case .sqlite(let path) = location {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
                return fail("member database file is missing")
            }
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
            guard mode & 0o444 != 0, access(path, R_OK) == 0 else { return fail("member database file is not readable") }
            guard let handle = FileHandle(forReadingAtPath: path) else { return fail("member database file cannot be opened") }
            defer { try? handle.close() }
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            guard header == Data("SQLite format 3\u{0}".utf8) else { return fail("member database file is not an SQLite database") }
        }
        do {
            let count = try await store.accountCount()
            return .init(name: "store", ok: true, detail: "\(count) members")
        } catch {
            return fail("member database query failed: \(error)")
        }
    }
}
