import ArgumentParser

/// 安居 Anju: the command line. Each subcommand is a thin layer over a library module.
@main
struct Anju: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anju",
        abstract: "安居 Anju — 住房公积金自助服务助手 / self-service assistant for housing provident fund centres.",
        discussion: """
        Run without a subcommand to talk to the assistant (the REPL).
        不带子命令运行即进入对话模式。
        """,
        version: BuildInfo.versionLine,
        subcommands: [
            ReplCommand.self, ServeCommand.self, ClassifyCommand.self, EvalCommand.self, FAQCommand.self, CheckCommand.self,
            AccountsCommand.self, ReviewCommand.self, BenchCommand.self, BenchServerCommand.self, DataCommand.self, FitCommand.self,
            LogCommand.self, StoreCommand.self,
        ],
        defaultSubcommand: ReplCommand.self
    )
}
