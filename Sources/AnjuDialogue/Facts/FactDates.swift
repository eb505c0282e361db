import AnjuJSON
import AnjuRules

/// Dates said in words: when something happened (去年3月签的合同, 上个月才开始交, 2年前离职)
/// and when the person was born (1968年5月, 62年5月生).
extension FactScan {
    /// A month said in words, as months before this month.
    struct SaidMonth {
        /// Nil when the number is beyond any Int.
        let monthsAgo: Int?
        let range: Range<String.Index>
    }

    /// What happened at a said month, and the fact that counts the months since.
    static let events: [(verbs: [String], fact: String)] = [
        (["签", "买", "购", "网签"], "months_since_purchase"),
        (["开始交", "开始缴", "开始上班", "入职", "参加工作"], "continuous_months"),
        (["离职", "封存", "停缴", "断缴", "辞职", "辞工", "辞退", "下岗", "辞的职", "离的职", "辞的工",
          "开始封存", "开始停缴", "开始断缴",
          // (去年3月辞的, 从那家公司走的: quitting said short)
          "辞的", "辞了", "不干了", "走的人", "离开的", "离开了"], "sealed_months"),
    ]

    /// Labels said before a date, as clerks write them (合同2026年7月, 网签日期2025.11, 购房时间：
    /// 2026年3月; 离职时间2025年10月), and the fact that counts the months since.
    static let eventLabels: [(labels: [String], fact: String)] = [
        (["购房合同", "合同签订", "合同", "网签", "签约", "购房", "买房", "备案"], "months_since_purchase"),
        (["离职", "封存", "停缴", "断缴"], "sealed_months"),
    ]
    /// Words between a label and its date: 合同日期, 网签时间为, 购房于, 购房合同签于.
    static let labelGap = ["日期", "时间", "年月", "签订", "签署", "签", "于", "在", "是", "为", " ", "换成", "改成", "改为"]

    /// Words between a date and its verb: 3月份的时候才签, 5月底离的职.
    static let eventGap = ["份", "底", "初", "末", "中旬", "上旬", "下旬", "的", "时候", "才", "刚", "就", "是", "已经", " ", "起", "以来",
                           "总算", "终于", "好不容易", "正式", "顺利", "一起", "去", "从单位", "从公司", "从原单位", "从厂里", "被",
                           "全款", "贷款", "房贷", "按揭", "在本市", "在这边", "在这",
                           "跟卖家", "和卖家", "跟开发商", "和开发商", "跟房东", "和房东", "跟对方", "和对方"]

    /// 去年3月签的合同 → months_since_purchase; 上个月才开始交 → continuous_months (1);
    /// 2年前离职 → sealed_months. A date with no such verb is left for `readBirth`.
    mutating func readDateEvents() {
        var i = t.startIndex
        while i < t.endIndex {
            guard Self.dateStarts.contains(t[i]), let said = saidMonth(at: i, twoDigitYear: .recent) ?? monthOfYearSaid(at: i) else { i = t.index(after: i); continue }
            let verbAt = FactText.skip(Self.eventGap, in: t, from: said.range.upperBound)
            if let fact = Self.events.first(where: { t[verbAt...].prefix(anyOf: $0.verbs) != nil })?.fact ?? eventAfterPlace(verbAt) ?? labelledEvent(before: said.range.lowerBound) {
                take(fact, said.monthsAgo.map(JSONValue.int), number: said.range)
            }
            i = said.range.upperBound
        }
    }

    /// A month said alone (1月份签的) after a year said earlier in the text, when an event verb
    /// follows it: that year's month. A speaker correcting the month keeps the year (2026年2月
    /// 不是不是 是1月份签的购房合同 → 2026-01).
    private func monthOfYearSaid(at i: String.Index) -> SaidMonth? {
        guard t[i].isASCIIDigit, i == t.startIndex || !t[t.index(before: i)].isASCIIDigit,
              let (month, end) = monthNumber(at: i, requireYue: true) else { return nil }
        let verbAt = FactText.skip(Self.eventGap, in: t, from: end)
        guard Self.events.contains(where: { t[verbAt...].prefix(anyOf: $0.verbs) != nil }) else { return nil }
        // the last four-digit year said before (2026年)
        var year: Int? = nil
        for r in t[..<i].occurrences(of: "年") {
            guard let n = FactText.number(endingAt: r.lowerBound, in: t), t.distance(from: n.range.lowerBound, to: n.range.upperBound) == 4 else { continue }
            year = FactBounds.int(n.value)
        }
        guard let year, let said = YearMonth(year: year, month: month) else { return nil }
        return SaidMonth(monthsAgo: thisMonth.monthIndex - said.monthIndex, range: i..<end)
    }

    /// The event whose verb ends a short place phrase at `i` (去年5月就从长沙那家公司离职了, 在老家
    /// 那边签的): 从 or 在, then up to 12 characters with no number, then the verb.
    private func eventAfterPlace(_ i: String.Index) -> String? {
        guard i < t.endIndex, t[i] == "从" || t[i] == "在" else { return nil }
        var k = t.index(after: i)
        var steps = 0
        while k < t.endIndex, steps < 12, !t[k].isASCIIDigit, !t[k].isWhitespace {
            if let fact = Self.events.first(where: { t[k...].prefix(anyOf: $0.verbs) != nil })?.fact { return fact }
            k = t.index(after: k)
            steps += 1
        }
        return nil
    }

    /// The fact whose label ends right before `i` (合同2026年7月), skipping 日期/时间/于.
    private func labelledEvent(before i: String.Index) -> String? {
        var head = t[..<i]
        var moved = true
        while moved {
            moved = false
            if let gap = Self.labelGap.first(where: { head.hasSuffix($0) }) { head = head.dropLast(gap.count); moved = true }
        }
        return Self.eventLabels.first { $0.labels.contains { head.hasSuffix($0) } }?.fact
    }

    /// The characters a said month can start with (a quick test before `saidMonth`).
    static let dateStarts: Set<Character> = ["上", "这", "本", "半", "今", "去", "前", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]

    /// How a two-digit year is read: 23年3月买的 is 2023; 62年5月生 is 1962.
    enum TwoDigitYear {
        /// Not accepted (a bare 62年 is not a date).
        case none
        /// The latest year not after this one (an event).
        case recent
        /// 20YY only when that person would be 16 or older now (a birth).
        case birth
    }

    /// A month said at `i`: 上个月, 这个月, 去年3月, 今年3月, 2024年3月, 23年3月, N个月前, N年前, 半年前.
    func saidMonth(at i: String.Index, twoDigitYear: TwoDigitYear) -> SaidMonth? {
        guard i < t.endIndex else { return nil }
        let rest = t[i...]
        if let w = rest.prefix(anyOf: ["上个月", "上月"]) { return SaidMonth(monthsAgo: 1, range: i..<t.index(i, past: w)) }
        if let w = rest.prefix(anyOf: ["这个月", "本月"]) { return SaidMonth(monthsAgo: 0, range: i..<t.index(i, past: w)) }
        if rest.begins(with: "半年前") { return SaidMonth(monthsAgo: 6, range: i..<t.index(i, past: "半年前")) }
        for (word, yearsAgo) in [("今年", 0), ("去年", 1), ("前年", 2)] where rest.begins(with: word) {
            let monthAt = t.index(i, past: word)
            guard let (month, end) = monthNumber(at: monthAt) else {
                // 去年国庆节, 今年过年前
                guard let (said, end) = festivalMonth(at: monthAt, year: thisMonth.year - yearsAgo) else { return nil }
                return SaidMonth(monthsAgo: thisMonth.monthIndex - said.monthIndex, range: i..<end)
            }
            let ago = thisMonth.month - month + 12 * yearsAgo
            return SaidMonth(monthsAgo: ago, range: i..<end)
        }
        guard t[i].isASCIIDigit, i == t.startIndex || !t[t.index(before: i)].isASCIIDigit,
              let n = FactText.digits(in: t, at: i) else { return nil }
        return monthsAgo(n, twoDigitYear: twoDigitYear) ?? calendarMonth(n, twoDigitYear: twoDigitYear)
    }

    /// N个月前 / N月前 / N年前 / N年半前.
    private func monthsAgo(_ n: TextNumber, twoDigitYear: TwoDigitYear) -> SaidMonth? {
        let rest = t[n.range.upperBound...]
        let units: [(String, Double, Double)] = [("个月以前", 1, 0), ("个月前", 1, 0), ("月以前", 1, 0), ("月前", 1, 0),
                                                 ("年半以前", 12, 6), ("年半前", 12, 6), ("年以前", 12, 0), ("年前", 12, 0)]
        for (unit, scale, extra) in units where rest.begins(with: unit) {
            let end = t.index(n.range.upperBound, past: unit)
            return SaidMonth(monthsAgo: FactBounds.int(n.value * scale + extra), range: n.range.lowerBound..<end)
        }
        return nil
    }

    /// YYYY年M月 (or YYYY-M, YYYY.M, YYYY/M) and, as `twoDigitYear` allows, YY年M月.
    private func calendarMonth(_ n: TextNumber, twoDigitYear: TwoDigitYear) -> SaidMonth? {
        guard let date = yearAndMonth(n, twoDigitYear: twoDigitYear) else { return nil }
        let ago = thisMonth.monthIndex - date.month.monthIndex
        return SaidMonth(monthsAgo: ago, range: n.range.lowerBound..<date.end)
    }

    /// The year and month said from the digits `n` on.
    func yearAndMonth(_ n: TextNumber, twoDigitYear: TwoDigitYear) -> (month: YearMonth, end: String.Index)? {
        let digits = t.distance(from: n.range.lowerBound, to: n.range.upperBound)
        guard n.value == n.value.rounded(), digits == 4 || digits == 2, n.range.upperBound < t.endIndex else { return nil }
        let separator = t[n.range.upperBound]
        var monthAt = t.index(after: n.range.upperBound)
        // (a transcript's space between the year and the month: 1970年 6月)
        if separator == "年", monthAt < t.endIndex, t[monthAt] == " " { monthAt = t.index(after: monthAt) }
        guard var year = FactBounds.int(n.value) else { return nil }
        if digits == 2 {
            // (or a clerk's 合同26.02 — two digits, a stop, a month of two digits — right after an
            // event's label)
            let clerkDate = ".-/".contains(separator) && twoDigitYear == .recent && Self.eventLabels.contains { $0.labels.contains { t[..<n.range.lowerBound].hasSuffix($0) } }
                && t.distance(from: t.index(after: n.range.upperBound), to: t.endIndex) >= 2
                && t[t.index(after: n.range.upperBound)...].prefix(2).allSatisfy(\.isASCIIDigit)
                && (t.index(n.range.upperBound, offsetBy: 3) == t.endIndex || !t[t.index(n.range.upperBound, offsetBy: 3)].isASCIIDigit)
            guard separator == "年" || clerkDate, let full = fullYear(year, twoDigitYear) else { return nil }
            year = full
        } else {
            guard "年-./".contains(separator) else { return nil }
        }
        guard let (month, end) = monthNumber(at: monthAt, requireYue: separator == "年"),
              let said = YearMonth(year: year, month: month) else {
            // 2024年中秋节前
            return separator == "年" ? festivalMonth(at: monthAt, year: year) : nil
        }
        return (said, end)
    }

    /// 62 → 1962, 23 → 2023, as the reading asks.
    private func fullYear(_ yy: Int, _ rule: TwoDigitYear) -> Int? {
        let now = thisMonth.year
        switch rule {
        case .none: return nil
        case .recent: return 2000 + yy <= now ? 2000 + yy : 1900 + yy
        case .birth: return 2000 + yy <= now - 16 ? 2000 + yy : 1900 + yy
        }
    }

    /// A month 1–12 at `i`, with 月 after it (optional after -./); returns the month and the
    /// index after it.
    private func monthNumber(at i: String.Index, requireYue: Bool = true) -> (Int, String.Index)? {
        guard i < t.endIndex, t[i].isASCIIDigit else { return nil }
        var j = i
        var month = 0
        while j < t.endIndex, t[j].isASCIIDigit, t.distance(from: i, to: j) < 2 {
            month = month * 10 + Int(t[j].asciiValue ?? 0x30) - 0x30
            j = t.index(after: j)
        }
        guard (1...12).contains(month), j == t.endIndex || !t[j].isASCIIDigit else { return nil }
        if j < t.endIndex, t[j] == "月" { return (month, t.index(after: j)) }
        return requireYue ? nil : (month, j)
    }

    // MARK: - Birth

    /// 1968年5月 / 1968-05 / 1968.5 → "1968-05"; 62年5月 and 七五年五月 (75年5月) only where a
    /// birth is meant (asked for, or 生/出生 said), as 1962-05 / 1975-05.
    mutating func readBirth() {
        let birthSaid = expecting == "birth" || t.hasAny(["出生", "生日", "年生", "月生", "生的", "岁"])
        var i = t.startIndex
        while i < t.endIndex {
            if t[i].isASCIIDigit, i == t.startIndex || !t[t.index(before: i)].isASCIIDigit, let n = FactText.digits(in: t, at: i) {
                // (a month of the last sixteen years is no birth unless said to be one: 2026年10月
                // answers when the contract was signed)
                if !isUsed(n.range), let date = yearAndMonth(n, twoDigitYear: birthSaid ? .birth : .none),
                   birthSaid || date.month.year <= thisMonth.year - 16 {
                    take("birth", .string(date.month.description), number: n.range.lowerBound..<date.end)
                    reviseBirth(after: date.end)
                    return
                }
                i = n.range.upperBound
                continue
            }
            i = t.index(after: i)
        }
    }

    /// Words that correct a birth month said before (出生年月是抄错的，身份证上是1975年10月; 应为1975年8月，
    /// 上封写成1973年8月了).
    static let birthCorrections = ["更正", "抄错", "写错", "有误", "应为", "应该是", "说错", "记错", "不对", "身份证上是"]

    /// A later birth month after a correction word that follows the first one: the month meant —
    /// not one said to be the old one (写成1973年8月, 不是1973年8月).
    private mutating func reviseBirth(after end: String.Index) {
        guard let marker = FactText.firstRange(of: Self.birthCorrections, in: t[end...]) else { return }
        var i = marker.upperBound
        while i < t.endIndex {
            if t[i].isASCIIDigit, !t[t.index(before: i)].isASCIIDigit, let n = FactText.digits(in: t, at: i),
               let date = yearAndMonth(n, twoDigitYear: .birth),
               !t[..<n.range.lowerBound].hasSuffix(anyOf: ["写成", "不是", "写的是", "原登记"]) {
                reviseValue("birth", .string(date.month.description), number: n.range.lowerBound..<date.end)
                return
            }
            i = t.index(after: i)
        }
    }

    /// Said of a birth without its month: 我是72年的, 1972年出生, 七二年生人 (as asked for, or
    /// with 出生/生/的 after the year). Kept as `birth_year` (no rule takes it) so the
    /// assistant asks only for the month and reads "3月份" with the year.
    /// Runs before the durations and the loan term, which would take 72年 as 72 years.
    mutating func readBirthYear() {
        var i = t.startIndex
        while i < t.endIndex {
            guard t[i].isASCIIDigit, i == t.startIndex || !t[t.index(before: i)].isASCIIDigit, let n = FactText.digits(in: t, at: i) else {
                i = t.index(after: i)
                continue
            }
            i = n.range.upperBound
            let digits = t.distance(from: n.range.lowerBound, to: n.range.upperBound)
            guard !isUsed(n.range), digits == 2 || digits == 4, FactText.character(at: n.range.upperBound, in: t) == "年",
                  let yy = FactBounds.int(n.value) else { continue }
            let after = t[t.index(after: n.range.upperBound)...]
            // 72年的 only as the end of what is said of oneself (我是72年的, 72年的男的), never
            // a duration (交了10年的公积金).
            let endsWithDe = after.begins(with: "的") && (after.count == 1 || "男女人 我".contains(after[after.index(after: after.startIndex)]))
            let before = n.range.lowerBound > t.startIndex ? t[t.index(before: n.range.lowerBound)] : " "
            let isDe = endsWithDe && !"了交缴贷满".contains(before) || before == "是" && after.begins(with: "的")
            guard !(after.first?.isASCIIDigit ?? false),
                  expecting == "birth" || after.prefix(anyOf: ["出生", "生人", "生的", "年生", "属"]) != nil || isDe else { continue }
            let year = digits == 2 ? fullYear(yy, .birth) : yy
            guard let year, (1930...thisMonth.year - 16).contains(year) else { continue }
            take("birth_year", .int(year), number: n.range.lowerBound..<t.index(after: n.range.upperBound))
            readBirthMonth(year: year, after: n.range.upperBound)
            return
        }
    }

    /// Words that make a month said after the birth year that birth's: 我74年属虎的，10月份生日.
    static let birthdayAfterMonth = ["份生日", "生日", "份的生日", "份出生", "出生", "份生的", "生的", "的生日"]

    /// The birth month said apart from its year (…10月份生日, …生日是10月), with the year.
    private mutating func readBirthMonth(year: Int, after i: String.Index) {
        guard !has("birth") else { return }
        var at = i
        while let n = FactText.firstNumber(in: t, from: at) {
            at = n.range.upperBound
            guard FactText.character(at: n.range.upperBound, in: t) == "月", let m = FactBounds.int(n.value), (1...12).contains(m),
                  !isUsed(n.range) else { continue }
            let rest = t[t.index(after: n.range.upperBound)...]
            let lead = t[..<n.range.lowerBound].suffix(4)
            guard rest.prefix(anyOf: Self.birthdayAfterMonth) != nil || lead.hasSuffix(anyOf: ["生日是", "生日在", "生日"]),
                  let said = YearMonth(year: year, month: m) else { continue }
            take("birth", .string(said.description), number: n.range)
            return
        }
    }

    /// A month alone, 1–12 followed by 月 (3月, 3月份): the month of a birth whose year was said.
    static func monthAlone(in t: String) -> Int? {
        guard let n = FactText.firstNumber(in: t, from: t.startIndex), FactText.firstNumber(in: t, from: n.range.upperBound) == nil,
              FactText.character(at: n.range.upperBound, in: t) == "月", let m = FactBounds.int(n.value), (1...12).contains(m) else { return nil }
        return m
    }
}
