/// What reads a file under `Intents/` or `Corpus/`, mirroring the loaders:
/// `IntentClassifier.load` (ClassifierLoader.swift), `FAQSearch.load`, `Assistant.load`,
/// `AccountStore.demoAccountsPath` and `anju eval`/`bench` (Corpus/eval/).
/// A file of no role is one nothing reads.
enum DataFileRole: Equatable {
    /// `Intents/<id>.yaml` (out_of_scope.yaml included).
    case intentDefinition
    /// `Intents/classifier.yaml`.
    case classifierConfig
    /// `Intents/lexicon/*.txt`.
    case lexicon
    /// `Intents/text/{synonyms.tsv,fillers.txt,pinyin.tsv,replies.txt,domain.tsv}`.
    case textTable
    /// `Corpus/passages/*.yaml`.
    case passages
    /// `Corpus/faq/*.yaml`.
    case faq
    /// `Corpus/policy/*.yaml`, selected with --profile.
    case policyProfile
    /// `Corpus/dialogue/{forms,messages}.yaml`.
    case dialogue
    /// `Corpus/demo/accounts.csv`.
    case demoAccounts
    /// `Corpus/eval/…`: labelled sets for `anju eval`.
    case evaluation
    /// README-like documentation (README*, *.md).
    case documentation
    /// Nothing reads it.
    case unread

    static let textTables: Set<String> = ["Intents/text/synonyms.tsv", "Intents/text/fillers.txt", "Intents/text/pinyin.tsv",
                                          "Intents/text/replies.txt", "Intents/text/domain.tsv"]
    static let dialogueFiles: Set<String> = ["Corpus/dialogue/forms.yaml", "Corpus/dialogue/messages.yaml", "Corpus/dialogue/answers.yaml"]

    static func of(_ path: String) -> DataFileRole {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        func directlyIn(_ folder: String, _ suffix: String) -> Bool {
            path.hasPrefix(folder) && !path.dropFirst(folder.count).contains("/") && path.hasSuffix(suffix)
        }
        if name.uppercased().hasPrefix("README") || name.lowercased().hasSuffix(".md") { return .documentation }
        if path == "Intents/classifier.yaml" { return .classifierConfig }
        if directlyIn("Intents/", ".yaml") { return .intentDefinition }
        if directlyIn("Intents/lexicon/", ".txt") { return .lexicon }
        if textTables.contains(path) { return .textTable }
        if directlyIn("Corpus/passages/", ".yaml") { return .passages }
        if directlyIn("Corpus/faq/", ".yaml") { return .faq }
        if directlyIn("Corpus/policy/", ".yaml") { return .policyProfile }
        if dialogueFiles.contains(path) { return .dialogue }
        if path == "Corpus/demo/accounts.csv" { return .demoAccounts }
        if path.hasPrefix("Corpus/eval/") { return .evaluation }
        return .unread
    }

    /// Issues for the files nothing reads: an error for a data file in a folder a loader
    /// reads but under a name it skips (Corpus/faq/new.yml, Intents/lexicon/new.TXT), a
    /// warning otherwise (a stray Intents/lexicon.txt, a generator script).
    static func check(paths: some Sequence<String>) -> [DataIssue] {
        var issues: [DataIssue] = []
        for path in paths.sorted() where path.hasPrefix("Intents/") || path.hasPrefix("Corpus/") {
            guard of(path) == .unread else { continue }
            let folder = path.split(separator: "/").dropLast().joined(separator: "/") + "/"
            let loadedFolders: [String: String] = [
                "Intents/": ".yaml", "Intents/lexicon/": ".txt", "Corpus/passages/": ".yaml", "Corpus/faq/": ".yaml",
                "Corpus/policy/": ".yaml",
            ]
            let lower = path.lowercased()
            let variant = [".yaml": [".yml", ".yaml"], ".txt": [".txt", ".text"]]
            if let suffix = loadedFolders[folder], variant[suffix]!.contains(where: lower.hasSuffix) {
                issues.append(DataIssue(.error, .wrongExtension, file: path, line: nil,
                                        "nothing reads this file: only \(folder)*\(suffix) is loaded — rename it or move it away",
                                        "此文件不会被读取：只加载 \(folder)*\(suffix)，请改名或移走"))
                continue
            }
            var hint = "", hintZH = ""
            if path == "Intents/lexicon.txt" || (path.hasPrefix("Intents/") && path.hasSuffix(".txt") && !path.hasPrefix("Intents/text/")) {
                hint = "; lexicon terms are read from Intents/lexicon/*.txt"
                hintZH = "；词表从 Intents/lexicon/*.txt 读取"
            } else if path.hasPrefix("Intents/text/") {
                hint = "; only synonyms.tsv, fillers.txt, pinyin.tsv, replies.txt and domain.tsv are read here"
                hintZH = "；此处只读取 synonyms.tsv、fillers.txt、pinyin.tsv、replies.txt 和 domain.tsv"
            }
            issues.append(DataIssue(.warning, .unreadFile, file: path, line: nil,
                                    "nothing reads this file\(hint)", "没有任何程序读取此文件\(hintZH)"))
        }
        return issues
    }
}
