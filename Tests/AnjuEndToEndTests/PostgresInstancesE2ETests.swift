import Foundation
import Testing

/// Issue 14's multi-instance scenarios, run by `tools/pg_two_instances.py` against the real
/// `anju` binary: two `anju serve --store postgres://… --sessions postgres` on one fresh
/// database.
@Suite("Two instances on one PostgreSQL",
       .enabled(if: ProcessInfo.processInfo.environment["ANJU_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
                "ANJU_TEST_POSTGRES is not set (start a server with .ci/postgres.sh start)"))
struct PostgresInstancesE2ETests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("a verification and a form alternate between instances, 20 concurrent wrong PINs lock after exactly 5, kill -9 loses no form, turns of one session never interleave, a restart of both instances loses no conversation")
    func twoInstances() async throws {
        let url = ProcessInfo.processInfo.environment["ANJU_TEST_POSTGRES"] ?? ""
        let (status, output) = try await offPool { () -> (Int32, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "tools/pg_two_instances.py", CLIRunner.executable.path, url]
            process.currentDirectoryURL = Self.root
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        #expect(status == 0, "\(output)")
        #expect(output.contains("12 passed, 0 failed"), "\(output)")
    }
}
