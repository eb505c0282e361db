import AnjuStore
import Foundation
import PostgresNIO

/// Where a PostgreSQL store lives: a `postgres://user:password@host:port/database` URL
/// (also `postgresql://`), parsed once. `description` never shows the password.
///
/// Query parameters: `sslmode=disable|prefer|require` (default `disable`, as for a server
/// on the same host or a private network; `prefer` and `require` use the system's trust
/// roots).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    let password: String?
    public let database: String
    public let sslMode: String

    /// Whether `text` is a PostgreSQL URL (as opposed to a SQLite file path).
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`; throws `.cannotOpen` naming what is wrong (without the password).
    public init(_ text: String) throws(StoreError) {
        guard PostgresLocation.isPostgresURL(text), let components = URLComponents(string: text),
              let host = components.host, !host.isEmpty else {
            throw StoreError(.cannotOpen, """
                无法识别的 PostgreSQL 地址；格式为 postgres://用户名:密码@主机:端口/数据库 / \
                not a PostgreSQL URL: use postgres://user:password@host:port/database
                """)
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "postgres"
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? self.username : path
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "prefer", "require"].contains(mode) else {
            throw StoreError(.cannotOpen, """
                sslmode 只能是 disable、prefer 或 require（\(mode)） / sslmode must be disable, prefer or require, not \(mode)
                """)
        }
        self.sslMode = mode
    }

    /// `postgres://user@host:port/database`: no password.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    /// The client configuration for a pool of at most `maximumConnections`.
    func clientConfiguration(maximumConnections: Int, connectTimeout: Duration) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case "require": .require(.makeClientConfiguration())
        case "prefer": .prefer(.makeClientConfiguration())
        default: .disable
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                         database: database, tls: tls)
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.minimumConnections = 0
        configuration.options.connectTimeout = connectTimeout
        configuration.options.connectionIdleTimeout = .seconds(120)
        return configuration
    }
}
