public enum Gender: String, Sendable, Hashable, CaseIterable {
    case male
    case female
}

/// For women: "cadre" had the original retirement age 55, "worker" 50.
public enum WomanCategory: String, Sendable, Hashable, CaseIterable {
    case cadre
    case worker
}

/// One cohort rule of the 2025 reform (a `retirement.*` section of the profile).
public struct RetirementSchedule: Sendable, Hashable {
    /// Age (years) for members born before `reformFrom`.
    public let baseAge: Int
    /// First birth month whose retirement is delayed.
    public let reformFrom: YearMonth
    /// One month of delay per this many months of birth, counting `reformFrom` itself as
    /// the first month of the first step.
    public let monthsPerStep: Int
    /// The delayed age never exceeds this (years).
    public let maxAge: Int

    public init(baseAge: Int, reformFrom: YearMonth, monthsPerStep: Int, maxAge: Int) {
        self.baseAge = baseAge
        self.reformFrom = reformFrom
        self.monthsPerStep = monthsPerStep
        self.maxAge = maxAge
    }

    /// The statutory retirement age in months for a member born in `birth`.
    ///
    /// Born before `reformFrom`: `baseAge` years. Otherwise one month is added per
    /// `monthsPerStep` months of birth, the first step starting at `reformFrom`
    /// (men: born 1965-01…04 → 60 years 1 month, 1965-05…08 → 60 years 2 months), up to
    /// `maxAge` years.
    public func ageInMonths(birth: YearMonth) -> Int {
        let base = baseAge * 12
        let k = reformFrom.months(until: birth)
        guard k >= 0 else { return base }
        return min(base + k / monthsPerStep + 1, maxAge * 12)
    }
}

/// A statutory retirement age and the month it is reached.
public struct RetirementAge: Sendable, Hashable {
    /// The age in months (years·12 + months).
    public let totalMonths: Int
    /// The month the member reaches it: birth month + age.
    public let date: YearMonth

    public var years: Int { totalMonths / 12 }
    public var months: Int { totalMonths % 12 }

    public init(totalMonths: Int, date: YearMonth) {
        self.totalMonths = totalMonths
        self.date = date
    }
}
