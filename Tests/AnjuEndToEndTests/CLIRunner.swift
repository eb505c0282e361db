import Foundation

/// Runs the built `anju` executable, which sits next to the test binary.
enum CLIRunner {
    static let executable: URL = {
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var dir = me.deletingLastPathComponent()
        // The test binary may sit inside a bundle folder (…/AnjuPackageTests.xctest/…).
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("anju").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("anju")
    }()

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    /// Runs `anju arguments…` with `input` on stdin (bytes, so invalid UTF-8 can be sent).
    static func run(_ arguments: [String], input: Data = Data(), environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe()
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("anju-e2e-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        let stderr = try FileHandle(forWritingTo: errPath)
        defer { try? FileManager.default.removeItem(at: errPath) }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? stderr.close()
        let errData = FileManager.default.contents(atPath: errPath.path) ?? Data()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func run(_ arguments: [String], lines: [String]) throws -> Output {
        try run(arguments, input: Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
