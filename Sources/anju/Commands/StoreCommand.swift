import AnjuApp
import ArgumentParser
import Foundation

/// `anju store`: the member store's schema.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Member store upkeep. / 会员数据库维护。",
        subcommands: [Migrate.self])

    /// `anju store migrate --store URL`
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Bring the store's schema up to date. / 更新数据库结构。",
            discussion: """
            For PostgreSQL, applies the numbered migrations not yet applied, in one transaction under an \
            advisory lock: safe to run while instances are serving, or from several at once. \
            Example: anju store migrate --store postgres://anju@db.internal/anju
            """)

        @OptionGroup var databaseOptions: DatabaseOptions

        func run() async throws {
            do {
                print(try await AnjuApp.migrateStore(databaseOptions.location))
            } catch {
                throw CLIError(error.message)
            }
        }
    }
}
