import AnjuStore
import ArgumentParser
import Foundation

/// `anju review`: the queries of a period the assistant handled badly, grouped, for staff
/// to turn into new intent examples.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Most frequent out-of-scope, unclear and low-confidence queries of a period. / 复盘：超出范围、意图不明和低置信度的提问。",
        discussion: """
        Reads the conversation log (ID numbers, phone numbers and PINs are masked there) and \
        groups queries that differ only in spaces, punctuation or case. The period is the last \
        --days days (default 7), or --since/--until (local dates, both included).
        Example: anju review --since 2026-11-01 --until 2026-11-30 --limit 30
        Add the useful ones as examples under Intents/, then run anju eval.
        """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: ArgumentHelp("First day of the period, YYYY-MM-DD (local time). / 起始日期。", valueName: "date"))
    var since: String?
    @Option(help: ArgumentHelp("Last day of the period, YYYY-MM-DD, included. / 截止日期（含当天）。", valueName: "date"))
    var until: String?
    @Option(help: "Days back from now when --since is not given. / 未给出起始日期时，向前统计的天数。")
    var days = 7
    @Option(help: "Groups shown per category (1–500). / 每类显示的组数。")
    var limit = 20
    @Option(help: "Confidence below which an in-scope answer counts as low-confidence (0–1). / 低置信度阈值。")
    var below = 0.5
    @Flag(help: "Tab-separated output with a header row, for a spreadsheet. / 输出制表符分隔的表格。")
    var tsv = false

    func validate() throws {
        guard (1...500).contains(limit) else { throw ValidationError("--limit must be 1–500 / --limit 须在 1–500 之间") }
        guard (0...1).contains(below) else { throw ValidationError("--below must be 0–1 / --below 须在 0–1 之间") }
        guard days >= 1 else { throw ValidationError("--days must be at least 1 / --days 至少为 1") }
        if let since { _ = try Self.day(since, option: "--since") }
        if let until { _ = try Self.day(until, option: "--until") }
    }

    func run() async throws {
        let calendar = Calendar.current
        let end: Date = try until.map { calendar.date(byAdding: .day, value: 1, to: try Self.day($0, option: "--until"))! } ?? Date()
        let start: Date = try since.map { try Self.day($0, option: "--since") }
            ?? calendar.date(byAdding: .day, value: -days, to: end)!
        guard start < end else { throw ValidationError("--since must be before --until / 起始日期须早于截止日期") }

        // Reviewing never loads demo members: an empty database has no log either.
        let store = try await databaseOptions.openStore(bundle: dataOptions.bundle(), seedDemo: false)
        let report: ReviewReport
        do {
            report = try await store.review(since: start, until: end, limit: limit, lowConfidence: below)
        } catch {
            throw CLIError(error.message)
        }
        tsv ? printTSV(report) : printText(report, start: start, end: end)
    }

    private func printText(_ report: ReviewReport, start: Date, end: Date) {
        let lastDay = Calendar.current.date(byAdding: .second, value: -1, to: end) ?? end
        print("对话复盘 \(Self.format(start)) 至 \(Self.format(lastDay))，共 \(report.totalTurns) 轮对话 / review of \(report.totalTurns) turns")
        for category in ReviewReport.Category.allCases {
            let groups = report.groups(category)
            let turns = report.turnCounts[category] ?? 0
            var title = "\n== \(category.chinese) \(category.rawValue): \(turns) 轮, \(groups.count) 组 / \(turns) turns"
            if category == .lowConfidence { title += String(format: " (< %.2f)", report.lowConfidenceThreshold) }
            print(title + " ==")
            if groups.isEmpty { print("  （无 / none）") }
            for group in groups {
                var line = "  \(group.count)×  \(group.text)  [\(group.sessions) 个会话 sessions"
                if category == .lowConfidence {
                    line += ", → \(group.intents.joined(separator: "/")), 平均置信度 mean " + String(format: "%.2f", group.meanConfidence)
                }
                print(line + "]")
                if !group.variants.isEmpty {
                    print("        也作 also: " + group.variants.joined(separator: " | "))
                }
            }
        }
    }

    private func printTSV(_ report: ReviewReport) {
        print(["category", "count", "sessions", "mean_confidence", "intents", "text", "variants"].joined(separator: "\t"))
        for category in ReviewReport.Category.allCases {
            for group in report.groups(category) {
                let fields = [
                    category.rawValue, String(group.count), String(group.sessions),
                    String(format: "%.3f", group.meanConfidence), group.intents.joined(separator: ","),
                    Self.cell(group.text), group.variants.map(Self.cell).joined(separator: " | "),
                ]
                print(fields.joined(separator: "\t"))
            }
        }
    }

    /// A TSV cell: tabs and line breaks become spaces.
    private static func cell(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    /// Local midnight of "YYYY-MM-DD".
    static func day(_ text: String, option: String) throws -> Date {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let date = Calendar.current.date(from: DateComponents(year: year, month: month, day: day)),
              Calendar.current.component(.day, from: date) == day, Calendar.current.component(.month, from: date) == month
        else {
            throw ValidationError("\(option) '\(text)' is not a date YYYY-MM-DD / \(option) 须为 YYYY-MM-DD 格式的日期")
        }
        return date
    }

    private static func format(_ date: Date) -> String {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
