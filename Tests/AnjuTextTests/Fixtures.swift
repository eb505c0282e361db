import AnjuData
import AnjuText

/// One analyser over the embedded data files, shared by the tests (building it costs ~50 ms).
enum Fixtures {
    static let analyzer: TextAnalyzer = {
        let b = DataBundle.embedded
        return try! TextAnalyzer(
            lexiconFiles: b.files(under: "Intents/lexicon", suffix: ".txt").map(\.text),
            synonyms: b.text("Intents/text/synonyms.tsv")!,
            fillers: b.text("Intents/text/fillers.txt")!,
            pinyin: b.text("Intents/text/pinyin.tsv")!)
    }()
}
