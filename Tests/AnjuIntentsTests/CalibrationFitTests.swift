@testable import AnjuIntents
import Foundation
import Testing

/// The logistic calibration fit (`Calibration.fit`) and its sample weights.
@Suite("Calibration fit")
struct CalibrationFitTests {
    /// A decision whose best share is `top`, its other features neutral.
    static func features(_ top: Double) -> Calibration.Features {
        Calibration.Features(top: top, gap: 0, best: 0, outOfScopeGap: 0, outOfScopeShare: 0.5)
    }

    /// 50 samples right at a rate that rises with `top`, from a seeded sequence.
    static func samples(seed: UInt64, shift: Double) -> [(Calibration.Features, Bool)] {
        var rng = SplitMix64(seed: seed)
        return (0..<50).map { _ in
            let top = Double.random(in: 0.05...0.95, using: &rng)
            return (features(top), Double.random(in: 0...1, using: &rng) < min(1, top + shift))
        }
    }

    @Test("a sample of weight 0 counts for nothing: the fit equals the fit without it")
    func zeroWeightIsIgnored() {
        let kept = Self.samples(seed: 1, shift: 0)
        let ignored = Self.samples(seed: 2, shift: 0.5)
        let weighted = Calibration.fit(kept + ignored, sampleWeights: Array(repeating: 1, count: kept.count) + Array(repeating: 0, count: ignored.count))
        let alone = Calibration.fit(kept)
        for (a, b) in zip(weighted, alone) { #expect(abs(a - b) < 1e-4, "\(weighted) vs \(alone)") }
    }

    @Test("weighing a group more moves the confidence towards that group's rate of being right")
    func heavierGroupPullsTheConfidence() {
        let easy = Self.samples(seed: 3, shift: 0.5)    // right more often
        let hard = Self.samples(seed: 4, shift: -0.3)   // right less often
        let even = Calibration.fit(easy + hard)
        let hardHeavy = Calibration.fit(easy + hard, sampleWeights: Array(repeating: 1, count: easy.count) + Array(repeating: 5, count: hard.count))
        var c = Calibration()
        c.intent = even
        let evenAtMiddle = c.confidence(.intent, Self.features(0.5))!
        c.intent = hardHeavy
        #expect(c.confidence(.intent, Self.features(0.5))! < evenAtMiddle)
    }
}

/// Rejections the rejection model finds unlikely to be right are overturned.
@Suite("Rejection floor")
struct RejectionFloorTests {
    /// Three classes, the last out of scope; the best in-scope score is under `min_score`.
    static let raw = [0.20, 0.10, 0.05]

    static func config(floor: Double, rightness: Double) -> ClassifierConfig {
        var c = ClassifierConfig()
        c.minScore = 0.5
        c.calibration.rejection = [0, 0, 0, 0, 0, log(rightness / (1 - rightness))]   // a constant probability
        c.calibration.rejectionFloor = floor
        return c
    }

    @Test("a rejection under the floor becomes the best intent, ahead of out of scope in the order")
    func rejectionUnderTheFloorIsOverturned() {
        let d = Decision(raw: Self.raw, config: Self.config(floor: 0.3, rightness: 0.1), outOfScope: 2, keep: 3)
        #expect(d.kind == .intent)
        #expect(d.order.first == 0)
    }

    @Test("a rejection at or above the floor stands, and without a rejection model every rejection stands")
    func rejectionAboveTheFloorStands() {
        #expect(Decision(raw: Self.raw, config: Self.config(floor: 0.3, rightness: 0.6), outOfScope: 2, keep: 3).kind == .outOfScope)
        var plain = ClassifierConfig()
        plain.minScore = 0.5
        #expect(Decision(raw: Self.raw, config: plain, outOfScope: 2, keep: 3).kind == .outOfScope)
    }
}
