import AnjuIntents
import AnjuDialogue
import AnjuJSON
import Foundation
import Testing

/// Property test: random strings of digits, numerals, units and the readers' context words,
/// normalised or not, with any fact expected and any day: the extractor never traps, and
/// every fact it returns passes `FactBounds.accepts`.
@Suite("Fact extraction holds on random text")
struct FactFuzzTests {
    let analyzer = Fixtures.shared.classifier.analyzer
    let extractor = FactExtractor()

    static let pieces = [
        // digits and numerals
        "0", "1", "2", "9", "12", "62", "2024", "99999999999999999999", ".", "5", "一", "两", "三", "十", "百", "千", "万", "亿",
        "零", "幺", "仨", "俩", "半", "w", "k", "x", "叉",
        // units
        "年", "月", "个月", "个", "期", "套", "岁", "元", "块", "%", "号", "胎", "孩",
        // context words of the readers
        "交了", "缴存", "连续", "上班", "一直在交", "开始交", "封存", "离职", "买了", "签的合同", "去年", "前年", "今年",
        "上个月", "前", "多", "了", "生", "出生", "余额", "说错了", "是", "只有", "月薪", "工资", "加起来", "两口子", "老婆",
        "爱人", "我", "和", "总价", "房价", "贷款", "贷", "还贷", "每年", "每月", "车贷", "月供", "房贷", "月租", "房租",
        "首付", "首套", "第", "有", "没有", "没房", "老家", "外地", "本市", "二套", "孩子", "娃", "独生子女", "男", "女",
        "没还完", "还清了", "公租房", "不是", "逾期", "等额本金", "商贷", "公积金贷款", "如果", "那", "呢",
        // separators and noise
        " ", "，", "、", "-", "/", "\u{1B}[31m", "😀", "e",
    ]

    static let facts = ["continuous_months", "sealed_months", "months_since_purchase", "term_years", "term_months", "balance",
                        "monthly_income", "price", "principal", "homes_owned", "married", "gender", "loan_type", "birth", "children",
                        "annual_rent", "annual_repayment", "existing_monthly_debt", "co_borrower_balance", "co_borrower_income",
                        "outstanding_loan", "public_rental", "overdue", "method", "talent"]

    @Test("random text never traps and every fact is within bounds")
    func randomText() {
        var rng = SplitMix64(seed: 0xFAC75)
        for _ in 0..<4_000 {
            let length = Int.random(in: 1...24, using: &rng)
            let raw = (0..<length).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            let expecting = Bool.random(using: &rng) ? Self.facts.randomElement(using: &rng) : nil
            // Any day from 1990 to 2100.
            let today = Date(timeIntervalSince1970: Double.random(in: 631_152_000...4_102_444_800, using: &rng))
            for text in [analyzer.normalize(raw), raw] {
                let e = extractor.extractChecked(text, expecting: expecting, today: today)
                for f in e.facts {
                    #expect(FactBounds.accepts(f.name, f.value), "\(raw) [\(expecting ?? "-")] → \(f.name)=\(f.value)")
                }
                #expect(Set(e.facts.map(\.name)).count == e.facts.count, "\(raw): a fact twice")
                if let id = FactExtractor.idNumber(in: text) {
                    #expect(id.count == 18 && id.dropLast().allSatisfy(\.isNumber), "\(raw) → id \(id)")
                }
                if let pin = FactExtractor.pin(in: text) {
                    #expect(pin.count == 6 && pin.allSatisfy(\.isNumber), "\(raw) → pin \(pin)")
                }
            }
        }
    }

    @Test("absurd numbers in every reader are implausible, never taken", arguments: [
        "交了99999999999999999999年", "99999999999999999999个月前买的", "余额99999999999999999999", "有99999999999999999999套",
        "99999999999999999999个孩子", "贷99999999999999999999年", "99999999999999999999期", "车贷每月99999999999999999999",
        "老婆余额99999999999999999999万", "第99999999999999999999套",
    ])
    func absurd(text: String) {
        let e = extractor.extractChecked(analyzer.normalize(text))
        #expect(!e.implausible.isEmpty, "\(text) → \(e)")
        for f in e.facts { #expect(FactBounds.accepts(f.name, f.value), "\(text) → \(f.name)=\(f.value)") }
    }
}
