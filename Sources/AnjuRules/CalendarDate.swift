import Foundation

/// A calendar month ("YYYY-MM"), the precision of every date fact (`birth`, `on`).
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1…12
    public let month: Int

    /// Years accepted anywhere a month is read (facts, profile).
    public static let supportedYears = 1900...2200

    public init?(year: Int, month: Int) {
        guard YearMonth.supportedYears.contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly "YYYY-MM" (four digits, a hyphen, two digits, month 01–12).
    public init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ YearMonth.parse($0) }) else { return nil }
        self = parsed
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> YearMonth? {
        guard b.count == 7, b[4] == UInt8(ascii: "-") else { return nil }
        var year = 0
        for k in 0..<4 {
            let d = Int(b[k]) - 48
            guard (0...9).contains(d) else { return nil }
            year = year * 10 + d
        }
        let m1 = Int(b[5]) - 48, m2 = Int(b[6]) - 48
        guard (0...9).contains(m1), (0...9).contains(m2) else { return nil }
        return YearMonth(year: year, month: m1 * 10 + m2)
    }

    /// Months since year 0 (year·12 + month − 1): differences of two of these count months.
    public var monthIndex: Int { year * 12 + month - 1 }

    init(monthIndex: Int) {
        year = monthIndex / 12
        month = monthIndex % 12 + 1
    }

    /// This month moved by `months` (may leave `supportedYears`; used for derived dates).
    public func adding(months: Int) -> YearMonth { YearMonth(monthIndex: monthIndex + months) }

    /// Whole months from `self` to `other` (positive when `other` is later).
    public func months(until other: YearMonth) -> Int { other.monthIndex - monthIndex }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.monthIndex < b.monthIndex }

    /// "YYYY-MM"
    public var description: String {
        let y = String(year)
        let pad = String(repeating: "0", count: max(0, 4 - y.count))
        return pad + y + (month < 10 ? "-0" : "-") + String(month)
    }
}

/// A calendar day (the "today" a rule is evaluated on, and profile dates such as
/// `effective`). No time zone: the caller decides which day it is.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for a day that does not exist (2025-02-29, 2025-13-01, year outside 1900…2200).
    public init?(year: Int, month: Int, day: Int) {
        guard YearMonth.supportedYears.contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly "YYYY-MM-DD".
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for k in r {
                let d = Int(u[k]) - 48
                guard (0...9).contains(d) else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day `date` falls on in `timeZone` (default: China Standard Time, where the
    /// centres are). For callers that hold a `Date`; the rules themselves never read a clock.
    public init(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        let y = min(max(c.year ?? 2000, YearMonth.supportedYears.lowerBound), YearMonth.supportedYears.upperBound)
        self.year = y
        self.month = c.month ?? 1
        self.day = c.day ?? 1
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The month this day is in.
    public var yearMonth: YearMonth { YearMonth(monthIndex: year * 12 + month - 1) }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// "YYYY-MM-DD"
    public var description: String {
        yearMonth.description + (day < 10 ? "-0" : "-") + String(day)
    }
}
