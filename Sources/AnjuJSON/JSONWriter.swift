/// Writes compact JSON straight into bytes, without building a ``JSONValue`` tree. Same
/// output rules as ``JSONValue/jsonString``. Commas are placed for you; the caller keeps the
/// calls well nested (begin/end pairs, a key before each object member).
///
///     var w = JSONWriter()
///     w.beginObject()
///     w.staticKey("amount"); w.double(600000)
///     w.key(someName); w.string("balance")
///     w.endObject()
///     w.string  // {"amount":600000,"binding":"balance"}
public struct JSONWriter: Sendable {
    /// The UTF-8 written so far.
    public private(set) var bytes: [UInt8]
    private var needsComma = false

    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member name known at compile time, written as is: it must need no escaping (plain
    /// ASCII letters, digits, `_`), as every key in this project does.
    public mutating func staticKey(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A member name, escaped as needed.
    public mutating func key(_ name: String) {
        separate()
        JSONValue.writeString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ s: String) {
        separate()
        JSONValue.writeString(s, to: &bytes)
        needsComma = true
    }

    /// A string given as UTF-8 bytes (escaped as needed; invalid UTF-8 ends up replaced by
    /// U+FFFD when the text is read as a `String`).
    public mutating func string(utf8: [UInt8]) {
        separate()
        utf8.withUnsafeBufferPointer { JSONValue.writeEscaped($0, to: &bytes) }
        needsComma = true
    }

    public mutating func int(_ i: Int) {
        separate()
        JSONValue.writeInt(i, to: &bytes)
        needsComma = true
    }

    public mutating func double(_ d: Double) {
        separate()
        JSONValue.writeDouble(d, to: &bytes)
        needsComma = true
    }

    public mutating func bool(_ b: Bool) {
        separate()
        bytes.append(contentsOf: b ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Object members someone already wrote as compact JSON (`"a":1,"b":[2]`, without
    /// braces), spliced in as they are; empty adds nothing. The caller vouches for them.
    public mutating func members(_ json: [UInt8]) {
        guard !json.isEmpty else { return }
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Every member of `object`, in order (as ``JSONValue/jsonString`` writes them).
    public mutating func members(of object: JSONObject) {
        for (name, value) in object {
            key(name)
            self.value(value)
        }
    }

    /// Any value (written the same way as ``JSONValue/jsonString``).
    public mutating func value(_ v: JSONValue) {
        separate()
        v.write(to: &bytes)
        needsComma = true
    }
}
