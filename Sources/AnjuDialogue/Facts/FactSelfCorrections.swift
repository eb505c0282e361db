import Foundation

/// A sum corrected within the message that says it: "贷三十万不对不对是二十三万", a clerk's
/// "余额4.1万 … 备注：余额栏是上月对账数，补缴后实为4.7万", and a sum started without its unit and
/// said again whole ("余额是三点一 嗯 三点一万"). The readers take the first reading of a fact;
/// this pass, run after them, puts the corrected value in its place, so the figure computed
/// is the one the speaker settled on.
extension FactScan {
    /// Words after which a speaker gives the value meant instead of the one just said.
    static let selfCorrectionMarkers = ["不对不对", "不对", "说错了", "说错", "讲错了", "错了", "说反了", "讲反了", "实为", "实际为", "实际是", "其实是", "更正为",
                                        "应为", "应该是", "改为", "改成",
                                        // (a review's figure checked again: 原登记2.1万元，现核实为3.4万元)
                                        "现核实为", "现核实的", "现核实是", "现核实", "核实为", "核实是", "复核为",
                                        // (随后改口称银行审批下来实际只有38万)
                                        "改口称", "改口说", "改口",
                                        // (以系统今天显示为准是1.96万)
                                        "为准是", "为准",
                                        // (十五年不算数 银行那边定的是十七年)
                                        "不算数"]
    /// Words between a marker and the value meant.
    static let beforeMeantValue = ["不对", "应该", "是", "为", "是按", "按", "了", " "]
    /// The words naming each sum, by which a note far from the first value says which it corrects.
    static let sumNames: [(fact: String, words: [String])] = [
        ("balance", ["余额"]), ("monthly_income", ["收入", "工资", "月薪"]), ("price", ["总价", "房价", "成交价"]),
        ("principal", ["贷款", "贷"]),
        // (the spouse's, corrected right after it: 配偶余额原登记1.2万元，现核实为1.6万元)
        ("co_borrower_balance", ["余额"]), ("co_borrower_income", ["收入", "工资"]),
    ]
    /// How far (characters) after the first value a correction may stand without naming the sum.
    static let nearCorrection = 8

    /// Words that give a count made exact after a rough one (五年多 准确点是64个月).
    static let exactlyWords = ["准确点是", "准确地说是", "准确说是", "准确点", "准确是", "确切地说是", "确切是", "具体是", "具体点是", "精确点是", "准确来说是"]

    /// A count of months said roughly, then exactly (交了五年多，准确点是64个月): the exact one.
    mutating func reviseRoughMonths() {
        guard let marker = FactText.firstRange(of: Self.exactlyWords, in: t[...]) else { return }
        for fact in ["continuous_months", "sealed_months", "months_since_purchase"] {
            guard let first = numberOf[fact], first.upperBound <= marker.lowerBound else { continue }
            let at = FactText.skip(["是", " ", "：", ":"], in: t, from: marker.upperBound)
            guard let d = duration(at: at), !isUsed(d.range), let months = FactBounds.int(d.months) else { continue }
            reviseCount(fact, months, number: d.range)
            return
        }
    }

    /// The words naming each count of months, by which a correction far from it says which.
    static let monthNames: [(fact: String, words: [String])] = [
        ("continuous_months", ["缴存", "连续", "月数", "交了"]), ("sealed_months", ["封存"]),
    ]

    /// A count of months corrected later in the message (连续缴存月数有误…应为14个月，不是4个月):
    /// the first duration meant after a correction of it.
    mutating func reviseCorrectedMonths() {
        for (fact, words) in Self.monthNames {
            guard let first = numberOf[fact] else { continue }
            for at in meantValueStarts(after: first, names: words) {
                guard let d = duration(at: at), !isUsed(d.range), let months = FactBounds.int(d.months) else { continue }
                reviseCount(fact, months, number: d.range)
                return
            }
        }
    }

    /// A loan term corrected within the message (二十年 我说错的 是二十五年, 十五年不算数…是十七年):
    /// the first years meant after a correction of it.
    mutating func reviseCorrectedTerm() {
        guard let first = numberOf["term_years"] else { return }
        for at in meantValueStarts(after: first, names: ["期限", "年限", "年数"]) {
            guard let n = FactText.number(in: t, at: at), !isUsed(n.range), t[n.range.upperBound...].begins(with: "年"),
                  let years = FactBounds.int(n.value), (1...30).contains(years) else { continue }
            reviseCount("term_years", years, number: n.range)
            return
        }
    }

    /// Applies every correction within the message to the sums read.
    mutating func reviseSelfCorrections() {
        reviseRoughMonths()
        reviseCorrectedMonths()
        reviseCorrectedTerm()
        for (fact, words) in Self.sumNames {
            guard let first = numberOf[fact], let value = found[fact]??.doubleValue else { continue }
            if let settled = settledLater(after: first, value) {
                revise(fact, settled.value, number: settled.range)
                continue
            }
            if let (meant, number) = correctedLater(after: first, names: words, fact: fact), meant != value {
                revise(fact, meant, number: number)
                continue
            }
            // 总价我说错了 120万是中介开始报的价 后来谈下来是105万: a correction said before the sum,
            // then another sum of its size no other fact took — the last is the value meant.
            // (not when the marker stands right before the sum, which is then the value meant:
            // 媳妇的余额应该是一万五，我把她的看成两万五了)
            if String(t[..<first.lowerBound]).hasAny(Self.selfCorrectionMarkers),
               !t[..<first.lowerBound].hasSuffix(anyOf: Self.selfCorrectionMarkers),
               let meant = lastNumber(after: first.upperBound, where: { $0 >= 1_000 && $0 != value && $0 / value < 3 && value / $0 < 3 }) {
                revise(fact, meant.value, number: meant.range)
                continue
            }
            // 九万出头 就是九万零四百, 两千来块 就是两千一百五: a round figure said roughly, then
            // exactly — the exact one is the value meant.
            if let exact = exactAfterRough(first, value) ?? exactAfterMarker(first, value) {
                revise(fact, exact.value, number: exact.range)
                continue
            }
            // 3.1 then 3.1万: a sum under a hundred said again with its 万 is that sum.
            if let whole = FactText.numbers(in: t, from: first.upperBound).first(where: { Self.isSaidAgainWhole(value, $0.value) }) {
                revise(fact, whole.value, number: whole.range)
            }
        }
    }

    /// The value after a correction marker that follows `first` (the latest: 不对 … 不对是二十三万),
    /// and its number.
    private func correctedLater(after first: Range<String.Index>, names: [String], fact: String) -> (Double, Range<String.Index>)? {
        meantValueStarts(after: first, names: names)
            .compactMap { at in FactText.number(in: t, at: at).flatMap { n in n.value >= 1_000 && isFree(n.range, for: fact) ? n : nil } }
            .last.map { ($0.value, $0.range) }
    }

    /// Where the value meant begins after each correction marker that follows `first` — right
    /// after it with no other number between (余额3万 月收入8000不对… corrects the income), or
    /// further on when the words between name the fact again with no number after the name
    /// (…0套 备注余额栏是上月对账数 补缴后实为47000) —, past the words and a short excuse before
    /// the value, in the order said.
    private func meantValueStarts(after first: Range<String.Index>, names: [String]) -> [String.Index] {
        var starts: [String.Index] = []
        for marker in Self.selfCorrectionMarkers {
            for r in t.occurrences(of: marker) where r.lowerBound >= first.upperBound {
                let between = t[first.upperBound..<r.lowerBound]
                let near = between.count <= Self.nearCorrection && !between.contains(where: \.isASCIIDigit)
                let named = names.contains { name in
                    guard let last = between.ranges(of: name).last else { return false }
                    return !between[last.upperBound...].contains(where: \.isASCIIDigit)
                }
                guard near || named else { continue }
                var at = FactText.skip(Self.beforeMeantValue, in: t, from: r.upperBound)
                if at < t.endIndex, !t[at].isASCIIDigit, let said = meantAfterExcuse(from: at) { at = said }
                if at < t.endIndex, t[at].isASCIIDigit, !starts.contains(at) { starts.append(at) }
            }
        }
        return starts.sorted()
    }

    /// The value after a short excuse between the marker and it, which ends in 是 or 为
    /// (五万七不对不对额把存折看岔了是三万七), or in 四 left alone by the normaliser: 是 in an
    /// accent that says sh as s (不对 俺记差了 四 三万四): where its number starts.
    private func meantAfterExcuse(from start: String.Index) -> String.Index? {
        guard let digit = t[start...].prefix(Self.excuseLength + 1).firstIndex(where: \.isASCIIDigit) else { return nil }
        let excuse = t[start..<digit].trimmingCharacters(in: .whitespaces)
        return excuse.hasSuffix("是") || excuse.hasSuffix("为") || excuse.hasSuffix("四") || excuse.hasSuffix("只有") || excuse.hasSuffix("才") ? digit : nil
    }

    /// The sum a speaker settles on with 以…为准 (以38万为准), after `first` and not it.
    private func settledLater(after first: Range<String.Index>, _ value: Double) -> TextNumber? {
        for r in t.occurrences(of: "以") where r.lowerBound >= first.upperBound {
            guard r.upperBound < t.endIndex, t[r.upperBound].isASCIIDigit, let n = FactText.number(in: t, at: r.upperBound),
                  t[n.range.upperBound...].prefix(anyOf: ["元为准", "为准"]) != nil, n.value != value, n.value >= 1_000 else { continue }
            return n
        }
        return nil
    }

    /// Words that make a sum rough (九万出头, 两千来块, 五千左右), and what may stand between it
    /// and the exact figure that follows.
    static let roughWords = ["出头", "挂零", "来块", "来", "多块", "多", "左右", "上下", "的样子", "块"]
    static let beforeExact = [" ", "就是", "准确", "具体", "是", "说", "讲", "应该", "的话", "其实", "确切", "嗯", "哦", "呃"]

    /// The exact sum said right after `first`, a rough one: of the same size (within a half)
    /// and not already taken for another fact.
    private func exactAfterRough(_ first: Range<String.Index>, _ value: Double) -> TextNumber? {
        var at = first.upperBound
        guard let rough = Self.roughWords.first(where: { t[at...].hasPrefix($0) }) else { return nil }
        at = t.index(at, offsetBy: rough.count)
        if t[at...].hasPrefix("块") { at = t.index(after: at) }
        at = FactText.skip(Self.beforeExact, in: t, from: at)
        // (or after a short pause to look it up: 三万出头吧 等我看一下单子 哦 是三万四千五)
        if at < t.endIndex, !t[at].isASCIIDigit, let said = meantAfterExcuse(from: at) { at = said }
        guard at < t.endIndex, t[at].isASCIIDigit, let n = FactText.number(in: t, at: at), !isUsed(n.range),
              n.value != value, n.value >= value * 0.5, n.value <= value * 1.5 else { return nil }
        return n
    }

    /// Words after a sum that give it exactly, or as a screen shows it (余额小五万，app上准确是4.7w;
    /// 余额小十万，app显示9.3w).
    static let exactSumWords = exactlyWords + ["准确的是", "精确是", "显示的是", "显示是", "显示", "查了是", "一查是", "查出来是"]

    /// How far (characters) after a sum its exact figure's marker may stand.
    static let exactMarkerReach = 10

    /// The sum given exactly after `first` (a marker of exactness within a few characters, no
    /// number between): of the same size (within a half) and not already taken.
    private func exactAfterMarker(_ first: Range<String.Index>, _ value: Double) -> TextNumber? {
        guard let marker = FactText.firstRange(of: Self.exactSumWords, in: t[first.upperBound...]) else { return nil }
        let between = t[first.upperBound..<marker.lowerBound]
        guard between.count <= Self.exactMarkerReach, !between.contains(where: \.isASCIIDigit) else { return nil }
        let at = FactText.skip(Self.beforeExact + ["：", ":"], in: t, from: marker.upperBound)
        guard at < t.endIndex, t[at].isASCIIDigit, let n = FactText.number(in: t, at: at), !isUsed(n.range),
              n.value != value, n.value >= value * 0.5, n.value <= value * 1.5 else { return nil }
        return n
    }

    /// Words that point back at a value said before (刚才的38万): it is the one corrected.
    static let earlierValueWords = ["刚才的", "刚才说的", "刚才", "之前的", "之前说的", "原来的", "前面的", "先前的", "上次的",
                                    "原登记的", "原登记为", "原登记", "原来登记的"]

    /// Words after a sum that say it is an old figure (2.7w是去年的, 9000那是头年的老数).
    static let oldValueAfter = ["是去年的", "是以前的", "是之前的", "是上个月的", "是上月的", "是旧的", "是老的", "那是", "是头年的", "是上半年的"]

    /// How long (characters) an excuse between a correction and the value meant may be.
    static let excuseLength = 12

    /// The last number after `start`, not taken for another fact nor denied (应该是56000不是36000),
    /// whose value satisfies `accepts`.
    private func lastNumber(after start: String.Index, where accepts: (Double) -> Bool) -> TextNumber? {
        FactText.numbers(in: t, from: start).last(where: { n in
            let before = Substring(t[..<n.range.lowerBound].trimmingCharacters(in: .whitespaces))
            // (nor the old value pointed back at: 本金应为35万 刚才的38万是连车位一起报的)
            // (nor one said to be old: 2.7w是去年的)
            return accepts(n.value) && !isUsed(n.range) && !before.hasSuffix("不是") && !before.hasSuffix(anyOf: Self.earlierValueWords)
                && t[n.range.upperBound...].prefix(anyOf: Self.oldValueAfter) == nil
        })
    }

    /// Whether `whole` is `partial` said again with its 万 (3.1, then 3.1万 = 31000): a sum
    /// under a hundred started without its unit.
    static func isSaidAgainWhole(_ partial: Double, _ whole: Double) -> Bool {
        partial < 100 && abs(whole - partial * 10_000) < 0.5
    }
}
