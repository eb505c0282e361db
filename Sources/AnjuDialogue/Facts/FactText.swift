/// Scanning helpers over normalised text, where numerals are already ASCII digits (see
/// `Normalizer`): plain String/Substring scanning, no regular expressions.
///
/// Words are found by their UTF-8 bytes: a needle that is whole characters matches only at
/// character boundaries, and a byte search is several times faster than one that compares
/// `Character`s (the extractor runs on every turn).

extension String {
    /// Substring test by UTF-8 bytes (Foundation's `contains` bridges to NSString and cost
    /// most of a conversation turn; a `Character` search costs several times this).
    @inline(__always)
    func has(_ needle: String) -> Bool {
        self[...].withBytes { hay in needle[...].withBytes { FactText.offset(of: $0, in: hay) } } != nil
    }

    /// Whether any of `needles` occurs.
    func hasAny(_ needles: [String]) -> Bool {
        for needle in needles where has(needle) { return true }
        return false
    }

    /// Every occurrence of `needle`, left to right, none overlapping.
    func occurrences(of needle: String) -> [Range<String.Index>] { self[...].occurrences(of: needle) }

    /// Every occurrence of `needle`, left to right and none overlapping, replaced by
    /// `replacement` (what Foundation's `replacingOccurrences(of:with:)` does, by a byte
    /// search instead of through NSString: templates are filled on every turn).
    func replacingEvery(_ needle: String, with replacement: String) -> String {
        let found = occurrences(of: needle)
        guard !found.isEmpty else { return self }
        var filled = ""
        var last = startIndex
        for r in found {
            filled += self[last..<r.lowerBound]
            filled += replacement
            last = r.upperBound
        }
        filled += self[last...]
        return filled
    }

    /// The index `word.utf8.count` bytes after `i` (just past `word` matched at `i`).
    func index(_ i: String.Index, past word: String) -> String.Index {
        utf8.index(i, offsetBy: word.utf8.count)
    }
}

extension Substring {
    /// Calls `body` with the text's UTF-8 bytes (in place for native strings).
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(utf8).withUnsafeBufferPointer(body)
    }

    /// The first occurrence of `needle`, by UTF-8 bytes.
    func byteRange(of needle: String) -> Range<String.Index>? {
        let offset = withBytes { hay in needle[...].withBytes { FactText.offset(of: $0, in: hay) } }
        guard let offset else { return nil }
        let start = utf8.index(startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.utf8.count)
    }

    /// Every occurrence of `needle`, left to right, none overlapping.
    func occurrences(of needle: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var rest = self
        while let r = rest.byteRange(of: needle) {
            found.append(r)
            rest = rest[r.upperBound...]
        }
        return found
    }

    /// Whether the text starts with `word`, by bytes.
    func begins(with word: String) -> Bool {
        withBytes { text in word[...].withBytes { w in text.count >= w.count && UnsafeBufferPointer(rebasing: text.prefix(w.count)).elementsEqual(w) } }
    }

    /// Whether the text ends with `word`, by bytes.
    func ends(with word: String) -> Bool {
        withBytes { text in word[...].withBytes { w in text.count >= w.count && UnsafeBufferPointer(rebasing: text.suffix(w.count)).elementsEqual(w) } }
    }

    /// Whether the text ends with one of `suffixes`.
    func hasSuffix(anyOf suffixes: [String]) -> Bool {
        for s in suffixes where ends(with: s) { return true }
        return false
    }

    /// The first of `prefixes` the text starts with.
    func prefix(anyOf prefixes: [String]) -> String? {
        for p in prefixes where begins(with: p) { return p }
        return nil
    }

    /// The longest of `prefixes` the text starts with (就剩 before 就, whatever the list's order).
    func longestPrefix(anyOf prefixes: [String]) -> String? {
        var best: String? = nil
        for p in prefixes where p.utf8.count > (best?.utf8.count ?? 0) && begins(with: p) { best = p }
        return best
    }
}

extension Character {
    /// 0–9 only (not full-width or other scripts' digits: the normaliser made them ASCII).
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

    /// The character's one scalar when it is a single scalar that no other text is
    /// canonically equal to and that combines with nothing (ASCII and Latin-1, CJK
    /// punctuation but its tone marks, unified ideographs,
    /// full-width forms): comparing that scalar then decides exactly what comparing the
    /// `Character` with a one-scalar literal would, without normalising both sides.
    @inline(__always)
    var plainScalar: Unicode.Scalar? {
        var scalars = unicodeScalars.makeIterator()
        guard let s = scalars.next(), scalars.next() == nil else { return nil }
        switch s.value {
        case 0..<0x300, 0x3000..<0x302A, 0x3030..<0x3040, 0x4E00..<0xA000, 0xFF00..<0xFFF0: return s
        default: return nil
        }
    }
}

extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
}

/// A number in the text: its value and the characters it spans, multiplier included
/// (`70w` spans three characters and is 700000).
struct TextNumber {
    let value: Double
    let range: Range<String.Index>
}

/// Number and word scanning shared by the fact readers.
enum FactText {
    /// Where `needle` first starts in `hay` (a plain byte search: the texts are short).
    static func offset(of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = needle.count
        guard count > 0, count <= hay.count else { return nil }
        let first = needle[0]
        var i = 0
        while i <= hay.count - count {
            if hay[i] == first {
                var k = 1
                while k < count, hay[i + k] == needle[k] { k += 1 }
                if k == count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Whether `ratio` is 10ⁿ and at least `least` (100, 1000, …).
    static func isPowerOfTen(_ ratio: Double, atLeast least: Double) -> Bool {
        var x = least
        while x <= ratio { if x == ratio { return true }; x *= 10 }
        return false
    }

    /// Reads digits at `i` (one decimal point allowed between digits). 万/w after them
    /// multiplies by 10000, 千/k by 1000 (70w, 8k); w/k only when no letter follows.
    /// The value may be huge or infinite: `FactBounds` decides what is plausible.
    static func number(in t: String, at i: String.Index) -> TextNumber? {
        var j = i
        var sawPoint = false
        while j < t.endIndex {
            let c = t[j]
            if c.isASCIIDigit { j = t.index(after: j); continue }
            if c == ".", !sawPoint, j > i, t.index(after: j) < t.endIndex, t[t.index(after: j)].isASCIIDigit {
                sawPoint = true
                j = t.index(after: j)
                continue
            }
            break
        }
        guard j > i, var value = Double(t[i..<j]) else { return nil }
        // A false start said again whole (七十八……七十八万 → 78 780000): the second figure, when
        // it is the first times a hundred or more and nothing but a space stands between.
        if !sawPoint, j < t.endIndex, t[j] == " ", t.index(after: j) < t.endIndex, t[t.index(after: j)].isASCIIDigit,
           let again = number(in: t, at: t.index(after: j)), value >= 1, value < 10_000, isPowerOfTen(again.value / value, atLeast: 100) {
            return TextNumber(value: again.value, range: i..<again.range.upperBound)
        }
        // 1.2M, 1.15m: a million, as Hong Kong writes a price (a decimal only: 5m may be months).
        if sawPoint, j < t.endIndex, t[j] == "m" || t[j] == "M",
           t.index(after: j) == t.endIndex || !(t[t.index(after: j)].isASCII && (t[t.index(after: j)].isLetter || t[t.index(after: j)].isASCIIDigit)) {
            return TextNumber(value: value * 1_000_000, range: i..<t.index(after: j))
        }
        if j < t.endIndex, let multiplier = multiplier(t[j], followedBy: t.index(after: j) < t.endIndex ? t[t.index(after: j)] : nil) {
            value *= multiplier
            j = t.index(after: j)
            // 3w6, 8k5: one digit after the unit is the next place (36000, 8500), unless it
            // counts something of its own (3万6个月).
            if !sawPoint, j < t.endIndex, let d = t[j].wholeNumberValue, t[j].isASCIIDigit {
                let next = t.index(after: j)
                let alone = next == t.endIndex || !(t[next].isASCIIDigit || "个月年期套次%岁万千".contains(t[next]))
                if alone {
                    value += Double(d) * multiplier / 10
                    j = next
                }
            }
        }
        return TextNumber(value: value, range: i..<j)
    }

    /// 万/w → 10000, 千/k → 1000; a Latin letter right after w/k makes it a word, not a unit.
    private static func multiplier(_ c: Character, followedBy next: Character?) -> Double? {
        let letterFollows = next.map { $0.isASCII && $0.isLetter } ?? false
        switch c {
        case "万": return 10_000
        case "千": return 1_000
        case "w" where !letterFollows: return 10_000
        case "k" where !letterFollows: return 1_000
        default: return nil
        }
    }

    /// The whole number written with the digits at `i` (no point, no multiplier): the year
    /// in 1968.5, the 3 in 3个月前.
    static func digits(in t: String, at i: String.Index) -> TextNumber? {
        var j = i
        while j < t.endIndex, t[j].isASCIIDigit { j = t.index(after: j) }
        guard j > i, let value = Double(t[i..<j]) else { return nil }
        return TextNumber(value: value, range: i..<j)
    }

    /// The start of the run of digits that ends at `end` (`end` itself when none).
    static func digitsStart(before end: String.Index, in t: String) -> String.Index {
        var start = end
        while start > t.startIndex {
            let previous = t.index(before: start)
            guard t[previous].isASCIIDigit else { break }
            start = previous
        }
        return start
    }

    /// The whole number whose digits end right before `end` (2 in 有2套), if any; nil for
    /// the fraction of a decimal (the 5 of 2.5年).
    static func number(endingAt end: String.Index, in t: String) -> TextNumber? {
        let start = digitsStart(before: end, in: t)
        guard start < end, start == t.startIndex || t[t.index(before: start)] != ".",
              let value = Double(t[start..<end]) else { return nil }
        return TextNumber(value: value, range: start..<end)
    }

    /// The number, with its 万/w/千/k, that ends right before `end` (70w in 70w贷), if any.
    static func number(endingBefore end: String.Index, in t: String) -> TextNumber? {
        guard end > t.startIndex else { return nil }
        var digitsEnd = end
        if "万千wk".contains(t[t.index(before: end)]) { digitsEnd = t.index(before: end) }
        let start = digitsStart(before: digitsEnd, in: t)
        var from = start
        // 4.5w: the whole decimal, not its fraction.
        if from > t.startIndex, t[t.index(before: from)] == "." {
            let dot = t.index(before: from)
            from = digitsStart(before: dot, in: t)
            guard from < dot else { return nil }
        }
        guard start < digitsEnd, let n = number(in: t, at: from), n.range.upperBound == end else { return nil }
        return n
    }

    /// `i` moved past any run of `words` (余额|说错了|是|38000 → at 38000), the longest word
    /// first at each step (税前|就剩|4500, not 税前|就 and a stop at 剩).
    static func skip(_ words: [String], in t: String, from i: String.Index) -> String.Index {
        var i = i
        var moved = true
        while moved, i < t.endIndex {
            moved = false
            if let w = t[i...].longestPrefix(anyOf: words) {
                i = t.index(i, past: w)
                moved = true
            }
        }
        return i
    }

    /// The first number at or after `i`.
    static func firstNumber(in t: String, from i: String.Index) -> TextNumber? {
        var i = i
        while i < t.endIndex {
            if t[i].isASCIIDigit { return number(in: t, at: i) }
            i = t.index(after: i)
        }
        return nil
    }

    /// Every number at or after `i`, in order, each read once (a digit that starts no number
    /// is skipped).
    static func numbers(in t: String, from i: String.Index) -> [TextNumber] {
        var found: [TextNumber] = []
        var i = i
        while i < t.endIndex {
            if t[i].isASCIIDigit, let n = number(in: t, at: i) {
                found.append(n)
                i = n.range.upperBound
            } else {
                i = t.index(after: i)
            }
        }
        return found
    }

    /// The first occurrence of any of `words` in `text`.
    static func firstRange(of words: [String], in text: Substring) -> Range<String.Index>? {
        var best: Range<String.Index>?
        for w in words {
            if let r = text.byteRange(of: w), best == nil || r.lowerBound < best!.lowerBound { best = r }
        }
        return best
    }

    /// The last occurrence of any of `words` in `text`.
    static func lastRange(of words: [String], in text: Substring) -> Range<String.Index>? {
        var best: Range<String.Index>?
        for w in words {
            if let r = text.occurrences(of: w).last, best == nil || r.lowerBound > best!.lowerBound { best = r }
        }
        return best
    }

    /// The character after `i`, if any.
    static func character(at i: String.Index, in t: String) -> Character? {
        i < t.endIndex ? t[i] : nil
    }

    /// Units after which a number is a count or a duration, never a sum of money.
    static let countUnits: Set<Character> = ["年", "月", "岁", "套", "个", "次", "期", "倍", "%", "天", "号", "口", "胎", "孩", "季", "周",
                                             // (余额1项已由…改为: an item of a list, 第2条)
                                             "项", "条"]
}
