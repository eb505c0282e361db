import AnjuApp
import AnjuData
import AnjuDialogue
import AnjuIntents
import AnjuRules
import AnjuHTTP
import AnjuStore
import ArgumentParser
import Foundation

/// Where the data files come from: the embedded defaults, or a folder given with `--data`.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp(
        "Read Intents/ and Corpus/ from this folder instead of the embedded defaults (env ANJU_DATA). / 从该目录读取数据文件。",
        valueName: "dir"))
    var dataFlag: String?

    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "Policy profile: a file name under Corpus/policy/ (reference, yancheng; env ANJU_PROFILE; default reference). / 政策文件名。",
        valueName: "name"))
    var profileFlag: String?

    /// `--data`, else `$ANJU_DATA`, else nil (the embedded files).
    var data: String? { (try? EnvironmentSetting.optional(dataFlag, env: "ANJU_DATA")) ?? nil }
    /// `--profile`, else `$ANJU_PROFILE`, else `reference`.
    var profile: String { (try? EnvironmentSetting.value(profileFlag, env: "ANJU_PROFILE", default: "reference")) ?? "reference" }

    func bundle() throws -> DataBundle {
        guard let data else { return .embedded }
        do {
            return try DataBundle.directory(URL(fileURLWithPath: data))
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// The rules over the selected policy profile.
    func ruleEngine() throws -> RuleEngine {
        let path = "Corpus/policy/\(profile).yaml"
        let files = try bundle().files
        guard let text = files[path] else {
            let known = files.keys.filter { $0.hasPrefix("Corpus/policy/") && $0.hasSuffix(".yaml") }
                .map { String($0.dropFirst("Corpus/policy/".count).dropLast(5)) }.sorted()
            throw CLIError("unknown profile '\(profile)'; known: \(known.joined(separator: ", ")) / 未知的政策文件")
        }
        do {
            return RuleEngine(profile: try PolicyProfile(yaml: text))
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

    /// The assembled core (`AnjuApp.build`) on the selected data and profile, with the
    /// member store of `database` (none when nil). When the store cannot be opened the
    /// assistant still answers everything that needs no member data; `App.storeError` says why.
    func app(database: DatabaseOptions?, seedDemo: Bool, sessions: SessionsKind = .memory,
             limits: AnjuApp.Limits = .none, metrics: AnjuMetrics? = nil, health: StoreHealth = StoreHealth()) async throws -> App {
        let bundle = try bundle()
        let announce = SeedAnnouncement(path: database?.location.description ?? "")
        let configuration = AnjuApp.Configuration(
            data: bundle, profile: profile, store: database?.location,
            seed: database?.seed(bundle: bundle, seedDemo: seedDemo) ?? .none, sessions: sessions, limits: limits,
            version: BuildInfo.version, dataFingerprint: data == nil ? BuildInfo.embeddedFingerprint : BuildInfo.fingerprint(of: bundle),
            metrics: metrics, health: health, seedProgress: announce.update)
        do {
            let app = try await AnjuApp.build(configuration)
            announce.finish()
            return app
        } catch {
            announce.finish()
            throw CLIError("cannot load the assistant / 无法加载助手: \(error)")
        }
    }

    func classifier() throws -> IntentClassifier {
        do {
            return try IntentClassifier.load(files: try bundle().files)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("cannot load intents / 无法加载意图数据: \(error)")
        }
    }
}

/// An error the command line reports as one line and exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Standard error output.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

/// Lines of standard input, with a trailing carriage return removed; invalid UTF-8 is
/// replaced (U+FFFD), never fatal.
struct StandardInputLines: Sequence, IteratorProtocol {
    mutating func next() -> String? {
        guard var line = readLine(strippingNewline: true) else { return nil }
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}

/// Writes lines to standard output through one buffer (fast for batch commands).
final class OutputBuffer {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// A line given as UTF-8 bytes (no line break inside).
    func line(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
