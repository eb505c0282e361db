/// A trie over Unicode scalar values for longest-match lookups in normalised text.
///
/// Lookups are `@inlinable`, so other modules get them specialised for their value type
/// (an unspecialised generic walk looks up type metadata at run time, per call).
public struct ScalarTrie<Value: Sendable>: Sendable {
    /// Child of (node, scalar), keyed node << 32 | scalar.
    @usableFromInline var children = IntegerMap(capacity: 1024)
    private var nodeCount = 1
    @usableFromInline var values: [Value?] = [nil]
    /// The longest key, in scalars.
    public private(set) var maxLength = 0
    public private(set) var count = 0

    public init() {}

    /// Adds or replaces `key`. Empty keys are ignored.
    public mutating func insert(_ key: [UInt32], _ value: Value) {
        guard !key.isEmpty else { return }
        var node = 0
        for v in key {
            if let next = children[Self.edge(node, v)] {
                node = Int(next)
            } else {
                values.append(nil)
                let next = Int32(nodeCount)
                nodeCount += 1
                children.set(Self.edge(node, v), next)
                node = Int(next)
            }
        }
        if values[node] == nil { count += 1 }
        values[node] = value
        maxLength = max(maxLength, key.count)
    }

    /// The longest key that starts at `start` in `text`, as (length, value).
    @inlinable @inline(__always)
    public func longestMatch(in text: [UInt32], at start: Int, minLength: Int = 1) -> (length: Int, value: Value)? {
        var node = 0
        var best: (Int, Value)? = nil
        var i = start
        while i < text.count, let next = children[Self.edge(node, text[i])] {
            node = Int(next)
            i += 1
            if let v = values[node], i - start >= minLength { best = (i - start, v) }
        }
        return best
    }

    @inlinable @inline(__always)
    static func edge(_ node: Int, _ scalar: UInt32) -> UInt64 { UInt64(node) << 32 | UInt64(scalar) }

    /// The value stored for exactly `key`.
    @inlinable
    public func value(for key: [UInt32]) -> Value? {
        var node = 0
        for v in key {
            guard let next = children[Self.edge(node, v)] else { return nil }
            node = Int(next)
        }
        return values[node]
    }
}

extension ScalarTrie {
    /// Every key that starts at `start` (shortest first), as (length, value).
    @inlinable
    public func allMatches(in text: [UInt32], at start: Int, _ body: (Int, Value) -> Void) {
        var node = 0
        var i = start
        while i < text.count, let next = children[Self.edge(node, text[i])] {
            node = Int(next)
            i += 1
            if let v = values[node] { body(i - start, v) }
        }
    }
}
