/// The parts of each class's score for one text that do not depend on the classifier's
/// weights: keyword, best-example and all-examples matches, negative keywords, the learned
/// model's probability. A raw score is their weighted sum, so weights can be tuned on
/// cross-validated texts without scoring them again.
package struct Components: Sendable {
    /// Best single example, BM25 normalised to 0–1.
    package var example: [Double]
    /// All the class's examples together, BM25 normalised to 0–1.
    package var whole: [Double]
    /// Keywords found, squashed to 0–1 and discounted by how little of the text they cover.
    package var keyword: [Double]
    /// Negative keywords found.
    package var negatives: [Double]
    /// The learned model's class probability.
    package var learned: [Double]
    /// 1 when the text names no in-scope keyword at all, else 0.
    package var domainless: Double = 0
    /// 1 when the text names another institution (a bank, a card, social insurance…) and
    /// nothing of the fund, else 0 (the domain gate).
    package var otherInstitution: Double = 0

    package init(classes n: Int) {
        example = Array(repeating: 0, count: n)
        whole = example
        keyword = example
        negatives = example
        learned = example
    }

    /// `share` of `self` and the rest of `other` (a long message: its questions and the whole).
    package func blended(with other: Components, share: Double) -> Components {
        func mix(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { share * $0 + (1 - share) * $1 } }
        var out = self
        out.example = mix(example, other.example)
        out.whole = mix(whole, other.whole)
        out.keyword = mix(keyword, other.keyword)
        out.negatives = mix(negatives, other.negatives)
        out.learned = mix(learned, other.learned)
        out.domainless = share * domainless + (1 - share) * other.domainless
        out.otherInstitution = max(otherInstitution, other.otherInstitution)
        return out
    }

    /// Raw class scores under `config`; `outOfScope` is the out-of-scope class's index.
    package func raw(_ config: ClassifierConfig, outOfScope: Int) -> [Double] {
        var raw = [Double](repeating: 0, count: example.count)
        for c in raw.indices {
            raw[c] = config.exampleWeight * example[c] + config.intentWeight * whole[c] + config.keywordWeight * keyword[c]
                + config.learnedWeight * learned[c] - config.negativePenalty * negatives[c]
            if c != outOfScope { raw[c] -= config.domainlessPenalty * domainless + config.neighbourPenalty * otherInstitution }
        }
        return raw
    }
}
