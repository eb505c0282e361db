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

    private var trie = ScalarTrie<[Hit]>()
    private(set) var keywords: [String] = []

    init() {}

    /// Adds a keyword (spaces removed). Keywords shorter than two characters after
    /// normalisation are skipped: a single character matches almost anything.
    mutating func add(_ keyword: [UInt32], intent: Int, weight: Double, negative: Bool) {
        let keyword = keyword.filter { $0 != 0x20 }
        guard keyword.count >= 2 else { return }
        let id = Int32(keywords.count)
        keywords.append(String(scalars: keyword))
        var hits = trie.value(for: keyword) ?? []
        hits.append(Hit(intent: intent, length: keyword.count, weight: weight, negative: negative, keyword: id))
        trie.insert(keyword, hits)
    }

    /// Calls `body` for each hit; a keyword occurring twice counts once. Spaces in `text`
    /// are ignored, as they are in the keywords.
    func matches(in spaced: [UInt32], _ body: (Hit) -> Void) {
        let text = spaced.filter { $0 != 0x20 }
        var seen: [Int32] = []   // a query has few hits: a list beats a set
        for start in text.indices {
            trie.allMatches(in: text, at: start) { _, hits in
                for hit in hits where !seen.contains(hit.keyword) {
                    seen.append(hit.keyword)
                    body(hit)
                }
            }
        }
    }
}
