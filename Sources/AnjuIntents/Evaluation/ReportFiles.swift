import AnjuJSON
import Foundation

/// `anju eval --out DIR`: the evaluation as files for tools and people.
public enum ReportFiles {
    /// The names written into the folder: Rasa's report, the matrix, the page, the predictions.
    public static let intentReport = "intent_report.json"
    public static let confusionMatrix = "confusion_matrix.csv"
    public static let html = "report.html"
    public static let predictions = "predictions.jsonl"

    /// Creates `directory` (and its parents) and writes `intent_report.json` (Rasa's
    /// shape), `confusion_matrix.csv`, `report.html` and `predictions.jsonl` (one JSON
    /// object per query). Returns the files written.
    @discardableResult
    public static func write(_ evaluation: Evaluation, title: String, to directory: URL) throws(EvaluationError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw EvaluationError(.unwritableOutput, "\(directory.path): cannot create the report folder / 无法创建报告目录 (\(error.localizedDescription))")
        }
        let files: [(String, String)] = [
            (intentReport, IntentReport.json(evaluation.confusionMatrix).prettyString + "\n"),
            (confusionMatrix, evaluation.confusionMatrix.csv),
            (html, HTMLReport.render(evaluation, title: title)),
            (predictions, evaluation.predictions.map { $0.json.jsonString + "\n" }.joined()),
        ]
        var written: [URL] = []
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw EvaluationError(.unwritableOutput, "\(url.path): cannot write / 无法写入 (\(error.localizedDescription))")
            }
            written.append(url)
        }
        return written
    }
}
