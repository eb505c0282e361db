import Foundation
import PackagePlugin

/// Compiles the package's `Intents/` and `Corpus/` folders into the `AnjuData` module,
/// so the assistant starts on its embedded defaults with no files beside the binary.
@main
struct EmbedData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in ["Intents", "Corpus"] {
            let dir = root.appending(path: folder)
            guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker {
                let name = url.lastPathComponent
                guard !name.hasPrefix("."), (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        let rootPath = root.path
        let relative = inputs.map { String($0.path.dropFirst(rootPath.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/")) }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) data files from Intents/ and Corpus/",
                executable: try context.tool(named: "AnjuEmbedTool").url,
                arguments: [output.path, rootPath] + relative,
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
