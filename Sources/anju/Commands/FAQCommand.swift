import AnjuJSON
import AnjuKnowledge
import ArgumentParser
import Foundation

/// `anju faq QUERY…`: the staff FAQ lookup.
struct FAQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faq",
        abstract: "Look up the FAQ by keywords, for staff. / 按关键词检索问答库（柜台与热线坐席使用）。",
        discussion: "Example: anju faq 租房提取 额度    anju faq --json --limit 3 商转公 条件")

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "Search words. / 检索词。") var query: [String]
    @Option(help: "Results (1–20). / 结果条数。") var limit = 5
    @Option(help: "Only entries answering this intent id. / 只看该意图的条目。") var intent: String?
    @Flag(help: "Print protocol.md's faq reply as JSON. / 输出 JSON。") var json = false

    func validate() throws {
        guard (1...20).contains(limit) else { throw ValidationError("--limit must be 1–20 / --limit 须在 1–20 之间") }
        guard !query.joined().trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("give some search words, e.g. anju faq 租房提取 额度 / 请输入检索词")
        }
    }

    func run() throws {
        let classifier = try dataOptions.classifier()
        let search: FAQSearch
        do { search = try FAQSearch.load(files: try dataOptions.bundle().files, profile: dataOptions.profile, classifier: classifier) } catch {
            throw CLIError("\(error)")
        }
        if let intent, classifier.catalog.intent(intent) == nil {
            throw CLIError("unknown intent '\(intent)' / 未知意图")
        }
        let results = search.search(query.joined(separator: " "), limit: limit, intent: intent)
        if json {
            print(JSONValue.object(JSONObject([("results", .array(results.map(\.json)))])).jsonString)
            return
        }
        if results.isEmpty {
            print("没有找到相关条目，请换个说法。/ Nothing found; try other words.")
            return
        }
        for (rank, r) in results.enumerated() {
            print("\(rank + 1). \(r.entry.question)  [\(r.entry.intent) \(classifier.catalog.name(of: r.entry.intent))]  score \(String(format: "%.3f", r.score))")
            print("   \(r.snippet)")
            print("   来源 / source: \(r.doc) \(r.section)")
        }
    }
}
