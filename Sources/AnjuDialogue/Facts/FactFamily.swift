import AnjuJSON

/// The person and the family: married, children, gender, birth.
extension FactScan {
    static let single = ["单身", "未婚", "没结婚", "没有结婚", "离异", "离婚", "丧偶", "单着", "还没成家", "没成家",
                         // (a partner not yet married to: 跟女朋友合租, 还没领证)
                         "没领证", "没有领证", "未领证", "没结过婚", "没有结过婚", "女朋友", "男朋友", "女友", "男友",
                         // (living alone: 到现在还是一个人过)
                         "1个人过", "1个人生活", "光棍"]
    static let married = ["已婚", "结婚了", "结了婚", "老婆", "老公", "夫妻", "爱人", "配偶", "媳妇", "丈夫", "妻子", "口子",
                          "领证", "领了证", "领的证", "扯了证", "扯证", "结婚证", "结过婚", "已经成家", "成家了", "结婚登记"] + dialectSpouseWords
    static let noChildren = ["没孩子", "没有孩子", "没小孩", "没有小孩", "没娃", "没有娃", "没有子女", "无子女", "丁克",
                             // (Cantonese 小朋友 for one's children: 未有小朋友)
                             "没有小朋友", "没小朋友", "未有小朋友", "还没有小朋友"]
    static let onlyChild = ["独生子女", "独生子", "独生女"]
    static let childNouns = ["孩子", "小孩", "娃", "子女", "宝宝", "儿子", "女儿", "仔", "小朋友"]
    /// Counting characters the normaliser leaves as they are: 仨孩子, 俩娃.
    static let spokenCounts: [Character: Int] = ["仨": 3, "俩": 2]

    mutating func readFamily() {
        readMarried()
        readChildren()
    }

    mutating func readPerson() {
        readGender()
        readCategory()   // (the birth is read early, before the durations: see `readAll`)
    }

    /// A woman's original retirement age: 工人 (50) or 干部/管理岗 (55), or the age said
    /// (按原来规矩是五十岁退的).
    private mutating func readCategory() {
        // (a form's column, spaced from its value: 原退休年龄 50岁 reads 退休年龄50)
        let t = self.t.has(" ") ? self.t.replacingOccurrences(of: " ", with: "") : self.t
        if t.hasAny(["工人", "工勤", "原50岁退休", "50岁退休", "50周岁退休", "原定50周岁", "原定50岁", "退休年龄50", "退休年龄是50", "50岁退", "50周岁退", "是50退"]) { take("category", .string("worker")) }
        else if t.hasAny(["干部", "管理岗", "原55岁退休", "55岁退休", "退休年龄55", "退休年龄是55", "55岁退", "55周岁退", "是55退"]) { take("category", .string("cadre")) }
    }

    /// 单身/离异 → false; 已婚, or a spouse named (我和爱人, 两口子, 老婆…) → true.
    private mutating func readMarried() {
        if t.hasAny(Self.single) { take("married", .bool(false)) }
        else if t.hasAny(Self.married) || familyOfThreeOrMore { take("married", .bool(true)) }
    }

    /// 一家三口, 一家四口 (normalised 1家4口): a couple and their children.
    private var familyOfThreeOrMore: Bool {
        t.occurrences(of: "1家").contains { r in
            guard let n = FactText.number(in: t, at: r.upperBound), n.value >= 3, n.value <= 10 else { return false }
            return t[n.range.upperBound...].begins(with: "口")
        }
    }

    /// Words of a child on the way, not yet born.
    static let unbornWords = ["肚子里", "肚皮里", "没生", "没出生", "未出生", "还没生", "怀着", "怀孕", "预产期"]

    /// 仨孩子 3, 俩娃 2, 1个娃 1, 有2个孩子 2, 独生子女 1, 三孩/二胎, 没孩子 0.
    private mutating func readChildren() {
        if t.hasAny(Self.noChildren) { take("children", .int(0)); return }
        // 三孩/三胎, and the child just born: 生了老三. A child not yet born is not counted
        // (小孩只有1个，老二还在肚子里没生出来): the children said are.
        let unborn = t.hasAny(Self.unbornWords)
        if !unborn, t.hasAny(["3孩", "3胎", "老3", "老三", "3宝", "三宝", "三胞胎"]) { take("children", .int(3)); return }
        // (多子女 says two or more: two, the least it says, gives every uplift it brings)
        if !unborn, t.hasAny(["2孩", "2胎", "老2", "老二", "2宝", "二宝", "双胞胎", "龙凤胎", "双胞胎儿子", "双胞胎女儿", "多子女", "多孩家庭"]) { take("children", .int(2)); return }
        var sons: Int??, daughters: Int??, other: Int??
        for noun in Self.childNouns {
            for r in t.occurrences(of: noun) {
                guard let count = childCount(before: r.lowerBound) ?? childCount(after: r.upperBound) else { continue }
                switch noun {
                case "儿子": if sons == nil { sons = count }
                case "女儿": if daughters == nil { daughters = count }
                default: if other == nil { other = count }
                }
            }
        }
        if let other { take("children", other.map(JSONValue.int)); return }
        if let sons, let daughters {   // 1个儿子1个女儿
            take("children", sons.flatMap { s in daughters.map { JSONValue.int(s &+ $0) } })
            return
        }
        if let one = sons ?? daughters { take("children", one.map(JSONValue.int)); return }
        if t.hasAny(Self.onlyChild) { take("children", .int(1)) }
    }

    /// The count before a child noun: 2个孩子, 2娃, 仨孩子, 俩娃, 有个孩子, 带个孩子.
    private func childCount(before i: String.Index) -> Int?? {
        var end = i
        // (2个小娃, 俩小孩子: the 小 describes the child)
        if end > t.startIndex, t[t.index(before: end)] == "小" { end = t.index(before: end) }
        if end > t.startIndex, t[t.index(before: end)] == "个" { end = t.index(before: end) }
        if end > t.startIndex, let spoken = Self.spokenCounts[t[t.index(before: end)]] { return spoken }
        // 有个孩子 / 还有个娃 / 带个孩子 / 生了个娃 / 养个娃: one child.
        if end < i, end > t.startIndex, "有带了养".contains(t[t.index(before: end)]) { return 1 }
        guard let n = FactText.number(endingAt: end, in: t) else { return nil }
        return .some(FactBounds.int(n.value))
    }

    /// The count after a child noun: 孩子2个, 孩子有2个.
    private func childCount(after i: String.Index) -> Int?? {
        let at = FactText.skip(["只有", "就", "有", "是", "应记", "应为", "改为", "记为", "共", "其实", " "], in: t, from: i)
        // 孩子2个, 子女应记3人, or a staff field 子女3 (nothing or a separator after the count).
        guard let n = FactText.number(in: t, at: at) else { return nil }
        let next = FactText.character(at: n.range.upperBound, in: t)
        guard next == "个" || next == "人" || next == "名" || next == nil || next == " " || next == ";" else { return nil }
        return .some(FactBounds.int(n.value))
    }

    /// 男/女 said of the person, not inside 子女, 女儿, 男孩, 女朋友, 男方….
    private mutating func readGender() {
        let male = t.occurrences(of: "男").contains { isGender($0, excludedBefore: "") }
        let female = t.occurrences(of: "女").contains { isGender($0, excludedBefore: "子儿孙") && !t[..<$0.lowerBound].ends(with: "独生") }
        if male != female { take("gender", .string(male ? "male" : "female")); return }
        guard !male, !female else { return }
        if has("birth") || has("birth_year") { readRelativeGender() }
        if !has("gender") { readProxyGender() }
    }

    /// Relatives whose sex the word says, when the birth said is theirs (她 and 他 when the
    /// person spoken of is born right after: 她是1971年3月出生的).
    static let womenWords = ["老婆", "媳妇", "妻子", "我妈", "母亲", "我娘", "她"]
    static let menWords = ["老公", "丈夫", "我爸", "父亲", "我爹", "他"]

    /// Asking for a parent: 替我妈问一下, 帮我爸查查, 给我母亲咨询 — the case is theirs.
    static let proxyVerbs = ["替", "帮", "给", "为", "代"]
    static let mothers = ["我妈妈", "我妈", "我母亲", "我老妈", "我娘", "我婆婆", "我岳母", "我丈母娘", "我外婆", "我奶奶"]
    static let fathers = ["我爸爸", "我爸", "我父亲", "我老爸", "我爹", "我公公", "我岳父", "我老丈人", "我外公", "我爷爷"]

    /// The sex of a parent the question is asked for (替我妈问一下退休提取): only when one
    /// such person is named.
    private mutating func readProxyGender() {
        if let sex = said?.parentAskedFor ?? Self.parentAskedFor(in: t) ?? Self.personSpokenOf(in: t) { take("gender", .string(sex)) }
    }

    /// "female" or "male" when the text opens on one parent as its subject (我妈是机关干部…,
    /// 我爸他…), nil otherwise.
    static func personSpokenOf(in text: String) -> String? {
        let opening = text.drop { $0 == " " }
        if mothers.contains(where: { opening.hasPrefix($0) }) { return "female" }
        if fathers.contains(where: { opening.hasPrefix($0) }) { return "male" }
        // 我家老爷子是1966年3月生的…, 姆妈以前是机关干部…: an elder named first, with or
        // without 我/我家; a spouse so named only when the question is of retiring (我媳妇是工人
        // 原来50岁退…), since a spouse opening a loan question is the co-borrower, not the case.
        var rest = opening[...]
        if let lead = ["我们家", "我家", "我"].first(where: { rest.hasPrefix($0) }) { rest = rest.dropFirst(lead.count) }
        let retiring = text.contains("退")
        if elderWomen.contains(where: { rest.hasPrefix($0) }) || (retiring && wives.contains(where: { rest.hasPrefix($0) })) { return "female" }
        if elderMen.contains(where: { rest.hasPrefix($0) }) || (retiring && husbands.contains(where: { rest.hasPrefix($0) })) { return "male" }
        return nil
    }

    /// Elders and spouses by the words that name them, without 我 (the opening's 我/我家 is
    /// dropped before they are looked for).
    static let elderWomen = ["老太太", "老母亲", "老妈", "姆妈", "母亲", "妈妈", "老娘", "婆婆", "岳母", "丈母娘", "外婆", "奶奶"]
    static let elderMen = ["老爷子", "老头子", "老父亲", "老爸", "父亲", "爸爸", "老爹", "公公", "岳父", "老丈人", "外公", "爷爷"]
    static let wives = ["媳妇", "老婆", "妻子", "太太"]
    static let husbands = ["老公", "丈夫", "先生"]

    /// "female" or "male" when `text` asks for one parent (替我妈, 帮我爸), nil otherwise.
    static func parentAskedFor(in text: String) -> String? {
        // (every parent word starts with 我: only a 我 right after a proxy verb is looked at)
        var mother = false, father = false
        for r in text.occurrences(of: "我") where r.lowerBound > text.startIndex {
            guard proxyVerbs.contains(String(text[text.index(before: r.lowerBound)])) else { continue }
            let rest = text[r.lowerBound...]
            if mothers.contains(where: { rest.hasPrefix($0) }) { mother = true }
            if fathers.contains(where: { rest.hasPrefix($0) }) { father = true }
        }
        return mother == father ? nil : (mother ? "female" : "male")
    }

    /// "我老婆65年3月出生的，她是工人": the birth right after a word for a woman (or a man) is
    /// that person's, and so is the question — their sex is the word's.
    private mutating func readRelativeGender() {
        func bornRightAfter(_ words: [String]) -> Bool {
            words.contains { word in
                t.occurrences(of: word).contains { r in
                    if r.lowerBound > t.startIndex, t[t.index(before: r.lowerBound)] == "其" { return false }  // 其他
                    let at = FactText.skip(["是", "今年", "她", "他", "的", " "], in: t, from: r.upperBound)
                    return at < t.endIndex && t[at].isASCIIDigit
                }
            }
        }
        let woman = bornRightAfter(Self.womenWords)
        let man = bornRightAfter(Self.menWords)
        if woman != man { take("gender", .string(woman ? "female" : "male")) }
    }

    /// Whether the 男/女 at `r` is said of a person's sex: not 男孩/女儿/女朋友/男方…, nor
    /// after one of `excludedBefore` (子女, 儿女, 独生女).
    private func isGender(_ r: Range<String.Index>, excludedBefore: String) -> Bool {
        if let next = FactText.character(at: r.upperBound, in: t), "儿孩朋友方婿".contains(next) { return false }
        if r.lowerBound > t.startIndex, excludedBefore.contains(t[t.index(before: r.lowerBound)]) { return false }
        return true
    }
}
