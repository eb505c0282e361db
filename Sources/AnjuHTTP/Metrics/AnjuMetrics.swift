import CoreMetrics
import Prometheus
import Synchronization

/// The service's metrics, in one Prometheus registry, recorded through swift-metrics.
///
/// Metrics are made with an explicit factory over this registry (never the global
/// `MetricsSystem`), so each server — and each test — has its own, and `GET /metrics`
/// writes exactly what this instance recorded. Names (all prefixed `anju_`):
///
/// - `anju_requests_total{op, code}`: requests answered by the backend, by op and outcome
///   (`ok` or the error code), over every transport.
/// - `anju_request_duration_seconds{op}`: backend latency histograms by op.
/// - `anju_intents_total{channel, intent}`: the intent each `ask` turn was given.
/// - `anju_turn_outcomes_total{outcome}`: `out_of_scope`, `unclear` and `handoff` turns.
/// - `anju_sessions_active`: conversations the assistant holds (a ``Sampler`` read at each
///   scrape, when the command line gives one).
/// - `anju_connections{transport}`: open WebSocket connections, and line-protocol ones
///   (`transport="line"`, a ``Sampler`` the command line adds).
/// - `anju_log_queue_rows`, `anju_log_rows{state}`: conversation-log rows waiting for the
///   batching writer, and rows written, dropped on overflow and rate-limited per peer
///   (``Sampler``s the command line adds when a member store is open).
/// - `anju_http_requests_total{path, status}`: HTTP requests by route and status, including
///   those rejected before reaching the backend.
/// - `anju_store_errors_total`, `anju_verifications_total{outcome}`, `anju_lockouts_total`:
///   recorded by the member directory the command line wraps (see ``recordVerification(_:)``).
public final class AnjuMetrics: Sendable {
    /// A gauge read when `/metrics` is scraped (e.g. the sessions the assistant holds).
    public struct Sampler: Sendable {
        public var label: String
        public var dimensions: [(String, String)]
        public var read: @Sendable () -> Int

        public init(label: String, dimensions: [(String, String)] = [], read: @escaping @Sendable () -> Int) {
            self.label = label
            self.dimensions = dimensions
            self.read = read
        }
    }

    /// The registry `GET /metrics` writes.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    private let samplers = Mutex<[(Sampler, Meter)]>([])
    private let webSocketConnections: Meter
    private let timers: [String: Timer]
    private let okCounters: [String: MetricCounter]
    /// `anju_turn_outcomes_total` by outcome (out_of_scope, unclear, handoff).
    private let outcomeCounters: [String: MetricCounter]
    /// Counters made on first use (`anju_intents_total` by channel and intent, error codes
    /// by op): made once, then found here — making a counter through the factory on every
    /// request takes the registry's lock and builds its label set each time.
    private let madeCounters = Mutex<[CounterKey: MetricCounter]>([:])

    /// A counter with two dimension values (the dimension names follow from the label).
    private struct CounterKey: Hashable {
        var label: String
        var first: String
        var second: String
    }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        ]
        self.factory = factory
        var timers: [String: Timer] = [:]
        var okCounters: [String: MetricCounter] = [:]
        for op in ["ask", "classify", "faq", "check", "reset", "ping", "health"] {
            timers[op] = Timer(label: "anju_request_duration_seconds", dimensions: [("op", op)], factory: factory)
            okCounters[op] = MetricCounter(label: "anju_requests_total", dimensions: [("op", op), ("code", "ok")], factory: factory)
        }
        self.timers = timers
        self.okCounters = okCounters
        webSocketConnections = Meter(label: "anju_connections", dimensions: [("transport", "websocket")], factory: factory)
        // Present from the start, so dashboards see zeros rather than gaps.
        var outcomeCounters: [String: MetricCounter] = [:]
        for outcome in ["out_of_scope", "unclear", "handoff"] {
            outcomeCounters[outcome] = MetricCounter(label: "anju_turn_outcomes_total", dimensions: [("outcome", outcome)], factory: factory)
        }
        self.outcomeCounters = outcomeCounters
        _ = MetricCounter(label: "anju_store_errors_total", factory: factory)
        _ = MetricCounter(label: "anju_lockouts_total", factory: factory)
    }

    /// The registry in Prometheus text format (version 0.0.4).
    public func exposition() -> [UInt8] {
        for (sampler, meter) in samplers.withLock({ $0 }) { meter.set(sampler.read()) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        registry.emit(into: &buffer)
        return buffer
    }

    /// Adds a gauge read at each scrape.
    public func add(_ sampler: Sampler) {
        let meter = Meter(label: sampler.label, dimensions: sampler.dimensions, factory: factory)
        samplers.withLock { $0.append((sampler, meter)) }
    }

    // MARK: Recording

    /// One backend answer: its op, outcome code (`ok` or an error code) and duration.
    func recordRequest(op: String, code: String, duration: Duration) {
        timers[op]?.recordNanoseconds(Self.nanoseconds(duration))
        if code == "ok", let counter = okCounters[op] {
            counter.increment()
        } else {
            counter("anju_requests_total", ("op", op), ("code", code)).increment()
        }
    }

    /// One `ask` turn's intent and outcomes.
    func recordTurn(channel: String, intent: String, handoff: Bool) {
        counter("anju_intents_total", ("channel", channel), ("intent", intent)).increment()
        if intent == "out_of_scope" || intent == "unclear" {
            outcomeCounters[intent]?.increment()
        }
        if handoff {
            outcomeCounters["handoff"]?.increment()
        }
    }

    /// The counter `label{a, b}`, made on first use.
    private func counter(_ label: String, _ a: (String, String), _ b: (String, String)) -> MetricCounter {
        let key = CounterKey(label: label, first: a.1, second: b.1)
        if let made = madeCounters.withLock({ $0[key] }) { return made }
        let made = MetricCounter(label: label, dimensions: [a, b], factory: factory)
        return madeCounters.withLock { counters in
            if let existing = counters[key] { return existing }
            counters[key] = made
            return made
        }
    }

    /// One HTTP request by route and status.
    func recordHTTP(path: String, status: Int) {
        MetricCounter(label: "anju_http_requests_total", dimensions: [("path", path), ("status", String(status))], factory: factory)
            .increment()
    }

    /// A WebSocket opened (+1) or closed (-1).
    func webSocket(opened: Bool) {
        if opened { webSocketConnections.increment() } else { webSocketConnections.decrement() }
    }

    /// The outcome of a member verification: `verified`, `wrong_pin`, `locked`,
    /// `unknown_member` or `store_error` (a lockout also counts in `anju_lockouts_total`,
    /// a store error in `anju_store_errors_total`).
    public func recordVerification(_ outcome: String) {
        MetricCounter(label: "anju_verifications_total", dimensions: [("outcome", outcome)], factory: factory).increment()
        if outcome == "locked" { MetricCounter(label: "anju_lockouts_total", factory: factory).increment() }
        if outcome == "store_error" { recordStoreError() }
    }

    /// The member store failed (a read or write that threw).
    public func recordStoreError() {
        MetricCounter(label: "anju_store_errors_total", factory: factory).increment()
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
