import Foundation

/// A multinomial logistic regression over sparse features, trained once when the classifier
/// is built: the learned half of the classifier, beside the keyword and BM25 scorer.
///
/// Training is averaged stochastic gradient descent over the examples in a fixed shuffled
/// order (a seeded generator), so two builds of the same data give the same weights bit for
/// bit. Weights are stored feature-major (`weights[f * classes + c]`): a query adds one
/// contiguous row of class weights per feature it has, the same as an update touches.
/// Immutable after training and thread-safe.
package struct LogisticModel: Sendable {
    /// One training example: its features (id, value) and its class.
    package struct Example: Sendable {
        package var features: [(id: Int32, value: Float)]
        package var label: Int
        /// How much this example counts (classes with many examples count less each).
        package var weight: Float
    }

    /// How training runs.
    package struct Settings: Sendable, Equatable {
        package var epochs = 12
        package var learningRate: Float = 0.4
        /// L2 shrinkage applied to the rows an example touches, per step.
        package var l2: Float = 1e-4
        package var seed: UInt64 = 0x5EED
        package init() {}
    }

    package let classes: Int
    package let featureCount: Int
    private let weights: [Float]
    private let bias: [Float]

    /// Trains on `examples` with `classes` classes over `featureCount` feature ids.
    package init(examples: [Example], classes: Int, featureCount: Int, settings: Settings = Settings()) {
        self.classes = classes
        self.featureCount = featureCount
        let c = classes
        var w = [Float](repeating: 0, count: max(1, featureCount * c))
        // Averaging (ASGD): `sum` accumulates step·update, the average is w − sum/steps.
        var sum = [Float](repeating: 0, count: w.count)
        var b = [Float](repeating: 0, count: c)
        var bSum = [Float](repeating: 0, count: c)
        var order = Array(examples.indices)
        var rng = SplitMix64(seed: settings.seed)
        var step: Float = 1
        var logits = [Float](repeating: 0, count: c)
        w.withUnsafeMutableBufferPointer { w in
            sum.withUnsafeMutableBufferPointer { sum in
                logits.withUnsafeMutableBufferPointer { logits in
                    for epoch in 0..<settings.epochs {
                        order.shuffle(using: &rng)
                        // A learning rate that decays over the epochs.
                        let rate = settings.learningRate / (1 + Float(epoch) * 0.5)
                        for index in order {
                            let example = examples[index]
                            Self.logits(example.features, weights: UnsafeBufferPointer(w), bias: b, classes: c, into: logits)
                            Self.softmax(logits)
                            let scale = rate * example.weight
                            for k in 0..<c {
                                let g = (logits[k] - (k == example.label ? 1 : 0)) * scale
                                logits[k] = g
                                b[k] -= g
                                bSum[k] -= g * step
                            }
                            let shrink = 1 - rate * settings.l2
                            for (f, x) in example.features {
                                let row = Int(f) * c
                                for k in 0..<c {
                                    let update = -logits[k] * x - (1 - shrink) * w[row + k]
                                    w[row + k] += update
                                    sum[row + k] += update * step
                                }
                            }
                            step += 1
                        }
                    }
                }
            }
        }
        for i in w.indices { w[i] -= sum[i] / step }
        for k in 0..<c { b[k] -= bSum[k] / step }
        weights = w
        bias = b
    }

    /// Class log-odds of a query's features (ids the model has never seen are skipped).
    package func logits(_ features: [(id: Int32, value: Float)], into out: UnsafeMutableBufferPointer<Float>) {
        weights.withUnsafeBufferPointer { w in
            Self.logits(features, weights: w, bias: bias, classes: classes, into: out)
        }
    }

    @inline(__always)
    static func logits(_ features: [(id: Int32, value: Float)], weights: UnsafeBufferPointer<Float>, bias: [Float], classes c: Int,
                       into out: UnsafeMutableBufferPointer<Float>) {
        for k in 0..<c { out[k] = bias[k] }
        let rows = weights.count / max(1, c)
        for (f, x) in features where Int(f) < rows {
            let row = Int(f) * c
            for k in 0..<c { out[k] += weights[row + k] * x }
        }
    }

    /// In-place softmax.
    @inline(__always)
    static func softmax(_ v: UnsafeMutableBufferPointer<Float>) {
        var top = -Float.infinity
        for x in v where x > top { top = x }
        var total: Float = 0
        for i in v.indices { v[i] = expf(v[i] - top); total += v[i] }
        for i in v.indices { v[i] /= total }
    }

    /// Class probabilities of a query's features.
    package func probabilities(_ features: [(id: Int32, value: Float)]) -> [Float] {
        var out = [Float](repeating: 0, count: classes)
        out.withUnsafeMutableBufferPointer { p in
            logits(features, into: p)
            Self.softmax(p)
        }
        return out
    }
}
