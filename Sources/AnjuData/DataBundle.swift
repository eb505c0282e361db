import Foundation

/// The data files Anju runs on: intents, lexicon, policy profiles, corpus, demo data.
///
/// By default these are the files of `Intents/` and `Corpus/` embedded at build time.
/// `DataBundle.directory(_:)` reads the same layout from a folder instead, so a domain
/// expert can try edited files without rebuilding (`--data DIR`).
public struct DataBundle: Sendable {
    /// Contents keyed by path relative to the package root, e.g. `Intents/balance_query.yaml`.
    public let files: [String: String]

    /// Creates a bundle from explicit contents (tests use this for small fixtures).
    public init(files: [String: String]) {
        self.files = files
    }

    /// The files compiled into the binary.
    public static let embedded = DataBundle(files: embeddedFiles.mapValues { text in
        // The generator adds one line break after the text; take it away again.
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    })

    /// Reads every regular file under `root/Intents` and `root/Corpus`.
    public static func directory(_ root: URL) throws -> DataBundle {
        var files: [String: String] = [:]
        var sawFolder = false
        for folder in ["Intents", "Corpus"] {
            let dir = root.appendingPathComponent(folder)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else { continue }
            sawFolder = true
            guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker {
                guard !url.lastPathComponent.hasPrefix("."),
                      (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw DataBundleError(path: url.path, message: "cannot read file / 无法读取文件")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw DataBundleError(path: url.path, message: "not valid UTF-8 / 不是有效的 UTF-8 文本")
                }
                let relative = folder + "/" + String(url.standardizedFileURL.path.dropFirst(dir.standardizedFileURL.path.count + 1))
                files[relative] = text
            }
        }
        guard sawFolder else {
            throw DataBundleError(path: root.path, message: "no Intents/ or Corpus/ folder here / 该目录下没有 Intents/ 或 Corpus/")
        }
        return DataBundle(files: files)
    }

    /// The text of one file, or nil.
    public func text(_ path: String) -> String? { files[path] }

    /// The text of one file, or a `DataBundleError` naming it.
    public func require(_ path: String) throws -> String {
        guard let text = files[path] else {
            throw DataBundleError(path: path, message: "missing data file / 缺少数据文件")
        }
        return text
    }

    /// Files directly or indirectly under `folder` whose name ends in `suffix`, sorted by path.
    public func files(under folder: String, suffix: String = "") -> [(path: String, text: String)] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return files.filter { $0.key.hasPrefix(prefix) && $0.key.hasSuffix(suffix) }
            .sorted { $0.key < $1.key }
            .map { (path: $0.key, text: $0.value) }
    }
}

/// A data file that is missing, unreadable or malformed.
public struct DataBundleError: Error, CustomStringConvertible, Sendable {
    /// The file concerned.
    public let path: String
    /// What is wrong with it, in English and Chinese.
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
