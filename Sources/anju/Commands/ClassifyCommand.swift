import AnjuIntents
import AnjuJSON
import ArgumentParser

/// `anju classify`: one query per input line → one JSON line per query.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify queries, one per stdin line, into intents (JSON lines). / 批量意图识别。",
        discussion: """
        Each output line has intent, confidence, candidates [{intent, score}] and tokens, as the
        protocol's classify reply. Every input line gets exactly one output line, empty ones too.
        Example: echo '租房能提多少' | anju classify
        """)

    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Candidates per query (1–20). / 候选意图个数。") var limit = 5
    @Flag(help: "Print the normalised text, tokens and scoring terms to stderr. / 输出打分细节。") var explain = false

    func validate() throws {
        guard (1...20).contains(limit) else { throw ValidationError("--limit must be 1–20 / --limit 须在 1–20 之间") }
    }

    func run() throws {
        let classifier = try dataOptions.classifier()
        let out = OutputBuffer()
        for line in StandardInputLines() {
            let result = classifier.classify(line, limit: limit, explain: explain)
            out.line(bytes: result.protocolJSONBytes)
            if explain {
                out.flush()
                StandardError.write(ExplainFormatter.format(result, catalog: classifier.catalog))
            }
        }
        out.flush()
    }
}
