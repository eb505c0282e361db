import Foundation
import Yams

/// Checks `Intents/*.yaml`: keys the loader does not read, ids, field shapes, and examples
/// repeated within an intent or across intents.
struct IntentFileCheck {
    /// The keys `IntentDefinition` reads, for suggestions; acceptance asks the decoder's own keys.
    static let knownKeys = ["id", "name", "kind", "description", "keywords", "negative", "examples"]
        .filter { IntentDefinition.CodingKeys(stringValue: $0) != nil }

    /// The keys of `Intents/classifier.yaml`, taken from the config's own YAML form.
    static let classifierKeys: [String] = ClassifierConfig().yaml.split(separator: "\n").compactMap { line in
        line.split(separator: ":", maxSplits: 1).first.map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    private(set) var issues: [DataIssue] = []
    /// Intent id → the file defining it (out_of_scope included).
    private(set) var intentFiles: [String: String] = [:]
    /// Trimmed example → where it appeared, first place first.
    private var examples: [String: [(intent: String, location: DataIssue.Location)]] = [:]

    /// Checks every top-level YAML file under `Intents/` of `files`.
    static func run(files: [String: String]) -> IntentFileCheck {
        var check = IntentFileCheck()
        for (path, text) in files.sorted(by: { $0.key < $1.key }) where DataFileRole.of(path) == .intentDefinition {
            check.checkIntent(path: path, text: text)
        }
        if let text = files["Intents/classifier.yaml"] { check.checkClassifier(path: "Intents/classifier.yaml", text: text) }
        return check
    }

    mutating func checkIntent(path: String, text: String) {
        let file: YAMLFile
        switch YAMLFile.compose(path: path, text: text) {
        case .failure(let issue): issues.append(issue); return
        case .success(let f): file = f
        }
        guard let root = file.root, root.mapping != nil else {
            issues.append(DataIssue(.error, .wrongType, file: path, line: file.root?.line,
                                    "an intent file must be a mapping of id, name, keywords, examples …",
                                    "意图文件应为 id、name、keywords、examples 等字段的映射"))
            return
        }
        for entry in root.entries where IntentDefinition.CodingKeys(stringValue: entry.key) == nil {
            let hint = Self.suggestion(for: entry.key, among: Self.knownKeys).map { "; did you mean '\($0)'?" } ?? ""
            let hintZH = Self.suggestion(for: entry.key, among: Self.knownKeys).map { "，是否应为「\($0)」？" } ?? ""
            issues.append(DataIssue(.error, .unknownKey, file: path, line: entry.keyNode.line,
                                    "unknown key '\(entry.key)' is not read\(hint) (known: \(Self.knownKeys.joined(separator: ", ")))",
                                    "未知字段「\(entry.key)」不会被读取\(hintZH)"))
        }
        for key in ["id", "name"] where !(root.value(key)?.isPresent ?? false) {
            issues.append(DataIssue(.error, .missingField, file: path, line: root.line(of: key), "missing '\(key)'", "缺少「\(key)」"))
        }
        let id = root.value("id")?.string ?? ""
        if !id.isEmpty {
            if !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
                issues.append(DataIssue(.error, .malformedID, file: path, line: root.line(of: "id"),
                                        "id '\(id)' must be lower_snake_case ASCII", "id「\(id)」须为小写英文加下划线"))
            }
            if let other = intentFiles[id] {
                issues.append(DataIssue(.error, .duplicateID, file: path, line: root.line(of: "id"),
                                        "intent id '\(id)' is also defined in \(other)", "意图 id「\(id)」与 \(other) 重复",
                                        related: .init(file: other, line: nil)))
            } else {
                intentFiles[id] = path
            }
            let stem = String(path.split(separator: "/").last ?? "").replacingOccurrences(of: ".yaml", with: "")
            if stem != id {
                issues.append(DataIssue(.warning, .idFileMismatch, file: path, line: root.line(of: "id"),
                                        "id '\(id)' differs from the file name '\(stem)'", "id「\(id)」与文件名「\(stem)」不一致"))
            }
        }
        checkShapes(root, path: path)
        checkExamples(root.value("examples"), intent: id.isEmpty ? path : id, path: path)
    }

    private mutating func checkShapes(_ root: Node, path: String) {
        for key in ["kind", "negative"] {
            guard let node = root.value(key), node.isPresent else { continue }
            if node.sequence == nil || node.sequence!.contains(where: { $0.scalar == nil }) {
                issues.append(DataIssue(.error, .wrongType, file: path, line: root.line(of: key),
                                        "'\(key)' must be a list of words", "「\(key)」应为词语列表"))
            }
        }
        if let keywords = root.value("keywords"), keywords.isPresent {
            if keywords.mapping == nil {
                issues.append(DataIssue(.error, .wrongType, file: path, line: root.line(of: "keywords"),
                                        "'keywords' must map each term to a weight (term: 2)", "「keywords」应为「词语: 权重」的映射"))
            } else {
                for entry in keywords.entries {
                    let weight = entry.value.isNumber ? Double(entry.value.string ?? "") : nil
                    if weight == nil || !(weight! > 0 && weight! <= 10) {
                        issues.append(DataIssue(.error, .wrongType, file: path, line: entry.keyNode.line,
                                                "keyword '\(entry.key)' needs a weight above 0 and at most 10, not '\(entry.value.string ?? "…")'",
                                                "关键词「\(entry.key)」的权重须大于 0、不超过 10"))
                    }
                }
            }
        }
    }

    private mutating func checkExamples(_ node: Node?, intent: String, path: String) {
        guard let node, node.isPresent else { return }
        guard let list = node.sequence else {
            issues.append(DataIssue(.error, .wrongType, file: path, line: node.line,
                                    "'examples' must be a list (- one example per line)", "「examples」应为列表（每行「- 例句」）"))
            return
        }
        for item in list {
            guard let raw = item.string, item.scalar != nil else {
                issues.append(DataIssue(.error, .wrongType, file: path, line: item.line,
                                        "an example must be one line of text", "例句应为一行文本"))
                continue
            }
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let here = DataIssue.Location(file: path, line: item.line)
            if text.isEmpty {
                issues.append(DataIssue(.warning, .emptyExample, file: path, line: item.line, "empty example", "空例句"))
                continue
            }
            let earlier = examples[text, default: []]
            examples[text, default: []].append((intent, here))
            if let first = earlier.first(where: { $0.intent == intent }) ?? earlier.first {
                let same = first.intent == intent
                issues.append(DataIssue(
                    .error, .duplicateExample, file: path, line: item.line,
                    same ? "example '\(text)' is repeated (first at \(first.location))"
                         : "example '\(text)' of \(intent) is also an example of \(first.intent) at \(first.location)",
                    same ? "例句「\(text)」重复（首次出现于 \(first.location)）"
                         : "例句「\(text)」同时属于 \(intent) 和 \(first.intent)（\(first.location)）",
                    related: first.location))
            }
        }
    }

    mutating func checkClassifier(path: String, text: String) {
        let file: YAMLFile
        switch YAMLFile.compose(path: path, text: text) {
        case .failure(let issue): issues.append(issue); return
        case .success(let f): file = f
        }
        for entry in file.root?.entries ?? [] where !Self.classifierKeys.contains(entry.key) {
            let hint = Self.suggestion(for: entry.key, among: Self.classifierKeys)
            issues.append(DataIssue(.error, .unknownKey, file: path, line: entry.keyNode.line,
                                    "unknown setting '\(entry.key)' is not read" + (hint.map { "; did you mean '\($0)'?" } ?? ""),
                                    "未知参数「\(entry.key)」不会被读取" + (hint.map { "，是否应为「\($0)」？" } ?? "")))
        }
    }

    /// The known key closest to `key` (edit distance ≤ 2, or a shared prefix), if any.
    static func suggestion(for key: String, among known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= max(1, min(2, key.count / 3)) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
