/// Step 1 of the pipeline: raw user text to the canonical form everything else reads.
///
/// In order: full-width→half-width, traditional→simplified (ICU table), Latin lower-case,
/// punctuation, symbols, emoji and control characters to spaces, Chinese numerals to
/// digits, variants and fillers rewritten (`VariantTable`), spaces collapsed.
/// Runs of ASCII digits — ID numbers, phone numbers — pass through untouched.
public struct Normalizer: Sendable {
    /// Longer input is cut to this many characters before analysis (a query is at most a
    /// few hundred; a 100 KB line must still be answered quickly).
    public static let maxScalars = 1_000

    let simplified: SimplifiedTable
    var variants: VariantTable

    init(simplified: SimplifiedTable, variants: VariantTable) {
        self.simplified = simplified
        self.variants = variants
    }

    /// Character mapping and numerals only (no variants): used for data-file terms too.
    func prepare(_ input: [UInt32]) -> [UInt32] {
        let input = Self.withoutFillerE(Self.numericForms(Self.scannedDigits(Self.labelsBeforeValues(Self.withoutItemNumbers(Self.withoutUncheckedOptions(Self.formLayouts(input)))))))
        var mapped: [UInt32] = []
        mapped.reserveCapacity(input.count)
        var lastWasSpace = true
        // Whitespace as typed or transcribed (not punctuation) between Chinese characters or
        // numbers carries no meaning: speech-to-text writes 三十 个 月, 两万 八, 五 五 零 零.
        // It is dropped before the numerals are read, so they read as said (30个月, 28000,
        // 5500); between two ASCII numbers (an ID read in groups) it stays.
        // Only in a word-by-word transcript (words of two characters or less on average):
        // a typed space separates (贷款四十五万 十五年, 本金80万 期限30年).
        var softSpace = false
        let wordByWord = Self.isWordByWord(input.prefix(Self.maxScalars))
        // A word that is a whole number with a unit of its own stays apart (八万 四千五 is two
        // figures; 两万 八 is one).
        let numberWords = wordByWord ? Self.numberWordStarts(input.prefix(Self.maxScalars)) : []
        for (index, raw) in input.prefix(Self.maxScalars).enumerated() {
            if wordByWord, Self.isTypedSpace(raw) {
                if let last = mapped.last, last != 0x20, CharClass.isIdeograph(last) || CharClass.isASCIIDigit(last) { softSpace = true; continue }
            }
            var v = CharClass.halfWidth(raw)
            v = simplified.simplify(v)
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            let keep: Bool
            if v == 0x4E28 {
                // (丨, a radical no word uses, is a clerk's column bar: 业务丨租房提取 连续缴存丨20个月)
                keep = false
            } else if CharClass.isIdeograph(v) || CharClass.isASCIIDigit(v) || (v >= 0x61 && v <= 0x7A) || v == 0x25 /* % */ {
                keep = true
            } else if v == 0x2E /* . */ {
                keep = true // kept only between digits, checked below
            } else if v > 0x7F, let s = Unicode.Scalar(v), s.properties.isAlphabetic, !s.properties.isEmojiPresentation {
                let lower = s.properties.lowercaseMapping.unicodeScalars
                if lower.count == 1, let l = lower.first { v = l.value }
                keep = true
            } else {
                keep = false
            }
            if keep {
                if softSpace, let last = mapped.last {
                    let joins = (CharClass.isIdeograph(v) || CharClass.isASCIIDigit(v)) && !(CharClass.isASCIIDigit(last) && CharClass.isASCIIDigit(v))
                        && !numberWords.contains(index)
                    if !joins { mapped.append(0x20) }
                }
                softSpace = false
                mapped.append(v)
                lastWasSpace = false
            } else if Self.fieldSeparators.contains(v) {
                // A form's field ends here: the boundary outlives the space collapsing.
                softSpace = false
                if lastWasSpace, mapped.last == 0x20 { mapped.removeLast() }
                if !mapped.isEmpty { mapped.append(Self.fieldBoundary) }
                lastWasSpace = true
            } else if !lastWasSpace {
                softSpace = false
                mapped.append(0x20)
                lastWasSpace = true
            }
        }
        // A '.' survives only as a decimal point.
        for i in mapped.indices where mapped[i] == 0x2E {
            let digitBefore = i > 0 && CharClass.isASCIIDigit(mapped[i - 1])
            let digitAfter = i + 1 < mapped.count && CharClass.isASCIIDigit(mapped[i + 1])
            if !(digitBefore && digitAfter) { mapped[i] = 0x20 }
        }
        return ChineseNumerals.convert(Self.withoutApproximateLai(mapped))
    }

    /// 来 as "about" between a number and its unit goes (三十来万 → 三十万, 十来个月 → 十个月,
    /// 七千来块 → 七千块), so the number reads; 来 anywhere else stays.
    static func withoutApproximateLai(_ s: [UInt32]) -> [UInt32] {
        let lai: UInt32 = 0x6765
        guard s.contains(lai) else { return s }
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        for (i, v) in s.enumerated() {
            if v == lai, i > 0, i + 1 < s.count,
               ChineseNumerals.digitValues[s[i - 1]] != nil || ChineseNumerals.unitValues[s[i - 1]] != nil || CharClass.isASCIIDigit(s[i - 1]),
               laiFollowers.contains(s[i + 1]) { continue }
            out.append(v)
        }
        return out
    }

    /// Digits written the way forms and spreadsheets write them, rewritten before punctuation
    /// becomes space: a thousands separator goes (月租2,000元 → 月租2000元, 3,250 → 3250), a
    /// year and month joined by - / or . get their units (合同2026-02 → 合同2026年02月,
    /// 出生1965/9 → 1965年9月, 2026-02-15 → 2026年02月15日). A year is 1930–2099 and a month
    /// 1–12; zero cents go (￥4,800.00 → 4800); 1.87万, 2025.5元 and an ID read in groups stay as they are. The input is returned
    /// unchanged (no copy) when it has neither form.
    static func numericForms(_ input: [UInt32]) -> [UInt32] {
        func digit(_ i: Int) -> UInt32? {
            guard i >= 0, i < input.count else { return nil }
            let v = CharClass.halfWidth(input[i])
            return CharClass.isASCIIDigit(v) ? v - 0x30 : nil
        }
        func separator(_ i: Int) -> UInt32? {
            guard i >= 0, i < input.count else { return nil }
            let v = CharClass.halfWidth(input[i])
            return v == 0x2C || v == 0x2D || v == 0x2F || v == 0x2E ? v : nil
        }
        // (most texts have no separator next to a digit: nothing is built for them)
        func perPeriod(_ i: Int) -> Bool {
            separator(i) == 0x2F && (digit(i - 1) != nil || i > 0 && (input[i - 1] == 0x4E07 || input[i - 1] == 0x5343)) // 万 千
                && i + 1 < input.count && (input[i + 1] == 0x6708 || input[i + 1] == 0x5E74)
        }
        guard input.indices.contains(where: { separator($0) != nil && digit($0 - 1) != nil && (digit($0 + 1) != nil || perPeriod($0)) }) else { return input }
        /// The digits from `i` on, as a count and a value (at most 4).
        func run(_ i: Int) -> (count: Int, value: Int) {
            var n = 0, value = 0
            while n < 5, let d = digit(i + n) { value = value * 10 + Int(d); n += 1 }
            return (n, value)
        }
        let units = Self.unitsAfterNumber
        var out: [UInt32] = []
        out.reserveCapacity(input.count + 4)
        var i = 0
        while i < input.count {
            // A year: four digits with no digit before.
            if digit(i) != nil, digit(i - 1) == nil, separator(i - 1) == nil {
                let year = run(i)
                if year.count == 4, (1930...2099).contains(year.value), let sep = separator(i + 4), sep != 0x2C {
                    let month = run(i + 5)
                    let after = i + 5 + month.count
                    let next = after < input.count ? CharClass.halfWidth(input[after]) : 0
                    if (1...2).contains(month.count), (1...12).contains(month.value), !units.contains(next),
                       separator(after) == nil || separator(after) == sep || digit(after + 1) == nil {  // (2026/10，总价…)
                        out.append(contentsOf: input[i..<(i + 4)]); out.append(0x5E74) // 年
                        out.append(contentsOf: input[(i + 5)..<after]); out.append(0x6708) // 月
                        i = after
                        if separator(i) == sep {
                            let day = run(i + 1)
                            if (1...2).contains(day.count), (1...31).contains(day.value) {
                                out.append(contentsOf: input[(i + 1)..<(i + 1 + day.count)]); out.append(0x65E5) // 日
                                i += 1 + day.count
                            }
                        }
                        continue
                    }
                }
            }
            // A thousands separator: 1–3 digits (or a group already joined) before, exactly
            // three digits after.
            if separator(i) == 0x2C, digit(i - 1) != nil, run(i + 1).count == 3 {
                var start = i - 1
                while digit(start - 1) != nil { start -= 1 }
                let grouped = separator(start - 1) == 0x2C && digit(start - 2) != nil
                if i - start <= 3 || grouped, i - start == 3 || !grouped { i += 1; continue }
            }
            // Zero cents, as a screenshot shows a sum (￥4,800.00/月): 4800, so no month is read
            // into the decimals; a sum per month or year (4800/月) is a sum of yuan (4800元/月).
            if separator(i) == 0x2E, digit(i - 1) != nil, digit(i + 1) == 0, digit(i + 2) == 0, digit(i + 3) == nil {
                i += 3
                continue
            }
            if perPeriod(i) { out.append(0x5143) } // 元
            out.append(input[i])
            i += 1
        }
        return out
    }

    /// The digit a scanned form's text recognition wrote as a letter (O o for 0, l I for 1); a
    /// switch, not a dictionary: it is asked of every scalar of every text.
    @inline(__always)
    static func scannedDigit(_ v: UInt32) -> UInt32? {
        switch v {
        case 0x4F, 0x6F: 0x30
        case 0x6C, 0x49: 0x31
        default: nil
        }
    }

    /// A scanned form's figures as its text recognition writes them — 5l、2OO元, 7O, l967年O7月:
    /// 51200元, 70, 1967年07月. A run of digits and look-alike letters (O o l I) with a 、 between
    /// digit groups becomes digits when it holds at least one real digit and touches no other
    /// Latin letter; a lone O after a colon (套数：O) is 0. Texts without a look-alike letter
    /// next to a digit or a colon are returned as they are.
    static func scannedDigits(_ input: [UInt32]) -> [UInt32] {
        func isLike(_ v: UInt32) -> Bool { scannedDigit(v) != nil }
        func isColon(_ v: UInt32) -> Bool { v == 0x3A || v == 0xFF1A }
        guard input.indices.contains(where: { i in
            isLike(input[i]) && ((i > 0 && (CharClass.isASCIIDigit(input[i - 1]) || isColon(input[i - 1])))
                || (i + 1 < input.count && CharClass.isASCIIDigit(input[i + 1])))
        }) else { return input }
        var out = input
        var i = 0
        while i < input.count {
            guard CharClass.isASCIIDigit(input[i]) || isLike(input[i]) else { i += 1; continue }
            var j = i, digits = 0
            while j < input.count {
                let v = input[j]
                if CharClass.isASCIIDigit(v) { digits += 1 } else if !isLike(v) {
                    // 、 between two digit groups is a thousands mark
                    guard v == 0x3001, j + 1 < input.count, CharClass.isASCIIDigit(input[j + 1]) || isLike(input[j + 1]), j > i else { break }
                }
                j += 1
            }
            let touchesLetter = (i > 0 && CharClass.isASCIILetter(input[i - 1])) || (j < input.count && CharClass.isASCIILetter(input[j]))
            let loneAfterColon = j == i + 1 && digits == 0 && i > 0 && isColon(input[i - 1])
            if !touchesLetter, digits > 0 || loneAfterColon, (i..<j).contains(where: { isLike(input[$0]) || input[$0] == 0x3001 }) {
                for k in i..<j {
                    if let d = scannedDigit(input[k]) { out[k] = d } else if input[k] == 0x3001 { out[k] = 0x2C } // 、 → ,
                }
            }
            i = max(j, i + 1)
        }
        // (the same OCR reads 万 as 方 and 元 as 无 after a figure: 余额2.O6方, 6OOO无 — not 平方米)
        for k in out.indices.dropFirst() where CharClass.isASCIIDigit(out[k - 1]) {
            if out[k] == 0x65B9, k + 1 == out.count || out[k + 1] != 0x7C73 { out[k] = 0x4E07 }
            else if out[k] == 0x65E0 { out[k] = 0x5143 }
        }
        return out
    }

    /// What follows a number that makes it a sum, not a month (2025.5万): no date is read there.
    static let unitsAfterNumber: Set<UInt32> = Set("万千百元块%".unicodeScalars.map(\.value))
    /// Characters that spell out a word with 额 (余 额, 限 额, and 余's homophones 渝 鱼 于 … that
    /// speech-to-text writes for it): that 额 is no filler.
    static let ePartners: Set<UInt32> = Set("余金限份差超总定配面渝鱼于与雨语玉宇羽予愉娱榆愚瑜俞虞禹".unicodeScalars.map(\.value))

    /// 度 and its homophones that speech-to-text writes after 额 (额 逗 for 额度).
    static let duLike: Set<UInt32> = Set("度渡逗豆杜肚".unicodeScalars.map(\.value))

    /// A transcript's 额 standing alone between spaces is the filler 呃 (or the northwestern
    /// 我), never 额度: "喂 额 想 问 一下 额 这 情况 贷 公基金 能 成 不". It becomes a space, unless it
    /// is half of a word spelt out character by character (余 额, 额 度, 限 额).
    static func withoutFillerE(_ input: [UInt32]) -> [UInt32] {
        let e: UInt32 = 0x989D // 额
        guard input.contains(e), input.contains(where: isTypedSpace) else { return input }
        var out = input
        for i in input.indices where input[i] == e {
            let spaceBefore = i == 0 || isTypedSpace(input[i - 1])
            let spaceAfter = i + 1 == input.count || isTypedSpace(input[i + 1])
            guard spaceBefore, spaceAfter else { continue }
            // the characters on either side, past the spaces
            var p = i - 1
            while p >= 0, isTypedSpace(input[p]) { p -= 1 }
            var n = i + 1
            while n < input.count, isTypedSpace(input[n]) { n += 1 }
            if p >= 0, Self.ePartners.contains(input[p]) { continue }
            // 额 度 and 度 as speech-to-text mishears it (渡 逗 豆 杜 肚)
            if n < input.count, Self.duLike.contains(input[n]) { continue }
            out[i] = 0x20
        }
        return out
    }

    /// Opening and closing brackets, half- and full-width.
    static let openBrackets: Set<UInt32> = [0x28, 0xFF08]
    static let closeBrackets: Set<UInt32> = [0x29, 0xFF09]
    /// What a value in a clerk's list may hold besides ASCII digits: separators and units.
    static let valueScalars: Set<UInt32> = Set(",.万千百元块个月套次岁年人".unicodeScalars.map(\.value))

    /// Chinese numerals that number a list's items.
    static let itemNumerals: Set<UInt32> = Set("一二三四五六七八九十".unicodeScalars.map(\.value))

    /// A list's item numbers in brackets — （一）贷款类型 （三）逾期：无 — made spaces, so the
    /// numeral is not read as a count and does not run into the value before it (逾期无四…).
    /// Texts with no bracket are returned as they are.
    static func withoutItemNumbers(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(where: { openBrackets.contains($0) }) else { return input }
        var out: [UInt32] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            if openBrackets.contains(input[i]), i + 2 < input.count, itemNumerals.contains(input[i + 1]), closeBrackets.contains(input[i + 2]) {
                out.append(0x20)
                i += 3
                continue
            }
            out.append(input[i])
            i += 1
        }
        return out
    }

    /// A clerk's list that names each value after it in brackets (45个月（连续缴存）、
    /// 7万元（账户余额）) read as label then value (连续缴存45个月 账户余额7万元), the order every
    /// fact reader expects. Only a value that starts an item (after the start, a space or
    /// punctuation, not after a word: 贷款40万（公积金） stays) with a label of 2–8 Chinese
    /// characters, and only in a list of two such items or more: one bracket after a value is
    /// a remark (配偶余额：12,400元（配偶作共借人）). Texts with no bracket are returned as they are.
    static func labelsBeforeValues(_ input: [UInt32]) -> [UInt32] {
        guard input.count(where: { openBrackets.contains($0) }) >= 2 else { return input }
        let moved = movingLabelsBeforeValues(input)
        return moved.items >= 2 ? moved.text : input
    }

    /// `labelsBeforeValues` without the list check: the text and how many labels moved.
    private static func movingLabelsBeforeValues(_ input: [UInt32]) -> (text: [UInt32], items: Int) {
        var items = 0
        var out: [UInt32] = []
        out.reserveCapacity(input.count + 2)
        var i = 0
        while i < input.count {
            guard openBrackets.contains(input[i]) else { out.append(input[i]); i += 1; continue }
            var close = i + 1
            while close < input.count, close - i <= 9, CharClass.isIdeograph(input[close]) { close += 1 }
            let labelLength = close - i - 1
            // The value just before the bracket: digits, separators and units, at least one digit.
            var start = out.count
            while start > 0, CharClass.isASCIIDigit(out[start - 1]) || valueScalars.contains(out[start - 1]) { start -= 1 }
            let value = out[start...]
            let startsItem = start == 0 || !(CharClass.isIdeograph(out[start - 1]) || CharClass.isASCIILetter(out[start - 1]))
            guard close < input.count, closeBrackets.contains(input[close]), (2...8).contains(labelLength),
                  value.contains(where: CharClass.isASCIIDigit), startsItem else {
                out.append(input[i]); i += 1; continue
            }
            let moved = Array(value)
            out.removeSubrange(start...)
            out.append(contentsOf: input[(i + 1)..<close])
            out.append(contentsOf: moved)
            out.append(0x20)
            items += 1
            i = close + 1
        }
        return (out, items)
    }

    /// Boxes left empty on a form (☐ □ ◻) and boxes ticked (☑ ☒ ✓ ✔ ✅ ■ √).
    static let emptyBoxes: Set<UInt32> = [0x2610, 0x25A1, 0x25FB]
    static let tickedBoxes: Set<UInt32> = [0x2611, 0x2612, 0x2713, 0x2714, 0x2705, 0x25A0, 0x221A]

    /// A form's options as ticked: the word after an empty box goes (本市住房 ☐有 ☑无 says 无;
    /// 婚姻 ☑已婚 ☐未婚 says 已婚), up to the next box, space or punctuation; a ticked box
    /// leaves its word. Texts with no empty box are returned as they are.
    static func withoutUncheckedOptions(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(where: { emptyBoxes.contains($0) }) else { return input }
        var out: [UInt32] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let v = input[i]
            if emptyBoxes.contains(v) {
                i += 1
                while i < input.count, !isTypedSpace(input[i]), !emptyBoxes.contains(input[i]), !tickedBoxes.contains(input[i]),
                      CharClass.isIdeograph(input[i]) || CharClass.isASCIIDigit(input[i]) || CharClass.isASCIILetter(input[i]) { i += 1 }
                out.append(0x20)
                continue
            }
            out.append(tickedBoxes.contains(v) ? 0x20 : v)
            i += 1
        }
        return out
    }

    /// What may follow an approximate 来: a unit or a count word.
    static let laiFollowers: Set<UInt32> = Set("万千百个块元岁年月多平天次套".unicodeScalars.map(\.value))

    /// A space, ideographic space or tab as typed or transcribed (not punctuation).
    @inline(__always)
    static func isTypedSpace(_ v: UInt32) -> Bool { v == 0x20 || v == 0x3000 || v == 0x09 }

    /// Whether the text is a speech-to-text transcript with a space after nearly every word:
    /// three words or more, and 2.5 characters or fewer between them on average
    /// (余额 两万 八 不是 三万 八; not 本金80万 期限30年 等额本息), or a short reply of two
    /// single characters (十 年, 两 套).
    static func isWordByWord(_ input: ArraySlice<UInt32>) -> Bool {
        var words = 0, letters = 0, inWord = false
        for v in input {
            if isTypedSpace(v) { inWord = false; continue }
            if !inWord { words += 1; inWord = true }
            letters += 1
        }
        return (words >= 3 && Double(letters) / Double(words) <= 2.5) || (words == 2 && letters == 2)
    }

    /// Whether `text` reads as speech recognition writes it: word by word, with Chinese
    /// characters on either side of its spaces (how the phone line's text arrives).
    static func isSpoken(raw: [UInt32]) -> Bool {
        raw.contains(where: isTypedSpace) && isWordByWord(raw[...])
    }

    /// The text with its typed spaces removed when it is a word-by-word transcript
    /// ("我 之 前 那 笔 … 还 能 再 代 一 笔 吗" → one sentence), else the text unchanged:
    /// there a space parts nothing, and sentence and question cues ("能 不 能") are read whole.
    public static func joiningTranscript(_ text: String) -> String {
        // (most queries have no space: no array is built for them)
        guard text.unicodeScalars.contains(where: { isTypedSpace($0.value) }) else { return text }
        let scalars = Array(text.unicodeScalars.prefix(maxScalars).map(\.value))
        guard isWordByWord(scalars[...]) else { return text }
        var joined = String.UnicodeScalarView()
        for v in text.unicodeScalars where !isTypedSpace(v.value) { joined.append(v) }
        return String(joined)
    }

    /// Units a lone digit before them would make a date or a time (一月, 一年).
    static let timeUnits: Set<UInt32> = Set("年月岁天周日号".unicodeScalars.map(\.value))

    /// Indices where a word begins that is a number with a unit of its own (四千五, 三十万, 12万).
    ///
    /// A run of such words that ends in a lone digit is one figure read in groups (一万 二千 三
    /// is 12300, where 八万 四千五 is two figures): its words after the first join; so does a
    /// word one unit rank below the unit the word before ends on (两千 一百 六十 is 2160).
    static func numberWordStarts(_ input: ArraySlice<UInt32>) -> Set<Int> {
        var starts: Set<Int> = []
        let s = Array(input)
        var unitWords: [Int] = []   // the run of number words with a unit just before, by start
        var afterZero = false       // 两万 零 九百: the word after a lone 零 goes on the figure
        var previousEndUnit: Int?   // the unit the word just before ends on, when it is a number word
        var i = 0
        while i < s.count {
            if isTypedSpace(s[i]) { i += 1; continue }
            var j = i
            while j < s.count, !isTypedSpace(s[j]) { j += 1 }
            let word = s[i..<j]
            let numeral: (UInt32) -> Bool = { ChineseNumerals.digitValues[$0] != nil || CharClass.isASCIIDigit($0) }
            // A percentage said as a word (百分之十) is whole: 百分之十 一 个 月 is 10% and 1个月.
            if word.starts(with: ChineseNumerals.percentPrefix) {
                starts.insert(i)
                unitWords = []
                afterZero = false
                previousEndUnit = nil
                if let next = s[j...].firstIndex(where: { !isTypedSpace($0) }) { starts.insert(next) }
            } else if let first = word.first, numeral(first) || first == 0x5341 /* 十万 */, word.contains(where: { ChineseNumerals.unitValues[$0] != nil && $0 != first }) {
                let units = word.dropFirst().compactMap { ChineseNumerals.unitValues[$0] }
                // 两千 一百 六十 is 2160: a word ending on its unit, whose highest unit is one rank
                // below the unit the word before ends on, goes on that figure (八万 四千五 stays
                // two: 四千五 is whole).
                let endsOnUnit = word.last.flatMap { ChineseNumerals.unitValues[$0] } != nil
                let continues = endsOnUnit && previousEndUnit.map { units.max()! * 10 == $0 } ?? false
                if !afterZero, !continues { starts.insert(i) }
                afterZero = false
                unitWords.append(i)
                previousEndUnit = endsOnUnit ? units.last : nil
                // 两万一 月收入: a figure shortened after 万 or 千 (两万一 = 21000) is whole; a
                // next word opening on a date or time unit does not go on it (else 一月 reads as
                // January).
                if previousEndUnit == nil, let last = units.last, last >= 1000,
                   let next = s[j...].firstIndex(where: { !isTypedSpace($0) }), timeUnits.contains(s[next]) { starts.insert(next) }
            } else if word.count == 1, word.first == 0x96F6 /* 零 */, !unitWords.isEmpty {
                afterZero = true
                previousEndUnit = nil
            } else {
                let endUnitBefore = previousEndUnit
                afterZero = false
                previousEndUnit = nil
                if word.count == 1, let only = word.first, ChineseNumerals.digitValues[only] != nil, unitWords.count >= 2 {
                    for start in unitWords.dropFirst() { starts.remove(start) }
                }
                // 三万 六 三 六 零 零 零: the figure said again digit by digit is a number of its
                // own, not more of the one before (三万六三六零零零 read as 30000).
                // (三万 六 三 六 零 零 零: after a figure ending on 万 or 千, the first digit
                // finishes it — 三万六 — and the restatement begins after it)
                let run = unitWords.isEmpty || word.count != 1 ? 0 : Self.singleDigitWords(in: s, from: i)
                // (unless the run has as many digits as the figure itself: 四十七万 四 七 零 零 零 零)
                let figure = unitWords.last.flatMap { start -> Double? in
                    var end = start
                    while end < s.count, !isTypedSpace(s[end]) { end += 1 }
                    return ChineseNumerals.parseRun(Array(s[start..<end]), from: 0, requireUnitOrMany: false)?.0
                }
                let figureDigits = figure.map { String(Int($0)).count } ?? 0
                if run >= 4, run == figureDigits + 1, let unit = endUnitBefore, unit >= 1000, let next = s[j...].firstIndex(where: { !isTypedSpace($0) }) {
                    starts.insert(next)
                } else if run >= 3 {
                    starts.insert(i)
                }
                unitWords = []
            }
            i = j
        }
        return starts
    }

    /// How many one-character digit words (零 included) follow one another from `i`.
    static func singleDigitWords(in s: [UInt32], from i: Int) -> Int {
        var count = 0
        var k = i
        while k < s.count {
            while k < s.count, isTypedSpace(s[k]) { k += 1 }
            guard k < s.count, ChineseNumerals.digitValues[s[k]] != nil || s[k] == 0x96F6,
                  k + 1 == s.count || isTypedSpace(s[k + 1]) else { break }
            count += 1
            k += 1
        }
        return count
    }

    /// The normalised scalars of `text`.
    func normalizeScalars(_ text: String) -> [UInt32] {
        normalizeScalars(raw: text.unicodeScalars.prefix(Self.maxScalars).map(\.value))
    }

    /// As above, from the text's scalars (at most `maxScalars`).
    func normalizeScalars(raw: [UInt32]) -> [UInt32] {
        let prepared = prepare(raw)
        // Spaces between Chinese characters carry no meaning (speech-to-text output is full
        // of them: 公 积 金); variants are matched across them.
        let rewritten = variants.apply(Self.latinUnitsAfterNumbers(Self.collapseSpaces(prepared, final: false)))
        return Self.collapseSpaces(rewritten, final: true)
    }

    /// English units after a number, as a clerk's half-English note writes them (sealed 10
    /// months, term 25 years): 10个月, 25年 — so that `months` and `years` before a number stay
    /// labels for the synonym table (Months 72 → 连续缴存月数 72).
    static let latinUnits: [(word: [UInt32], unit: [UInt32])] = [
        ("months", "个月"), ("month", "个月"), ("mos", "个月"), ("years", "年"), ("year", "年"), ("yrs", "年"), ("y", "年"),
    ].map { ($0.0.scalarValues, $0.1.scalarValues) }

    static func latinUnitsAfterNumbers(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(where: CharClass.isASCIIDigit), input.contains(where: CharClass.isASCIILetter) else { return input }
        return replacingSpans(input) { i, out in
            guard CharClass.isASCIIDigit(input[i]), i + 1 < input.count, !CharClass.isASCIIDigit(input[i + 1]) else { return nil }
            var j = i + 1
            while j < input.count, isTypedSpace(input[j]) { j += 1 }
            for (word, unit) in latinUnits where j + word.count <= input.count && input[j..<(j + word.count)].elementsEqual(word) {
                let end = j + word.count
                // (nor before a digit: 3y5m is years and months, read whole elsewhere)
                guard end == input.count || !(CharClass.isASCIILetter(input[end]) || CharClass.isASCIIDigit(input[end])) else { continue }
                out.append(input[i])
                out.append(contentsOf: unit)
                return end
            }
            return nil
        }
    }

    /// Marks that end a field of a clerk's list (本市住房：无；公积金贷款：未结清, 【余额】3万【收入】…):
    /// ；; | ｜ 【 and line breaks. Between two Chinese characters they leave a space, where other
    /// punctuation leaves none, so a field's value (无) is not read with the next field's label
    /// (无公积金贷款 would say there is no loan).
    static let fieldSeparators: Set<UInt32> = [0xFF1B, 0x3B, 0x7C, 0xFF5C, 0x3010, 0x0A, 0x0D]
    /// The boundary a field separator leaves until the last space collapsing (a control
    /// character no text keeps: the character mapping drops them).
    static let fieldBoundary: UInt32 = 0x1F

    /// Units that belong to the number before them across a space (一九六六 年, 八 月份 as
    /// transcribed: 1966年, 8月份); 期 is not one (80万 期限30年).
    static let unitAfterSpace: Set<UInt32> = Set("年月岁".unicodeScalars.map(\.value))
    /// What may follow such a unit and still be the number's (份, 了, 的, 多, 半, 零, 出生…).
    static let afterUnit: Set<UInt32> = Set("份了的多半零前后出生".unicodeScalars.map(\.value))

    /// Removes spaces between two Chinese characters, collapses the others, trims. A space
    /// next to a number stays, so 余额5万，月收入 keeps 50000 apart from 月收入.
    /// A field boundary stays (as itself until the `final` pass, then as a space).
    static func collapseSpaces(_ text: [UInt32], final: Bool = true) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.count)
        var pendingSpace = false
        var pendingBoundary = false
        for (i, v) in text.enumerated() {
            if v == 0x20 {
                pendingSpace = !out.isEmpty
                continue
            }
            if v == fieldBoundary {
                pendingBoundary = !out.isEmpty
                continue
            }
            if pendingBoundary {
                out.append(final ? 0x20 : fieldBoundary)
                pendingBoundary = false
                pendingSpace = false
            }
            if pendingSpace, let last = out.last, !(CharClass.isIdeograph(last) && CharClass.isIdeograph(v)) {
                // 1966 年 → 1966年, but not 600000 年限 (a unit that starts a word of its own).
                let unitOfNumber = CharClass.isASCIIDigit(last) && Self.unitAfterSpace.contains(v)
                    && (i + 1 >= text.count || !CharClass.isIdeograph(text[i + 1]) || Self.afterUnit.contains(text[i + 1]))
                if !unitOfNumber { out.append(0x20) }
            }
            pendingSpace = false
            out.append(v)
        }
        return out
    }

    /// The normalised form of `text`.
    public func normalize(_ text: String) -> String {
        String(scalars: normalizeScalars(text))
    }
}

extension String {
    /// The string's scalar values (what the normaliser's passes work on).
    public var scalarValues: [UInt32] { unicodeScalars.map(\.value) }

    /// A string from scalar values (invalid values are skipped).
    public init(scalars: some Collection<UInt32>) {
        // Encoded straight into the string's storage: a short token (up to five Chinese
        // characters) becomes a small string with no heap allocation at all.
        self.init(unsafeUninitializedCapacity: Swift.max(1, scalars.count * 4)) { buffer in
            var n = 0
            for v in scalars {
                switch v {
                case 0..<0x80:
                    buffer[n] = UInt8(v); n += 1
                case 0x80..<0x800:
                    buffer[n] = UInt8(0xC0 | (v >> 6)); buffer[n + 1] = UInt8(0x80 | (v & 0x3F)); n += 2
                case 0x800..<0xD800, 0xE000..<0x10000:
                    buffer[n] = UInt8(0xE0 | (v >> 12)); buffer[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | (v & 0x3F)); n += 3
                case 0x10000...0x10FFFF:
                    buffer[n] = UInt8(0xF0 | (v >> 18)); buffer[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[n + 3] = UInt8(0x80 | (v & 0x3F)); n += 4
                default: continue // not a scalar value: skipped
                }
            }
            return n
        }
    }
}
