/// Step 2 of the pipeline: normalised text to tokens.
///
/// ICU's word break iterator (locale zh) gives the base segmentation; it splits unknown
/// domain words into characters (公|积|金), so at each position the longest lexicon term
/// wins over ICU's piece when it is at least as long. Where neither knows the text, the
/// pinyin index tries a homophone (工积金 → 公积金). Numbers keep their unit (24个月).
struct Segmenter: Sendable {
    let lexicon: Lexicon
    let breakers: WordBreakerPool

    /// Units that stay attached to the number before them, longest first.
    static let units: [[UInt32]] = ["平方米", "个月", "周岁", "万元", "平米", "年", "月", "岁", "元", "块", "套", "个", "次", "期", "倍", "天", "日", "号", "孩", "胎", "%", "人", "笔", "成", "万"]
        .map { $0.unicodeScalars.map(\.value) }

    /// `spoken`: the text came from speech recognition word by word (a space between nearly
    /// every word), where two characters that are no word and sound exactly like one of the
    /// form's words are that word (`Lexicon.formWords`).
    func segment(_ s: [UInt32], spoken: Bool = false) -> [Token] {
        let n = s.count
        guard n > 0 else { return [] }
        // 1. Lexicon terms, longest match left to right, over the Chinese runs.
        var termLength = [Int](repeating: 0, count: n)
        var i = 0
        while i < n {
            let length = CharClass.isIdeograph(s[i]) ? lexicon.longestMatchLength(in: s, at: i) : 0
            if length > 0 {
                termLength[i] = length
                i += length
            } else {
                i += 1
            }
        }
        // 2. ICU's word breaks, only for the Chinese text the lexicon left uncovered (one call
        //    over those gaps joined by spaces): the dictionary work is the costly part.
        let icuEnd = icuBreaks(s, termLength: termLength)

        var tokens: [Token] = []
        tokens.reserveCapacity(n / 2 + 1)
        // Fuzzy syllable of each character, looked up once (0 = none; -1 = not yet looked up).
        var syllables = [Int32](repeating: -1, count: n)
        i = 0
        while i < n {
            let v = s[i]
            if v == 0x20 { i += 1; continue }
            if CharClass.isASCIIDigit(v) {
                var j = i
                while j < n, CharClass.isASCIIDigit(s[j]) || s[j] == 0x2E || ((s[j] == 0x78) && j - i == 17) { j += 1 } // x: ID check digit
                if let unit = Self.units.first(where: { u in j + u.count <= n && s[j..<(j + u.count)].elementsEqual(u) }) {
                    j += unit.count
                }
                tokens.append(Token(String(scalars: s[i..<j]), kind: .number))
                i = j
                continue
            }
            if CharClass.isASCIILetter(v) {
                var j = i
                while j < n, CharClass.isASCIILetter(s[j]) || CharClass.isASCIIDigit(s[j]) { j += 1 }
                tokens.append(Token(String(scalars: s[i..<j]), kind: .latin))
                i = j
                continue
            }
            guard CharClass.isIdeograph(v) else {
                tokens.append(Token(String(scalars: [v]), kind: .character))
                i += 1
                continue
            }
            if termLength[i] > 0 {
                tokens.append(Token(String(scalars: s[i..<(i + termLength[i])]), kind: .term))
                i += termLength[i]
                continue
            }
            // An uncovered gap: up to the next lexicon term or the end of the run.
            var gapEnd = i
            while gapEnd < n, CharClass.isIdeograph(s[gapEnd]), termLength[gapEnd] == 0 || gapEnd == i { gapEnd += 1 }
            let icuLength = max(1, min(icuEnd[i] > i ? icuEnd[i] : i + 1, gapEnd) - i)
            // (a form's word misheard is two characters on their own: not 上 and the 夜 that
            // begins 夜班 in 上夜班)
            let pairAlone = spoken && i + 2 <= n && !(icuEnd[i + 1] > i + 2)
            if let (length, term, surface) = homophone(s, at: i, runEnd: gapEnd, icuLength: icuLength, spoken: pairAlone, syllables: &syllables) {
                tokens.append(Token(term, kind: .homophone, surface: surface))
                i += length
                continue
            }
            tokens.append(Token(String(scalars: s[i..<(i + icuLength)]), kind: icuLength == 1 ? .character : .word))
            i += icuLength
        }
        return tokens
    }

    /// ICU word ends (scalar index after each word) for the uncovered Chinese gaps of `s`.
    private func icuBreaks(_ s: [UInt32], termLength: [Int]) -> [Int] {
        let n = s.count
        var icuEnd = [Int](repeating: -1, count: n + 1)
        var utf16: [UInt16] = []
        var scalarAt: [Int] = []   // scalar index of each UTF-16 unit (-1 for a joining space)
        var i = 0
        while i < n {
            guard CharClass.isIdeograph(s[i]), termLength[i] == 0 else { i += max(1, termLength[i]); continue }
            var j = i
            while j < n, CharClass.isIdeograph(s[j]), termLength[j] == 0 { j += 1 }
            if j - i >= 2 {
                if utf16.isEmpty {
                    utf16.reserveCapacity(2 * n + 1)
                    scalarAt.reserveCapacity(2 * n + 2)
                } else {
                    utf16.append(0x20); scalarAt.append(-1)
                }
                for k in i..<j {
                    let v = s[k]
                    if v > 0xFFFF {
                        let u = v - 0x10000
                        utf16.append(UInt16(0xD800 + (u >> 10))); utf16.append(UInt16(0xDC00 + (u & 0x3FF)))
                        scalarAt.append(k); scalarAt.append(k)
                    } else {
                        utf16.append(UInt16(v)); scalarAt.append(k)
                    }
                }
            }
            i = j
        }
        guard !utf16.isEmpty else { return icuEnd }
        scalarAt.append(-1)
        breakers.withBreaker { breaker in
            breaker.withBoundaries(utf16) { offsets, _ in
                var previous = 0
                for b in offsets.dropFirst() {
                    let offset = Int(b)
                    let startScalar = scalarAt[min(previous, scalarAt.count - 1)]
                    // the scalar just before the boundary, plus one
                    var endScalar = -1
                    var k = offset - 1
                    while k >= previous, k >= 0 { if scalarAt[k] >= 0 { endScalar = scalarAt[k] + 1; break }; k -= 1 }
                    if startScalar >= 0, endScalar > startScalar { icuEnd[startScalar] = endScalar }
                    previous = offset
                }
            }
        }
        return icuEnd
    }

    /// The longest homophone of a lexicon term starting at `i`, unless the text there is
    /// already a longer dictionary word than the candidate, or itself contains a lexicon term.
    /// Characters that sound alike to the fuzzy pinyin but that a member says meaning each
    /// one: 住 (live in) and 租 (rent).
    static let distinctPairs: Set<UInt64> = [pair(0x4F4F, 0x79DF)]

    /// An order-free key for two characters.
    static func pair(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(min(a, b)) << 32 | UInt64(max(a, b)) }

    /// Whether a sum of three digits or more, or a count of months, starts at `i`, after a space
    /// at most (20000 or 10个月, not the 1 of 1个孩子): what a misheard label (于鹅 20000) stands before.
    static func sumFollows(_ s: [UInt32], at i: Int) -> Bool {
        var start = i
        if start < s.count, s[start] == 0x20 { start += 1 }   // (鱼恶 20000: a transcript's space)
        var k = start
        while k < s.count, CharClass.isASCIIDigit(s[k]) { k += 1 }
        if k - start >= 3 { return true }
        // A duration in months (丰纯10个月 is 封存10个月: a count of months is a label's value too).
        return k > start && k + 1 < s.count && s[k] == 0x4E2A && s[k + 1] == 0x6708
    }

    private func homophone(_ s: [UInt32], at i: Int, runEnd: Int, icuLength: Int, spoken: Bool, syllables: inout [Int32]) -> (Int, String, String)? {
        let longest = min(6, runEnd - i)
        guard longest >= 2 else { return nil }
        // Characters without pinyin end the span a homophone can cover.
        var known = 0
        while known < longest {
            if syllables[i + known] < 0 { syllables[i + known] = Int32(lexicon.pinyin.syllable(s[i + known]) ?? 0) }
            if syllables[i + known] == 0 { break }
            known += 1
        }
        guard known >= 2 else { return nil }
        for length in stride(from: known, through: 2, by: -1) where length >= icuLength {
            // A two-character span that is itself a dictionary word is what was said (写了 is not
            // 谢了, 住房 not 租房): ASR writes words, and a real word is rarely the wrong one.
            if length == 2, icuLength == 2 { continue }
            let beforeNumber = length == 2 && icuLength == 1 && Self.sumFollows(s, at: i + 2)
            if let term = lexicon.homophone(syllables: syllables, text: s, at: i, length: length, beforeNumber: beforeNumber, noWord: spoken && length == 2 && icuLength == 1) {
                // A span that is itself a lexicon term is what was meant (利率 uncovered after
                // the number 5年 took the 年 of 年利率 is not 利律, a typo keyword).
                if lexicon.longestMatchLength(in: s, at: i) >= length { continue }
                // A real lexicon term inside the span means the text is not a mishearing.
                var containsTerm = false
                for k in (i + 1)..<(i + length) {
                    let inner = lexicon.longestMatchLength(in: s, at: k)
                    if inner > 0 && k + inner <= i + length {
                        containsTerm = true
                        break
                    }
                }
                if containsTerm { continue }
                // 第 before a number begins an ordinal (我们家第1套房), never part of a misheard term
                // (家第 is not 家底).
                if s[i + length - 1] == 0x7B2C, i + length < s.count, CharClass.isASCIIDigit(s[i + length]) { continue }
                // Two words the fund tells apart are never each other's mishearing: 住的房子
                // (one's own home) is not 租的房子 (a rented one).
                let termScalars = Array(term.unicodeScalars.map(\.value))
                if termScalars.count == length, (0..<length).contains(where: { k in
                    s[i + k] != termScalars[k] && Self.distinctPairs.contains(Self.pair(s[i + k], termScalars[k]))
                }) { continue }
                return (length, term, String(scalars: s[i..<(i + length)]))
            }
        }
        return nil
    }
}
