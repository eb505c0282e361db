import Foundation

/// Written and spoken variants rewritten to one canonical form before segmentation:
/// synonyms and typos (gjj→公积金, 公基金→公积金, 代款→贷款, 提出来→提取) and fillers
/// (嗯, 那个, 请问一下 → nothing). Both lists are data files in `Intents/text/`.
public struct VariantTable: Sendable {
    private var trie = ScalarTrie<[UInt32]>()
    /// The canonical forms, so the segmenter can treat them as lexicon terms.
    public private(set) var canonicalForms: Set<String> = []

    public init() {}

    /// Parses `synonyms.tsv` (variant TAB canonical; a canonical form of several words separated
    /// by spaces, 余额 是, is written joined and is not a term) and `fillers.txt` (one per line);
    /// `#` starts a comment. Keys go through `prepare` (character mapping and numerals).
    public init(synonyms: String, fillers: String, prepare: ([UInt32]) -> [UInt32]) throws(TextDataError) {
        for (number, raw) in synonyms.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let parts = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw TextDataError(file: "synonyms.tsv", line: number + 1, message: "expected 'variant<TAB>canonical' / 应为「变体<TAB>标准词」")
            }
            // A canonical form of several words (余额 是, 多 少) is written joined and is no term:
            // as one term it would swallow the label 余额 into one token, and a new term becomes a
            // homophone target (多少 would block 能代多少 → 能贷多少; 只有 would take 自有).
            let words = parts[1].split(separator: " ").map { prepare(Array($0.unicodeScalars.map(\.value))) }
            trie.insert(prepare(Array(parts[0].unicodeScalars.map(\.value))), Array(words.joined()))
            if words.count == 1 {
                canonicalForms.insert(String(String.UnicodeScalarView(words[0].compactMap(Unicode.Scalar.init))))
            }
        }
        for raw in fillers.split(separator: "\n") {
            let line = (raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "")
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            trie.insert(prepare(Array(line.unicodeScalars.map(\.value))), [])
        }
    }

    /// Rewrites every longest match, left to right. A Latin variant (gjj) only matches a
    /// whole Latin word, so it never fires inside another word.
    func apply(_ text: [UInt32]) -> [UInt32] {
        guard trie.count > 0 else { return text }
        var out: [UInt32] = []
        out.reserveCapacity(text.count + 8)
        var i = 0
        while i < text.count {
            if let (length, replacement) = trie.longestMatch(in: text, at: i) {
                let latin = CharClass.isASCIILetter(text[i])
                let cleanStart = !latin || i == 0 || !CharClass.isASCIILetter(text[i - 1])
                let cleanEnd = !latin || i + length >= text.count || !CharClass.isASCIILetter(text[i + length])
                if cleanStart && cleanEnd {
                    // A filler between two numbers leaves them apart (六十万嗯二十年 → 600000 20年).
                    if replacement.isEmpty, let last = out.last, CharClass.isASCIIDigit(last), i + length < text.count,
                       CharClass.isASCIIDigit(text[i + length]) {
                        out.append(0x20)
                    }
                    out.append(contentsOf: replacement)
                    i += length
                    continue
                }
            }
            out.append(text[i])
            i += 1
        }
        return out
    }
}

/// A malformed line in one of the text data files.
public struct TextDataError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { "\(file):\(line): \(message)" }
}
