// swift-tools-version: 6.1
import PackageDescription

/// libFuzzer targets for Anju's parsers: the normaliser, the fact extractor, the JSON parser
/// and the line splitter. Linux only; built with `-sanitize=fuzzer` (see Fuzz/README.md):
///
///     swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
///     Fuzz/.build/release/FuzzJSONParser Fuzz/corpus/json -max_total_time=60
///
/// SwiftPM compiles a one-file executable target as its main file and points the process's
/// `main` at it, so libFuzzer's own `main` is never used: each target's top-level code calls
/// `LLVMFuzzerRunDriver` (declared by the small `CFuzzDriver` target) with its test function.
///
/// Each target checks invariants as well as "no crash"; a crash the fuzzer finds becomes a
/// unit test in the main package.
let package = Package(
    name: "AnjuFuzz",
    dependencies: [
        .package(name: "Anju", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .executableTarget(name: "FuzzNormalizer", dependencies: ["CFuzzDriver", 
            .product(name: "AnjuText", package: "Anju"), .product(name: "AnjuData", package: "Anju"),
        ]),
        .executableTarget(name: "FuzzFactExtractor", dependencies: ["CFuzzDriver", 
            .product(name: "AnjuDialogue", package: "Anju"), .product(name: "AnjuText", package: "Anju"),
            .product(name: "AnjuData", package: "Anju"),
        ]),
        .executableTarget(name: "FuzzJSONParser", dependencies: ["CFuzzDriver", .product(name: "AnjuJSON", package: "Anju")]),
        .executableTarget(name: "FuzzLineSplitter", dependencies: ["CFuzzDriver", 
            .product(name: "AnjuServer", package: "Anju"), .product(name: "NIOCore", package: "swift-nio"),
        ]),
    ]
)
