/// A trie over Unicode scalar values for longest-match lookups in normalised text.
public struct ScalarTrie<Value: Sendable>: Sendable {
    private var children: [[UInt32: Int32]] = [[:]]
    private var values: [Value?] = [nil]
    /// The longest key, in scalars.
    public private(set) var maxLength = 0
    public private(set) var count = 0

    public init() {}

    /// Adds or replaces `key`. Empty keys are ignored.
    public mutating func insert(_ key: [UInt32], _ value: Value) {
        guard !key.isEmpty else { return }
        var node = 0
        for v in key {
            if let next = children[node][v] {
                node = Int(next)
            } else {
                children.append([:])
                values.append(nil)
                let next = Int32(children.count - 1)
                children[node][v] = next
                node = Int(next)
            }
        }
        if values[node] == nil { count += 1 }
        values[node] = value
        maxLength = max(maxLength, key.count)
    }

    /// The longest key that starts at `start` in `text`, as (length, value).
    @inline(__always)
    public func longestMatch(in text: [UInt32], at start: Int, minLength: Int = 1) -> (length: Int, value: Value)? {
        var node = 0
        var best: (Int, Value)? = nil
        var i = start
        while i < text.count, let next = children[node][text[i]] {
            node = Int(next)
            i += 1
            if let v = values[node], i - start >= minLength { best = (i - start, v) }
        }
        return best
    }

    /// The value stored for exactly `key`.
    public func value(for key: [UInt32]) -> Value? {
        var node = 0
        for v in key {
            guard let next = children[node][v] else { return nil }
            node = Int(next)
        }
        return values[node]
    }
}

extension ScalarTrie {
    /// Every key that starts at `start` (shortest first), as (length, value).
    public func allMatches(in text: [UInt32], at start: Int, _ body: (Int, Value) -> Void) {
        var node = 0
        var i = start
        while i < text.count, let next = children[node][text[i]] {
            node = Int(next)
            i += 1
            if let v = values[node] { body(i - start, v) }
        }
    }
}
