// swift-tools-version: 6.1
import PackageDescription

/// Anju (安居): a self-service assistant for housing provident fund (住房公积金) centres.
///
/// The targets follow the pipeline: text → tokens → intent → dialogue → rules → reply → channel.

/// The text and classifier modules are optimised in debug builds too: every `anju` process
/// trains the classifier at start-up, which took 6.1 s unoptimised (0.5 s optimised), and
/// `swift test` and `.ci/run` start the debug binary dozens of times.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Anju",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "anju", targets: ["anju"]),
        // The pipeline's parsers as libraries, for the libFuzzer targets in Fuzz/ (a package of its own).
        .library(name: "AnjuText", targets: ["AnjuText"]),
        .library(name: "AnjuJSON", targets: ["AnjuJSON"]),
        .library(name: "AnjuDialogue", targets: ["AnjuDialogue"]),
        .library(name: "AnjuServer", targets: ["AnjuServer"]),
        .library(name: "AnjuData", targets: ["AnjuData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // ICU through a C shim: the public header names no ICU type.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
        ),
        // Intents/ and Corpus/ compiled into the binary, so `swift run anju` needs no setup.
        .executableTarget(name: "AnjuEmbedTool", path: "Sources/AnjuEmbedTool"),
        .plugin(name: "EmbedData", capability: .buildTool(), dependencies: ["AnjuEmbedTool"]),
        .target(name: "AnjuData", plugins: ["EmbedData"]),
        // 1. text: normalise, segment, variants
        .target(name: "AnjuText", dependencies: ["CICU"], swiftSettings: optimizedInDebug),
        // 2. intents: definitions, scorer, classifier, evaluation
        .target(name: "AnjuIntents", dependencies: ["AnjuText", "AnjuJSON", .product(name: "Yams", package: "Yams")], swiftSettings: optimizedInDebug),
        // JSON values shared by rules, dialogue and the protocol
        .target(name: "AnjuJSON"),
        // 3. rules: policy profiles and formulas (pure)
        .target(name: "AnjuRules", dependencies: ["AnjuJSON", .product(name: "Yams", package: "Yams")]),
        // benchmark workloads (rule samples, random fact vectors, the timing loop, the line-protocol
        // load generator): `anju bench`, `anju bench-server`, tests — kept out of the library modules
        .target(name: "AnjuBench", dependencies: [
            "AnjuRules", "AnjuJSON", "AnjuProtocol", "AnjuIntents",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // 4. knowledge: policy passages, FAQ entries and their search
        .target(name: "AnjuKnowledge", dependencies: ["AnjuText", "AnjuIntents", .product(name: "Yams", package: "Yams")]),
        // 5. store: member accounts, verification, conversation log (SQLite)
        .target(name: "AnjuStore", dependencies: [
            "AnjuData",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // 5b. the shared store of a multi-instance deployment: members, log, audit and sessions on PostgreSQL
        .target(name: "AnjuPostgres", dependencies: [
            "AnjuStore", "AnjuData",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // 6. dialogue: sessions, forms, answers, channel wording — the core both REPL and server use
        // (the store for its one GB 11643 ID check and its masking of numbers; the protocol model for its one Channel)
        .target(name: "AnjuDialogue", dependencies: ["AnjuText", "AnjuIntents", "AnjuRules", "AnjuKnowledge", "AnjuJSON", "AnjuStore", "AnjuProtocol", .product(name: "Yams", package: "Yams")]),
        // the protocol model: requests, replies, channels, error codes, field checks, the backend seam
        .target(name: "AnjuProtocol", dependencies: ["AnjuJSON", .product(name: "Crypto", package: "swift-crypto")]),
        // 7. server: the line protocol over SwiftNIO
        .target(name: "AnjuServer", dependencies: [
            "AnjuJSON", "AnjuProtocol",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // HTTP and WebSocket over Hummingbird: /v1/*, /v1/chat, health, metrics, the chat page
        .target(name: "AnjuHTTP", dependencies: [
            "AnjuJSON", "AnjuProtocol",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // the composition root: data, profile, member and session stores, limits, log writer →
        // the assistant and its protocol backend, for the REPL, `serve` and the tests
        .target(name: "AnjuApp", dependencies: [
            "AnjuData", "AnjuDialogue", "AnjuStore", "AnjuProtocol", "AnjuJSON", "AnjuRules", "AnjuHTTP", "AnjuPostgres",
        ]),
        // the command line: thin subcommands over the modules
        .executableTarget(name: "anju", dependencies: [
            "AnjuText", "AnjuIntents", "AnjuKnowledge", "AnjuRules", "AnjuDialogue", "AnjuServer", "AnjuStore", "AnjuData", "AnjuJSON",
            "AnjuProtocol", "AnjuHTTP", "AnjuApp", "AnjuBench",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "AnjuTextTests", dependencies: ["AnjuText", "AnjuData"]),
        .testTarget(name: "AnjuIntentsTests", dependencies: ["AnjuIntents", "AnjuData"]),
        .testTarget(name: "AnjuRulesTests", dependencies: ["AnjuRules", "AnjuJSON", "AnjuBench", "AnjuIntents"]),
        // end-to-end: the real `anju` executable (and later a real TCP socket)
        .testTarget(name: "AnjuEndToEndTests", dependencies: ["anju", "AnjuJSON"]),
        .testTarget(name: "AnjuKnowledgeTests", dependencies: ["AnjuKnowledge", "AnjuIntents", "AnjuData"]),
        .testTarget(name: "AnjuDialogueTests", dependencies: ["AnjuDialogue", "AnjuIntents", "AnjuKnowledge", "AnjuRules", "AnjuJSON", "AnjuData", "AnjuStore"]),
        .testTarget(name: "AnjuStoreTests", dependencies: ["AnjuStore", "AnjuData", "AnjuIntents", .product(name: "GRDB", package: "GRDB.swift")]),
        // the store contract run against SQLite and (when ANJU_TEST_POSTGRES is set) PostgreSQL
        .testTarget(name: "AnjuPostgresTests", dependencies: ["AnjuPostgres", "AnjuStore", "AnjuData"]),
        .testTarget(name: "AnjuAppTests", dependencies: ["AnjuApp", "AnjuDialogue", "AnjuStore", "AnjuProtocol", "AnjuJSON", "AnjuData"]),
        .testTarget(name: "AnjuProtocolTests", dependencies: ["AnjuProtocol", "AnjuJSON"]),
        .testTarget(name: "AnjuHTTPTests", dependencies: [
            "AnjuHTTP", "AnjuProtocol", "AnjuServer", "AnjuJSON",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
        ]),
        .testTarget(name: "AnjuServerTests", dependencies: [
            "AnjuServer", "AnjuBench", "AnjuIntents", "AnjuJSON", "AnjuProtocol",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
