import AnjuText

extension IntentClassifier {
    /// Builds the text analyser and the classifier from the data files (paths relative to the
    /// package root, as in `DataBundle.files`): `Intents/*.yaml`, `Intents/classifier.yaml`,
    /// `Intents/lexicon/*.txt`, `Intents/text/{synonyms.tsv,fillers.txt,pinyin.tsv}`.
    public static func load(files: [String: String]) throws -> IntentClassifier {
        func require(_ path: String) throws(IntentDataError) -> String {
            guard let text = files[path] else { throw IntentDataError(path: path, message: "missing data file / 缺少数据文件") }
            return text
        }
        let intentFiles = files.filter { $0.key.hasPrefix("Intents/") && !$0.key.dropFirst(8).contains("/") && $0.key.hasSuffix(".yaml") }
            .sorted { $0.key < $1.key }.map { (path: $0.key, text: $0.value) }
        let catalog = try IntentCatalog(files: intentFiles)
        let config = try ClassifierConfig.parse(yaml: try require("Intents/classifier.yaml"))
        let lexicon = files.filter { $0.key.hasPrefix("Intents/lexicon/") && $0.key.hasSuffix(".txt") }.sorted { $0.key < $1.key }.map(\.value)
        // In a fixed order (intents by id, each one's keywords sorted): the lexicon keeps the
        // first term of each pinyin key for homophones, so the dictionary's own order —
        // seeded per process — would change which term a homophone is read as.
        let keywords = (catalog.intents + [catalog.outOfScopeTopics]).flatMap { $0.keywords.keys.sorted() }
        let analyzer = try TextAnalyzer(
            lexiconFiles: lexicon,
            synonyms: try require("Intents/text/synonyms.tsv"),
            fillers: try require("Intents/text/fillers.txt"),
            pinyin: try require("Intents/text/pinyin.tsv"),
            extraTerms: keywords)
        let replies = Set((files["Intents/text/replies.txt"] ?? "").split(whereSeparator: \.isNewline)
            .map { $0.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "" }
            .map { analyzer.normalize(String($0)).replacingOccurrences(of: " ", with: "") }.filter { !$0.isEmpty })
        var domainTerms: [(term: String, fund: Bool)] = []
        for (n, line) in (files["Intents/text/domain.tsv"] ?? "").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let columns = text.split(separator: "\t").map { String($0).trimmingSpaces() }
            if columns.allSatisfy(\.isEmpty) { continue }
            guard columns.count == 2, columns[1] == "fund" || columns[1] == "other" else {
                throw IntentDataError(path: "Intents/text/domain.tsv", message: "line \(n + 1): expected 'term<TAB>fund|other' / 格式应为「词<TAB>fund 或 other」")
            }
            domainTerms.append((columns[0], columns[1] == "fund"))
        }
        return IntentClassifier(catalog: catalog, config: config, analyzer: analyzer, replies: replies, domainTerms: domainTerms)
    }
}
