import Foundation

/// Okapi BM25 over a fixed set of documents, as an inverted index whose postings carry
/// the document-dependent part of the formula, so a query costs one multiply-add per
/// posting of each of its features.
///
/// The postings of all features sit in one flat array (feature `f` owns
/// `postingStart[f]..<postingStart[f + 1]`): a query touches one contiguous block per
/// feature instead of chasing one heap array per feature.
package struct BM25Index: Sendable {
    package struct Posting: Sendable {
        package let doc: Int32
        /// tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen))
        package let weight: Float
    }

    private let postingStart: [Int32]
    private let allPostings: [Posting]
    /// Inverse document frequency per feature (0 for features in no document).
    package let idf: [Double]
    package let documentCount: Int
    let k1: Double
    /// The idf a feature found in no document would have: the most informative value.
    let unseenIDF: Double

    /// - Parameters:
    ///   - documents: each document's features with their (channel-weighted) term frequency.
    ///   - featureCount: the number of feature ids in use.
    ///
    /// Each document's features are read in order of id, never in the dictionary's own
    /// order (which Swift seeds per process and per dictionary): document lengths are
    /// floating-point sums, so the index is the same bit for bit on every run.
    package init(documents: [[Int32: Double]], featureCount: Int, k1: Double, b: Double) {
        self.k1 = k1
        documentCount = documents.count
        var lists = [[Posting]](repeating: [], count: featureCount)
        let sorted = documents.map { $0.sorted { $0.key < $1.key } }
        let lengths = sorted.map { $0.reduce(0) { $0 + $1.value } }
        let average = max(1e-9, lengths.reduce(0, +) / Double(max(1, documents.count)))
        for (d, features) in sorted.enumerated() {
            let norm = k1 * (1 - b + b * lengths[d] / average)
            for (f, tf) in features {
                lists[Int(f)].append(Posting(doc: Int32(d), weight: Float(tf * (k1 + 1) / (tf + norm))))
            }
        }
        let n = Double(documents.count)
        idf = lists.map { list in
            list.isEmpty ? 0 : log(1 + (n - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
        }
        unseenIDF = log(1 + (n + 0.5) / 0.5)
        var start: [Int32] = [0]
        start.reserveCapacity(featureCount + 1)
        for list in lists { start.append(start.last! + Int32(list.count)) }
        postingStart = start
        allPostings = lists.flatMap { $0 }
    }

    /// The postings of `feature` (empty for an unknown feature).
    package func postings(of feature: Int32) -> ArraySlice<Posting> {
        let f = Int(feature)
        guard f >= 0, f + 1 < postingStart.count else { return [] }
        return allPostings[Int(postingStart[f])..<Int(postingStart[f + 1])]
    }

    /// Adds each document's BM25 score for the query to `scores` (one slot per document),
    /// and returns the query's self-score — the most it could score — so callers can
    /// normalise to 0–1.
    /// - Parameter unknownWeight: weight of query features no document has.
    /// - Parameter minIDF: features less informative than this count in the self-score but
    ///   are not scored (their long posting lists cost much and decide little).
    package func score(_ query: [(id: Int32, weight: Double)], unknownWeight: Double, minIDF: Double = 0,
                       into scores: UnsafeMutableBufferPointer<Float>) -> Double {
        precondition(scores.count >= documentCount, "one score slot per document")
        var selfScore = unknownWeight * unseenIDF * (k1 + 1)
        let features = idf.count
        postingStart.withUnsafeBufferPointer { start in
            allPostings.withUnsafeBufferPointer { all in
                idf.withUnsafeBufferPointer { idf in
                    for (f, w) in query {
                        let i = Int(f)
                        guard i >= 0, i < features, start[i] < start[i + 1] else {
                            selfScore += w * unseenIDF * (k1 + 1)
                            continue
                        }
                        let q = idf[i] * w
                        selfScore += q * (k1 + 1)
                        if idf[i] < minIDF { continue }
                        let qf = Float(q)
                        for p in Int(start[i])..<Int(start[i + 1]) {
                            let posting = all[p]
                            scores[Int(posting.doc)] += qf * posting.weight
                        }
                    }
                }
            }
        }
        return selfScore
    }

    /// As above, into a fresh array of double-precision scores (small indexes, callers
    /// that keep the scores).
    package func score(_ query: [(id: Int32, weight: Double)], unknownWeight: Double, into scores: inout [Double]) -> Double {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: max(1, documentCount)) { floats in
            floats.initialize(repeating: 0)
            let norm = score(query, unknownWeight: unknownWeight, minIDF: 0, into: floats)
            for i in 0..<min(scores.count, documentCount) { scores[i] += Double(floats[i]) }
            return norm
        }
    }

    package func idf(of feature: Int32) -> Double { Int(feature) < idf.count ? idf[Int(feature)] : unseenIDF }
}
