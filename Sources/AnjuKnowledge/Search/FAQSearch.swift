import Foundation
import AnjuIntents
import AnjuText

/// The staff FAQ lookup: BM25 over each entry's question, answer and keywords, with the
/// same normaliser and segmenter as understanding (so 繁體, typos and homophones work),
/// boosted by the intent classifier's view of the query. Immutable and thread-safe.
public final class FAQSearch: Sendable {
    /// One ranked entry.
    public struct Result: Sendable {
        public let entry: FAQEntry
        public let score: Double
        /// Part of the answer around the matched terms, which are marked 【like this】.
        public let snippet: String
        /// The first cited passage: its document and section.
        public let doc: String
        public let section: String
    }

    public let corpus: PolicyCorpus
    let classifier: IntentClassifier
    private let features: FeatureSpace
    private let index: BM25Index
    /// Weight of the classifier's confidence in an entry's intent.
    let intentBoost: Double

    public init(corpus: PolicyCorpus, classifier: IntentClassifier, intentBoost: Double = 0.6) {
        self.corpus = corpus
        self.classifier = classifier
        self.intentBoost = intentBoost
        var space = FeatureSpace()
        var docs: [[Int32: Double]] = []
        let analyzer = classifier.analyzer
        for entry in corpus.entries {
            var doc: [Int32: Double] = [:]
            // The question counts twice: it is what staff type.
            for (text, weight) in [(entry.question, 2.0), (entry.answer, 1.0), (entry.keywords.joined(separator: " "), 2.0)] {
                let analysis = analyzer.analyze(text)
                for (f, tf) in space.intern(analysis, bigramWeight: 0.5) {
                    doc[f, default: 0] += tf * weight * (space.isBigram[Int(f)] ? 0.5 : 1)
                }
            }
            docs.append(doc)
        }
        features = space
        index = BM25Index(documents: docs, featureCount: space.count, k1: 1.2, b: 0.75)
    }

    /// The best entries for `query`, at most `limit` (1–20), optionally only for `intent`.
    public func search(_ query: String, limit: Int = 5, intent: String? = nil) -> [Result] {
        let analysis = classifier.analyzer.analyze(query)
        guard !analysis.tokens.isEmpty else { return [] }
        let lookup = features.lookup(analysis, bigramWeight: 0.5)
        var scores = [Double](repeating: 0, count: corpus.entries.count)
        let norm = index.score(lookup.known, unknownWeight: lookup.unknownWeight, into: &scores)
        let classification = classifier.classify(analysis: analysis, limit: 10)
        var intentProbability: [String: Double] = [:]
        for c in classification.candidates { intentProbability[c.intent] = c.score }
        var ranked: [(Int, Double)] = []
        for (i, entry) in corpus.entries.enumerated() {
            if let intent, entry.intent != intent { continue }
            guard scores[i] > 0 else { continue }
            let s = (norm > 0 ? scores[i] / norm : 0) + intentBoost * (intentProbability[entry.intent] ?? 0)
            ranked.append((i, s))
        }
        ranked.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        ranked = Self.diversified(ranked, intents: corpus.entries.map(\.intent), take: max(1, min(20, limit)))
        let terms = Self.highlightTerms(analysis)
        return ranked.prefix(max(1, min(20, limit))).map { i, s in
            let entry = corpus.entries[i]
            let cited = entry.cites.first.flatMap { corpus.passage($0) }
            return Result(entry: entry, score: (s * 1000).rounded() / 1000, snippet: Self.snippet(entry.answer, terms: terms),
                          doc: cited?.doc ?? "", section: cited?.section ?? "")
        }
    }

    /// Re-ranks so one intent does not fill the top: each further entry of an intent already
    /// shown counts a little less (×0.85 per earlier one), so a close second topic surfaces.
    static func diversified(_ ranked: [(Int, Double)], intents: [String], take: Int) -> [(Int, Double)] {
        var remaining = Array(ranked.prefix(take * 4))
        var shown: [String: Int] = [:]
        var out: [(Int, Double)] = []
        while out.count < take, !remaining.isEmpty {
            var best = 0
            var bestScore = -Double.infinity
            for (k, (i, s)) in remaining.enumerated() {
                let adjusted = s * pow(0.85, Double(shown[intents[i], default: 0]))
                if adjusted > bestScore { bestScore = adjusted; best = k }
            }
            let (i, s) = remaining.remove(at: best)
            shown[intents[i], default: 0] += 1
            out.append((i, s))
        }
        return out
    }

    /// Query words worth marking in a snippet: Chinese words of two or more characters.
    static func highlightTerms(_ analysis: TextAnalysis) -> [String] {
        var terms = Set<String>()
        for token in analysis.tokens where token.kind != .number && token.text.count >= 2 { terms.insert(token.text) }
        return terms.sorted { $0.count > $1.count }
    }

    /// About 80 characters of `text` around the first matched term, terms marked 【】.
    static func snippet(_ text: String, terms: [String], width: Int = 80) -> String {
        let chars = Array(text.map { $0.isNewline ? " " : $0 })
        let text = String(chars)
        var first = chars.count
        for term in terms {
            if let r = text.range(of: term) {
                first = min(first, text.distance(from: text.startIndex, to: r.lowerBound))
            }
        }
        if first == chars.count { first = 0 }
        let start = max(0, min(first - 20, chars.count - width))
        let end = min(chars.count, start + width)
        var window = String(chars[start..<end])
        for term in terms where window.contains(term) {
            window = window.replacingAll(term, with: "【\(term)】")
        }
        // Undo marks nested inside a longer term's marks (【租房【提取】】).
        while let r = window.range(of: "【【") { window.replaceSubrange(r, with: "【") }
        while let r = window.range(of: "】】") { window.replaceSubrange(r, with: "】") }
        return (start > 0 ? "…" : "") + window + (end < chars.count ? "…" : "")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
