import AnjuIntents
import ArgumentParser
import Foundation

/// `anju fit`: chooses the classifier's weights and thresholds and fits its confidence
/// calibration on cross-validated predictions over the intent examples (plus our own
/// labelled sets), then prints or writes `Intents/classifier.yaml`.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit classifier weights and confidence calibration by cross-validation. / 交叉验证拟合分类器权重与置信度校准。",
        discussion: """
        The examples in Intents/ are split into K folds; each fold is scored by a classifier trained on the others. \
        Sets given with --set (default: Corpus/eval/eval.tsv and Corpus/eval/real/*.tsv) are scored by the full \
        classifier; never pass a set you report (../shared/dev/*). Prints the YAML, or writes it with --write.
        Example: anju fit --data . --write Intents/classifier.yaml
        """)

    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Cross-validation folds. / 交叉验证折数。") var folds = 5
    @Option(help: "Random-search trials over weights and thresholds. / 随机搜索次数。") var trials = 400
    @Option(help: "Seed of the fold split and the search. / 随机种子。") var seed: UInt64 = 1
    @Option(name: .customLong("set"), help: "A labelled TSV of our own to include (repeatable). / 额外的自有标注集。") var sets: [String] = []
    @Flag(help: "Keep the current weights; fit the calibration only. / 只拟合置信度校准。") var calibrationOnly = false
    @Option(help: "Write the YAML to this file instead of printing it. / 写入文件。") var write: String?

    func validate() throws {
        guard (2...20).contains(folds) else { throw ValidationError("--folds must be 2…20 / 折数应在 2 到 20 之间") }
        guard trials >= 0 else { throw ValidationError("--trials must be ≥ 0 / 搜索次数不能为负") }
    }

    func run() throws {
        let classifier = try dataOptions.classifier()
        let bundle = try dataOptions.bundle()
        var named: [(name: String, set: EvalSet)] = []
        let known = Set(classifier.catalog.intents.map(\.id))
        if sets.isEmpty {
            for path in bundle.files.keys.sorted() where path == "Corpus/eval/eval.tsv" || (path.hasPrefix("Corpus/eval/real/") && path.hasSuffix(".tsv")) {
                named.append((path, EvalSet(tsv: bundle.files[path]!, knownIntents: known)))
            }
        } else {
            for path in sets {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CLIError("\(path): cannot read file (does it exist?) / 无法读取文件")
                }
                named.append((path, EvalSet(tsv: String(decoding: data, as: UTF8.self), knownIntents: known)))
            }
        }
        let fit = ModelFit(classifier: classifier, folds: folds, seed: seed, sets: named) { StandardError.write($0) }
        var config = classifier.config
        if !calibrationOnly {
            let (best, score) = fit.search(from: config, trials: trials, seed: seed) { t, s in
                StandardError.write(String(format: "trial %d: objective %.4f  in-scope %.3f  oos recall %.3f  false rejection %.3f  unclear %.3f",
                                           t, s.objective, s.inScopeAccuracy, s.outOfScopeRecall, s.falseRejection, s.unclear))
            }
            config = best
            _ = score
        }
        config.calibration = fit.calibration(for: config)
        let s = fit.score(config)
        StandardError.write(String(format: "fitted: in-scope %.3f  oos recall %.3f  false rejection %.3f  unclear %.3f  ECE %.3f (%d samples)",
                                   s.inScopeAccuracy, s.outOfScopeRecall, s.falseRejection, s.unclear, fit.calibrationError(config), fit.samples.count))
        let yaml = "# Classifier weights, thresholds and confidence calibration, fitted by `anju fit` on\n"
            + "# \(folds)-fold cross-validation over the examples" + (named.isEmpty ? "" : " and " + named.map(\.name).joined(separator: ", ")) + ".\n"
            + "# Raw score of an intent = example_weight × best example match (BM25, 0–1)\n"
            + "#   + intent_weight × match against all its examples + keyword_weight × keyword score\n"
            + "#   + learned_weight × learned model probability − negative_penalty × negative keywords found\n"
            + config.yaml + "\n"
        if let write {
            do { try yaml.write(toFile: write, atomically: true, encoding: .utf8) } catch {
                throw CLIError("\(write): cannot write / 无法写入: \(error.localizedDescription)")
            }
            StandardError.write("wrote \(write) / 已写入")
        } else {
            print(yaml, terminator: "")
        }
    }
}
