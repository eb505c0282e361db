import Foundation

/// Toneless pinyin per character, for matching speech-recognition homophones
/// (工积金 → 公积金, 伤转公 → 商转公).
///
/// The table is data (`Intents/text/pinyin.tsv`), generated once from ICU's
/// `Han-Latin; Latin-ASCII` over the 6,763 characters of GB 2312 by `PinyinTable.generate()`
/// (`anju data pinyin`): per-query transliteration would cost ≈200 µs, a lookup nanoseconds.
/// Syllables are stored in a fuzzy form that merges the confusions speech recognisers and
/// southern accents make: zh/z, ch/c, sh/s, l/n, and -ng/-n.
public struct PinyinTable: Sendable {
    private var syllableOf = IntegerMap(capacity: 8192)
    private var syllables: [String] = [""]
    private var ids: [String: UInt16] = ["": 0]

    public init() {}

    /// Parses `char<TAB>pinyin` lines.
    public init(tsv: String) throws(TextDataError) {
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t")
            guard parts.count == 2, parts[0].unicodeScalars.count == 1, let scalar = parts[0].unicodeScalars.first else {
                throw TextDataError(file: "pinyin.tsv", line: number + 1, message: "expected 'character<TAB>pinyin' / 应为「汉字<TAB>拼音」")
            }
            syllableOf.set(UInt64(scalar.value), Int32(intern(Self.fuzzy(String(parts[1])))))
        }
    }

    private mutating func intern(_ syllable: String) -> UInt16 {
        if let id = ids[syllable] { return id }
        let id = UInt16(syllables.count)
        syllables.append(syllable)
        ids[syllable] = id
        return id
    }

    /// The fuzzy syllable id of a character, or nil when the table does not know it.
    @inline(__always)
    func syllable(_ v: UInt32) -> UInt16? { syllableOf[UInt64(v)].map { UInt16($0) } }

    /// The fuzzy pinyin of a character (for `--explain`).
    public func pinyin(of character: Character) -> String? {
        guard let v = character.unicodeScalars.first?.value, let id = syllableOf[UInt64(v)] else { return nil }
        return syllables[Int(id)]
    }

    /// A key for up to 6 characters' syllables; nil if any character has no pinyin.
    func key(_ text: [UInt32], _ range: Range<Int>) -> UInt64? {
        guard range.count <= 6 else { return nil }
        var key: UInt64 = UInt64(range.count)
        for i in range {
            guard let s = syllableOf[UInt64(text[i])] else { return nil }
            key = key &* 1031 &+ UInt64(s)
        }
        return key
    }

    /// Number of characters known.
    public var count: Int { syllableOf.count }

    static func fuzzy(_ raw: String) -> String {
        var s = raw.lowercased().filter { $0.isLetter }
        if s.hasPrefix("zh") || s.hasPrefix("ch") || s.hasPrefix("sh") { s.remove(at: s.index(after: s.startIndex)) }
        if s.hasPrefix("l") { s = "n" + s.dropFirst() }
        if s.hasSuffix("ng") { s.removeLast() }
        return s
    }

    /// Generates the table text from ICU for the characters of GB 2312 (levels 1 and 2).
    public static func generate() throws(ICUError) -> String {
        var bytes: [UInt8] = []
        for hi in UInt8(0xB0)...0xF7 {
            for lo in UInt8(0xA1)...0xFE { bytes += [hi, lo, 0x0A] }
        }
        let characters = try ICUDecoder.decode(bytes, encoding: "gb2312")
            .split(separator: "\n").map(String.init)
            .filter { $0.unicodeScalars.count == 1 && CharClass.isIdeograph($0.unicodeScalars.first!.value) }
        let translit = try ICUTransliterator("Han-Latin; Latin-ASCII")
        let pinyin = try translit.transliterate(characters.joined(separator: "\n")).split(separator: "\n", omittingEmptySubsequences: false)
        var out = "# Toneless pinyin per character, from ICU Han-Latin; Latin-ASCII over GB 2312.\n# Regenerate with: anju data pinyin > Intents/text/pinyin.tsv\n"
        for (c, p) in zip(characters, pinyin) {
            let syllable = p.trimmingCharacters(in: .whitespaces).lowercased()
            guard !syllable.isEmpty, syllable.allSatisfy({ $0.isASCII && $0.isLetter }) else { continue }
            out += "\(c)\t\(syllable)\n"
        }
        return out
    }
}
