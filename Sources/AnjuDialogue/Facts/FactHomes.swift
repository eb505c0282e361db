import AnjuJSON

/// Homes owned in this city, as people say it in the normalised text, where the synonym
/// table has already rewritten 一套房/第一套 → 首套 and 两套房/二套/第二套 → 2套.
///
/// | said | normalised | homes owned |
/// | --- | --- | --- |
/// | 没房, 无房, 首套 | 没房, 无房, 首套 | 0 |
/// | 名下有一套房 | 名下有首套 | 1 |
/// | 已经有一套住房了 | 已经有1套住房了 | 1 |
/// | 二套, 第二套, 买二套 (buying a second) | 2套 | 1 |
/// | 有两套, 家里有两套房, 名下两套, 两套 | 有2套, 名下2套, 2套 | 2 (told from 二套 by the raw text) |
/// | 第三套 | 第3套 | 2 |
/// | 有三套 | 有3套 | 3 |
/// | 三套房 (owns three, or buying a third?) | 3套房 | not guessed |
/// | 三套 (answering "已经有几套住房") | 3套 | 3 |
/// | 老家有套房, 在外地有套房 | — | 0 (another city) |
extension FactScan {
    static let noHome = ["没房", "无房", "没有房", "本市住房无", "住房无", "住房情况无", "房产无", "没有住房", "无住房", "名下没有", "无自有住房", "暂无自有", "暂无住房", "暂无房", "无自有房", "没买过房", "没有买房", "还没买房", "没买房",
                         "1套都没有", "1套也没有", "1套房都没有", "1套房也没有", "1套都没", "1套也没",
                         "1套房产都没有", "1套房产也没有", "1套房子都没有", "1套住房都没有", "1套房产都没",
                         "什么房都没有", "什么房子都没有", "啥房都没有", "房子都没有", "没有任何房",
                         "没有自己的房", "没自己的房", "没有自己房", "没有属于自己的房",
                         "没置下", "没置办", "没置房", "没买下房", "没买上房", "还没置业", "没有置业", "没置业", "没置过业", "没买过房子",
                         "1处房产都没有", "1处房产也没有", "1处房子都没有", "1处住房都没有", "1处房都没有", "1处也没有", "1处都没有",
                         "一处房产都没有", "一处房产也没有", "一处房子都没有", "一处住房都没有", "一处房都没有", "一处也没有", "一处都没有",
                         // (the verb last, as learners of Chinese say it: 本市房子没有的, 房子1个也没有)
                         "房子没有", "房子1个也没有", "房子1个都没有", "住房没有",
                         // (a form's question answered no: 本市是否已有住房？否)
                         "有住房否", "有房否", "有房产否"]
    /// Places that are not this city: homes there do not count.
    static let elsewhere = ["老家", "外地", "外省", "外市", "别的城市", "其他城市", "异地", "家乡", "农村", "乡下", "省外", "市外"]
    /// Places that are this city.
    static let here = ["本市", "本地", "这边", "这里", "市里", "当地"]
    /// Words of buying a home: 买二套 is the second home bought, not two owned.
    static let buyingWords = ["买", "购", "第"]
    /// Words before a count of homes owned: 有2套, 名下有首套, 有了2套, 名下2套, 家里2套房,
    /// 卖了1套现在只剩1套.
    static let ownLeads = ["有了", "有", "名下", "家里", "家中", "手上", "手里", "已经", "已", "一共", "总共", "共", "本市住房", "住房", "买过", "本市房", "名下房", "自住", "自己住", "就",
                            "只剩", "还剩", "剩下", "就剩", "剩", "仅余", "只余", "还余", "剩余", "住的", "住着的", "还挂着", "挂着"]

    /// A statement about homes: its value (nil: not to be guessed) and where it is said.
    private struct HomeStatement {
        let homes: Int??
        let at: String.Index
    }

    /// The first statement about homes in this city; 0 when homes are said only elsewhere.
    mutating func readHomes() {
        // A home sold (卖掉了, 过户给买家了) with nothing said to be left: none now.
        // (not one only planned: 想把房卖了再买)
        // (not when the home sold is another one: 就1套 另1套早就卖掉了)
        // (nor one handed to the person asked about, who then owns it: 老两口把住的这套过户给他
        // 他名下就有1套了 — a count owned said after it stands)
        // (过户给我: a home handed to the speaker is gained, not sold)
        if let sold = FactText.firstRange(of: Self.soldWords, in: t[...]), !t.hasAny(["还有", "还剩", "只剩", "剩下"]),
           t[sold.upperBound...].prefix(anyOf: ["我", "俺"]) == nil,
           !String(t[sold.upperBound...]).hasAny(["就有1套", "名下就有", "名下有1套", "就有了1套", "就是1套"]),
           !String(t[..<sold.lowerBound].suffix(10)).hasAny(["另1套", "另外1套", "其中1套", "另1个", "另外那套", "另一套", "以前那套", "之前那套", "老房子"]),
           !String(t[..<sold.lowerBound].suffix(8)).hasAny(["想", "打算", "准备", "要", "如果", "要是", "假如"]) {
            take("homes_owned", .int(0))
            return
        }
        var elsewhereSaid = false
        for statement in homeStatements() {
            guard let homes = statement.homes else { continue }
            // A parent's home (我爸妈在本市有套房, 父母名下的房) is not the family's.
            if isParents(statement.at) { elsewhereSaid = true; continue }
            if isElsewhere(statement.at) { elsewhereSaid = true; continue }
            take("homes_owned", homes.map { JSONValue.int($0 + addedHomes(after: statement.at, to: $0)) })
            return
        }
        if elsewhereSaid { take("homes_owned", .int(0)) }
    }

    /// Statements about homes, in the order said.
    private func homeStatements() -> [HomeStatement] {
        var statements: [HomeStatement] = []
        for word in Self.noHome {
            if let r = t[...].byteRange(of: word) { statements.append(HomeStatement(homes: 0, at: r.lowerBound)) }
        }
        // (套餐, 套路 and 套现 are other words; 1套现在 is a count and 现在)
        for r in t.occurrences(of: "套") where t[r.upperBound...].prefix(anyOf: ["餐", "路"]) == nil
            && !(t[r.upperBound...].begins(with: "现") && !t[r.upperBound...].begins(with: "现在")) {
            // 算首套还是二套: a question between the two, not a statement of either.
            if t[r.upperBound...].begins(with: "还是") || String(t[..<r.lowerBound].suffix(4)).has("还是") { continue }
            statements.append(HomeStatement(homes: homes(at: r), at: r.lowerBound))
        }
        // 第2个房子, 有1个房子: 个 as a home's measure, as learners of Chinese say it.
        for r in t.occurrences(of: "个房") where !statements.contains(where: { $0.at == r.lowerBound }) {
            let measure = r.lowerBound..<t.index(after: r.lowerBound)
            guard FactText.number(endingAt: measure.lowerBound, in: t) != nil else { continue }
            statements.append(HomeStatement(homes: homes(at: measure), at: r.lowerBound))
        }
        // 本市房子是2个有了: the count, then 有 (the verb last).
        for r in t.occurrences(of: "个有") {
            guard let n = FactText.number(endingAt: r.lowerBound, in: t), String(t[..<n.range.lowerBound].suffix(5)).has("房") else { continue }
            statements.append(HomeStatement(homes: .some(FactBounds.int(n.value)), at: r.lowerBound))
        }
        // 我就有1间了, 名下有2间: 间 as the measure of a home (Minnan, Teochew, Taiwan), after an
        // owning word only (not 1间房间, 2间铺面).
        for r in t.occurrences(of: "间") where t[r.upperBound...].prefix(anyOf: ["房间", "屋", "铺", "店", "门面"]) == nil {
            guard let n = FactText.number(endingAt: r.lowerBound, in: t), owns(t[..<n.range.lowerBound]) else { continue }
            statements.append(HomeStatement(homes: .some(FactBounds.int(n.value)), at: r.lowerBound))
        }
        // 有房子 / 有住房 with no count (老家有房子): one home, where it is (有房贷 is a loan).
        for word in ["有房子", "有住房", "有房"] {
            // (是否已有住房 is a form's question, answered after it)
            for r in t.occurrences(of: word) where !t[..<r.lowerBound].ends(with: "没") && t[r.upperBound...].prefix(anyOf: ["贷", "租", "产证"]) == nil
                && !t[..<r.lowerBound].hasSuffix(anyOf: ["是否", "是否已", "是否已经", "有没", "是不是"]) {
                if statements.contains(where: { $0.at == r.lowerBound }) { continue }
                statements.append(HomeStatement(homes: 1, at: r.lowerBound))
            }
        }
        // 房产都在老家, 房子在外地: one home or more, elsewhere.
        for word in ["房产", "房子", "住房"] {
            for r in t.occurrences(of: word) {
                let at = FactText.skip(["都", "也", "全", "全部", "还"], in: t, from: r.upperBound)
                guard t[at...].begins(with: "在"), t[at...].dropFirst().prefix(anyOf: Self.elsewhere) != nil,
                      !statements.contains(where: { $0.at == r.lowerBound }) else { continue }
                statements.append(HomeStatement(homes: 1, at: r.lowerBound))
            }
        }
        // 现在住的那套是自己买的, 想换套大点的: the home lived in is one's own; so is one in the
        // spouse's name (产权在他名下, 老公婚前买过1套).
        if let r = FactText.firstRange(of: Self.ownHomeWords, in: t[...]) { statements.append(HomeStatement(homes: 1, at: r.lowerBound)) }
        // 本市没有登记在我名下的住房: 没有 and a home word a few words apart, nothing of a loan between.
        if statements.isEmpty {
            for r in t.occurrences(of: "没有") {
                let span = String(t[r.upperBound...].prefix(10))
                guard let home = ["住房", "房产", "房子"].compactMap({ span.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { continue }
                let between = String(span[..<home.lowerBound])
                if !between.hasAny(["贷", "租", "公积金", "买", "想", "打算"]) { statements.append(HomeStatement(homes: 0, at: r.lowerBound)); break }
            }
        }
        // 我媳妇结婚以前在本市自己买了套小户型: a home bought before the marriage is the family's
        // (unless it is elsewhere: 婚前在老家买了套).
        if !statements.contains(where: { $0.homes != nil && $0.homes != .some(.some(0)) }), let r = FactText.firstRange(of: Self.beforeMarriage, in: t[...]) {
            let window = String(t[r.upperBound...].prefix(14))
            if window.hasAny(["买了", "买过", "购买了", "购置了", "买的"]), !window.hasAny(Self.elsewhere) {
                statements.append(HomeStatement(homes: 1, at: r.lowerBound))
            }
        }
        return statements.sorted { $0.at < $1.at }
    }

    /// Before the marriage: a home bought then is owned now.
    static let beforeMarriage = ["结婚以前", "结婚之前", "结婚前", "婚前"]

    /// Words saying the home one lives in is one's own, or is to be traded up.
    static let ownHomeWords = ["住的那套是自己", "住的房子是自己", "住的房是自己", "住的是自己买的", "住的是自己的房",
                               "换套大", "换个大", "换大房", "换大点", "换1套大",
                               "产权在他名下", "产权在她名下", "在老公名下", "在老婆名下", "在爱人名下", "在我老公名下", "在我老婆名下",
                               "房改房", "婚前买过", "婚前买了"]

    /// What the 套 at `r` says: 首套 0 (有首套 1), 第N套 N−1, 有N套 N, 有套房 1, 2套 1;
    /// `.some(nil)` for a count beyond any Int; nil when it says nothing sure (3套房, 1套).
    private func homes(at r: Range<String.Index>) -> Int?? {
        let before = t[..<r.lowerBound]
        if before.ends(with: "首") {
            // 【住房】首套, 本市住房首套: a form's field of the home bought, not 有首套.
            let lead = before.dropLast()
            if lead.hasSuffix(anyOf: ["住房", "房产", "住房情况", "购房"]), !lead.dropLast(2).hasSuffix(anyOf: ["有", "有了"]) { return 0 }
            return owns(lead) ? 1 : 0
        }
        guard let n = FactText.number(endingAt: r.lowerBound, in: t) else {
            return owns(before) ? 1 : nil                      // 有套房
        }
        // 1套房都还没整上, 1套也还没买: not one home.
        if n.value == 1 {
            let at = FactText.skip(["房子", "房产", "住房", "房", "都", "也", "还", "暂时", " "], in: t, from: r.upperBound)
            // (or 没有 ending what is said: 房子本市是1套没有; not 1套没有还清贷款的房子)
            if let neg = t[at...].prefix(anyOf: ["没有", "没", "无", "未"]) {
                let after = t.index(at, past: neg)
                let ends = after == t.endIndex || !t[after].isLetter || t[after...].begins(with: "了")
                if String(t[r.upperBound..<at]).hasAny(["都", "也"]) || ends { return 0 }
            }
        }
        let lead = t[..<n.range.lowerBound]
        if lead.ends(with: "第") { return .some(FactBounds.int(n.value - 1)) }
        // 头1套 (头一套房子): the first home, none owned yet.
        if lead.ends(with: "头"), n.value == 1 { return 0 }
        // (名下目前0套房: 目前/现在 between the owning word and the count)
        var owningLead = lead
        if let now = ["目前", "现在"].first(where: { owningLead.ends(with: $0) }) { owningLead = owningLead.dropLast(now.count) }
        if owns(owningLead) { return .some(FactBounds.int(n.value)) }
        // The answer to "您家在本市已经有几套住房": a bare count of three or more is the homes
        // owned (三套 → 3), unless it speaks of buying (买第三套). 2套 stays "buying a second"
        // (二套 and 两套 both normalise to 2套).
        if expecting == "homes_owned", n.value != 2, !t.hasAny(Self.buyingWords) { return .some(FactBounds.int(n.value)) }
        guard n.value == 2 else { return nil }
        // 2套: the raw text tells 二套 / 第二套 (buying the second: owns 1) from 两套 / 俩套 (a
        // count: owns 2, unless it is what is being bought: 买两套). Not known: the ordinal.
        guard let said, !said.secondOrdinal else { return 1 }
        return lead.hasSuffix(anyOf: ["买", "购", "再买", "要买", "想买"]) ? 1 : 2
    }

    /// Homes added to a count by "+" (as typed: the normaliser removes it), 加上, 另 or 另外,
    /// or by a home given or inherited (自住1套+父母赠与1套, 本市1套加上婚前买的1套, 自己住1套
    /// 父母送了1套): each addend's count, unless it is in another city (外地1套), to be bought
    /// (想再买1套), denied (非2套), a reading of the same homes (按2套算), or a parent's not given
    /// over (另1套是我爸妈名下的). A list that breaks a total down (有2套 1套自住 1套出租) adds nothing.
    private func addedHomes(after at: String.Index, to first: Int) -> Int {
        guard t[at...].begins(with: "套") else { return 0 }
        var total = 0
        var i = FactText.skip(["套", "房子", "住房", "房"], in: t, from: at)
        while i < t.endIndex {
            var joined = said?.homesAdded == true
            if let join = t[i...].prefix(anyOf: ["加上", "加", "另外还有", "另外", "另有", "另"]) { i = t.index(i, past: join); joined = true }
            let clause = t[i...].prefix(10)
            guard let tao = clause.firstIndex(of: "套"), let n = FactText.number(endingAt: tao, in: t), n.range.lowerBound >= i else { break }
            let words = String(t[i..<n.range.lowerBound])
            let after = String(t[tao...].prefix(12))
            let given = (words + after).hasAny(Self.givenWords)
            // (买的/买过/买了 is a home owned; 买 alone, 想/再/打算, one to be bought)
            let buying = words.hasAny(["买", "购"]) && !words.hasAny(["买的", "买过", "买了", "购的", "购买的", "购过"])
            // (另1套早就卖掉了: an addend sold is not owned)
            guard joined || given, !buying, !words.hasAny(Self.elsewhere), !after.hasAny(Self.soldWords + ["卖掉"] + Self.elsewhere),
                  !words.hasAny(["第", "想", "要", "再", "打算", "准备", "还是", "或", "没", "无", "卖", "非", "不是", "按", "算"]),
                  !(words + after).hasAny(Self.parentWords) || given else { break }
            total = min(total + min(FactBounds.int(n.value) ?? 0, 1000), 1000)   // (no overflow on absurd counts)
            i = FactText.skip(["套", "房子", "住房", "房"], in: t, from: tao)
        }
        return first >= 2 && total <= first ? 0 : total
    }

    /// Words of a home given or inherited: it is the applicant's.
    static let givenWords = ["赠与", "赠送", "送了", "送的", "送给", "继承", "婚前", "过户至", "过户到我", "过户给我"]

    /// Whether `lead` ends in a word of owning (有, 有了) that is not denied (没有), a pointing
    /// word between them set aside (名下就那1套, 有这么1套).
    private func owns(_ lead: Substring) -> Bool {
        var lead = lead
        if let pointing = ["那么", "这么", "那", "这"].first(where: { lead.ends(with: $0) }) { lead = lead.dropLast(pointing.count) }
        guard let word = Self.ownLeads.first(where: { lead.ends(with: $0) }) else { return false }
        return !lead.dropLast(word.count).ends(with: "没")
    }

    /// Words of a home sold or handed over: it is no longer owned.
    static let soldWords = ["卖掉了", "卖了", "已经卖", "卖出去了", "过户给", "过户出去", "转卖了"]
    /// Parents and parents-in-law: their homes are not the applicant's family's.
    static let parentWords = ["爸妈", "父母", "我爸", "我妈", "爸爸", "妈妈", "公婆", "岳父", "岳母", "丈母娘", "老丈人", "老人", "爷爷", "奶奶"]

    /// Whether a parent is named in the clause just before `i` (我爸妈在本市有套房) or the home
    /// is said to be theirs (住的是俺爸妈名下的房).
    private func isParents(_ i: String.Index) -> Bool {
        let head = t[..<i]
        let clause = head.suffix(12)
        guard let parent = FactText.lastRange(of: Self.parentWords, in: clause) else { return false }
        // (我和爸妈 / 我自己: the speaker named after the parent makes it the speaker's again)
        return !String(clause[parent.upperBound...]).hasAny(["我自己", "自己名下", "我名下", "我们名下"])
    }

    /// Whether the last place named before `i` is another city.
    private func isElsewhere(_ i: String.Index) -> Bool {
        // The place said right after: 名下有1套房子在老家 (within the statement's words).
        var after = t[i...].prefix(10)
        if let other = FactText.firstRange(of: ["另", "还有1套", "加上"], in: after.dropFirst()) { after = after[..<other.lowerBound] }
        if let at = after.firstIndex(of: "在"), after[at...].dropFirst().prefix(anyOf: Self.elsewhere) != nil,
           !after[..<at].contains(" ") { return true }
        let head = t[..<i]
        guard let away = FactText.lastRange(of: Self.elsewhere, in: head) else { return false }
        guard let home = FactText.lastRange(of: Self.here, in: head) else { return true }
        return away.lowerBound > home.lowerBound
    }
}
