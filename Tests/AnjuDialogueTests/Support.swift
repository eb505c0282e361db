import AnjuIntents
import AnjuData
import AnjuDialogue
import AnjuJSON
import AnjuKnowledge
import AnjuRules
import AnjuStore
import Foundation
import Synchronization

/// A member directory in memory: one member, PIN 135790, locks after 5 failures.
final class FakeDirectory: MemberDirectory {
    static let idNumber = "11010519491231002X"
    /// The store's account of the one member (decoded: nothing outside the store makes one with credentials).
    static let account: Account = {
        let json = """
            {"account_no":"A001","id_number":"\(idNumber)","name":"测试","phone":"","birth":"1990-03","gender":"male",
             "status":"normal","balance":32456.78,"monthly_deposit":1200,"deposit_base":6000,"continuous_months":30,
             "last_deposit":"2026-10","sealed_since":null,"homes_owned":0,"children":1,"married":true,"loans_used":0,
             "loan_outstanding":0,"loan_monthly_payment":0,"overdue":false,"pin_hash":"","pin_salt":"","pin_iterations":1,
             "failed_attempts":0,"locked_until":null,"updated_at":0}
            """
        return try! JSONDecoder().decode(Account.self, from: Data(json.utf8))
    }()
    static let member = Member(account)
    private let failures = Mutex(0)
    let logged = Mutex<[TurnRecord]>([])

    func verify(idNumber: String, pin: String, now: Date) async throws -> VerificationOutcome {
        guard idNumber == Self.idNumber else { return .unknownMember }
        return failures.withLock { f in
            if f >= 5 { return .locked(until: now.addingTimeInterval(900)) }
            if pin == "135790" { f = 0; return .verified(Self.account) }
            f += 1
            return f >= 5 ? .locked(until: now.addingTimeInterval(900)) : .wrongPIN(remainingTries: 5 - f)
        }
    }

    func logTurn(_ turn: TurnRecord) { logged.withLock { $0.append(turn) } }

    func lockedUntil(idNumber: String, now: Date) async throws -> Date? {
        failures.withLock { $0 >= 5 } && idNumber == Self.idNumber ? now.addingTimeInterval(900) : nil
    }
}

enum Fixtures {
    /// A fresh assistant (its own sessions and member directory) on the classifier, FAQ and
    /// rules built once: training the classifier for every test took most of the debug test
    /// run (53 call sites, many parameterised).
    static func assistant(members: (any MemberDirectory)? = FakeDirectory()) -> Assistant {
        let files = DataBundle.embedded.files
        return try! Assistant(classifier: classifier, faq: faq, engine: engine, formsYAML: files["Corpus/dialogue/forms.yaml"]!,
                              messagesYAML: files["Corpus/dialogue/messages.yaml"]!, answersYAML: files["Corpus/dialogue/answers.yaml"]!,
                              members: members)
    }

    static let classifier = try! IntentClassifier.load(files: DataBundle.embedded.files)
    static let faq = try! FAQSearch.load(files: DataBundle.embedded.files, profile: "reference", classifier: classifier)

    static let shared = assistant()
    static let engine = RuleEngine(profile: try! PolicyProfile(yaml: DataBundle.embedded.text("Corpus/policy/reference.yaml")!))
}

extension Assistant {
    /// Sends turns in one session; returns the last reply.
    @discardableResult
    func conversation(_ session: String, _ turns: [String], channel: Channel = .chat) async -> [AssistantReply] {
        var replies: [AssistantReply] = []
        for text in turns { replies.append(await ask(session: session, channel: channel, text: text)) }
        return replies
    }
}

