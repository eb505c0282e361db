import AnjuJSON
import AnjuRules

/// The rules' speed on one thread: `RuleEngine.check` (facts as JSON in, a result out — what
/// the protocol's `check` op and `anju check` run) over a list of requests, cycled.
public enum RuleBench {
    /// What one run measured.
    public struct Report: Sendable, CustomStringConvertible {
        /// What was run (`random vectors (reference)`, `samples`).
        public var label: String
        public var calls: Int
        public var seconds: Double
        /// Calls answered with an error (bad requests in the samples; none for valid vectors).
        public var errors: Int
        /// Sorted latencies, nanoseconds.
        public var latencies: [Double]
        /// The first error's rule, code and message (nil when none).
        public var firstError: String?

        public var callsPerSecond: Double { seconds > 0 ? Double(calls) / seconds : 0 }

        /// Latency at quantile `q` (0…1), in microseconds.
        public func latency(_ q: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))] / 1000
        }

        public var description: String {
            func f(_ x: Double, _ digits: Int) -> String {
                var scale = 1.0
                for _ in 0..<digits { scale *= 10 }
                let r = (x * scale).rounded() / scale
                return digits == 0 ? String(Int(r)) : String(r)
            }
            return "rules, \(label): \(calls) calls in \(f(seconds, 2)) s = \(f(callsPerSecond, 0)) calls/s (one thread); "
                + "p50 \(f(latency(0.5), 2)) µs, p99 \(f(latency(0.99), 2)) µs, max \(f(latency(1), 1)) µs; \(errors) errors"
                + (firstError.map { " (first: \($0))" } ?? "")
        }
    }

    /// Runs `calls` checks over `requests` (cycled) as of `today`.
    public static func run(_ engine: RuleEngine, requests: [(rule: String, facts: JSONValue)], calls: Int, today: CalendarDate,
                           label: String) -> Report {
        precondition(!requests.isEmpty, "requests to run")
        let clock = ContinuousClock()
        var latencies: [Double] = []
        latencies.reserveCapacity(calls)
        var errors = 0
        var firstError: String?
        let started = clock.now
        for i in 0..<calls {
            let request = requests[i % requests.count]
            let t0 = clock.now
            let result = engine.check(rule: request.rule, facts: request.facts, today: today)
            latencies.append(nanoseconds(clock.now - t0))
            if case .failure(let error) = result {
                errors += 1
                if firstError == nil { firstError = "\(request.rule) \(error.code.rawValue) \(error.message)" }
            }
        }
        let seconds = nanoseconds(clock.now - started) / 1e9
        latencies.sort()
        return Report(label: label, calls: calls, seconds: seconds, errors: errors, latencies: latencies, firstError: firstError)
    }

    static func nanoseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
    }
}
