import AnjuData
import Crypto

/// Which build and which data answer: `anju --version`, the `health` op and `/readyz`.
enum BuildInfo {
    /// The program's version (protocol 1.1: HTTP, WebSocket, health).
    static let version = "1.1.0"

    /// `sha256:` and the hex SHA-256 of the bundle's files — each path, a NUL, its
    /// contents, a NUL, in path order — so two builds answer alike exactly when their
    /// fingerprints match.
    static func fingerprint(of bundle: DataBundle) -> String {
        var hasher = SHA256()
        for path in bundle.files.keys.sorted() {
            hasher.update(data: Array(path.utf8) + [0])
            hasher.update(data: Array(bundle.files[path]!.utf8) + [0])
        }
        return "sha256:" + hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The fingerprint of the data compiled in.
    static let embeddedFingerprint = fingerprint(of: .embedded)

    /// What `anju --version` prints.
    static var versionLine: String {
        "anju \(version) (data \(embeddedFingerprint), \(DataBundle.embedded.files.count) files)"
    }
}
