import AnjuIntents
import AnjuJSON
import Foundation
import Testing

@Suite("Report files: intent_report.json, confusion_matrix.csv, report.html")
struct ReportFilesTests {
    /// a→a, a→b, b→b, b→b, out_of_scope→out_of_scope, c→unclear.
    let predictions = [
        Prediction(text: "甲", expected: ["a"], predicted: "a", confidence: 0.9),
        Prediction(text: "甲二", expected: ["a"], predicted: "b", confidence: 0.6),
        Prediction(text: "乙", expected: ["b"], predicted: "b", confidence: 0.8),
        Prediction(text: "乙二", expected: ["b", "c"], predicted: "b", confidence: 0.7),
        Prediction(text: "天气", expected: ["out_of_scope"], predicted: "out_of_scope", confidence: 0.95),
        Prediction(text: "<丙> & \"雨\"", expected: ["c"], predicted: "unclear", confidence: 0.4),
    ]

    @Test("the confusion matrix counts true label × decision")
    func matrix() {
        let m = ConfusionMatrix(predictions: predictions)
        #expect(m.labels == ["a", "b", "c", "out_of_scope", "unclear"])
        #expect(m.count(expected: "a", predicted: "b") == 1)
        #expect(m.count(expected: "b", predicted: "b") == 2)
        #expect(m.count(expected: "c", predicted: "unclear") == 1)
        #expect(m.csv.split(separator: "\n").count == m.labels.count + 1)
    }

    @Test("intent_report.json has Rasa's shape and scikit-learn's numbers")
    func intentReport() throws {
        let report = IntentReport.json(ConfusionMatrix(predictions: predictions))
        let a = try #require(report["a"])
        #expect(a["precision"]?.doubleValue == 1)
        #expect(a["recall"]?.doubleValue == 0.5)
        #expect(abs((a["f1-score"]?.doubleValue ?? 0) - 2.0 / 3) < 1e-12)
        #expect(a["support"]?.intValue == 2)
        #expect(a["confused_with"]?["b"]?.intValue == 1)
        #expect(report["b"]?["precision"]?.doubleValue == 2.0 / 3)
        #expect(report["b"]?["confused_with"]?.objectValue?.isEmpty == true)
        #expect(report["c"]?["confused_with"]?["unclear"]?.intValue == 1)
        #expect(report["accuracy"]?.doubleValue == 4.0 / 6)
        #expect(report["macro avg"]?["support"]?.intValue == 6)
        // macro recall: a 0.5, b 1, c 0, out_of_scope 1, unclear 0 (no support) → 2.5 / 5
        #expect(report["macro avg"]?["recall"]?.doubleValue == 0.5)
        #expect(abs((report["weighted avg"]?["recall"]?.doubleValue ?? 0) - 4.0 / 6) < 1e-12)
        #expect(try JSONValue.parse(report.prettyString) == report)
    }

    @Test("--out writes the files; they parse; the page is self-contained")
    func writesFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("anju-report-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let e = Evaluation(predictions: predictions)
        let written = try ReportFiles.write(e, title: "unit <test>", to: dir)
        #expect(written.map(\.lastPathComponent) == ["intent_report.json", "confusion_matrix.csv", "report.html", "predictions.jsonl"])
        func read(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        let report = try JSONValue.parse(try read("intent_report.json"))
        #expect(report["weighted avg"]?["f1-score"]?.doubleValue != nil)
        let rows = try read("confusion_matrix.csv").split(separator: "\n")
        #expect(rows.count == e.confusionMatrix.labels.count + 1)
        #expect(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == e.confusionMatrix.labels.count + 1 })
        let lines = try read("predictions.jsonl").split(separator: "\n")
        #expect(lines.count == predictions.count)
        #expect(try JSONValue.parse(String(lines[0]))["right"]?.boolValue == true)
        let html = try read("report.html")
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.contains("<svg") && html.contains("<table"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href=") && !html.contains("@import"))
        #expect(html.contains("unit &lt;test&gt;") && html.contains("&lt;丙&gt; &amp; &quot;雨&quot;"))
    }

    @Test("a folder that cannot be created is a typed error naming it")
    func unwritable() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("anju-report-\(UUID().uuidString).txt")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try ReportFiles.write(Evaluation(predictions: predictions), title: "t", to: file.appendingPathComponent("out"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unwritableOutput)
            #expect(error.message.contains(file.path))
        }
    }
}
