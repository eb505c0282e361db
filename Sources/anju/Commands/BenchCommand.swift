import AnjuBench
import AnjuIntents
import AnjuKnowledge
import AnjuJSON
import AnjuRules
import ArgumentParser
import Foundation

/// `anju bench`: speed figures for the README (run it on a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure start-up, throughput and latency. / 性能基准测试。",
        discussion: "Example: swift run -c release anju bench classify",
        subcommands: [Classify.self, FAQ.self, Rules.self])

    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classifier: start-up time, queries/s on one thread, p50/p99 latency (the classify command's work: analyse, score, JSON).")

        @OptionGroup var dataOptions: DataOptions
        @Option(help: "Queries to run (the eval set, cycled). / 查询次数。") var queries = 200_000

        func run() throws {
            let bundle = try dataOptions.bundle()
            let clock = ContinuousClock()
            var classifier: IntentClassifier!
            let startup = try clock.measure { classifier = try IntentClassifier.load(files: bundle.files) }
            let set = EvalSet(tsv: try bundle.require("Corpus/eval/eval.tsv"), knownIntents: Set(classifier.catalog.intents.map(\.id)))
            let texts = set.items.map(\.text)
            var latencies: [Double] = []
            latencies.reserveCapacity(queries)
            var bytes = 0
            let started = clock.now
            for i in 0..<queries {
                let t0 = clock.now
                let result = classifier.classify(texts[i % texts.count])
                bytes += result.protocolJSONBytes.count
                latencies.append(Double((clock.now - t0).components.attoseconds) / 1e12 + Double((clock.now - t0).components.seconds) * 1e6)
            }
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            latencies.sort()
            func pct(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
            print(String(format: "start-up (load intents, lexicon, build index): %.0f ms", Double(startup.components.attoseconds) / 1e15 + Double(startup.components.seconds) * 1e3))
            print(String(format: "classify: %d queries in %.2f s = %.0f queries/s (one thread)", queries, seconds, Double(queries) / seconds))
            print(String(format: "latency per query: p50 %.1f µs, p99 %.1f µs, max %.1f µs", pct(0.5), pct(0.99), latencies.last ?? 0))
            print("(output \(bytes) bytes of JSON)")
            // Where the time goes: analysis alone, then analysis + scoring.
            let n = min(queries, 50_000)
            let analyse = clock.measure { for i in 0..<n { _ = classifier.analyzer.analyze(texts[i % texts.count]) } }
            let score = clock.measure { for i in 0..<n { _ = classifier.classify(texts[i % texts.count]) } }
            func us(_ d: Duration) -> Double { (Double(d.components.seconds) * 1e18 + Double(d.components.attoseconds)) / 1e12 / Double(n) }
            let sample = texts.prefix(64).map { classifier.classify($0) }
            let json = clock.measure { for i in 0..<n { _ = sample[i % sample.count].protocolJSONBytes } }
            print(String(format: "breakdown per query: analyse %.1f µs, analyse+score %.1f µs, JSON %.1f µs", us(analyse), us(score), us(json)))
        }
    }

    struct FAQ: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "FAQ lookup: index build time and lookups/s on one thread, with staff-style keyword queries.")

        @OptionGroup var dataOptions: DataOptions
        @Option(help: "Lookups to run. / 检索次数。") var lookups = 50_000

        func run() throws {
            let bundle = try dataOptions.bundle()
            let classifier = try dataOptions.classifier()
            let clock = ContinuousClock()
            var search: FAQSearch!
            let build = try clock.measure { search = try FAQSearch.load(files: bundle.files, profile: dataOptions.profile, classifier: classifier) }
            // Staff-style queries: two to four of each entry's keywords.
            let queries = search.corpus.entries.map { $0.keywords.prefix(2 + $0.id.count % 3).joined(separator: " ") }
            var found = 0
            let elapsed = clock.measure {
                for i in 0..<lookups { found += search.search(queries[i % queries.count], limit: 5).count }
            }
            func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
            print(String(format: "index build (corpus, placeholders, BM25): %.0f ms for %d entries", seconds(build) * 1000, search.corpus.entries.count))
            print(String(format: "lookups: %d in %.2f s = %.0f lookups/s (one thread), %.1f µs each", lookups, seconds(elapsed),
                         Double(lookups) / seconds(elapsed), seconds(elapsed) / Double(lookups) * 1e6))
            print("(\(found) results)")
        }
    }

    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rules: calls/s on one thread and p50/p99 latency of RuleEngine.check over random valid fact vectors from the profile, then over the fixed sample mix.",
            discussion: "Example: .build/release/anju bench rules --calls 1000000 --profile reference")

        @OptionGroup var dataOptions: DataOptions
        @Option(help: "Checks to run per mix. / 每组调用次数。") var calls = 1_000_000
        @Option(help: "Random vectors drawn (then cycled). / 随机事实向量个数。") var vectors = 4_096
        @Option(help: "Seed of the random vectors. / 随机种子。") var seed: UInt64 = 7
        @Option(help: "Evaluate as of this date (YYYY-MM-DD). / 计算日期。") var today = "2026-12-05"

        func validate() throws {
            guard calls >= 1, vectors >= 1 else { throw ValidationError("--calls and --vectors must be at least 1") }
            guard CalendarDate(today) != nil else { throw ValidationError("--today must be YYYY-MM-DD / 日期格式应为 YYYY-MM-DD") }
        }

        func run() throws {
            let engine = try dataOptions.ruleEngine()
            let day = CalendarDate(today)!
            var generator = RuleVectors(profile: engine.profile, seed: seed)
            let random = generator.make(vectors)
            // Warm up once over each mix, then measure.
            _ = RuleBench.run(engine, requests: random, calls: min(calls, 50_000), today: day, label: "warm-up")
            print(RuleBench.run(engine, requests: random, calls: calls, today: day,
                                label: "\(vectors) random valid vectors (\(engine.profile.id), seed \(seed))"))
            print(RuleBench.run(engine, requests: RuleBenchmark.sampleRequests(), calls: calls, today: day,
                                label: "RuleBenchmark.sampleRequests() (\(RuleBenchmark.sampleRequests().count) fixed requests, 4 bad)"))
        }
    }
}
