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
    @Option(help: "Tune Intents/classifier.yaml by N random trials on FILE; prints the best config. / 在 FILE 上调参。") var tune: Int?
    @Option(help: "Seed for --tune. / 调参随机种子。") var seed: UInt64 = 1

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
        if let tune {
            let best = Tuner(classifier: classifier, set: set).search(trials: tune, seed: seed) { t, trial in
                StandardError.write(String(format: "trial %d: objective %.4f  in-scope %.3f  oos recall %.3f  false rejection %.3f  unclear %.3f",
                                           t, trial.objective, trial.inScopeAccuracy, trial.outOfScopeRecall, trial.falseRejectionRate, trial.unclearRate))
            }
            print(best.config.yaml)
            return
        }
        let evaluation = Evaluation(set: set, classifier: classifier)
        print(json ? evaluation.json.jsonString : evaluation.report(showMisses: misses))
    }
}
