import AnjuRules

/// Dates people tell by a festival: 去年国庆节签的合同, 2024年中秋节前签的, 去年端午过后离职,
/// 今年过年前封存. The month is the festival's in that year (the lunar ones from a table of
/// their Gregorian dates); 前 before a festival early in its month is the month before (国庆前
/// is September), 过后 after one late in its month is the month after.
extension FactScan {
    /// A festival's names, and its day in each year: fixed ones by month and day, lunar ones
    /// looked up per year (Chinese calendar, 2018–2030).
    struct Festival {
        let names: [String]
        let fixed: (month: Int, day: Int)?
        let lunar: [Int: (month: Int, day: Int)]

        func day(in year: Int) -> (month: Int, day: Int)? { fixed ?? lunar[year] }
    }

    static let festivals: [Festival] = [
        Festival(names: ["国庆节", "国庆"], fixed: (10, 1), lunar: [:]),
        Festival(names: ["元旦节", "元旦"], fixed: (1, 1), lunar: [:]),
        Festival(names: ["五一节", "五一", "劳动节"], fixed: (5, 1), lunar: [:]),
        Festival(names: ["春节", "过年", "大年初一"], fixed: nil, lunar: [
            2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10),
            2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3)]),
        Festival(names: ["端午节", "端午"], fixed: nil, lunar: [
            2018: (6, 18), 2019: (6, 7), 2020: (6, 25), 2021: (6, 14), 2022: (6, 3), 2023: (6, 22), 2024: (6, 10),
            2025: (5, 31), 2026: (6, 19), 2027: (6, 9), 2028: (5, 28), 2029: (6, 16), 2030: (6, 5)]),
        Festival(names: ["中秋节", "中秋"], fixed: nil, lunar: [
            2018: (9, 24), 2019: (9, 13), 2020: (10, 1), 2021: (9, 21), 2022: (9, 10), 2023: (9, 29), 2024: (9, 17),
            2025: (10, 6), 2026: (9, 25), 2027: (9, 15), 2028: (10, 3), 2029: (9, 22), 2030: (9, 12)]),
    ]

    /// Words after a festival that move the date before or after it.
    static let beforeFestival = ["之前", "以前", "前夕", "前"]
    static let afterFestival = ["过后", "之后", "以后", "过完", "后"]

    /// The month of the festival named at `i` in `year`, and the index after it (and after
    /// 前/过后); nil when no festival is named there or its date that year is not known.
    func festivalMonth(at i: String.Index, year: Int) -> (month: YearMonth, end: String.Index)? {
        guard i < t.endIndex else { return nil }
        let rest = t[i...]
        for festival in Self.festivals {
            guard let name = rest.prefix(anyOf: festival.names), let day = festival.day(in: year) else { continue }
            var end = t.index(i, past: name)
            var month = YearMonth(year: year, month: day.month)
            if let w = t[end...].prefix(anyOf: Self.beforeFestival) {
                end = t.index(end, past: w)
                if day.day <= 10 { month = day.month == 1 ? YearMonth(year: year - 1, month: 12) : YearMonth(year: year, month: day.month - 1) }
            } else if let w = t[end...].prefix(anyOf: Self.afterFestival) {
                end = t.index(end, past: w)
                if day.day >= 21 { month = day.month == 12 ? YearMonth(year: year + 1, month: 1) : YearMonth(year: year, month: day.month + 1) }
            }
            guard let month else { return nil }
            return (month, end)
        }
        return nil
    }
}
