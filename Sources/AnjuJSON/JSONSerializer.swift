/// Compact JSON output.
///
/// - No whitespace between tokens; object members in their stored order.
/// - Strings: `"` and `\` escaped; control characters U+0000–U+001F escaped (`\n`, `\r`,
///   `\t`, `\b`, `\f`, else `\u00XX`); everything else, including non-ASCII, written as UTF-8.
/// - Integers exactly. Doubles: an integral double with magnitude below 2^53 is written as an
///   integer without ".0" (`600000.0` → `600000`, `-0.0` → `0`); any other finite double in
///   the shortest form that reads back to the same value (`4003.4`, `0.1`, `1e-07`,
///   `1e+16`). NaN and infinities, which JSON cannot express, are written as `null`.
extension JSONValue {
    /// The compact JSON text of this value.
    public var jsonString: String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The compact JSON text as UTF-8 bytes.
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(to: &out)
        return out
    }

    /// Appends the compact JSON text of this value to `out`.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: b ? "true".utf8 : "false".utf8)
        case .int(let i): JSONValue.writeInt(i, to: &out)
        case .double(let d): JSONValue.writeDouble(d, to: &out)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            elements.withUnsafeBufferPointer { buffer in
                for i in buffer.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    buffer[i].write(to: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            object.entries.withUnsafeBufferPointer { buffer in
                for i in buffer.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    JSONValue.writeString(buffer[i].key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    buffer[i].value.write(to: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeInt(_ i: Int, to out: inout [UInt8]) {
        if i >= 0 && i < 10 {
            out.append(UInt8(ascii: "0") + UInt8(i))
            return
        }
        var magnitude = i.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, no allocation
        var n = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while magnitude > 0 {
                raw[23 - n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            }
            if i < 0 { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(24 - n)...]))
        }
    }

    static func writeDouble(_ d: Double, to out: inout [UInt8]) {
        guard d.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        if d == d.rounded(.towardZero), d.magnitude < 9_007_199_254_740_992.0 {
            writeInt(Int(d), to: &out)
            return
        }
        if writeFourDecimals(d, to: &out) { return }
        out.append(contentsOf: d.description.utf8)
    }

    /// Fast path for the scores and confidences every reply carries (rounded to four
    /// decimals): writes `d` as `123.4567`, trailing zeros dropped, when that text reads back
    /// to exactly `d`. Dividing the integer k by 10⁴ rounds correctly, so `k / 10⁴ == d`
    /// means `d` is the double nearest to the decimal k·10⁻⁴ — the very double that text
    /// parses to — and with at most 15 significant digits no shorter text names it. Returns
    /// false (nothing written) otherwise.
    static func writeFourDecimals(_ d: Double, to out: inout [UInt8]) -> Bool {
        guard d.magnitude >= 1e-4, d.magnitude < 1e10 else { return false }
        let scaled = (d * 10_000).rounded()
        guard scaled / 10_000 == d else { return false }
        let k = Int(scaled.magnitude)
        var fraction = k % 10_000
        guard fraction != 0 else { return false }
        if d < 0 { out.append(UInt8(ascii: "-")) }
        writeInt(k / 10_000, to: &out)
        var digits = 4
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        out.append(UInt8(ascii: "."))
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
        return true
    }

    static func writeString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { writeEscaped($0, to: &out) }
    }

    /// `"…"` with the escapes JSON needs.
    static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        if let base = bytes.baseAddress {
            let n = bytes.count
            var runStart = 0
            var i = 0
            while i < n {
                // Skip eight clean bytes at a time.
                while i + 8 <= n, !needsEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
                let stop = min(i + 8, n)
                while i < stop {
                    let c = base[i]
                    if c >= 0x20 && c != 0x22 && c != 0x5C {
                        i += 1
                        continue
                    }
                    if runStart < i { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
                    out.append(0x5C)
                    switch c {
                    case 0x22: out.append(0x22)
                    case 0x5C: out.append(0x5C)
                    case 0x0A: out.append(UInt8(ascii: "n"))
                    case 0x0D: out.append(UInt8(ascii: "r"))
                    case 0x09: out.append(UInt8(ascii: "t"))
                    case 0x08: out.append(UInt8(ascii: "b"))
                    case 0x0C: out.append(UInt8(ascii: "f"))
                    default:
                        out.append(contentsOf: "u00".utf8)
                        out.append(hexDigit(c >> 4))
                        out.append(hexDigit(c & 0x0F))
                    }
                    i += 1
                    runStart = i
                }
            }
            if runStart < n { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: n - runStart)) }
        }
        out.append(0x22)
    }

    /// True when one of the eight bytes is below 0x20, a quote or a backslash (exact: the
    /// classic "has zero byte" test; bytes ≥ 0x80 never match).
    @inline(__always)
    static func needsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below = (w &- ones &* 0x20) & ~w & highs
        let q = w ^ (ones &* 0x22)
        let quote = (q &- ones) & ~q & highs
        let b = w ^ (ones &* 0x5C)
        let backslash = (b &- ones) & ~b & highs
        return (below | quote | backslash) != 0
    }

    @inline(__always)
    static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }
}


extension JSONObject: CustomStringConvertible {
    /// The compact JSON text of this object.
    public var description: String { JSONValue.object(self).jsonString }
}
