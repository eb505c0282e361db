import CFuzzDriver
import AnjuData
import AnjuDialogue
import AnjuText
import Foundation

let analyzer: TextAnalyzer = {
    let files = DataBundle.embedded.files
    let lexicon = files.filter { $0.key.hasPrefix("Intents/lexicon/") }.sorted { $0.key < $1.key }.map(\.value)
    return try! TextAnalyzer(lexiconFiles: lexicon, synonyms: files["Intents/text/synonyms.tsv"]!,
                             fillers: files["Intents/text/fillers.txt"]!, pinyin: files["Intents/text/pinyin.tsv"]!)
}()
let extractor = FactExtractor()
let facts = ["homes_owned", "continuous_months", "balance", "monthly_income", "term_years", "children", "birth", nil]
let today = Date(timeIntervalSince1970: 1_764_547_200) // 2025-12-01, fixed so a crash replays

/// libFuzzer entry: the first byte picks the fact being asked for (as in a form), the rest
/// is the utterance, normalised as a turn would be. Invariants: no trap (numbers of any
/// length), and every fact taken is within the bounds the rules accept (`FactBounds`).
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let expecting = facts[Int(data[0]) % facts.count]
    let raw = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    for text in [raw, analyzer.normalize(raw)] {
        let extraction = extractor.extractChecked(text, expecting: expecting, today: today)
        for fact in extraction.facts {
            precondition(FactBounds.accepts(fact.name, fact.value), "out of bounds: \(fact.name)=\(fact.value) from \(text.debugDescription)")
        }
    }
    return 0
}

// SwiftPM makes this one-file target's `main`; it hands over to libFuzzer's driver.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
    guard let data else { return 0 }
    return fuzz(data, size)
})
