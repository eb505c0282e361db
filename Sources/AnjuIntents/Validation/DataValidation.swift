import AnjuJSON

/// `anju data validate`: every check of the data a domain expert edits (`Intents/`,
/// `Corpus/`), run over the files of a data bundle (path relative to the package root →
/// text). Problems come back as `DataIssue`s with file and line; errors fail validation,
/// warnings do not.
///
/// The checks: intent files (unknown keys, ids, shapes, repeated examples), the classifier
/// settings' keys, lexicon lines in jieba's format, line endings, files nothing reads, the
/// policy passages and FAQ entries with their citations and `{{kind:path}}` placeholders,
/// and — with `SharedSources` — the intent taxonomy and text copied from the shared facts.
public struct DataValidation: Sendable {
    /// Every issue, errors first, then by file and line.
    public let issues: [DataIssue]
    /// Counts for the report: passages and FAQ entries per file, FAQ entries per intent.
    public let summary: [String]

    /// The issues that fail validation.
    public var errors: [DataIssue] { issues.filter { $0.severity == .error } }
    /// The issues reported only.
    public var warnings: [DataIssue] { issues.filter { $0.severity == .warning } }
    /// Whether validation passed (warnings allowed).
    public var passed: Bool { !issues.contains { $0.severity == .error } }

    /// Runs every check over `files` (as `DataBundle.files`); `shared` adds the taxonomy and
    /// verbatim checks.
    public init(files: [String: String], shared: SharedSources? = nil) {
        var issues: [DataIssue] = []
        let intents = IntentFileCheck.run(files: files)
        issues += intents.issues
        issues += TextFileCheck.run(files: files)
        issues += DataFileRole.check(paths: files.keys)
        let (placeholders, profileIssues) = PlaceholderCheck.loadProfiles(files: files)
        issues += profileIssues
        let inScope = Set(intents.intentFiles.keys).subtracting([IntentCatalog.outOfScope])
        let corpus = CorpusCheck.run(files: files, placeholders: placeholders, intents: inScope)
        issues += corpus.issues
        if let shared {
            issues += SharedSourcesCheck.run(shared, intentIDs: Set(intents.intentFiles.keys), corpus: corpus)
        }
        self.issues = Self.ordered(issues)
        func short(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
        summary = [
            "passages: \(corpus.passagesPerFile.reduce(0) { $0 + $1.count })  "
                + corpus.passagesPerFile.map { "\(short($0.file)) \($0.count)" }.joined(separator: ", "),
            "faq entries: \(corpus.faqPerFile.reduce(0) { $0 + $1.count })  "
                + corpus.faqPerFile.map { "\(short($0.file)) \($0.count)" }.joined(separator: ", "),
            "per intent: " + inScope.sorted().map { "\($0) \(corpus.faqPerIntent[$0, default: 0])" }.joined(separator: ", "),
        ]
    }

    /// Issues the caller found itself (the real loaders' refusals), merged in.
    public func adding(_ more: [DataIssue]) -> DataValidation {
        DataValidation(issues: issues + more, summary: summary)
    }

    private init(issues: [DataIssue], summary: [String]) {
        self.issues = Self.ordered(issues)
        self.summary = summary
    }

    /// Errors first, then by file and line; found order otherwise.
    static func ordered(_ issues: [DataIssue]) -> [DataIssue] {
        issues.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.severity != y.severity { return x.severity < y.severity }
            if x.location.file != y.location.file { return x.location.file < y.location.file }
            if (x.location.line ?? 0) != (y.location.line ?? 0) { return (x.location.line ?? 0) < (y.location.line ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The report for a person: the counts, one line per issue, then the totals.
    public var report: String {
        var lines = summary
        lines += warnings.map(\.description)
        lines += errors.map(\.description)
        lines.append("\(errors.count) error(s), \(warnings.count) warning(s) / 错误 \(errors.count) 个，警告 \(warnings.count) 个")
        return lines.joined(separator: "\n")
    }

    /// The issues as JSON: `{passed, errors, warnings, issues: [{severity, code, file, line, message, chinese, related}]}`.
    public var json: JSONValue {
        .object(JSONObject([
            ("passed", .bool(passed)), ("errors", .int(errors.count)), ("warnings", .int(warnings.count)),
            ("issues", .array(issues.map { issue in
                .object(JSONObject([
                    ("severity", .string(issue.severity.rawValue)), ("code", .string(issue.code.rawValue)),
                    ("file", .string(issue.location.file)), ("line", issue.location.line.map { .int($0) } ?? .null),
                    ("message", .string(issue.message)), ("chinese", .string(issue.chinese)),
                    ("related", issue.related.map { .string($0.description) } ?? .null),
                ]))
            })),
        ]))
    }
}
