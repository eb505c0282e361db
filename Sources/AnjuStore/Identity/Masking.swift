/// Masks for personal numbers shown to staff or written to logs.
///
/// The masks keep just enough to recognise a number when talking to its owner:
/// - ID numbers keep the first 3 and the last 4 characters: `330***********0013`
///   (a 15-digit number: `330********1234`). The region prefix says where it was issued;
///   the birth date and most of the sequence are hidden.
/// - Mobile numbers keep the first 3 and the last 4 digits: `138****1234`.
public enum Masking {
    /// `330***********0013`: the first 3 and the last 4 characters, a `*` for each hidden
    /// one. A text of 7 characters or fewer is hidden entirely.
    public static func idNumber(_ number: String) -> String {
        keep(first: 3, last: 4, of: number)
    }

    /// `138****1234`: the first 3 and the last 4 digits, a `*` for each hidden one. A text
    /// of 7 characters or fewer is hidden entirely; an empty one stays empty.
    public static func phone(_ number: String) -> String {
        keep(first: 3, last: 4, of: number)
    }

    static func keep(first: Int, last: Int, of text: String) -> String {
        let chars = Array(text)
        guard chars.count > first + last else { return String(repeating: "*", count: chars.count) }
        return String(chars[..<first]) + String(repeating: "*", count: chars.count - first - last)
            + String(chars[(chars.count - last)...])
    }
}

/// Removes personal numbers from free text before it is stored (the conversation log).
///
/// `Redactor.mask(_:)` looks at every run of digits that is not part of a longer number
/// (digits are `0`–`9`, full-width `０`–`９`, and the Chinese numerals 〇零一二三四五六七八九幺
/// that speech-to-text may produce; a decimal like `123456.78` is one number, not a run):
/// - 15 or more digits, or 17 digits and an `X` (ID numbers, and bank cards with them):
///   the first 3 and the last 4 characters are kept, `330***********0013`;
/// - 11 digits starting with 1 (mobile numbers): `138****1234`;
/// - exactly 6 digits (could be a PIN): `******`, nothing kept.
///
/// Digits written in groups — `138 1234 5678`, `138-1234-5678`, `330902 19880715 0013`,
/// `3 3 0 9 0 2 …` (one space, ideographic space, hyphen or comma between groups) — are
/// joined first: a chain that adds up to 15 or more digits, or to a mobile number, is
/// masked like one number; a chain of short groups (at most 3 digits each) adding up to 6
/// digits is hidden like a PIN. A number in scientific notation (`3.3090219880715e+17`,
/// what a spreadsheet or a float makes of an ID number) with 7 or more digits keeps only
/// its first 3. Over-masking is accepted: an amount written as `600000` becomes `******`
/// in the log, never in a reply.
public enum Redactor {
    /// What a turn whose whole text is a PIN is stored as.
    public static let pinPlaceholder = "[PIN]"

    /// `text` with ID numbers, mobile numbers and 6-digit numbers masked (see the type).
    public static func mask(_ text: String) -> String {
        // Most texts hold no digit at all: answered from the scalars, without splitting the
        // text into characters.
        guard mayHoldLongNumber(text) else { return text }
        return maskCharacters(text)
    }

    /// `mask` without its shortcut, reading every character (`mayHoldLongNumber` is tested
    /// against it).
    static func maskCharacters(_ text: String) -> String {
        var chars = Array(text)
        guard chars.contains(where: isDigit) else { return text }
        maskScientific(&chars)

        // 1. Maximal digit runs (with a trailing X/x directly after 17 digits).
        struct Run { var start: Int; var end: Int; var digits: Int; var partOfDecimal: Bool }
        var runs: [Run] = []
        var i = 0
        while i < chars.count {
            guard isDigit(chars[i]) else { i += 1; continue }
            let start = i
            while i < chars.count, isDigit(chars[i]) { i += 1 }
            var digits = i - start
            if digits == 17, i < chars.count, chars[i] == "X" || chars[i] == "x" || chars[i] == "Ｘ" || chars[i] == "ｘ" {
                i += 1
                digits += 1
            }
            let decimalBefore = start >= 2 && isDecimalPoint(chars[start - 1]) && isDigit(chars[start - 2])
            let decimalAfter = i + 1 < chars.count && isDecimalPoint(chars[i]) && isDigit(chars[i + 1])
            runs.append(Run(start: start, end: i, digits: digits, partOfDecimal: decimalBefore || decimalAfter))
        }

        var output = chars
        var masked = [Bool](repeating: false, count: runs.count)

        // 2. Grouped numbers: consecutive runs separated by one separator character.
        var r = 0
        while r < runs.count {
            var best: Int? = nil
            var hidesAll = false
            var total = runs[r].digits
            var shortGroups = runs[r].digits <= 3
            var j = r
            while j + 1 < runs.count, runs[j + 1].start == runs[j].end + 1, isGroupSeparator(chars[runs[j].end]),
                  !runs[j].partOfDecimal, !runs[j + 1].partOfDecimal {
                j += 1
                total += runs[j].digits
                shortGroups = shortGroups && runs[j].digits <= 3
                if total >= 15 || (total == 11 && isMobileStart(chars[runs[r].start]) && runs[r].digits >= 3) {
                    best = j
                    hidesAll = false
                } else if total == 6 && shortGroups {
                    best = j
                    hidesAll = true
                }
            }
            if let last = best {
                let span = Array(runs[r].start..<runs[last].end)
                let digitPositions = span.filter { !isGroupSeparator(chars[$0]) }
                for (n, position) in digitPositions.enumerated()
                where hidesAll || (n >= 3 && n < digitPositions.count - 4) {
                    output[position] = "*"
                }
                for k in r...last { masked[k] = true }
            }
            // A chain is judged from its first group only: "1,200,000" is not "200,000".
            r = j + 1
        }

        // 3. Single runs.
        for (k, run) in runs.enumerated() where !masked[k] {
            let isID = run.digits >= 15
            let isMobile = run.digits == 11 && isMobileStart(chars[run.start])
            if isID || isMobile {
                for position in (run.start + 3)..<(run.end - 4) { output[position] = "*" }
            } else if run.digits == 6, !run.partOfDecimal {
                for position in run.start..<run.end { output[position] = "*" }
            }
        }
        return String(output)
    }

    /// Whether the text has a chain of at least 6 digit scalars with at most one separator
    /// or decimal point between any two: every number this type masks is one (6 digits or
    /// more), so a text without such a chain is stored as it is, read once by its scalars.
    /// Replies are full of short figures (3,175.69元, 300个月, 一套) and splitting each into
    /// `Character`s cost 6% of a turn under load with every turn logged.
    static func mayHoldLongNumber(_ text: String) -> Bool {
        var chain = 0
        var afterSeparator = false
        for s in text.unicodeScalars {
            if isDigitScalar(s) {
                chain += 1
                afterSeparator = false
                if chain >= 6 { return true }
            } else if chain > 0, !afterSeparator, isSeparatorScalar(s) {
                afterSeparator = true
            } else if chain > 0, extendsCharacter(s) {
                // A mark on a digit (3 + U+0301) leaves one character the masking may still
                // count as a digit: the chain goes on.
                continue
            } else {
                chain = 0
                afterSeparator = false
            }
        }
        return false
    }

    /// A scalar that joins the character before it (combining marks, joiners, variation
    /// selectors); ASCII and unified ideographs never do.
    private static func extendsCharacter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x300 || (0x4E00..<0xA000).contains(s.value) { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return true
        default: return s.properties.isGraphemeExtend
        }
    }

    /// A group separator or a decimal point, as one scalar.
    private static func isSeparatorScalar(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case " ", "-", "\u{3000}", ",", "，", "－", "、", ".", "．": return true
        default: return false
        }
    }

    /// `3.3090219880715e+17` → `3.30***********e+17`: a float in scientific notation with 7
    /// or more mantissa digits keeps its first 3 digits only.
    private static func maskScientific(_ chars: inout [Character]) {
        var i = 0
        while i < chars.count {
            guard isASCIIOrWideDigit(chars[i]) else { i += 1; continue }
            let start = i
            var digitPositions: [Int] = []
            while i < chars.count, isASCIIOrWideDigit(chars[i]) { digitPositions.append(i); i += 1 }
            if i + 1 < chars.count, isDecimalPoint(chars[i]), isASCIIOrWideDigit(chars[i + 1]) {
                i += 1
                while i < chars.count, isASCIIOrWideDigit(chars[i]) { digitPositions.append(i); i += 1 }
            }
            // An exponent: e or E, an optional sign, digits.
            var k = i
            guard k < chars.count, chars[k] == "e" || chars[k] == "E" || chars[k] == "ｅ" || chars[k] == "Ｅ" else { continue }
            k += 1
            if k < chars.count, chars[k] == "+" || chars[k] == "-" || chars[k] == "＋" || chars[k] == "－" { k += 1 }
            guard k < chars.count, isASCIIOrWideDigit(chars[k]) else { continue }
            while k < chars.count, isASCIIOrWideDigit(chars[k]) { k += 1 }
            if digitPositions.count >= 7 {
                for position in digitPositions.dropFirst(3) { chars[position] = "*" }
            }
            _ = start
            i = k
        }
    }

    private static func isASCIIOrWideDigit(_ c: Character) -> Bool {
        if let s = plainScalar(c) { return ("0"..."9").contains(s) || ("０"..."９").contains(s) }
        switch c {
        case "0"..."9", "０"..."９": return true
        default: return false
        }
    }

    private static func isDigit(_ c: Character) -> Bool {
        if let s = plainScalar(c) { return isDigitScalar(s) }
        switch c {
        case "0"..."9", "０"..."９": return true
        case "〇", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "幺": return true
        default: return false
        }
    }

    /// The character's one scalar when it is a single scalar that no other text is
    /// canonically equal to and that combines with nothing — ASCII and Latin-1, CJK
    /// punctuation but its tone marks, unified ideographs,
    /// full-width forms — so that comparing the scalar decides exactly what comparing the
    /// `Character` would (a compatibility ideograph such as U+F9B2 is canonically 零: it
    /// goes the `Character` way). Comparing characters normalises both sides and was most
    /// of the log's masking time.
    @inline(__always)
    private static func plainScalar(_ c: Character) -> Unicode.Scalar? {
        var scalars = c.unicodeScalars.makeIterator()
        guard let s = scalars.next(), scalars.next() == nil else { return nil }
        switch s.value {
        case 0..<0x300, 0x3000..<0x302A, 0x3030..<0x3040, 0x4E00..<0xA000, 0xFF00..<0xFFF0: return s
        default: return nil
        }
    }

    /// Whether a scalar is a digit or may be part of one: `isDigit` is true only for
    /// characters that contain such a scalar (a compatibility ideograph may be canonically
    /// a Chinese numeral, so all of them count here).
    private static func isDigitScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0xFF10...0xFF19: return true
        case 0xF900...0xFAFF, 0x2F800...0x2FA1F: return true
        default:
            switch s {
            case "〇", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "幺": return true
            default: return false
            }
        }
    }

    private static func isMobileStart(_ c: Character) -> Bool {
        c == "1" || c == "１" || c == "一" || c == "幺"
    }

    private static func isDecimalPoint(_ c: Character) -> Bool { c == "." || c == "．" }

    private static func isGroupSeparator(_ c: Character) -> Bool {
        c == " " || c == "-" || c == "\u{3000}" || c == "," || c == "，" || c == "－" || c == "、"
    }
}
