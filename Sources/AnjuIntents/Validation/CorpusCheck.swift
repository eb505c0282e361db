import Foundation
import Yams

/// Checks `Corpus/passages/*.yaml` and `Corpus/faq/*.yaml` (ported from the former
/// .ci/check_corpus.py): required fields, ids, citations, intents, placeholders, and how
/// spoken answers read on the phone.
struct CorpusCheck {
    static let passageFileKeys = ["doc", "source", "effective", "passages"]
    static let passageKeys = ["id", "section", "title", "effective", "text"]
    static let passageRequired = ["id", "section", "title", "text"]
    static let faqKeys = ["id", "intent", "question", "answer", "spoken", "keywords", "cites"]
    /// Characters a spoken answer must not show outside placeholders (a voice reads them badly).
    static let spokenForbidden: Set<Character> = Set("0123456789%/()（）：；:;¥")
    /// A spoken answer longer than this (a placeholder counted as 8 characters) is long for the phone.
    static let spokenLimit = 110
    static let minFAQPerIntent = 3

    let placeholders: PlaceholderCheck
    /// In-scope intent ids (FAQ entries answer these).
    let intents: Set<String>

    private(set) var issues: [DataIssue] = []
    /// Passage id → where it is defined.
    private(set) var passages: [String: DataIssue.Location] = [:]
    /// Passage id → text (for the verbatim check).
    private(set) var passageTexts: [(id: String, location: DataIssue.Location, text: String)] = []
    private(set) var faqTexts: [(id: String, location: DataIssue.Location, text: String)] = []
    private(set) var passagesPerFile: [(file: String, count: Int)] = []
    private(set) var faqPerFile: [(file: String, count: Int)] = []
    private(set) var faqPerIntent: [String: Int] = [:]
    private var faqIDs: [String: DataIssue.Location] = [:]

    init(placeholders: PlaceholderCheck, intents: Set<String>) {
        self.placeholders = placeholders
        self.intents = intents
    }

    static func run(files: [String: String], placeholders: PlaceholderCheck, intents: Set<String>) -> CorpusCheck {
        var check = CorpusCheck(placeholders: placeholders, intents: intents)
        let sorted = files.sorted { $0.key < $1.key }
        for (path, text) in sorted where DataFileRole.of(path) == .passages { check.checkPassageFile(path: path, text: text) }
        for (path, text) in sorted where DataFileRole.of(path) == .faq { check.checkFAQFile(path: path, text: text) }
        check.checkFAQCoverage()
        return check
    }

    static func isID(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix("-") && !id.hasSuffix("-") && !id.contains("--")
            && id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    private mutating func unknownKeys(_ node: Node, known: [String], file: String, what: String, whatZH: String) {
        for entry in node.entries where !known.contains(entry.key) {
            let hint = IntentFileCheck.suggestion(for: entry.key, among: known)
            issues.append(DataIssue(.error, .unknownKey, file: file, line: entry.keyNode.line,
                                    "unknown key '\(entry.key)' in \(what) is not read" + (hint.map { "; did you mean '\($0)'?" } ?? ""),
                                    "\(whatZH)中的未知字段「\(entry.key)」不会被读取" + (hint.map { "，是否应为「\($0)」？" } ?? "")))
        }
    }

    private mutating func requireFields(_ node: Node, _ keys: [String], file: String, context: String) {
        for key in keys where !(node.value(key)?.isPresent ?? false) {
            issues.append(DataIssue(.error, .missingField, file: file, line: node.line(of: key),
                                    "\(context): missing '\(key)'", "\(context)：缺少「\(key)」"))
        }
    }

    // MARK: passages

    mutating func checkPassageFile(path: String, text: String) {
        let root: Node
        switch YAMLFile.compose(path: path, text: text) {
        case .failure(let issue): issues.append(issue); return
        case .success(let file):
            guard let r = file.root, r.mapping != nil else {
                issues.append(DataIssue(.error, .wrongType, file: path, line: file.root?.line,
                                        "a passage file must be a mapping of doc, source, effective, passages",
                                        "段落文件应包含 doc、source、effective、passages"))
                return
            }
            root = r
        }
        requireFields(root, Self.passageFileKeys, file: path, context: "file")
        unknownKeys(root, known: Self.passageFileKeys, file: path, what: "a passage file", whatZH: "段落文件")
        var count = 0
        for item in root.value("passages")?.sequence ?? [] {
            let id = item.value("id")?.string ?? ""
            let context = id.isEmpty ? "passage" : id
            requireFields(item, Self.passageRequired, file: path, context: context)
            unknownKeys(item, known: Self.passageKeys, file: path, what: "a passage", whatZH: "段落")
            guard !id.isEmpty else { continue }
            let here = DataIssue.Location(file: path, line: item.line(of: "id"))
            checkID(id, at: here, kind: ("passage", "段落"), seen: \.passages)
            count += 1
            let body = item.value("text")?.string ?? ""
            let sentences = body.split(whereSeparator: { "。！？".contains($0) })
                .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count
            if sentences > 6 {
                issues.append(DataIssue(.warning, .passageLength, file: path, line: item.line(of: "text"),
                                        "\(id): \(sentences) sentences (aim for 1–6)", "\(id)：共 \(sentences) 句（宜 1–6 句）"))
            }
            if body.contains("{{") || body.contains("}}") {
                issues += placeholders.check(body, file: path, line: item.line(of: "text"), where: "\(id) text")
            }
            passageTexts.append((id, here, body))
        }
        passagesPerFile.append((path, count))
    }

    /// An id must be lower-case words joined by '-' and unique among its kind (passages, FAQ
    /// entries); the first place it was seen is recorded in the table `seen` names.
    private mutating func checkID(_ id: String, at here: DataIssue.Location, kind: (en: String, zh: String),
                                  seen: WritableKeyPath<Self, [String: DataIssue.Location]>) {
        if !Self.isID(id) {
            issues.append(DataIssue(.error, .malformedID, file: here.file, line: here.line,
                                    "\(kind.en) id '\(id)' must be lower-case words joined by '-'", "\(kind.zh) id「\(id)」须为小写字母数字以「-」连接"))
        }
        if let first = self[keyPath: seen][id] {
            issues.append(DataIssue(.error, .duplicateID, file: here.file, line: here.line,
                                    "duplicate \(kind.en) id '\(id)' (also at \(first))", "\(kind.zh) id「\(id)」重复（另见 \(first)）", related: first))
        } else {
            self[keyPath: seen][id] = here
        }
    }

    // MARK: FAQ

    mutating func checkFAQFile(path: String, text: String) {
        let list: [Node]
        switch YAMLFile.compose(path: path, text: text) {
        case .failure(let issue): issues.append(issue); return
        case .success(let file):
            guard let seq = file.root?.sequence else {
                issues.append(DataIssue(.error, .wrongType, file: path, line: file.root?.line,
                                        "top level must be a list of entries (- id: …)", "顶层应为问答条目列表（- id: …）"))
                return
            }
            list = Array(seq)
        }
        faqPerFile.append((path, list.count))
        for entry in list { checkFAQEntry(entry, path: path) }
    }

    private mutating func checkFAQEntry(_ entry: Node, path: String) {
        let id = entry.value("id")?.string ?? ""
        let context = id.isEmpty ? "FAQ entry" : id
        requireFields(entry, Self.faqKeys, file: path, context: context)
        unknownKeys(entry, known: Self.faqKeys, file: path, what: "an FAQ entry", whatZH: "问答条目")
        guard !id.isEmpty else { return }
        let here = DataIssue.Location(file: path, line: entry.line(of: "id"))
        checkID(id, at: here, kind: ("FAQ", "问答"), seen: \.faqIDs)
        if let intent = entry.value("intent")?.string, !intent.isEmpty {
            if intents.contains(intent) {
                faqPerIntent[intent, default: 0] += 1
            } else {
                issues.append(DataIssue(.error, .unknownIntent, file: path, line: entry.line(of: "intent"),
                                        "\(id): unknown intent '\(intent)' (no Intents/\(intent).yaml)", "\(id)：未知意图「\(intent)」"))
            }
        }
        checkCitations(entry, id: id, path: path)
        if let keywords = entry.value("keywords"), keywords.isPresent,
           keywords.sequence == nil || keywords.sequence!.contains(where: { $0.scalar == nil }) {
            issues.append(DataIssue(.error, .wrongType, file: path, line: entry.line(of: "keywords"),
                                    "\(id): keywords must be a list of strings", "\(id)：keywords 应为词语列表"))
        }
        let answer = entry.value("answer")?.string ?? ""
        let spoken = entry.value("spoken")?.string ?? ""
        issues += placeholders.check(answer, file: path, line: entry.line(of: "answer"), where: "\(id) answer")
        issues += placeholders.check(spoken, file: path, line: entry.line(of: "spoken"), where: "\(id) spoken")
        checkSpoken(spoken, id: id, path: path, line: entry.line(of: "spoken"))
        for figure in Self.literalFigures(in: PlaceholderCheck.scan(answer).rest) {
            issues.append(DataIssue(.warning, .literalFigure, file: path, line: entry.line(of: "answer"),
                                    "\(id): literal figure '\(figure)' in answer — is it in the profile?",
                                    "\(id)：答案中直接写了数字「\(figure)」——是否应来自政策文件？"))
        }
        faqTexts.append((id, here, answer + "。" + spoken))
    }

    private mutating func checkCitations(_ entry: Node, id: String, path: String) {
        guard let cites = entry.value("cites"), cites.isPresent else { return }   // reported as missing
        guard let list = cites.sequence else {
            issues.append(DataIssue(.error, .wrongType, file: path, line: entry.line(of: "cites"),
                                    "\(id): cites must be a list of passage ids", "\(id)：cites 应为段落 id 列表"))
            return
        }
        for cite in list {
            let name = cite.string ?? ""
            if passages[name] == nil {
                issues.append(DataIssue(.error, .unknownPassage, file: path, line: cite.line ?? entry.line(of: "cites"),
                                        "\(id) cites unknown passage '\(name)'", "\(id) 引用的段落「\(name)」不存在"))
            }
        }
    }

    private mutating func checkSpoken(_ spoken: String, id: String, path: String, line: Int?) {
        let bare = PlaceholderCheck.scan(spoken).rest
        let bad = Set(bare.filter { Self.spokenForbidden.contains($0) })
        if !bad.isEmpty {
            let shown = String(bad.sorted())
            issues.append(DataIssue(.error, .spokenSymbols, file: path, line: line,
                                    "\(id): spoken has \(shown) outside placeholders (a voice reads them badly)",
                                    "\(id)：语音答案中占位符以外含有「\(shown)」"))
        }
        if Self.hasURLOrList(spoken) {
            issues.append(DataIssue(.error, .spokenFormat, file: path, line: line,
                                    "\(id): spoken has a URL or a list", "\(id)：语音答案中含有网址或列表"))
        }
        var estimate = PlaceholderCheck.scan(spoken)
        estimate.rest += String(repeating: "数", count: 8 * estimate.placeholders.count)
        let length = estimate.rest.unicodeScalars.count
        if length > Self.spokenLimit {
            issues.append(DataIssue(.warning, .spokenLength, file: path, line: line,
                                    "\(id): spoken is long (~\(length) chars)", "\(id)：语音答案偏长（约 \(length) 字）"))
        }
    }

    /// `https?:`, `www.`, or a line starting with a bullet or `1.`.
    static func hasURLOrList(_ text: String) -> Bool {
        if text.contains("http:") || text.contains("https:") || text.contains("www.") { return true }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            let t = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if let first = t.first, "-*•".contains(first) { return true }
            let digits = t.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, t.dropFirst(digits.count).first == "." { return true }
        }
        return false
    }

    /// Figures typed in text that a profile usually holds: 12%, 80万, 6个月, 15倍, 60周岁, 30年.
    static func literalFigures(in text: String) -> [String] {
        func isDigit(_ c: Character) -> Bool {
            c.unicodeScalars.count == 1 && c.unicodeScalars.first!.properties.generalCategory == .decimalNumber
        }
        let chars = Array(text)
        var found: [String] = []
        var i = 0
        while i < chars.count {
            guard isDigit(chars[i]) else { i += 1; continue }
            var j = i
            while j < chars.count, isDigit(chars[j]) { j += 1 }
            let integerEnd = j
            // an optional decimal part, for % and 万
            var k = j
            if k + 1 < chars.count, chars[k] == ".", isDigit(chars[k + 1]) {
                k += 1
                while k < chars.count, isDigit(chars[k]) { k += 1 }
            }
            func rest(_ from: Int, _ s: String) -> Bool {
                let t = Array(s)
                return from + t.count <= chars.count && Array(chars[from..<(from + t.count)]) == t
            }
            if rest(k, "%") || rest(k, "万") {
                found.append(String(chars[i...k]))
            } else if rest(integerEnd, "个月") {
                found.append(String(chars[i..<(integerEnd + 2)]))
            } else if rest(integerEnd, "周岁") {
                found.append(String(chars[i..<(integerEnd + 2)]))
            } else if rest(integerEnd, "倍") {
                found.append(String(chars[i...integerEnd]))
            } else if rest(integerEnd, "年"), !(integerEnd + 1 < chars.count && isDigit(chars[integerEnd + 1])) {
                found.append(String(chars[i...integerEnd]))
            }
            i = max(integerEnd, i + 1)
        }
        return found
    }

    mutating func checkFAQCoverage() {
        for intent in intents.sorted() where faqPerIntent[intent, default: 0] < Self.minFAQPerIntent {
            let n = faqPerIntent[intent, default: 0]
            issues.append(DataIssue(.error, .fewFAQEntries, file: "Corpus/faq/", line: nil,
                                    "intent '\(intent)' has \(n) FAQ entries (needs ≥ \(Self.minFAQPerIntent))",
                                    "意图「\(intent)」只有 \(n) 条问答（至少需要 \(Self.minFAQPerIntent) 条）"))
        }
    }
}
