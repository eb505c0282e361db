import AnjuText
import ArgumentParser

/// `anju data`: check the data files, and regenerate derived ones.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Check data files and generate derived ones. / 检查数据文件，生成派生数据文件。",
        subcommands: [Validate.self, Pinyin.self])

    struct Pinyin: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the per-character pinyin table from ICU (GB 2312). / 由 ICU 生成拼音表。",
            discussion: "Example: anju data pinyin > Intents/text/pinyin.tsv")

        func run() throws {
            print(try PinyinTable.generate(), terminator: "")
        }
    }
}
