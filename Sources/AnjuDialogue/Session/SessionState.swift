import AnjuJSON
import Foundation

/// Everything the assistant remembers about one conversation, between turns: what a
/// `SessionStore` keeps (as JSON in a shared store, hence `Codable`). Its parts are the
/// dialogue's own; other modules only store it.
public struct SessionState: Codable, Sendable, Equatable {
    /// A rule form being filled.
    struct Form: Codable, Sendable, Equatable {
        var intent: String
        /// Facts the user gave (or the account supplied), by policy.md name.
        var facts: [String: JSONValue]
        /// The fact just asked for.
        var expecting: String?
        /// The fact filled last (a bare correction applies to it).
        var lastFilled: String?
        /// The facts the user said (not the account's, not defaults): said back with the figure.
        var said: Set<String> = []
        /// The refusal was already given from what was said; the facts still missing are
        /// taken if the user goes on giving them, but no longer asked for.
        var settled: Bool? = nil
        /// A birth year said without its month (我是72年的): only the month is asked, and a
        /// bare "3月份" completes the birth.
        var birthYear: Int? = nil
        /// The price and down payment behind the loan, when said (see `LoanBasis`).
        var basis: LoanBasis? = nil
    }

    /// A rule answer already given, for follow-ups ("那二套呢？").
    struct Completed: Codable, Sendable, Equatable {
        var intent: String
        var facts: [String: JSONValue]
        var said: Set<String> = []
        /// The fact given last ("不对是一套" after the answer corrects it).
        var lastFilled: String? = nil
        /// The price and down payment behind the loan, when said (see `LoanBasis`).
        var basis: LoanBasis? = nil
    }

    enum Verification: Codable, Sendable, Equatable {
        case none
        case askingID(for: String)
        case askingPIN(idNumber: String, for: String)
    }

    var form: Form?
    var completed: Completed?
    var unclearOptions: [String] = []
    var unclearText: String = ""
    var verification: Verification = .none
    var member: Member?
    /// After a lock-out: until when, and for which question (a PIN typed again gets the notice).
    var lockedUntil: Date?
    var lockedIntent: String?
    /// Consecutive turns not understood.
    var misunderstood = 0
    /// Facts said that no rule has taken yet — in a turn not understood, or beside another
    /// rule's question ("现在住的那套是自己买的" before the loan is asked): the next form that
    /// uses them takes them as said.
    var pendingFacts: [String: JSONValue]? = nil
    /// Short notes of the last turns, for the hand-off summary.
    var notes: [String] = []
    /// The last answer given and its intent, said again when the user asks (没听清 再说一遍).
    var lastReply: String? = nil
    var lastIntent: String? = nil

    init() {}

    mutating func note(_ text: String) {
        notes.append(text)
        if notes.count > 6 { notes.removeFirst(notes.count - 6) }
    }
}
