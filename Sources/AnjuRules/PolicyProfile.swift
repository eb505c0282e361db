import AnjuJSON
import Yams

/// Why a policy profile could not be loaded: the dotted key at fault (e.g.
/// `loan.repayment_ratio`, `rates.schedule[1].effective`; empty for the whole document)
/// and what is wrong with it.
public struct PolicyProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let key: String
    public let message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String {
        key.isEmpty ? "policy profile: \(message)" : "policy profile: \(key): \(message)"
    }
}

/// First or second home: picks the cap, the loan-to-price ratio and the rate.
public enum LoanCategory: String, Sendable, Hashable, CaseIterable {
    case firstHome = "first_home"
    case secondHome = "second_home"
}

/// A pair of values by loan category.
public struct ByCategory<Value: Sendable & Hashable>: Sendable, Hashable {
    public let firstHome: Value
    public let secondHome: Value

    public init(firstHome: Value, secondHome: Value) {
        self.firstHome = firstHome
        self.secondHome = secondHome
    }

    public subscript(category: LoanCategory) -> Value {
        category == .firstHome ? firstHome : secondHome
    }
}

/// A centre's policy numbers (see `Corpus/policy/reference.yaml` for the schema and
/// `policy.md` for their meaning). Loaded from YAML text and validated once; the rules read
/// the typed fields, never the YAML.
public struct PolicyProfile: Sendable {
    public let id: String
    public let name: String
    public let centre: String
    public let effective: CalendarDate
    public let sources: [String]
    public let loan: Loan
    public let rates: Rates
    public let retirement: Retirement
    public let withdraw: Withdraw
    public let deposit: Deposit
    /// The whole file as JSON (keys in file order), for text that quotes a figure by its
    /// dotted path; see ``value(at:)``.
    public let document: JSONValue

    public struct Loan: Sendable, Hashable {
        /// `loan.min_continuous_months`
        public let minContinuousMonths: Int
        /// `loan.max_loans_used`: loans_used must be below this.
        public let maxLoansUsed: Int
        /// `loan.max_homes_owned`: homes_owned must not exceed this.
        public let maxHomesOwned: Int
        /// `loan.cap.first_home`, `loan.cap.second_home`
        public let cap: ByCategory<Double>
        /// Optional `loan.cap_with_co_borrower.{first_home,second_home}`: the cap used instead
        /// of `cap` when a co-borrower contributes (co_borrower_balance or co_borrower_income
        /// above 0). Absent in the reference profile; Yancheng's 家庭 / 个人 caps use it.
        public let capWithCoBorrower: ByCategory<Double>?
        /// `loan.uplift.children_min`
        public let upliftChildrenMin: Int
        /// `loan.uplift.children` (a fraction: 0.20 = +20% of the cap)
        public let upliftChildren: Double
        /// `loan.uplift.talent`
        public let upliftTalent: Double
        /// `loan.cap_max`
        public let capMax: Double
        /// `loan.balance_multiplier`
        public let balanceMultiplier: Double
        /// `loan.repayment_ratio`
        public let repaymentRatio: Double
        /// `loan.loan_to_price.{first_home,second_home}`
        public let loanToPrice: ByCategory<Double>
        /// `loan.max_term_years`
        public let maxTermYears: Int
        /// `loan.retirement_extra_years`
        public let retirementExtraYears: Int
        /// `loan.quota_rounding`
        public let quotaRounding: Double
    }

    public struct RatePair: Sendable, Hashable {
        /// Annual rate in percent for terms up to `rates.short_term_max_months`.
        public let short: Double
        /// Annual rate in percent for longer terms.
        public let long: Double
    }

    public struct RateEntry: Sendable, Hashable {
        public let effective: CalendarDate
        public let firstHome: RatePair
        public let secondHome: RatePair

        public func pair(for category: LoanCategory) -> RatePair {
            category == .firstHome ? firstHome : secondHome
        }
    }

    public struct Rates: Sendable, Hashable {
        /// `rates.short_term_max_months`
        public let shortTermMaxMonths: Int
        /// `rates.schedule`, sorted newest first (whatever the file's order).
        public let schedule: [RateEntry]

        /// The entry in force on `day`: the newest whose `effective` ≤ day. Before every
        /// entry, the oldest one (the schedule says nothing earlier).
        public func entry(on day: CalendarDate) -> RateEntry {
            for entry in schedule where entry.effective <= day { return entry }
            return schedule[schedule.count - 1]
        }

        /// Annual rate in percent for a loan of `termMonths` in `category`, in force on `day`.
        public func annualRate(category: LoanCategory, termMonths: Int, on day: CalendarDate) -> Double {
            let pair = entry(on: day).pair(for: category)
            return termMonths <= shortTermMaxMonths ? pair.short : pair.long
        }
    }

    public struct Retirement: Sendable, Hashable {
        public let male: RetirementSchedule
        public let femaleCadre: RetirementSchedule
        public let femaleWorker: RetirementSchedule

        public func schedule(gender: Gender, category: WomanCategory) -> RetirementSchedule {
            switch (gender, category) {
            case (.male, _): return male
            case (.female, .cadre): return femaleCadre
            case (.female, .worker): return femaleWorker
            }
        }

        /// The statutory retirement age of a member born in `birth`.
        public func age(birth: YearMonth, gender: Gender, category: WomanCategory = .cadre) -> RetirementAge {
            let months = schedule(gender: gender, category: category).ageInMonths(birth: birth)
            return RetirementAge(totalMonths: months, date: birth.adding(months: months))
        }
    }

    public struct Withdraw: Sendable, Hashable {
        /// `withdraw.rent.min_continuous_months`
        public let rentMinContinuousMonths: Int
        /// `withdraw.rent.annual_cap.*`
        public let rentCapSingle: Double
        public let rentCapMarried: Double
        public let rentCapMarriedTwoChildren: Double
        public let rentCapMarriedThreeOrMoreChildren: Double
        /// `withdraw.leave.min_sealed_months`
        public let leaveMinSealedMonths: Int
        /// `withdraw.purchase.max_months_since_purchase`
        public let purchaseMaxMonths: Int
        /// `withdraw.renovation.max_months_since_completion`
        public let renovationMaxMonths: Int

        /// The yearly rent cap for a family. Unmarried members use the single cap whatever
        /// their number of children (the tiers are per married family).
        public func rentCap(married: Bool, children: Int) -> Double {
            guard married else { return rentCapSingle }
            switch children {
            case ..<2: return rentCapMarried
            case 2: return rentCapMarriedTwoChildren
            default: return rentCapMarriedThreeOrMoreChildren
            }
        }
    }

    public struct Deposit: Sendable, Hashable {
        public let ratioMin: Double
        public let ratioMax: Double
        public let baseMax: Double
        public let baseMin: Double
        /// "MM-DD"
        public let yearStart: String
        /// Percent per year.
        public let interestRate: Double
    }

    /// The figure at a dotted path of the file, e.g. `loan.cap.first_home` → 800000,
    /// `rates.schedule.0.first_home.long` → 2.6 (list elements by index, in file order).
    /// `rates.current.…` names the schedule entry in force on `today` (the newest entry when
    /// `today` is nil), e.g. `rates.current.first_home.long`, `rates.current.effective`.
    /// This is how answer text quotes a figure (`{{money:loan.cap.first_home}}`).
    public func value(at path: String, today: CalendarDate? = nil) -> JSONValue? {
        var parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var current: JSONValue? = document
        if parts.count >= 2, parts[0] == "rates", parts[1] == "current" {
            let entry = today.map(rates.entry(on:)) ?? rates.schedule[0]
            guard case .array(let list)? = document["rates"]?["schedule"],
                let match = list.first(where: { $0["effective"]?.stringValue == entry.effective.description })
            else { return nil }
            current = match
            parts.removeFirst(2)
        }
        for part in parts {
            guard let node = current else { return nil }
            switch node {
            case .object(let object): current = object[part]
            case .array(let array):
                guard let i = Int(part), array.indices.contains(i) else { return nil }
                current = array[i]
            default: return nil
            }
        }
        return current
    }
}

// MARK: - Loading

extension PolicyProfile {
    /// Loads and validates a profile from YAML text. Throws ``PolicyProfileError`` naming
    /// the key for a missing key, a value of the wrong type, or a value out of range.
    public init(yaml: String) throws(PolicyProfileError) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw PolicyProfileError(key: "", message: "empty document")
            }
            root = node
        } catch let error as PolicyProfileError {
            throw error
        } catch {
            throw PolicyProfileError(key: "", message: "not valid YAML: \(error)")
        }
        let r = try YAMLReader(root: root)
        document = try r.json()

        id = try r.string("id")
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ "a"..."z" ~= $0 || "0"..."9" ~= $0 || $0 == "_" || $0 == "-" }) else {
            throw PolicyProfileError(key: "id", message: "must be non-empty lower-case letters, digits, '_' or '-'")
        }
        name = try r.nonEmptyString("name")
        centre = try r.nonEmptyString("centre")
        effective = try r.date("effective")
        let sourceNodes = try r.sequence("sources")
        guard !sourceNodes.isEmpty else { throw PolicyProfileError(key: "sources", message: "must list at least one source") }
        sources = try sourceNodes.map { (s) throws(PolicyProfileError) in try s.asNonEmptyString() }

        let l = try r.child("loan")
        let capNode = try l.child("cap")
        let cap = ByCategory(
            firstHome: try capNode.double("first_home", in: 1...1e10),
            secondHome: try capNode.double("second_home", in: 1...1e10))
        var capWithCoBorrower: ByCategory<Double>? = nil
        if let c = try l.optionalChild("cap_with_co_borrower") {
            capWithCoBorrower = ByCategory(
                firstHome: try c.double("first_home", in: 1...1e10),
                secondHome: try c.double("second_home", in: 1...1e10))
        }
        let uplift = try l.child("uplift")
        let ltp = try l.child("loan_to_price")
        loan = Loan(
            minContinuousMonths: try l.int("min_continuous_months", in: 0...600),
            maxLoansUsed: try l.int("max_loans_used", in: 1...100),
            maxHomesOwned: try l.int("max_homes_owned", in: 0...100),
            cap: cap,
            capWithCoBorrower: capWithCoBorrower,
            upliftChildrenMin: try uplift.int("children_min", in: 1...10),
            upliftChildren: try uplift.double("children", in: 0...1),
            upliftTalent: try uplift.double("talent", in: 0...1),
            capMax: try l.double("cap_max", in: 1...1e10),
            balanceMultiplier: try l.double("balance_multiplier", in: 0...1000),
            repaymentRatio: try l.double("repayment_ratio", in: 0...1),
            loanToPrice: ByCategory(
                firstHome: try ltp.double("first_home", in: 0...1),
                secondHome: try ltp.double("second_home", in: 0...1)),
            maxTermYears: try l.int("max_term_years", in: 1...50),
            retirementExtraYears: try l.int("retirement_extra_years", in: 0...30),
            quotaRounding: Double(try l.int("quota_rounding", in: 1...1_000_000)))

        let ratesNode = try r.child("rates")
        let shortMax = try ratesNode.int("short_term_max_months", in: 1...600)
        let scheduleNodes = try ratesNode.sequence("schedule")
        guard !scheduleNodes.isEmpty else {
            throw PolicyProfileError(key: "rates.schedule", message: "must have at least one entry")
        }
        var entries: [RateEntry] = []
        for s in scheduleNodes {
            func pair(_ key: String) throws(PolicyProfileError) -> RatePair {
                let p = try s.child(key)
                return RatePair(short: try p.double("short", in: 0.000_001...100), long: try p.double("long", in: 0.000_001...100))
            }
            let entry = RateEntry(effective: try s.date("effective"), firstHome: try pair("first_home"), secondHome: try pair("second_home"))
            if entries.contains(where: { $0.effective == entry.effective }) {
                throw PolicyProfileError(key: s.path + ".effective", message: "two schedule entries take effect on \(entry.effective)")
            }
            entries.append(entry)
        }
        entries.sort { $0.effective > $1.effective }
        rates = Rates(shortTermMaxMonths: shortMax, schedule: entries)

        let ret = try r.child("retirement")
        retirement = Retirement(
            male: try ret.child("male").retirementSchedule(),
            femaleCadre: try ret.child("female_cadre").retirementSchedule(),
            femaleWorker: try ret.child("female_worker").retirementSchedule())

        let w = try r.child("withdraw")
        let rent = try w.child("rent")
        let caps = try rent.child("annual_cap")
        withdraw = Withdraw(
            rentMinContinuousMonths: try rent.int("min_continuous_months", in: 0...600),
            rentCapSingle: try caps.double("single", in: 0...1e9),
            rentCapMarried: try caps.double("married", in: 0...1e9),
            rentCapMarriedTwoChildren: try caps.double("married_two_children", in: 0...1e9),
            rentCapMarriedThreeOrMoreChildren: try caps.double("married_three_or_more_children", in: 0...1e9),
            leaveMinSealedMonths: try w.child("leave").int("min_sealed_months", in: 0...600),
            purchaseMaxMonths: try w.child("purchase").int("max_months_since_purchase", in: 0...600),
            renovationMaxMonths: try w.child("renovation").int("max_months_since_completion", in: 0...600))

        let d = try r.child("deposit")
        let ratioMin = try d.double("ratio_min", in: 0...1)
        let ratioMax = try d.double("ratio_max", in: 0...1)
        guard ratioMin <= ratioMax else {
            throw PolicyProfileError(key: "deposit.ratio_min", message: "must not exceed deposit.ratio_max")
        }
        let baseMin = try d.double("base_min", in: 0...1e7)
        let baseMax = try d.double("base_max", in: 0...1e7)
        guard baseMin <= baseMax else {
            throw PolicyProfileError(key: "deposit.base_min", message: "must not exceed deposit.base_max")
        }
        let yearStart = try d.string("year_start")
        let ys = Array(yearStart.utf8)
        guard ys.count == 5, ys[2] == UInt8(ascii: "-"),
            let mm = Int(String(yearStart.prefix(2))), let dd = Int(String(yearStart.suffix(2))),
            CalendarDate(year: 2000, month: mm, day: dd) != nil
        else {
            throw PolicyProfileError(key: "deposit.year_start", message: "must be MM-DD, got \(yearStart)")
        }
        deposit = Deposit(
            ratioMin: ratioMin, ratioMax: ratioMax, baseMax: baseMax, baseMin: baseMin,
            yearStart: yearStart, interestRate: try d.double("interest_rate", in: 0...100))
    }
}

/// Reads a YAML node tree, tracking the dotted path for error messages.
struct YAMLReader {
    let node: Node
    let path: String

    init(root: Node) throws(PolicyProfileError) {
        guard root.mapping != nil else { throw PolicyProfileError(key: "", message: "the document must be a mapping") }
        node = root
        path = ""
    }

    private init(node: Node, path: String) {
        self.node = node
        self.path = path
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func optionalChild(_ key: String) throws(PolicyProfileError) -> YAMLReader? {
        guard let mapping = node.mapping else { throw PolicyProfileError(key: path, message: "must be a mapping") }
        guard let value = mapping[key] else { return nil }
        if value.scalar != nil, value.tag == Tag(.null) { return nil }
        return YAMLReader(node: value, path: keyPath(key))
    }

    func child(_ key: String) throws(PolicyProfileError) -> YAMLReader {
        guard let c = try optionalChild(key) else { throw PolicyProfileError(key: keyPath(key), message: "missing") }
        return c
    }

    func sequence(_ key: String) throws(PolicyProfileError) -> [YAMLReader] {
        let c = try child(key)
        guard let seq = c.node.sequence else { throw PolicyProfileError(key: c.path, message: "must be a list") }
        return seq.enumerated().map { YAMLReader(node: $1, path: c.path + "[\($0)]") }
    }

    func string(_ key: String) throws(PolicyProfileError) -> String {
        let c = try child(key)
        guard let scalar = c.node.scalar else { throw PolicyProfileError(key: c.path, message: "must be a text value") }
        return scalar.string
    }

    func nonEmptyString(_ key: String) throws(PolicyProfileError) -> String {
        try child(key).asNonEmptyString()
    }

    func asNonEmptyString() throws(PolicyProfileError) -> String {
        guard let scalar = node.scalar, !scalar.string.isEmpty else {
            throw PolicyProfileError(key: path, message: "must be a non-empty text value")
        }
        return scalar.string
    }

    func double(_ key: String, in range: ClosedRange<Double>) throws(PolicyProfileError) -> Double {
        let c = try child(key)
        guard let scalar = c.node.scalar, c.node.tag == Tag(.int) || c.node.tag == Tag(.float),
            let value = Double.construct(from: scalar) ?? Int.construct(from: scalar).map(Double.init),
            value.isFinite
        else {
            throw PolicyProfileError(key: c.path, message: "must be a number")
        }
        guard range.contains(value) else {
            throw PolicyProfileError(key: c.path, message: "must be in \(Self.show(range.lowerBound))…\(Self.show(range.upperBound)), got \(Self.show(value))")
        }
        return value
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(PolicyProfileError) -> Int {
        let c = try child(key)
        guard let scalar = c.node.scalar, c.node.tag == Tag(.int), let value = Int.construct(from: scalar) else {
            throw PolicyProfileError(key: c.path, message: "must be a whole number")
        }
        guard range.contains(value) else {
            throw PolicyProfileError(key: c.path, message: "must be in \(range.lowerBound)…\(range.upperBound), got \(value)")
        }
        return value
    }

    func date(_ key: String) throws(PolicyProfileError) -> CalendarDate {
        let text = try string(key)
        guard let d = CalendarDate(text) else {
            throw PolicyProfileError(key: keyPath(key), message: "must be a date YYYY-MM-DD, got \(text)")
        }
        return d
    }

    func yearMonth(_ key: String) throws(PolicyProfileError) -> YearMonth {
        let text = try string(key)
        guard let m = YearMonth(text) else {
            throw PolicyProfileError(key: keyPath(key), message: "must be a month YYYY-MM, got \(text)")
        }
        return m
    }

    func retirementSchedule() throws(PolicyProfileError) -> RetirementSchedule {
        let base = try int("base_age", in: 16...100)
        let maxAge = try int("max_age", in: 16...100)
        guard maxAge >= base else { throw PolicyProfileError(key: keyPath("max_age"), message: "must not be below base_age") }
        return RetirementSchedule(
            baseAge: base, reformFrom: try yearMonth("reform_from"),
            monthsPerStep: try int("months_per_step", in: 1...120), maxAge: maxAge)
    }

    /// The node as JSON: mappings as objects (file order), lists as arrays, scalars by their
    /// resolved YAML type (dates and other text as strings).
    func json() throws(PolicyProfileError) -> JSONValue {
        try Self.json(node, path: path)
    }

    static func json(_ node: Node, path: String) throws(PolicyProfileError) -> JSONValue {
        if let mapping = node.mapping {
            var object = JSONObject()
            for (k, v) in mapping {
                guard let key = k.scalar?.string else { throw PolicyProfileError(key: path, message: "keys must be text") }
                let p = path.isEmpty ? key : path + "." + key
                if object.contains(key: key) { throw PolicyProfileError(key: p, message: "duplicate key") }
                object.appendUnchecked(key, try json(v, path: p))
            }
            return .object(object)
        }
        if let sequence = node.sequence {
            var array: [JSONValue] = []
            for (i, v) in sequence.enumerated() { array.append(try json(v, path: "\(path)[\(i)]")) }
            return .array(array)
        }
        guard let scalar = node.scalar else { throw PolicyProfileError(key: path, message: "unsupported YAML node") }
        let tag = node.tag
        if tag == Tag(.null) { return .null }
        if tag == Tag(.bool), let b = Bool.construct(from: scalar) { return .bool(b) }
        if tag == Tag(.int), let i = Int.construct(from: scalar) { return .int(i) }
        if tag == Tag(.float), let d = Double.construct(from: scalar), d.isFinite { return .double(d) }
        return .string(scalar.string)
    }

    static func show(_ d: Double) -> String {
        JSONValue.double(d).jsonString
    }
}
