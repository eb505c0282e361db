import AnjuKnowledge
import Foundation

/// Which of one intent's FAQ entries a question asks for. Each entry's question and keywords
/// are compared with the question by the character pairs they share, each pair weighted by
/// how few of the intent's entries have it (公积 is in all of them and counts for nothing,
/// 上限 or 违约 for much). The first entry — the intent's general answer — stands unless
/// another entry matches clearly better. Only the intent's own entries are candidates.
///
/// The entries' side (their pairs, the pair weights, their citations) is worked out once per
/// intent when the assistant is built (``Table``); a turn only splits its own question.
struct FAQEntryChoice: Sendable {
    /// How much better (in weighted pairs) another entry must match than the first.
    static let margin = 1.0

    /// One intent's entries, in corpus order (the first is the general answer).
    let entries: [FAQEntry]
    /// The citations of each entry (passages that exist), in the order it cites them.
    let citations: [[Citation]]
    /// Each entry's pairs (question and keywords).
    private let texts: [Set<Pair>]
    /// Each entry's keyword pairs (as written and normalised): what sets it apart from the
    /// general answer. An entry with keywords is chosen only when the question shares one of
    /// these pairs — 可不可以用公积金贷款买房 shares 用公积金贷款买房 with the third-home entry's
    /// question, but none of 第三套/两套房/多套房, so it is not told 不能.
    private let keywordPairs: [Set<Pair>]
    /// Each entry's keywords, as written and normalised, for the entries whose answer opens
    /// with a refusal (不能。…, 不在了。…); nil for the others. Such an entry is chosen
    /// only when the question holds one of its keywords whole or shares two of their pairs:
    /// 首套房 shares only 套房 with the third-home entry's 两套房 and is not told 不能.
    private let refusalKeywords: [[String]?]
    /// log(entries / entries with the pair), per pair of any entry.
    private let weights: [Pair: Double]

    /// Two adjacent characters, compared as the strings they make (canonical equivalence):
    /// two plain scalars as one integer (hashing a short `String` normalises it each time),
    /// anything else by its NFC form.
    enum Pair: Hashable, Sendable {
        case scalars(UInt64)
        case text(String)

        init(_ a: Character, _ b: Character) {
            if let x = a.plainScalar, let y = b.plainScalar {
                self = .scalars(UInt64(x.value) << 32 | UInt64(y.value))
                return
            }
            let nfc = String([a, b]).precomposedStringWithCanonicalMapping
            let scalars = Array(nfc.unicodeScalars)
            if scalars.count == 2, let x = Character(scalars[0]).plainScalar, let y = Character(scalars[1]).plainScalar {
                self = .scalars(UInt64(x.value) << 32 | UInt64(y.value))
            } else {
                self = .text(nfc)
            }
        }
    }

    /// - Parameter normalize: the normaliser questions go through before they are compared
    ///   (synonyms applied: 取出来 → 提取); each entry counts its pairs as written and as
    ///   normalised, so a question matches in either form.
    init(entries: [FAQEntry], corpus: PolicyCorpus, normalize: (String) -> String = { $0 }) {
        self.entries = entries
        citations = entries.map { entry in
            entry.cites.compactMap { corpus.passage($0) }.map { Citation(doc: $0.doc, section: $0.section, title: $0.title) }
        }
        let keywordPairs = entries.map { entry in
            Self.pairs(entry.keywords.joined(separator: " ")).union(Self.pairs(entry.keywords.map(normalize).joined(separator: " ")))
        }
        self.keywordPairs = keywordPairs
        refusalKeywords = entries.map { entry in
            Self.refusalOpenings.contains(where: entry.answer.hasPrefix) ? Array(Set(entry.keywords + entry.keywords.map(normalize))).filter { !$0.isEmpty } : nil
        }
        let texts = entries.indices.map { i in
            Self.pairs(entries[i].question).union(Self.pairs(normalize(entries[i].question))).union(keywordPairs[i])
        }
        self.texts = texts
        var documentFrequency: [Pair: Int] = [:]
        for t in texts { for p in t { documentFrequency[p, default: 0] += 1 } }
        let n = Double(entries.count)
        var weights = documentFrequency.mapValues { log(n / Double($0)) }
        // The fund's own name tells no entry from another (公积金商转公条件 is the conditions
        // entry, though the general one's question says 公积金贷款).
        for p in Self.pairs(Self.fundName) { weights[p] = 0 }
        self.weights = weights
    }

    /// The fund's name, whose pairs weigh nothing.
    static let fundName = "住房公积金"

    /// The index in ``entries`` of the entry `question` (normalised) asks for.
    func choose(for question: String) -> Int {
        guard entries.count > 1 else { return 0 }
        let asked = Self.pairs(question)
        guard !asked.isEmpty else { return 0 }
        let scores = texts.indices.map { i in
            // (an entry whose keywords the question does not touch is not what it asks)
            i > 0 && !keywordPairs[i].isEmpty && !touches(i, question, asked) ? 0
                : asked.reduce(0.0) { sum, p in texts[i].contains(p) ? sum + (weights[p] ?? 0) : sum }
        }
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }), scores[best] > scores[0] + Self.margin else { return 0 }
        return best
    }

    /// Whether `question` (with its pairs `asked`) touches entry `i`'s keywords: shares one of
    /// their pairs — or, for an entry that opens with a refusal, holds one whole or shares two
    /// of their pairs (三套房 with 第三套/两套房).
    private func touches(_ i: Int, _ question: String, _ asked: Set<Pair>) -> Bool {
        guard let whole = refusalKeywords[i] else { return !keywordPairs[i].isDisjoint(with: asked) }
        if whole.contains(where: { question.contains($0) }) { return true }
        return keywordPairs[i].intersection(asked).count >= 2
    }

    /// How an answer that refuses what its own question asks opens (a yes — 可以。 — is
    /// left to the pair gate: requiring a whole keyword lost 手机上办 to the general entry).
    static let refusalOpenings = ["不"]

    /// Every intent's choice, built once.
    struct Table: Sendable {
        private let byIntent: [String: FAQEntryChoice]

        init(corpus: PolicyCorpus, normalize: (String) -> String = { $0 }) {
            var grouped: [String: [FAQEntry]] = [:]
            for entry in corpus.entries { grouped[entry.intent, default: []].append(entry) }
            byIntent = grouped.mapValues { FAQEntryChoice(entries: $0, corpus: corpus, normalize: normalize) }
        }

        /// The intent's entries and their choice; nil when the corpus has none for it.
        subscript(intent: String) -> FAQEntryChoice? { byIntent[intent] }
    }

    /// Pairs of adjacent Chinese characters (or digits) of `text`.
    static func pairs(_ text: String) -> Set<Pair> {
        let chars = Array(text).map { $0.isASCII && $0.isLetter ? Character($0.lowercased()) : $0 }
        var out: Set<Pair> = []
        out.reserveCapacity(chars.count)
        var previousIsWord = false
        for i in chars.indices {
            let isWord = isWordCharacter(chars[i])
            if isWord, previousIsWord { out.insert(Pair(chars[i - 1], chars[i])) }
            previousIsWord = isWord
        }
        return out
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        if let s = c.plainScalar, s.value >= 0x4E00, s.value < 0xA000 { return true }  // an ideograph: a letter
        return !(c.isWhitespace || c.isPunctuation || c.isSymbol)
    }
}
