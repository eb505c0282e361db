/// A read-mostly hash map from 64-bit keys to 32-bit values: open addressing with linear
/// probing and Fibonacci hashing. Built once at start-up, then looked up on every query —
/// several times cheaper than `Dictionary`, whose SipHash dominates small-key lookups.
///
/// Lookups are `@inlinable` so that other modules (the feature space, the keyword trie)
/// get them inlined rather than as calls.
public struct IntegerMap: Sendable {
    @usableFromInline var keys: [UInt64]
    @usableFromInline var values: [Int32]
    @usableFromInline var mask: Int
    @usableFromInline var shift: UInt64
    public private(set) var count = 0
    /// Marks an empty slot; a key equal to it is stored apart.
    @usableFromInline static var empty: UInt64 { .max }
    @usableFromInline var emptyKeyValue: Int32? = nil

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inlinable @inline(__always)
    func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value for `key`, or nil.
    @inlinable @inline(__always)
    public subscript(key: UInt64) -> Int32? {
        if key == Self.empty { return emptyKeyValue }
        return keys.withUnsafeBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                var i = slot(key)
                while true {
                    let stored = k[i]
                    if stored == key { return v[i] }
                    if stored == Self.empty { return nil }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Sets the value for `key` (adds or replaces).
    public mutating func set(_ key: UInt64, _ value: Int32) {
        if key == Self.empty {
            if emptyKeyValue == nil { count += 1 }
            emptyKeyValue = value
            return
        }
        if (count + 1) * 2 > keys.count { grow() }
        var i = slot(key)
        while true {
            if keys[i] == key { values[i] = value; return }
            if keys[i] == Self.empty {
                keys[i] = key
                values[i] = value
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let special = emptyKeyValue
        self = IntegerMap(capacity: keys.count)
        for (k, v) in zip(oldKeys, oldValues) where k != Self.empty { set(k, v) }
        if let special { set(Self.empty, special) }
    }
}
