import AnjuStore
import Foundation

/// Where member data lives: a SQLite file (the embedded default) or a PostgreSQL database
/// (the shared store of several instances).
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file, created when missing.
    case sqlite(path: String)
    /// A PostgreSQL connection URL, `postgres://user[:password]@host[:port]/database`.
    case postgres(url: String)

    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else is a SQLite file path
    /// (`~` expanded, made absolute).
    public init(parsing text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: URL(fileURLWithPath: (text as NSString).expandingTildeInPath).standardizedFileURL.path)
        }
    }

    /// The default: `AccountStore.defaultPath()` (`$XDG_DATA_HOME/anju/anju.sqlite`, else
    /// `~/.local/share/anju/anju.sqlite`).
    public static var defaultSQLite: StoreLocation { .sqlite(path: AccountStore.defaultPath()) }

    /// For messages and `health`: the path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}

/// Where conversations live between turns (`--sessions`).
public enum SessionsKind: String, Sendable, Hashable, CaseIterable {
    /// In this process (default): a restart forgets them.
    case memory
    /// In the PostgreSQL store: any instance takes any turn, a restart loses nothing.
    case postgres
}
