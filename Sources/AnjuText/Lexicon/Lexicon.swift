/// The domain lexicon: terms the segmenter keeps whole (公积金, 商转公, 按月冲还贷 …)
/// and their pinyin index for homophones.
public struct Lexicon: Sendable {
    private(set) var trie = ScalarTrie<Int32>()
    private(set) var terms: [String] = []
    /// Fuzzy-pinyin key of a term (2–6 characters) → term index.
    private var homophones = IntegerMap(capacity: 1024)
    let pinyin: PinyinTable

    /// Builds the lexicon from already-normalised terms (one to three characters long
    /// words are fine; single characters are ignored: they carry no segmentation).
    /// `spoken`: a term's characters as said, where normalising changed them (二套房 for 2套房):
    /// its homophones are found by those.
    init(terms input: some Sequence<[UInt32]>, pinyin: PinyinTable, spoken: [[UInt32]: [UInt32]] = [:]) {
        self.pinyin = pinyin
        for term in input where term.count >= 2 && term.allSatisfy({ $0 != 0x20 }) {
            if trie.value(for: term) != nil { continue }
            let index = Int32(terms.count)
            terms.append(String(scalars: term))
            trie.insert(term, index)
            if term.allSatisfy(CharClass.isIdeograph), let key = pinyin.key(term, 0..<term.count), homophones[key] == nil {
                homophones.set(key, index)
            }
        }
        for (said, term) in spoken.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) where said.count >= 2 {
            guard let index = trie.value(for: term), let key = pinyin.key(said, 0..<said.count), homophones[key] == nil else { continue }
            homophones.set(key, index)
        }
    }

    /// Number of distinct terms.
    public var count: Int { terms.count }

    /// Whether `term` (normalised) is in the lexicon.
    public func contains(_ term: String) -> Bool {
        trie.value(for: term.unicodeScalars.map(\.value)) != nil
    }

    /// The length of the longest term starting at `i` (0 if none).
    @inline(__always)
    func longestMatchLength(in text: [UInt32], at i: Int) -> Int {
        trie.longestMatch(in: text, at: i, minLength: 2)?.length ?? 0
    }

    func longestMatch(in text: [UInt32], at i: Int) -> (length: Int, term: String)? {
        guard let (length, index) = trie.longestMatch(in: text, at: i, minLength: 2) else { return nil }
        return (length, terms[Int(index)])
    }

    /// As `homophone(in:at:length:)`, with the characters' syllables already looked up.
    /// `beforeNumber`: the span is no dictionary word and a number follows it, so two
    /// characters that share none with the term may still be it (于鹅 20000 is 余额 20000: a
    /// label said before a sum, misheard). Anywhere else a two-character match must share a
    /// character with the term: 不交 is not 补缴, 你知 not 离职.
    func homophone(syllables: [Int32], text: [UInt32], at i: Int, length: Int, beforeNumber: Bool = false, noWord: Bool = false) -> String? {
        var key = UInt64(length)
        for k in i..<(i + length) { key = key &* 1031 &+ UInt64(syllables[k]) }
        guard let index = homophones[key] else { return nil }
        let term = terms[Int(index)]
        // (a form's own words — 连续, 税前, 本市, 首套 … — misheard as two characters that are no
        // word: 联叙, 随钱, 奔市, 收讨; the words a caller answers the form with)
        if length == 2, noWord, Self.formWords.contains(term) { return term }
        if length == 2, !beforeNumber {
            let t = Array(term.unicodeScalars.map(\.value))
            // (a particle shared is no character shared — 写了 is not 谢了 — unless a number
            // follows, as after a misheard verb: 带了30万 is 贷了)
            let numberFollows = i + 2 < text.count && (text[i + 2] >= 0x30 && text[i + 2] <= 0x39)
            guard (t[0] == text[i] && (numberFollows || !Self.particles.contains(t[0])))
                    || (t[1] == text[i + 1] && (numberFollows || !Self.particles.contains(t[1]))) else { return nil }
        }
        return term
    }

    /// The two-character words a form asks with and a caller answers with, which speech
    /// recognition mishears as two characters that are no word and share none with them (联叙
    /// 交了 for 连续, 随钱 for 税前): such a span sounding exactly like one of them is it.
    static let formWords: Set<String> = ["连续", "税前", "本市", "首套", "二套", "月供", "单身", "已婚", "离职", "封存", "合同", "商业", "余额", "房价", "房租", "租房", "提取", "贷款", "逾期", "退休", "出生"]

    /// Particles, which two words may share without sounding alike by meaning: 了 的 是 吗 呢 吧
    /// 啊 着 过 得 地.
    static let particles: Set<UInt32> = Set("了的是吗呢吧啊着过得地".unicodeScalars.map(\.value))

    /// A lexicon term that sounds like `text[i..<i+length]` (same fuzzy pinyin). Two-character
    /// matches must share a character with the term, so that 事业 is not read as 失业.
    func homophone(in text: [UInt32], at i: Int, length: Int) -> String? {
        guard let key = pinyin.key(text, i..<(i + length)), let index = homophones[key] else { return nil }
        let term = terms[Int(index)]
        if length == 2 {
            let t = Array(term.unicodeScalars.map(\.value))
            guard t[0] == text[i] || t[1] == text[i + 1] else { return nil }
        }
        return term
    }
}
