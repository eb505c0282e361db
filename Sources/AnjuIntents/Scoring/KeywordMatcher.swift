import AnjuText

/// Finds every intent keyword and negative keyword in a normalised query (as substrings,
/// so they match however the segmenter cut the text).
struct KeywordMatcher: Sendable {
    struct Hit: Sendable {
        let intent: Int
        /// Characters the keyword covers.
        let length: Int
        let weight: Double
        let negative: Bool
        let keyword: Int32
    }

    /// Each keyword text leads to its hits: `hits[hitRanges[i]]` (one text may be a keyword
    /// of several intents). Plain integers in the trie keep lookups free of reference counting.
    private var trie = ScalarTrie<Int32>()
    private var hitRanges: [Range<Int>] = []
    private var hits: [Hit] = []
    private(set) var keywords: [String] = []

    init() {}

    /// Pseudo-intents of the domain gate's terms (see `Intents/text/domain.tsv`).
    static let fundMarker = -1
    static let otherMarker = -2

    /// Adds a keyword (spaces removed). Keywords shorter than two characters after
    /// normalisation are skipped: a single character matches almost anything.
    mutating func add(_ keyword: [UInt32], intent: Int, weight: Double, negative: Bool) {
        let keyword = keyword.filter { $0 != 0x20 }
        guard keyword.count >= 2 else { return }
        let id = Int32(keywords.count)
        keywords.append(String(scalars: keyword))
        let hit = Hit(intent: intent, length: keyword.count, weight: weight, negative: negative, keyword: id)
        if let existing = trie.value(for: keyword) {
            // Keep each text's hits contiguous: move them to the end with the new one.
            var group = Array(hits[hitRanges[Int(existing)]])
            group.append(hit)
            hitRanges[Int(existing)] = hits.count..<(hits.count + group.count)
            hits.append(contentsOf: group)
        } else {
            trie.insert(keyword, Int32(hitRanges.count))
            hitRanges.append(hits.count..<(hits.count + 1))
            hits.append(hit)
        }
    }

    /// Calls `body` for each hit; a keyword occurring twice counts once. Spaces in `text`
    /// are ignored, as they are in the keywords.
    func matches(in spaced: [UInt32], _ body: (Hit) -> Void) {
        let text = spaced.contains(0x20) ? spaced.filter { $0 != 0x20 } : spaced
        var seen: [Int32] = []   // a query has few hits: a list beats a set
        for start in text.indices {
            trie.allMatches(in: text, at: start) { _, group in
                for hit in hits[hitRanges[Int(group)]] where !seen.contains(hit.keyword) {
                    seen.append(hit.keyword)
                    body(hit)
                }
            }
        }
    }
}
