/// A strict-enough reader of the Prometheus text format (0.0.4) for the tests: every
/// line is a `# HELP`/`# TYPE` comment or `name{labels} value`; anything else throws.
enum PrometheusText {
    struct Malformed: Error, CustomStringConvertible {
        let line: String
        var description: String { "not Prometheus text: \(line)" }
    }

    /// Samples keyed by `name{labels}` exactly as written.
    static func samples(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP ") { continue }
            guard let space = line.lastIndex(of: " ") else { throw Malformed(line: String(line)) }
            let key = String(line[..<space])
            let valueText = line[line.index(after: space)...]
            guard let value = Double(valueText) ?? (valueText == "+Inf" ? .infinity : nil),
                  let first = key.first, first.isLetter || first == "_",
                  key.contains("{") == key.hasSuffix("}") else { throw Malformed(line: String(line)) }
            samples[key] = value
        }
        return samples
    }
}
