import AnjuJSON
import Foundation

/// Reads policy.md facts out of what people say, from the normalised text (numerals are
/// already digits: 交了两年 → 交了2年, 余额三万二 → 余额32000, 贷六十万二十年 → 贷600000 20年).
///
/// Several facts in one sentence are all taken. When the assistant has just asked for a
/// fact (`expecting`), a bare answer ("24", "两年", "没有", "已婚") fills that fact, unless
/// the reply names another one ("月薪8000").
///
/// The readers live beside this file, one per kind of fact: `FactDates` (去年3月签的, birth),
/// `FactDurations` (交了2年, the loan term), `FactMoney` (sums, the spouse's sums),
/// `FactHomes`, `FactFamily` (married, children, gender), `FactLoans` (loan states and
/// housing), `FactAnswers` (bare replies); `FactScan` holds what one reading has taken and
/// `FactText` the byte-level scanning they share. `IdentityNumbers` reads ID numbers and PINs.
public struct FactExtractor: Sendable {
    /// The longest loan term the policy allows (the profile's `loan.max_term_years`), for
    /// "按最长的年限算" / "贷满": nil when no profile is known, and such words give no term.
    public let longestTermYears: Int?
    /// The highest loan of a first and of a second home (the profile's `loan.cap`), for
    /// "按首套的最高额度贷满": nil when no profile is known, and such words give no loan.
    public let loanCaps: (firstHome: Double, secondHome: Double)?

    public init(longestTermYears: Int? = nil, loanCaps: (firstHome: Double, secondHome: Double)? = nil) {
        self.longestTermYears = longestTermYears
        self.loanCaps = loanCaps
    }

    /// One fact found, with the value as the rules take it.
    public struct Found: Sendable, Equatable {
        public let name: String
        public let value: JSONValue
    }

    /// What one utterance said: the facts taken, and the facts whose number was said but is
    /// not a value a person could mean (99999999999999999999个月): those are asked again.
    public struct Extraction: Sendable, Equatable {
        public var facts: [Found]
        public var implausible: [String]
    }

    /// Facts in `text` (normalised). `expecting` is the fact just asked for, if any; `today`
    /// dates what is said relative to now (去年三月签的合同); `said` is the text as typed or
    /// transcribed, when known, for what normalising erases (二套 and 两套 both become 2套;
    /// 商贷 余额8万 loses its space).
    public func extract(_ text: String, expecting: String? = nil, today: Date = Date(), said: String? = nil) -> [Found] {
        extractChecked(text, expecting: expecting, today: today, said: said).facts
    }

    /// Facts in `text` with every number range-checked (see `FactBounds`): a value out of its
    /// fact's range is never taken, its fact is listed in `implausible` instead.
    public func extractChecked(_ text: String, expecting: String? = nil, today: Date = Date(), said: String? = nil) -> Extraction {
        var facts: [Found] = []
        var implausible: [String] = []
        for f in extractRaw(text, expecting: expecting, today: today, said: said) {
            if let v = f.value, FactBounds.accepts(f.name, v) { facts.append(Found(name: f.name, value: v)) } else { implausible.append(f.name) }
        }
        return Extraction(facts: facts, implausible: implausible)
    }

    /// A fact before its range check; `value` is nil when the number could not even be
    /// represented (beyond Int).
    struct RawFound { let name: String; let value: JSONValue? }

    /// The month of a reply that says only a month ("3月份", "三月"), for a birth whose year
    /// was said before (`birth_year`).
    public func monthAlone(in text: String) -> Int? { FactScan.monthAlone(in: text) }

    /// Every reading of `text`, by fact name.
    func extractRaw(_ text: String, expecting: String? = nil, today: Date = Date(), said: String? = nil) -> [RawFound] {
        var scan = FactScan(text, expecting: expecting, today: today, said: said, longestTermYears: longestTermYears, loanCaps: loanCaps)
        scan.readAll()
        return scan.found.sorted { $0.key < $1.key }.map { RawFound(name: $0.key, value: $0.value) }
    }
}
