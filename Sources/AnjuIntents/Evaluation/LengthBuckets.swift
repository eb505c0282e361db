import AnjuJSON
import Foundation

/// Accuracy by message length in characters (after trimming): ≤10, 11–20, 21–40, >40.
public struct LengthBucket: Sendable, Equatable {
    /// `≤10`, `11–20`, `21–40`, `>40`.
    public let label: String
    /// The lengths it holds.
    public let lengths: ClosedRange<Int>
    /// Queries of these lengths, and how many were answered right.
    public let count: Int
    public let right: Int

    /// Share answered right (0 when empty).
    public var accuracy: Double { count == 0 ? 0 : Double(right) / Double(count) }

    static let ranges: [(String, ClosedRange<Int>)] = [("≤10", 0...10), ("11–20", 11...20), ("21–40", 21...40), (">40", 41...Int.max)]

    /// The length counted for `text`: characters without surrounding white space.
    public static func length(of text: String) -> Int {
        text.trimmingCharacters(in: .whitespacesAndNewlines).count
    }

    /// The four buckets over `predictions` (empty buckets included).
    public static func buckets(_ predictions: [Prediction]) -> [LengthBucket] {
        ranges.map { label, range in
            let inside = predictions.filter { range.contains(length(of: $0.text)) }
            return LengthBucket(label: label, lengths: range, count: inside.count, right: inside.count { $0.isRight })
        }
    }

    /// `{bucket, count, accuracy}`.
    public var json: JSONValue {
        .object(JSONObject([("bucket", .string(label)), ("count", .int(count)), ("accuracy", .double(accuracy))]))
    }
}
