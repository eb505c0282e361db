import Foundation

/// Okapi BM25 over a fixed set of documents, as an inverted index whose postings carry
/// the document-dependent part of the formula, so a query costs one multiply-add per
/// posting of each of its features.
package struct BM25Index: Sendable {
    package struct Posting: Sendable {
        package let doc: Int32
        /// tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen))
        package let weight: Float
    }

    package private(set) var postings: [[Posting]]
    /// Inverse document frequency per feature (0 for features in no document).
    package private(set) var idf: [Double]
    let documentCount: Int
    let k1: Double
    /// The idf a feature found in no document would have: the most informative value.
    let unseenIDF: Double

    /// - Parameters:
    ///   - documents: each document's features with their (channel-weighted) term frequency.
    ///   - featureCount: the number of feature ids in use.
    package init(documents: [[Int32: Double]], featureCount: Int, k1: Double, b: Double) {
        self.k1 = k1
        documentCount = documents.count
        var postings = [[Posting]](repeating: [], count: featureCount)
        let lengths = documents.map { $0.values.reduce(0, +) }
        let average = max(1e-9, lengths.reduce(0, +) / Double(max(1, documents.count)))
        for (d, features) in documents.enumerated() {
            let norm = k1 * (1 - b + b * lengths[d] / average)
            for (f, tf) in features {
                postings[Int(f)].append(Posting(doc: Int32(d), weight: Float(tf * (k1 + 1) / (tf + norm))))
            }
        }
        let n = Double(documents.count)
        idf = postings.map { list in
            list.isEmpty ? 0 : log(1 + (n - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
        }
        unseenIDF = log(1 + (n + 0.5) / 0.5)
        self.postings = postings
    }

    /// Adds each document's BM25 score for the query to `scores`, and returns the query's
    /// self-score — the most it could score — so callers can normalise to 0–1.
    /// - Parameter unknownWeight: weight of query features no document has.
    /// - Parameter minIDF: features less informative than this count in the self-score but
    ///   are not scored (their long posting lists cost much and decide little).
    package func score(_ query: [(id: Int32, weight: Double)], unknownWeight: Double, minIDF: Double = 0, into scores: inout [Float]) -> Double {
        var selfScore = unknownWeight * unseenIDF * (k1 + 1)
        scores.withUnsafeMutableBufferPointer { scores in
            for (f, w) in query {
                let i = Int(f)
                guard i < idf.count, !postings[i].isEmpty else { selfScore += w * unseenIDF * (k1 + 1); continue }
                let q = idf[i] * w
                selfScore += q * (k1 + 1)
                if idf[i] < minIDF { continue }
                let qf = Float(q)
                postings[i].withUnsafeBufferPointer { list in
                    for p in list { scores[Int(p.doc)] += qf * p.weight }
                }
            }
        }
        return selfScore
    }

    /// As above, accumulating in double precision (small indexes, e.g. one per intent).
    package func score(_ query: [(id: Int32, weight: Double)], unknownWeight: Double, into scores: inout [Double]) -> Double {
        var floats = [Float](repeating: 0, count: scores.count)
        let norm = score(query, unknownWeight: unknownWeight, minIDF: 0, into: &floats)
        for i in scores.indices { scores[i] += Double(floats[i]) }
        return norm
    }

    package func idf(of feature: Int32) -> Double { Int(feature) < idf.count ? idf[Int(feature)] : unseenIDF }
}
