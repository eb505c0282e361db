import Yams

/// Checks `{{kind:path}}` placeholders of corpus text against every policy profile under
/// `Corpus/policy/`: the kind must be known, the path must exist (`rates.current` is
/// `rates.schedule.0`) and hold a number, or a full date for `date`. Any profile can be
/// chosen with --profile, so a path missing from one of them is an error.
struct PlaceholderCheck {
    static let kinds: Set<String> = ["money", "percent", "ratio", "months", "years", "times", "count", "date", "monthday"]

    /// A profile flattened into dotted paths (`loan.cap.first_home`) → its node.
    struct Profile {
        let file: String
        let values: [String: Node]
    }

    let profiles: [Profile]

    init(profiles: [Profile]) { self.profiles = profiles }

    /// Reads every `Corpus/policy/*.yaml` of `files` (ones that do not parse are reported).
    static func loadProfiles(files: [String: String]) -> (check: PlaceholderCheck, issues: [DataIssue]) {
        var profiles: [Profile] = []
        var issues: [DataIssue] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) where DataFileRole.of(path) == .policyProfile {
            switch YAMLFile.compose(path: path, text: text) {
            case .failure(let issue): issues.append(issue)
            case .success(let file): profiles.append(Profile(file: path, values: flatten(file.root)))
            }
        }
        return (PlaceholderCheck(profiles: profiles), issues)
    }

    static func flatten(_ root: Node?) -> [String: Node] {
        var values: [String: Node] = [:]
        func walk(_ node: Node, _ path: String) {
            if !path.isEmpty { values[path] = node }
            switch node {
            case .mapping(let m):
                for (k, v) in m { if let key = k.string { walk(v, path.isEmpty ? key : path + "." + key) } }
            case .sequence(let s):
                for (i, v) in s.enumerated() { walk(v, path + ".\(i)") }
            default: break
            }
        }
        if let root { walk(root, "") }
        return values
    }

    /// One `{{…}}` found in text: its kind and path, or nil when it is malformed.
    struct Placeholder: Equatable {
        let kind: String
        let path: String
    }

    /// The well-formed placeholders of `text`, and whether any `{{`/`}}` is left over.
    static func scan(_ text: String) -> (placeholders: [Placeholder], rest: String, malformed: Bool) {
        var found: [Placeholder] = []
        var rest = ""
        var remaining = Substring(text)
        while let open = remaining.range(of: "{{") {
            rest += remaining[..<open.lowerBound]
            let after = remaining[open.upperBound...]
            if let close = after.range(of: "}}"), let placeholder = parse(after[..<close.lowerBound]) {
                found.append(placeholder)
                remaining = after[close.upperBound...]
            } else {
                rest += "{{"
                remaining = after
            }
        }
        rest += remaining
        return (found, rest, rest.contains("{{") || rest.contains("}}"))
    }

    /// `kind:path` with kind `[a-z]+` and path `[A-Za-z0-9_.]+`, as the corpus writes them.
    static func parse(_ body: Substring) -> Placeholder? {
        let parts = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[0].allSatisfy({ $0.isASCII && $0.isLowercase }),
              parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) else { return nil }
        return Placeholder(kind: String(parts[0]), path: String(parts[1]))
    }

    /// Issues for the placeholders of one field (`where` names the entry and field).
    func check(_ text: String, file: String, line: Int?, where context: String) -> [DataIssue] {
        let (placeholders, _, malformed) = Self.scan(text)
        var issues: [DataIssue] = []
        if malformed {
            issues.append(DataIssue(.error, .placeholderMalformed, file: file, line: line,
                                    "\(context): malformed placeholder in '\(text.prefix(60))'; write {{kind:path}}",
                                    "\(context)：占位符格式错误，应为 {{类型:路径}}"))
        }
        for p in placeholders {
            guard Self.kinds.contains(p.kind) else {
                issues.append(DataIssue(.error, .placeholderKind, file: file, line: line,
                                        "\(context): unknown placeholder kind '\(p.kind)' (known: \(Self.kinds.sorted().joined(separator: ", ")))",
                                        "\(context)：未知的占位符类型「\(p.kind)」"))
                continue
            }
            for profile in profiles {
                let resolved = p.path.hasPrefix("rates.current.") ? "rates.schedule.0." + p.path.dropFirst("rates.current.".count) : p.path
                guard let node = profile.values[resolved] else {
                    issues.append(DataIssue(.error, .placeholderPath, file: file, line: line,
                                            "\(context): placeholder path '\(p.path)' is not in \(profile.file)",
                                            "\(context)：占位符路径「\(p.path)」在 \(profile.file) 中不存在"))
                    continue
                }
                if p.kind == "date" {
                    if !Self.isDate(node) {
                        issues.append(DataIssue(.error, .placeholderValue, file: file, line: line,
                                                "\(context): {{date:\(p.path)}} is not a full date (YYYY-MM-DD) in \(profile.file)",
                                                "\(context)：{{date:\(p.path)}} 在 \(profile.file) 中不是完整日期"))
                    }
                } else if p.kind == "monthday" {
                    if !Self.isMonthDay(node) {
                        issues.append(DataIssue(.error, .placeholderValue, file: file, line: line,
                                                "\(context): {{monthday:\(p.path)}} is not a month and day (MM-DD) in \(profile.file)",
                                                "\(context)：{{monthday:\(p.path)}} 在 \(profile.file) 中不是月日（MM-DD）"))
                    }
                } else if !node.isNumber {
                    issues.append(DataIssue(.error, .placeholderValue, file: file, line: line,
                                            "\(context): {{\(p.kind):\(p.path)}} is not a number in \(profile.file) ('\(node.string ?? "a list or mapping")')",
                                            "\(context)：{{\(p.kind):\(p.path)}} 在 \(profile.file) 中不是数字"))
                }
            }
        }
        return issues
    }

    static func isDate(_ node: Node) -> Bool {
        guard let s = node.scalar, s.style == .plain else { return false }
        let parts = s.string.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].count == 4 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// Whether a profile value is a day of the year, MM-DD (07-01).
    static func isMonthDay(_ node: Node) -> Bool {
        guard let s = node.scalar else { return false }
        let parts = s.string.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
