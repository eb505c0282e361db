import Foundation
import Yams

/// A YAML data file composed into nodes that keep their line numbers, for validation.
struct YAMLFile {
    let path: String
    /// nil for an empty file.
    let root: Node?

    /// Composes `text`; a syntax error becomes a `yaml-syntax` issue naming the line.
    static func compose(path: String, text: String) -> Result<YAMLFile, DataIssue> {
        do {
            return .success(YAMLFile(path: path, root: try Yams.compose(yaml: text)))
        } catch let error as YamlError {
            var line: Int? = nil
            var problem = "\(error)"
            switch error {
            case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _), .composer(_, let p, let mark, _):
                line = mark.line
                problem = p
            default: break
            }
            return .failure(DataIssue(.error, .yamlSyntax, file: path, line: line,
                                      "not valid YAML: \(problem)", "YAML 格式错误：\(problem)"))
        } catch {
            return .failure(DataIssue(.error, .yamlSyntax, file: path, line: nil, "not valid YAML: \(error)", "YAML 格式错误：\(error)"))
        }
    }
}

extension Node {
    /// The node's line (1-based), if known.
    var line: Int? { mark?.line }

    /// A mapping's entries with string keys, in file order.
    var entries: [(key: String, keyNode: Node, value: Node)] {
        guard let mapping else { return [] }
        return mapping.compactMap { pair in pair.key.string.map { ($0, pair.key, pair.value) } }
    }

    /// The value of `key` in a mapping.
    func value(_ key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    /// The line of `key` in a mapping (where an expert looks for the field).
    func line(of key: String) -> Int? {
        entries.first { $0.key == key }?.keyNode.line ?? line
    }

    /// Whether a scalar is a YAML number (not a boolean, not text).
    var isNumber: Bool {
        guard let scalar, scalar.style == .plain else { return false }
        return Double(scalar.string) != nil || Int(scalar.string) != nil
    }

    /// Whether the node is a non-empty scalar, list or mapping.
    var isPresent: Bool {
        switch self {
        case .scalar(let s): return !s.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && !(s.style == .plain && ["~", "null"].contains(s.string))
        case .sequence(let s): return !s.isEmpty
        case .mapping(let m): return !m.isEmpty
        default: return false
        }
    }
}
