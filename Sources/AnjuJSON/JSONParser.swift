/// Why a text is not a JSON value, and where (a byte offset into the UTF-8 input).
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The input ended in the middle of a value (or was empty).
        case unexpectedEnd = "unexpected_end"
        /// A byte that cannot start or continue a value here.
        case unexpectedCharacter = "unexpected_character"
        /// A number that breaks the RFC 8259 grammar (leading zero, "1.", "-", "1e", …).
        case invalidNumber = "invalid_number"
        /// A number too large for a Double (e.g. 1e400).
        case numberOutOfRange = "number_out_of_range"
        /// A backslash escape that is not one of \" \\ \/ \b \f \n \r \t \uXXXX.
        case invalidEscape = "invalid_escape"
        /// A \u escape naming a lone surrogate.
        case invalidSurrogate = "invalid_surrogate"
        /// A raw control character (U+0000–U+001F) inside a string.
        case controlCharacter = "control_character"
        /// A string that is not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// Arrays and objects nested deeper than the limit.
        case tooDeep = "too_deep"
        /// The same key twice in one object.
        case duplicateKey = "duplicate_key"
        /// Something other than whitespace after the value.
        case trailingCharacters = "trailing_characters"
    }

    public let kind: Kind
    /// Byte offset into the UTF-8 input where the problem was found.
    public let offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        let what: String
        switch kind {
        case .unexpectedEnd: what = "unexpected end of input"
        case .unexpectedCharacter: what = "unexpected character"
        case .invalidNumber: what = "invalid number"
        case .numberOutOfRange: what = "number out of range"
        case .invalidEscape: what = "invalid escape sequence"
        case .invalidSurrogate: what = "unpaired UTF-16 surrogate in \\u escape"
        case .controlCharacter: what = "unescaped control character in string"
        case .invalidUTF8: what = "invalid UTF-8 in string"
        case .tooDeep: what = "nesting too deep"
        case .duplicateKey: what = "duplicate key in object"
        case .trailingCharacters: what = "unexpected characters after the JSON value"
        }
        return "\(what) at byte \(offset)"
    }
}

extension JSONValue {
    /// Default limit on nested arrays/objects.
    public static let defaultMaxDepth = 128

    /// Parses one JSON text (RFC 8259, strict): exactly one value surrounded by optional
    /// whitespace; no comments, no trailing commas, no NaN/Infinity, no byte-order mark,
    /// no duplicate keys in an object, strings must be valid UTF-8 without raw control
    /// characters, and `\u` escapes must pair surrogates. Never traps on any input.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        if let result = text.utf8.withContiguousStorageIfAvailable({ parseResult($0, maxDepth: maxDepth) }) {
            return try result.get()
        }
        return try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    /// Parses UTF-8 bytes. See ``parse(_:maxDepth:)-(String,_)``.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { parseResult($0, maxDepth: maxDepth) }.get()
    }

    /// Parses UTF-8 bytes (e.g. a slice of a network buffer).
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        // Read the bytes as UInt8 without rebinding the caller's memory.
        let buffer = UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        return try parseResult(buffer, maxDepth: maxDepth).get()
    }

    /// Parses any collection of UTF-8 bytes (contiguous storage is used when available).
    public static func parse<C: Collection>(utf8 bytes: C, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue
    where C.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ parseResult($0, maxDepth: maxDepth) }) {
            return try result.get()
        }
        return try parse(Array(bytes), maxDepth: maxDepth)
    }

    static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(buffer, maxDepth: maxDepth)
        do throws(JSONParseError) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}

// MARK: - The parser


/// Exact powers of ten for the fast (Clinger) number path.
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    let maxDepth: Int
    var index = 0
    var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.count = bytes.count
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        let value = try parseValue()
        skipWhitespace()
        if index != count { throw JSONParseError(.trailingCharacters, at: index) }
        return value
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < count else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case 0x22: return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw JSONParseError(.unexpectedCharacter, at: index)
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let n = literal.utf8CodeUnitCount
        let p = literal.utf8Start
        for k in 0..<n {
            guard index + k < count else { throw JSONParseError(.unexpectedEnd, at: count) }
            guard bytes[index + k] == p[k] else { throw JSONParseError(.unexpectedCharacter, at: index + k) }
        }
        index += n
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth { throw JSONParseError(.tooDeep, at: index) }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard index < count else { throw JSONParseError(.unexpectedEnd, at: index) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(elements)
            default: throw JSONParseError(.unexpectedCharacter, at: index)
            }
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1  // {
        var object = JSONObject()
        var seen: Set<String>? = nil
        skipWhitespace()
        if index < count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < count else { throw JSONParseError(.unexpectedEnd, at: index) }
            guard bytes[index] == 0x22 else { throw JSONParseError(.unexpectedCharacter, at: index) }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < count else { throw JSONParseError(.unexpectedEnd, at: index) }
            guard bytes[index] == UInt8(ascii: ":") else { throw JSONParseError(.unexpectedCharacter, at: index) }
            index += 1
            let value = try parseValue()
            // Duplicate keys: a linear scan for small objects, a set beyond that.
            if object.count < 16 {
                if object.entries.contains(where: { $0.key == key }) {
                    throw JSONParseError(.duplicateKey, at: keyOffset)
                }
            } else {
                if seen == nil { seen = Set(object.entries.map(\.key)) }
                if !seen!.insert(key).inserted { throw JSONParseError(.duplicateKey, at: keyOffset) }
            }
            object.appendUnchecked(key, value)
            skipWhitespace()
            guard index < count else { throw JSONParseError(.unexpectedEnd, at: index) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(object)
            default: throw JSONParseError(.unexpectedCharacter, at: index)
            }
        }
    }

    /// Parses a string starting at the opening quote; leaves `index` after the closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index + 1
        var i = start
        var ascii = true
        // Fast path: no escapes.
        while i < count {
            let c = bytes[i]
            if c == 0x22 {
                index = i + 1
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if ascii { return String(decoding: slice, as: UTF8.self) }
                guard let s = String(validating: slice, as: UTF8.self) else {
                    throw JSONParseError(.invalidUTF8, at: start)
                }
                return s
            }
            if c == 0x5C { break }
            if c < 0x20 { throw JSONParseError(.controlCharacter, at: i) }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        guard i < count else { throw JSONParseError(.unexpectedEnd, at: count) }
        // Slow path: copy into a buffer, decoding escapes.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(i - start + 16)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < count {
            let c = bytes[i]
            if c == 0x22 {
                index = i + 1
                guard let s = String(validating: buffer, as: UTF8.self) else {
                    throw JSONParseError(.invalidUTF8, at: start)
                }
                return s
            }
            if c < 0x20 { throw JSONParseError(.controlCharacter, at: i) }
            if c != 0x5C {
                buffer.append(c)
                i += 1
                continue
            }
            // An escape.
            guard i + 1 < count else { throw JSONParseError(.unexpectedEnd, at: count) }
            let e = bytes[i + 1]
            switch e {
            case 0x22: buffer.append(0x22)
            case 0x5C: buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                let unit = try readHex4(at: i + 2)
                var scalarValue = UInt32(unit)
                var consumed = 6
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate must be followed by \u and a low surrogate.
                    guard i + 7 < count, bytes[i + 6] == 0x5C, bytes[i + 7] == UInt8(ascii: "u") else {
                        throw JSONParseError(.invalidSurrogate, at: i)
                    }
                    let low = try readHex4(at: i + 8)
                    guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.invalidSurrogate, at: i) }
                    scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    consumed = 12
                } else if (0xDC00...0xDFFF).contains(unit) {
                    throw JSONParseError(.invalidSurrogate, at: i)
                }
                appendUTF8(scalarValue, to: &buffer)
                i += consumed
                continue
            default:
                throw JSONParseError(.invalidEscape, at: i)
            }
            i += 2
        }
        throw JSONParseError(.unexpectedEnd, at: count)
    }

    func readHex4(at position: Int) throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for k in 0..<4 {
            guard position + k < count else { throw JSONParseError(.unexpectedEnd, at: count) }
            let c = bytes[position + k]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c &- UInt8(ascii: "A") &+ 10
            default: throw JSONParseError(.invalidEscape, at: position + k)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    func appendUTF8(_ v: UInt32, to buffer: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            buffer.append(UInt8(v))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | (v >> 6)))
            buffer.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | (v >> 12)))
            buffer.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (v & 0x3F)))
        default:
            buffer.append(UInt8(0xF0 | (v >> 18)))
            buffer.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            buffer.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    @inline(__always)
    func isDigit(at i: Int) -> Bool {
        i < count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var i = index
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard isDigit(at: i) else {
            throw JSONParseError(i < count ? .invalidNumber : .unexpectedEnd, at: i)
        }
        // Integer part. Accumulate significant digits for the fast paths.
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var droppedIntegerDigits = 0  // integer digits beyond 19 significant ones
        let intStart = i
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(at: i) { throw JSONParseError(.invalidNumber, at: i) }
        } else {
            while isDigit(at: i) {
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- UInt8(ascii: "0"))
                    significantDigits += 1
                } else {
                    droppedIntegerDigits += 1
                }
                i += 1
            }
        }
        let intDigits = i - intStart
        var isInteger = true
        var fractionDigitsUsed = 0
        var exactMantissa = droppedIntegerDigits == 0
        if i < count, bytes[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard isDigit(at: i) else { throw JSONParseError(i < count ? .invalidNumber : .unexpectedEnd, at: i) }
            while isDigit(at: i) {
                let d = bytes[i] &- UInt8(ascii: "0")
                if significantDigits < 19 {
                    if mantissa != 0 || d != 0 { significantDigits += 1 }
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    fractionDigitsUsed += 1
                } else if d != 0 {
                    exactMantissa = false
                }
                i += 1
            }
        }
        var exponent = 0
        if i < count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            var expNegative = false
            if i < count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard isDigit(at: i) else { throw JSONParseError(i < count ? .invalidNumber : .unexpectedEnd, at: i) }
            while isDigit(at: i) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] &- UInt8(ascii: "0")) }
                i += 1
            }
            if expNegative { exponent = -exponent }
        }
        index = i

        if isInteger, intDigits <= 18 {
            // At most 18 digits always fits in Int.
            let magnitude = Int(mantissa)
            return .int(negative ? -magnitude : magnitude)
        }
        if isInteger, intDigits == 19 {
            if negative, mantissa <= UInt64(Int.max) + 1 {
                return .int(mantissa == UInt64(Int.max) + 1 ? Int.min : -Int(mantissa))
            }
            if !negative, mantissa <= UInt64(Int.max) { return .int(Int(mantissa)) }
        }
        // Fast exact path: mantissa ≤ 2^53 and a power of ten up to 1e22 (one correctly
        // rounded operation on two exact values).
        let exp10 = exponent - fractionDigitsUsed + droppedIntegerDigits
        if exactMantissa, droppedIntegerDigits == 0, mantissa <= (1 << 53), exp10 >= -22, exp10 <= 22 {
            var value = Double(mantissa)
            value = exp10 < 0 ? value / exactPowersOfTen[-exp10] : value * exactPowersOfTen[exp10]
            return .double(negative ? -value : value)
        }
        // General path: the standard library's correctly rounded conversion.
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONParseError(.numberOutOfRange, at: start)
        }
        return .double(value)
    }
}
