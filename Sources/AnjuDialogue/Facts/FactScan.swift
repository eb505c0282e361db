import AnjuJSON
import AnjuRules
import Foundation

/// The reading of one utterance: the facts taken so far and the numbers they used, so that
/// one number becomes at most one fact ("交了2年" is months of contribution, never also a
/// two-year loan term).
///
/// The readers (in the `FactScan` extensions beside this file) run from the most specific
/// phrasing to the least; the first reading of a fact wins.
struct FactScan {
    /// The normalised utterance.
    let t: String
    /// The fact the assistant just asked for.
    let expecting: String?
    /// The day the utterance is read on (for 去年三月, 上个月).
    let today: Date
    /// Facts taken; a nil value is a number said that no Int holds (asked again).
    private(set) var found: [String: JSONValue?] = [:]
    /// The characters of the numbers already taken.
    private(set) var used: [Range<String.Index>] = []

    init(_ t: String, expecting: String?, today: Date) {
        self.t = t
        self.expecting = expecting
        self.today = today
    }

    /// Takes `value` for `name` unless a reading came first; marks `number` used either way.
    mutating func take(_ name: String, _ value: JSONValue?, number: Range<String.Index>? = nil) {
        if let number { used.append(number) }
        if found[name] == nil { found.updateValue(value, forKey: name) }
    }

    /// Takes a count (months, homes, children) through `FactBounds.int`: a number beyond
    /// any Int is taken as nil, so the fact is asked again.
    mutating func take(_ name: String, count: Double, number: Range<String.Index>?) {
        take(name, FactBounds.int(count).map(JSONValue.int), number: number)
    }

    /// Whether `name` was read.
    func has(_ name: String) -> Bool { found[name] != nil }

    /// Whether any character of `range` belongs to a number already taken.
    func isUsed(_ range: Range<String.Index>) -> Bool {
        used.contains { $0.overlaps(range) }
    }

    /// Whether a number was taken at all (then a bare reply is not a bare reply).
    var tookNumber: Bool { !used.isEmpty }

    /// The month of `today` in China Standard Time.
    var thisMonth: YearMonth { CalendarDate(today).yearMonth }

    /// Whether a reading without a keyword may fill `fact`: only when nothing else was
    /// asked for ("20年" is a loan term after a repayment answer, months after a months question).
    func mayGuess(_ fact: String) -> Bool { expecting == nil || expecting == fact }

    /// Runs every reader, then the bare answer to the question asked.
    mutating func readAll() {
        readDateEvents()
        readDurations()
        // Every sum is read from digits (the normaliser writes numerals as digits): a text
        // without one has none, and the money readers' dozens of keyword searches are skipped.
        if t.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { readMoney() }
        readTerm()
        readHomes()
        readFamily()
        readPerson()
        readLoanStatus()
        if let expecting { readBareAnswer(for: expecting) }
    }
}
