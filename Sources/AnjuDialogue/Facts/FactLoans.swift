import AnjuJSON

/// Loans and housing said in words: repayment method, the loan repaid, an unpaid fund loan,
/// overdue payments, talent status, public rental housing.
extension FactScan {
    static let commercialLoan = ["商贷", "商业贷款", "商业住房贷款", "商业性住房贷款", "商业性贷款", "商业按揭", "银行按揭", "银行贷款", "银行的房贷", "商业房贷", "类型商业", "类型为商业", "类型是商业", "类型银行"]
    static let providentLoan = ["公积金贷款", "公积金房贷", "公积金的贷款", "类型公积金", "类型为公积金", "类型是公积金", "类型公贷", "贷的是公积金", "贷的公积金"]
    /// A loan still being repaid (还有公积金贷款没还完).
    static let loanUnpaid = ["还款中", "没还完", "没还清", "没全部还清", "没有全部还清", "没有还清", "没全还清", "未还清", "未还完", "没结清", "未结清", "还在还", "正在还", "还没还", "还有公积金贷款"]
    /// No loan left (贷款已经还清).
    static let loanPaid = ["无未结清", "没有未结清", "无未还清", "没有未还清", "无未还", "没有未还", "无贷款", "无公积金贷款",
                           "已经还清", "已还清", "还清了", "已经结清", "已结清", "结清了", "已经还完", "已还完", "还完了",
                           "没有贷款", "没贷过款", "没有公积金贷款", "没用过公积金贷款",
                           "没贷过公积金", "没有贷过公积金", "从没贷过", "从来没贷过", "没办过公积金贷款", "没申请过公积金贷款", "没借过公积金"]
    /// Paying the loan off, said as a plan or a what-if (先一次性还清, 提前还清).
    static let payingOff = ["1次性还清", "1次还清", "提前还清", "先还清", "全部还清", "都还清", "提前结清", "1次性结清", "全部结清", "先结清"]
    /// Loans that are not a provident fund loan: their state says nothing of outstanding_loan.
    static let otherLoanWords = ["商贷", "商业贷款", "银行贷款", "车贷", "消费贷", "信用贷", "网贷", "信用卡"]
    static let publicRental = ["公租房", "公共租赁住房", "公共租赁房", "廉租房"]
    static let notOverdue = ["没逾期", "没有逾期", "不逾期", "无逾期", "从不逾期", "从没逾期", "未逾期", "逾期无", "逾期否", "逾期没有",
                             "按时还", "按月还", "没断供", "从没断过供", "没有拖欠", "没拖欠", "没欠过", "从来没欠"]
    /// A payment missed, said without the word 逾期 (上个月有1期没还上, 断供了, 欠了1期).
    static let missedPayment = ["期没还", "次没还", "没还上", "断供", "漏还", "拖欠", "没按时还", "晚还了", "扣款失败",
                                "欠了1期", "欠了2期", "欠着1期"]

    /// The loan type given as a field of a list, as typed: 贷款 then a separator (: ： = | ｜,
    /// quotes around either) then 公积金/公贷 or 商业/商贷/银行.
    static func loanTypeField(in raw: String) -> String? {
        guard raw.has("贷款"), let key = raw.occurrences(of: "贷款").first else { return nil }
        var i = key.upperBound
        let skippable: Set<Character> = ["\"", "'", "“", "”", " ", "类", "型", "种"]
        var separated = false
        while i < raw.endIndex, skippable.contains(raw[i]) || ":：=|｜".contains(raw[i]) {
            if ":：=|｜".contains(raw[i]) { separated = true }
            i = raw.index(after: i)
        }
        guard separated else { return nil }
        let rest = raw[i...]
        if rest.hasPrefix("公积金") || rest.hasPrefix("公贷") { return "provident" }
        if rest.hasPrefix("商业") || rest.hasPrefix("商贷") || rest.hasPrefix("银行") { return "commercial" }
        return nil
    }

    /// 逾期 denied a few words before it, as letters put it: 亦无任何贷款逾期记录, 不存在逾期情形,
    /// 从未发生过逾期; or by the northwestern 么 (没) right before it, which the synonym table
    /// cannot see when 逾期 itself was misheard (从来么鱼期过) — never the 么 of 怎么 or 什么.
    private var deniedOverdue: Bool {
        guard t.has("逾期") else { return false }
        return t.occurrences(of: "逾期").allSatisfy { r in
            let lead = String(t[..<r.lowerBound].suffix(8))
            if lead.hasSuffix("么"), lead.dropLast().last.map({ !"怎什这那多要甚".contains($0) }) ?? true { return true }
            return lead.hasAny(["无任何", "亦无", "并无", "从无", "不存在", "从未", "没有任何", "没发生过", "未发生"])
        }
    }

    /// Whether one of `words` names a loan the speaker has, not one denied right before it
    /// (没有公积金贷款, 无商贷: the leaver who has none is no repayment case).
    private func namesLoan(_ words: [String]) -> Bool {
        words.contains { word in
            t.occurrences(of: word).contains { r in
                !t[..<r.lowerBound].hasSuffix(anyOf: ["没有", "没", "无", "未", "没用过", "没贷过", "没办过", "从没贷过", "从来没有"])
                    // (a record's column denied after it: 公积金贷款 无 — not 公贷 无逾期)
                    && !Self.deniedAfter(t[r.upperBound...])
            }
        }
    }

    /// Whether the words after a loan's name deny it (公积金贷款 无), not a state of it (无逾期).
    static func deniedAfter(_ rest: Substring) -> Bool {
        let r = rest.drop(while: { $0 == " " })
        guard let w = r.prefix(anyOf: ["无", "没有"]) else { return false }
        return r.dropFirst(w.count).prefix(anyOf: ["逾期", "拖欠", "欠款", "不良"]) == nil
    }

    mutating func readLoanStatus() {
        // Both named is a comparison (等额本金和等额本息哪个利息少), not a choice.
        let principal = t.has("等额本金"), installment = t.has("等额本息")
        if principal != installment { take("method", .string(principal ? "equal_principal" : "equal_installment")) }

        if let field = said?.loanTypeField { take("loan_type", .string(field)) }
        if namesLoan(Self.commercialLoan) { take("loan_type", .string("commercial")) }
        else if namesLoan(Self.providentLoan) { take("loan_type", .string("provident")) }

        readOutstandingLoan()
        readLoansUsed()
        readPublicRental()
        readAccountSealed()

        if t.has("人才") && !t.has("不是人才") { take("talent", .bool(true)) }
        // (是否逾期 is a form's question, no statement: only its answer after it says which)
        let overdueSaid = t.has("逾期") && t.occurrences(of: "逾期").contains { r in !t[..<r.lowerBound].hasSuffix("是否") || t[r.upperBound...].hasPrefix("是") }
        if t.hasAny(Self.notOverdue) || deniedOverdue || overdueFieldDenied { take("overdue", .bool(false)) }
        else if overdueSaid || t.hasAny(Self.missedPayment) { take("overdue", .bool(true)) }
    }

    /// 还有公积金贷款没还完 → true; 贷款已经还清 → false; nothing when only another kind of
    /// loan is meant (车贷没还完).
    private mutating func readOutstandingLoan() {
        if t.hasAny(Self.otherLoanWords) && !t.has("公积金") { return }
        if t.hasAny(Self.loanPaid) || unpaidFieldDenied { take("outstanding_loan", .bool(false)) }
        // 要是我先把剩下的一次性还清呢: the loan paid off (a what-if, or a plan).
        else if let r = FactText.firstRange(of: Self.payingOff, in: t[...]), !t[..<r.lowerBound].hasSuffix(anyOf: ["没", "未", "不", "没有", "还没"]),
                !t.hasAny(Self.loanUnpaid) {
            take("outstanding_loan", .bool(false))
        }
        // A loan still being repaid counts as a fund loan only when named so, or when that is
        // what was asked: "有一套房子 贷款还没还完" is most often the bank's mortgage, and an
        // unpaid fund loan refuses every loan and several withdrawals.
        else if t.hasAny(Self.loanUnpaid), t.has("公积金") || expecting == "outstanding_loan" || expecting == "outstanding_loan_withdraw" {
            take("outstanding_loan", .bool(true))
        }
    }

    /// A form's overdue field answered no, the answer after its source: 逾期情况 系统显示无.
    private var overdueFieldDenied: Bool {
        t.occurrences(of: "逾期").contains { r in
            let at = FactText.skip(["情况", "记录", "状态", "系统显示", "显示", "为", "是", " "], in: t, from: r.upperBound)
            return at > r.upperBound && t[at...].prefix(anyOf: ["无", "没有", "否"]) != nil
        }
    }

    /// A form's field of the unpaid loan answered no: 未结清公积金贷款：无, 未结清贷款 否.
    private var unpaidFieldDenied: Bool {
        for word in ["未结清", "未还清"] {
            for r in t.occurrences(of: word) {
                let at = FactText.skip(["公积金贷款", "公积金", "贷款", "的", " "], in: t, from: r.upperBound)
                if t[at...].prefix(anyOf: ["无", "没有", "否"]) != nil { return true }
            }
        }
        return false
    }

    /// Fund loans the family has used: 用过1次公积金贷款, 公积金贷款已用过2次, 贷过2次 — a count
    /// right before 次 (or 回) with a word of having used a loan just before it.
    private mutating func readLoansUsed() {
        for r in t.occurrences(of: "次") + t.occurrences(of: "回") {   // (代过两回: 回 counts as 次)
            guard let n = FactText.number(endingAt: r.lowerBound, in: t), !isUsed(n.range) else { continue }
            let before = t[..<n.range.lowerBound]
            // 用过2次, or 已使用公积金贷款2次 (the loan named between the verb and the count).
            let usedThenLoan = before.hasSuffix(anyOf: ["贷款", "公积金贷"]) && String(before.suffix(10)).hasAny(Self.usedLoanWords + ["使用"])
            // (a record's column: 公积金贷款记录 已结清1次 — loans taken and paid off)
            let settledInRecord = before.hasSuffix(anyOf: ["已结清", "结清", "已还清"]) && String(before.suffix(12)).hasAny(["公积金贷款", "公贷", "贷款记录"])
            guard before.hasSuffix(anyOf: Self.usedLoanWords) || usedThenLoan || settledInRecord else { continue }
            let after = t[r.upperBound...]
            // (or the loans said to be paid off: 已经用过2次，都已结清 — another kind is named when meant)
            let aboutFundLoan = before.hasSuffix(anyOf: ["贷过", "贷了"]) || t.has("公积金贷") || after.begins(with: "贷")
                || String(after.prefix(8)).hasAny(["结清", "还清"]) || expecting == "loans_used"
            guard aboutFundLoan, !String(after.prefix(6)).hasAny(Self.otherLoanWords) else { continue }
            take("loans_used", count: n.value, number: n.range.lowerBound..<r.upperBound)
            return
        }
        // Fund loans counted by 笔: 既往公贷1笔，已还清; 结清过2笔公贷.
        for r in t.occurrences(of: "笔") {
            guard let n = FactText.number(endingAt: r.lowerBound, in: t), !isUsed(n.range) else { continue }
            let before = t[..<n.range.lowerBound]
            let loanBefore = before.hasSuffix(anyOf: Self.fundLoanWords)
            let loanAfter = t[r.upperBound...].prefix(anyOf: Self.fundLoanWords) != nil
            let used = String(before.suffix(8)).hasAny(Self.usedLoanWords + ["使用", "既往", "历史", "结清过", "还清过", "已用"])
                || String(t[r.upperBound...].prefix(8)).hasAny(["已还清", "已结清", "还清了", "结清了", "都已还清", "都已结清"])
            guard (loanBefore || loanAfter) && used else { continue }
            take("loans_used", count: n.value, number: n.range.lowerBound..<r.upperBound)
            return
        }
    }

    /// The fund's loan, as counted by 笔 (公贷1笔, 2笔公积金贷款).
    static let fundLoanWords = ["公积金贷款", "公贷", "公积金贷"]

    /// The account sealed now (账户封存中, 账户已封存, 处于封存状态) — not one unsealed again
    /// (已启封, 又续上了) and not a question whether it is (封存了吗).
    static let sealedNow = ["封存中", "已封存", "已经封存", "账户封存了", "账户被封存", "处于封存", "封存状态", "还在封存", "一直封存", "状态封存", "状态为封存", "状态是封存"]
    static let unsealed = ["启封", "解封", "没封存", "未封存", "不是封存", "恢复缴存", "又续上", "重新缴存", "封存了吗", "封存吗", "又交上", "又开始交", "已恢复", "恢复正常"]

    private mutating func readAccountSealed() {
        guard t.hasAny(Self.sealedNow), !t.hasAny(Self.unsealed) else { return }
        take("account_status", .string("sealed"))
    }

    /// Words of having used a loan before the count: 用过, 已用过, 贷过, 使用过.
    static let usedLoanWords = ["用过", "用了", "贷过", "贷了", "办过", "使用过", "申请过"]

    /// 住的公租房 → true; 不是公租房 → false; not the 公租房 of 和老公租房住.
    private mutating func readPublicRental() {
        guard let r = FactText.firstRange(of: Self.publicRental, in: t[...]),
              !(t[r].hasPrefix("公") && t[..<r.lowerBound].ends(with: "老")) else { return }
        let denied = t[..<r.lowerBound].hasSuffix(anyOf: ["不是", "非", "不住", "没住"])
        take("public_rental", .bool(!denied))
    }
}
