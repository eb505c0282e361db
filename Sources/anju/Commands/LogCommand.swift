import AnjuStore
import ArgumentParser
import Foundation

/// `anju log`: the conversation log's upkeep.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Conversation log upkeep. / 对话记录维护。",
        subcommands: [Purge.self])

    /// `anju log purge --before DATE`
    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Delete conversation turns logged before a date. / 删除某日期之前的对话记录。",
            discussion: """
            DATE is YYYY-MM-DD (local midnight) or an ISO 8601 time. Writes an audit row. \
            `anju serve --log-retention DAYS` does this at start and daily. \
            Example: anju log purge --before 2026-08-01 --db /srv/anju/anju.sqlite
            """)

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var actorOptions: ActorOptions
        @Option(help: ArgumentHelp("Delete turns before this date (YYYY-MM-DD). / 删除此日期之前的记录。", valueName: "date"))
        var before: String

        func validate() throws {
            guard Self.date(before) != nil else {
                throw ValidationError("--before must be YYYY-MM-DD or an ISO 8601 time / --before 须为 YYYY-MM-DD")
            }
        }

        func run() async throws {
            guard let cutoff = Self.date(before) else { throw CLIError("bad --before") }
            let store = try await databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
            let deleted: Int
            do {
                deleted = try await store.purgeTurns(before: cutoff, actor: actorOptions.actor)
            } catch {
                throw CLIError(error.message)
            }
            print("已删除 \(before) 之前的 \(deleted) 条对话记录。 / deleted \(deleted) turns logged before \(before).")
        }

        /// `2026-08-01` (local midnight) or a full ISO 8601 time.
        static func date(_ text: String) -> Date? {
            if let full = ISO8601DateFormatter().date(from: text) { return full }
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, text.count == 10 else { return nil }
            var components = DateComponents()
            components.year = parts[0]
            components.month = parts[1]
            components.day = parts[2]
            let calendar = Calendar(identifier: .gregorian)
            guard let date = calendar.date(from: components),
                  calendar.dateComponents([.year, .month, .day], from: date) == components else { return nil }
            return date
        }
    }
}
