@testable import AnjuDialogue
import AnjuData
import Testing

@Suite("Answer wording from answers.yaml")
struct AnswerWordingTests {
    let shipped = DataBundle.embedded.text("Corpus/dialogue/answers.yaml") ?? ""

    @Test("the shipped file loads with every entry, channel and name")
    func shippedFileLoads() throws {
        let words = try AnswerWording(yaml: shipped)
        #expect(words.name("second_home") == "第二套住房")
        #expect(words.text("quota_binding_capacity", .chat, ["ratio": "50"]) == "受还款能力限制：月还款不超过月收入的50%")
    }

    @Test("staff falls back to the chat wording when it has none of its own")
    func staffFallsBackToChat() throws {
        let words = try AnswerWording(yaml: shipped)
        #expect(words.text("withdraw_not_eligible", .staff, ["reasons": "R"]) == words.text("withdraw_not_eligible", .chat, ["reasons": "R"]))
    }

    @Test("a misspelt placeholder is refused at load, naming the entry and channel")
    func misspeltPlaceholderIsRefused() {
        let broken = shipped.replacingOccurrences(of: "最多可提取{amount}{closing}。\n  ivr", with: "最多可提取{ammount}{closing}。\n  ivr")
        #expect(broken != shipped)
        #expect(throws: DialogueDataError.self) { try AnswerWording(yaml: broken) }
        let entries = AnswerWording.problems(entries: ["withdraw_eligible": ["chat": "{ammount}", "ivr": ""]], names: [:])
        #expect(entries.contains { $0.contains("withdraw_eligible.chat") && $0.contains("{ammount}") })
    }

    @Test("a missing entry, an unknown entry and an unknown channel are each reported")
    func structuralProblemsAreReported() {
        let problems = AnswerWording.problems(entries: ["quota_typo": ["chat": "x", "ivr": "x"], "basis": ["chat": "{items}", "fax": "x"]],
                                              names: [:])
        #expect(problems.contains { $0.contains("missing 'quota'") })
        #expect(problems.contains { $0.contains("unknown entry 'quota_typo'") })
        #expect(problems.contains { $0.contains("unknown channel 'fax'") })
        #expect(problems.contains { $0.contains("basis: missing 'ivr'") })
        #expect(problems.contains { $0.contains("names: missing 'first_home'") })
    }

    @Test("a quota answer is worded from the typed result in every channel, with no braces left")
    func quotaIsWordedInEveryChannel() async {
        let assistant = Fixtures.shared
        for channel in Channel.allCases {
            let r = await assistant.ask(session: "aw-\(channel)", channel: channel,
                                  text: "我想算算能贷多少，余额5万，月收入1万，连续缴存36个月，名下没有房，没贷过款，没有逾期")
            #expect(!r.reply.contains("{") && !r.reply.contains("}"), "\(channel): \(r.reply)")
            if r.expecting == nil { #expect(r.reply.contains("可贷"), "\(channel): \(r.reply)") }
        }
    }
}
