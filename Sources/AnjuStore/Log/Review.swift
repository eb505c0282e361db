import Foundation

/// What `anju review` shows staff: the queries of a period the assistant did not handle
/// well, grouped, most frequent first, to be turned into new intent examples.
public struct ReviewReport: Sendable, Hashable {
    /// One kind of query under review.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// Classified `out_of_scope`: a new topic, or an example missing from an intent.
        case outOfScope = "out_of_scope"
        /// Classified `unclear`: the user had to choose between intents.
        case unclear
        /// Classified as an intent, but with a confidence below the threshold.
        case lowConfidence = "low_confidence"

        /// 超出范围 / 意图不明 / 低置信度.
        public var chinese: String {
            switch self {
            case .outOfScope: "超出范围"
            case .unclear: "意图不明"
            case .lowConfidence: "低置信度"
            }
        }
    }

    /// Queries that were the same after grouping (see `AccountStore.review`).
    public struct Group: Sendable, Hashable {
        /// The most frequent wording in the group (masked as logged); of equally frequent
        /// ones, the earliest.
        public let text: String
        /// Turns in the group.
        public let count: Int
        /// Distinct sessions that asked it.
        public let sessions: Int
        /// Intents the turns were given, most frequent first (for `lowConfidence`: the
        /// guesses; otherwise `out_of_scope` or `unclear`).
        public let intents: [String]
        /// Mean confidence of the turns.
        public let meanConfidence: Double
        /// Other wordings in the group, most frequent first (at most 5).
        public let variants: [String]
        /// The latest turn of the group.
        public let lastSeen: Date
    }

    /// Start of the period (inclusive).
    public let since: Date
    /// End of the period (exclusive).
    public let until: Date
    /// The confidence below which an in-scope turn counts as low-confidence.
    public let lowConfidenceThreshold: Double
    /// All turns logged in the period, PIN turns included.
    public let totalTurns: Int
    /// Turns per category (before grouping and the limit).
    public let turnCounts: [Category: Int]
    /// Groups per category, most frequent first, at most `limit` each.
    public let groups: [Category: [Group]]

    /// The groups of one category (empty when none).
    public func groups(_ category: Category) -> [Group] { groups[category] ?? [] }
}

extension ReviewReport {
    /// Groups turns. The key is the text lower-cased with spaces and punctuation removed,
    /// so "公积金能炒股吗？" and "公积金 能炒股吗" are one group.
    static func group(_ turns: [LoggedTurn], limit: Int) -> [Group] {
        struct Accumulator {
            var count = 0
            var sessions: Set<String> = []
            var intents: [String: Int] = [:]
            var wordings: [String: Int] = [:]
            var firstSeen: [String: Int] = [:]
            var confidenceSum = 0.0
            var lastSeen = Date.distantPast
        }
        var byKey: [String: Accumulator] = [:]
        for (order, turn) in turns.enumerated() {
            let key = groupKey(turn.text)
            guard !key.isEmpty else { continue }
            var entry = byKey[key, default: Accumulator()]
            entry.count += 1
            entry.sessions.insert(turn.session)
            entry.intents[turn.intent, default: 0] += 1
            entry.wordings[turn.text, default: 0] += 1
            if entry.firstSeen[turn.text] == nil { entry.firstSeen[turn.text] = order }
            entry.confidenceSum += turn.confidence
            entry.lastSeen = max(entry.lastSeen, turn.time)
            byKey[key] = entry
        }
        /// Most frequent first; ties by `tieBreak` (earliest seen for wordings, name for intents).
        func ranked(_ counts: [String: Int], tieBreak: (String, String) -> Bool) -> [String] {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : tieBreak($0.key, $1.key) }.map(\.key)
        }
        let groups = byKey.values.map { entry -> Group in
            let wordings = ranked(entry.wordings) { entry.firstSeen[$0, default: 0] < entry.firstSeen[$1, default: 0] }
            return Group(text: wordings[0], count: entry.count, sessions: entry.sessions.count,
                         intents: ranked(entry.intents, tieBreak: <), meanConfidence: entry.confidenceSum / Double(entry.count),
                         variants: Array(wordings.dropFirst().prefix(5)), lastSeen: entry.lastSeen)
        }
        return Array(groups.sorted {
            if $0.count != $1.count { return $0.count > $1.count }
            if $0.sessions != $1.sessions { return $0.sessions > $1.sessions }
            return $0.text < $1.text
        }.prefix(limit))
    }

    /// The grouping key: letters, digits and masks only, lower-cased.
    static func groupKey(_ text: String) -> String {
        var key = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format,
                 .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation:
                continue
            default:
                key.append(scalar)
            }
        }
        return String(key)
    }
}
