import Foundation
import Testing

/// deploy/Dockerfile and deploy/anju.service start `anju serve` with flags and ANJU_*
/// variables: every one must be something `anju serve --help` documents. (Docker is not
/// run here; this checks what the files name.)
@Suite("deploy files name real flags")
struct DeployFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)
    }

    /// `--flag` words in text.
    static func flags(in text: some StringProtocol) -> Set<String> {
        var found = Set<String>()
        for word in text.split(whereSeparator: { " \",[]=".contains($0) }) where word.hasPrefix("--") && word.count > 2 {
            found.insert(String(word))
        }
        return found
    }

    /// `ANJU_…` names in text.
    static func variables(in text: String) -> Set<String> {
        let regex = /ANJU_[A-Z_]+/
        return Set(text.matches(of: regex).map { String($0.output) })
    }

    static func serveHelp() throws -> String {
        let output = try CLIRunner.run(["serve", "--help"])
        #expect(output.status == 0)
        return output.stdout
    }

    @Test("the Dockerfile's ENTRYPOINT/CMD flags and ENV variables are all in anju serve --help")
    func dockerfile() throws {
        let help = try Self.serveHelp()
        let helpFlags = Self.flags(in: help)
        let file = try Self.text("deploy/Dockerfile")
        let commandLines = file.split(separator: "\n").filter { $0.hasPrefix("ENTRYPOINT") || $0.hasPrefix("CMD") }
        #expect(commandLines.count == 2)
        #expect(commandLines.joined().contains("\"serve\""))
        let used = commandLines.reduce(into: Set<String>()) { $0.formUnion(Self.flags(in: $1)) }
        #expect(!used.isEmpty)
        #expect(used.subtracting(helpFlags).isEmpty, "not in anju serve --help: \(used.subtracting(helpFlags).sorted())")
        let variables = Self.variables(in: file)
        #expect(variables.contains("ANJU_HTTP_PORT") && variables.contains("ANJU_DB"))
        #expect(variables.filter { !help.contains($0) }.isEmpty, "not in anju serve --help: \(variables.filter { !help.contains($0) }.sorted())")
        #expect(file.contains("--static-swift-stdlib") && file.contains("libicu"))
    }

    @Test("the systemd unit's ExecStart flags and Environment variables are all in anju serve --help")
    func systemdUnit() throws {
        let help = try Self.serveHelp()
        let helpFlags = Self.flags(in: help)
        let file = try Self.text("deploy/anju.service")
        let exec = file.split(separator: "\n").filter { $0.hasPrefix("ExecStart=") }
        #expect(exec.count == 1)
        #expect(exec.first?.contains("/anju serve ") == true)
        let used = exec.reduce(into: Set<String>()) { $0.formUnion(Self.flags(in: $1)) }
        #expect(used.subtracting(helpFlags).isEmpty, "not in anju serve --help: \(used.subtracting(helpFlags).sorted())")
        let variables = Self.variables(in: file)
        #expect(variables.filter { !help.contains($0) }.isEmpty, "not in anju serve --help: \(variables.filter { !help.contains($0) }.sorted())")
    }

    @Test("a flag anju serve does not have is caught (the check is not vacuous)")
    func unknownFlagIsCaught() throws {
        let helpFlags = Self.flags(in: try Self.serveHelp())
        #expect(helpFlags.contains("--http-port") && helpFlags.contains("--log-format"))
        #expect(!helpFlags.contains("--no-such-flag"))
    }
}
