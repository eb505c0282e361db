import AnjuJSON
import AnjuRules
import Foundation

/// The reading of one utterance: the facts taken so far and the numbers they used, so that
/// one number becomes at most one fact ("交了2年" is months of contribution, never also a
/// two-year loan term).
///
/// The readers (in the `FactScan` extensions beside this file) run from the most specific
/// phrasing to the least; the first reading of a fact wins.
struct FactScan {
    /// The normalised utterance.
    let t: String
    /// The fact the assistant just asked for.
    let expecting: String?
    /// The day the utterance is read on (for 去年三月, 上个月).
    let today: Date
    /// Facts taken; a nil value is a number said that no Int holds (asked again).
    private(set) var found: [String: JSONValue?] = [:]
    /// The characters of the numbers already taken.
    private(set) var used: [Range<String.Index>] = []
    /// The number each fact was first read from, when it was read from one.
    private(set) var numberOf: [String: Range<String.Index>] = [:]
    /// Numbers read for a fact that already had its value, and that fact.
    private(set) var readAgain: [(range: Range<String.Index>, fact: String)] = []

    /// What the raw text tells that the normalised text no longer does (nil: not known).
    let said: Said?

    /// The longest loan term the policy allows, for "按最长的年限算" (nil: not read).
    let longestTermYears: Int?
    /// The highest loans of a first and a second home, for "最高额度贷满" (nil: not read).
    let loanCaps: (firstHome: Double, secondHome: Double)?

    init(_ t: String, expecting: String?, today: Date, said: String? = nil, longestTermYears: Int? = nil,
         loanCaps: (firstHome: Double, secondHome: Double)? = nil) {
        self.t = Self.withoutDenials(t)
        self.expecting = expecting
        self.today = today
        self.said = said.map(Said.init)
        self.longestTermYears = longestTermYears
        self.loanCaps = loanCaps
    }

    /// The text without the values it denies: "余额不是80000 是100000" → "余额 是100000",
    /// "不是2套是1套" → " 是1套", so the value read is the one meant.
    static func withoutDenials(_ t: String) -> String { denials(t).text }

    /// The text without the values it denies, and those values (80000 in "不是80000 是100000":
    /// the fact given with that value is the one corrected).
    static func denials(_ t: String) -> (text: String, denied: [Double]) {
        let (t, takenBack) = withoutTakenBack(t)
        guard t.has("不是") else { return (t, takenBack) }
        var out = ""
        var denied: [Double] = takenBack
        var rest = t[...]
        while let r = rest.byteRange(of: "不是") {
            // "余额28000不是38000", "贷200000 5年不是6年": a number, 不是, a number — the
            // speaker corrects the first (said and taken back), the second stands.
            var head = String(rest[..<r.lowerBound])
            let afterWord = FactText.skip([" "], in: t, from: r.upperBound)
            if afterWord < t.endIndex, t[afterWord].isASCIIDigit, let said = Self.trailingNumber(head.trimmingCharacters(in: .whitespaces)),
               // 是X不是Y (余额是31000不是51000): X is meant, the Y after 不是 is denied below.
               // (为 too: 期限为6年，不是4年)
               !Self.assertsValue(head.trimmingCharacters(in: .whitespaces).dropLast(said.length)) {
                head = head.trimmingCharacters(in: .whitespaces)
                denied.append(said.value)
                head = String(head.dropLast(said.length)) + " "
                out += head
                rest = t[r.upperBound...]
                continue
            }
            out += rest[..<r.lowerBound]
            // (the phone's spaces: 不是 20年是15年)
            var after = FactText.skip([" "], in: t, from: r.upperBound)
            if after < t.endIndex, t[after].isASCIIDigit, let n = FactText.number(in: t, at: after) {
                denied.append(n.value)
                after = n.range.upperBound
                if let unit = t[after...].prefix(anyOf: ["个月", "月", "年", "套", "个", "元", "块"]) { after = t.index(after, past: unit) }
                out += " "
            } else {
                out += rest[r]
                after = r.upperBound
            }
            rest = t[after...]
        }
        return (out + rest, denied)
    }

    /// Whether the text before a number ends by asserting it (是/为, spaces allowed: the phone's
    /// "余额 应该 是 56000 不是 36000"), so a 不是 after the number denies the one that follows.
    static func assertsValue(_ before: Substring) -> Bool {
        let b = before.trimmingCharacters(in: .whitespaces)
        return b.hasSuffix("是") || b.hasSuffix("为")
    }

    /// Words that take back the number said just before them when another number follows
    /// ("代300000不对320000" from 代三十来万不对就是三十二万, "余额30000哦不35000", "5年说错了6年",
    /// "余额19000不是不是21600" — 不是 said twice takes back, where once it denies what follows,
    /// "余额录成了39000元实际是59000元").
    /// A bare 不 counts only between two numbers ("余额30000不35000": the 哦 of 哦不 is a filler
    /// the normaliser drops).
    static let takeBackWords = ["不是不是", "看错行了", "看串行了", "看错行", "我记错了", "俺记错了", "记错了", "我说错了", "俺说错了", "我搞错了", "搞错了", "我看错了", "看错了", "弄错了", "说错了", "说错", "不对", "错了", "哦不", "噢不", "呃不", "不不", "实际上是", "实际是", "不"]
    /// What may stand between a take-back word and the number meant (是, 就是 and 应该是 are
    /// mostly dropped by the normaliser already).
    static let beforeMeant = [" ", "就是", "应该是", "其实是", "改成", "是", "应该"]

    /// The text without the numbers taken back by `takeBackWords`, and their values.
    static func withoutTakenBack(_ t: String) -> (text: String, denied: [Double]) {
        // (every take-back word holds 不, 错 or 实际: one search decides most turns)
        guard t.has("不") || t.has("错") || t.has("实际") else { return (t, []) }
        var out = ""
        var denied: [Double] = []
        var rest = t[...]
        while let r = FactText.firstRange(of: takeBackWords, in: rest) {
            let head = String(rest[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            let meant = FactText.skip(beforeMeant, in: t, from: r.upperBound)
            // 是X不是Y (工资是5400不是4500) is not a take-back: X is meant (`denials` denies Y).
            let isNotY = rest[r] == "不" && rest[r.upperBound...].hasPrefix("是")
            if meant < t.endIndex, t[meant].isASCIIDigit, let said = trailingNumber(head),
               !(isNotY && Self.assertsValue(head.dropLast(said.length))) {
                denied.append(said.value)
                out += String(head.dropLast(said.length)) + " "
                rest = t[meant...]
            } else {
                out += rest[..<r.upperBound]
                rest = t[r.upperBound...]
            }
        }
        return (out + rest, denied)
    }

    /// The number (with its unit) that `head` ends with: 38000, 5年, 2套; its value and length
    /// in characters.
    static func trailingNumber(_ head: String) -> (value: Double, length: Int)? {
        var chars = Array(head)
        var unitLength = 0
        for unit in ["个月", "月", "年", "套", "个", "元", "块"] where head.hasSuffix(unit) {
            unitLength = unit.count
            chars.removeLast(unit.count)
            break
        }
        var digits = 0
        while digits < chars.count, let last = chars.dropLast(digits).last, last.isASCIIDigit || last == "." { digits += 1 }
        guard digits > 0, let value = Double(String(chars.suffix(digits))) else { return nil }
        return (value, digits + unitLength)
    }

    /// Whether a + stands between two figures (2.3w+1.6w, 7500+6000).
    static func plusBetweenSums(_ text: String) -> Bool {
        let chars = Array(text)
        for i in chars.indices.dropFirst().dropLast() where chars[i] == "+" || chars[i] == "＋" {
            let before = chars[i - 1], after = chars[i + 1]
            if (before.isASCIIDigit || "wWkK万千".contains(before)), after.isASCIIDigit { return true }
        }
        return false
    }

    /// Cues read from the text as typed or transcribed, before normalising.
    struct Said {
        /// 二套 / 第二套 said as an ordinal (buying the second home), not 两套 / 俩套 / 2套 (a count).
        let secondOrdinal: Bool
        /// 余额 stands apart from the word before it (商贷 余额8万, 公积金贷款，余额两万八): a
        /// search-string list of items, so the 余额 is the account's, not the loan's.
        let balanceApart: Bool
        /// Homes added with a plus sign (自住1套+父母赠与1套), which the normaliser removes.
        let homesAdded: Bool
        /// Two sums joined by a plus sign (余2.3w+1.6w), which the normaliser removes.
        let sumsAdded: Bool
        /// The parent a question is asked for (帮我妈问一下: the normaliser drops 帮我 as a
        /// filler), whose sex is the case's: "female", "male" or nil.
        let parentAskedFor: String?
        /// The loan type of a field list whose separators the normaliser drops ({"贷款":"公积金"},
        /// 贷款：商贷): "provident", "commercial" or nil.
        let loanTypeField: String?

        init(_ text: String) {
            // (a byte search: Foundation's `contains` here cost 5% of a turn under load)
            // (spaces of a transcript do not count: 二 套 房)
            let joined = text.has(" ") ? text.replacingOccurrences(of: " ", with: "") : text
            // (a 2套 not said as a count — 两套, 俩套, 2套 — is 二套 heard otherwise: 尔套, 二滔)
            secondOrdinal = ["二套", "第2套", "第２套", "贰套", "貳套", "2t", "2T"].contains { joined.has($0) }
                || !["两套", "俩套", "兩套", "倆套", "2套", "２套"].contains { joined.has($0) }
            homesAdded = ["套+", "套＋", "套 +", "房+", "房＋"].contains { joined.has($0) }
            sumsAdded = FactScan.plusBetweenSums(joined)
            parentAskedFor = FactScan.parentAskedFor(in: joined)
            loanTypeField = FactScan.loanTypeField(in: joined)
            let chars = Array(text)
            balanceApart = chars.indices.dropFirst().dropLast().contains { i in
                chars[i] == "余" && "额額鹅".contains(chars[i + 1]) && (chars[i - 1].isWhitespace || chars[i - 1].isPunctuation || chars[i - 1].isSymbol)
            } || Self.latinBalanceLabel(chars)
        }

        /// A clerk's English column name for the balance (BAL 36,500, "bal":"9,870元", balance=…):
        /// always a field of its own, never the loan's.
        static func latinBalanceLabel(_ chars: [Character]) -> Bool {
            guard chars.count >= 3 else { return false }
            for i in 0...(chars.count - 3) where chars[i] == "b" || chars[i] == "B" {
                guard i == 0 || !chars[i - 1].isLetter else { continue }
                if chars[i + 1].lowercased() == "a", chars[i + 2].lowercased() == "l" { return true }
            }
            return false
        }
    }

    /// Takes `value` for `name` unless a reading came first; marks `number` used either way.
    mutating func take(_ name: String, _ value: JSONValue?, number: Range<String.Index>? = nil) {
        if let number { used.append(number) }
        if found[name] == nil {
            found.updateValue(value, forKey: name)
            if let number { numberOf[name] = number }
        } else if let number {
            readAgain.append((number, name))
        }
    }

    /// Whether `range` is free, or was read only as `fact` again after its first reading (余额
    /// 45000 … 余额应为38000: the second sum of the balance, which a correction may take).
    func isFree(_ range: Range<String.Index>, for fact: String) -> Bool {
        guard isUsed(range) else { return true }
        return readAgain.contains { $0.range == range && $0.fact == fact } && !numberOf.values.contains { $0.overlaps(range) }
    }

    /// Takes a count (months, homes, children) through `FactBounds.int`: a number beyond
    /// any Int is taken as nil, so the fact is asked again.
    mutating func take(_ name: String, count: Double, number: Range<String.Index>?) {
        take(name, FactBounds.int(count).map(JSONValue.int), number: number)
    }

    /// Whether `name` was read.
    func has(_ name: String) -> Bool { found[name] != nil }

    /// Whether any character of `range` belongs to a number already taken.
    func isUsed(_ range: Range<String.Index>) -> Bool {
        used.contains { $0.overlaps(range) }
    }

    /// Whether a number was taken at all (then a bare reply is not a bare reply).
    var tookNumber: Bool { !used.isEmpty }

    /// The month of `today` in China Standard Time.
    var thisMonth: YearMonth { CalendarDate(today).yearMonth }

    /// Whether a reading without a keyword may fill `fact`: only when nothing else was
    /// asked for ("20年" is a loan term after a repayment answer, months after a months question).
    func mayGuess(_ fact: String) -> Bool { expecting == nil || expecting == fact }

    /// Runs every reader, then the bare answer to the question asked.
    mutating func readAll() {
        // Field lists (缴存月数29；住房=0) name each fact exactly: read before the phrasings.
        readFields()
        readDateEvents()
        // A birth before the durations and the loan term, which would take 75年 of 七五年六月生的.
        readBirth()
        readBirthYear()
        readDurations()
        // Every sum is read from digits (the normaliser writes numerals as digits): a text
        // without one has none, and the money readers' dozens of keyword searches are skipped.
        if t.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
            readMoney()
            readDepositRatio()
        }
        readTerm()
        readHomes()
        readFamily()
        readPerson()
        readLoanStatus()
        readLoanAtCap()
        if let expecting { readBareAnswer(for: expecting) }
        reviseSelfCorrections()
    }

    /// Replaces a fact's value (money only, read from a number) by `value` from `number`.
    /// As `revise`, for a count (months): the value an Int.
    mutating func reviseCount(_ name: String, _ value: Int, number: Range<String.Index>) {
        found[name] = .int(value)
        numberOf[name] = number
        used.append(number)
    }

    /// As `revise`, for a value of any kind (a birth month corrected).
    mutating func reviseValue(_ name: String, _ value: JSONValue, number: Range<String.Index>) {
        found[name] = value
        numberOf[name] = number
        used.append(number)
    }

    mutating func revise(_ name: String, _ value: Double, number: Range<String.Index>) {
        found[name] = .double(value)
        numberOf[name] = number
        used.append(number)
        // (the loan asked for is also the loan of a purchase when it was read as both)
        if name == "principal", found["loan_amount"] != nil { found["loan_amount"] = .double(value) }
    }
}
