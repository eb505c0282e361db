import ArgumentParser
import Foundation

/// A setting given by a flag, else by an environment variable, else a default: the flag
/// wins, so a unit file's `Environment=` can be overridden on the command line.
enum EnvironmentSetting {
    /// The process's environment (tests pass their own).
    static func value<T: LosslessStringConvertible>(
        _ flag: T?, env name: String, default fallback: T,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> T {
        if let flag { return flag }
        guard let text = environment[name], !text.isEmpty else { return fallback }
        guard let value = T(text) else {
            throw ValidationError("\(name)=\(text) is not valid / 环境变量 \(name) 的值无效")
        }
        return value
    }

    /// An optional setting: the flag, else the environment variable, else nil.
    static func optional<T: LosslessStringConvertible>(
        _ flag: T?, env name: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> T? {
        if let flag { return flag }
        guard let text = environment[name], !text.isEmpty else { return nil }
        guard let value = T(text) else {
            throw ValidationError("\(name)=\(text) is not valid / 环境变量 \(name) 的值无效")
        }
        return value
    }
}
