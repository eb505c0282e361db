import AnjuText

/// Finds every intent keyword and negative keyword in a normalised query (as substrings,
/// so they match however the segmenter cut the text).
struct KeywordMatcher: Sendable {
    struct Hit: Sendable {
        let intent: Int
        let weight: Double
        let negative: Bool
        let keyword: Int32
    }

    private var trie = ScalarTrie<[Hit]>()
    private(set) var keywords: [String] = []

    init() {}

    mutating func add(_ keyword: [UInt32], intent: Int, weight: Double, negative: Bool) {
        guard !keyword.isEmpty else { return }
        let id = Int32(keywords.count)
        keywords.append(String(scalars: keyword))
        var hits = trie.value(for: keyword) ?? []
        hits.append(Hit(intent: intent, weight: weight, negative: negative, keyword: id))
        trie.insert(keyword, hits)
    }

    /// Calls `body` for each hit; a keyword occurring twice counts once.
    func matches(in text: [UInt32], _ body: (Hit) -> Void) {
        var seen = Set<Int32>()
        for start in text.indices {
            trie.allMatches(in: text, at: start) { _, hits in
                for hit in hits where seen.insert(hit.keyword).inserted { body(hit) }
            }
        }
    }
}
