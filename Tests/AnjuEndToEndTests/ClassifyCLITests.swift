import AnjuJSON
import Foundation
import Testing

@Suite("anju classify / eval / repl through the real executable")
struct ClassifyCLITests {
    @Test("classify answers every input line with one JSON line, empty ones too")
    func oneLinePerInput() throws {
        let input = ["我公积金还有多少钱", "", "租房能提多少", "   ", "今天天气怎么样"]
        let out = try CLIRunner.run(["classify"], lines: input)
        #expect(out.status == 0)
        #expect(out.lines.count == input.count)
        let first = try JSONValue.parse(out.lines[0])
        #expect(first["intent"]?.stringValue == "balance_query")
        #expect(first["tokens"]?.arrayValue?.isEmpty == false)
        #expect(first["candidates"]?.arrayValue?.first?["intent"]?.stringValue == "balance_query")
        #expect(try JSONValue.parse(out.lines[4])["intent"]?.stringValue == "out_of_scope")
    }

    @Test("classify survives invalid UTF-8, control characters, huge and emoji-only lines")
    func hostileInput() throws {
        var input = Data()
        input.append(contentsOf: [0xE5, 0x85, 0xAC, 0xFF, 0xFE, 0x0A])          // 公 + invalid bytes
        input.append(contentsOf: Array("\u{0001}\u{001B}[2J余额\n".utf8))
        input.append(Data(String(repeating: "公积金", count: 35_000).utf8)); input.append(0x0A) // ~100 KB
        input.append(Data("😀😀😀\n1234567890\nmy gjj 余额 how much\n".utf8))
        let out = try CLIRunner.run(["classify"], input: input)
        #expect(out.status == 0)
        #expect(out.lines.count == 6)
        for line in out.lines { #expect(try JSONValue.parse(line)["intent"]?.stringValue != nil) }
    }

    @Test("classify --limit is validated")
    func limitValidated() throws {
        let out = try CLIRunner.run(["classify", "--limit", "0"], lines: ["余额"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("limit"))
    }

    @Test("eval reports the measures, and --json is machine-readable")
    func evalReports() throws {
        let text = try CLIRunner.run(["eval"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("in-scope accuracy"))
        #expect(text.stdout.contains("top confusions"))
        let json = try JSONValue.parse(try CLIRunner.run(["eval", "--json"]).stdout)
        #expect((json["in_scope_accuracy"]?.doubleValue ?? 0) > 0.8)
        #expect(json["per_intent"]?.arrayValue?.count ?? 0 >= 40)
    }

    @Test("eval names a missing file")
    func evalMissingFile() throws {
        let out = try CLIRunner.run(["eval", "/nonexistent/set.tsv"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("/nonexistent/set.tsv"))
    }

    @Test("the REPL driven by a script prints exactly one line per input line and no banner")
    func replScripted() throws {
        let input = ["我公积金还有多少钱", ":channel ivr", "", ":help", "今天天气怎么样", ":explain 租房提取", ":reset"]
        let out = try CLIRunner.run([], lines: input)
        #expect(out.status == 0)
        #expect(out.lines.count == input.count)
        #expect(!out.stdout.contains("> "))
    }

    @Test("the REPL's :explain shows the facts a turn would read beside the scores")
    func replExplainShowsFacts() throws {
        let out = try CLIRunner.run([], lines: [":explain 缴存基数12000 单位个人各8%", ":explain 你好"])
        #expect(out.lines.count == 2)
        #expect(out.lines[0].contains("deposit_base=12000") && out.lines[0].contains("deposit_ratio=0.08"), "\(out.lines[0])")
        #expect(out.lines[1].contains("facts / 事实: -"), "\(out.lines[1])")
    }

    @Test("the REPL stops at :quit")
    func replQuits() throws {
        let out = try CLIRunner.run(["repl"], lines: ["你好", ":quit", "余额"])
        #expect(out.lines.count == 1)
    }
}
