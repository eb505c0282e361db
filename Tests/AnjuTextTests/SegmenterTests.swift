import AnjuText
import Testing

@Suite("Segmenter")
struct SegmenterTests {
    let analyzer = Fixtures.analyzer

    func tokens(_ text: String) -> [String] { analyzer.analyze(text).tokens.map(\.text) }

    @Test("lexicon terms stay whole where ICU would split them", arguments: ["公积金", "商转公", "组合贷", "缴存基数", "封存", "按月冲还贷"])
    func lexiconTermsWhole(term: String) {
        #expect(tokens("我想问\(term)的事").contains(term))
    }

    @Test("the lexicon holds at least 400 terms")
    func lexiconSize() {
        #expect(analyzer.lexicon.count >= 400)
    }

    @Test("numbers keep their unit")
    func numbersWithUnits() {
        let t = tokens("交了二十四个月余额3.5万")
        #expect(t.contains("24个月"))
        #expect(t.contains("35000"))
    }

    @Test("a homophone of a lexicon term is found by pinyin")
    func homophoneByPinyin() {
        let analysis = analyzer.analyze("我想办商专公")
        let token = analysis.tokens.first { $0.text == "商转公" }
        #expect(token?.kind == .homophone)
        #expect(token?.surface == "商专公")
    }

    @Test("the analysed text reads each homophone as its term, so keywords and character pairs see it too")
    func analysedTextCarriesHomophoneTerms() {
        let analysis = analyzer.analyze("我想办商专公")
        #expect(analysis.normalized == "我想办商转公")
        #expect(analyzer.analyze("公积金余额多少").normalized == "公积金余额多少")
    }

    @Test("a span that is itself a lexicon term is no mishearing, even after a number took a character of a longer term")
    func termIsNotMisheard() {
        let analysis = analyzer.analyze("期限正好5年利率是多少")
        #expect(!analysis.tokens.contains { $0.kind == .homophone })
        #expect(analysis.normalized.contains("利率"))
    }

    @Test("百分之几 stays a question of a share: 之几交 is not 自己交")
    func shareQuestionNotMisheard() {
        #expect(!tokens("单位最低能按百分之几交").contains("自己交"))
    }

    @Test("two-character homophones need a shared character", arguments: ["事业单位"])
    func noLooseHomophones(text: String) {
        #expect(!tokens(text).contains("失业"))
    }

    @Test("two characters that are no word and stand before a sum may be a misheard label sharing no character with it")
    func misheardLabelBeforeASum() {
        #expect(tokens("于鹅20000").contains("余额"))
        #expect(tokens("鱼恶 两万").contains("余额"), "a transcript's space between the label and the sum")
        // not before a small count (子带 1个 is no 只贷), nor anywhere else (不交 is not 补缴)
        #expect(!tokens("我两口子带1个孩子").contains("只贷"))
        #expect(!tokens("单位不交公积金").contains("补缴"))
    }

    @Test("a dictionary word of two characters is what was said, and a shared particle is no shared character", arguments: [
        ("我老板不给交", "老伴"), ("长期贷款利率", "展期"), ("合同上写了", "谢了"), ("晚上能办吗", "网上"),
    ])
    func realWordsStay(text: String, notTerm: String) {
        #expect(!tokens(text).contains(notTerm), "\(tokens(text))")
    }

    @Test("in a word-by-word transcript, two characters that are no word and sound exactly like a form's word are it, even sharing none", arguments: [
        ("联叙 交 了 四 十 五 个 月", "连续"), ("随钱 一个 月 六千 五", "税前"), ("风存 十 个 月 了", "封存"), ("收讨 房 公积金", "首套房"),
    ])
    func formWordsMisheardInTranscripts(text: String, term: String) {
        #expect(tokens(text).contains(term), "\(tokens(text))")
    }

    @Test("typed text keeps the shared-character rule, and a transcript's pair that begins another word stays", arguments: [
        ("你知道我是谁吗", "离职"), ("你直接告诉我余额", "离职"), ("申请的钱一直没到账上也没短信", "商业"), ("我 上 夜班 一个 月 六千", "商业"),
    ])
    func formWordsNotMisheardElsewhere(text: String, notTerm: String) {
        #expect(!tokens(text).contains(notTerm), "\(tokens(text))")
    }

    @Test("a term the normaliser writes with a digit is heard by its words: 尔套房 and 二滔房 are 2套房", arguments: ["我想算尔套房的公积金月供", "二滔房用公积金贷款"])
    func numeralTermsHeardByTheirWords(text: String) {
        #expect(tokens(text).contains("2套房"), "\(tokens(text))")
    }

    @Test("a misheard verb before a number is still the fund's: 带了30万 is 贷了")
    func misheardVerbBeforeANumber() {
        #expect(tokens("带了30万").contains("贷了"), "\(tokens("带了30万"))")
    }

    @Test("odd input is analysed without trouble", arguments: [
        "", "   ", String(repeating: "公积金", count: 40_000), "\u{FFFD}\u{FFFD}abc", "\u{0001}\u{0002}", "😀😀", "1234567890",
        "my gjj 余额 is how much", "ｱｲｳ", "\u{202E}余额",
    ])
    func oddInput(text: String) {
        let analysis = analyzer.analyze(text)
        #expect(analysis.normalized.unicodeScalars.count <= 1_000)
    }
}
