import Foundation
@testable import AnjuText
import Testing

@Suite("Normaliser")
struct NormalizerTests {
    let analyzer = Fixtures.analyzer

    @Test("full-width characters become half-width", arguments: [
        ("ＧＪＪ１２３", "公积金123"), ("５％", "5%"), ("ａｐｐ", "app"),
    ])
    func fullWidthToHalfWidth(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("traditional characters become simplified", arguments: [
        ("公積金餘額", "公积金余额"), ("貸款額度", "贷款额度"), ("帳戶狀態", "账户状态"), ("繳存證明", "缴存证明"),
    ])
    func traditionalToSimplified(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("Latin letters are lower-cased", arguments: [("APP", "app"), ("Gjj", "公积金"), ("LPR", "lpr")])
    func latinLowerCase(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("punctuation, emoji and control characters are removed", arguments: [
        ("余额？！", "余额"), ("😀余额😀", "余额"), ("余额\u{0007}\u{0000}", "余额"), ("「租房」，提取。", "租房提取"), ("🙂🙂🙂", ""),
    ])
    func punctuationAndEmojiRemoved(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("fillers from the data file are removed", arguments: [
        ("嗯 那个 余额", "余额"), ("请问一下租房提取", "租房提取"), ("麻烦查余额", "查余额"), ("就是想问下利率", "利率"),
    ])
    func fillersRemoved(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("Chinese numerals become digits with multipliers resolved", arguments: [
        ("二十四个月", "24个月"), ("两年", "2年"), ("六十万", "600000"), ("一万二", "12000"), ("3.5万", "35000"),
        ("八千五", "8500"), ("三万二", "32000"), ("十五个月", "15个月"), ("一百二十平", "120平"), ("二〇二五年", "2025年"),
        ("百分之五", "5%"), ("百分之二点六", "2.6%"), ("一万二千", "12000"), ("三百五", "350"), ("两个娃", "2个娃"),
        ("第二次", "第2次"), ("贷六十万二十年", "贷600000 20年"), ("1.2万", "12000"),
        // Digits with units mixed, as typed: 3万6千5 is 36500, never 30000 and a stray 6500.
        ("3万6千5", "36500"), ("1万2千", "12000"), ("1万2", "12000"), ("1万2千3百", "12300"), ("贷60万20年", "贷600000 20年"),
        // A digit or 十 with a count word of its own after a unit is a number of its own.
        ("贷50万5年还清", "贷500000 5年还清"), ("三十万十年", "300000 10年"), ("二十万五年", "200000 5年"), ("一万五", "15000"),
        // Word-by-word transcripts: the spaces go before the numerals are read; a typed space separates.
        ("三十 个 月", "30个月"), ("余额 两万 八 不是 三万 八", "余额 28000不是 38000"), ("五年 八万 四千五", "5年 80000 4500"), ("余鹅 一万 二千 三 喔", "余额 12300"), ("每个 月 两千 一百 六十", "每个月 2160"), ("现在 每个 月 两千 一百", "现在每个月 2100"), ("余额 两万一 月收入 七千", "余额 21000 月收入 7000"), ("本市住房：无；公积金贷款：未结清", "本市住房无 公积金贷款未结清"), ("性别（A男 B女）选B", "性别女"), ("类型/逾期：商贷/无", "类型商贷逾期无"), ("[ ]男 [x]女", "女"), ("余额俩万八", "余额28000"), ("仨千五", "3500"), ("咱俩一起贷", "咱俩一起贷"), ("基数七千五个人按百分之十交", "基数7500个人按10%交"), ("基数 七千五 个人 按 百分之十 一 个 月 扣 多少", "基数 7500个人按 10% 1个月扣多少"), ("二十万五年", "200000 5年"), ("余鹅 贼 少 就 两万 零 九百", "余额贼少就 20900"), ("贷款四十五万 十五年", "贷款450000 15年"), ("余额 三万 六 三 六 零 零 零", "余额 36000 36000"), ("余额 三万六 三 六 零 零 零", "余额 36000 36000"), ("贷 四十七万 四 七 零 零 零 零", "贷 470000 470000"),
        // A figure said twice and run together (a transcript spaced per character): two figures.
        // A form's boxes: the words of empty boxes go, ticked ones stay.
        ("本市住房 ☐有 ☑无", "本市住房无"), ("婚姻 ☑已婚 ☐未婚；子女2", "婚姻已婚 子女2"),
        // A value named after it in brackets reads label first; not a value that follows a word.
        ("额度核算单：45个月（连续缴存）、7万元（账户余额）", "额度核算单连续缴存45个月账户余额70000元"), ("贷款40万（公积金）", "贷款400000 公积金"),
        // A list's bracketed item numbers are no counts.
        ("（三）逾期：无 （四）账户余额：4.7万元", "逾期无账户余额 47000元"),
        ("九 万 零 六 百 九 万 零 六 百", "90600 90600"), ("九万零六百 九万零六百", "90600 90600"), ("余额九千六九千六百块", "余额9600 9600块"), ("五百五百", "500 500"),
        // Two consecutive digits after a unit are approximate: the lower.
        ("一千七八左右", "1700左右"), ("三万七八", "37000"),
    ])
    func chineseNumerals(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("words with numeral characters keep their meaning", arguments: [
        "统一", "一样", "二手房", "万一", "十分满意", "一直", "一起",
    ])
    func numeralWordsKept(word: String) {
        #expect(analyzer.normalize(word) == word)
    }

    @Test("ID and phone numbers stay intact")
    func identifiersIntact() {
        #expect(analyzer.normalize("身份证330902199001011234") == "身份证330902199001011234")
        #expect(analyzer.normalize("33090219900101123X") == "33090219900101123x")
        #expect(analyzer.normalize("电话13812345678") == "电话13812345678")
    }

    @Test("a space separates a number from what follows a removed comma")
    func numberBoundaryKept() {
        #expect(analyzer.normalize("余额5万，月收入一万二") == "余额50000 月收入12000")
    }

    @Test("variants from the synonym table are rewritten", arguments: [
        ("公基金", "公积金"), ("代款", "贷款"), ("提出来", "提取"), ("gjj", "公积金"),
    ])
    func variantsRewritten(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("Cantonese written as spoken reads as Mandarin", arguments: [
        ("佛山冇屋", "某地没房"), ("我嘅余额係1.6万", "我的余额是16000"), ("连续交咗28个月", "连续交了28个月"),
        ("想拎啲出嚟交租得唔得", "想提取交租行不行"), ("从来冇断供过", "从来没有逾期过"), ("月供4,380蚊", "月供4380块"),
        ("可以贷几多", "可以贷多少"), ("佢每个月税前五千八", "他每个月税前5800"),
        ("唔啱唔啱", "不对不对"), ("南 的", "男的"), ("吕的", "女的"),
    ])
    func cantoneseRead(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("a phrase rewritten to several words joins no term: the homophone step still works beside it", arguments: [
        ("余鹅 四 万 八 能 代 几多", "贷"), ("本市名下暂无自有住房", "自有"), ("那要是再交一个月呢", "再交"),
    ])
    func phraseCanonicalIsNoTerm(input: String, keeps: String) {
        let text = analyzer.analyze(input).tokens.map(\.text).joined()
        #expect(text.contains(keeps), "\(text)")
    }

    @Test("the northwestern 么 reads 没 on its own, never inside 为什么 or 怎么", arguments: [
        ("从来么逾期过", "从来没逾期过"), ("为什么有逾期", "为什么有逾期"), ("怎么有两个余额", "怎么有2个余额"), ("西安么有房子", "某地没有房子"),
    ])
    func northwesternMe(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("Taiwan and markdown forms: 仟 beside digits, struck-through values gone, English units after a number", arguments: [
        ("存款3萬2仟", "存款32000"), ("薪水9仟5", "工资9500"), ("总价：~~98万~~ 89万", "总价 890000"), ("余额~~没关闭的波浪", "余额没关闭的波浪"),
        ("sealed 10 months", "封存 10个月"), ("term 25 years", "期限 25年"), ("Months 72", "连续缴存月数 72"),
    ])
    func taiwanAndMarkdownForms(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("a scanned form's look-alike letters read as digits, and only there", arguments: [
        ("账户余额：5l、2OO元", "账户余额 51200元"), ("连续缴存月数：7O", "连续缴存月数 70"), ("出生年月：l967年O7月", "出生年月 1967年07月"),
        ("本市住房套数：O", "本市住房套数 0"), ("file OK 3", "file ok 3"), ("Income 4800", "月收入 4800"),
    ])
    func scannedDigits(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("English field names of a screenshot read as their Chinese labels", arguments: [
        ("Balance ￥58,300.00", "余额"), ("Monthly Payment ￥2,640.00", "月供"), ("Loan Type Commercial", "商业贷款"),
    ])
    func englishFieldNames(input: String, label: String) {
        #expect(analyzer.normalize(input).contains(label), "\(analyzer.normalize(input))")
    }

    @Test("spaces between Chinese characters are dropped")
    func spacesBetweenCharactersDropped() {
        #expect(analyzer.normalize("公 积 金 余 额") == "公积金余额")
    }

    @Test("a word-by-word transcript is joined for sentence cues; typed text and short word lists stay", arguments: [
        ("我 之 前 那 笔 贷 款 还 没 还 完 还 能 再 贷 吗", "我之前那笔贷款还没还完还能再贷吗"),
        ("能 不 能 提", "能不能提"),
        ("本金80万 期限30年 等额本息", "本金80万 期限30年 等额本息"),
        ("公积金余额怎么查", "公积金余额怎么查"),
    ])
    func transcriptJoined(input: String, expected: String) {
        #expect(Normalizer.joiningTranscript(input) == expected)
    }

    @Test("digits as forms write them: thousands separators go, a year and month get their units", arguments: [
        ("月租2,000元", "月租2000元"), ("每月扣款3，250", "每月扣款3250"), ("1,234,567元", "1234567元"),
        ("合同2026-02", "合同2026年02月"), ("出生1965/9", "出生1965年9月"), ("网签2026-02-15", "网签2026年02月15日"), ("2025.11签的", "2025年11月签的"),
        ("余额1.87万", "余额18700"), ("余额9.12万", "余额91200"), ("2025.5万", "20255000"), ("1234,567", "1234 567"), ("12,34", "12 34"),
        ("0571-88886666", "0571 88886666"), ("330902-19880715-0013", "330902 19880715 0013"),
        ("网签2026/10，总价1,150,000元", "网签2026年10月总价1150000元"), ("2026/10,000", "2026 10000"),
        ("Income ￥4,800.00/月", "月收入 4800元月"), ("月租2300/月", "月租2300元月"), ("余额58,300.00元", "余额58300元"), ("利率3.10%", "利率3.10%"),
    ])
    func numericForms(input: String, expected: String) {
        #expect(analyzer.normalize(input) == expected)
    }

    @Test("a transcript's lone 额 is a filler, 余 额 and 额 度 spelt out stay", arguments: [
        ("喂 额 想 问 一下 额 这 情况 贷 公基金 能 成 不", false),
        ("余 额 二 一 五 零 零", true), ("额 度 是 多 少", true), ("公积金额度多少", true),
        ("额 渝 额 两 万 一", true), ("鱼 额 三 万", true),
    ])
    func loneE(input: String, keeps: Bool) {
        #expect(analyzer.normalize(input).contains("额") == keeps, "\(analyzer.normalize(input))")
    }
}

@Suite("Form layouts (property)")
struct FormLayoutPropertyTests {
    let analyzer = Fixtures.analyzer

    /// Characters the layout rewrites look for, with words and digits around them.
    static let alphabet: [String] = ["[", "]", " ", "x", "（", "）", "(", ")", "A", "B", "C", "选", "/", "：", ":", "=", "；", "【", "】", "|",
                                     "\n", "Q", "A", "问", "答", "多少", "余额", "无", "3", "万", "两千", "一百", "俩", "，", "√", "☐", "☑"]

    @Test("any mix of layout marks normalises without a trap, and no field boundary leaks into the text")
    func randomLayoutsNormalise() {
        var state: UInt64 = 0x5EED_F00D
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<3_000 {
            let length = next() % 40
            let text = (0..<length).map { _ in Self.alphabet[next() % Self.alphabet.count] }.joined()
            let normalised = analyzer.normalize(text)
            #expect(!normalised.unicodeScalars.contains { $0.value == 0x1F }, "\(text.debugDescription) → \(normalised.debugDescription)")
            #expect(normalised == normalised.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test("a pasted spreadsheet: each value after its column's label, a merged header carried over, a bracketed unit after the value")
    func pipeTableRows() {
        let out = String(scalars: Normalizer.pipeTables(Array("借款人|贷款信息|||住房 / |本金(元)|期限(年)|还款方式| / 孙**|550,000|25|等额本息|首套".unicodeScalars.map(\.value))))
        #expect(out.contains("贷款信息本金 550,000元"), "\(out)")
        #expect(out.contains("贷款信息期限 25年"), "\(out)")
        #expect(out.contains("住房 首套"), "\(out)")
        // fewer than four bars, or no row of values: left as it is
        let plain = "余额|3万 月收入|8000"
        #expect(String(scalars: Normalizer.pipeTables(Array(plain.unicodeScalars.map(\.value)))) == plain)
        let headers = "姓名|余额|月收入 / 张|李|王"
        #expect(String(scalars: Normalizer.pipeTables(Array(headers.unicodeScalars.map(\.value)))) == headers)
    }
}
