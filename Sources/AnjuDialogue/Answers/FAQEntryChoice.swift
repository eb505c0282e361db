import AnjuKnowledge
import Foundation

/// Which of one intent's FAQ entries a question asks for. Each entry's question and keywords
/// are compared with the question by the character pairs they share, each pair weighted by
/// how few of the intent's entries have it (公积 is in all of them and counts for nothing,
/// 上限 or 违约 for much). The first entry — the intent's general answer — stands unless
/// another entry matches clearly better. Only the intent's own entries are candidates.
enum FAQEntryChoice {
    /// How much better (in weighted pairs) another entry must match than the first.
    static let margin = 1.0

    static func entry(for question: String, among entries: [FAQEntry]) -> FAQEntry {
        guard entries.count > 1 else { return entries[0] }
        let asked = pairs(question)
        guard !asked.isEmpty else { return entries[0] }
        let texts = entries.map { pairs($0.question + " " + $0.keywords.joined(separator: " ")) }
        var documentFrequency: [String: Int] = [:]
        for t in texts { for p in t { documentFrequency[p, default: 0] += 1 } }
        let n = Double(entries.count)
        let scores = texts.map { t in
            asked.reduce(0.0) { sum, p in t.contains(p) ? sum + log(n / Double(documentFrequency[p] ?? 1)) : sum }
        }
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }), scores[best] > scores[0] + margin else { return entries[0] }
        return entries[best]
    }

    /// Pairs of adjacent Chinese characters (or digits) of `text`.
    static func pairs(_ text: String) -> Set<String> {
        let chars = Array(text).map { $0.isASCII && $0.isLetter ? Character($0.lowercased()) : $0 }
        var out: Set<String> = []
        for i in chars.indices.dropLast() {
            let a = chars[i], b = chars[i + 1]
            guard isWordCharacter(a), isWordCharacter(b) else { continue }
            out.insert(String([a, b]))
        }
        return out
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        !(c.isWhitespace || c.isPunctuation || c.isSymbol)
    }
}
