import Foundation

/// Checks against the project's shared reference material (outside the data folders):
/// the intent taxonomy `spec/intents.md`, and the domain facts and seed texts that the
/// corpus must put in its own words.
public struct SharedSources: Sendable {
    /// The text of `spec/intents.md`, or nil to skip the taxonomy check.
    public var specIntents: String?
    /// The texts of `domain/facts.md` and `seeds/*.txt` (empty: skip the verbatim check).
    public var verbatimSources: [String]

    /// The material to check against; leave a part out to skip its check.
    public init(specIntents: String? = nil, verbatimSources: [String] = []) {
        self.specIntents = specIntents
        self.verbatimSources = verbatimSources
    }

    /// The intent ids of the taxonomy's tables (`| balance_query | 余额查询 | … |`).
    public static func intentIDs(inSpec text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("|") else { return nil }
            let cell = line.dropFirst().prefix { $0 != "|" }.trimmingCharacters(in: .whitespaces)
            guard !cell.isEmpty, cell != "id", cell.allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "_") }) else { return nil }
            return cell
        }
    }
}

/// The shared-material checks, run when `SharedSources` are given.
enum SharedSourcesCheck {
    /// A run of this many characters (after dropping spaces and punctuation) shared with
    /// the facts or seeds is copied text.
    static let runLength = 16
    /// Official names, legal enumerations and formulas that must be quoted as they are.
    static let allowed = [
        "贷款职工住房公积金缴存使用证明", "住房公积金个人住房贷款全部还清证明", "个人住房贷款全部还清证明",
        "国家机关国有企业城镇集体企业外商投资企业城镇私营企业及其他城镇企业事业单位民办非企业单位社会团体",
        "国家机关国有企业城镇集体企业外商投资企业城镇私营企业和其他城镇企业事业单位民办非企业单位以及社会团体",
        "尿毒症恶性肿瘤再生障碍性贫血慢性重型肝炎心脏瓣膜置换冠状动脉旁路手术颅内肿瘤开颅摘除重大器官移植主动脉手术",
        "P×r×1+r^n÷1+r^n−1", "P/n×r", "总利息=P×r×n+1÷2", "总利息=P×r×n+1",
    ]
    static let dropped: Set<Character> = Set("，。、；：:;,.（）()“”\"'《》-—|*#>[]`")

    /// Text without whitespace and the punctuation above, as Unicode scalars.
    static func normalized(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for c in text where !c.isWhitespace && !dropped.contains(c) { out.append(contentsOf: c.unicodeScalars) }
        return out
    }

    static func grams(of sources: [String]) -> Set<String> {
        var grams = Set<String>()
        for source in sources {
            let t = normalized(source)
            guard t.count >= runLength else { continue }
            for i in 0...(t.count - runLength) { grams.insert(String(String.UnicodeScalarView(t[i..<(i + runLength)]))) }
        }
        return grams
    }

    /// The first copied run of `text`, if any (placeholders and allowed names taken out).
    static func copiedRun(in text: String, grams: Set<String>) -> String? {
        var t = String(String.UnicodeScalarView(normalized(PlaceholderCheck.scan(text).rest)))
        for name in allowed { t = t.replacingOccurrences(of: String(String.UnicodeScalarView(normalized(name))), with: "|") }
        let scalars = Array(t.unicodeScalars)
        guard scalars.count >= runLength else { return nil }
        for i in 0...(scalars.count - runLength) {
            let run = String(String.UnicodeScalarView(scalars[i..<(i + runLength)]))
            if grams.contains(run) { return run }
        }
        return nil
    }

    static func run(_ shared: SharedSources, intentIDs: Set<String>, corpus: CorpusCheck) -> [DataIssue] {
        var issues: [DataIssue] = []
        if let spec = shared.specIntents {
            let ids = SharedSources.intentIDs(inSpec: spec)
            if ids.isEmpty {
                issues.append(DataIssue(.error, .specIntentMissing, file: "spec/intents.md", line: nil,
                                        "no intent ids found in the taxonomy", "意图规范中没有找到任何意图 id"))
            }
            for id in ids where !intentIDs.contains(id) {
                issues.append(DataIssue(.error, .specIntentMissing, file: "Intents/\(id).yaml", line: nil,
                                        "intent '\(id)' of spec/intents.md has no intent file", "规范中的意图「\(id)」没有对应的意图文件"))
            }
        }
        if !shared.verbatimSources.isEmpty {
            let grams = grams(of: shared.verbatimSources)
            for (kind, texts) in [("passage", corpus.passageTexts), ("faq", corpus.faqTexts)] {
                for entry in texts {
                    guard let run = copiedRun(in: entry.text, grams: grams) else { continue }
                    issues.append(DataIssue(.warning, .verbatimText, file: entry.location.file, line: entry.location.line,
                                            "\(kind) \(entry.id): \(runLength)+ chars verbatim from facts/seeds: '\(run)'",
                                            "\(kind) \(entry.id)：与资料原文连续 \(runLength) 字以上相同：「\(run)」"))
                }
            }
        }
        return issues
    }
}
