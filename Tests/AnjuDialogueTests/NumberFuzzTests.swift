import AnjuIntents
import AnjuDialogue
import AnjuJSON
import Testing

/// Random and adversarial numbers through the normaliser, the fact extractor and whole
/// turns: nothing traps, and an absurd number is asked again instead of taken.
@Suite("Numbers from user text never crash")
struct NumberFuzzTests {
    let analyzer = Fixtures.shared.classifier.analyzer
    let extractor = FactExtractor()

    static let adversarial = [
        "租房能提多少，我交了99999999999999999999个月", "99999999999999999999", "9223372036854775808个月",
        "330902198807150013\u{1B}[31m", "330902198807150013\u{1B}[0m123456", "交了1e308年", "余额1.7976931348623157e308",
        "贷款99999999999999999999万30年", "贷九九九九九九九九九九九九九九九九九九九九万", "交了九千九百九十九亿年",
        "三三零九零二一九八八零七一五零零一三", "我有99999999999套房", "99999999999999999999个孩子", "封存了99999999999999999999年半",
        "1968年99月", "9999年9月出生", "月薪.5", "余额...", "交了-5个月", "余额-300000", String(repeating: "9", count: 5000) + "个月",
        String(repeating: "九", count: 3000) + "万", "二〇二五年", "百分之九九九九九九九九九九九九九九九九九九九九",
    ]

    static let facts = ["continuous_months", "sealed_months", "months_since_purchase", "term_years", "balance", "monthly_income",
                        "price", "principal", "homes_owned", "married", "gender", "loan_type", "birth", "children"]

    @Test("adversarial numbers are read without trapping, as any expected fact")
    func adversarialNumbers() {
        for text in Self.adversarial {
            let normalized = analyzer.normalize(text)
            for fact in [nil] + Self.facts.map(Optional.some) {
                let e = extractor.extractChecked(normalized, expecting: fact)
                for f in e.facts { #expect(FactBounds.accepts(f.name, f.value), "\(text) → \(f.name)=\(f.value)") }
            }
        }
    }

    @Test("an absurd number of months is not taken but reported as implausible")
    func absurdMonthsReported() {
        let e = extractor.extractChecked(analyzer.normalize("租房能提多少，我交了99999999999999999999个月"))
        #expect(!e.facts.contains { $0.name == "continuous_months" })
        #expect(e.implausible.contains("continuous_months"))
        let bare = extractor.extractChecked(analyzer.normalize("99999999999999999999"), expecting: "continuous_months")
        #expect(bare.facts.isEmpty)
        #expect(bare.implausible == ["continuous_months"])
    }

    @Test("random digit, numeral and unit strings never trap the extractor")
    func randomStrings() {
        var rng = SplitMix64(seed: 0xA11CE)
        let pieces = ["9", "0", "1", ".", "万", "千", "亿", "年", "月", "个月", "半", "套", "个孩子", "九", "十", "零", "两", "点",
                      "交了", "余额", "贷款", "月薪", "房租", "封存", "买了", "-", "e", "\u{1B}[31m", " ", "，", "岁", "期"]
        for _ in 0..<3_000 {
            let length = Int.random(in: 1...40, using: &rng)
            let text = (0..<length).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let normalized = analyzer.normalize(text)
            let expecting = Bool.random(using: &rng) ? Self.facts.randomElement(using: &rng) : nil
            let e = extractor.extractChecked(normalized, expecting: expecting)
            for f in e.facts { #expect(FactBounds.accepts(f.name, f.value), "\(text) → \(f.name)=\(f.value)") }
        }
    }

    @Test("whole turns with absurd numbers get a polite re-ask, never developer text", arguments: [Channel.chat, .ivr, .staff])
    func turnsNeverCrash(channel: Channel) async {
        let assistant = Fixtures.assistant()
        var rng = SplitMix64(seed: 7)
        let openers = ["租房能提多少", "我能贷多少", "查余额", "每月还多少", "离职能取吗", "退休能提吗"]
        for (n, text) in Self.adversarial.enumerated() {
            let session = "fuzz-\(n)"
            await assistant.ask(session: session, channel: channel, text: openers.randomElement(using: &rng)!)
            let reply = await assistant.ask(session: session, channel: channel, text: text)
            #expect(!reply.reply.contains("must be"), "\(text) → \(reply.reply)")
            #expect(!reply.reply.contains("_"), "\(text) → \(reply.reply)")
        }
        let r = await assistant.ask(session: "absurd", channel: channel, text: "租房能提多少，我交了99999999999999999999个月")
        #expect(r.reply.contains("这个数字好像不对"))
        #expect(r.expecting == "continuous_months")
    }
}
