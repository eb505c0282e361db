@testable import AnjuText
import AnjuData
import Testing

@Suite("Pinyin table")
struct PinyinTableTests {
    @Test("the committed table matches ICU's Han-Latin transliteration")
    func committedTableMatchesICU() throws {
        let generated = try PinyinTable.generate()
        #expect(generated == DataBundle.embedded.text("Intents/text/pinyin.tsv")! + "\n" || generated == DataBundle.embedded.text("Intents/text/pinyin.tsv")!)
    }

    @Test("fuzzy syllables merge zh/z, sh/s, l/n and -ng/-n")
    func fuzzySyllables() {
        #expect(PinyinTable.fuzzy("zhang") == "zan")
        #expect(PinyinTable.fuzzy("shi") == "si")
        #expect(PinyinTable.fuzzy("lv") == "nv")
        #expect(PinyinTable.fuzzy("gong") == "gon")
    }
}
