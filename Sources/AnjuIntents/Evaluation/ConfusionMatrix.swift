import Foundation

/// Counts of (true label, decided intent) over labelled predictions. Labels are every true
/// label and every decision (`out_of_scope` and `unclear` included), sorted; a query with
/// several acceptable intents counts under the one matched, or the first when wrong.
public struct ConfusionMatrix: Sendable, Equatable {
    /// Row and column labels, sorted.
    public let labels: [String]
    /// `counts[i][j]`: queries of `labels[i]` decided as `labels[j]`.
    public let counts: [[Int]]

    /// Counts `predictions`.
    public init(predictions: [Prediction]) {
        let labels = Set(predictions.map(\.trueLabel)).union(predictions.map(\.predicted)).sorted()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for p in predictions { counts[index[p.trueLabel]!][index[p.predicted]!] += 1 }
        self.labels = labels
        self.counts = counts
    }

    /// Queries of `expected` decided as `predicted`.
    public func count(expected: String, predicted: String) -> Int {
        guard let i = labels.firstIndex(of: expected), let j = labels.firstIndex(of: predicted) else { return 0 }
        return counts[i][j]
    }

    /// Queries whose true label is `labels[i]`.
    public func support(_ i: Int) -> Int { counts[i].reduce(0, +) }

    /// Queries decided as `labels[j]`.
    public func decided(_ j: Int) -> Int { counts.reduce(0) { $0 + $1[j] } }

    /// `expected/predicted,a,b,…` then one row per true label.
    public var csv: String {
        func cell(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = (["expected/predicted"] + labels).map(cell).joined(separator: ",") + "\n"
        for (i, label) in labels.enumerated() {
            out += ([cell(label)] + counts[i].map(String.init)).joined(separator: ",") + "\n"
        }
        return out
    }
}
