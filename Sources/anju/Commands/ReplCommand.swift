import AnjuDialogue
import AnjuIntents
import ArgumentParser
import Foundation

/// `anju` / `anju repl`: talk to the assistant, one reply per line.
struct ReplCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Talk to the assistant (the default command). / 与助手对话（默认命令）。",
        discussion: """
        Commands: :help, :explain [TEXT] (scores and the facts read), :reset, :channel chat|ivr|staff, :quit.
        When stdin is not a terminal there is no banner and no prompt, and every input line
        gets exactly one reply line, so scripts can drive it.
        """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions
    @Flag(help: "Do not load the demo members into an empty database. / 不载入演示会员。") var noDemo = false

    func run() async throws {
        let app = try await dataOptions.app(database: databaseOptions, seedDemo: !noDemo)
        if let error = app.storeError {
            StandardError.write("anju: member data unavailable, policy questions still work / 会员数据不可用，政策咨询不受影响: \(error)")
        }
        // The conversation log is written in batches: what is queued is written on the way out.
        defer { app.close() }
        let assistant = app.assistant
        let classifier = assistant.classifier
        let session = "repl-\(getpid())"
        let interactive = isatty(STDIN_FILENO) == 1
        var channel = Channel.chat
        var explain = false
        if interactive {
            print("安居 Anju 住房公积金助手 — 请直接输入您的问题，:help 查看命令，:quit 退出。")
        }
        while true {
            if interactive { print("> ", terminator: ""); fflush(nil) }
            guard var line = readLine(strippingNewline: true) else { break }
            if line.hasSuffix("\r") { line.removeLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(":") {
                let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
                switch parts[0] {
                case ":quit", ":q", ":exit": return
                case ":help":
                    print(":help 帮助 | :explain [文本] 显示打分细节和读到的事实 | :reset 重新开始 | :channel chat|ivr|staff 切换渠道 | :quit 退出")
                case ":reset":
                    try? await assistant.reset(session: session)
                    print("已重新开始对话。/ Conversation reset.")
                case ":channel":
                    if parts.count == 2, let c = Channel(rawValue: parts[1]) {
                        channel = c
                        print("渠道已切换为 \(channel)。/ Channel set to \(channel).")
                    } else {
                        print("用法：:channel chat|ivr|staff / usage: :channel chat|ivr|staff")
                    }
                case ":explain":
                    if parts.count == 2 {
                        let result = classifier.classify(parts[1], explain: true)
                        let facts = assistant.factsSaid(in: parts[1])
                        let text = ExplainFormatter.format(result, catalog: classifier.catalog) + "\nfacts / 事实: " + (facts.isEmpty ? "-" : facts.joined(separator: " "))
                        // (one line per input line when driven by a script)
                        print(text.replacingOccurrences(of: "\n", with: interactive ? "\n" : " ").trimmingCharacters(in: .whitespaces))
                    } else {
                        explain.toggle()
                        print(explain ? "已开启打分细节。/ Explain on." : "已关闭打分细节。/ Explain off.")
                    }
                default:
                    print("未知命令 \(parts[0])，输入 :help 查看命令。/ Unknown command, try :help.")
                }
                fflush(nil)
                continue
            }
            let answer = await assistant.ask(session: session, channel: channel, text: line)
            var reply = answer.reply
            if answer.handoff, let summary = answer.handoffSummary { reply += "\n[转人工 / handoff] " + summary }
            if explain {
                reply += "\n[intent \(answer.intent) \(String(format: "%.2f", answer.confidence))"
                    + (answer.expecting.map { ", expecting \($0)" } ?? "") + "]"
                if !answer.citations.isEmpty { reply += "\n[依据] " + answer.citations.map { "\($0.doc) \($0.section)" }.joined(separator: "；") }
                reply += "\n" + ExplainFormatter.format(classifier.classify(line, explain: true), catalog: classifier.catalog)
            }
            print(interactive ? reply : reply.replacingOccurrences(of: "\n", with: " "))
            fflush(nil)
        }
    }

}
