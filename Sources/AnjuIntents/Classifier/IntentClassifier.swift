import AnjuText
import Foundation

/// Steps 3–5 of the pipeline: tokens to an intent.
///
/// Each intent is scored from three signals: its keywords found in the query (weighted,
/// minus negative keywords), BM25 against its best single example, and BM25 against all
/// its examples together — words and character bigrams as features. The out-of-scope
/// topics compete as one more intent. Scores become confidences by a softmax; a weak best
/// score is `out_of_scope`, two close ones are `unclear`. Immutable and thread-safe.
public final class IntentClassifier: Sendable {
    public let analyzer: TextAnalyzer
    public let catalog: IntentCatalog
    public let config: ClassifierConfig

    /// Scored classes: the catalogue's intents, then the out-of-scope topics (last).
    private let classes: [IntentDefinition]
    private let features: FeatureSpace
    private let exampleIndex: BM25Index
    private let intentIndex: BM25Index
    /// The examples of class `c` are `exampleRange[c]` in the example index (contiguous).
    private let exampleRange: [Range<Int>]
    private let exampleTexts: [String]
    private let keywords: KeywordMatcher
    /// The learned model over the same features (nil when `learned_weight` is 0).
    private let learned: LogisticModel?

    private var oosIndex: Int { classes.count - 1 }
    /// Features in more than about a third of the examples (公积金, 我, 吗) are not matched
    /// example by example: they barely separate intents and their postings are long.
    static let minExampleIDF = 2.0

    /// Bare replies (是的, 不对, 行): not questions; the dialogue reads them in context.
    package let replies: Set<String>
    /// The most Unicode scalars a bare reply has: a longer text is never one.
    private let longestReply: Int

    /// The domain gate's terms (`Intents/text/domain.tsv`): fund markers and other
    /// institutions' names.
    package let domainTerms: [(term: String, fund: Bool)]

    /// - Parameter replies: normalised bare replies that are never given an intent
    ///   (`Intents/text/replies.txt`).
    /// - Parameter domainTerms: the domain gate's terms, `fund` true for the fund's own.
    public init(catalog: IntentCatalog, config: ClassifierConfig, analyzer: TextAnalyzer, replies: Set<String> = [],
                domainTerms: [(term: String, fund: Bool)] = []) {
        self.analyzer = analyzer
        self.replies = replies
        self.longestReply = replies.map(\.unicodeScalars.count).max() ?? 0
        self.domainTerms = domainTerms
        self.catalog = catalog
        self.config = config
        let classes = catalog.intents + [catalog.outOfScopeTopics]
        self.classes = classes
        var space = FeatureSpace()
        var exampleDocs: [[Int32: Double]] = []
        var intentDocs: [[Int32: Double]] = []
        var exampleRange: [Range<Int>] = []
        var exampleTexts: [String] = []
        var matcher = KeywordMatcher()
        var training: [LogisticModel.Example] = []
        for (c, intent) in classes.enumerated() {
            var whole: [Int32: Double] = [:]
            let firstExample = exampleDocs.count
            for example in intent.examples {
                let analysis = analyzer.analyze(example)
                guard !analysis.tokens.isEmpty else { continue }
                // In order of feature id (not the dictionary's order, which varies from run
                // to run): the learned model's sums then add up the same way every time.
                let doc = space.intern(analysis, bigramWeight: config.bigramWeight).sorted { $0.key < $1.key }
                var weighted: [Int32: Double] = [:]
                for (f, tf) in doc { weighted[f] = tf * (space.isBigram[Int(f)] ? config.bigramWeight : 1) }
                exampleDocs.append(weighted)
                exampleTexts.append(analysis.normalized)
                training.append(LogisticModel.Example(features: Self.learnedFeatures(doc.map { ($0.key, space.isBigram[Int($0.key)] ? config.bigramWeight : 1) }, unknown: 0),
                                                      label: c, weight: 1))
                for (f, tf) in weighted { whole[f, default: 0] += tf }
            }
            exampleRange.append(firstExample..<exampleDocs.count)
            // Keywords also describe the intent as a whole.
            for term in intent.keywords.keys.sorted() {
                let analysis = analyzer.analyze(term)
                for (f, tf) in space.intern(analysis, bigramWeight: config.bigramWeight).sorted(by: { $0.key < $1.key }) {
                    whole[f, default: 0] += tf * (space.isBigram[Int(f)] ? config.bigramWeight : 1)
                }
                matcher.add(analysis.scalars.filter { $0 != 0x20 }, intent: c, weight: intent.keywords[term]!, negative: false)
                // A keyword is a tiny example of its intent for the learned model too.
                let ids = space.lookup(analysis, bigramWeight: config.bigramWeight).known
                if !ids.isEmpty { training.append(LogisticModel.Example(features: Self.learnedFeatures(ids, unknown: 0), label: c, weight: 0.5)) }
            }
            for term in intent.negative {
                matcher.add(analyzer.analyze(term).scalars.filter { $0 != 0x20 }, intent: c, weight: 0, negative: true)
            }
            if c == classes.count - 1 {
                // The domain gate's terms ride in the same trie, as pseudo-intents.
                for (term, fund) in domainTerms {
                    matcher.add(analyzer.analyze(term).scalars.filter { $0 != 0x20 }, intent: fund ? KeywordMatcher.fundMarker : KeywordMatcher.otherMarker,
                                weight: 0, negative: false)
                }
            }
            intentDocs.append(whole)
        }
        self.features = space
        self.exampleIndex = BM25Index(documents: exampleDocs, featureCount: space.count, k1: config.k1, b: config.b)
        self.intentIndex = BM25Index(documents: intentDocs, featureCount: space.count, k1: config.k1, b: config.b)
        self.exampleRange = exampleRange
        self.exampleTexts = exampleTexts
        self.keywords = matcher
        if config.learnedWeight > 0, config.learnedEpochs > 0 {
            // Classes with many examples (the out-of-scope topics) count less per example.
            var counts = [Int](repeating: 0, count: classes.count)
            for e in training { counts[e.label] += 1 }
            let mean = Double(training.count) / Double(max(1, classes.count))
            for i in training.indices {
                training[i].weight *= Float(min(2, (mean / Double(max(1, counts[training[i].label]))).squareRoot()))
            }
            var settings = LogisticModel.Settings()
            settings.epochs = config.learnedEpochs
            settings.learningRate = Float(config.learnedRate)
            settings.l2 = Float(config.learnedL2)
            self.learned = LogisticModel(examples: training, classes: classes.count, featureCount: space.count, settings: settings)
        } else {
            self.learned = nil
        }
    }

    /// Features for the learned model: each distinct feature at its channel weight, the
    /// whole scaled to unit length; `unknown` is the squared weight of features the model
    /// never saw (they lengthen the query, so known ones count less).
    static func learnedFeatures(_ known: [(id: Int32, weight: Double)], unknown: Double) -> [(id: Int32, value: Float)] {
        let norm = (known.reduce(unknown) { $0 + $1.weight * $1.weight }).squareRoot()
        guard norm > 0 else { return [] }
        return known.map { ($0.id, Float($0.weight / norm)) }
    }

    /// One class's evidence for a query.
    private struct Tally {
        /// BM25 against its best example, and which example that is (found only for --explain).
        var best = 0.0
        var bestExample = -1
        /// BM25 against all its examples together.
        var whole = 0.0
        var keywordSum = 0.0
        /// Characters its keywords cover.
        var keywordCover = 0
        var negatives = 0
    }

    /// The largest of `values[range]`, or 0 when none is positive; eight lanes at a time
    /// (a class has about fifty examples, and every class is reduced on every query).
    @inline(__always)
    static func maximum(of values: UnsafeMutableBufferPointer<Float>, in range: Range<Int>) -> Float {
        guard let base = values.baseAddress, range.upperBound <= values.count else { return 0 }
        let raw = UnsafeRawPointer(base)
        var lanes = SIMD8<Float>(repeating: 0)
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            let next = raw.loadUnaligned(fromByteOffset: i * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
            lanes.replace(with: next, where: next .> lanes)   // compiles to maxps (pointwiseMax does not)
            i += 8
        }
        // Across the lanes by halves (SIMD's own max() is a generic call here).
        let four = lanes.lowHalf.replacing(with: lanes.highHalf, where: lanes.highHalf .> lanes.lowHalf)
        let two = four.lowHalf.replacing(with: four.highHalf, where: four.highHalf .> four.lowHalf)
        var top = Swift.max(two[0], two[1])
        while i < range.upperBound {
            top = Swift.max(top, base[i])
            i += 1
        }
        return top
    }

    /// Indices of the `k` largest values, largest first (ties: lower index first).
    static func top(_ k: Int, of values: [Double]) -> [Int] {
        guard k > 0 else { return [] }
        var best = [Int](repeating: 0, count: k)
        var count = 0
        for i in values.indices {
            if count == k, values[i] <= values[best[k - 1]] { continue }
            // Shift the smaller ones down one place (the last falls off when full).
            var j = Swift.min(count, k - 1)
            while j > 0 && values[best[j - 1]] < values[i] {
                best[j] = best[j - 1]
                j -= 1
            }
            best[j] = i
            count = Swift.min(count + 1, k)
        }
        best.removeLast(k - count)
        return best
    }

    /// Everything one text scored: a raw score per class and, when explaining, why.
    struct Evidence {
        var raw: [Double]
        var parts: Components? = nil
        /// Whether the text names the fund (a keyword of the fund itself).
        var namesFund = false
        var explanation: (Int) -> CandidateExplanation?
    }

    /// Scores an analysed text against every class (keywords, BM25, learned model).
    func evidence(_ analysis: TextAnalysis, explain: Bool) -> Evidence {
        let n = classes.count
        let query = features.lookup(analysis, bigramWeight: config.bigramWeight)

        // One tally per class, in one array (every extra array per query is an allocation).
        var tally = [Tally](repeating: Tally(), count: n)
        // Per-example scores in a scratch buffer on the stack (a few thousand floats), reduced
        // at once to each class's best example.
        let exampleNorm = withUnsafeTemporaryAllocation(of: Float.self, capacity: max(1, exampleIndex.documentCount)) { scores in
            scores.initialize(repeating: 0)
            let norm = exampleIndex.score(query.known, unknownWeight: query.unknownWeight, minIDF: Self.minExampleIDF, into: scores)
            for c in 0..<n {
                let top = Self.maximum(of: scores, in: exampleRange[c])
                tally[c].best = Double(top)
                if explain, top > 0 { tally[c].bestExample = exampleRange[c].first { scores[$0] == top } ?? -1 }
            }
            return norm
        }
        let intentNorm = withUnsafeTemporaryAllocation(of: Float.self, capacity: max(1, n)) { scores in
            scores.initialize(repeating: 0)
            let norm = intentIndex.score(query.known, unknownWeight: query.unknownWeight, into: scores)
            for c in 0..<n { tally[c].whole = Double(scores[c]) }
            return norm
        }

        let queryLength = max(1, analysis.scalars.count { $0 != 0x20 })
        var keywordHits: [[(String, Double)]] = explain ? Array(repeating: [], count: n) : []
        var negativeHits: [[String]] = explain ? Array(repeating: [], count: n) : []
        var namesFund = false, namesOther = false
        keywords.matches(in: analysis.scalars) { hit in
            if hit.intent < 0 {
                if hit.intent == KeywordMatcher.fundMarker { namesFund = true } else { namesOther = true }
            } else if hit.negative {
                tally[hit.intent].negatives += 1
                if explain { negativeHits[hit.intent].append(keywords.keywords[Int(hit.keyword)]) }
            } else {
                tally[hit.intent].keywordSum += hit.weight
                tally[hit.intent].keywordCover += hit.length
                if explain { keywordHits[hit.intent].append((keywords.keywords[Int(hit.keyword)], hit.weight)) }
            }
        }

        var parts = Components(classes: n)
        // A query that names nothing of any fund topic (no in-scope keyword at all) must match
        // its examples well to count: general chit-chat shares function words with everything.
        parts.domainless = !(0..<oosIndex).contains { tally[$0].keywordSum > 0 } ? 1 : 0
        parts.otherInstitution = namesOther && !namesFund ? 1 : 0
        if let learned {
            let unknownBigrams = config.bigramWeight > 0 ? (query.unknownWeight - Double(query.unknownCount)) / config.bigramWeight : 0
            let unknownSquares = Double(query.unknownCount) + unknownBigrams * config.bigramWeight * config.bigramWeight
            let p = learned.probabilities(Self.learnedFeatures(query.known, unknown: unknownSquares))
            for c in 0..<n { parts.learned[c] = Double(p[c]) }
        }
        for c in 0..<n {
            let t = tally[c]
            parts.example[c] = exampleNorm > 0 ? t.best / exampleNorm : 0
            parts.whole[c] = intentNorm > 0 ? t.whole / intentNorm : 0
            // Keywords count fully when they make up the query, half when they are a small
            // part of a longer one (谢谢 at the end of a question is not a goodbye).
            let coverage = min(1, Double(t.keywordCover) / Double(queryLength))
            parts.keyword[c] = t.keywordSum == 0 ? 0 : (1 - exp(-t.keywordSum / config.keywordScale)) * (1 - config.keywordCoverage * (1 - coverage))
            parts.negatives[c] = Double(t.negatives)
        }
        let raw = adjustedRaw(parts, namesFund: namesFund)
        guard explain else { return Evidence(raw: raw, parts: parts, namesFund: namesFund, explanation: { _ in nil }) }
        let probabilities = Self.softmax(raw, temperature: config.temperature)
        return Evidence(raw: raw, parts: parts, namesFund: namesFund, explanation: { [self] c in
            var matched: [(String, Double)] = []
            let bestExample = tally[c].bestExample
            if bestExample >= 0 {
                for (f, w) in query.known {
                    let q = exampleIndex.idf(of: f) * w
                    if let p = exampleIndex.postings(of: f).first(where: { Int($0.doc) == bestExample }) {
                        matched.append((features.name(f), q * Double(p.weight) / max(exampleNorm, 1e-9)))
                    }
                }
            }
            return CandidateExplanation(
                intent: classes[c].id, total: raw[c], confidence: probabilities[c],
                keywords: keywordHits[c], negatives: negativeHits[c],
                bestExample: bestExample >= 0 ? (exampleTexts[bestExample], tally[c].best / max(exampleNorm, 1e-9)) : nil,
                intentScore: tally[c].whole / max(intentNorm, 1e-9),
                matchedFeatures: matched.sorted { $0.1 > $1.1 })
        })
    }

    /// Softmax of raw scores at `temperature` (classes far below the top get 0).
    static func softmax(_ raw: [Double], temperature: Double) -> [Double] {
        let top = raw.max() ?? 0
        // Far below the top (e⁻⁶⁰ ≈ 10⁻²⁶) a class's share cannot show in four decimals: skip its exp.
        var probabilities = raw.map { ($0 - top) / temperature < -60 ? 0 : exp(($0 - top) / temperature) }
        let total = probabilities.reduce(0, +)
        probabilities = probabilities.map { $0 / total }
        return probabilities
    }

    /// Greetings a message may open with before its question (你好，我想问…).
    static let openingGreetings = ["你们好", "您们好", "你好", "您好", "在吗", "在不在"]

    /// The text without a greeting it opens with, when a question of at least six characters
    /// follows ("你好，我之前买过一套…想请你帮我算公积金月供" is a repayment question, not a
    /// greeting); the text itself otherwise (你好 alone, 你好啊 are greetings).
    static func withoutOpeningGreeting(_ text: String) -> String {
        let trimmed = text.drop { $0 == " " || $0 == "　" }
        guard let greeting = openingGreetings.first(where: { trimmed.hasPrefix($0) }) else { return text }
        let rest = trimmed.dropFirst(greeting.count).drop { " 　,，.。!！~～、".contains($0) || $0 == "啊" || $0 == "呀" }
        return rest.count >= 6 ? String(rest) : text
    }

    /// Classifies one query. `limit` bounds the candidates; `explain` fills the explanation.
    /// A long message (a letter with a greeting, a story, questions and thanks) is decided
    /// from its question-bearing sentences, with the whole text as support; further
    /// questions about other intents are reported in `also`.
    public func classify(_ text: String, limit: Int = 5, explain: Bool = false) -> Classification {
        let text = Self.withoutOpeningGreeting(text)
        let analysis = analyzer.analyze(text)
        guard !analysis.tokens.isEmpty, !isBareReply(analysis) else {
            return decide(Evidence(raw: [], explanation: { _ in nil }), analysis: analysis, limit: limit)
        }
        let (evidence, questions) = messageEvidence(text, analysis: analysis, explain: explain)
        var result = decide(evidence, analysis: analysis, limit: limit)
        // Each further question that clearly asks about another intent.
        if questions.count > 1 {
            var also: [String] = []
            for q in questions {
                let c = decide(self.evidence(q, explain: false), analysis: q, limit: 1)
                if c.intent != IntentCatalog.outOfScope, c.intent != IntentCatalog.unclear, c.intent != result.intent,
                   !also.contains(c.intent), c.confidence >= MessageParts.alsoConfidence {
                    also.append(c.intent)
                }
            }
            result.also = also
        }
        return result
    }

    /// The raw scores of `parts`, with the penalties that depend on which keywords were met:
    /// a cued intent none of whose keywords was said yields, and small talk said of the fund
    /// needs its own words ("公积金第二次使用间隔多久" shares 第一次使用 with a letter's greeting).
    /// Applied to a long message's blend too, so a cue missing from every part still counts.
    func adjustedRaw(_ parts: Components, namesFund: Bool) -> [Double] {
        var raw = parts.raw(config, outOfScope: oosIndex)
        if config.uncuedPenalty > 0 {
            for c in raw.indices where classes[c].isCued && parts.keyword[c] == 0 { raw[c] -= config.uncuedPenalty }
        }
        if namesFund || parts.domainless == 0 {
            for c in raw.indices where classes[c].isSocial && parts.keyword[c] == 0 && raw[c] > 0 { raw[c] = 0 }
        }
        return raw
    }

    /// The evidence for a text: a long message blends its question sentences (share
    /// `MessageParts.questionShare`) with the whole text; the question sentences are returned.
    func messageEvidence(_ text: String, analysis: TextAnalysis, explain: Bool) -> (Evidence, [TextAnalysis]) {
        // (a phone transcript with a space between characters is one sentence, not clauses)
        let text = Normalizer.joiningTranscript(text)
        // Short texts (most queries) are one question: no sentence splitting.
        guard MessageParts.isLongMessage(text) else { return (evidence(analysis, explain: explain), []) }
        let parts = MessageParts(text)
        guard !parts.questions.isEmpty else { return (evidence(analysis, explain: explain), []) }
        let analysed = parts.questions.map { ($0, analyzer.analyze($0)) }.filter { !$0.1.tokens.isEmpty }
        guard !analysed.isEmpty else { return (evidence(analysis, explain: explain), []) }
        // The sentences that may add a further question (`also`): not a mere announcement.
        let questions = analysed.filter { MessageParts.asksOnItsOwn($0.0) }.map(\.1)
        let whole = evidence(analysis, explain: false)
        var asked = evidence(analyzer.analyze(parts.questions.joined(separator: "。")), explain: explain)
        if let q = asked.parts, let w = whole.parts {
            let blended = q.blended(with: w, share: MessageParts.questionShare)
            asked.parts = blended
            asked.raw = adjustedRaw(blended, namesFund: asked.namesFund || whole.namesFund)
        }
        return (asked, questions)
    }

    /// The weight-independent score parts of a text as `classify` would score it (nil for
    /// input that asks nothing): what weight tuning and calibration fit on.
    package func components(_ text: String) -> Components? {
        let analysis = analyzer.analyze(text)
        guard !analysis.tokens.isEmpty, !isBareReply(analysis) else { return nil }
        return messageEvidence(text, analysis: analysis, explain: false).0.parts
    }

    /// A classifier like this one (analyser, bare replies, domain terms) on another
    /// catalogue and config: cross-validation folds.
    package func retrained(on catalog: IntentCatalog, config: ClassifierConfig) -> IntentClassifier {
        IntentClassifier(catalog: catalog, config: config, analyzer: analyzer, replies: replies, domainTerms: domainTerms)
    }

    /// The class ids in score order (the out-of-scope topics last).
    package var classIDs: [String] { classes.map(\.id) }
    /// The index of the out-of-scope class.
    package var outOfScopeClass: Int { oosIndex }

    /// Classifies an already analysed query (one sentence: no message splitting).
    public func classify(analysis: TextAnalysis, limit: Int = 5, explain: Bool = false) -> Classification {
        guard !analysis.tokens.isEmpty, !isBareReply(analysis) else { return decide(Evidence(raw: [], explanation: { _ in nil }), analysis: analysis, limit: limit) }
        return decide(evidence(analysis, explain: explain), analysis: analysis, limit: limit)
    }

    /// Input that asks nothing: digits, an ID number, a single letter, punctuation (no
    /// Chinese character and no Latin word), or a bare reply such as 是的/不是. Such input
    /// gets no intent (out_of_scope); in a conversation the dialogue reads it in context.
    func isBareReply(_ analysis: TextAnalysis) -> Bool {
        var latinRun = 0, longestLatin = 0
        for v in analysis.scalars {
            // The normalised text without spaces, built from the scalars (Foundation's
            // replacingOccurrences here cost about 1 µs a query under perf, 2026-12-05).
            if CharClass.isIdeograph(v) {
                // Longer than every bare reply: not one, and no string built to look it up.
                guard analysis.scalars.count { $0 != 0x20 } <= longestReply else { return false }
                return replies.contains(String(scalars: analysis.scalars.lazy.filter { $0 != 0x20 }))
            }
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) { latinRun += 1; longestLatin = max(longestLatin, latinRun) } else { latinRun = 0 }
        }
        return longestLatin < 2
    }

    /// The decision from raw scores: an intent, `out_of_scope` or `unclear`, its confidence
    /// and the candidates.
    func decide(_ evidence: Evidence, analysis: TextAnalysis, limit: Int) -> Classification {
        let raw = evidence.raw
        let n = raw.count
        guard n > 0 else {
            return Classification(intent: IntentCatalog.outOfScope, confidence: config.calibration.bareInputConfidence, candidates: [],
                                  options: [], analysis: analysis, explanation: [])
        }
        let decision = Decision(raw: raw, config: config, outOfScope: oosIndex, keep: max(limit, config.maxOptions, 3) + 2)
        let inScope = decision.order.filter { $0 != oosIndex }
        let candidates = inScope.prefix(max(1, limit)).map {
            Classification.Candidate(intent: classes[$0].id, score: (decision.probabilities[$0] * 10_000).rounded() / 10_000)
        }
        let intent: String
        switch decision.kind {
        case .intent: intent = classes[decision.order[0]].id
        case .outOfScope: intent = IntentCatalog.outOfScope
        case .unclear: intent = IntentCatalog.unclear
        }
        let options = decision.options.map { classes[$0].id }
        let explanation = decision.order.prefix(max(3, min(limit, n))).compactMap { evidence.explanation($0) }
        return Classification(intent: intent, confidence: (decision.confidence * 10_000).rounded() / 10_000, candidates: candidates,
                              options: options, analysis: analysis, explanation: explanation)
    }
}
