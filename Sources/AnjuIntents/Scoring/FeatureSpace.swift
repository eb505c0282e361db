import AnjuText

/// Turns an analysed text into weighted features: its words (tokens) and the character
/// bigrams of its Chinese runs, which catch words the lexicon and ICU split differently.
/// Numbers become their class (`#id`, `#phone`, `#个月`, `#元`), so 24个月 and 36个月 match.
package struct FeatureSpace: Sendable {
    package init() {}

    /// Word feature ids by a 64-bit hash of the word (checked against `names`, so a
    /// collision can only make a word unknown, never another word): hashing a short token
    /// this way costs a fraction of `Dictionary`'s SipHash.
    private var wordIDs = IntegerMap(capacity: 4096)
    package private(set) var bigramIDs = IntegerMap(capacity: 4096)
    /// Display text of each feature id (for `--explain`).
    package private(set) var names: [String] = []
    package private(set) var isBigram: [Bool] = []

    package var count: Int { names.count }

    /// The word key of a token.
    package static func wordKey(_ token: Token) -> String {
        guard token.kind == .number else { return token.text }
        let digits = token.text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = token.text.dropFirst(digits.count)
        if unit.isEmpty || (unit == "x" && digits.count == 17) {
            if digits.count == 18 || (digits.count == 17 && unit == "x") { return "#id" }
            if digits.count == 11 && digits.hasPrefix("1") { return "#phone" }
            if digits.count == 6 { return "#six" }
            return "#num"
        }
        return "#" + unit
    }

    /// FNV-1a over the word's UTF-8.
    static func hash(_ word: String) -> UInt64 {
        var word = word
        return word.withUTF8 { bytes in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
    }

    /// The id of a known word.
    @inline(__always)
    func wordID(_ word: String) -> Int32? {
        guard let id = wordIDs[Self.hash(word)], names[Int(id)] == word else { return nil }
        return id
    }

    @inline(__always)
    static func bigramKey(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    /// Features of `analysis`: interned when `grow` (building the index), looked up
    /// otherwise; unknown features are counted in `unknown` (weighted) and left out.
    package mutating func intern(_ analysis: TextAnalysis, bigramWeight: Double) -> [Int32: Double] {
        var features: [Int32: Double] = [:]
        for token in analysis.tokens {
            let key = Self.wordKey(token)
            let id: Int32
            if let existing = wordID(key) { id = existing } else {
                let hash = Self.hash(key)
                guard wordIDs[hash] == nil else { continue }  // a hash collision: the later word stays unknown
                id = Int32(names.count); wordIDs.set(hash, id); names.append(key); isBigram.append(false)
            }
            features[id, default: 0] += 1
        }
        forEachBigram(analysis.scalars) { key, a, b in
            let id: Int32
            if let existing = bigramIDs[key] { id = existing } else {
                id = Int32(names.count); bigramIDs.set(key, id)
                names.append(String(scalars: [a, b])); isBigram.append(true)
            }
            features[id, default: 0] += 1
        }
        return features
    }

    /// Distinct features of a query, each with its channel weight; plus the weight of the
    /// features the index has never seen.
    package func lookup(_ analysis: TextAnalysis, bigramWeight: Double) -> (known: [(id: Int32, weight: Double)], unknownWeight: Double, unknownCount: Int) {
        var known: [(id: Int32, weight: Double)] = []
        known.reserveCapacity(analysis.tokens.count + analysis.scalars.count)
        var unknownWeight = 0.0
        var unknownCount = 0
        var unknownWords: [String] = []
        for token in analysis.tokens {
            let key = Self.wordKey(token)
            if let id = wordID(key) {
                known.append((id, 1))
            } else if !unknownWords.contains(key) {
                unknownWords.append(key)
                unknownWeight += 1
                unknownCount += 1
            }
        }
        var unknownBigrams: [UInt64] = []
        forEachBigram(analysis.scalars) { key, _, _ in
            if let id = bigramIDs[key] {
                known.append((id, bigramWeight))
            } else if !unknownBigrams.contains(key) {
                unknownBigrams.append(key)
                unknownWeight += bigramWeight
            }
        }
        // Each feature once (a query is short: sorting beats hashing).
        known.sort { $0.id < $1.id }
        var write = 0
        for read in known.indices where read == 0 || known[read].id != known[write - 1].id {
            known[write] = known[read]
            write += 1
        }
        known.removeLast(known.count - write)
        return (known, unknownWeight, unknownCount)
    }

    private func forEachBigram(_ s: [UInt32], _ body: (UInt64, UInt32, UInt32) -> Void) {
        guard s.count >= 2 else { return }
        for i in 0..<(s.count - 1) where CharClass.isIdeograph(s[i]) && CharClass.isIdeograph(s[i + 1]) {
            body(Self.bigramKey(s[i], s[i + 1]), s[i], s[i + 1])
        }
    }

    package func name(_ id: Int32) -> String { names[Int(id)] }
}
