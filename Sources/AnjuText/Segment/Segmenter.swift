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

    func segment(_ s: [UInt32]) -> [Token] {
        let n = s.count
        guard n > 0 else { return [] }
        // ICU boundaries, mapped from UTF-16 offsets to scalar indices.
        var icuEnd = [Int](repeating: -1, count: n + 1)
        var utf16: [UInt16] = []
        utf16.reserveCapacity(n)
        var scalarAtUTF16: [Int] = []
        scalarAtUTF16.reserveCapacity(n + 1)
        for (i, v) in s.enumerated() {
            if v > 0xFFFF {
                let u = v - 0x10000
                utf16.append(UInt16(0xD800 + (u >> 10))); utf16.append(UInt16(0xDC00 + (u & 0x3FF)))
                scalarAtUTF16.append(i); scalarAtUTF16.append(i)
            } else {
                utf16.append(UInt16(v)); scalarAtUTF16.append(i)
            }
        }
        scalarAtUTF16.append(n)
        let bounds = breakers.withBreaker { $0.segment(utf16) }
        var previous = 0
        for b in bounds.dropFirst() {
            let start = scalarAtUTF16[min(previous, utf16.count)]
            let end = scalarAtUTF16[min(b.offset, utf16.count)]
            if end > start { icuEnd[start] = end }
            previous = b.offset
        }

        var tokens: [Token] = []
        tokens.reserveCapacity(n / 2 + 1)
        // Fuzzy syllable of each character, looked up once (0 = none; -1 = not yet looked up).
        var syllables = [Int32](repeating: -1, count: n)
        var i = 0
        while i < n {
            let v = s[i]
            if v == 0x20 { i += 1; continue }
            if CharClass.isASCIIDigit(v) {
                var j = i
                while j < n, CharClass.isASCIIDigit(s[j]) || s[j] == 0x2E || ((s[j] == 0x78) && j - i == 17) { j += 1 } // x: ID check digit
                if let unit = Self.units.first(where: { u in j + u.count <= n && Array(s[j..<(j + u.count)]) == u }) {
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
            var runEnd = i
            while runEnd < n, CharClass.isIdeograph(s[runEnd]) { runEnd += 1 }
            var icuLength = 1
            if icuEnd[i] > i {
                icuLength = min(icuEnd[i], runEnd) - i
            } else {
                var j = i + 1
                while j < runEnd, icuEnd[j] < 0 { j += 1 }
                icuLength = j - i
            }
            if let (length, term) = lexicon.longestMatch(in: s, at: i), length >= icuLength {
                tokens.append(Token(term, kind: .term))
                i += length
                continue
            }
            if let (length, term, surface) = homophone(s, at: i, runEnd: runEnd, icuLength: icuLength, syllables: &syllables) {
                tokens.append(Token(term, kind: .homophone, surface: surface))
                i += length
                continue
            }
            tokens.append(Token(String(scalars: s[i..<(i + icuLength)]), kind: icuLength == 1 ? .character : .word))
            i += icuLength
        }
        return tokens
    }

    /// The longest homophone of a lexicon term starting at `i`, unless the text there is
    /// already a longer dictionary word than the candidate, or itself contains a lexicon term.
    private func homophone(_ s: [UInt32], at i: Int, runEnd: Int, icuLength: Int, syllables: inout [Int32]) -> (Int, String, String)? {
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
            if let term = lexicon.homophone(syllables: syllables, text: s, at: i, length: length) {
                // A real lexicon term inside the span means the text is not a mishearing.
                var containsTerm = false
                for k in (i + 1)..<(i + length) where lexicon.longestMatch(in: s, at: k).map({ k + $0.length <= i + length }) == true {
                    containsTerm = true
                    break
                }
                if containsTerm { continue }
                return (length, term, String(scalars: s[i..<(i + length)]))
            }
        }
        return nil
    }
}
