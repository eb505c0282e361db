import AnjuJSON

/// A request's `id`, kept as the bytes the client sent, so it is echoed exactly: a number
/// outside Int64 (`123456789012345678901234567890`), `1e2`, `-0`, or a string with escapes
/// comes back byte for byte as written.
public struct RequestID: Sendable, Hashable {
    /// The JSON token, as sent (or as written, for a request given as a value).
    public let raw: [UInt8]

    /// The token `raw` (the caller vouches that it is one JSON string or number).
    public init(raw: [UInt8]) { self.raw = raw }

    /// The value's own serialisation (requests given as parsed values).
    public init(_ value: JSONValue) { self.raw = value.jsonBytes }

    /// The raw token of the top-level member `"id"` of the JSON object `line` — a line that
    /// has already parsed without error, so the scan can be simple. Nil when there is none.
    public static func rawToken<Bytes: RandomAccessCollection>(in line: Bytes) -> [UInt8]? where Bytes.Element == UInt8, Bytes.Index == Int {
        var i = line.startIndex
        let end = line.endIndex
        func skipSpace() {
            while i < end, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0A || line[i] == 0x0D { i += 1 }
        }
        // The byte after the string starting at `i` (a quote).
        func skipString() {
            i += 1
            while i < end {
                if line[i] == UInt8(ascii: "\\") { i += 2; continue }
                if line[i] == UInt8(ascii: "\"") { i += 1; return }
                i += 1
            }
        }
        func skipValue() {
            var depth = 0
            while i < end {
                switch line[i] {
                case UInt8(ascii: "\""):
                    skipString()
                    if depth == 0 { return }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return }
                    depth -= 1
                    if depth == 0 { i += 1; return }
                case UInt8(ascii: ","):
                    if depth == 0 { return }
                case 0x20, 0x09, 0x0A, 0x0D:
                    if depth == 0 { return }
                default:
                    break
                }
                i += 1
            }
        }
        // A BOM, spaces, then `{`.
        if line.count >= 3, line[i] == 0xEF, line[i + 1] == 0xBB, line[i + 2] == 0xBF { i += 3 }
        skipSpace()
        guard i < end, line[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        while i < end {
            skipSpace()
            guard i < end, line[i] == UInt8(ascii: "\"") else { return nil }
            let keyStart = i
            skipString()
            let keyBytes = Array(line[keyStart..<i])
            skipSpace()
            guard i < end, line[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace()
            let valueStart = i
            skipValue()
            let isID = keyBytes == Array(#""id""#.utf8)
                || (keyBytes.contains(UInt8(ascii: "\\")) && (try? JSONValue.parse(keyBytes))?.stringValue == "id")
            if isID { return Array(line[valueStart..<i]) }
            skipSpace()
            guard i < end, line[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
        return nil
    }
}
