import AnjuText

/// A labelled query set in the dev.tsv format: `expected<TAB>text<TAB>tags`, a header line,
/// `expected` one intent id or several separated by `|`, tags comma-separated. Lines may end
/// in LF or CR LF, and a UTF-8 byte-order mark before the header is ignored.
public struct EvalSet: Sendable {
    public struct Item: Sendable {
        public let line: Int
        /// Acceptable answers.
        public let expected: [String]
        public let text: String
        public let tags: [String]

        /// Whether the query belongs to a provident-fund topic.
        public var inScope: Bool { !expected.contains("out_of_scope") }
    }

    public let items: [Item]
    /// Lines that could not be read, with the reason (reported, not fatal).
    public let problems: [String]

    public init(tsv: String, knownIntents: Set<String>) {
        var items: [Item] = []
        var problems: [String] = []
        for (index, line) in Self.lines(of: tsv).enumerated() {
            if line.isEmpty { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if index == 0 && columns.first == "expected" { continue }
            guard columns.count >= 2, !columns[0].isEmpty else {
                problems.append("line \(index + 1): expected 'expected<TAB>text<TAB>tags' / 格式应为「意图<TAB>文本<TAB>标签」")
                continue
            }
            let expected = columns[0].split(separator: "|").map(String.init)
            if let unknown = expected.first(where: { !knownIntents.contains($0) && $0 != "out_of_scope" }) {
                problems.append("line \(index + 1): unknown intent '\(unknown)' / 未知意图")
                continue
            }
            let tags = columns.count > 2 ? columns[2].split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty } : []
            items.append(Item(line: index + 1, expected: expected, text: columns[1], tags: tags))
        }
        self.items = items
        self.problems = problems
    }

    /// The lines of `text` without their LF or CR LF endings (split on scalars: in a
    /// `String`, CR LF is one `Character` and never equals "\n"), without a leading BOM.
    static func lines(of text: String) -> [String] {
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        return scalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = line
            if line.last == "\r" { line.removeLast() }
            return String(String.UnicodeScalarView(line))
        }
    }
}
