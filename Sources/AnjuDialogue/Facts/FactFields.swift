import AnjuJSON

/// Counter clerks' field lists: 缴存月数29；住房=0；婚姻：未婚；逾期=无；合同签订2025年9月.
///
/// The normaliser drops the separators (`=`, `；`, `/`), so a field is its name followed at
/// once by its value: `缴存月数 40 余额 61000`. Each field name reads one fact in one form
/// (months, a sum, a count, a yes/no, a marital status, a month said); the value must follow
/// the name and, for words (无, 未婚), end where the next field or the text ends, so a
/// sentence such as 逾期有影响吗 is not a field. These readings run before the phrasing
/// readers, and the first reading of a fact wins.
extension FactScan {
    /// How a field's value is read.
    enum FieldValue {
        /// 29, 29个月, 29月, 2年, 2年5个月.
        case months
        /// A sum, times `perYear` (月租 4500 → 54000 a year).
        case money(perYear: Double)
        /// 1, 1套, 2次, 无 → 0.
        case count
        /// 22, 22年.
        case years
        /// 无/没有/否/未 → false, 有/是 → true (a count above 0 → true).
        case flag
        /// 无/没有/否/未 → false, 有/是 → true; a number is no answer (公积金贷款 30万 is a sum).
        case flagWord
        /// 已婚/未婚/离异/单身/丧偶.
        case marital
        /// A month said (2025年9月, 去年3月): the months since.
        case monthsSince
        /// A number of monthly instalments: 180, 180期, 180个月.
        case instalments
    }

    /// Field names, the fact each reads and how. Longer names are tried first, so
    /// 共借人月收入 is never read as 月收入.
    static let fields: [(names: [String], fact: String, value: FieldValue)] = [
        (["连续缴存月数", "缴存月数", "连续缴存时长", "缴存时长", "连续缴存时间", "缴存时间", "连续缴存", "缴存", "连缴月数", "连缴"], "continuous_months", .months),
        (["本市住房套数", "名下住房套数", "住房套数", "房产套数", "本市住房", "名下住房", "住房情况", "住房", "房产", "本市房产", "本市房", "名下房"], "homes_owned", .count),
        (["子女个数", "子女数", "子女人数", "子女", "孩子个数", "孩子数"], "children", .count),
        (["共同借款人余额", "共借人余额", "配偶余额", "配偶账户余额", "共借余额", "共借人公积金余额"], "co_borrower_balance", .money(perYear: 1)),
        (["共同借款人月收入", "共借人月收入", "配偶月收入", "共借人收入", "配偶收入", "共借月入", "共借收入", "共借人月入", "配偶月入"], "co_borrower_income", .money(perYear: 1)),
        (["贷款期限", "贷款年限", "还款期限", "期限", "年限"], "term_years", .years),
        (["贷款本金", "本金", "贷款额", "贷款金额", "借款金额", "借款额"], "principal", .money(perYear: 1)),
        // A clerk's shorthand: P=35w n=180期 (the normaliser lowercases P); bal=5.6w inc=9.5k kids=2.
        (["p"], "principal", .money(perYear: 1)),
        (["balance", "bal"], "balance", .money(perYear: 1)),
        (["income", "inc"], "monthly_income", .money(perYear: 1)),
        (["kids"], "children", .count),
        (["还款期数", "贷款期数", "期数", "n"], "term_months", .instalments),
        (["婚姻状况", "婚姻状态", "婚姻", "婚否"], "married", .marital),
        (["季租金", "季度租金", "每季租金", "季租"], "annual_rent", .money(perYear: 4)),
        (["半年租金", "半年房租", "半年租"], "annual_rent", .money(perYear: 2)),
        (["月租金", "月房租", "每月租金", "月租"], "annual_rent", .money(perYear: 12)),
        (["年租金", "年房租", "年租"], "annual_rent", .money(perYear: 1)),
        (["有无逾期", "逾期情况", "逾期记录", "逾期"], "overdue", .flag),
        (["未结清公积金贷款", "未结清贷款", "有无未结清贷款", "在途公积金贷款", "在途公贷", "在途贷款", "在贷公积金", "在贷"], "outstanding_loan", .flag),
        // (a clerk's column 公积金贷款 | 无: none to repay)
        (["公积金贷款", "公贷"], "outstanding_loan", .flagWord),
        (["已用公积金贷款", "公积金贷款次数", "使用公积金贷款", "已贷次数", "贷款次数", "已用公贷", "公贷次数"], "loans_used", .count),
        (["月还款额", "月还款", "每月还款", "本期应还款", "本期应还", "每期应还款", "每期应还"], "annual_repayment", .money(perYear: 12)),
        (["年还款额", "年还款"], "annual_repayment", .money(perYear: 1)),
        (["合同签订时间", "合同签订日期", "合同签订月份", "合同签订", "签订合同", "网签时间", "网签日期", "网签月份", "购房时间", "购房月份", "签约时间",
          "签约月份", "网签", "买房时间", "购房日期"], "months_since_purchase", .monthsSince),
        (["缴存基数", "公积金基数", "基数"], "deposit_base", .money(perYear: 1)),
        (["封存时间", "封存日期", "封存月份", "离职时间", "离职日期", "离职月份", "封存起始月份", "封存起始时间", "封存起始日期", "封存起始", "封存开始",
          "封存起", "封存自"], "sealed_months", .monthsSince),
        (["已封存月数", "封存月数", "封存时长", "封存期", "离职月数"], "sealed_months", .months),
    ]

    /// Whether a Latin letter touches `r` on either side.
    static func latinAround(_ r: Range<String.Index>, in t: String) -> Bool {
        let before = r.lowerBound > t.startIndex ? t[t.index(before: r.lowerBound)] : " "
        let after = r.upperBound < t.endIndex ? t[r.upperBound] : " "
        return (before.isASCII && before.isLetter) || (after.isASCII && after.isLetter && !t[r.upperBound...].hasPrefix("mo"))
    }

    /// Every field name, longest first, with the index of its row in `fields`.
    static let fieldNames: [(name: String, row: Int)] =
        fields.enumerated().flatMap { row, f in f.names.map { ($0, row) } }.sorted { $0.name.count > $1.name.count }

    /// Words between a field name and its value (the separators are already gone).
    static let fieldGap = [" ", "为", "是", "：", ":", "=", "应为", "应该是", "改为", "改成", "更正为", "mo", "按",
                           // (a review's record: 逾期情况 系统显示无、客户自述无; 封存起始 系统显示2026-04)
                           "系统显示", "显示"]

    /// A clerk's table with a column for the applicant and one for the spouse (|项目|主贷人|配偶|
    /// … |余额|2.4万元|1.9万元|): the header names both, in that order.
    static let twoColumnHeaders = [("主贷", ["配偶", "共借", "共同借款"]), ("申请人", ["配偶", "共借", "共同借款"]), ("本人", ["配偶", "共借"])]
    /// Rows of such a table: the applicant's fact and the spouse's.
    static let twoColumnRows: [(names: [String], mine: String, spouse: String)] = [
        (["账户余额", "公积金余额", "余额", "bal"], "balance", "co_borrower_balance"),
        (["税前月收入", "月收入", "月入", "收入", "inc"], "monthly_income", "co_borrower_income"),
    ]

    /// The two sums of each row of a two-column table, when its header names both people.
    mutating func readTwoColumns() {
        guard Self.twoColumnHeaders.contains(where: { head, others in
            // (byte searches: Foundation's range(of:) on every turn would cost more than the rest)
            guard t.has(head), let h = t.occurrences(of: head).first else { return false }
            let window = String(t[h.upperBound...].prefix(12))
            return others.contains { window.has($0) }
        }) else { return }
        for row in Self.twoColumnRows {
            for name in row.names {
                guard let r = t.occurrences(of: name).first, !isUsed(r) else { continue }
                let at = FactText.skip(Self.fieldGap, in: t, from: r.upperBound)
                guard let mine = FactText.number(in: t, at: at), !isUsed(mine.range), !isCount(mine) else { break }
                take(row.mine, .double(mine.value), number: mine.range)
                let next = FactText.skip(Self.fieldGap + ["元", "块"], in: t, from: mine.range.upperBound)
                if let theirs = FactText.number(in: t, at: next), !isUsed(theirs.range), !isCount(theirs) {
                    take(row.spouse, .double(theirs.value), number: theirs.range)
                }
                break
            }
        }
    }

    /// Names a header row may hold besides the field names (the sums the money readers find
    /// by their own words elsewhere).
    static let headerNames: [(name: String, fact: String, value: FieldValue)] =
        ([(["账户余额", "余额"], "balance"), (["税前月收入", "月收入", "月入"], "monthly_income"), (["房屋总价", "总价", "房价"], "price")]
            .flatMap { names, fact in names.map { ($0, fact, FieldValue.money(perYear: 1)) } }
         + fieldNames.map { ($0.name, fields[$0.row].fact, fields[$0.row].value) })
        .sorted { $0.name.count > $1.name.count }

    /// A header row of three or more field names written together, and the row of numbers
    /// after it, in the same order (表头：连缴月数,余额,月收入,本市住房；数据行：45,61200,13800,0):
    /// each number is read as its column's field.
    mutating func readHeaderAndRow() {
        // (only a text with a row of three numbers apart is looked at for a header)
        guard Self.hasNumberRow(t, length: 3) else { return }
        var i = t.startIndex
        while i < t.endIndex {
            var columns: [(fact: String, value: FieldValue)] = []
            var j = i
            while j < t.endIndex, let h = Self.headerNames.first(where: { t[j...].hasPrefix($0.name) }) {
                columns.append((h.fact, h.value))
                j = t.index(j, offsetBy: h.name.count)
                if j < t.endIndex, t[j] == " " { j = t.index(after: j) }
            }
            guard columns.count >= 3 else { i = t.index(after: i); continue }
            // The numbers: the first run of as many numbers as columns, spaces between.
            var k = j
            while k < t.endIndex, !t[k].isASCIIDigit { k = t.index(after: k) }
            var starts: [String.Index] = []
            var at = k
            while starts.count < columns.count, let n = FactText.number(in: t, at: at) {
                starts.append(at)
                at = FactText.skip(["个月", "月", "套", "个", "元", "万元", " "], in: t, from: n.range.upperBound)
            }
            guard starts.count == columns.count else { return }
            for (column, start) in zip(columns, starts) where !has(column.fact) {
                readField(column.fact, column.value, at: start)
            }
            return
        }
    }

    /// Whether `t` holds `length` numbers in a row with only spaces between (45 61200 13800).
    static func hasNumberRow(_ t: String, length: Int) -> Bool {
        var run = 0, inNumber = false, spacesOnly = false
        for b in t.utf8 {
            if (b >= 0x30 && b <= 0x39) || (inNumber && b == 0x2E) {
                if !inNumber {
                    run = spacesOnly ? run + 1 : 1
                    inNumber = true
                    if run >= length { return true }
                }
            } else if b == 0x20 {
                if inNumber { spacesOnly = true }
                inNumber = false
            } else {
                inNumber = false
                spacesOnly = false
            }
        }
        return false
    }

    /// Reads every field of a list.
    mutating func readFields() {
        readTwoColumns()
        readHeaderAndRow()
        var names: [Range<String.Index>] = []
        for (name, row) in Self.fieldNames {
            for r in t.occurrences(of: name) where !names.contains(where: { $0.overlaps(r) }) {
                names.append(r)
                // A Latin name (p, n, bal) stands alone: not the p of app, the bal of global.
                if name.first?.isASCII == true, Self.latinAround(r, in: t) { continue }
                // 等额本金 is a way of repaying, not the principal.
                if name == "本金", t[..<r.lowerBound].hasSuffix("等额") { continue }
                let field = Self.fields[row]
                // 无逾期 6. 拟贷…: a yes-or-no field denied before its name is said, not a field
                // whose value follows (the next item's number).
                if case .flag = field.value, t[..<r.lowerBound].hasSuffix(anyOf: ["无", "没有", "未", "不", "没"]) { continue }
                guard !has(field.fact) else { continue }
                readField(field.fact, field.value, at: FactText.skip(Self.fieldGap, in: t, from: r.upperBound))
            }
        }
    }

    /// Whether a field's word value ends at `i`: the text ends, a space, a digit or another
    /// field's name follows.
    private func endsField(at i: String.Index) -> Bool {
        guard i < t.endIndex else { return true }
        if t[i] == " " || t[i].isASCIIDigit { return true }
        let rest = t[i...]
        return Self.fieldNames.contains { rest.begins(with: $0.name) } || rest.prefix(anyOf: ["余额", "账户余额", "账户", "月收入", "总价", "房价", "认定", "已婚", "未婚", "首套", "2套", "等额",
                                                                         "月还", "月供", "贷种", "贷款", "类型"]) != nil
    }

    /// A yes/no field's words (an export's N/Y too, as whole words: the normaliser lowercases).
    static let noWords = ["无", "没有", "否", "未", "no", "n"]
    static let yesWords = ["有", "是", "yes", "y"]

    /// The word at `i` among `words` that ends the field, if any.
    private func fieldWord(_ words: [String], at i: String.Index) -> String? {
        guard i < t.endIndex, let w = t[i...].prefix(anyOf: words), endsField(at: t.index(i, past: w)) else { return nil }
        return w
    }

    private mutating func readField(_ fact: String, _ kind: FieldValue, at i: String.Index) {
        switch kind {
        case .months:
            guard let n = FactText.number(in: t, at: i), !isUsed(n.range) else { return }
            let rest = t[n.range.upperBound...]
            // A clerk's 4y2m: 4 years and 2 months.
            if rest.begins(with: "y") {
                var months = n.value * 12
                var end = t.index(after: n.range.upperBound)
                if let m = FactText.number(in: t, at: end), t[m.range.upperBound...].begins(with: "m") {
                    months += m.value
                    end = t.index(after: m.range.upperBound)
                }
                take(fact, count: months, number: n.range.lowerBound..<end)
            } else if rest.begins(with: "年") {
                var months = n.value * 12
                var end = t.index(n.range.upperBound, offsetBy: 1)
                if let m = FactText.number(in: t, at: FactText.skip(["零"], in: t, from: end)), t[m.range.upperBound...].prefix(anyOf: ["个月", "月"]) != nil {
                    months += m.value
                    end = m.range.upperBound
                }
                take(fact, count: months, number: n.range.lowerBound..<end)
            } else if rest.prefix(anyOf: ["个月", "月", "mo"]) != nil || endsField(at: n.range.upperBound) {
                take(fact, count: n.value, number: n.range)
            }
        case .money(let perYear):
            guard let n = FactText.number(in: t, at: i), !isUsed(n.range), !isCount(n) else { return }
            take(fact, .double(n.value * perYear), number: n.range)
            if fact == "principal" { take("loan_amount", .double(n.value)) }
            // (a clerk's 缴存基数 is also the income a loan is worked out on)
            if fact == "deposit_base" { take("monthly_income", .double(n.value)) }
        case .count:
            let said = FactText.number(in: t, at: i)
            if fieldWord(["无", "没有", "0"], at: i) != nil, said.map({ $0.value == 0 }) ?? true {
                take(fact, .int(0), number: said?.range)
                return
            }
            guard let n = said, !isUsed(n.range) else { return }
            let after = FactText.skip(["套", "个", "次", "人", "笔", "处"], in: t, from: n.range.upperBound)
            // (a count with its unit is one whatever follows: 本市房产0套公贷未用过)
            guard after != n.range.upperBound || endsField(at: after) || t[after...].prefix(anyOf: ["均", "都", "已"]) != nil else { return }
            take(fact, count: n.value, number: n.range)
        case .years:
            guard let n = FactText.number(in: t, at: i), !isUsed(n.range) else { return }
            let after = FactText.skip(["年"], in: t, from: n.range.upperBound)
            guard endsField(at: after) else { return }
            take(fact, count: n.value, number: n.range)
        case .flag:
            if fieldWord(Self.noWords + ["不"], at: i) != nil { take(fact, .bool(false)) }
            else if fieldWord(Self.yesWords, at: i) != nil { take(fact, .bool(true)) }
            else if let n = FactText.number(in: t, at: i), !isUsed(n.range) {
                let after = FactText.skip(["次", "笔", "个月", "期"], in: t, from: n.range.upperBound)
                if endsField(at: after) { take(fact, .bool(n.value > 0), number: n.range) }
            }
        case .flagWord:
            if fieldWord(Self.noWords, at: i) != nil { take(fact, .bool(false)) }
            else if fieldWord(Self.yesWords, at: i) != nil { take(fact, .bool(true)) }
        case .marital:
            if fieldWord(["已婚"], at: i) != nil { take(fact, .bool(true)) }
            else if fieldWord(["未婚", "离异", "单身", "丧偶", "离婚"], at: i) != nil { take(fact, .bool(false)) }
        case .instalments:
            guard let n = FactText.number(in: t, at: i), !isUsed(n.range) else { return }
            // (n=14年: the term in years, written where the instalments go)
            if t[n.range.upperBound...].begins(with: "年") {
                let after = t.index(after: n.range.upperBound)
                guard endsField(at: after) else { return }
                take("term_years", count: n.value, number: n.range)
                return
            }
            let after = FactText.skip(["期", "个月", "月", "mo"], in: t, from: n.range.upperBound)
            guard endsField(at: after) else { return }
            take(fact, count: n.value, number: n.range)
        case .monthsSince:
            guard let said = saidMonth(at: i, twoDigitYear: .recent), !isUsed(said.range) else { return }
            take(fact, said.monthsAgo.map(JSONValue.int), number: said.range)
        }
    }
}
