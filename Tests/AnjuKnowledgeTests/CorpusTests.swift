import AnjuData
import AnjuIntents
import AnjuKnowledge
import Foundation
import Testing

enum Fixtures {
    static let classifier = try! IntentClassifier.load(files: DataBundle.embedded.files)
    static let search = try! FAQSearch.load(files: DataBundle.embedded.files, profile: "reference", classifier: classifier)
    static let figures = try! ProfileFigures(profileYAML: DataBundle.embedded.text("Corpus/policy/reference.yaml")!)
}

@Suite("Policy corpus")
struct CorpusTests {
    let corpus = Fixtures.search.corpus

    @Test("the corpus has at least 150 entries and every intent at least three")
    func coverage() {
        #expect(corpus.entries.count >= 150)
        for intent in Fixtures.classifier.catalog.intents {
            #expect(corpus.entries(for: intent.id).count >= 3, "\(intent.id)")
        }
        #expect(corpus.entries.allSatisfy { Fixtures.classifier.catalog.intent($0.intent) != nil })
    }

    @Test("every entry cites passages that exist, and every passage has a source and an effective date")
    func citations() {
        for entry in corpus.entries {
            #expect(!entry.cites.isEmpty)
            for id in entry.cites { #expect(corpus.passage(id) != nil, "\(entry.id) → \(id)") }
        }
        for p in corpus.passages {
            #expect(!p.source.isEmpty && !p.doc.isEmpty && !p.section.isEmpty, "\(p.id)")
            #expect(p.effective.count == 10, "\(p.id) effective \(p.effective)")
        }
    }

    @Test("spoken answers have no digits, symbols or lists once rendered")
    func spokenAnswersAreSpeakable() {
        for entry in corpus.entries {
            let bad = entry.spoken.filter { ($0.isASCII && ($0.isNumber || "%/()[]:;*#-".contains($0))) || "（）：；【】".contains($0) || $0.isNewline }
            #expect(bad.isEmpty, "\(entry.id): \(entry.spoken)")
            #expect(entry.spoken.count <= 160, "\(entry.id) spoken answer is \(entry.spoken.count) characters")
        }
    }

    @Test("answers type no figure the profile holds: profile figures come only from placeholders")
    func noFigureTypedTwice() throws {
        // Written forms of the profile's figures.
        let paths: [(String, String)] = [
            ("money", "loan.cap.first_home"), ("money", "loan.cap.second_home"), ("money", "loan.cap_max"),
            ("money", "withdraw.rent.annual_cap.single"), ("money", "withdraw.rent.annual_cap.married"),
            ("money", "withdraw.rent.annual_cap.married_two_children"), ("money", "withdraw.rent.annual_cap.married_three_or_more_children"),
            ("money", "deposit.base_max"), ("money", "deposit.base_min"),
            ("percent", "rates.current.first_home.short"), ("percent", "rates.current.first_home.long"),
            ("percent", "rates.current.second_home.short"), ("percent", "rates.current.second_home.long"),
            ("ratio", "loan.uplift.children"), ("ratio", "loan.repayment_ratio"), ("ratio", "loan.loan_to_price.second_home"),
            ("times", "loan.balance_multiplier"), ("months", "withdraw.leave.min_sealed_months"),
            ("months", "withdraw.purchase.max_months_since_purchase"),
        ]
        let forms = try Set(paths.map { try Fixtures.figures.render("{{\($0.0):\($0.1)}}", style: .written) })
        let raw = DataBundle.embedded.files(under: "Corpus/faq", suffix: ".yaml").map(\.text).joined()
        let withoutPlaceholders = raw.replacingOccurrences(of: #"\{\{[^}]*\}\}"#, with: "", options: .regularExpression)
        for form in forms {
            #expect(!withoutPlaceholders.contains(form), "the figure \(form) is typed in an FAQ answer; use its placeholder")
        }
    }

    @Test("placeholders render written and spoken figures from the profile")
    func placeholders() throws {
        let f = Fixtures.figures
        #expect(try f.render("{{money:loan.cap.first_home}}", style: .written) == "80万元")
        #expect(try f.render("{{money:loan.cap.first_home}}", style: .spoken) == "八十万元")
        #expect(try f.render("{{percent:rates.current.first_home.long}}", style: .written) == "2.6%")
        #expect(try f.render("{{percent:rates.current.first_home.long}}", style: .spoken) == "百分之二点六")
        #expect(try f.render("{{monthday:deposit.year_start}}", style: .written) == "7月1日")
        #expect(try f.render("{{monthday:deposit.year_start}}", style: .spoken) == "七月一日")
        #expect(try f.render("{{date:rates.current.effective}}", style: .spoken) == "二〇二五年五月八日")
        #expect(try f.render("{{months:loan.min_continuous_months}}", style: .written) == "6个月")
        #expect(try f.render("{{ratio:loan.uplift.children}}", style: .spoken) == "百分之二十")
        #expect(throws: KnowledgeError.self) { try f.render("{{money:loan.no_such_key}}", style: .written) }
        #expect(throws: KnowledgeError.self) { try f.render("{{weird:loan.cap.first_home}}", style: .written) }
    }

    @Test("the second profile gives its own figures in answers")
    func secondProfile() throws {
        let yancheng = try FAQSearch.load(files: DataBundle.embedded.files, profile: "yancheng", classifier: Fixtures.classifier)
        let reference = Fixtures.search
        let rentRef = reference.corpus.entries.first { $0.intent == "withdraw_rent" && $0.answer.contains("15,000元") }
        #expect(rentRef != nil)
        if let rentRef { #expect(yancheng.corpus.entries.first { $0.id == rentRef.id }?.answer.contains("15,000元") == false) }
    }
}

@Suite("Spoken and written numbers")
struct NumberWordsTests {
    @Test("integers are read the Chinese way", arguments: [
        (Int64(800000), "八十万"), (15000, "一万五千"), (1200000, "一百二十万"), (34515, "三万四千五百一十五"),
        (10, "十"), (15, "十五"), (100, "一百"), (105, "一百零五"), (1005, "一千零五"), (10010, "一万零一十"), (3003, "三千零三"),
        // a lone 2 at the head before its unit is 两; within a number it stays 二
        (2636, "两千六百三十六"), (20000, "两万"), (22000, "两万二千"), (12000, "一万二千"), (200_000_000, "两亿"), (20, "二十"),
    ])
    func integers(n: Int64, words: String) {
        #expect(SpokenNumber.integer(n) == words)
    }

    @Test("money, decimals and dates are spoken")
    func otherForms() {
        #expect(SpokenNumber.money(12345.67) == "一万二千三百四十五元六角七分")
        #expect(SpokenNumber.decimal(2.6) == "二点六")
        #expect(SpokenNumber.decimal(3.075) == "三点零七五")
        #expect(SpokenNumber.date("2025-05-08") == "二〇二五年五月八日")
        #expect(SpokenNumber.count(2) == "两")
    }

    @Test("written money groups thousands and uses 万 for round sums")
    func written() {
        #expect(WrittenNumber.money(12345.67) == "12,345.67元")
        #expect(WrittenNumber.money(450000) == "45万元")
        #expect(WrittenNumber.money(15000) == "15,000元")
    }
}

@Suite("FAQ lookup")
struct FAQSearchTests {
    /// Staff-style keyword queries (ours, not the held-out set) and the intent that must be in the top 3.
    @Test("staff keyword queries find an entry of the right intent in the top three", arguments: [
        ("租房提取 额度", "withdraw_rent"), ("商转公 条件", "loan_commercial_transfer"), ("离职 封存 几个月", "withdraw_leave"),
        ("公積金 利率", "loan_rate"), ("缴存基数 上限", "deposit_base_ratio"), ("提前还款 违约金", "loan_prepay"),
        ("异地贷款 证明", "loan_offsite"), ("退休 提取 材料", "withdraw_retire"), ("密码 忘了", "password_service"),
        ("组合贷 流程", "loan_combination"), ("加装电梯 提取", "withdraw_renovation"), ("逾期 征信", "loan_overdue"),
        ("灵活就业 缴存", "flexible_deposit"), ("缴存证明 开具", "deposit_certificate"), ("跨省通办 事项", "online_service"),
        ("大病 提取", "withdraw_illness"), ("继承 提取", "withdraw_death"), ("缓缴 条件", "deposit_deferral"),
    ])
    func staffQueries(query: String, intent: String) {
        let results = Fixtures.search.search(query, limit: 3)
        #expect(results.contains { $0.entry.intent == intent }, "\(query): \(results.map(\.entry.intent))")
        #expect(results.allSatisfy { !$0.doc.isEmpty && !$0.section.isEmpty })
    }

    @Test("snippets mark the matched terms")
    func snippetsMarkTerms() {
        let r = Fixtures.search.search("租房提取 条件", limit: 1)
        #expect(r.first?.snippet.contains("【") == true)
    }

    @Test("intent filter and limit are honoured; empty queries return nothing")
    func filterAndLimit() {
        #expect(Fixtures.search.search("提取", limit: 4, intent: "withdraw_rent").allSatisfy { $0.entry.intent == "withdraw_rent" })
        #expect(Fixtures.search.search("提取", limit: 2).count <= 2)
        #expect(Fixtures.search.search("  ", limit: 5).isEmpty)
    }
}
