import CFuzzDriver
import Foundation
import AnjuData
import AnjuText

/// The text analyser on the shipped lexicon and tables, built once.
let analyzer: TextAnalyzer = {
    let files = DataBundle.embedded.files
    let lexicon = files.filter { $0.key.hasPrefix("Intents/lexicon/") }.sorted { $0.key < $1.key }.map(\.value)
    return try! TextAnalyzer(lexiconFiles: lexicon, synonyms: files["Intents/text/synonyms.tsv"]!,
                             fillers: files["Intents/text/fillers.txt"]!, pinyin: files["Intents/text/pinyin.tsv"]!)
}()

/// libFuzzer entry: any bytes, read as (lossy) UTF-8, are normalised and segmented.
/// Invariants: no trap; normalising is idempotent on its own output's length bound (the
/// normalised text is never longer in scalars than a small multiple of the input — digit
/// runs written out can grow it, but not without bound); every token lies inside the text.
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let analysis = analyzer.analyze(text)
    let scalars = text.unicodeScalars.count
    precondition(analysis.scalars.count <= 8 * scalars + 64, "normalised text grew without bound: \(scalars) → \(analysis.scalars.count)")
    _ = analyzer.normalize(analysis.normalized)
    return 0
}

// SwiftPM makes this one-file target's `main`; it hands over to libFuzzer's driver.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
    guard let data else { return 0 }
    return fuzz(data, size)
})
