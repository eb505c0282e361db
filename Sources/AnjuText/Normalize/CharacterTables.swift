/// Per-character facts the normaliser needs, as flat tables built once.
public enum CharClass {
    /// CJK unified ideographs (basic block, extension A, compatibility ideographs, ext B–F).
    @inline(__always)
    public static func isIdeograph(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FA1F).contains(v) || v == 0x3007 // 〇
    }

    @inline(__always)
    public static func isASCIIDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    @inline(__always)
    public static func isASCIILetter(_ v: UInt32) -> Bool { (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) }

    /// Full-width ASCII variants (Ｆ, １, ％) to their ASCII forms, the ideographic space to a space.
    @inline(__always)
    public static func halfWidth(_ v: UInt32) -> UInt32 {
        if v >= 0xFF01 && v <= 0xFF5E { return v - 0xFEE0 }
        if v == 0x3000 { return 0x20 }
        return v
    }
}

/// Traditional → simplified, one character at a time, for the basic CJK block.
///
/// Built once from ICU's `Traditional-Simplified` transliterator: the whole block is
/// transliterated in one call at start-up (≈30 ms) and kept as a flat table.
struct SimplifiedTable: Sendable {
    /// `table[v - 0x4E00]` is the simplified scalar, or 0 when it is unchanged.
    private let table: [UInt32]

    init() throws(ICUError) {
        let translit = try ICUTransliterator("Traditional-Simplified")
        var source = String.UnicodeScalarView()
        source.reserveCapacity(2 * (0x9FFF - 0x4E00 + 1))
        for v in UInt32(0x4E00)...0x9FFF {
            source.append(Unicode.Scalar(v)!)
            source.append("\n")
        }
        let simplified = try translit.transliterate(String(source))
        var table = [UInt32](repeating: 0, count: 0x9FFF - 0x4E00 + 1)
        var index = 0
        for line in simplified.split(separator: "\n", omittingEmptySubsequences: false) {
            guard index < table.count else { break }
            let scalars = line.unicodeScalars
            if scalars.count == 1, let s = scalars.first, s.value != 0x4E00 + UInt32(index) {
                table[index] = s.value
            }
            index += 1
        }
        self.table = table
    }

    @inline(__always)
    func simplify(_ v: UInt32) -> UInt32 {
        guard v >= 0x4E00 && v <= 0x9FFF else { return v }
        let s = table[Int(v - 0x4E00)]
        return s == 0 ? v : s
    }
}
