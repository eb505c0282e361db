import AnjuJSON
import Foundation

/// Reads policy.md facts out of what people say, from the normalised text (numerals are
/// already digits: 交了两年 → 交了2年, 余额三万二 → 余额32000, 贷六十万二十年 → 贷600000 20年).
///
/// Several facts in one sentence are all taken. When the assistant has just asked for a
/// fact (`expecting`), a bare answer ("24", "两年", "没有", "已婚") fills that fact.
public struct FactExtractor: Sendable {
    public init() {}

    /// One fact found, with the value as the rules take it.
    public struct Found: Sendable, Equatable {
        public let name: String
        public let value: JSONValue
    }

    /// What one utterance said: the facts taken, and the facts whose number was said but is
    /// not a value a person could mean (99999999999999999999个月): those are asked again.
    public struct Extraction: Sendable, Equatable {
        public var facts: [Found]
        public var implausible: [String]
    }

    /// Facts in `text` (normalised). `expecting` is the fact just asked for, if any.
    public func extract(_ text: String, expecting: String? = nil) -> [Found] {
        extractChecked(text, expecting: expecting).facts
    }

    /// Facts in `text` with every number range-checked (see `FactBounds`): a value out of its
    /// fact's range is never taken, its fact is listed in `implausible` instead.
    public func extractChecked(_ text: String, expecting: String? = nil) -> Extraction {
        let raw = extractRaw(text, expecting: expecting)
        var facts: [Found] = []
        var implausible: [String] = []
        for f in raw {
            if let v = f.value, FactBounds.accepts(f.name, v) { facts.append(Found(name: f.name, value: v)) } else { implausible.append(f.name) }
        }
        return Extraction(facts: facts, implausible: implausible)
    }

    /// A fact before its range check; `value` is nil when the number could not even be
    /// represented (beyond Int).
    struct RawFound { let name: String; let value: JSONValue? }

    func extractRaw(_ text: String, expecting: String? = nil) -> [RawFound] {
        var found: [String: JSONValue?] = [:]
        let t = text
        // A short reply to the question just asked answers that question: "两年" after
        // "连续缴存多少个月" is 24 months, not a two-year loan term.
        if let expecting, t.count <= 6, let value = bareAnswer(t, for: expecting) {
            return [RawFound(name: expecting, value: value)]
        }

        // Money and durations with their context words.
        if let v = number(after: ["余额", "账户里有", "账上有", "账户有", "里面有", "存了", "攒了", "账户余额"], in: t) { found.updateValue(.double(v), forKey: "balance") }
        if let v = number(after: ["月收入", "月薪", "工资", "收入", "每月挣", "一个月挣", "月入", "税前"], in: t) { found.updateValue(.double(v), forKey: "monthly_income") }
        if let v = number(after: ["总价", "房价", "房子", "房款", "价格", "买套", "买了套", "买1套"], in: t), v >= 10_000 { found.updateValue(.double(v), forKey: "price") }
        if let v = number(after: ["贷款", "贷", "借", "本金", "借款"], in: t), v >= 1_000 { found.updateValue(.double(v), forKey: "principal") }
        if let v = number(after: ["月租", "房租每月", "每月房租", "房租", "租金每月", "每月租金"], in: t) { found.updateValue(.double(v * 12), forKey: "annual_rent") }
        if let v = number(after: ["年租金", "一年房租", "1年房租", "每年房租"], in: t) { found.updateValue(.double(v), forKey: "annual_rent") }

        // Months of contribution: 交了2年 / 连续缴存24个月 / 缴了18个月
        if let m = duration(after: ["连续缴存", "连续交", "缴存了", "缴存", "交了", "缴了", "交", "缴", "连续"], in: t, allowYears: true) {
            found.updateValue(m.map(JSONValue.int), forKey: "continuous_months")
        }
        if let m = duration(after: ["封存了", "封存", "离职了", "离职", "辞职了", "辞职", "停缴了", "停缴"], in: t, allowYears: true) {
            found.updateValue(m.map(JSONValue.int), forKey: "sealed_months")
        }
        if let m = duration(after: ["买了", "买房", "签合同", "签了合同", "购房"], in: t, allowYears: true) {
            found.updateValue(m.map(JSONValue.int), forKey: "months_since_purchase")
        }
        // Term: 贷600000 20年 / 20年还清 / 30年的
        if let years = termYears(in: t) { found.updateValue(.int(years), forKey: "term_years") }

        if let homes = homesOwned(in: t) { found.updateValue(.int(homes), forKey: "homes_owned") }

        // Children
        if t.has("三孩") || t.has("3孩") { found.updateValue(.int(3), forKey: "children") }
        else if t.has("二孩") || t.has("2孩") { found.updateValue(.int(2), forKey: "children") }
        else if t.has("没孩子") || t.has("没有孩子") || t.has("没小孩") || t.has("没有小孩") { found.updateValue(.int(0), forKey: "children") }
        else if let n = integer(before: ["个娃", "个孩子", "个小孩", "个子女", "孩子", "个宝宝"], after: [""], in: t) { found.updateValue(.int(n), forKey: "children") }

        // Married
        if t.has("单身") || t.has("未婚") || t.has("没结婚") || t.has("离异") { found.updateValue(.bool(false), forKey: "married") }
        else if t.has("已婚") || t.has("结婚了") || t.has("结了婚") || t.has("我老婆") || t.has("我老公") || t.has("夫妻") || t.has("爱人") || t.has("配偶") { found.updateValue(.bool(true), forKey: "married") }

        // Repayment method
        if t.has("等额本金") { found.updateValue(.string("equal_principal"), forKey: "method") }
        else if t.has("等额本息") { found.updateValue(.string("equal_installment"), forKey: "method") }

        // Loan type for repayment withdrawals
        if t.has("商贷") || t.has("商业贷款") || t.has("银行贷款") || t.has("银行的房贷") || t.has("商业房贷") { found.updateValue(.string("commercial"), forKey: "loan_type") }
        else if t.has("公积金贷款") || t.has("公积金房贷") || t.has("公积金的贷款") { found.updateValue(.string("provident"), forKey: "loan_type") }

        // Gender and birth
        if t.has("男") && !t.has("女") { found.updateValue(.string("male"), forKey: "gender") }
        else if t.has("女") && !t.has("男") { found.updateValue(.string("female"), forKey: "gender") }
        if let birth = birthMonth(in: t) { found.updateValue(.string(birth), forKey: "birth") }

        // Talent, overdue, outstanding loan, when said
        if t.has("人才") && !t.has("不是人才") { found.updateValue(.bool(true), forKey: "talent") }
        if t.has("逾期") && !t.has("没逾期") && !t.has("没有逾期") && !t.has("不逾期") { found.updateValue(.bool(true), forKey: "overdue") }

        // A bare answer to the question just asked (only when nothing else was recognised,
        // so 月收入8500 never fills homes_owned).
        if let expecting, found.isEmpty, let value = bareAnswer(t, for: expecting) {
            found.updateValue(value, forKey: expecting)
        }
        return found.sorted { $0.key < $1.key }.map { RawFound(name: $0.key, value: $0.value) }
    }

    /// A reply to `expecting` that is just a value: "24", "2年", "没有", "已婚", "男".
    /// `.some(nil)` is a number said that no Int holds (asked again as implausible).
    func bareAnswer(_ t: String, for fact: String) -> JSONValue?? {
        switch fact {
        case "continuous_months", "sealed_months", "months_since_purchase":
            return duration(after: [""], in: t, allowYears: true).map { $0.map(JSONValue.int) }
        case "term_years":
            if let y = termYears(in: t) { return .int(y) }
            return firstNumber(in: t).map { FactBounds.int($0).map(JSONValue.int) }
        case "balance", "monthly_income", "price", "principal":
            guard duration(after: [""], in: t.filter { $0.isNumber || $0 == "." || $0 == "年" || $0 == "月" || $0 == "个" }, allowYears: true) == nil
                    || !(t.has("月") || t.has("年")) else { return nil }
            return firstNumber(in: t).map { .double($0) }
        case "homes_owned":
            if let homes = homesOwned(in: t) { return .int(homes) }
            if t.has("没") || t.has("无") || t == "0" { return .int(0) }
            return firstNumber(in: t).map { FactBounds.int($0).map(JSONValue.int) }
        case "married":
            if t.has("未") || t.has("没") || t.has("单") || t.has("不是") || t == "否" { return .bool(false) }
            if t.has("已") || t.has("结") || t.has("是") { return .bool(true) }
            return nil
        case "gender":
            if t.has("女") { return .string("female") }
            if t.has("男") { return .string("male") }
            return nil
        case "loan_type":
            if t.has("商") || t.has("银行") { return .string("commercial") }
            if t.has("公积金") || t.has("公贷") { return .string("provident") }
            return nil
        case "birth":
            return birthMonth(in: t).map { JSONValue.string($0) }
        default:
            return nil
        }
    }

    // MARK: - Pieces

    /// Homes owned in the city: 有2套 = owns two; 二套/第2套 = buying a second home (owns
    /// one); 首套/没房 = none.
    func homesOwned(in t: String) -> Int? {
        if t.has("没房") || t.has("无房") || t.has("没有房") || t.has("首套") || t.has("第1套") || t.has("名下没有") { return 0 }
        if let n = integer(before: ["套房", "套住房", "套"], after: ["有", "已有", "名下有", "已经有", "家里有"], in: t) { return n }
        if t.has("二套") || t.has("第2套") || t.has("2套") || t.has("有套房") { return 1 }
        if t.has("1套") { return 0 }
        return nil
    }

    /// The number directly after one of `keys` (skipping 是/有/为/大概/约/: and spaces).
    func number(after keys: [String], in t: String) -> Double? {
        for key in keys {
            var search = t.startIndex..<t.endIndex
            while let r = t[search].firstRange(of: key) {
                var i = r.upperBound
                while i < t.endIndex, "是有为大概约差不多左右在 :：每月个月的".contains(t[i]) { i = t.index(after: i) }
                if let (v, end) = readNumber(t, at: i), end == t.endIndex || !"年月岁套个次期倍%天号".contains(t[end]) { return v }
                search = r.upperBound..<t.endIndex
            }
        }
        return nil
    }

    /// A duration after a key, in months: 2年 → 24, 18个月 → 18, 半年 → 6, 1年半 → 18.
    /// An empty key reads a bare answer at the start ("24" counts as months).
    /// `.some(nil)` when a duration was said but its number is beyond any Int.
    func duration(after keys: [String], in t: String, allowYears: Bool) -> Int?? {
        for key in keys {
            if key.isEmpty { return durationValue(t, at: t.startIndex, bare: true, allowYears: allowYears) }
            var search = t.startIndex..<t.endIndex
            while let r = t[search].firstRange(of: key) {
                if let m = durationValue(t, at: r.upperBound, bare: false, allowYears: allowYears) { return m }
                search = r.upperBound..<t.endIndex
            }
        }
        return nil
    }

    private func durationValue(_ t: String, at start: String.Index, bare: Bool, allowYears: Bool) -> Int?? {
        var i = start
        // A bare answer may have words before the number: "不对是15个月", "大概24".
        if bare, !t.hasPrefix("半年"), let digit = t.firstIndex(where: { $0.isASCII && $0.isNumber }) { i = digit }
        while i < t.endIndex, "了有快近将满已经差不多大概约是".contains(t[i]) { i = t.index(after: i) }
        if t[i...].hasPrefix("半年") { return 6 }
        guard let (v, end) = readNumber(t, at: i) else { return nil }
        let rest = t[end...]
        if rest.hasPrefix("个月") || rest.hasPrefix("月") || rest.hasPrefix("期") { return .some(FactBounds.int(v)) }
        if allowYears, rest.hasPrefix("年半") { return .some(FactBounds.int(v * 12 + 6)) }
        if allowYears, rest.hasPrefix("年") { return .some(FactBounds.int(v * 12)) }
        if bare, rest.allSatisfy({ !$0.isNumber }) { return .some(FactBounds.int(v)) }
        return nil
    }

    /// A loan term in years: "20年" next to a loan amount, "20年还清", "贷20年", "30年的".
    func termYears(in t: String) -> Int? {
        var search = t.startIndex..<t.endIndex
        while let r = t[search].firstRange(of: "年") {
            // the digits just before 年
            var start = r.lowerBound
            while start > t.startIndex, t[t.index(before: start)].isASCII, t[t.index(before: start)].isNumber { start = t.index(before: start) }
            if start < r.lowerBound, let y = Int(t[start..<r.lowerBound]), (1...30).contains(y) {
                let before = t[..<start]
                let after = t[r.upperBound...]
                let loanContext = before.hasSuffix("贷") || before.hasSuffix(" ") || before.hasSuffix("分") || before.hasSuffix("期限")
                    || after.hasPrefix("还") || after.hasPrefix("期") || after.hasPrefix("的") || after.hasPrefix("贷") || after.hasPrefix("呢")
                    || after.isEmpty || t.has("贷")
                let contributionContext = before.hasSuffix("交了") || before.hasSuffix("缴了") || before.hasSuffix("缴存") || before.hasSuffix("交") || before.hasSuffix("连续")
                    || before.hasSuffix("封存") || before.hasSuffix("离职") || before.hasSuffix("买了")
                if loanContext && !contributionContext && !Self.endsWithFourDigits(t[..<start]) {
                    return y
                }
            }
            search = r.upperBound..<t.endIndex
        }
        return nil
    }

    /// Whether the text ends in four digits (2025年 is a year, not a loan term).
    static func endsWithFourDigits(_ s: Substring) -> Bool {
        s.utf8.count >= 4 && s.utf8.suffix(4).allSatisfy { $0.isDigit }
    }

    /// A count before a measure (2个孩子) with an optional lead word (有2套).
    func integer(before units: [String], after leads: [String], in t: String) -> Int? {
        for unit in units {
            var search = t.startIndex..<t.endIndex
            while let r = t[search].firstRange(of: unit) {
                var start = r.lowerBound
                while start > t.startIndex, t[t.index(before: start)].isASCII, t[t.index(before: start)].isNumber { start = t.index(before: start) }
                if start < r.lowerBound, let n = Int(t[start..<r.lowerBound]),
                   leads.contains(where: { $0.isEmpty || t[..<start].hasSuffix($0) }) {
                    return n
                }
                search = r.upperBound..<t.endIndex
            }
        }
        return nil
    }

    /// 1968年5月 / 1968-05 / 1968.5 → "1968-05".
    func birthMonth(in t: String) -> String? {
        let c = Array(t.utf8)
        var i = 0
        while i + 4 < c.count {
            let isYear = (c[i] == 0x31 && c[i + 1] == 0x39) || (c[i] == 0x32 && c[i + 1] == 0x30)   // 19xx / 20xx
            if isYear, c[i + 2].isDigit, c[i + 3].isDigit, i == 0 || !c[i - 1].isDigit {
                var j = i + 4
                // 年 is E5 B9 B4 in UTF-8
                if j + 2 < c.count, c[j] == 0xE5, c[j + 1] == 0xB9, c[j + 2] == 0xB4 { j += 3 } else if j < c.count, c[j] == 0x2D || c[j] == 0x2E || c[j] == 0x2F { j += 1 } else { i += 1; continue }
                var month = 0
                var k = j
                while k < c.count, k - j < 2, c[k].isDigit { month = month * 10 + Int(c[k] - 0x30); k += 1 }
                if k > j, (1...12).contains(month) {
                    let year = (Int(c[i] - 0x30) * 1000) + Int(c[i + 1] - 0x30) * 100 + Int(c[i + 2] - 0x30) * 10 + Int(c[i + 3] - 0x30)
                    return String(format: "%04d-%02d", year, month)
                }
            }
            i += 1
        }
        return nil
    }

    func firstNumber(in t: String) -> Double? {
        var i = t.startIndex
        while i < t.endIndex {
            if t[i].isASCII, t[i].isNumber, let (v, _) = readNumber(t, at: i) { return v }
            i = t.index(after: i)
        }
        return nil
    }

    /// Reads digits (with one optional decimal point) at `i`; 万 after it multiplies.
    func readNumber(_ t: String, at i: String.Index) -> (Double, String.Index)? {
        var j = i
        var sawPoint = false
        while j < t.endIndex, (t[j].isASCII && t[j].isNumber) || (t[j] == "." && !sawPoint) {
            if t[j] == "." { sawPoint = true }
            j = t.index(after: j)
        }
        guard j > i, var v = Double(t[i..<j]) else { return nil }
        if j < t.endIndex, t[j] == "万" { v *= 10_000; j = t.index(after: j) }
        else if j < t.endIndex, t[j] == "千" { v *= 1_000; j = t.index(after: j) }
        return (v, j)
    }
}

extension String {
    /// Substring test with the standard library's native search (Foundation's `contains`
    /// bridges to NSString and cost most of a conversation turn).
    @inline(__always)
    func has(_ needle: String) -> Bool { firstRange(of: needle) != nil }
}

extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
}
