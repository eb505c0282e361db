import AnjuDialogue
import AnjuIntents
import ArgumentParser
import Foundation

extension DataCommand {
    /// `anju data validate`: checks Intents/ and Corpus/ and reports problems with file and line.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the intent and corpus data; errors fail. / 检查意图与语料数据，有错误则失败。",
            discussion: """
            Checks unknown keys (a misspelt 'exampels:'), repeated examples, jieba-style lexicon lines, \
            files nothing reads, FAQ citations and {{kind:path}} placeholders, spoken answers, and \
            finally loads the data as the assistant does. Exit status 1 on errors; warnings do not fail.
            With --shared DIR, also checks spec/intents.md and text copied from domain/facts.md and seeds/.
            Examples: anju data validate
                      anju data validate --data . --shared ../shared
            """)

        @OptionGroup var dataOptions: DataOptions
        @Option(help: ArgumentHelp("Shared reference folder (spec/intents.md, domain/facts.md, seeds/). / 共享资料目录。",
                                   valueName: "dir"))
        var shared: String?
        @Flag(help: "Print JSON instead of a report. / 输出 JSON。") var json = false

        func run() throws {
            let files = try dataOptions.bundle().files
            var validation = DataValidation(files: files, shared: try shared.map(Self.readShared))
            if validation.passed { validation = validation.adding(Self.loadIssues(files: files)) }
            print(json ? validation.json.jsonString : validation.report)
            if !validation.passed { throw ExitCode(1) }
        }

        /// The shared material under `dir`; a missing piece is skipped with a note.
        static func readShared(_ dir: String) throws -> SharedSources {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw CommandError(.unreadableFolder, "\(dir): no such folder / 目录不存在")
            }
            let root = URL(fileURLWithPath: dir)
            func read(_ relative: String) -> String? {
                guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) else { return nil }
                return String(decoding: data, as: UTF8.self)
            }
            var sources = SharedSources(specIntents: read("spec/intents.md"))
            if sources.specIntents == nil { StandardError.write("\(dir)/spec/intents.md: not found, taxonomy check skipped / 未找到，跳过") }
            if let facts = read("domain/facts.md") { sources.verbatimSources.append(facts) }
            let seeds = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("seeds").path)) ?? [])
                .filter { $0.hasSuffix(".txt") }.sorted()
            sources.verbatimSources += seeds.compactMap { read("seeds/" + $0) }
            if sources.verbatimSources.isEmpty { StandardError.write("\(dir): no domain/facts.md or seeds/*.txt, verbatim check skipped / 跳过原文重复检查") }
            return sources
        }

        /// Loads the data as the assistant does, once per policy profile: whatever the loaders
        /// refuse that the checks above did not catch.
        static func loadIssues(files: [String: String]) -> [DataIssue] {
            let profiles = files.keys.filter { $0.hasPrefix("Corpus/policy/") && $0.hasSuffix(".yaml") }
                .map { String($0.dropFirst("Corpus/policy/".count).dropLast(5)) }.sorted()
            var issues: [DataIssue] = []
            for profile in profiles.isEmpty ? ["reference"] : profiles {
                do {
                    _ = try Assistant.load(files: files, profile: profile, members: nil)
                } catch {
                    let file = (error as? IntentDataError)?.path ?? "Corpus/policy/\(profile).yaml"
                    issues.append(DataIssue(.error, .loadFailure, file: file, line: nil,
                                            "the assistant does not load with profile '\(profile)': \(error)",
                                            "使用政策文件「\(profile)」时助手无法加载"))
                    if error is IntentDataError { break }   // the same for every profile
                }
            }
            return issues
        }
    }
}
