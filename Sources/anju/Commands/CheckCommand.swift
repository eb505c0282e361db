import AnjuJSON
import AnjuRules
import ArgumentParser
import Foundation

/// `anju check RULE`: run one of policy.md's rules on facts given as JSON.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run a policy rule on JSON facts. / 按政策规则计算（贷款额度、月供、提取、退休年龄）。",
        discussion: """
        Rules: retirement_age, loan_eligibility, loan_quota, loan_repayment, withdraw_eligibility.
        Prints the result object, the same one the protocol's check op returns.
        Examples:
          anju check loan_repayment --facts '{"principal":1000000,"term_years":30}'
          echo '{"birth":"1970-05","gender":"male"}' | anju check retirement_age
          anju check --batch < requests.jsonl     (lines of {"rule": …, "facts": {…}})
        """)

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The rule id (not with --batch). / 规则名。") var rule: String?
    @Option(help: "The facts as a JSON object (default: read from stdin). / 事实（JSON 对象）。") var facts: String?
    @Flag(help: "Read JSON lines {\"rule\", \"facts\"} from stdin; one result or error line each. / 批量模式。") var batch = false
    @Option(help: "Evaluate as of this date (YYYY-MM-DD), default today. / 计算日期。") var today: String?

    func validate() throws {
        if batch && (rule != nil || facts != nil) { throw ValidationError("--batch reads rules and facts from stdin; give no RULE or --facts / 批量模式不接受 RULE 与 --facts") }
        if !batch && rule == nil { throw ValidationError("give a RULE, e.g. anju check loan_quota, or --batch / 请给出规则名") }
        if let today, CalendarDate(today) == nil { throw ValidationError("--today must be YYYY-MM-DD / 日期格式应为 YYYY-MM-DD") }
    }

    func run() throws {
        let engine = try dataOptions.ruleEngine()
        let day = today.flatMap(CalendarDate.init) ?? CalendarDate(Date())
        if batch {
            let out = OutputBuffer()
            for line in StandardInputLines() { out.line(engine.checkLine(line, today: day)) }
            out.flush()
            return
        }
        let text = facts ?? StandardInputLines().reduce(into: "") { $0 += $1 + "\n" }
        let value: JSONValue
        do { value = try JSONValue.parse(text) } catch {
            let e = RuleError(code: .badRequest, message: "facts 不是有效的 JSON：\(error)。The facts are not valid JSON: \(error).", fact: "facts")
            print(RuleEngine.errorLine(e))
            throw ExitCode(1)
        }
        switch engine.check(rule: rule!, facts: value, today: day) {
        case .success(let result): print(result.jsonString)
        case .failure(let error):
            print(RuleEngine.errorLine(error))
            throw ExitCode(1)
        }
    }
}
