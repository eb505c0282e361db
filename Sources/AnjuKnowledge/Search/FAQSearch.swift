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
    /// Each entry's intent, and its answer as scalars with line breaks as spaces (for snippets).
    private let intents: [String]
    private let answerScalars: [[UInt32]]

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
        intents = corpus.entries.map(\.intent)
        answerScalars = corpus.entries.map { $0.answer.unicodeScalars.map { $0.properties.isWhitespace ? 0x20 : $0.value } }
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
        ranked = Self.diversified(ranked, intents: intents, take: max(1, min(20, limit)))
        let terms = Self.highlightTerms(analysis)
        return ranked.prefix(max(1, min(20, limit))).map { i, s in
            let entry = corpus.entries[i]
            let cited = entry.cites.first.flatMap { corpus.passage($0) }
            return Result(entry: entry, score: (s * 1000).rounded() / 1000, snippet: Self.snippet(answerScalars[i], terms: terms),
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

    /// Query words worth marking in a snippet: Chinese words of two or more characters,
    /// longest first, as scalars.
    static func highlightTerms(_ analysis: TextAnalysis) -> [[UInt32]] {
        var terms = Set<String>()
        for token in analysis.tokens where token.kind != .number && token.text.count >= 2 { terms.insert(token.text) }
        return terms.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }.map { $0.unicodeScalars.map(\.value) }
    }

    /// About 80 characters of the answer around the first matched term, terms marked 【】.
    static func snippet(_ text: [UInt32], terms: [[UInt32]], width: Int = 80) -> String {
        func match(at i: Int) -> Int? {
            for t in terms where i + t.count <= text.count && text[i..<(i + t.count)].elementsEqual(t) { return t.count }
            return nil
        }
        var first = 0
        for i in text.indices where match(at: i) != nil { first = i; break }
        let start = max(0, min(first - 20, text.count - width))
        let end = min(text.count, start + width)
        var out: [UInt32] = start > 0 ? [0x2026] : []
        var i = start
        while i < end {
            if let length = match(at: i), i + length <= end {
                out.append(0x3010)                        // 【
                out.append(contentsOf: text[i..<(i + length)])
                out.append(0x3011)                        // 】
                i += length
            } else {
                out.append(text[i])
                i += 1
            }
        }
        if end < text.count { out.append(0x2026) }       // …
        return String(scalars: out)
    }
}
