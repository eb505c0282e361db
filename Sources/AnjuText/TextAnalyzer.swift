/// The text half of the pipeline, ready to use: normalise, then segment.
///
/// Immutable after construction and safe to share between threads: the character tables
/// are plain arrays, and ICU's word break iterators come from a pool, one per caller.
public final class TextAnalyzer: Sendable {
    public let normalizer: Normalizer
    public let lexicon: Lexicon
    let segmenter: Segmenter

    /// Loads the text resources.
    /// - Parameters:
    ///   - lexiconFiles: the texts of `Intents/lexicon/*.txt` (one term per line, `#` comments).
    ///   - synonyms: `Intents/text/synonyms.tsv` (variant TAB canonical).
    ///   - fillers: `Intents/text/fillers.txt`.
    ///   - pinyin: `Intents/text/pinyin.tsv`.
    ///   - extraTerms: more terms to keep whole, e.g. the intents' keywords.
    public init(lexiconFiles: [String], synonyms: String, fillers: String, pinyin: String, extraTerms: [String] = []) throws {
        let simplified = try SimplifiedTable.shared.get()
        var normalizer = Normalizer(simplified: simplified, variants: VariantTable())
        let prepare = { [normalizer] (v: [UInt32]) in normalizer.prepare(v) }
        let variants = try VariantTable(synonyms: synonyms, fillers: fillers, prepare: prepare)
        normalizer.variants = variants
        let table = try PinyinTable(tsv: pinyin)
        var terms: [[UInt32]] = []
        // Terms whose numerals the normaliser writes as digits (二套房 → 2套房), by the
        // characters said: their homophones are heard in words (尔套房, 二滔房).
        var spoken: [[UInt32]: [UInt32]] = [:]
        for file in lexiconFiles {
            for raw in file.split(separator: "\n") {
                let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let said = line.unicodeScalars.map(\.value).filter { !Normalizer.isTypedSpace($0) }
                let term = normalizer.prepare(line.unicodeScalars.map(\.value)).filter { $0 != 0x20 }
                if !term.isEmpty { terms.append(term) }
                if !term.isEmpty, term != said, said.allSatisfy(CharClass.isIdeograph) { spoken[said] = term }
            }
        }
        for term in variants.canonicalForms.sorted() + extraTerms {
            terms.append(normalizer.prepare(term.unicodeScalars.map(\.value)).filter { $0 != 0x20 })
        }
        self.normalizer = normalizer
        self.lexicon = Lexicon(terms: terms, pinyin: table, spoken: spoken)
        self.segmenter = Segmenter(lexicon: lexicon, breakers: try WordBreakerPool(locale: "zh"))
    }

    /// Normalises and segments `text`.
    public func analyze(_ text: String) -> TextAnalysis {
        // (the text's scalars read once, for the normaliser and the transcript test)
        let raw = text.unicodeScalars.prefix(Normalizer.maxScalars).map(\.value)
        let scalars = normalizer.normalizeScalars(raw: raw)
        return TextAnalysis(scalars: scalars, tokens: segmenter.segment(scalars, spoken: Normalizer.isSpoken(raw: raw)))
    }

    /// The normalised form of `text` (step 1 only).
    public func normalize(_ text: String) -> String {
        normalizer.normalize(text)
    }

    /// The normalised form of a data term (keyword, example): character mapping and
    /// numerals, without variant rewriting, so that data and queries meet in one form.
    public func prepareTerm(_ term: String) -> String {
        String(scalars: normalizer.prepare(term.unicodeScalars.map(\.value))).trimmingSpaces()
    }
}

extension SimplifiedTable {
    /// Built once per process (≈30 ms): every analyser shares it.
    static let shared: Result<SimplifiedTable, ICUError> = Result { () throws(ICUError) in try SimplifiedTable() }
}

extension String {
    /// The string without leading and trailing ASCII spaces.
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
