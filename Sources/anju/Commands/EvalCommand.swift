import AnjuIntents
import ArgumentParser
import Foundation

/// `anju eval FILE.tsv`: accuracy, out-of-scope recall, false rejections, per intent and tag.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the classifier on a labelled TSV set. / 在标注集上评测意图识别。",
        discussion: """
        FILE is tab-separated: expected (an intent id, or a|b), text, tags — with a header line.
        Without FILE, the embedded Corpus/eval/eval.tsv is used.
        Example: anju eval ../shared/dev/dev.tsv
        """)

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The labelled set (TSV). / 标注集文件。") var file: String?
    @Flag(help: "Print JSON instead of a table. / 输出 JSON。") var json = false
    @Flag(help: "List every misclassified query. / 列出每条错例。") var misses = false

    func run() throws {
        let classifier = try dataOptions.classifier()
        let text: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError("\(file): cannot read file (does it exist?) / 无法读取文件")
            }
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = try dataOptions.bundle().require("Corpus/eval/eval.tsv")
        }
        let set = EvalSet(tsv: text, knownIntents: Set(classifier.catalog.intents.map(\.id)))
        for problem in set.problems { StandardError.write("\(file ?? "eval.tsv"): \(problem)") }
        guard !set.items.isEmpty else { throw CLIError("no queries to evaluate / 没有可评测的查询") }
        let evaluation = Evaluation(set: set, classifier: classifier)
        print(json ? evaluation.json.jsonString : evaluation.report(showMisses: misses))
    }
}
