import AnjuData
import AnjuDialogue
import AnjuJSON
import AnjuRules
import Foundation
import Synchronization

/// A member directory in memory: one member, PIN 135790, locks after 5 failures.
final class FakeDirectory: MemberDirectory {
    static let idNumber = "11010519491231002X"
    static let member = Member(accountNo: "A001", name: "测试", status: "normal", balance: 32_456.78, monthlyDeposit: 1_200,
                               depositBase: 6_000, continuousMonths: 30, lastDeposit: "2026-10", sealedSince: nil, homesOwned: 0,
                               children: 1, married: true, loansUsed: 0, loanOutstanding: 0, loanMonthlyPayment: 0, overdue: false,
                               birth: "1990-03", gender: "male")
    private let failures = Mutex(0)
    let logged = Mutex<[TurnLog]>([])

    func verify(idNumber: String, pin: String, now: Date) throws -> VerificationOutcome {
        guard idNumber == Self.idNumber else { return .unknownMember }
        return failures.withLock { f in
            if f >= 5 { return .locked(until: now.addingTimeInterval(900)) }
            if pin == "135790" { f = 0; return .verified(Self.member) }
            f += 1
            return f >= 5 ? .locked(until: now.addingTimeInterval(900)) : .wrongPIN(remainingTries: 5 - f)
        }
    }

    func logTurn(_ turn: TurnLog) { logged.withLock { $0.append(turn) } }

    func lockedUntil(idNumber: String, now: Date) throws -> Date? {
        failures.withLock { $0 >= 5 } && idNumber == Self.idNumber ? now.addingTimeInterval(900) : nil
    }
}

enum Fixtures {
    static func assistant(members: (any MemberDirectory)? = FakeDirectory()) -> Assistant {
        try! Assistant.load(files: DataBundle.embedded.files, profile: "reference", members: members)
    }

    static let shared = assistant()
    static let engine = RuleEngine(profile: try! PolicyProfile(yaml: DataBundle.embedded.text("Corpus/policy/reference.yaml")!))
}

extension Assistant {
    /// Sends turns in one session; returns the last reply.
    @discardableResult
    func conversation(_ session: String, _ turns: [String], channel: Channel = .chat) -> [AssistantReply] {
        turns.map { ask(session: session, channel: channel, text: $0) }
    }
}

/// Deterministic generator (SplitMix64) for the property and fuzz tests, so a failure replays.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
