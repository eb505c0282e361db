import AnjuIntents
import AnjuBench
import AnjuJSON
import AnjuRules
import Testing

@Suite("anju check --batch: one line in, one line out")
struct BatchLineTests {
    @Test("a valid line gives the result object, same as check")
    func valid() throws {
        let engine = try Fixtures.reference()
        let line = "{\"rule\":\"loan_repayment\",\"facts\":{\"principal\":1000000,\"term_years\":30}}"
        let out = engine.checkLine(line, today: Fixtures.today)
        #expect(out == (try engine.run("loan_repayment", ["principal": 1_000_000, "term_years": 30])).jsonString)
        #expect(!out.contains("\n"))
        // CRLF endings, surrounding spaces and extra members are fine
        #expect(engine.checkLine(" {\"id\":7,\"op\":\"check\",\"facts\":{\"principal\":1000000,\"term_years\":30},\"rule\":\"loan_repayment\"}\r", today: Fixtures.today) == out)
    }

    @Test("errors come back as {\"error\":{\"code\",\"message\"}}", arguments: [
        ("not json", "bad_request", "not valid JSON"),
        ("", "bad_request", "not valid JSON"),
        ("{\"rule\":\"loan_quota\",\"facts\":{}", "bad_request", "not valid JSON"),
        ("[1,2]", "bad_request", "must be a JSON object"),
        ("{\"facts\":{}}", "bad_request", "Missing \"rule\""),
        ("{\"rule\":5,\"facts\":{}}", "bad_request", "\"rule\" must be a string"),
        ("{\"rule\":\"loan_quota\"}", "bad_request", "Missing \"facts\""),
        ("{\"rule\":\"loan_quota\",\"facts\":[]}", "bad_request", "\"facts\" must be a JSON object"),
        ("{\"rule\":\"loan_limit\",\"facts\":{}}", "unknown_rule", "Unknown rule \"loan_limit\""),
        ("{\"rule\":\"loan_quota\",\"facts\":{\"balance\":-5}}", "bad_request", "\"balance\""),
    ])
    func errors(line: String, code: String, phrase: String) throws {
        let engine = try Fixtures.reference()
        let out = engine.checkLine(line, today: Fixtures.today)
        let value = try JSONValue.parse(out)
        #expect(value.objectValue?.keys == ["error"])
        #expect(value["error"]?.objectValue?.keys == ["code", "message"])
        #expect(value["error"]?["code"]?.stringValue == code)
        #expect(value["error"]?["message"]?.stringValue?.contains(phrase) == true, "\(out)")
    }

    @Test("property: any line gives exactly one line of valid JSON")
    func anyLine() throws {
        let engine = try Fixtures.reference()
        var rng = SplitMix64(seed: 5)
        let lines = RuleBenchmark.sampleRequests().map { sample -> String in
            JSONValue.object(["rule": .string(sample.rule), "facts": sample.facts]).jsonString
        }
        for _ in 0..<5_000 {
            var bytes = Array(lines.randomElement(using: &rng)!.utf8)
            for _ in 0..<Int.random(in: 0...3, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0x20...0x7E, using: &rng)
            }
            let out = engine.checkLine(String(decoding: bytes, as: UTF8.self), today: Fixtures.today)
            #expect(!out.contains("\n"))
            let value = try JSONValue.parse(out)
            #expect(value.objectValue != nil)
        }
    }
}

@Suite("Benchmark samples")
struct BenchmarkSampleTests {
    @Test("cover every rule and withdrawal type, and run without surprises")
    func samples() throws {
        let engine = try Fixtures.reference()
        let samples = RuleBenchmark.sampleRequests()
        var rules = Set<String>(), types = Set<String>(), errors = 0
        for sample in samples {
            rules.insert(sample.rule)
            if let type = sample.facts["type"]?.stringValue { types.insert(type) }
            switch engine.check(rule: sample.rule, facts: sample.facts, today: Fixtures.today) {
            case .success: break
            case .failure: errors += 1
            }
        }
        #expect(rules.isSuperset(of: RuleID.allCases.map(\.rawValue)))
        #expect(types == Set(WithdrawType.allCases.map(\.rawValue)))
        #expect(errors == 4)
    }
}
