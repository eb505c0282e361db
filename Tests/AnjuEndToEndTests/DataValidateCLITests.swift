import AnjuJSON
import Foundation
import Testing

@Suite("anju data validate through the real executable")
struct DataValidateCLITests {
    /// A copy of the package's Intents/ and Corpus/ in a temporary folder, for breaking.
    final class DataCopy {
        let root: URL

        init() throws {
            let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            root = FileManager.default.temporaryDirectory.appendingPathComponent("anju-validate-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for folder in ["Intents", "Corpus"] {
                try FileManager.default.copyItem(at: package.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
            }
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = root.appendingPathComponent(path)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    @Test("the embedded data validates: exit 0, totals last, warnings allowed")
    func embeddedPasses() throws {
        let out = try CLIRunner.run(["data", "validate"])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.lines.last?.hasPrefix("0 error(s)") == true)
        #expect(out.lines.first?.hasPrefix("passages: ") == true)
    }

    @Test("a misspelt key and a bad citation fail with file and line, in English and Chinese")
    func brokenDataFails() throws {
        let copy = try DataCopy()
        try copy.edit("Intents/greeting.yaml") { $0.replacingOccurrences(of: "\nexamples:", with: "\nexampels:") }
        try copy.edit("Corpus/faq/loan.yaml") { text in   // the first citation only
            var text = text
            text.replaceSubrange(text.range(of: "cites: [ref-loan-eligibility,")!, with: "cites: [ref-nowhere,")
            return text
        }
        let out = try CLIRunner.run(["data", "validate", "--data", copy.root.path])
        #expect(out.status == 1)
        let unknownKey = try #require(out.lines.first { $0.contains("[unknown-key]") })
        #expect(unknownKey.hasPrefix("ERROR Intents/greeting.yaml:"))
        #expect(unknownKey.contains("did you mean 'examples'") && unknownKey.contains("未知字段"))
        #expect(out.lines.contains { $0.hasPrefix("ERROR Corpus/faq/loan.yaml:") && $0.contains("ref-nowhere") })
        #expect(out.lines.last?.hasPrefix("2 error(s)") == true)

        let json = try JSONValue.parse(try CLIRunner.run(["data", "validate", "--data", copy.root.path, "--json"]).stdout)
        #expect(json["passed"]?.boolValue == false)
        #expect(json["errors"]?.intValue == 2)
    }

    @Test("what the checks miss, loading the assistant catches")
    func loadFailure() throws {
        let copy = try DataCopy()
        try "- not: a form file\n".write(to: copy.root.appendingPathComponent("Corpus/dialogue/forms.yaml"), atomically: true, encoding: .utf8)
        let out = try CLIRunner.run(["data", "validate", "--data", copy.root.path])
        #expect(out.status == 1)
        #expect(out.stdout.contains("[load-failure]"))
    }

    @Test("--shared checks the taxonomy; a missing folder is a clear error")
    func sharedFolder() throws {
        let copy = try DataCopy()
        let shared = copy.root.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared.appendingPathComponent("spec"), withIntermediateDirectories: true)
        try "| id | 中文 |\n|---|---|\n| greeting | 问候 |\n| loan_unicorn | 独角兽 |\n"
            .write(to: shared.appendingPathComponent("spec/intents.md"), atomically: true, encoding: .utf8)
        let out = try CLIRunner.run(["data", "validate", "--data", copy.root.path, "--shared", shared.path])
        #expect(out.status == 1)
        #expect(out.stdout.contains("ERROR Intents/loan_unicorn.yaml [spec-intent-missing]"))

        let missing = try CLIRunner.run(["data", "validate", "--shared", "/nonexistent/shared"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("unreadable-folder") && missing.stderr.contains("/nonexistent/shared"))
    }
}
