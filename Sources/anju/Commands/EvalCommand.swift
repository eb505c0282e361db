import AnjuIntents
import ArgumentParser
import Foundation

/// `anju eval FILE.tsv`: accuracy, out-of-scope recall, false rejections, per intent and tag,
/// calibration and accuracy by length; `--folds K` cross-validates on the intents' own
/// examples instead; `--out DIR` writes report files.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the classifier on a labelled TSV set. / 在标注集上评测意图识别。",
        discussion: """
        FILE is tab-separated: expected (an intent id, or a|b), text, tags — with a header line \
        (LF or CRLF line endings, with or without a BOM). Without FILE, the embedded Corpus/eval/eval.tsv is used.
        --folds K cross-validates instead: the examples of Intents/*.yaml (out_of_scope included) are split \
        into K stratified folds, and each fold is classified by a classifier built from the others.
        --out DIR writes intent_report.json (Rasa's format), confusion_matrix.csv, report.html (open it in \
        a browser) and predictions.jsonl.
        Examples: anju eval ../shared/dev/dev.tsv
                  anju eval --folds 5 --out eval-report
        """)

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The labelled set (TSV). / 标注集文件。") var file: String?
    @Flag(help: "Print JSON instead of a table. / 输出 JSON。") var json = false
    @Flag(help: "List every misclassified query. / 列出每条错例。") var misses = false
    @Option(help: ArgumentHelp("Cross-validate with K folds over the intents' examples instead of a labelled set. / K 折交叉验证。",
                               valueName: "K"))
    var folds: Int?
    @Option(help: "Seed for --folds. / 分折的随机种子。") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Write intent_report.json, confusion_matrix.csv, report.html and predictions.jsonl here. / 报告输出目录。",
                               valueName: "dir"))
    var out: String?

    func validate() throws {
        if let folds, folds < 2 { throw CommandError(.badOption, "--folds must be 2 or more, not \(folds) / 折数至少为 2") }
        if folds != nil, file != nil { throw CommandError(.badOption, "--folds uses the intents' examples; give no FILE / 交叉验证不需要 FILE") }
    }

    func run() throws {
        let classifier = try dataOptions.classifier()
        let evaluation: Evaluation
        let title: String
        if let folds {
            title = "\(folds)-fold cross-validation over Intents/*.yaml (seed \(seed))"
            let predictions = try CrossValidation.run(classifier: classifier, folds: folds, seed: seed) { i, k in
                StandardError.write("fold \(i)/\(k)")
            }
            evaluation = Evaluation(predictions: predictions)
        } else {
            let set = try labelledSet(classifier)
            title = file ?? "Corpus/eval/eval.tsv"
            evaluation = Evaluation(set: set, classifier: classifier)
        }
        if let out {
            let written = try ReportFiles.write(evaluation, title: title, to: URL(fileURLWithPath: out))
            StandardError.write("wrote \(written.map(\.path).joined(separator: ", "))")
        }
        print(json ? evaluation.json.jsonString : evaluation.report(showMisses: misses))
    }

    /// FILE, or the embedded Corpus/eval/eval.tsv; unreadable lines are reported on stderr.
    func labelledSet(_ classifier: IntentClassifier) throws -> EvalSet {
        let text: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandError(.unreadableFile, "\(file): cannot read file (does it exist?) / 无法读取文件")
            }
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = try dataOptions.bundle().require("Corpus/eval/eval.tsv")
        }
        let set = EvalSet(tsv: text, knownIntents: Set(classifier.catalog.intents.map(\.id)))
        for problem in set.problems { StandardError.write("\(file ?? "eval.tsv"): \(problem)") }
        guard !set.items.isEmpty else { throw CommandError(.emptySet, "no queries to evaluate / 没有可评测的查询") }
        return set
    }
}
