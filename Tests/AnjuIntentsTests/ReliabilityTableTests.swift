import AnjuIntents
import Testing

@Suite("Reliability table and accuracy by length")
struct CalibrationTests {
    @Test("ECE on a hand-made set: Σ (n_b/N)·|accuracy_b − confidence_b|")
    func handMade() {
        let c = ReliabilityTable([
            (0.9, true), (1.0, true), (0.95, false),   // bin 0.9–1.0: n 3, confidence 0.95, accuracy 2/3
            (0.25, true), (0.25, false),               // bin 0.2–0.3: n 2, confidence 0.25, accuracy 1/2
            (0.0, false),                              // bin 0.0–0.1: n 1, confidence 0,    accuracy 0
        ])
        #expect(c.bins.count == 10)
        #expect(c.bins.map(\.count) == [1, 0, 2, 0, 0, 0, 0, 0, 0, 3])
        #expect(abs(c.bins[9].meanConfidence - 0.95) < 1e-12)
        #expect(abs(c.bins[9].accuracy - 2.0 / 3) < 1e-12)
        let expected = 3.0 / 6 * abs(2.0 / 3 - 0.95) + 2.0 / 6 * 0.25
        #expect(abs(c.expectedCalibrationError - expected) < 1e-12)
        #expect(abs(c.expectedCalibrationError - 0.225) < 1e-12)
    }

    @Test("bin edges: 0.1 opens the second bin, 1.0 closes the last; a perfect set has ECE 0")
    func edges() {
        let c = ReliabilityTable([(0.1, true), (0.0999, false), (1.0, true)])
        #expect(c.bins[0].count == 1 && c.bins[1].count == 1 && c.bins[9].count == 1)
        #expect(c.bins[1].label == "0.1–0.2")
        #expect(ReliabilityTable([(1.0, true), (0.0, false)]).expectedCalibrationError == 0)
        #expect(ReliabilityTable([]).expectedCalibrationError == 0)
    }

    @Test("right means an acceptable decision: out_of_scope on an out-of-scope query is right, unclear never")
    func rightness() {
        let predictions = [
            Prediction(text: "天气", expected: ["out_of_scope"], predicted: "out_of_scope", confidence: 0.95),
            Prediction(text: "贷款", expected: ["loan_quota", "loan_process"], predicted: "loan_process", confidence: 0.95),
            Prediction(text: "提取", expected: ["withdraw_rent"], predicted: "unclear", confidence: 0.55),
            Prediction(text: "余额", expected: ["balance_query"], predicted: "out_of_scope", confidence: 0.55),
        ]
        let c = ReliabilityTable(predictions: predictions)
        #expect(c.bins[9].right == 2 && c.bins[9].count == 2)
        #expect(c.bins[5].right == 0 && c.bins[5].count == 2)
        #expect(abs(c.expectedCalibrationError - (0.5 * 0.05 + 0.5 * 0.55)) < 1e-12)
        let e = Evaluation(predictions: predictions)
        #expect(e.calibration == c)
        #expect(e.accuracy == 0.5)
        #expect(e.json["ece"]?.doubleValue == c.expectedCalibrationError)
        #expect(e.json["reliability"]?.arrayValue?.count == 10)
    }

    @Test("length buckets ≤10, 11–20, 21–40, >40 count characters without surrounding space")
    func lengths() {
        func p(_ n: Int, right: Bool) -> Prediction {
            Prediction(text: "  " + String(repeating: "字", count: n) + "\n", expected: ["greeting"], predicted: right ? "greeting" : "complaint", confidence: 0.5)
        }
        let buckets = LengthBucket.buckets([p(10, right: true), p(11, right: false), p(20, right: true), p(21, right: true),
                                            p(40, right: false), p(41, right: true), p(300, right: true)])
        #expect(buckets.map(\.label) == ["≤10", "11–20", "21–40", ">40"])
        #expect(buckets.map(\.count) == [1, 2, 2, 2])
        #expect(buckets.map(\.accuracy) == [1, 0.5, 0.5, 1])
        #expect(Evaluation(predictions: []).byLength.allSatisfy { $0.count == 0 })
    }
}
