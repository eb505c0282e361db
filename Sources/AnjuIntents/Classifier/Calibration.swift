import Foundation

/// Turns a decision's scores into the probability that the decision is right: one small
/// logistic model per kind of decision (intent, out of scope, unclear), fitted on
/// cross-validated predictions (`anju fit`) and stored in `Intents/classifier.yaml`.
///
/// "Right" is what acceptance measures: an intent is right when it is the expected one; an
/// out-of-scope or unclear decision is right when the query is out of scope.
public struct Calibration: Sendable, Equatable, Codable {
    /// What the calibration reads from a decision.
    package struct Features: Sendable, Equatable {
        /// Softmax share of the best class.
        var top: Double
        /// Raw score of the best class minus the best other in-scope class.
        var gap: Double
        /// Raw score of the best class.
        var best: Double
        /// Raw score of the best class minus the out-of-scope class.
        var outOfScopeGap: Double
        /// Softmax share of the out-of-scope class.
        var outOfScopeShare: Double

        /// The inputs of the logistic model, the constant last.
        package var vector: [Double] {
            func logit(_ p: Double) -> Double { let q = min(max(p, 1e-4), 1 - 1e-4); return log(q / (1 - q)) }
            return [logit(top), gap, best, outOfScopeGap, logit(outOfScopeShare), 1]
        }
        package static let count = 6
    }

    /// Weights per decision kind (`Features.count` each); empty = not calibrated.
    public var intent: [Double] = []
    public var outOfScope: [Double] = []
    public var unclear: [Double] = []
    /// Confidence of out_of_scope for input that asks nothing (digits, a letter, 是的).
    public var bareInputConfidence: Double = 0.9
    /// The probability that a rejection (out of scope by the score thresholds) is right,
    /// fitted before any rejection is overturned; empty = rejections stand.
    public var rejection: [Double] = []
    /// A rejection less likely right than this is overturned: the best intent is decided
    /// instead (a long letter about the fund whose every score is diluted by its story).
    public var rejectionFloor: Double = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case intent, outOfScope = "out_of_scope", unclear, bareInputConfidence = "bare_input", rejection, rejectionFloor = "rejection_floor"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        intent = try c.decodeIfPresent([Double].self, forKey: .intent) ?? []
        outOfScope = try c.decodeIfPresent([Double].self, forKey: .outOfScope) ?? []
        unclear = try c.decodeIfPresent([Double].self, forKey: .unclear) ?? []
        bareInputConfidence = try c.decodeIfPresent(Double.self, forKey: .bareInputConfidence) ?? 0.9
        rejection = try c.decodeIfPresent([Double].self, forKey: .rejection) ?? []
        rejectionFloor = try c.decodeIfPresent(Double.self, forKey: .rejectionFloor) ?? 0
    }

    /// The probability that a rejection with `features` is right; nil without a rejection model.
    package func rejectionRight(_ features: Features) -> Double? {
        guard rejection.count == Features.count else { return nil }
        let z = zip(rejection, features.vector).reduce(0) { $0 + $1.0 * $1.1 }
        return 1 / (1 + exp(-z))
    }

    package func weights(_ kind: Decision.Kind) -> [Double] {
        switch kind {
        case .intent: intent
        case .outOfScope: outOfScope
        case .unclear: unclear
        }
    }

    /// The calibrated confidence, or nil when this kind is not calibrated.
    package func confidence(_ kind: Decision.Kind, _ features: Features) -> Double? {
        let w = weights(kind)
        guard w.count == Features.count else { return nil }
        let z = zip(w, features.vector).reduce(0) { $0 + $1.0 * $1.1 }
        return 1 / (1 + exp(-z))
    }

    /// Fits one kind's weights by Newton's method on (features, right) pairs, with a small
    /// L2 penalty (not on the constant) so a kind with few samples stays near its base rate.
    /// `sampleWeights` (one per sample, default 1) weigh each pair's part of the likelihood.
    package static func fit(_ samples: [(Features, Bool)], sampleWeights: [Double]? = nil, l2: Double = 1.0, iterations: Int = 50) -> [Double] {
        let d = Features.count
        var w = [Double](repeating: 0, count: d)
        guard !samples.isEmpty else { return w }
        // Too few to fit a slope: the kind's smoothed rate of being right, as a constant.
        if samples.count < 40 {
            let rate = (Double(samples.filter(\.1).count) + 1) / (Double(samples.count) + 2)
            w[d - 1] = ((log(rate / (1 - rate))) * 1e6).rounded() / 1e6
            return w
        }
        let xs = samples.map { $0.0.vector }
        let ys = samples.map { $0.1 ? 1.0 : 0.0 }
        let sw = sampleWeights ?? [Double](repeating: 1, count: samples.count)
        for _ in 0..<iterations {
            var g = [Double](repeating: 0, count: d)
            var h = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            for ((x, y), weight) in zip(zip(xs, ys), sw) {
                let z = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 }
                let p = 1 / (1 + exp(-z))
                for i in 0..<d {
                    g[i] += weight * (p - y) * x[i]
                    for j in 0..<d { h[i][j] += weight * p * (1 - p) * x[i] * x[j] }
                }
            }
            for i in 0..<(d - 1) { g[i] += l2 * w[i]; h[i][i] += l2 }
            h[d - 1][d - 1] += 1e-6
            guard let step = solve(h, g) else { break }
            var moved = 0.0
            for i in 0..<d { w[i] -= step[i]; moved = max(moved, abs(step[i])) }
            if moved < 1e-7 { break }
        }
        return w.map { ($0 * 1e6).rounded() / 1e6 }
    }

    /// Solves `a·x = b` by Gaussian elimination with partial pivoting (nil when singular).
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a
        var v = b
        let n = v.count
        for col in 0..<n {
            guard let pivot = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[pivot][col]) > 1e-12 else { return nil }
            m.swapAt(col, pivot)
            v.swapAt(col, pivot)
            for row in (col + 1)..<n {
                let f = m[row][col] / m[col][col]
                if f == 0 { continue }
                for k in col..<n { m[row][k] -= f * m[col][k] }
                v[row] -= f * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var s = v[row]
            for k in (row + 1)..<n { s -= m[row][k] * x[k] }
            x[row] = s / m[row][row]
        }
        return x
    }
}
