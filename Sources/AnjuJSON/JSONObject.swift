/// A JSON object that keeps its keys in insertion order, so replies print their fields in
/// a stable order. Keys are unique. Lookup is a linear scan, which is the fastest choice for
/// the small objects of this project (requests and replies have tens of keys at most).
public struct JSONObject: Sendable, Hashable {
    @usableFromInline
    struct Entry: Sendable, Hashable {
        @usableFromInline var key: String
        @usableFromInline var value: JSONValue
        @inlinable init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    @usableFromInline
    var entries: [Entry]

    public init() { entries = [] }

    /// Builds an object from pairs in order; a repeated key keeps its first position and
    /// takes the last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        entries = []
        for (key, value) in pairs { self[key] = value }
    }

    /// Reserve room for `capacity` members.
    public init(minimumCapacity capacity: Int) {
        entries = []
        entries.reserveCapacity(capacity)
    }

    /// Appends without checking for an existing key. Callers must know the key is new
    /// (the parser checks for duplicates itself; reply builders use fixed distinct keys).
    @inlinable
    public mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        entries.append(Entry(key: key, value: value))
    }

    /// Gets a member; setting replaces in place (keeping the position) or appends;
    /// setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            for entry in entries where entry.key == key { return entry.value }
            return nil
        }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue {
                    entries[index].value = newValue
                } else {
                    entries.remove(at: index)
                }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var keys: [String] { entries.map(\.key) }
    public var values: [JSONValue] { entries.map(\.value) }

    public func contains(key: String) -> Bool {
        entries.contains { $0.key == key }
    }
}

extension JSONObject: Sequence {
    public struct Iterator: IteratorProtocol {
        @usableFromInline var base: IndexingIterator<[Entry]>
        @inlinable init(base: IndexingIterator<[Entry]>) { self.base = base }
        @inlinable
        public mutating func next() -> (key: String, value: JSONValue)? {
            guard let entry = base.next() else { return nil }
            return (entry.key, entry.value)
        }
    }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(base: entries.makeIterator()) }

    public var underestimatedCount: Int { entries.count }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
