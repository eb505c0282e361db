import AnjuData
@testable import AnjuIntents
import AnjuJSON
import Foundation
import Testing

/// A small, valid data bundle; each test breaks one thing in it.
enum ValidationFixture {
    static let files: [String: String] = [
        "Intents/withdraw_rent.yaml": """
        id: withdraw_rent
        name: 租房提取
        kind: [rule]
        keywords:
          租房: 3
        examples:
          - 租房能提多少
          - 房租可以用公积金付吗
        """,
        "Intents/out_of_scope.yaml": """
        id: out_of_scope
        name: 范围外
        examples:
          - 今天天气怎么样
        """,
        "Intents/classifier.yaml": "k1: 1.2\nb: 0.75\n",
        "Intents/lexicon/loan.txt": "# 贷款词\n公积金贷款\n商转公  # 商业贷款转公积金贷款\n",
        "Intents/text/synonyms.tsv": "公基金\t公积金\n",
        "Intents/text/fillers.txt": "嗯\n",
        "Intents/text/pinyin.tsv": "公\tgong\n",
        "Intents/README.md": "How to edit intents.\n",
        "Corpus/policy/reference.yaml": """
        loan:
          cap: 800000
          since: 2024-10-18
          note: 文字
        rates:
          schedule:
            - rate: 2.6
        """,
        "Corpus/passages/rules.yaml": """
        doc: 管理条例
        source: 条例
        effective: 2019-03-24
        passages:
          - id: reg-rent
            section: 第二十四条
            title: 租房提取
            text: 租房可以提取，最高{{money:loan.cap}}。
        """,
        "Corpus/faq/withdraw.yaml": """
        - id: faq-rent-1
          intent: withdraw_rent
          question: 租房能提吗？
          answer: 可以，最高{{money:loan.cap}}，利率{{percent:rates.current.rate}}。
          spoken: 可以，最高{{money:loan.cap}}。
          keywords: [租房]
          cites: [reg-rent]
        - id: faq-rent-2
          intent: withdraw_rent
          question: 租房提取要什么材料？
          answer: 租房合同。
          spoken: 租房合同。
          keywords: [材料]
          cites: [reg-rent]
        - id: faq-rent-3
          intent: withdraw_rent
          question: 租房提取从哪天起？
          answer: 从{{date:loan.since}}起。
          spoken: 从{{date:loan.since}}起。
          keywords: [日期]
          cites: [reg-rent]
        """,
        "Corpus/eval/eval.tsv": "expected\ttext\ttags\nwithdraw_rent\t租房\t\n",
    ]

    static func validate(_ changes: [String: String?] = [:], shared: SharedSources? = nil) -> DataValidation {
        var files = Self.files
        for (path, text) in changes { files[path] = text }
        return DataValidation(files: files, shared: shared)
    }
}

extension DataValidation {
    func issues(_ code: DataIssue.Code) -> [DataIssue] { issues.filter { $0.code == code } }
}

@Suite("anju data validate: the checks")
struct DataValidationTests {
    @Test("the fixture and the embedded data pass")
    func cleanData() {
        let fixture = ValidationFixture.validate()
        #expect(fixture.issues.isEmpty, "\(fixture.issues)")
        let embedded = DataValidation(files: DataBundle.embedded.files)
        #expect(embedded.passed, "\(embedded.errors)")
        #expect(embedded.summary.first?.hasPrefix("passages: ") == true)
    }

    @Test("a misspelt key in an intent file is an error on its line, with a suggestion")
    func unknownIntentKey() throws {
        let v = ValidationFixture.validate(["Intents/withdraw_rent.yaml": """
            id: withdraw_rent
            name: 租房提取
            exampels:
              - 租房能提多少
            """])
        let issue = try #require(v.issues(.unknownKey).first)
        #expect(!v.passed)
        #expect(issue.location == .init(file: "Intents/withdraw_rent.yaml", line: 3))
        #expect(issue.message.contains("did you mean 'examples'"))
        #expect(issue.chinese.contains("exampels"))
    }

    @Test("an unknown classifier setting is an error")
    func unknownClassifierKey() throws {
        let v = ValidationFixture.validate(["Intents/classifier.yaml": "k1: 1.2\ntemprature: 0.1\n"])
        let issue = try #require(v.issues(.unknownKey).first)
        #expect(issue.location.line == 2)
        #expect(issue.message.contains("'temperature'"))
    }

    @Test("an example repeated within an intent and across intents names both places (after trimming)")
    func duplicateExamples() throws {
        let v = ValidationFixture.validate([
            "Intents/withdraw_rent.yaml": """
            id: withdraw_rent
            name: 租房提取
            examples:
              - 租房能提多少
              - "租房能提多少  "
              - 今天天气怎么样
            """])
        let dups = v.issues(.duplicateExample)
        #expect(dups.count == 2)
        let within = try #require(dups.first { $0.location.line == 5 })
        #expect(within.related == .init(file: "Intents/withdraw_rent.yaml", line: 4))
        let across = try #require(dups.first { $0.location.line == 6 })
        #expect(across.message.contains("out_of_scope"))
        #expect(across.related?.line == 4)
        #expect(!v.passed)
    }

    @Test("intent ids: missing name, malformed id, id unlike the file name, bad keyword weight")
    func intentShapes() {
        let v = ValidationFixture.validate(["Intents/withdraw_rent.yaml": """
            id: Withdraw-Rent
            keywords:
              租房: 30
            examples: 租房
            """])
        #expect(v.issues(.missingField).contains { $0.message.contains("'name'") })
        #expect(v.issues(.malformedID).count == 1)
        #expect(v.issues(.idFileMismatch).first?.severity == .warning)
        #expect(v.issues(.wrongType).count == 2)   // the weight, and examples not a list
    }

    @Test("a YAML syntax error names its line")
    func yamlSyntax() throws {
        let v = ValidationFixture.validate(["Intents/withdraw_rent.yaml": "id: withdraw_rent\nname: [租房\nexamples:\n  - a\n"])
        let issue = try #require(v.issues(.yamlSyntax).first)
        #expect(issue.location.file == "Intents/withdraw_rent.yaml")
        #expect(issue.location.line != nil)
    }

    @Test("jieba-style lexicon lines warn, taking the word; validation still passes")
    func jiebaLines() {
        let v = ValidationFixture.validate(["Intents/lexicon/loan.txt": "公积金贷款 3 n\n商转公 5\n组合贷 n\n异地贷款\n贷\nHTTP 2\n"])
        let jieba = v.issues(.jiebaLine)
        #expect(jieba.map(\.location.line) == [1, 2, 3, 6])
        #expect(jieba.allSatisfy { $0.severity == .warning })
        #expect(jieba[0].message.contains("taking the word '公积金贷款'"))
        #expect(jieba[0].message.contains("'公积金贷款3n'"))
        #expect(v.issues(.ignoredTerm).map(\.location.line) == [5])
        #expect(v.passed)
    }

    @Test("CRLF in a lexicon or text table is an error; a BOM warns")
    func lineEndings() {
        let v = ValidationFixture.validate([
            "Intents/lexicon/loan.txt": "公积金贷款\n商转公\r\n组合贷\r\n",
            "Intents/text/fillers.txt": "\u{FEFF}嗯\n",
            "Intents/withdraw_rent.yaml": (ValidationFixture.files["Intents/withdraw_rent.yaml"]!).replacingOccurrences(of: "\n", with: "\r\n"),
        ])
        let issues = v.issues(.lineEndings)
        #expect(issues.count == 2)
        #expect(issues.first { $0.severity == .error }?.location == .init(file: "Intents/lexicon/loan.txt", line: 2))
        #expect(issues.first { $0.severity == .warning }?.location.file == "Intents/text/fillers.txt")
    }

    @Test("files nothing reads: a warning for strays, an error for a skipped data file; docs and Corpus/eval are fine")
    func unreadFiles() {
        let v = ValidationFixture.validate([
            "Intents/lexicon.txt": "公积金\n",
            "Corpus/demo/generate.py": "print()\n",
            "Corpus/faq/extra.yml": "[]\n",
            "Intents/lexicon/more.TXT": "公积金\n",
            "Corpus/eval/other.tsv": "x\n",
            "Corpus/faq/README.md": "notes\n",
        ])
        let unread = v.issues(.unreadFile)
        #expect(unread.map(\.location.file) == ["Corpus/demo/generate.py", "Intents/lexicon.txt"])
        #expect(unread.allSatisfy { $0.severity == .warning })
        #expect(unread.last?.message.contains("Intents/lexicon/*.txt") == true)
        #expect(v.issues(.wrongExtension).map(\.location.file) == ["Corpus/faq/extra.yml", "Intents/lexicon/more.TXT"])
    }

    @Test("FAQ citations, intents and fields point somewhere")
    func faqReferences() throws {
        var faq = ValidationFixture.files["Corpus/faq/withdraw.yaml"]!
        faq = faq.replacingOccurrences(of: "cites: [reg-rent]\n- id: faq-rent-2", with: "cites: [reg-rent, reg-nowhere]\n- id: faq-rent-2")
        faq = faq.replacingOccurrences(of: "intent: withdraw_rent\n  question: 租房提取从哪天起？", with: "intent: withdraw_rant\n  question: 租房提取从哪天起？")
        faq = faq.replacingOccurrences(of: "  keywords: [材料]\n", with: "  keyword: [材料]\n")
        let v = ValidationFixture.validate(["Corpus/faq/withdraw.yaml": faq])
        let cite = try #require(v.issues(.unknownPassage).first)
        #expect(cite.message.contains("reg-nowhere"))
        #expect(cite.location == .init(file: "Corpus/faq/withdraw.yaml", line: 7))
        #expect(v.issues(.unknownIntent).first?.message.contains("withdraw_rant") == true)
        #expect(v.issues(.unknownKey).first?.message.contains("did you mean 'keywords'") == true)
        #expect(v.issues(.missingField).first?.message.contains("'keywords'") == true)
        #expect(v.issues(.fewFAQEntries).first?.message.contains("withdraw_rent' has 2") == true)
    }

    @Test("placeholders: unknown kind, unknown path, not a number, not a date, malformed")
    func placeholders() {
        let v = ValidationFixture.validate(["Corpus/passages/rules.yaml": """
            doc: 管理条例
            source: 条例
            effective: 2019-03-24
            passages:
              - id: reg-rent
                section: 第二十四条
                title: 租房提取
                text: "{{euro:loan.cap}} {{money:loan.cop}} {{money:loan.note}} {{date:loan.cap}} {{money:loan.cap} {{money:loan.since}}"
            """])
        #expect(v.issues(.placeholderKind).count == 1)
        #expect(v.issues(.placeholderPath).first?.message.contains("loan.cop") == true)
        #expect(v.issues(.placeholderValue).count == 3)   // note, cap as a date, since as money
        #expect(v.issues(.placeholderMalformed).count == 1)
        #expect(v.issues(.placeholderPath).first?.location.line == 8)
    }

    @Test("a placeholder must resolve in every profile")
    func everyProfile() {
        let v = ValidationFixture.validate(["Corpus/policy/other.yaml": "loan:\n  cap: 600000\n  since: 2024-01-01\n"])
        #expect(v.issues(.placeholderPath).map(\.message).allSatisfy { $0.contains("other.yaml") })
        #expect(v.issues(.placeholderPath).count == 1)   // rates.current.rate
    }

    @Test("spoken answers: symbols, URLs and lists are errors; length and literal figures warn")
    func spoken() {
        var faq = ValidationFixture.files["Corpus/faq/withdraw.yaml"]!
        faq = faq.replacingOccurrences(of: "  spoken: 租房合同。\n", with: "  spoken: 租房合同（原件）：见 www.example.cn。\n")
        faq = faq.replacingOccurrences(of: "  answer: 租房合同。\n", with: "  answer: 租房合同，每月可提1500元的12%，满6个月，3倍，60周岁，2024年，2024年5月。\n")
        faq = faq.replacingOccurrences(of: "  spoken: 从{{date:loan.since}}起。\n", with: "  spoken: \(String(repeating: "很长", count: 60))\n")
        let v = ValidationFixture.validate(["Corpus/faq/withdraw.yaml": faq])
        #expect(v.issues(.spokenSymbols).first?.message.contains("（）：") == true)
        #expect(v.issues(.spokenFormat).count == 1)
        #expect(v.issues(.spokenLength).first?.severity == .warning)
        let figures = v.issues(.literalFigure).map { $0.message.split(separator: "'")[1] }
        #expect(figures == ["12%", "6个月", "3倍", "60周岁", "2024年"])
        #expect(CorpusCheck.hasURLOrList("第一步\n  - 带合同"))
    }

    @Test("passages: duplicate and malformed ids, missing fields, too many sentences")
    func passages() {
        let v = ValidationFixture.validate(["Corpus/passages/more.yaml": """
            doc: 通知
            source: 通知
            passages:
              - id: reg-rent
                section: 一
                title: 重复
                text: 一。二。三。四。五。六。七。
              - id: Bad_ID
                section: 二
                text: 文字
            """])
        let duplicate = v.issues(.duplicateID).first
        #expect(duplicate?.location == .init(file: "Corpus/passages/rules.yaml", line: 5))
        #expect(duplicate?.related == .init(file: "Corpus/passages/more.yaml", line: 4))
        #expect(v.issues(.malformedID).count == 1)
        #expect(Set(v.issues(.missingField).map { $0.message }) == ["file: missing 'effective'", "Bad_ID: missing 'title'"])
        #expect(v.issues(.passageLength).first?.severity == .warning)
    }

    @Test("shared sources: every specified intent needs a file; copied text warns")
    func sharedSources() {
        let spec = "| id | 中文 |\n|---|---|\n| withdraw_rent | 租房提取 |\n| loan_quota | 贷款额度 |\n"
        #expect(SharedSources.intentIDs(inSpec: spec) == ["withdraw_rent", "loan_quota"])
        let facts = "职工租住商品住房的，可以按照实际房租支出提取住房公积金，每月一次。"
        var faq = ValidationFixture.files["Corpus/faq/withdraw.yaml"]!
        faq = faq.replacingOccurrences(of: "  answer: 租房合同。\n", with: "  answer: 按规定，职工租住商品住房的，可以按照实际房租支出提取住房公积金。\n")
        let v = ValidationFixture.validate(["Corpus/faq/withdraw.yaml": faq],
                                           shared: SharedSources(specIntents: spec, verbatimSources: [facts]))
        #expect(v.issues(.specIntentMissing).map(\.location.file) == ["Intents/loan_quota.yaml"])
        let copied = v.issues(.verbatimText)
        #expect(copied.count == 1)
        #expect(copied.first?.message.contains("faq-rent-2") == true)
    }

    @Test("the report ends with the totals; JSON carries code, file and line")
    func reportAndJSON() throws {
        let v = ValidationFixture.validate(["Intents/lexicon.txt": "公积金\n", "Intents/classifier.yaml": "k2: 1\n"])
        #expect(v.report.hasSuffix("1 error(s), 1 warning(s) / 错误 1 个，警告 1 个"))
        #expect(v.report.contains("ERROR Intents/classifier.yaml:1 [unknown-key]"))
        let issues = try #require(v.json["issues"]?.arrayValue)
        #expect(issues.first?["code"]?.stringValue == "unknown-key")
        #expect(issues.first?["line"]?.intValue == 1)
        #expect(v.json["passed"]?.boolValue == false)
    }
}
