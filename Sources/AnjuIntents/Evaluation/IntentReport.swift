import AnjuJSON

/// Rasa's `intent_report.json`: scikit-learn's `classification_report(output_dict=True)`
/// with a `confused_with` per intent, as `rasa test nlu` writes it —
/// `{"<intent>": {precision, recall, f1-score, support, confused_with: {"<other>": n}},
/// "accuracy": x, "macro avg": {…}, "weighted avg": {…}}`. Labels are those of the
/// confusion matrix (every true label and every decision, `unclear` included when decided).
public enum IntentReport {
    /// The report of `matrix`.
    public static func json(_ matrix: ConfusionMatrix) -> JSONValue {
        let n = matrix.labels.count
        let total = matrix.counts.reduce(0) { $0 + $1.reduce(0, +) }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        var fields: [(String, JSONValue)] = []
        var sums = (p: 0.0, r: 0.0, f: 0.0), weighted = (p: 0.0, r: 0.0, f: 0.0)
        var diagonal = 0
        for (i, label) in matrix.labels.enumerated() {
            let tp = matrix.counts[i][i]
            diagonal += tp
            let support = matrix.support(i)
            let p = ratio(tp, matrix.decided(i)), r = ratio(tp, support)
            let f = p + r == 0 ? 0 : 2 * p * r / (p + r)
            sums.p += p; sums.r += r; sums.f += f
            let w = Double(support)
            weighted.p += p * w; weighted.r += r * w; weighted.f += f * w
            fields.append((label, .object(JSONObject([
                ("precision", .double(p)), ("recall", .double(r)), ("f1-score", .double(f)), ("support", .int(support)),
                ("confused_with", .object(JSONObject(confusedWith(matrix, row: i).map { ($0.label, .int($0.count)) }))),
            ]))))
        }
        func average(_ p: Double, _ r: Double, _ f: Double) -> JSONValue {
            .object(JSONObject([("precision", .double(p)), ("recall", .double(r)), ("f1-score", .double(f)), ("support", .int(total))]))
        }
        let labels = Double(max(1, n)), count = Double(max(1, total))
        fields.append(("accuracy", .double(ratio(diagonal, total))))
        fields.append(("macro avg", average(sums.p / labels, sums.r / labels, sums.f / labels)))
        fields.append(("weighted avg", average(weighted.p / count, weighted.r / count, weighted.f / count)))
        return .object(JSONObject(fields))
    }

    /// Rasa's rule: among the three largest cells of the row, the other labels with a
    /// non-zero count (usually the two most frequent confusions).
    static func confusedWith(_ matrix: ConfusionMatrix, row i: Int) -> [(label: String, count: Int)] {
        let order = matrix.counts[i].indices.sorted { a, b in
            let (x, y) = (matrix.counts[i][a], matrix.counts[i][b])
            return x != y ? x > y : matrix.labels[a] < matrix.labels[b]
        }
        return order.prefix(3).filter { $0 != i && matrix.counts[i][$0] > 0 }.map { (matrix.labels[$0], matrix.counts[i][$0]) }
    }
}

extension JSONValue {
    /// The value as indented JSON (two spaces), for files a person may open.
    public var prettyString: String {
        var out = ""
        func write(_ v: JSONValue, _ indent: String) {
            switch v {
            case .array(let items) where !items.isEmpty:
                out += "[\n"
                for (k, item) in items.enumerated() {
                    out += indent + "  "
                    write(item, indent + "  ")
                    out += k + 1 < items.count ? ",\n" : "\n"
                }
                out += indent + "]"
            case .object(let object) where !object.isEmpty:
                out += "{\n"
                let entries = Array(object)
                for (k, entry) in entries.enumerated() {
                    out += indent + "  " + JSONValue.string(entry.0).jsonString + ": "
                    write(entry.1, indent + "  ")
                    out += k + 1 < entries.count ? ",\n" : "\n"
                }
                out += indent + "}"
            default:
                out += v.jsonString
            }
        }
        write(self, "")
        return out
    }
}
