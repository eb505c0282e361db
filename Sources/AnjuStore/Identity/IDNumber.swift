import Foundation

/// An 18-character resident identity number (居民身份证号码), checked under GB 11643-1999.
///
/// The layout is 6 digits of region code, 8 digits of birth date (YYYYMMDD), 3 digits of
/// sequence (the last one odd for men, even for women) and a check digit `0`–`9` or `X`.
/// The check digit is `"10X98765432"[Σ(digitᵢ × weightᵢ) mod 11]` with the weights
/// 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2.
///
/// Input is taken as the dialogue's normaliser leaves it: ASCII digits, no spaces. A
/// lowercase `x` is accepted and stored as `X`. The old 15-digit numbers are not accepted
/// (they carry no check digit).
///
/// `description` is the masked form, so an `IDNumber` interpolated into a log line never
/// shows the whole number; use `value` where the number itself is meant.
public struct IDNumber: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Why a text is not a valid ID number. Cases are ordered as they are checked.
    public enum Problem: String, Error, Sendable, Hashable, CaseIterable {
        /// Not 18 characters.
        case wrongLength = "wrong_length"
        /// Something other than 17 digits followed by a digit or `X`.
        case notDigits = "not_digits"
        /// Positions 7–14 are not a date between 1900-01-01 and today.
        case badBirthDate = "bad_birth_date"
        /// The 18th character does not match the other 17.
        case wrongCheckDigit = "wrong_check_digit"

        /// A short explanation in Chinese and English.
        public var message: String {
            switch self {
            case .wrongLength: "身份证号码应为18位 / an ID number has 18 characters"
            case .notDigits: "身份证号码应为17位数字加1位数字或X / an ID number is 17 digits and a digit or X"
            case .badBirthDate: "身份证号码中的出生日期无效 / the birth date in the ID number does not exist"
            case .wrongCheckDigit: "身份证号码校验位不符 / the check digit does not match"
            }
        }
    }

    /// What the assistant says when the number fails the check (any `Problem`). A wrong
    /// number is not a failed verification try.
    public static let retryPrompt = "号码有误，请重新输入"

    /// The 18 characters, with a final `X` in upper case.
    public let value: String

    /// Parses and checks `text`; nil when it is not a valid number.
    public init?(_ text: String) {
        guard case .success(let number) = IDNumber.parse(text) else { return nil }
        self = number
    }

    private init(checked value: String) {
        self.value = value
    }

    /// Whether `text` is a valid 18-character ID number: length, characters, a birth date
    /// that exists (1900-01-01 … today, UTC), and the check digit.
    public static func isValid(_ text: String) -> Bool {
        if case .success = parse(text) { return true }
        return false
    }

    /// The first reason `text` is not a valid number, or nil when it is valid.
    public static func problem(with text: String) -> Problem? {
        if case .failure(let problem) = parse(text) { return problem }
        return nil
    }

    /// Checks `text` and returns the canonical number or the first problem found.
    public static func parse(_ text: String, today: Date = Date()) -> Result<IDNumber, Problem> {
        let bytes = Array(text.utf8)
        guard bytes.count == 18 else { return .failure(.wrongLength) }
        var digits = [Int](repeating: 0, count: 17)
        for i in 0..<17 {
            let b = bytes[i]
            guard b >= 0x30, b <= 0x39 else { return .failure(.notDigits) }
            digits[i] = Int(b - 0x30)
        }
        let last = bytes[17]
        guard (last >= 0x30 && last <= 0x39) || last == UInt8(ascii: "X") || last == UInt8(ascii: "x") else {
            return .failure(.notDigits)
        }
        let year = digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9]
        let month = digits[10] * 10 + digits[11]
        let day = digits[12] * 10 + digits[13]
        guard isPlausibleBirthDate(year: year, month: month, day: day, today: today) else {
            return .failure(.badBirthDate)
        }
        let expected = checkCharacter(forDigits: digits)
        let given: UInt8 = last == UInt8(ascii: "x") ? UInt8(ascii: "X") : last
        guard given == expected else { return .failure(.wrongCheckDigit) }
        var canonical = bytes
        canonical[17] = given
        return .success(IDNumber(checked: String(decoding: canonical, as: UTF8.self)))
    }

    /// The check character (`0`–`9` or `X`) for the first 17 digits, or nil when `first17`
    /// is not 17 ASCII digits.
    public static func checkCharacter(for first17: String) -> Character? {
        let bytes = Array(first17.utf8)
        guard bytes.count == 17, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Character(Unicode.Scalar(checkCharacter(forDigits: bytes.map { Int($0 - 0x30) })))
    }

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432".utf8)

    private static func checkCharacter(forDigits digits: [Int]) -> UInt8 {
        var sum = 0
        for i in 0..<17 { sum += digits[i] * weights[i] }
        return checkCharacters[sum % 11]
    }

    private static func isPlausibleBirthDate(year: Int, month: Int, day: Int, today: Date) -> Bool {
        guard year >= 1900, (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let now = calendar.dateComponents([.year, .month, .day], from: today)
        let birth = year * 10000 + month * 100 + day
        let current = (now.year ?? 9999) * 10000 + (now.month ?? 12) * 100 + (now.day ?? 31)
        return birth <= current
    }

    /// The birth month encoded in the number, "YYYY-MM".
    public var birthMonth: String {
        let chars = Array(value)
        return String(chars[6..<10]) + "-" + String(chars[10..<12])
    }

    /// The gender encoded in the number: the 17th digit is odd for men, even for women.
    public var gender: Account.Gender {
        let digit = Int(value.utf8[value.utf8.index(value.utf8.startIndex, offsetBy: 16)] - 0x30)
        return digit % 2 == 1 ? .male : .female
    }

    /// The number with all but the first 3 and last 4 characters hidden:
    /// `330***********0013` (see `Masking.idNumber(_:)`).
    public var masked: String { Masking.idNumber(value) }

    public var description: String { masked }
    public var debugDescription: String { "IDNumber(\(masked))" }
}
