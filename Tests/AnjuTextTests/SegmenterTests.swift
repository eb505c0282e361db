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

    @Test("two-character homophones need a shared character", arguments: ["事业单位"])
    func noLooseHomophones(text: String) {
        #expect(!tokens(text).contains("失业"))
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
