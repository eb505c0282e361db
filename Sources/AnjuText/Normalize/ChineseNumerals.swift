/// Chinese numerals to Arabic digits, with multipliers resolved:
/// 二十四个月→24个月, 两年→2年, 六十万→600000, 一万二→12000, 3.5万→35000, 八千五→8500,
/// 百分之五→5%, 二〇二五年→2025年. Runs of ASCII digits (ID and phone numbers) are kept.
///
/// A lone digit character (一, 两, 三 …, and the spoken 俩 2, 仨 3) or a lone 十 becomes a
/// number only before a measure word (or, but for 俩/仨, after 第), so that 一下, 一样, 统一,
/// 二手房, 十分 keep their meaning.
enum ChineseNumerals {
    /// 零 〇 一 幺 二 两 三 四 五 六 七 八 九 (a switch: this runs for every character).
    enum digitValues {
        @inline(__always)
        static subscript(_ v: UInt32) -> Int? {
            switch v {
            case 0x96F6, 0x3007: 0
            case 0x4E00, 0x5E7A: 1
            case 0x4E8C, 0x4E24: 2
            case 0x4E09: 3
            case 0x56DB: 4
            case 0x4E94: 5
            case 0x516D: 6
            case 0x4E03: 7
            case 0x516B: 8
            case 0x4E5D: 9
            default: nil
            }
        }
    }
    /// 十 百 千 万 亿
    enum unitValues {
        @inline(__always)
        static subscript(_ v: UInt32) -> Int? {
            switch v {
            case 0x5341: 10
            case 0x767E: 100
            case 0x5343: 1000
            case 0x4E07: 10_000
            case 0x4EBF: 100_000_000
            default: nil
            }
        }
    }
    static let point: UInt32 = 0x70B9 // 点
    static let di: UInt32 = 0x7B2C // 第
    /// Measure words after which a lone numeral character counts as a number.
    /// Count words that make the digit before them a number of its own after a unit (五年, 三个月).
    static let countWords: Set<UInt32> = Set("年个月岁套次期天周".unicodeScalars.map(\.value))
    static let measureWords: Set<UInt32> = Set("个年月岁万千百套次回期天日号倍孩胎成元块周份笔间层平口人名家张位项种季户辆台".unicodeScalars.map(\.value))
    static let percentPrefix: [UInt32] = "百分之".unicodeScalars.map(\.value)

    /// The financial numeral (大写数字) of a plain one: 壹→一 … 玖→九, 拾→十, 佰→百, 仟→千
    /// (贰/貳, 叁/參, 陆/陸 both forms).
    @inline(__always)
    static func plainOfFinancial(_ v: UInt32) -> UInt32? {
        switch v {
        case 0x58F9: 0x4E00            // 壹
        case 0x8D30, 0x8CB3: 0x4E8C    // 贰 貳
        case 0x53C1, 0x53C3: 0x4E09    // 叁 參
        case 0x8086: 0x56DB            // 肆
        case 0x4F0D: 0x4E94            // 伍
        case 0x9646, 0x9678: 0x516D    // 陆 陸
        case 0x67D2: 0x4E03            // 柒
        case 0x634C: 0x516B            // 捌
        case 0x7396: 0x4E5D            // 玖
        case 0x62FE: 0x5341            // 拾
        case 0x4F70: 0x767E            // 佰
        case 0x4EDF: 0x5343            // 仟
        default: nil
        }
    }

    /// Financial numerals written as plain ones where they stand next to another numeral or a
    /// digit (壹万伍仟元 → 一万五千元, 总价壹佰零伍万, 3萬2仟): a lone 伍 or 陆 (大陆户口) is a word, kept.
    static func plainFinancial(_ s: [UInt32]) -> [UInt32] {
        guard s.contains(where: { plainOfFinancial($0) != nil }) else { return s }
        // (digits too, half- or full-width: 3萬2仟, ９仟５ as Taiwan writes a sum)
        func isNumeral(_ v: UInt32) -> Bool {
            plainOfFinancial(v) != nil || digitValues[v] != nil || unitValues[v] != nil || CharClass.isASCIIDigit(CharClass.halfWidth(v))
        }
        var out = s
        for i in s.indices {
            guard let plain = plainOfFinancial(s[i]) else { continue }
            if (i > 0 && isNumeral(s[i - 1])) || (i + 1 < s.count && isNumeral(s[i + 1])) { out[i] = plain }
        }
        return out
    }

    /// 廿 (twenty) and 卅 (thirty) written out where they stand before a numeral or a count
    /// word (贷廿五年 → 贷二十五年, 卅年 → 三十年); elsewhere they are kept.
    static func spelledTens(_ s: [UInt32]) -> [UInt32] {
        guard s.contains(where: { $0 == 0x5EFF || $0 == 0x5345 }) else { return s }
        var out: [UInt32] = []
        out.reserveCapacity(s.count + 2)
        for (i, v) in s.enumerated() {
            let next = i + 1 < s.count ? s[i + 1] : 0
            if v == 0x5EFF || v == 0x5345, digitValues[next] != nil || measureWords.contains(next) {
                out.append(v == 0x5EFF ? 0x4E8C : 0x4E09)
                out.append(0x5341)
            } else {
                out.append(v)
            }
        }
        return out
    }

    /// The spoken 俩 (two) and 仨 (three) written as 两 and 三 where a numeral unit follows
    /// (俩万八 → 两万八 = 28000, 仨千五 → 三千五), so the figure reads whole; 咱俩, 俩娃 stay.
    static func spokenDigits(_ s: [UInt32]) -> [UInt32] {
        guard s.contains(where: { $0 == 0x4FE9 || $0 == 0x4EE8 }) else { return s }
        var out = s
        for i in s.indices.dropLast() where (s[i] == 0x4FE9 || s[i] == 0x4EE8) && unitValues[s[i + 1]] != nil {
            out[i] = s[i] == 0x4FE9 ? 0x4E24 : 0x4E09
        }
        return out
    }

    /// Rewrites numerals in `s` (already half-width and simplified).
    static func convert(_ s: [UInt32]) -> [UInt32] {
        let s = spokenDigits(plainFinancial(spelledTens(s)))
        var out: [UInt32] = []
        out.reserveCapacity(s.count + 8)
        var i = 0
        let n = s.count
        while i < n {
            let v = s[i]
            // 百分之X → X%
            if v == percentPrefix[0], i + 3 < n, s[i + 1] == percentPrefix[1], s[i + 2] == percentPrefix[2],
               let (value, end) = parseRun(s, from: i + 3, requireUnitOrMany: false) {
                appendNumber(value, to: &out, next: nil)
                out.append(0x25) // %
                i = end
                continue
            }
            // 零 joining years and months (一年零十个月, 两年零三个月): a connector, dropped, so
            // the months read as their own number (1年10个月, not 1年0个月).
            if v == 0x96F6, let last = out.last, last == 0x5E74 /* 年 */, i + 1 < n,
               digitValues[s[i + 1]] != nil || s[i + 1] == 0x5341 || CharClass.isASCIIDigit(s[i + 1]) {
                i += 1
                continue
            }
            // ASCII number directly followed by 万/千/百/亿: 3.5万 → 35000
            if CharClass.isASCIIDigit(v) {
                var j = i
                while j < n, CharClass.isASCIIDigit(s[j]) || (s[j] == 0x2E && j + 1 < n && CharClass.isASCIIDigit(s[j + 1])) { j += 1 }
                if j < n, let unit = unitValues[s[j]], unit >= 100, j - i <= 12,
                   let base = Double(String(String.UnicodeScalarView(s[i..<j].compactMap(Unicode.Scalar.init)))) {
                    var value = base * Double(unit)
                    var k = j + 1
                    var lastUnit = unit
                    // 3万6千5 → 36500, 1万2千 → 12000: digits with a smaller unit continue the number.
                    while k < n, CharClass.isASCIIDigit(s[k]) {
                        var m = k
                        while m < n, CharClass.isASCIIDigit(s[m]), m - k < 4 { m += 1 }
                        guard m < n, let smaller = unitValues[s[m]], smaller < lastUnit, smaller >= 10,
                              let part = Int(String(String.UnicodeScalarView(s[k..<m].compactMap(Unicode.Scalar.init)))), part < 10 else { break }
                        value += Double(part * smaller)
                        lastUnit = smaller
                        k = m + 1
                    }
                    // 1万2 → 12000: a single trailing digit after the unit, as with 一万二
                    // (not 50万5年: a digit with a count word of its own is a number of its own)
                    if k < n, let d = digitValues[s[k]] ?? (CharClass.isASCIIDigit(s[k]) ? Int(s[k] - 0x30) : nil),
                       !(k + 1 < n && (CharClass.isASCIIDigit(s[k + 1]) || digitValues[s[k + 1]] != nil || unitValues[s[k + 1]] != nil
                                       || countWords.contains(s[k + 1]))) {
                        value += Double(d * lastUnit / 10)
                        k += 1
                    }
                    appendNumber(value, to: &out, next: k < n ? s[k] : nil)
                    i = k
                    continue
                }
                out.append(contentsOf: s[i..<j])
                i = j
                continue
            }
            // 俩 (two), 仨 (three) before a measure word: 仨年 → 3年, 俩套 → 2套 (俩娃, 咱俩 stay).
            if v == 0x4FE9 || v == 0x4EE8, i + 1 < n, measureWords.contains(s[i + 1]) {
                out.append(v == 0x4FE9 ? 0x32 : 0x33)
                i += 1
                continue
            }
            if digitValues[v] != nil || v == 0x5341 {
                let lone = (i + 1 >= n) || (digitValues[s[i + 1]] == nil && unitValues[s[i + 1]] == nil && s[i + 1] != point)
                if lone {
                    let next = i + 1 < n ? s[i + 1] : nil
                    let afterDi = i > 0 && s[i - 1] == di
                    let isYao = v == 0x5E7A
                    if !isYao, afterDi || (next != nil && measureWords.contains(next!)) {
                        out.append(contentsOf: String(v == 0x5341 ? 10 : digitValues[v]!).unicodeScalars.map(\.value))
                    } else {
                        out.append(v)
                    }
                    i += 1
                    continue
                }
                // Digits read one by one, with no unit (an ID number or PIN spoken on the phone,
                // 三三零九零二…): written digit for digit, leading zeros and all, never as a
                // floating-point value (3.309e+17).
                var j = i
                while j < n, let d = digitValues[s[j]], d >= 0 { j += 1 }
                if j - i >= 2, j == n || (unitValues[s[j]] == nil && s[j] != point) {
                    for k in i..<j { out.append(0x30 + UInt32(digitValues[s[k]]!)) }
                    if j < n, CharClass.isASCIIDigit(s[j]) || s[j] == 0x5341 { out.append(0x20) }
                    i = j
                    continue
                }
                if let (value, end) = parseRun(s, from: i, requireUnitOrMany: true) {
                    appendNumber(value, to: &out, next: end < n ? s[end] : nil)
                    i = end
                    continue
                }
            }
            out.append(v)
            i += 1
        }
        return out
    }

    /// Appends a number's digits; a space keeps it apart from digits that follow.
    private static func appendNumber(_ value: Double, to out: inout [UInt32], next: UInt32?) {
        // (9.12万 is 9.12 × 10000 = 91199.99999999999 in binary: a sum said with at most a few
        // decimals is rounded to millionths, so it reads 91200)
        var value = value
        if abs(value) < 1e9 { value = (value * 1e6).rounded() / 1e6 }
        let text: String
        if value == value.rounded(), abs(value) < 1e15 {
            text = String(Int64(value))
        } else {
            text = String(value)
        }
        out.append(contentsOf: text.unicodeScalars.map(\.value))
        if let next, CharClass.isASCIIDigit(next) || digitValues[next] != nil || next == 0x5341 { out.append(0x20) }
    }

    /// Parses a run of numeral characters starting at `start`. Returns the value and the
    /// index after the run, or nil when it is not a number (e.g. a run of one 一).
    static func parseRun(_ s: [UInt32], from start: Int, requireUnitOrMany: Bool) -> (Double, Int)? {
        let n = s.count
        var end = start
        var hasUnit = false
        var hasPoint = false
        var lastUnit = Int.max
        var afterZero = false
        var bigUnits: Set<Int> = []   // 万 / 亿 already used in this run
        var digitsStart = start       // where the digits after the last unit begin
        while end < n {
            let v = s[end]
            if let d = digitValues[v] {
                if end == start || unitValues[s[end - 1]] != nil { digitsStart = end }
                // 六十万二十年 is 60万 and 20年, not 600020: after a unit, a digit that takes a
                // unit more than one step smaller (without 零) starts a new number.
                if d != 0, !afterZero, lastUnit != Int.max, end + 1 < n, let next = unitValues[s[end + 1]], next * 10 < lastUnit {
                    break
                }
                // 二十万五年 is 20万 and 5年, not 205000年: after a unit, a digit with a count
                // word of its own starts a new number (三千五块 stays 3500: money is no count).
                // (个人 is "individual", no count: 七千五个人按10% is 7500)
                if d != 0, !afterZero, lastUnit != Int.max, lastUnit >= 100, end + 1 < n, countWords.contains(s[end + 1]),
                   !(s[end + 1] == 0x4E2A && end + 2 < n && s[end + 2] == 0x4EBA) {
                    break
                }
                afterZero = d == 0
                end += 1
                continue
            }
            if unitValues[v] != nil {
                // a unit may not open the run, except 十 (十五 = 15)
                if end == start && v != 0x5341 { break }
                // 三十万十年 is 30万 and 10年: 十 right after a larger unit opens a new number.
                if v == 0x5341, end > start, let previous = unitValues[s[end - 1]], previous > 10 { break }
                // 九万零六百九万零六百 (a figure said twice, run together in a transcript) is
                // 90600 twice: a 万 or 亿 used again after smaller units starts a new number
                // at the digits before it.
                if let u = unitValues[v], u >= 10_000 {
                    if bigUnits.contains(u), lastUnit < u, digitsStart > start, digitValues[s[end - 1]] != nil { end = digitsStart; break }
                    bigUnits.insert(u)
                }
                // So is a smaller unit used again or out of order (九千六九千六百 is 9600 twice):
                // the new number starts at the digits before it, after the elided digit of the
                // one before when two stand there.
                if let u = unitValues[v], u < 10_000, lastUnit < 10_000, u >= lastUnit, digitsStart > start, digitValues[s[end - 1]] != nil {
                    end = end - digitsStart >= 2 ? digitsStart + 1 : digitsStart
                    break
                }
                hasUnit = true; lastUnit = unitValues[v]!; afterZero = false; end += 1; continue
            }
            if v == point, !hasPoint, end > start, end + 1 < n, digitValues[s[end + 1]] != nil { hasPoint = true; end += 1; continue }
            break
        }
        guard end > start else { return nil }
        let run = Array(s[start..<end])
        if requireUnitOrMany && !hasUnit && !hasPoint && run.count < 2 { return nil }
        // Integer part and fraction (after 点, digit by digit).
        var integerPart = run
        var fraction: [UInt32] = []
        if let p = run.firstIndex(of: point) {
            integerPart = Array(run[..<p])
            fraction = Array(run[(p + 1)...])
        }
        guard var value = integerValue(integerPart) else { return nil }
        if !fraction.isEmpty {
            var scale = 0.1
            var lastUnit: Int? = nil
            for v in fraction {
                if let d = digitValues[v] { value += Double(d) * scale; scale /= 10 } else if let u = unitValues[v] { lastUnit = u }
            }
            // 三点五万 → 35000
            if let u = lastUnit { value *= Double(u) }
        }
        return (value, end)
    }

    /// Value of an integer numeral without a point: 二十四, 一万二, 二〇二五, 三百五.
    private static func integerValue(_ run: [UInt32]) -> Double? {
        guard !run.isEmpty else { return nil }
        // No units: read digit by digit (二〇二五 → 2025).
        if !run.contains(where: { unitValues[$0] != nil }) {
            var value = 0.0
            for v in run { guard let d = digitValues[v] else { return nil }; value = value * 10 + Double(d) }
            return value
        }
        var total = 0.0     // sum of completed 万/亿 sections
        var section = 0.0   // the current section below 万
        var digit: Double? = nil
        var lastUnit = 1
        for v in run {
            if let d = digitValues[v] {
                digit = Double(d)
            } else if let u = unitValues[v] {
                if u >= 10_000 {
                    section += digit ?? 0
                    total = (total + section) * Double(u)
                    // 亿 after 万 is rare; the simple rule above covers 三十五万, 一亿二千万
                    section = 0
                } else {
                    section += (digit ?? 1) * Double(u)
                }
                digit = nil
                lastUnit = u
            }
        }
        // 一千七八 / 三万七八 (seventeen or eighteen hundred): two consecutive digits after a
        // unit of a hundred or more are an approximate elision, read as the lower.
        if run.count >= 3, let last = digitValues[run[run.count - 1]], let first = digitValues[run[run.count - 2]],
           last == first + 1, first > 0, let unit = unitValues[run[run.count - 3]], unit >= 100 {
            return total + section + Double(first * (unit / 10))
        }
        if let d = digit {
            // Elision: 一万二 = 12000, 八千五 = 8500, 三百五 = 350 (the digit after a unit
            // counts in the next lower unit). After 十 the digit is just units: 二十四.
            let previousIsUnit = unitValues[run[run.count - 2]] != nil
            if previousIsUnit && lastUnit >= 100 {
                section += d * Double(lastUnit / 10)
            } else {
                section += d
            }
        }
        return total + section
    }
}
