import Yams

/// Renders `{{kind:path}}` placeholders in corpus text from a policy profile's YAML, so an
/// answer's figures always agree with the active profile: `{{money:loan.cap.first_home}}`
/// → 80万元 (written) or 八十万元 (spoken). `rates.current` is the newest rate entry.
///
/// Kinds: money (yuan), percent (already in %), ratio (a fraction shown as %), months,
/// years, times (a multiplier), count, date (YYYY-MM-DD).
public struct ProfileFigures: Sendable {
    /// How figures are written.
    public enum Style: Sendable { case written, spoken }

    private let values: [String: String]

    /// Flattens the profile YAML into dotted paths (`loan.cap.first_home` → "800000").
    public init(profileYAML: String) throws(KnowledgeError) {
        let root: Node?
        do { root = try Yams.compose(yaml: profileYAML) } catch {
            throw KnowledgeError(path: "policy profile", message: "cannot read profile YAML / 政策文件格式错误: \(error)")
        }
        var values: [String: String] = [:]
        func walk(_ node: Node, _ path: String) {
            switch node {
            case .scalar(let s): values[path] = s.string
            case .mapping(let m):
                for (k, v) in m { if let key = k.string { walk(v, path.isEmpty ? key : path + "." + key) } }
            case .sequence(let seq):
                for (i, v) in seq.enumerated() { walk(v, path + ".\(i)") }
            default: break
            }
        }
        if let root { walk(root, "") }
        // rates.current = the newest schedule entry (the profile lists them newest first)
        for (k, v) in values where k.hasPrefix("rates.schedule.0.") {
            values["rates.current." + k.dropFirst("rates.schedule.0.".count)] = v
        }
        self.values = values
    }

    /// The raw value at `path`, or nil.
    public func value(_ path: String) -> String? { values[path] }

    /// Renders every placeholder of `text`; throws naming an unknown path or kind.
    public func render(_ text: String, style: Style) throws(KnowledgeError) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw KnowledgeError(path: "placeholder", message: "unclosed '{{' in: \(text.prefix(40)) / 占位符未闭合")
            }
            let body = rest[open.upperBound..<close.lowerBound]
            let parts = body.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw KnowledgeError(path: "placeholder", message: "'{{\(body)}}' must be {{kind:path}} / 占位符格式应为 {{类型:路径}}")
            }
            out += try figure(kind: parts[0], path: parts[1], style: style)
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    func figure(kind: String, path: String, style: Style) throws(KnowledgeError) -> String {
        guard let raw = values[path] else {
            throw KnowledgeError(path: "placeholder", message: "'\(path)' is not in the policy profile / 政策文件中没有该项")
        }
        let spoken = style == .spoken
        if kind == "date" {
            let parts = raw.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { throw KnowledgeError(path: "placeholder", message: "'\(path)' is not a date / 不是日期") }
            return spoken ? SpokenNumber.date(raw) : "\(parts[0])年\(parts[1])月\(parts[2])日"
        }
        if kind == "monthday" {
            // A day of every year, MM-DD (the deposit year's start, 07-01): 7月1日 / 七月一日.
            let parts = raw.split(separator: "-").compactMap { Int64($0) }
            guard parts.count == 2 else { throw KnowledgeError(path: "placeholder", message: "'\(path)' is not a month and day (MM-DD) / 不是月日") }
            return spoken ? SpokenNumber.integer(parts[0]) + "月" + SpokenNumber.integer(parts[1]) + "日" : "\(parts[0])月\(parts[1])日"
        }
        guard let x = Double(raw) else {
            throw KnowledgeError(path: "placeholder", message: "'\(path)' = '\(raw)' is not a number / 不是数字")
        }
        switch kind {
        case "money": return spoken ? SpokenNumber.money(x) : WrittenNumber.money(x)
        case "percent": return spoken ? "百分之" + SpokenNumber.decimal(x) : WrittenNumber.decimal(x) + "%"
        case "ratio": return spoken ? "百分之" + SpokenNumber.decimal(x * 100) : WrittenNumber.decimal(x * 100) + "%"
        case "months": return (spoken ? SpokenNumber.count(Int64(x)) : WrittenNumber.decimal(x)) + "个月"
        case "years": return (spoken ? SpokenNumber.count(Int64(x)) : WrittenNumber.decimal(x)) + "年"
        case "times": return (spoken ? SpokenNumber.decimal(x) : WrittenNumber.decimal(x)) + "倍"
        case "count": return spoken ? SpokenNumber.count(Int64(x)) : WrittenNumber.decimal(x)
        default:
            throw KnowledgeError(path: "placeholder", message: "unknown kind '\(kind)' / 未知占位符类型")
        }
    }
}

/// A corpus file that is malformed, or refers to something that does not exist.
public struct KnowledgeError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
