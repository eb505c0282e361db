import AnjuJSON
import Foundation
import Testing

@Suite("anju eval: calibration, cross-validation and report files through the real executable")
struct EvalCLITests {
    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("anju-eval-\(name)-\(UUID().uuidString)")
    }

    @Test("the first six lines keep their form (CI prints `| head -6`); calibration and length follow")
    func headline() throws {
        let out = try CLIRunner.run(["eval"])
        #expect(out.status == 0)
        let lines = out.lines
        #expect(lines[0].hasPrefix("queries: ") && lines[0].contains("(in scope "))
        // A rate is written 0.000…1.000 (a perfect one is 1.000, not 0.-anything).
        let rate = /^(0\.\d{3}|1\.000)\b/
        for (line, label) in zip(lines[1...4], ["in-scope accuracy      ", "out-of-scope recall    ",
                                                 "false rejection rate   ", "unclear rate           "]) {
            #expect(line.hasPrefix(label) && line.dropFirst(label.count).firstMatch(of: rate) != nil, "\(line)")
        }
        #expect(lines[5].isEmpty)
        #expect(out.stdout.contains("calibration: ECE 0."))
        #expect(out.stdout.contains("accuracy by length (characters)"))
        let json = try JSONValue.parse(try CLIRunner.run(["eval", "--json"]).stdout)
        #expect(json["ece"]?.doubleValue != nil)
        #expect(json["by_length"]?.arrayValue?.count == 4)
    }

    @Test("a CRLF file with a BOM reads like its LF twin")
    func crlfFile() throws {
        let lf = "expected\ttext\ttags\nbalance_query\t我公积金还有多少钱\t\nwithdraw_rent\t租房能提多少\t\nout_of_scope\t今天天气怎么样\t\n"
        let a = Self.temporary("lf.tsv"), b = Self.temporary("crlf.tsv")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        try Data(lf.utf8).write(to: a)
        try Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8)).write(to: b)
        let x = try CLIRunner.run(["eval", a.path]), y = try CLIRunner.run(["eval", b.path])
        #expect(y.status == 0)
        #expect(y.stderr.isEmpty, "\(y.stderr)")
        #expect(y.lines.first == "queries: 3 (in scope 2, out of scope 1)")
        #expect(x.stdout == y.stdout)
    }

    @Test("--folds K --out DIR: progress per fold on stderr, the four files written")
    func foldsAndOut() throws {
        let dir = Self.temporary("out").appendingPathComponent("report")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let out = try CLIRunner.run(["eval", "--folds", "3", "--seed", "4", "--out", dir.path])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("fold 1/3") && out.stderr.contains("fold 3/3"))
        #expect(out.lines.first?.hasPrefix("queries: ") == true)
        let report = try JSONValue.parse(try String(contentsOf: dir.appendingPathComponent("intent_report.json"), encoding: .utf8))
        #expect(report["accuracy"]?.doubleValue != nil)
        #expect(report["greeting"]?["f1-score"]?.doubleValue != nil)
        let csv = try String(contentsOf: dir.appendingPathComponent("confusion_matrix.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count >= 42)
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("3-fold cross-validation"))
        let again = try CLIRunner.run(["eval", "--folds", "3", "--seed", "4"])
        #expect(again.stdout == out.stdout)
    }

    @Test("bad options and an unwritable folder are clear errors")
    func errors() throws {
        let one = try CLIRunner.run(["eval", "--folds", "1"])
        #expect(one.status != 0)
        #expect(one.stderr.contains("--folds"))
        let both = try CLIRunner.run(["eval", "--folds", "3", "somefile.tsv"])
        #expect(both.status != 0)
        let file = Self.temporary("file")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let out = try CLIRunner.run(["eval", "--out", file.appendingPathComponent("sub").path])
        #expect(out.status != 0)
        #expect(out.stderr.contains("unwritable-output") && out.stderr.contains(file.path))
    }
}
