import AnjuIntents
import Foundation

/// The `--explain` / `:explain` text: normalised text, tokens, and why the top candidates scored.
enum ExplainFormatter {
    static func format(_ result: Classification, catalog: IntentCatalog) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var out = "normalised / 规范化: \(result.analysis.normalized)\n"
        out += "tokens / 分词: " + result.analysis.tokens.map { t in
            switch t.kind {
            case .homophone: return "\(t.text)(←\(t.surface ?? ""))"
            case .term: return "[\(t.text)]"
            default: return t.text
            }
        }.joined(separator: " | ") + "\n"
        out += "decision / 结果: \(result.intent) \(catalog.name(of: result.intent)) confidence \(f(result.confidence))"
        if !result.options.isEmpty { out += " options \(result.options.joined(separator: ", "))" }
        out += "\n"
        for e in result.explanation {
            out += "  \(e.intent) \(catalog.name(of: e.intent)): total \(f(e.total)), p \(f(e.confidence)), all-examples \(f(e.intentScore))\n"
            if !e.keywords.isEmpty { out += "    keywords: " + e.keywords.map { "\($0.term)+\(f($0.weight))" }.joined(separator: " ") + "\n" }
            if !e.negatives.isEmpty { out += "    negative: " + e.negatives.joined(separator: " ") + "\n" }
            if let ex = e.bestExample {
                out += "    best example (\(f(ex.score))): \(ex.text)\n"
                out += "    matched: " + e.matchedFeatures.prefix(8).map { "\($0.feature)+\(f($0.score))" }.joined(separator: " ") + "\n"
            }
        }
        return out
    }
}
